import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeExtract } from '@schoolgate/usecases';
import { createWorld, type World } from '../support/world.js';

/**
 * Get Information about Schools (issue 14): a platform admin imports the register's extract; a
 * school registering with a URN in it is pre-filled and invited to its trust, joining only by consent.
 * The fixture is Windows-1252 (St Mary’s has byte 0x92), with ~45 of the register's columns.
 */
const extract = new Uint8Array(readFileSync(new URL('../fixtures/gias-extract.csv', import.meta.url)));
const upload = (world: World, token: string, bytes: Uint8Array | string) =>
  world.call(token, 'POST', '/v1/admin/gias/imports', bytes, { 'content-type': 'application/octet-stream' });

describe('Get Information about Schools', () => {
  let world: World;
  let admin: { token: string };
  let trustLead: { token: string };
  let trustId: string;

  beforeAll(async () => {
    world = await createWorld();
    admin = await world.user('admin', { platformAdmin: true });
    trustLead = await world.user('trust');
    trustId = (await world.call(trustLead.token, 'POST', '/v1/groups', { kind: 'trust', name: 'Aire Valley Learning Trust' })).body.id;
  });

  it('lets only a platform admin import an extract, and reads every establishment of it', async () => {
    const someone = await world.user('someone');
    expect((await upload(world, someone.token, extract)).status).toBe(403);
    const imported = await upload(world, admin.token, extract);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body).toEqual({ establishments: 5, open: 4, closed: 1, trusts: 3 });
  });

  it('pre-fills a school from its entry: name as written (Windows-1252), phase, year groups from its ages, postcode and place, trust', async () => {
    const someone = await world.user('registrant');
    const found = await world.call(someone.token, 'GET', '/v1/gias/schools/149001');
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({
      urn: '149001',
      name: 'St Mary’s Catholic Academy',
      open: true,
      type: 'Academy converter',
      phase: 'Secondary',
      yearGroups: { from: 7, to: 13 },
      postcode: 'LS6 2AB',
      trustName: 'THE AIRE VALLEY LEARNING TRUST',
      trustOnSchoolgate: true,
    });
    expect(found.body.location.latitude).toBeCloseTo(53.8, 0);
    const primary = await world.call(someone.token, 'GET', '/v1/gias/schools/149002');
    expect(primary.body).toMatchObject({ yearGroups: { from: 1, to: 6 }, postcode: 'LS5 3AA' });
    const closed = await world.call(someone.token, 'GET', '/v1/gias/schools/107999');
    expect(closed.body).toMatchObject({ open: false, status: 'Closed' });
    const studio = await world.call(someone.token, 'GET', '/v1/gias/schools/149004');
    expect(studio.body).toMatchObject({ name: 'Morley Studio School, Engineering & Digital', open: true, yearGroups: { from: 10, to: 13 }, trustOnSchoolgate: false });
    expect((await world.call(someone.token, 'GET', '/v1/gias/schools/999999')).status).toBe(404);
    expect((await world.call(someone.token, 'GET', '/v1/gias/schools/12ab')).status).toBe(400);
  });

  it('imports again idempotently: the same entries, one per URN, the newer extract winning', async () => {
    expect((await upload(world, admin.token, extract)).body).toEqual({ establishments: 5, open: 4, closed: 1, trusts: 3 });
    // The register closes Bramley Park: the next extract says so, in UTF-8 this time.
    // Decoded as the import does (Node 20's TextDecoder reads windows-1252 as Latin-1).
    const lines = decodeExtract(extract).split('\r\n');
    const bramley = lines.findIndex((l) => l.startsWith('149003,'));
    lines[bramley] = lines[bramley]!.replace(',1,Open,', ',2,Closed,');
    const again = await upload(world, admin.token, new TextEncoder().encode(lines.join('\r\n')));
    expect(again.body).toEqual({ establishments: 5, open: 3, closed: 2, trusts: 3 });
    const someone = await world.user('registrant2');
    expect((await world.call(someone.token, 'GET', '/v1/gias/schools/149003')).body).toMatchObject({ open: false, status: 'Closed' });
    expect((await world.call(someone.token, 'GET', '/v1/gias/schools/149001')).body.name).toBe('St Mary’s Catholic Academy');
  });

  it('refuses an extract without its columns, or with a bad row, naming it and storing nothing', async () => {
    const noColumns = await upload(world, admin.token, 'School,Postcode\nA school,LS1 1AA\n');
    expect(noColumns.status).toBe(400);
    expect(noColumns.body.errors[0].field).toBe('csv');
    const badRow = await upload(world, admin.token, 'URN,EstablishmentName,EstablishmentStatus (name)\n150001,Good School,Open\nnot-a-urn,Bad School,Open\n');
    expect(badRow.status).toBe(400);
    expect(badRow.body.errors).toEqual([expect.objectContaining({ field: 'csv.row 3' })]);
    expect((await world.call(admin.token, 'GET', '/v1/gias/schools/150001')).status).toBe(404);
    expect((await upload(world, admin.token, new Uint8Array())).status).toBe(400);
  });

  it('takes an extract larger than the API’s usual 300 KB body, up to 4 MB', async () => {
    const padding = 'x'.repeat(200);
    const rows = Array.from({ length: 1500 }, (_, i) => `${160000 + i},Academy ${i},Open,${padding}`);
    const big = ['URN,EstablishmentName,EstablishmentStatus (name),SchoolWebsite', ...rows].join('\r\n');
    expect(big.length).toBeGreaterThan(300 * 1024);
    const imported = await upload(world, admin.token, big);
    expect(imported.status, JSON.stringify(imported.body).slice(0, 300)).toBe(200);
    expect(imported.body.establishments).toBe(1500);
    expect((await world.call(admin.token, 'GET', '/v1/gias/schools/161499')).body.name).toBe('Academy 1499');
    const tooBig = await upload(world, admin.token, new Uint8Array(4 * 1024 * 1024 + 1));
    expect(tooBig.status).toBe(413);
    // Every other route keeps its 300 KB limit.
    expect((await world.call(admin.token, 'POST', '/v1/groups', { kind: 'trust', name: 'x'.repeat(310 * 1024) })).status).toBe(413);
  });

  it('invites a school that registers with its URN to its trust on Schoolgate; it joins only when its careers leader consents', async () => {
    const leader = await world.user('st-marys');
    const created = await world.call(leader.token, 'POST', '/v1/schools', {
      urn: '149001',
      name: 'St Mary’s Catholic Academy',
      postcode: 'LS6 2AB',
      yearGroups: { from: 7, to: 13 },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const schoolId = created.body.id as string;
    const invitations = await world.call(leader.token, 'GET', `/v1/schools/${schoolId}/groups`);
    expect(invitations.body.items).toEqual([expect.objectContaining({ groupId: trustId, kind: 'trust', status: 'invited', invitedBy: 'Get Information about Schools' })]);
    // Not joined: the trust sees nothing of it yet.
    expect((await world.call(trustLead.token, 'GET', `/v1/groups/${trustId}/overview`)).body.schools).toEqual([]);
    const consented = await world.call(leader.token, 'POST', `/v1/schools/${schoolId}/groups/${trustId}/consent`);
    expect(consented.body.status).toBe('consented');
    // A school of a trust not on Schoolgate, or with no trust, is invited to nothing.
    const studio = await world.user('studio');
    const other = await world.call(studio.token, 'POST', '/v1/schools', { urn: '149004', name: 'Morley Studio School', postcode: 'LS27 0QF', yearGroups: { from: 10, to: 13 } });
    expect((await world.call(studio.token, 'GET', `/v1/schools/${other.body.id}/groups`)).body.items).toEqual([]);
  });

  it('does not invite a school whose register entry is closed', async () => {
    const leader = await world.user('old-mill');
    await world.call(admin.token, 'POST', '/v1/admin/gias/imports', 'URN,EstablishmentName,EstablishmentStatus (name),Trusts (name)\n107998,Shut Academy,Closed,Aire Valley Learning Trust\n', { 'content-type': 'text/csv' });
    const created = await world.call(leader.token, 'POST', '/v1/schools', { urn: '107998', name: 'Shut Academy', postcode: 'LS6 2AB', yearGroups: { from: 7, to: 11 } });
    expect(created.status).toBe(201);
    expect((await world.call(leader.token, 'GET', `/v1/schools/${created.body.id}/groups`)).body.items).toEqual([]);
  });
});

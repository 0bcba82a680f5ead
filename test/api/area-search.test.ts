import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys, searchArea } from '@schoolgate/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { publishSlot, request, setUpProvider, setUpSchool, type SchoolSetup } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';

/**
 * Search by area (packages/store/src/area-index.ts): places come from postcodes, a search reads
 * only the cells its radius covers, and what cannot be booked leaves the index.
 */
describe('search by area', () => {
  let world: World;
  let admin: { token: string };
  let school: SchoolSetup;
  let provider: Awaited<ReturnType<typeof setUpProvider>>;
  beforeAll(async () => {
    world = await createWorld();
    admin = await world.user('admin', { platformAdmin: true });
    school = await setUpSchool(world, admin);
    provider = await setUpProvider(world, admin);
  });

  const search = (query: string) => world.call(provider.user.token, 'GET', `/v1/slots?orgId=${provider.orgId}&from=2026-11-01&to=2027-03-31&${query}`);
  const slotEntries = async (schoolId: string) =>
    (
      await world.db.doc.send(
        new QueryCommand({
          TableName: world.db.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.organisation(schoolId).pk, ':prefix': 'AREA#slot#' },
        }),
      )
    ).Items ?? [];

  it('finds a school registered a minute ago from its postcode alone, near another postcode too', async () => {
    const leader = await world.user('leader');
    const created = await world.call(leader.token, 'POST', '/v1/schools', {
      urn: '399001',
      name: 'Tyneside Academy',
      address: '1 Quayside, Newcastle',
      postcode: 'NE1 4ST',
      yearGroups: { from: 7, to: 11 },
      roll: { '10': 150 },
      venues: [{ name: 'Hall', capacity: 400, facilities: [] }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.location.latitude).toBeCloseTo(54.97, 1);
    const tyneside: SchoolSetup = { leader, schoolId: created.body.id, hallId: created.body.venues[0].id, studioId: '' };
    await world.call(admin.token, 'POST', `/v1/admin/organisations/${tyneside.schoolId}/verify`);
    const { calendar2026, policy } = await import('../support/fixtures.js');
    await world.call(leader.token, 'PUT', `/v1/schools/${tyneside.schoolId}/calendar`, calendar2026);
    await world.call(leader.token, 'PUT', `/v1/schools/${tyneside.schoolId}/policy`, policy());
    await world.call(leader.token, 'POST', `/v1/schools/${tyneside.schoolId}/policy/publish`);
    const published = await publishSlot(world, tyneside, { date: '2026-12-08', yearGroups: [10] });

    // The Leeds college's own 50 km does not reach Newcastle; near a Newcastle postcode it does.
    expect((await search('yearGroup=10')).body.items.map((s: { id: string }) => s.id)).not.toContain(published.id);
    const nearby = await search('yearGroup=10&near=NE2');
    expect(nearby.status).toBe(200);
    expect(nearby.body.items.map((s: { id: string }) => s.id)).toContain(published.id);
    expect(nearby.body.items.find((s: { id: string }) => s.id === published.id).distanceKm).toBeLessThan(5);
  });

  it('asks for a place when the searcher has none and names no postcode, and for a known one when it names an unknown one', async () => {
    const user = await world.user('nowhere');
    const created = await world.call(user.token, 'POST', '/v1/providers', {
      ukprn: '10999001',
      name: 'Nowhere Training',
      providerType: 'itp',
      offers: ['apprenticeships'],
      postcode: 'ZZ9 9ZZ',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.location).toBeUndefined();
    await world.call(admin.token, 'POST', `/v1/admin/organisations/${created.body.id}/verify`);
    const lost = await world.call(user.token, 'GET', `/v1/slots?orgId=${created.body.id}&from=2026-11-01&to=2026-11-30`);
    expect(lost.status).toBe(400);
    expect(lost.body.errors[0].field).toBe('near');
    expect(lost.body.detail).toMatch(/query/);
    const unknown = await world.call(user.token, 'GET', `/v1/slots?orgId=${created.body.id}&from=2026-11-01&to=2026-11-30&near=ZZ9`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('near');
    const found = await world.call(user.token, 'GET', `/v1/slots?orgId=${created.body.id}&from=2026-11-01&to=2026-11-30&near=LS1`);
    expect(found.status).toBe(200);
  });

  it('takes a slot out of search when its last place is confirmed, and puts it back when a booking is cancelled', async () => {
    const { id } = await publishSlot(world, school, { date: '2026-11-24', yearGroups: [10], places: 1, statutory: false });
    expect(await slotEntries(school.schoolId)).toEqual(expect.arrayContaining([expect.objectContaining({ id })]));
    const asked = await request(world, provider, school.schoolId, id);
    // A request does not touch the entry.
    expect((await search('yearGroup=10')).body.items.map((s: { id: string }) => s.id)).toContain(id);
    const approved = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${asked.body.id}/approve`, {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect((await slotEntries(school.schoolId)).map((e) => e.id)).not.toContain(id);
    expect((await search('yearGroup=10')).body.items.map((s: { id: string }) => s.id)).not.toContain(id);
    const cancelled = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${asked.body.id}/cancel`, { reason: 'Hall flooded' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect((await search('yearGroup=10')).body.items.map((s: { id: string }) => s.id)).toContain(id);
  });

  it('takes a withdrawn slot out of search', async () => {
    const { id } = await publishSlot(world, school, { date: '2026-11-25', yearGroups: [10] });
    expect((await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/slots/${id}/withdraw`)).status).toBe(200);
    expect((await slotEntries(school.schoolId)).map((e) => e.id)).not.toContain(id);
  });

  it('drops a slot filled by racing approvals from results and from the index', async () => {
    const { id } = await publishSlot(world, school, { date: '2026-11-26', yearGroups: [11], places: 2, statutory: false });
    const providers = await Promise.all([0, 1, 2, 3].map(() => setUpProvider(world, admin)));
    const asks = await Promise.all(providers.map((p) => request(world, p, school.schoolId, id)));
    await Promise.all(asks.map((a) => world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${a.body.id}/approve`, {})));
    const results = await search('yearGroup=11');
    expect(results.body.items.map((s: { id: string }) => s.id)).not.toContain(id);
    expect((await slotEntries(school.schoolId)).map((e) => e.id)).not.toContain(id);
  });

  it('reads only the cells its radius covers: a crowded city elsewhere costs nothing', async () => {
    // 300 entries in London's cell, one in Leeds.
    const { putAreaEntry, transact } = await import('@schoolgate/store');
    for (let batch = 0; batch < 30; batch++) {
      await transact(
        world.db,
        Array.from({ length: 10 }, (_, i) =>
          putAreaEntry(world.db, { kind: 'offer', id: `ldn-${batch}-${i}`, ownerOrgId: 'org_ldn', date: '2027-01-12', location: { latitude: 51.5, longitude: -0.12 }, data: { n: batch * 10 + i } }),
        ),
      );
    }
    await transact(world.db, [putAreaEntry(world.db, { kind: 'offer', id: 'leeds-1', ownerOrgId: 'org_lds', date: '2027-01-12', location: { latitude: 53.8, longitude: -1.55 }, data: { n: -1 } })]);
    const { callCounter } = await import('@schoolgate/store');
    callCounter.reset();
    const leeds = await searchArea(world.db, { kind: 'offer', centre: { latitude: 53.81, longitude: -1.56 }, withinKm: 25, from: '2027-01-01', to: '2027-01-31', limit: 20 });
    expect(leeds.items.map((hit) => hit.id)).toEqual(['leeds-1']);
    expect(callCounter.reads).toBeLessThanOrEqual(4);
    const london = await searchArea<{ n: number }>(db(), { kind: 'offer', centre: { latitude: 51.51, longitude: -0.1 }, withinKm: 10, from: '2027-01-01', to: '2027-01-31', limit: 100 });
    expect(london.items).toHaveLength(100);
    expect(london.lastKey).toBeDefined();
    const next = await searchArea<{ n: number }>(db(), { kind: 'offer', centre: { latitude: 51.51, longitude: -0.1 }, withinKm: 10, from: '2027-01-01', to: '2027-01-31', limit: 500, after: london.lastKey! });
    expect(new Set([...london.items, ...next.items].map((hit) => hit.id)).size).toBe(300);
  });

  const db = () => world.db;
});

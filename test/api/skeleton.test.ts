import { describe, expect, it, beforeAll } from 'vitest';
import { createWorld, type World } from '../support/world.js';

const school = {
  urn: '100001',
  name: 'Hartfield Academy',
  postcode: 'ls6 2ab',
  yearGroups: { from: 7, to: 11 },
  roll: { '7': 180, '8': 178, '9': 175, '10': 172, '11': 170 },
};

describe('walking skeleton: school profile through the API', () => {
  let world: World;
  let leader: { token: string; email: string };
  beforeAll(async () => {
    world = await createWorld();
    leader = await world.user('leader');
  });

  it('reports the table reachable without signing in', async () => {
    const res = await world.call(undefined, 'GET', '/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', table: { status: 'ACTIVE' } });
    // A public route does not publish what the table is called.
    expect(JSON.stringify(res.body)).not.toContain(world.db.tableName);
  });

  it('creates a school and reads it back, normalising the postcode', async () => {
    const created = await world.call(leader.token, 'POST', '/v1/schools', { ...school, urn: '100002' });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/v1/organisations/${created.body.id}`);
    const read = await world.call(leader.token, 'GET', `/v1/schools/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ urn: '100002', name: 'Hartfield Academy', postcode: 'LS6 2AB', yearGroups: { from: 7, to: 11 } });
    expect(read.body.rolls['2026']).toEqual(school.roll);
  });

  it('makes the creator the careers leader', async () => {
    const me = await world.call(leader.token, 'GET', '/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.memberships).toContainEqual(expect.objectContaining({ kind: 'school', role: 'careers_leader', orgName: 'Hartfield Academy' }));
  });

  it('answers bad input with 400 problem+json naming every bad field', async () => {
    const res = await world.call(leader.token, 'POST', '/v1/schools', {
      ...school,
      urn: '12',
      postcode: 'nowhere',
      yearGroups: { from: 11, to: 7 },
      roll: { '14': 3 },
      headteacher: 'Ms X',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['urn', 'postcode', 'yearGroups.to', 'roll.14', 'headteacher']));
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await world.call(leader.token, 'POST', '/v1/schools', '{"urn": ');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers an unknown id with 404 problem+json', async () => {
    const res = await world.call(leader.token, 'GET', '/v1/schools/01NOPE');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ status: 404, title: 'Not found' });
  });

  it('refuses a second school with the URN of a verified school and writes nothing', async () => {
    const other = await world.user('other');
    const admin = await world.user('admin', { platformAdmin: true });
    const first = await world.call(leader.token, 'POST', '/v1/schools', { ...school, urn: '100003' });
    expect(first.status).toBe(201);
    expect((await world.call(admin.token, 'POST', `/v1/admin/organisations/${first.body.id}/verify`)).status).toBe(200);
    const second = await world.call(other.token, 'POST', '/v1/schools', { ...school, urn: '100003', name: 'Impostor' });
    expect(second.status).toBe(409);
    expect(second.body.errors[0].code).toBe('DUPLICATE_URN');
    const me = await world.call(other.token, 'GET', '/v1/me');
    expect(me.body.memberships).toEqual([]);
  });

  it('rejects a missing or forged token with 401', async () => {
    expect((await world.call(undefined, 'GET', '/v1/me')).status).toBe(401);
    const forged = leader.token.slice(0, -4) + 'AAAA';
    expect((await world.call(forged, 'GET', '/v1/me')).status).toBe(401);
  });

  it('rejects a body over the size limit with 413', async () => {
    const res = await world.call(leader.token, 'POST', '/v1/schools', { ...school, name: 'x'.repeat(700 * 1024) });
    expect(res.status).toBe(413);
  });

  it('hides roll numbers from non-members', async () => {
    const created = await world.call(leader.token, 'POST', '/v1/schools', { ...school, urn: '100004' });
    const stranger = await world.user('stranger');
    const read = await world.call(stranger.token, 'GET', `/v1/schools/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.rolls).toBeUndefined();
    expect(read.body.name).toBe('Hartfield Academy');
  });
});

describe('updating a school profile', () => {
  it('changes only the fields a PATCH names', async () => {
    const world = await createWorld();
    const leader = await world.user('patcher');
    const created = await world.call(leader.token, 'POST', '/v1/schools', {
      ...school,
      urn: '100009',
      venues: [{ name: 'Hall', capacity: 300 }],
    });
    const patched = await world.call(leader.token, 'PATCH', `/v1/schools/${created.body.id}`, { name: 'Hartfield Academy Trust School' });
    expect(patched.status).toBe(200);
    expect(patched.body.name).toBe('Hartfield Academy Trust School');
    expect(patched.body.venues).toEqual(created.body.venues);
    expect(patched.body.rolls).toEqual(created.body.rolls);
  });
});

describe('API description', () => {
  it('serves an OpenAPI 3.1 document generated from the zod schemas, and a docs page, without sign-in', async () => {
    const world = await createWorld();
    const doc = await world.call(undefined, 'GET', '/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    const createSchoolBody = doc.body.paths['/v1/schools'].post.requestBody.content['application/json'].schema;
    expect(createSchoolBody.required).toEqual(expect.arrayContaining(['urn', 'name', 'postcode', 'yearGroups']));
    expect(createSchoolBody.additionalProperties).toBe(false);
    expect(doc.body.paths['/v1/public/schools/{urn}/policy'].get.security).toEqual([]);
    const page = await world.call(undefined, 'GET', '/v1/docs');
    expect(page.status).toBe(200);
    expect(page.body).toContain('POST /v1/schools/{schoolId}/bookings/{bookingId}/approve');
  });
});

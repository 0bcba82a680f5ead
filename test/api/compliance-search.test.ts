import { beforeAll, describe, expect, it } from 'vitest';
import { publishSlot, request, setUpProvider, setUpSchool, type SchoolSetup } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';

describe('compliance, public policy and slot search', () => {
  let world: World;
  let admin: { token: string };
  let school: SchoolSetup;
  beforeAll(async () => {
    world = await createWorld();
    admin = await world.user('admin', { platformAdmin: true });
    school = await setUpSchool(world, admin);
  });

  const phaseOf = (body: any, yearGroupNow: number, phase: number) =>
    body.cohorts.find((c: any) => c.yearGroupNow === yearGroupNow).phases.find((p: any) => p.phase === phase);

  it('moves Year 9 from AT_RISK to ON_TRACK to MET as two providers are confirmed and delivered', async () => {
    const path = `/v1/schools/${school.schoolId}/compliance`;
    const before = await world.call(school.leader.token, 'GET', path);
    expect(before.status).toBe(200);
    expect(phaseOf(before.body, 9, 1)).toMatchObject({ status: 'AT_RISK', deadline: '2027-02-28' });
    expect(phaseOf(before.body, 9, 1).missing).toMatch(/Year 9/);
    expect(phaseOf(before.body, 9, 3).status).toBe('NOT_APPLICABLE');

    const bookings: string[] = [];
    for (const date of ['2026-11-03', '2026-11-04']) {
      const provider = await setUpProvider(world, admin);
      const { id } = await publishSlot(world, school, { date });
      const r = await request(world, provider, school.schoolId, id);
      expect((await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${r.body.id}/approve`, {})).status).toBe(200);
      bookings.push(r.body.id);
    }
    const planned = await world.call(school.leader.token, 'GET', path);
    expect(phaseOf(planned.body, 9, 1).status).toBe('ON_TRACK');
    expect(phaseOf(planned.body, 9, 1).providers.confirmed).toHaveLength(2);

    world.clock.now = new Date('2026-11-05T12:00:00Z');
    try {
      for (const id of bookings) {
        const done = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${id}/attendance`, { delivered: true });
        expect(done.status).toBe(200);
      }
      const met = await world.call(school.leader.token, 'GET', path);
      expect(phaseOf(met.body, 9, 1)).toMatchObject({ status: 'MET', missing: null });
      expect(phaseOf(met.body, 9, 1).providers.delivered).toHaveLength(2);
      // Year 8 shares phase 1 but has had no encounter: still at risk.
      expect(phaseOf(met.body, 8, 1).status).toBe('AT_RISK');
    } finally {
      world.clock.now = new Date('2026-09-15T10:00:00Z');
    }
  });

  it('publishes the policy statement publicly by URN, without signing in', async () => {
    const profile = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}`);
    const res = await world.call(undefined, 'GET', `/v1/public/schools/${profile.body.urn}/policy`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 1, school: { urn: profile.body.urn }, noticePeriodSchoolDays: 5 });
    expect(res.body.refusalGrounds.map((g: { id: string }) => g.id)).toEqual(['exam-clash', 'need-met']);
    expect(res.body.createdBy).toBeUndefined();
    expect((await world.call(undefined, 'GET', '/v1/public/schools/999999/policy')).status).toBe(404);
    expect((await world.call(undefined, 'GET', '/v1/public/schools/abc/policy')).status).toBe(400);
  });

  it('versions the policy: a new draft does not change what is published until it is published', async () => {
    const draft = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/policy`);
    const { version: _v, createdAt: _c, createdBy: _b, publishedAt: _p, ...input } = draft.body.published;
    const saved = await world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/policy`, { ...input, noticePeriodSchoolDays: 15 });
    expect(saved.body.version).toBe(2);
    const both = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/policy`);
    expect(both.body.published.version).toBe(1);
    expect(both.body.draft.version).toBe(2);
  });

  it('finds open slots by date range, year group, format and distance, a page at a time', async () => {
    const provider = await setUpProvider(world, admin);
    const far = await setUpSchool(world, admin);
    // Move the far school to Newcastle, ~140 km from Leeds: its postcode places it.
    const moved = await world.call(far.leader.token, 'PATCH', `/v1/schools/${far.schoolId}`, { postcode: 'NE1 4ST' });
    expect(moved.body.location.latitude).toBeCloseTo(54.97, 1);
    for (const date of ['2026-12-01', '2026-12-02', '2026-12-03', '2027-01-12']) await publishSlot(world, school, { date, yearGroups: [10] });
    await publishSlot(world, school, { date: '2026-12-02', yearGroups: [10], format: 'workshop' });
    await publishSlot(world, far, { date: '2026-12-02', yearGroups: [10] });
    const base = `/v1/slots?orgId=${provider.orgId}&from=2026-12-01&to=2027-01-31&yearGroup=10&format=assembly&withinKm=50&limit=2`;
    const page1 = await world.call(provider.user.token, 'GET', base);
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((s: { date: string }) => s.date)).toEqual(['2026-12-01', '2026-12-02']);
    expect(page1.body.items[0].distanceKm).toBeLessThan(5);
    const page2 = await world.call(provider.user.token, 'GET', `${base}&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((s: { date: string }) => s.date)).toEqual(['2026-12-03', '2027-01-12']);
    const page3 = page2.body.nextCursor ? await world.call(provider.user.token, 'GET', `${base}&cursor=${page2.body.nextCursor}`) : { body: { items: [] } };
    expect(page3.body.items).toEqual([]);
    // With no distance given a search reaches 50 km; a wider one finds Newcastle too.
    const near = await world.call(provider.user.token, 'GET', `/v1/slots?orgId=${provider.orgId}&from=2026-12-02&to=2026-12-02&yearGroup=10&format=assembly`);
    expect(near.body.items).toHaveLength(1);
    const wide = await world.call(provider.user.token, 'GET', `/v1/slots?orgId=${provider.orgId}&from=2026-12-02&to=2026-12-02&yearGroup=10&format=assembly&withinKm=200`);
    expect(wide.body.items.map((s: { distanceKm: number }) => Math.round(s.distanceKm / 10) * 10).sort((a: number, b: number) => a - b)).toEqual([0, 130]);
  });

  it('refuses a cursor used with other filters, or forged', async () => {
    const provider = await setUpProvider(world, admin);
    const base = `/v1/slots?orgId=${provider.orgId}&from=2026-12-01&to=2027-01-31&limit=1`;
    const page1 = await world.call(provider.user.token, 'GET', base);
    const other = await world.call(provider.user.token, 'GET', `/v1/slots?orgId=${provider.orgId}&from=2026-09-01&to=2027-01-31&limit=1&cursor=${page1.body.nextCursor}`);
    expect(other.status).toBe(400);
    expect(other.body.errors[0].field).toBe('cursor');
    const forged = Buffer.from(JSON.stringify({ p: 'ORG#x', f: 'y' })).toString('base64url');
    expect((await world.call(provider.user.token, 'GET', `${base}&cursor=${forged}`)).status).toBe(400);
  });
});

import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, ulid } from '@schoolgate/api';
import { callApi } from '@schoolgate/local';
import { keys, LIVE_LIMITS, WRITES_PER_MINUTE_PER_USER } from '@schoolgate/store';
import { codes, publishSlot, request, setUpProvider, setUpSchool, type SchoolSetup } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';

/**
 * Slot hoarding (OWASP API6): one organisation may hold only so many live requests and proposals,
 * per school and in all. DynamoDB counters decide, so racing requests cannot slip past the limit.
 */
describe('live request and proposal limits', () => {
  let world: World;
  let admin: { token: string; email: string };
  let school: SchoolSetup;
  beforeAll(async () => {
    world = await createWorld();
    admin = await world.user('admin', { platformAdmin: true });
    school = await setUpSchool(world, admin);
  });

  /** `count` open supplementary slots at one school, a quarter of an hour apart. */
  async function slots(at: SchoolSetup, count: number, date = '2026-11-11'): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const minutes = 9 * 60 + i * 15;
      const time = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      ids.push((await publishSlot(world, at, { date, start: time(minutes), end: time(minutes + 10), statutory: false, format: 'talk', places: 1 })).id);
    }
    return ids;
  }

  it(`30 concurrent requests from one provider to one school's slots: exactly ${LIVE_LIMITS.request.perSchool} succeed, the rest are 429 naming the limit`, async () => {
    const provider = await setUpProvider(world, admin);
    const ids = await slots(school, 30);
    const results = await Promise.all(ids.map((id) => request(world, provider, school.schoolId, id)));
    const won = results.filter((r) => r.status === 201);
    expect(won).toHaveLength(LIVE_LIMITS.request.perSchool);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused.every((r) => r.status === 429 && codes(r.body)[0] === 'LIVE_REQUESTS_PER_SCHOOL')).toBe(true);
    expect(refused[0]!.headers.get('content-type')).toContain('application/problem+json');
    expect(refused[0]!.body.errors[0].message).toContain(String(LIVE_LIMITS.request.perSchool));
    // Nothing partial: the refused requests left no booking, hold or pending count behind.
    const inbox = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/bookings?status=requested`);
    expect(inbox.body.items.filter((b: { requesterOrgId: string }) => b.requesterOrgId === provider.orgId)).toHaveLength(LIVE_LIMITS.request.perSchool);
    const mine = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/slots`);
    expect(mine.body.items.filter((s: { id: string; pendingCount: number }) => ids.includes(s.id) && s.pendingCount === 1)).toHaveLength(LIVE_LIMITS.request.perSchool);

    // Every way out of 'requested' gives a place back: withdraw, decline, approve.
    const free = ids.filter((id) => !won.some((w) => w.body.slotId === id));
    const b = (i: number) => `/v1/schools/${school.schoolId}/bookings/${won[i]!.body.id}`;
    expect((await world.call(provider.user.token, 'POST', `${b(0)}/withdraw`)).status).toBe(200);
    expect((await world.call(school.leader.token, 'POST', `${b(1)}/decline`, { groundId: 'exam-clash' })).status).toBe(200);
    expect((await world.call(school.leader.token, 'POST', `${b(2)}/approve`, {})).status).toBe(200);
    const again = await Promise.all(free.slice(0, 5).map((id) => request(world, provider, school.schoolId, id)));
    expect(again.filter((r) => r.status === 201)).toHaveLength(3);
    expect(again.filter((r) => r.status === 429)).toHaveLength(2);
  });

  it(`counts live requests across schools: at ${LIVE_LIMITS.request.overall} in all, racing requests to two schools get exactly one more`, async () => {
    const provider = await setUpProvider(world, admin);
    const other = await setUpSchool(world, admin);
    // As if the provider already had all but one of its live requests elsewhere.
    await world.db.doc.send(
      new PutCommand({ TableName: world.db.tableName, Item: { ...keys.liveCounter(provider.orgId, 'request'), type: 'live-counter', live: LIVE_LIMITS.request.overall - 1 } }),
    );
    const here = await slots(school, 3, '2026-11-12');
    const there = await slots(other, 3, '2026-11-12');
    const results = await Promise.all([...here.map((id) => request(world, provider, school.schoolId, id)), ...there.map((id) => request(world, provider, other.schoolId, id))]);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 429).every((r) => codes(r.body)[0] === 'LIVE_REQUESTS_OVERALL')).toBe(true);
  });

  it(`12 concurrent proposals to one school: exactly ${LIVE_LIMITS.proposal.perSchool} stored; answering one frees a place`, async () => {
    const provider = await setUpProvider(world, admin);
    const propose = (i: number) =>
      world.call(provider.user.token, 'POST', `/v1/organisations/${provider.orgId}/proposals`, {
        schoolId: school.schoolId, date: '2026-11-18', start: `${String(9 + (i % 6)).padStart(2, '0')}:00`, end: `${String(9 + (i % 6)).padStart(2, '0')}:30`, yearGroups: [9], format: 'talk', message: `Idea ${i}`,
      });
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => propose(i)));
    const stored = results.filter((r) => r.status === 201);
    expect(stored).toHaveLength(LIVE_LIMITS.proposal.perSchool);
    expect(results.filter((r) => r.status === 429).every((r) => codes(r.body)[0] === 'LIVE_PROPOSALS_PER_SCHOOL')).toBe(true);
    const listed = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/proposals`);
    expect(listed.body.items.filter((p: { requesterOrgId: string }) => p.requesterOrgId === provider.orgId)).toHaveLength(LIVE_LIMITS.proposal.perSchool);
    const p = (i: number) => `/v1/schools/${school.schoolId}/proposals/${stored[i]!.body.id}`;
    expect((await world.call(school.leader.token, 'POST', `${p(0)}/decline`, { groundId: 'need-met' })).status).toBe(200);
    expect((await world.call(school.leader.token, 'POST', `${p(1)}/accept`, { venueId: school.hallId, title: 'Talk', places: 1, statutory: false })).status).toBe(201);
    const more = await Promise.all([propose(20), propose(21), propose(22)]);
    expect(more.map((r) => r.status).sort()).toEqual([201, 201, 429]);
  });

  it('refuses a proposal to a school not yet verified, like a request', async () => {
    const provider = await setUpProvider(world, admin);
    const leader = await world.user('unverified');
    const created = await world.call(leader.token, 'POST', '/v1/schools', {
      urn: '488001', name: 'Pending Academy', postcode: 'LS1 1AA', yearGroups: { from: 7, to: 11 }, roll: { '9': 100 }, venues: [{ name: 'Hall', capacity: 300 }],
    });
    const { calendar2026, policy } = await import('../support/fixtures.js');
    await world.call(leader.token, 'PUT', `/v1/schools/${created.body.id}/calendar`, calendar2026);
    await world.call(leader.token, 'PUT', `/v1/schools/${created.body.id}/policy`, policy());
    expect((await world.call(leader.token, 'POST', `/v1/schools/${created.body.id}/policy/publish`)).status).toBe(200);
    const res = await world.call(provider.user.token, 'POST', `/v1/organisations/${provider.orgId}/proposals`, {
      schoolId: created.body.id, date: '2026-11-18', start: '10:00', end: '10:30', yearGroups: [9], format: 'talk',
    });
    expect(res.status).toBe(409);
    expect(codes(res.body)).toEqual(['SCHOOL_NOT_VERIFIED']);
  });
});

describe('per-caller write rate', () => {
  afterEach(() => vi.restoreAllMocks());

  it('lets one user make at most the limit of writes in a minute, however they race, and leaves others and reads alone', async () => {
    const world = await createWorld();
    vi.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-09-15T10:00:10Z'));
    const limit = 5;
    const app = createApp({
      db: world.db,
      verifier: { verify: async (token) => ({ userId: token, email: `${token}@example.org`, platformAdmin: false }) },
      now: () => world.clock.now,
      newId: () => ulid(),
      webBaseUrl: '',
      writesPerMinute: limit,
    });
    const create = (who: string, i: number) => callApi(app, who, 'POST', '/v1/employers', { name: `Hoarder ${i}`, sector: 'Retail', postcode: 'LS1 2AB' });
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => create('hoarder', i)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(limit);
    const limited = results.filter((r) => r.status === 429);
    expect(limited).toHaveLength(12 - limit);
    expect(codes(limited[0]!.body)).toEqual(['RATE_LIMITED']);
    expect(limited[0]!.headers.get('retry-after')).toBe('50');
    expect((await callApi(app, 'hoarder', 'GET', '/v1/me')).status).toBe(200);
    expect((await create('someone-else', 99)).status).toBe(201);
    // The next minute starts afresh.
    vi.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-09-15T10:01:00Z'));
    expect((await create('hoarder', 100)).status).toBe(201);
    expect(WRITES_PER_MINUTE_PER_USER).toBeGreaterThanOrEqual(30);
  });
});

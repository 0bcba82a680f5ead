import { beforeAll, describe, expect, it } from 'vitest';
import { setUpProvider, setUpSchool, type SchoolSetup } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';

describe('proposals: a provider suggests a time, the school turns it into a slot', () => {
  let world: World;
  let school: SchoolSetup;
  let provider: Awaited<ReturnType<typeof setUpProvider>>;
  beforeAll(async () => {
    world = await createWorld();
    const admin = await world.user('admin', { platformAdmin: true });
    school = await setUpSchool(world, admin);
    provider = await setUpProvider(world, admin);
  });

  const propose = (overrides: Record<string, unknown> = {}) =>
    world.call(provider.user.token, 'POST', `/v1/organisations/${provider.orgId}/proposals`, {
      schoolId: school.schoolId, date: '2026-12-08', start: '09:00', end: '09:30', yearGroups: [10], format: 'assembly', message: 'Engineering T Level taster', ...overrides,
    });

  it('refuses a time outside the published access times', async () => {
    const res = await propose({ start: '15:00', end: '15:40' });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].code).toBe('ACCESS_TIMES');
  });

  it('accepting makes exactly one slot that counts toward the right phase', async () => {
    const proposed = await propose();
    expect(proposed.status).toBe(201);
    const list = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/proposals`);
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(proposed.body.id);
    const path = `/v1/schools/${school.schoolId}/proposals/${proposed.body.id}`;
    const body = { venueId: school.hallId, title: 'Year 10 T Level assembly', places: 1, statutory: true };
    const accepted = await world.call(school.leader.token, 'POST', `${path}/accept`, body);
    expect(accepted.status).toBe(201);
    expect(accepted.body.countsToward).toEqual([{ yearGroup: 10, cohort: 2023, phase: 2 }]);
    const again = await world.call(school.leader.token, 'POST', `${path}/accept`, body);
    expect(again.status).toBe(409);
    const slots = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/slots`);
    expect(slots.body.items.filter((s: { title: string }) => s.title === 'Year 10 T Level assembly')).toHaveLength(1);
    expect((await world.call(provider.user.token, 'POST', `${path}/accept`, body)).status).toBe(404);
    // The proposer sees what became of it; another provider sees nothing.
    const mine = await world.call(provider.user.token, 'GET', `/v1/organisations/${provider.orgId}/proposals`);
    expect(mine.body.items.find((p: { id: string }) => p.id === proposed.body.id)).toMatchObject({ status: 'accepted', slotId: accepted.body.id, schoolName: expect.stringMatching(/^School /) });
    expect((await world.call(provider.user.token, 'GET', path)).body.status).toBe('accepted');
    const admin = await world.user('admin2', { platformAdmin: true });
    const other = await setUpProvider(world, admin);
    expect((await world.call(other.user.token, 'GET', path)).status).toBe(404);
    expect((await world.call(other.user.token, 'GET', `/v1/organisations/${provider.orgId}/proposals`)).status).toBe(404);
  });

  it('declines only on a published ground', async () => {
    const proposed = await propose({ date: '2026-12-09' });
    const path = `/v1/schools/${school.schoolId}/proposals/${proposed.body.id}/decline`;
    expect((await world.call(school.leader.token, 'POST', path, { groundId: 'busy' })).status).toBe(400);
    const declined = await world.call(school.leader.token, 'POST', path, { groundId: 'need-met', note: 'Year 10 is covered this term.' });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'declined', declineGround: { id: 'need-met' } });
  });
});

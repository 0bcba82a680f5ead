import { beforeAll, describe, expect, it } from 'vitest';
import { slot, setUpSchool, setUpProvider, type SchoolSetup } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';

/**
 * Recurring and bulk slots (issue 15): the same assembly every Tuesday of a half term, created in
 * one go, each date judged as a single publish would judge it, each slot written once.
 */
describe('slot series', () => {
  let world: World;
  let admin: { token: string };
  let school: SchoolSetup;
  beforeAll(async () => {
    world = await createWorld();
    admin = await world.user('admin', { platformAdmin: true });
    school = await setUpSchool(world, admin);
  });
  const { date: _date, ...assembly } = slot('', {});
  const series = (body: Record<string, unknown>) =>
    world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/slots/series`, { ...assembly, venueId: school.hallId, ...body });
  const slotsOfSchool = async () => (await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/slots?limit=100`)).body.items as Array<{ id: string; date: string; statutory: boolean }>;

  it('creates every Tuesday of the range, reports the half-term Tuesday with its rule codes and does not create it', async () => {
    const answer = await series({ seriesId: '01SERIESTUESDAYS0001', every: { weekday: 'tuesday', from: '2026-10-12', to: '2026-11-06' } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.dates.map((d: { date: string; outcome: string }) => [d.date, d.outcome])).toEqual([
      ['2026-10-13', 'created'],
      ['2026-10-20', 'created'],
      ['2026-10-27', 'refused'],
      ['2026-11-03', 'created'],
    ]);
    expect(answer.body).toMatchObject({ created: 3, refused: 1 });
    const refused = answer.body.dates[2];
    expect(refused.violations.length).toBeGreaterThan(0);
    expect(refused.slotId).toBeUndefined();
    // The same codes a single publish of that date answers with.
    const single = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/slots`, slot(school.hallId, { date: '2026-10-27' }));
    expect(single.status).toBe(422);
    expect(refused.violations.map((v: { code: string }) => v.code)).toEqual(single.body.errors.map((e: { code: string }) => e.code));
    const stored = await slotsOfSchool();
    expect(stored.filter((s) => s.id.startsWith('01SERIESTUESDAYS0001-')).map((s) => s.date).sort()).toEqual(['2026-10-13', '2026-10-20', '2026-11-03']);
  });

  it('creates nothing twice when the same series is sent again, and says so', async () => {
    const body = { seriesId: '01SERIESRETRIED00001', dates: ['2026-11-17', '2026-11-24'] };
    const [first, again] = await Promise.all([series(body), series(body)]);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.dates.map((d: { outcome: string }) => d.outcome)).toEqual(['created', 'created']);
    const ids = (await slotsOfSchool()).filter((s) => s.id.startsWith('01SERIESRETRIED00001-'));
    expect(ids).toHaveLength(2);
  });

  it('creates a supplementary series on a holiday with warnings, as a single publish does', async () => {
    const answer = await series({ seriesId: '01SERIESSUPPLEMENT01', statutory: false, dates: ['2026-10-27', '2026-12-01'] });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.dates.map((d: { outcome: string }) => d.outcome)).toEqual(['created', 'created']);
    expect(answer.body.dates[0].violations.length).toBeGreaterThan(0);
    expect(answer.body.dates[1].violations).toEqual([]);
  });

  it('refuses a series with both dates and a weekday, a past date on its own line, and outsiders', async () => {
    const both = await series({ seriesId: '01SERIESBOTHGIVEN001', dates: ['2026-11-17'], every: { weekday: 'tuesday', from: '2026-11-01', to: '2026-11-30' } });
    expect(both.status).toBe(400);
    expect(both.body.errors[0].field).toBe('dates');
    const past = await series({ seriesId: '01SERIESPASTDATE0001', dates: ['2026-09-01', '2026-12-08'] });
    expect(past.status).toBe(200);
    expect(past.body.dates.map((d: { outcome: string }) => d.outcome)).toEqual(['refused', 'created']);
    const provider = await setUpProvider(world, admin);
    const outsider = await world.call(provider.user.token, 'POST', `/v1/schools/${school.schoolId}/slots/series`, { ...assembly, venueId: school.hallId, seriesId: '01SERIESOUTSIDER0001', dates: ['2026-12-08'] });
    expect(outsider.status).toBe(404);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { calendar2026, codes, setUpSchool, slot } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';

/** Issue 11 part 2: school days that combine, and real school shapes, through the API. */
describe('school days that combine, and real school shapes', () => {
  let world: World;
  let admin: { token: string; email: string };
  beforeAll(async () => {
    world = await createWorld();
    admin = await world.user('admin', { platformAdmin: true });
  });

  it('combines a 13:30 Friday finish with Years 7–8 on 09:00–15:05, and refuses overrides that clash, naming the field', async () => {
    const school = await setUpSchool(world, admin, { yearGroups: { from: 7, to: 13 } });
    const put = (body: Record<string, unknown>) => world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/calendar`, { ...calendar2026, ...body });
    const friday = [{ weekday: 5, start: '08:45', end: '13:30' }];

    const clash = await put({ weekdayOverrides: friday, yearGroupOverrides: [{ yearGroups: [7, 8], start: '09:00', end: '15:05' }, { yearGroups: [8], start: '09:00', end: '15:00' }] });
    expect(clash.status).toBe(400);
    expect(clash.headers.get('content-type')).toMatch(/problem\+json/);
    expect(clash.body.errors).toEqual([expect.objectContaining({ field: 'yearGroupOverrides.1.yearGroups', message: expect.stringMatching(/Year 8/) })]);

    const noOverlap = await put({ weekdayOverrides: friday, yearGroupOverrides: [{ yearGroups: [12], start: '13:45', end: '16:00' }] });
    expect(noOverlap.status).toBe(400);
    expect(noOverlap.body.errors).toEqual([expect.objectContaining({ field: 'yearGroupOverrides.0.start', message: expect.stringMatching(/add Year 12’s own hours for Friday/) })]);

    const backwards = await put({ yearGroupOverrides: [{ yearGroups: [9], weekdays: [3], start: '14:00', end: '09:00' }] });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors[0].field).toBe('yearGroupOverrides.0.end');

    expect((await put({ weekdayOverrides: friday, yearGroupOverrides: [{ yearGroups: [7, 8], start: '09:00', end: '15:05' }] })).status).toBe(200);
    const check = async (date: string, start: string, end: string, yearGroups: number[]) => {
      const res = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/slots/check`, slot(school.hallId, { date, start, end, yearGroups }));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (res.body.violations as Array<{ code: string; message: string }>).filter((v) => v.code === 'SCHOOL_HOURS');
    };
    // Friday 6 November 2026: Year 8 ends at 13:30, not 15:05; it still starts at 09:00.
    expect(await check('2026-11-06', '14:00', '14:30', [8])).toEqual([expect.objectContaining({ message: expect.stringMatching(/09:00–13:30/) })]);
    expect(await check('2026-11-06', '08:50', '09:20', [8])).toHaveLength(1);
    expect(await check('2026-11-06', '09:00', '09:30', [8])).toEqual([]);
    // Monday 9 November 2026: Year 8 keeps its own 15:05 finish.
    expect(await check('2026-11-09', '14:30', '15:05', [8])).toEqual([]);
    expect(await check('2026-11-09', '14:45', '15:10', [8])).toHaveLength(1);

    // Hours named for Year 7 on Fridays win over the combination.
    const named = await put({ weekdayOverrides: friday, yearGroupOverrides: [{ yearGroups: [7, 8], start: '09:00', end: '15:05' }, { yearGroups: [7], weekdays: [5], start: '09:00', end: '14:30' }] });
    expect(named.status, JSON.stringify(named.body)).toBe(200);
    expect(await check('2026-11-06', '14:00', '14:30', [7])).toEqual([]);
    expect(await check('2026-11-06', '14:00', '14:30', [8])).toHaveLength(1);
  });

  it('registers an all-through school (Years 1–13): a supplementary Year 6 slot publishes, a statutory one is refused with PHASE_WINDOW', async () => {
    const school = await setUpSchool(world, admin, { yearGroups: { from: 1, to: 13 } });
    const profile = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}`);
    expect(profile.body.yearGroups).toEqual({ from: 1, to: 13 });
    const supplementary = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/slots`, slot(school.hallId, { yearGroups: [6], statutory: false, title: 'Year 6: jobs in our town' }));
    expect(supplementary.status, JSON.stringify(supplementary.body)).toBe(201);
    const statutory = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/slots`, slot(school.hallId, { yearGroups: [6] }));
    expect(statutory.status).toBe(422);
    expect(codes(statutory.body)).toEqual(['PHASE_WINDOW']);
    expect(statutory.body.errors[0].message).toMatch(/Year 6 is in no key phase/);
    const year0 = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/slots`, slot(school.hallId, { yearGroups: [0], statutory: false }));
    expect(year0.status).toBe(400);
    expect(year0.body.errors[0].field).toBe('yearGroups.0');
  });

  it('gives a middle school (Years 5–8) the day its Year 8 leaves as the phase 1 deadline, and says why', async () => {
    const school = await setUpSchool(world, admin, { yearGroups: { from: 5, to: 8 } });
    const res = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/compliance?asOf=2027-06-01`);
    expect(res.status).toBe(200);
    expect(res.body.cohorts.map((c: { yearGroupNow: number }) => c.yearGroupNow)).toEqual([7, 8]);
    const year8 = res.body.cohorts.find((c: { yearGroupNow: number }) => c.yearGroupNow === 8).phases[0];
    expect(year8).toMatchObject({ phase: 1, status: 'AT_RISK', deadline: '2027-07-21', windowEnd: '2028-02-28', deadlineReason: 'cohort_leaves' });
    expect(year8.deadlineExplanation).toMatch(/leave the school after Year 8, on 21 July 2027/);
    expect(year8.missing).toMatch(/by 21 July 2027 \(they leave the school then/);
    const year7 = res.body.cohorts.find((c: { yearGroupNow: number }) => c.yearGroupNow === 7).phases[0];
    // No 2027/28 terms in the calendar yet: 31 August 2028.
    expect(year7).toMatchObject({ deadline: '2028-08-31', deadlineReason: 'cohort_leaves' });
  });
});

import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { calendar2026, codes, publishSlot, request, setUpProvider, setUpSchool, type SchoolSetup } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';

/** Evidence (issue 14): recorded encounters, the governors' and Ofsted report and its snapshots, a provider's record. */

const named = (ukprn: string, name = `Provider ${ukprn}`) => ({ name, ukprn, providerType: 'fe_college', offers: ['t_levels'] });
const recordedInput = (overrides: Record<string, unknown> = {}) => ({
  date: '2026-09-10',
  start: '09:00',
  end: '09:30',
  yearGroups: [9],
  format: 'assembly',
  provider: named('10012345'),
  attendance: 142,
  ...overrides,
});

const phaseOf = (body: any, yearGroupNow: number, phase: number) =>
  body.cohorts.find((c: any) => (c.yearGroupNow ?? c.yearGroup) === yearGroupNow).phases.find((p: any) => p.phase === phase);

describe('encounters recorded by the school', () => {
  let world: World;
  let admin: { token: string };
  let school: SchoolSetup;
  beforeAll(async () => {
    world = await createWorld();
    admin = await world.user('admin', { platformAdmin: true });
    school = await setUpSchool(world, admin);
  });
  const path = () => `/v1/schools/${school.schoolId}/recorded-encounters`;

  it('tells a school that has just joined which past phases have no record', async () => {
    const listed = await world.call(school.leader.token, 'GET', path());
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([]);
    const phases = listed.body.unrecordedPastPhases.map((p: any) => `${p.yearGroupNow}:${p.phase}`);
    expect(phases).toEqual(expect.arrayContaining(['11:1', '10:1', '9:1', '8:1']));
    expect(listed.body.unrecordedPastPhases[0].status).toBe('MISSED');
  });

  it('counts a recorded encounter that meets the rules in compliance, marked as recorded by the school', async () => {
    const res = await world.call(school.leader.token, 'POST', path(), recordedInput());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ statutory: true, violations: [], onSchoolgate: false, providerId: 'ukprn:10012345', attendance: 142, countsToward: [{ cohort: 2024, phase: 1 }] });
    const compliance = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/compliance`);
    const y9 = phaseOf(compliance.body, 9, 1);
    expect(y9.providers.delivered).toEqual(['Provider 10012345']);
    expect(y9.encounters).toEqual([expect.objectContaining({ bookingId: res.body.id, recorded: true, status: 'delivered', date: '2026-09-10' })]);
    // Year 9 no longer shows among the phases with nothing on record.
    const listed = await world.call(school.leader.token, 'GET', path());
    expect(listed.body.unrecordedPastPhases.map((p: any) => `${p.yearGroupNow}:${p.phase}`)).not.toContain('9:1');
  });

  it('records a Saturday careers fair, but as supplementary, with the rule it breaks', async () => {
    const res = await world.call(school.leader.token, 'POST', path(), recordedInput({ date: '2026-09-12', format: 'careers_fair', provider: named('10054321') }));
    expect(res.status).toBe(201);
    expect(res.body.statutory).toBe(false);
    expect(codes({ errors: res.body.violations })).toEqual(['SCHOOL_HOURS']);
    const compliance = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/compliance`);
    expect(phaseOf(compliance.body, 9, 1).providers.delivered).toEqual(['Provider 10012345']);
  });

  it('keeps a second record from the same provider in the same phase supplementary (DISTINCT_PROVIDERS)', async () => {
    const res = await world.call(school.leader.token, 'POST', path(), recordedInput({ date: '2026-09-11', yearGroups: [8, 9] }));
    expect(res.status).toBe(201);
    expect(res.body.statutory).toBe(false);
    expect(res.body.violations.map((v: any) => [v.code, v.yearGroup])).toEqual([['DISTINCT_PROVIDERS', 9]]);
  });

  it('refuses a date still to come, and an unknown provider, naming the code', async () => {
    const future = await world.call(school.leader.token, 'POST', path(), recordedInput({ date: '2026-09-16' }));
    expect(future.status).toBe(422);
    expect(codes(future.body)).toEqual(['RECORD_NOT_PAST']);
    const unknown = await world.call(school.leader.token, 'POST', path(), recordedInput({ provider: { orgId: 'nope' } }));
    expect(unknown.status).toBe(422);
    expect(codes(unknown.body)).toEqual(['UNKNOWN_PROVIDER']);
    const badUkprn = await world.call(school.leader.token, 'POST', path(), recordedInput({ provider: named('123') }));
    expect(badUkprn.status).toBe(400);
    expect(badUkprn.body.errors[0].field).toMatch(/^provider/);
  });

  it('judges an encounter from before the school joined on the terms and roll it gives for that year', async () => {
    // Year 10's phase 1 ran in 2025/26: with no terms for that year the rules cannot see a school day.
    const early = { date: '2025-11-04', yearGroups: [9], provider: named('10077777') };
    const unjudged = await world.call(school.leader.token, 'POST', path(), recordedInput(early));
    expect(unjudged.body.statutory).toBe(false);
    expect(codes({ errors: unjudged.body.violations })).toEqual(expect.arrayContaining(['SCHOOL_HOURS', 'WHOLE_YEAR_GROUP']));
    const withLastYear = { ...calendar2026, terms: [{ name: 'Autumn 2025', start: '2025-09-03', end: '2025-12-19' }, ...calendar2026.terms] };
    expect((await world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/calendar`, withLastYear)).status).toBe(200);
    expect((await world.call(school.leader.token, 'PATCH', `/v1/schools/${school.schoolId}`, { rollYear: 2025, roll: { '9': 150 } })).status).toBe(200);
    const judged = await world.call(school.leader.token, 'POST', path(), recordedInput({ ...early, provider: named('10088888') }));
    expect(judged.body).toMatchObject({ statutory: true, countsToward: [{ cohort: 2023, phase: 1 }] });
    const compliance = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/compliance`);
    expect(phaseOf(compliance.body, 10, 1).providers.delivered).toEqual(['Provider 10088888']);
  });

  it('lets exactly one of many racing records of one provider count in a phase', async () => {
    const provider = named('10066666');
    const results = await Promise.all(
      [0, 1, 2, 3, 4].map(() => world.call(school.leader.token, 'POST', path(), recordedInput({ date: '2026-09-14', yearGroups: [8], provider }))),
    );
    // Each judged the phase empty; the guard item lets one commit as statutory and cancels the rest.
    const statutory = results.filter((r) => r.status === 201 && r.body.statutory);
    expect(statutory).toHaveLength(1);
    for (const lost of results.filter((r) => r.status !== 201)) {
      expect(lost.status).toBe(409);
      expect(codes(lost.body)).toEqual(['DISTINCT_PROVIDERS']);
    }
    const compliance = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/compliance`);
    expect(phaseOf(compliance.body, 8, 1).providers.delivered).toEqual(['Provider 10066666']);
  });

  it('treats a recorded provider on Schoolgate and its booking as one provider in a phase', async () => {
    const provider = await setUpProvider(world, admin);
    const profile = await world.call(provider.user.token, 'GET', `/v1/organisations/${provider.orgId}`);
    // Named by its UKPRN, it is matched to its organisation on Schoolgate.
    const recorded = await world.call(school.leader.token, 'POST', path(), recordedInput({ date: '2026-09-14', yearGroups: [10], provider: named(profile.body.ukprn, 'Whatever they were called') }));
    expect(recorded.body).toMatchObject({ statutory: true, onSchoolgate: true, providerId: provider.orgId, providerName: profile.body.name });
    const { id: slotId } = await publishSlot(world, school, { date: '2026-11-10', yearGroups: [10] });
    const asked = await request(world, provider, school.schoolId, slotId);
    const approved = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${asked.body.id}/approve`, {});
    expect(approved.status).toBe(409);
    expect(codes(approved.body)).toEqual(['DISTINCT_PROVIDERS']);
  });
});

describe("the governors' and Ofsted report", () => {
  let world: World;
  let admin: { token: string };
  let school: SchoolSetup;
  let provider: Awaited<ReturnType<typeof setUpProvider>>;
  let confirmedId: string;
  beforeAll(async () => {
    world = await createWorld();
    admin = await world.user('admin', { platformAdmin: true });
    school = await setUpSchool(world, admin);
    provider = await setUpProvider(world, admin);
    const other = await setUpProvider(world, admin);
    expect((await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/recorded-encounters`, recordedInput())).status).toBe(201);
    const first = await publishSlot(world, school, { date: '2026-11-10' });
    const asked = await request(world, provider, school.schoolId, first.id);
    confirmedId = asked.body.id;
    expect((await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${confirmedId}/approve`, {})).status).toBe(200);
    const second = await publishSlot(world, school, { date: '2026-11-11', yearGroups: [10] });
    const refused = await request(world, other, school.schoolId, second.id);
    expect((await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${refused.body.id}/decline`, { groundId: 'exam-clash', note: 'Mocks that week' })).status).toBe(200);
  });

  it('matches the compliance API for the same school and date', async () => {
    for (const asOf of ['2026-09-20', '2026-11-20', '2027-03-05']) {
      const [report, compliance] = await Promise.all([
        world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/reports/2026?asOf=${asOf}`),
        world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/compliance?asOf=${asOf}`),
      ]);
      expect(report.status, JSON.stringify(report.body)).toBe(200);
      const fromReport = report.body.cohorts.map((c: any) => ({
        cohort: c.cohort,
        yearGroup: c.yearGroup,
        phases: c.phases.map((p: any) => ({ phase: p.phase, status: p.status, deadline: p.deadline, providers: p.providers, missing: p.missing })),
      }));
      const fromApi = compliance.body.cohorts.map((c: any) => ({
        cohort: c.cohort,
        yearGroup: c.yearGroupNow,
        phases: c.phases.map((p: any) => ({ phase: p.phase, status: p.status, deadline: p.deadline, providers: p.providers, missing: p.missing })),
      }));
      expect(fromReport, asOf).toEqual(fromApi);
      // The grid holds the same cells, most urgent first.
      const cells = fromApi.flatMap((c: any) => c.phases.map((p: any) => `${c.yearGroup}:${p.phase}:${p.status}`)).sort();
      expect(report.body.grid.map((g: any) => `${g.yearGroup}:${g.phase}:${g.status}`).sort()).toEqual(cells);
    }
  });

  it('holds the policy in force, encounters with their designation and source, requests and refusals with published grounds', async () => {
    const { body } = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/reports/2026?asOf=2026-11-20`);
    expect(body.policy).toMatchObject({ version: 1, agreedByGovernorsOn: '2026-07-10', nextReviewOn: '2027-07-09', review: 'current' });
    expect(body.grid[0].status).toBe('MISSED');
    const y9 = phaseOf(body, 9, 1);
    expect(y9.encounters.map((e: any) => [e.date, e.source, e.statutory, e.format])).toEqual([
      ['2026-09-10', 'recorded', true, 'assembly'],
      ['2026-11-10', 'booked', true, 'assembly'],
    ]);
    expect(body.requests).toMatchObject({ received: 2, byOutcome: { confirmed: 1, declined: 1 } });
    expect(body.refusals).toEqual([
      expect.objectContaining({ ground: { id: 'exam-clash', label: 'Clash with exams', description: 'The year group is sitting exams that week.' }, note: 'Mocks that week' }),
    ]);
    expect(body.sections).toEqual([]);
  });

  it('exports the same report as CSV, read back with a CSV parser', async () => {
    const res = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/reports/2026/csv?asOf=2026-11-20`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = res.body as string;
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const { body } = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/reports/2026?asOf=2026-11-20`);
    const bySection = (s: string) => parsed.data.filter((r) => r.section === s);
    expect(bySection('grid')).toHaveLength(body.grid.length);
    expect(bySection('grid').map((r) => r.status)).toEqual(body.grid.map((g: any) => g.status));
    expect(bySection('refusal')).toEqual([expect.objectContaining({ provider: body.refusals[0].providerName, ground: 'Clash with exams', detail: 'The year group is sitting exams that week. — Mocks that week' })]);
    expect(bySection('encounter').filter((r) => r.source === 'recorded')).toHaveLength(1);
    expect(bySection('policy')[0]!.detail).toMatch(/^version 1; agreed with governors 2026-07-10/);
  });

  it('freezes a dated snapshot that reads the same after the bookings under it change', async () => {
    const base = `/v1/schools/${school.schoolId}/reports/2026`;
    const frozen = await world.call(school.leader.token, 'POST', `${base}/snapshots`, { asOf: '2026-11-20', label: 'Governors, November' });
    expect(frozen.status).toBe(201);
    const before = await world.call(school.leader.token, 'GET', `${base}/snapshots/${frozen.body.id}`);
    expect(before.body.report).toEqual((await world.call(school.leader.token, 'GET', `${base}?asOf=2026-11-20`)).body);

    // Change what the report was built on: cancel the confirmed booking, record another encounter.
    expect((await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${confirmedId}/cancel`, { reason: 'Hall flooded' })).status).toBe(200);
    expect((await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/recorded-encounters`, recordedInput({ date: '2026-09-14', yearGroups: [10], provider: named('10033333') }))).status).toBe(201);
    const live = await world.call(school.leader.token, 'GET', `${base}?asOf=2026-11-20`);
    expect(phaseOf(live.body, 9, 1).encounters).toHaveLength(1);
    expect(live.body).not.toEqual(before.body.report);

    const after = await world.call(school.leader.token, 'GET', `${base}/snapshots/${frozen.body.id}`);
    expect(after.body).toEqual(before.body);
    expect(phaseOf(after.body.report, 9, 1).encounters).toHaveLength(2);
    const list = await world.call(school.leader.token, 'GET', `${base}/snapshots`);
    expect(list.body.items).toEqual([expect.objectContaining({ id: frozen.body.id, asOf: '2026-11-20', label: 'Governors, November' })]);
    const csv = await world.call(school.leader.token, 'GET', `${base}/snapshots/${frozen.body.id}/csv`);
    expect(csv.status).toBe(200);
  });
});

describe("a provider's record of its requests", () => {
  it('lists every request with its outcome and published refusal ground, filters, exports CSV, and summarises one school for a concern', async () => {
    const world = await createWorld();
    const admin = await world.user('admin', { platformAdmin: true });
    const school = await setUpSchool(world, admin);
    const otherSchool = await setUpSchool(world, admin);
    const provider = await setUpProvider(world, admin);
    const ids: string[] = [];
    for (const [s, date] of [
      [school, '2026-11-10'],
      [school, '2026-11-12'],
      [otherSchool, '2026-11-10'],
    ] as const) {
      const { id } = await publishSlot(world, s, { date });
      ids.push((await request(world, provider, s.schoolId, id)).body.id);
    }
    for (const id of ids.slice(0, 2)) {
      expect((await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${id}/decline`, { groundId: 'need-met' })).status).toBe(200);
    }
    const base = `/v1/organisations/${provider.orgId}`;
    const all = await world.call(provider.user.token, 'GET', `${base}/request-record`);
    expect(all.body.items).toHaveLength(3);
    const refused = await world.call(provider.user.token, 'GET', `${base}/request-record?outcome=declined`);
    expect(refused.body.items.map((r: any) => [r.schoolId, r.ground.label])).toEqual([
      [school.schoolId, 'The need is being met elsewhere'],
      [school.schoolId, 'The need is being met elsewhere'],
    ]);
    const atOther = await world.call(provider.user.token, 'GET', `${base}/request-record?schoolId=${otherSchool.schoolId}`);
    expect(atOther.body.items).toEqual([expect.objectContaining({ outcome: 'requested', ground: null })]);
    const badFilter = await world.call(provider.user.token, 'GET', `${base}/request-record?outcome=lost`);
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.errors[0].field).toBe('outcome');

    const csv = await world.call(provider.user.token, 'GET', `${base}/request-record/csv?outcome=declined`);
    const text = typeof csv.body === 'string' ? csv.body : '';
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(parsed.data.map((r) => r.refusal_ground)).toEqual(['The need is being met elsewhere', 'The need is being met elsewhere']);

    const concern = await world.call(provider.user.token, 'GET', `${base}/concerns/${school.schoolId}`);
    expect(concern.status).toBe(200);
    expect(concern.body.counts).toEqual({ requests: 2, refused: 2, confirmed: 0 });
    expect(concern.body.policy.refusalGrounds.map((g: any) => g.id)).toEqual(['exam-clash', 'need-met']);
    expect(concern.body.policy.requestProcedure).toMatch(/Email the careers leader/);
  });
});

describe('a roll imported from CSV', () => {
  it('merges one year’s roll from a CSV with a header, and names every bad row without saving any', async () => {
    const world = await createWorld();
    const admin = await world.user('admin', { platformAdmin: true });
    const school = await setUpSchool(world, admin);
    const path = `/v1/schools/${school.schoolId}/roll-import`;
    const bad = await world.call(school.leader.token, 'POST', path, { csv: 'Year group,Number on roll\nYear 9,181\nYear 14,20\n10,lots\n', rollYear: 2025 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field)).toEqual(['csv.row 3', 'csv.row 4']);
    const missing = await world.call(school.leader.token, 'POST', path, { csv: 'pupils\n12\n' });
    expect(missing.body.errors[0]).toMatchObject({ field: 'csv' });
    const ok = await world.call(school.leader.token, 'POST', path, { csv: '"Year group","Number on roll"\r\n"Year 9",181\r\n10,176\r\n', rollYear: 2025 });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.rolls['2025']).toEqual({ '9': 181, '10': 176 });
    // This year's roll, entered at sign-up, is untouched.
    expect(ok.body.rolls['2026']['9']).toBe(150);
    expect((await world.call(school.leader.token, 'POST', path, { csv: 'year_group,number_on_roll\n7,160' })).body.rolls['2026']['7']).toBe(160);
  });
});

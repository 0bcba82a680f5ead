import { describe, expect, it } from 'vitest';
import { SCHOOL_SHAPES, type YearGroupRange } from './cohorts.js';
import type { Encounter, SchoolFacts } from './encounters.js';
import { evaluateEncounter, evaluateSlot, judgeStanding, type EvaluateEncounterInput, type ProposedEncounter, type RequestContext } from './evaluate.js';
import type { ProviderFacts } from './providers.js';
import type { AccessRules, RuleCode } from './rules.js';
import { allYearCalendar, encounter, providers, schoolCalendar, schoolFacts } from './testing/fixtures.js';

/** A Year 9 assembly on a Tuesday in the spring term 2027 that breaks no rule. */
const baseline: ProposedEncounter = {
  date: '2027-01-12',
  start: '10:00',
  end: '11:00',
  yearGroups: [9],
  venueCapacity: 200,
  designation: 'statutory',
};

interface Scenario {
  provider?: ProviderFacts;
  school?: SchoolFacts;
  rules?: Partial<AccessRules>;
  existing?: Encounter[];
  request?: RequestContext;
}

function evaluate(overrides: Partial<ProposedEncounter>, scenario: Scenario = {}) {
  const input: EvaluateEncounterInput = {
    encounter: { ...baseline, ...overrides },
    provider: scenario.provider ?? providers.college,
    school: scenario.school ?? schoolFacts(),
    rules: { published: true, ...scenario.rules },
    existing: scenario.existing ?? [],
    ...(scenario.request ? { request: scenario.request } : {}),
  };
  return evaluateEncounter(input);
}

function codes(overrides: Partial<ProposedEncounter>, scenario: Scenario = {}): RuleCode[] {
  return evaluate(overrides, scenario).violations.map((violation) => violation.code).sort();
}

const school7to11 = schoolFacts(SCHOOL_SHAPES.elevenToSixteen);
const openAllYear = schoolFacts(SCHOOL_SHAPES.withSixthForm, allYearCalendar);

describe('a statutory encounter that breaks no rule', () => {
  it('counts, for Year 9 toward cohort 2024’s key phase 1', () => {
    const result = evaluate({});
    expect(result.violations).toEqual([]);
    expect(result.counts).toBe(true);
    expect(result.countsToward).toEqual([{ cohort: 2024, phase: 1 }]);
    expect(result.targets).toEqual([{ yearGroup: 9, cohort: 2024, phase: 1 }]);
  });
});

describe('each rule at its boundary', () => {
  it.each<[string, Partial<ProposedEncounter>, Scenario, RuleCode[]]>([
    // SCHOOL_HOURS: the school day is 08:45–15:15, Years 7–8 finish at 15:05
    ['start one minute before the school day', { start: '08:44', end: '09:44' }, {}, ['SCHOOL_HOURS']],
    ['start as the school day starts', { start: '08:45', end: '09:45' }, {}, []],
    ['end one minute after the school day', { start: '14:30', end: '15:16' }, {}, ['SCHOOL_HOURS']],
    ['end as the school day ends', { start: '14:30', end: '15:15' }, {}, []],
    ['Year 8 ending one minute after their earlier finish', { yearGroups: [8], start: '14:30', end: '15:06' }, {}, ['SCHOOL_HOURS']],
    ['Year 8 ending at their earlier finish', { yearGroups: [8], start: '14:30', end: '15:05' }, {}, []],
    ['a Saturday', { date: '2027-01-16' }, {}, ['SCHOOL_HOURS']],
    ['a Sunday', { date: '2027-01-17' }, {}, ['SCHOOL_HOURS']],
    ['the Early May bank holiday in term', { date: '2027-05-03', yearGroups: [10] }, {}, ['SCHOOL_HOURS']],
    ['the Tuesday after the bank holiday', { date: '2027-05-04', yearGroups: [10] }, {}, []],
    ['an INSET day', { date: '2026-11-13' }, {}, ['SCHOOL_HOURS']],
    ['the day before the INSET day', { date: '2026-11-12' }, {}, []],
    ['February half term', { date: '2027-02-16' }, {}, ['SCHOOL_HOURS']],
    ['the summer holidays', { date: '2026-08-05', yearGroups: [10] }, {}, ['SCHOOL_HOURS']],
    // MIN_DURATION: 20 minutes by default, the school's own minimum when set
    ['one minute under the default minimum', { start: '10:00', end: '10:19' }, {}, ['MIN_DURATION']],
    ['exactly the default minimum', { start: '10:00', end: '10:20' }, {}, []],
    ['one minute under a 30-minute policy', { start: '10:00', end: '10:29' }, { rules: { minDurationMinutes: 30 } }, ['MIN_DURATION']],
    ['exactly a 30-minute policy', { start: '10:00', end: '10:30' }, { rules: { minDurationMinutes: 30 } }, []],
    ['ending before it starts', { start: '11:00', end: '10:00' }, {}, ['MIN_DURATION']],
    // WHOLE_YEAR_GROUP: 180 pupils in each of Years 7–11
    ['a venue one seat short of the roll', { venueCapacity: 179 }, {}, ['WHOLE_YEAR_GROUP']],
    ['a venue that just holds the roll', { venueCapacity: 180 }, {}, []],
    ['two year groups, one seat short', { yearGroups: [9, 10], venueCapacity: 359 }, {}, ['WHOLE_YEAR_GROUP']],
    ['two year groups that just fit', { yearGroups: [9, 10], venueCapacity: 360 }, {}, []],
    ['a year group named twice is counted once', { yearGroups: [9, 9], venueCapacity: 180 }, {}, []],
    ['invitations to selected pupils', { audience: 'selected_pupils' }, {}, ['WHOLE_YEAR_GROUP']],
    ['no year group named', { yearGroups: [] }, {}, ['WHOLE_YEAR_GROUP']],
    ['a year group the school does not teach', { yearGroups: [12] }, { school: school7to11 }, ['WHOLE_YEAR_GROUP']],
    ['a year group whose roll is not recorded', {}, { school: { ...schoolFacts(), roll: {} } }, ['WHOLE_YEAR_GROUP']],
    ['a primary year group', { yearGroups: [6] }, {}, ['WHOLE_YEAR_GROUP']],
    // PHASE_WINDOW: windows end on 28 February, even in a leap year
    ['Year 7, before any phase', { yearGroups: [7] }, {}, ['PHASE_WINDOW']],
    ['Year 9 on the last school day before 28 February 2027', { date: '2027-02-26' }, {}, []],
    ['Year 9 on 1 March 2027', { date: '2027-03-01' }, {}, ['PHASE_WINDOW']],
    ['Year 9 on 28 February 2028 (leap year)', { date: '2028-02-28' }, {}, []],
    ['Year 9 on 29 February 2028', { date: '2028-02-29' }, {}, ['PHASE_WINDOW']],
    ['Year 9 on 1 March 2028', { date: '2028-03-01' }, {}, ['PHASE_WINDOW']],
    ['Year 13 on 29 February 2028', { date: '2028-02-29', yearGroups: [13], venueCapacity: 120 }, {}, ['PHASE_WINDOW']],
    ['Year 8 on 31 August, last day of phase 1’s first year', { date: '2027-08-31', yearGroups: [8] }, { school: openAllYear }, []],
    ['Year 7 on 31 August', { date: '2027-08-31', yearGroups: [7] }, { school: openAllYear }, ['PHASE_WINDOW']],
    ['Year 8 on 1 September, first day of phase 1', { date: '2027-09-01', yearGroups: [8] }, { school: openAllYear }, []],
    ['Year 9 on 31 August', { date: '2027-08-31', yearGroups: [9] }, { school: openAllYear }, ['PHASE_WINDOW']],
    ['Year 10 on 1 September, first day of phase 2', { date: '2027-09-01', yearGroups: [10] }, { school: openAllYear }, []],
    ['Year 11 on 31 August', { date: '2027-08-31', yearGroups: [11] }, { school: openAllYear }, ['PHASE_WINDOW']],
    ['Year 12 on 1 September, first day of phase 3', { date: '2027-09-01', yearGroups: [12], venueCapacity: 120 }, { school: openAllYear }, []],
    // ELIGIBLE_PROVIDER
    ['an employer on its own', {}, { provider: providers.employer }, ['ELIGIBLE_PROVIDER']],
    ['a provider with no technical offer', {}, { provider: providers.noOffer }, ['ELIGIBLE_PROVIDER']],
    ['an employer on the apprenticeship register', {}, { provider: providers.employerOnRegister }, []],
    // DISTINCT_PROVIDERS: cohort 2024 was in Year 8 on 13 January 2026, same phase 1
    ['the same provider twice in a phase (first confirmed)', {}, { existing: [encounter({ providerId: 'college', date: '2026-01-13', yearGroups: [8] })] }, ['DISTINCT_PROVIDERS']],
    ['the same provider twice in a phase (first delivered)', {}, { existing: [encounter({ providerId: 'college', date: '2026-01-13', yearGroups: [8], status: 'delivered' })] }, ['DISTINCT_PROVIDERS']],
    ['the same provider again after its first visit was cancelled', {}, { existing: [encounter({ providerId: 'college', date: '2026-01-13', yearGroups: [8], status: 'cancelled' })] }, []],
    ['the same provider again after its first visit did not happen', {}, { existing: [encounter({ providerId: 'college', date: '2026-01-13', yearGroups: [8], status: 'not_delivered' })] }, []],
    ['the same provider again after a supplementary visit', {}, { existing: [encounter({ providerId: 'college', date: '2026-01-13', yearGroups: [8], designation: 'supplementary' })] }, []],
    ['a different provider in the same phase', {}, { existing: [encounter({ providerId: 'itp', date: '2026-01-13', yearGroups: [8] })] }, []],
    ['the same provider for another cohort', {}, { existing: [encounter({ providerId: 'college', date: '2026-01-13', yearGroups: [9] })] }, []],
    ['the same provider in the cohort’s next phase', { date: '2027-11-09', yearGroups: [10] }, { existing: [encounter({ providerId: 'college', date: '2027-01-12', yearGroups: [9] })] }, []],
    ['re-evaluating the stored encounter itself', { id: 'stored-1' }, { existing: [encounter({ id: 'stored-1', providerId: 'college', date: '2027-01-12', yearGroups: [9] })] }, []],
  ])('%s → %j', (_label, overrides, scenario, expected) => {
    expect(codes(overrides, scenario)).toEqual(expected);
    expect(evaluate(overrides, scenario).counts).toBe(expected.length === 0);
  });
});

describe('reporting', () => {
  it('returns every broken rule at once', () => {
    const result = evaluate(
      { date: '2027-01-16', start: '10:00', end: '10:05', yearGroups: [7, 9], venueCapacity: 10 },
      { provider: providers.employer, existing: [encounter({ providerId: 'employer', date: '2026-01-13', yearGroups: [8] })] },
    );
    expect(result.violations.map((v) => v.code).sort()).toEqual([
      'DISTINCT_PROVIDERS',
      'ELIGIBLE_PROVIDER',
      'MIN_DURATION',
      'PHASE_WINDOW',
      'SCHOOL_HOURS',
      'WHOLE_YEAR_GROUP',
    ]);
    expect(result.violations.find((v) => v.code === 'PHASE_WINDOW')?.yearGroup).toBe(7);
    expect(result.violations.find((v) => v.code === 'DISTINCT_PROVIDERS')?.yearGroup).toBe(9);
    for (const violation of result.violations) expect(violation.message).toMatch(/^[A-Z].{20,}[.)]$/);
  });

  it('explains a closure in the careers leader’s terms', () => {
    expect(evaluate({ date: '2027-05-03', yearGroups: [10] }).violations[0]?.message).toBe(
      'The school is closed on 3 May 2027 (bank holiday: Early May bank holiday).',
    );
    expect(evaluate({ date: '2026-11-13' }).violations[0]?.message).toMatch(/INSET day/);
  });

  it('blames only the year group that keeps shorter hours', () => {
    const onlyYear8 = evaluate({ yearGroups: [8, 9], start: '14:30', end: '15:10', venueCapacity: 400 }).violations;
    expect(onlyYear8).toEqual([expect.objectContaining({ code: 'SCHOOL_HOURS', yearGroup: 8 })]);
    const everyone = evaluate({ yearGroups: [9, 10], start: '14:30', end: '15:20', venueCapacity: 400 }).violations;
    expect(everyone).toHaveLength(1);
    expect(everyone[0]?.yearGroup).toBeUndefined();
    const both = evaluate({ yearGroups: [8, 9], start: '14:30', end: '15:20', venueCapacity: 400 }).violations;
    expect(both.map((v) => v.yearGroup)).toEqual([8, undefined]);
  });

  it('names the seats short', () => {
    expect(evaluate({ venueCapacity: 179 }).violations[0]?.message).toBe(
      'The venue holds 179 but Year 9 has 180 pupils on roll; it is 1 seat short of the whole year group.',
    );
  });
});

describe('one encounter, several cohorts and phases', () => {
  it('a Year 9 + Year 10 assembly in January counts for two cohorts in two phases', () => {
    const result = evaluate({ yearGroups: [9, 10], venueCapacity: 400 });
    expect(result.counts).toBe(true);
    expect(result.countsToward).toEqual([
      { cohort: 2024, phase: 1 },
      { cohort: 2023, phase: 2 },
    ]);
  });

  it('says why a named year group counts toward nothing', () => {
    const result = evaluate({ yearGroups: [7, 9], date: '2027-03-01', venueCapacity: 400 });
    expect(result.targets).toEqual([
      expect.objectContaining({ yearGroup: 7, cohort: 2026, phase: null, reason: 'year_7' }),
      expect.objectContaining({ yearGroup: 9, cohort: 2024, phase: null, reason: 'after_february', explanation: 'key phase 1 ends on 28 February of Year 9' }),
    ]);
  });

  it('flags only the year group whose phase already had this provider', () => {
    const result = evaluate(
      { yearGroups: [9, 10], venueCapacity: 400 },
      { existing: [encounter({ providerId: 'college', date: '2026-01-13', yearGroups: [8] })] },
    );
    expect(result.violations).toEqual([expect.objectContaining({ code: 'DISTINCT_PROVIDERS', yearGroup: 9 })]);
  });
});

describe('schools of each shape', () => {
  it.each<[string, number, YearGroupRange, { phase: number | null; codes: RuleCode[] }]>([
    ['11–16', 9, SCHOOL_SHAPES.elevenToSixteen, { phase: 1, codes: [] }],
    ['11–16', 11, SCHOOL_SHAPES.elevenToSixteen, { phase: 2, codes: [] }],
    ['11–16', 12, SCHOOL_SHAPES.elevenToSixteen, { phase: null, codes: ['WHOLE_YEAR_GROUP'] }],
    ['11–18', 13, SCHOOL_SHAPES.withSixthForm, { phase: 3, codes: [] }],
    ['UTC 14–19', 9, SCHOOL_SHAPES.utcOrStudioSchool, { phase: null, codes: ['WHOLE_YEAR_GROUP'] }],
    ['UTC 14–19', 10, SCHOOL_SHAPES.utcOrStudioSchool, { phase: 2, codes: [] }],
    ['UTC 14–19', 12, SCHOOL_SHAPES.utcOrStudioSchool, { phase: 3, codes: [] }],
    ['middle school ending at Year 8', 8, SCHOOL_SHAPES.middleSchool, { phase: 1, codes: [] }],
    ['middle school ending at Year 8', 9, SCHOOL_SHAPES.middleSchool, { phase: null, codes: ['WHOLE_YEAR_GROUP'] }],
    ['upper school from Year 9', 9, SCHOOL_SHAPES.upperSchool, { phase: 1, codes: [] }],
    ['upper school from Year 9', 8, SCHOOL_SHAPES.upperSchool, { phase: null, codes: ['WHOLE_YEAR_GROUP'] }],
  ])('%s school, Year %i in January 2027', (_label, yearGroup, taught, expected) => {
    const result = evaluate({ yearGroups: [yearGroup] }, { school: schoolFacts(taught) });
    expect(result.targets[0]?.phase).toBe(expected.phase);
    expect(result.violations.map((v) => v.code)).toEqual(expected.codes);
  });
});

describe('a 09:00 slot across the clock changes', () => {
  it.each([
    ['Friday before October half term (BST)', '2026-10-23', [9]],
    ['Monday after the clocks went back (GMT)', '2026-11-02', [9]],
    ['Friday before the clocks go forward (GMT)', '2028-03-24', [10]],
    ['Monday after the clocks went forward (BST)', '2028-03-27', [10]],
  ])('%s: 09:00 is inside the day, 08:44 is not', (_label, date, yearGroups) => {
    expect(codes({ date, yearGroups, start: '09:00', end: '10:00' })).toEqual([]);
    expect(codes({ date, yearGroups, start: '08:44', end: '10:00' })).toEqual(['SCHOOL_HOURS']);
  });
});

describe('supplementary encounters', () => {
  it('are always allowed, never count, and still say what would stop them being statutory', () => {
    const result = evaluate({ designation: 'supplementary', date: '2027-01-16' }, { provider: providers.employer });
    expect(result.violations).toEqual([]);
    expect(result.counts).toBe(false);
    expect(result.countsToward).toEqual([]);
    expect(result.statutoryViolations.map((v) => v.code).sort()).toEqual(['ELIGIBLE_PROVIDER', 'SCHOOL_HOURS']);
  });

  it('a repeat visit from the same provider is fine as supplementary', () => {
    const existing = [encounter({ providerId: 'college', date: '2026-01-13', yearGroups: [8] })];
    expect(codes({ designation: 'supplementary' }, { existing })).toEqual([]);
    expect(codes({ designation: 'statutory' }, { existing })).toEqual(['DISTINCT_PROVIDERS']);
  });
});

describe('marketplace rules', () => {
  it('refuses every request while the policy is unpublished, statutory or not', () => {
    expect(codes({}, { rules: { published: false } })).toEqual(['POLICY_NOT_PUBLISHED']);
    expect(codes({ designation: 'supplementary' }, { rules: { published: false } })).toEqual(['POLICY_NOT_PUBLISHED']);
    expect(evaluate({}, { rules: { published: false } }).counts).toBe(true);
  });

  it.each<[string, RequestContext, RuleCode[]]>([
    ['five clear school days’ notice', { requestDate: '2027-01-04' }, []],
    ['four clear school days’ notice', { requestDate: '2027-01-05' }, ['NOTICE_PERIOD']],
    ['the last place taken', { requestDate: '2026-12-01', slot: { places: 1, bookings: [{ providerId: 'itp', state: 'confirmed' }] } }, ['SLOT_FULL']],
    ['a place left', { requestDate: '2026-12-01', slot: { places: 2, bookings: [{ providerId: 'itp', state: 'confirmed' }] } }, []],
    ['a live request from the same provider', { requestDate: '2026-12-01', slot: { places: 2, bookings: [{ providerId: 'college', state: 'requested' }] } }, ['ALREADY_BOOKED']],
    ['a withdrawn request from the same provider', { requestDate: '2026-12-01', slot: { places: 2, bookings: [{ providerId: 'college', state: 'withdrawn' }] } }, []],
  ])('%s → %j', (_label, request, expected) => {
    expect(codes({}, { request })).toEqual(expected);
  });
});

describe('evaluateSlot: what a slot decides before any provider asks', () => {
  const slotCases: Array<[string, Partial<ProposedEncounter>, RuleCode]> = [
    ['a Saturday', { date: '2027-01-16' }, 'SCHOOL_HOURS'],
    ['ten minutes long', { end: '10:10' }, 'MIN_DURATION'],
    ['a venue too small for the year group', { venueCapacity: 10 }, 'WHOLE_YEAR_GROUP'],
    ['Year 9 in March', { date: '2027-03-02' }, 'PHASE_WINDOW'],
  ];
  it.each(slotCases)('reports %s exactly as evaluateEncounter does', (_label, overrides, code) => {
    const slot = evaluateSlot({ encounter: { ...baseline, ...overrides }, school: schoolFacts(), rules: { published: true } });
    expect(slot.violations.map((v) => v.code)).toEqual([code]);
    expect(slot.violations).toEqual(evaluate(overrides).statutoryViolations.filter((v) => v.code === code));
  });

  it('leaves the provider rules to the request, and gives the same targets', () => {
    const both = { yearGroups: [9, 10], venueCapacity: 1000 };
    const slot = evaluateSlot({ encounter: { ...baseline, ...both }, school: school7to11 });
    expect(slot.violations).toEqual([]);
    expect(slot.targets).toEqual(evaluate(both, { school: school7to11 }).targets);
  });
});

describe('judgeStanding: stored encounters judged again on the facts as they are now', () => {
  const providerMap = new Map(Object.values(providers).map((p) => [p.id, p as ProviderFacts]));
  const stored = (overrides: Partial<Encounter> = {}) =>
    ({ ...encounter({ providerId: 'college', date: '2027-01-12', yearGroups: [9], ...overrides }), venueCapacity: 200 });

  it('keeps counting a confirmed encounter that still meets every rule', () => {
    const kept = stored();
    const result = judgeStanding({ encounters: [kept], school: schoolFacts(), rules: {}, providers: providerMap, asOf: '2027-01-10' });
    expect(result.lapsed).toEqual([]);
    expect(result.encounters[0]?.designation).toBe('statutory');
  });

  it.each<[string, Partial<Encounter> & { venueCapacity?: number }, SchoolFacts, RuleCode]>([
    [
      'an INSET day added on its date',
      {},
      schoolFacts(undefined, { ...schoolCalendar, closures: [...schoolCalendar.closures, { name: 'Training day', kind: 'inset', start: '2027-01-12', end: '2027-01-12' }] }),
      'SCHOOL_HOURS',
    ],
    ['a roll that outgrew its venue', { venueCapacity: 150 }, schoolFacts(), 'WHOLE_YEAR_GROUP'],
    ['a provider no longer eligible', { providerId: 'no-offer' }, schoolFacts(), 'ELIGIBLE_PROVIDER'],
  ])('stops counting one broken by %s, naming the rule', (_why, overrides, school, code) => {
    const broken = { ...stored(overrides), ...(overrides.venueCapacity ? { venueCapacity: overrides.venueCapacity } : {}) };
    const result = judgeStanding({ encounters: [broken], school, rules: {}, providers: providerMap, asOf: '2027-01-10' });
    expect(result.lapsed.map((l) => l.violations.map((v) => v.code))).toEqual([[code]]);
    expect(result.encounters[0]?.designation).toBe('supplementary');
  });

  it('keeps a delivered encounter as it was judged on its day, whatever changed since', () => {
    const delivered = stored({ status: 'delivered', providerId: 'no-offer' });
    const result = judgeStanding({ encounters: [delivered], school: schoolFacts(), rules: {}, providers: providerMap, asOf: '2027-01-10' });
    expect(result.lapsed).toEqual([]);
    expect(result.encounters[0]?.designation).toBe('statutory');
  });

  it('keeps a confirmed encounter of a phase that has closed as it was confirmed (settled), and judges one whose phase is still open', () => {
    // 12 January 2027: Year 9 is cohort 2024's phase 1 (closed 28 February 2027), Year 10 cohort 2023's phase 2 (open to 2028).
    const ineligible = stored({ providerId: 'no-offer' });
    const settled = judgeStanding({ encounters: [ineligible], school: schoolFacts(), rules: {}, providers: providerMap, asOf: '2027-03-01' });
    expect(settled.lapsed).toEqual([]);
    expect(settled.encounters[0]?.designation).toBe('statutory');
    // The last day of the window is still open.
    expect(judgeStanding({ encounters: [ineligible], school: schoolFacts(), rules: {}, providers: providerMap, asOf: '2027-02-28' }).lapsed).toHaveLength(1);
    // One of its year groups is still in an open phase: judged again in full.
    const reachesOpen = stored({ providerId: 'no-offer', yearGroups: [9, 10] });
    expect(judgeStanding({ encounters: [reachesOpen], school: schoolFacts(), rules: {}, providers: providerMap, asOf: '2027-03-01' }).lapsed).toHaveLength(1);
  });

  it('judges the policy’s minimum duration as it is now', () => {
    const result = judgeStanding({ encounters: [stored({ start: '10:00', end: '10:30' })], school: schoolFacts(), rules: { minDurationMinutes: 45 }, providers: providerMap, asOf: '2027-01-10' });
    expect(result.lapsed[0]?.violations.map((v) => v.code)).toEqual(['MIN_DURATION']);
  });
});

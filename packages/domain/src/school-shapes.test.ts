import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCHOOL_SHAPES, type YearGroupRange } from './cohorts.js';
import { computeCompliance, describeMissing, lastDayTaught } from './compliance.js';
import { countsToward, type Encounter } from './encounters.js';
import { PHASE_YEAR_GROUPS } from './phases.js';
import { evaluateEncounter, evaluateSlot, type ProposedEncounter } from './evaluate.js';
import type { RuleCode } from './rules.js';
import { encounter, providers, schoolFacts } from './testing/fixtures.js';

/** A Tuesday in the spring term 2027, inside the school day, in a big hall. */
const slot = (yearGroups: number[], designation: 'statutory' | 'supplementary' = 'statutory'): ProposedEncounter => ({
  date: '2027-01-12',
  start: '10:00',
  end: '11:00',
  yearGroups,
  venueCapacity: 1000,
  designation,
});

describe('real school shapes: Years 1–13 taught, only 8–13 in a key phase', () => {
  it.each<[string, number, YearGroupRange, { phase: number | null; codes: RuleCode[] }]>([
    ['all-through (Years 1–13)', 6, SCHOOL_SHAPES.allThrough, { phase: null, codes: ['PHASE_WINDOW'] }],
    ['all-through (Years 1–13)', 1, SCHOOL_SHAPES.allThrough, { phase: null, codes: ['PHASE_WINDOW'] }],
    ['all-through (Years 1–13)', 9, SCHOOL_SHAPES.allThrough, { phase: 1, codes: [] }],
    ['all-through (Years 1–13)', 12, SCHOOL_SHAPES.allThrough, { phase: 3, codes: [] }],
    ['middle (Years 5–8)', 5, SCHOOL_SHAPES.middleSchool, { phase: null, codes: ['PHASE_WINDOW'] }],
    ['middle (Years 5–8)', 8, SCHOOL_SHAPES.middleSchool, { phase: 1, codes: [] }],
    ['middle (Years 5–8)', 9, SCHOOL_SHAPES.middleSchool, { phase: null, codes: ['WHOLE_YEAR_GROUP'] }],
    ['upper (Years 9–13)', 6, SCHOOL_SHAPES.upperSchool, { phase: null, codes: ['WHOLE_YEAR_GROUP'] }],
  ])('%s: a statutory slot for Year %i in January 2027', (_label, yearGroup, taught, expected) => {
    const result = evaluateSlot({ encounter: slot([yearGroup]), school: schoolFacts(taught) });
    expect(result.targets[0]?.phase).toBe(expected.phase);
    expect(result.violations.map((v) => v.code)).toEqual(expected.codes);
  });

  it('refuses a statutory Year 6 slot at an all-through school with PHASE_WINDOW, saying the phases start in Year 8', () => {
    const [violation] = evaluateSlot({ encounter: slot([6]), school: schoolFacts(SCHOOL_SHAPES.allThrough) }).violations;
    expect(violation).toMatchObject({ code: 'PHASE_WINDOW', yearGroup: 6 });
    expect(violation?.message).toMatch(/Year 6 is in no key phase \(Year 6 is before the key phases, which start in Year 8\)/);
  });

  it('accepts a supplementary Year 6 encounter at an all-through school; only its statutory view names PHASE_WINDOW', () => {
    const result = evaluateEncounter({
      encounter: slot([6], 'supplementary'),
      provider: providers.college,
      school: schoolFacts(SCHOOL_SHAPES.allThrough),
      rules: { published: true },
      existing: [],
    });
    expect(result.violations).toEqual([]);
    expect(result.statutoryViolations.map((v) => v.code)).toEqual(['PHASE_WINDOW']);
    expect(result.counts).toBe(false);
  });

  it('checks the whole roll of a primary year group too (a Year 6 roll the school has not recorded)', () => {
    const school = { ...schoolFacts(SCHOOL_SHAPES.allThrough), roll: {} };
    expect(evaluateSlot({ encounter: slot([6]), school }).violations.map((v) => v.code).sort()).toEqual(['PHASE_WINDOW', 'WHOLE_YEAR_GROUP']);
  });

  it.each([
    [0, 'not_a_year_group'],
    [14, 'left_school'],
    [3, 'before_phases'],
    [7, 'year_7'],
  ])('Year %i counts toward no phase (%s)', (yearGroup, reason) => {
    expect(countsToward('2027-01-12', yearGroup, { from: 1, to: 13 })).toMatchObject({ phase: null, reason });
  });
});

describe('a school that loses a cohort before its phase closes (Decision: it owes what it can while it has them)', () => {
  // Cohort 2025 is in Year 8 during 2026/27: phase 1 runs 1 September 2026 – 28 February 2028, but a
  // Years 5–8 middle school teaches them only until its summer term ends on 21 July 2027.
  const middle = schoolFacts(SCHOOL_SHAPES.middleSchool);
  const year8 = (asOf: string, school = middle, encounters: Encounter[] = []) =>
    computeCompliance(school, encounters, asOf, { cohorts: [2025] })[0]!.phases[0]!;

  it('gives the middle school the last day of its summer term as the deadline, and says why', () => {
    const phase = year8('2027-06-01');
    expect(phase).toMatchObject({ status: 'AT_RISK', windowState: 'open', deadline: '2027-07-21', deadlineReason: 'cohort_leaves', window: { end: '2028-02-28' } });
    expect(phase.deadlineExplanation).toMatch(/leave the school after Year 8, on 21 July 2027, before key phase 1 ends on 28 February 2028/);
  });

  it('uses 31 August when the calendar holds no summer term for that year', () => {
    const noSummer = { ...middle, calendar: { ...middle.calendar, terms: middle.calendar.terms.filter((term) => !term.name.startsWith('Summer term 2027')) } };
    expect(year8('2027-06-01', noSummer)).toMatchObject({ deadline: '2027-08-31', deadlineReason: 'cohort_leaves' });
    expect(lastDayTaught(noSummer, 2025)).toBe('2027-08-31');
  });

  it('is MISSED the day after the cohort leaves, MET if two providers came in time', () => {
    expect(year8('2027-07-22', middle)).toMatchObject({ status: 'MISSED', windowState: 'closed' });
    const two = [
      encounter({ id: 'a', providerId: 'college', date: '2026-11-10', yearGroups: [8], status: 'delivered' }),
      encounter({ id: 'b', providerId: 'itp', date: '2027-03-09', yearGroups: [8], status: 'delivered' }),
    ];
    expect(year8('2027-07-22', middle, two).status).toBe('MET');
  });

  it('says so in what is missing, for the overview and reports', () => {
    const [item] = describeMissing(computeCompliance(middle, [], '2027-06-01'));
    expect(item).toMatchObject({ yearGroup: 8, deadline: '2027-07-21', deadlineReason: 'cohort_leaves' });
    expect(item?.message).toBe('Year 8: two providers by 21 July 2027 (they leave the school then, before key phase 1 ends on 28 February 2028)');
  });

  it.each<[string, YearGroupRange]>([
    ['11–16', SCHOOL_SHAPES.elevenToSixteen],
    ['all-through', SCHOOL_SHAPES.allThrough],
    ['upper', SCHOOL_SHAPES.upperSchool],
  ])('leaves a %s school, which keeps the cohort through the window, with the law’s deadline', (_label, taught) => {
    expect(year8('2027-06-01', schoolFacts(taught))).toMatchObject({ deadline: '2028-02-28', deadlineReason: 'phase_window_ends' });
  });

  it('property: the deadline is never after the window, and is earlier only when the school’s last year group is before the phase’s last', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 13 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 2018, max: 2030 }), (to, span, cohort) => {
        const taught = { from: Math.max(1, to - span), to } as YearGroupRange;
        const [result] = computeCompliance(schoolFacts(taught), [], '2026-10-01', { cohorts: [cohort] });
        for (const phase of result!.phases) {
          expect(phase.deadline <= phase.window.end).toBe(true);
          const early = phase.status !== 'NOT_APPLICABLE' && to < PHASE_YEAR_GROUPS[phase.phase][1];
          expect(phase.deadlineReason).toBe(early ? 'cohort_leaves' : 'phase_window_ends');
        }
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCHOOL_SHAPES, academicYearOf, type YearGroup } from './cohorts.js';
import { STATUS_RANK, computeCompliance, describeMissing, type CohortCompliance, type PhaseCompliance } from './compliance.js';
import type { Encounter, EncounterStatus } from './encounters.js';
import { evaluateEncounter } from './evaluate.js';
import { addDays } from './time.js';
import { allYearCalendar, encounter, providers, schoolFacts } from './testing/fixtures.js';

const school = schoolFacts(SCHOOL_SHAPES.withSixthForm);
const asOf = '2026-11-02';

function phaseOf(result: CohortCompliance[], cohort: number, phase: 1 | 2 | 3): PhaseCompliance {
  const found = result.find((entry) => entry.cohort === cohort)?.phases.find((entry) => entry.phase === phase);
  if (!found) throw new Error(`no cohort ${cohort} phase ${phase} in result`);
  return found;
}

// Cohort 2024 is in Year 9 on 2 November 2026; its phase 1 runs 1 September 2025 – 28 February 2027.
const y8Delivered = (providerId: string, status: EncounterStatus = 'delivered') =>
  encounter({ providerId, date: '2026-01-13', yearGroups: [8], status });
const y9 = (providerId: string, date: string, status: EncounterStatus) => encounter({ providerId, date, yearGroups: [9], status });

describe('a cohort’s status in a phase', () => {
  it.each<[string, Encounter[], string]>([
    ['two delivered from two providers', [y8Delivered('college'), y9('itp', '2026-10-06', 'delivered')], 'MET'],
    ['one delivered and one confirmed future from another provider', [y8Delivered('college'), y9('itp', '2027-01-12', 'confirmed')], 'ON_TRACK'],
    ['a confirmed encounter today counts as future', [y8Delivered('college'), y9('itp', asOf, 'confirmed')], 'ON_TRACK'],
    ['two delivered from the same provider', [y8Delivered('college'), y9('college', '2026-10-06', 'delivered')], 'AT_RISK'],
    ['one delivered only', [y8Delivered('college')], 'AT_RISK'],
    ['nothing booked', [], 'AT_RISK'],
    ['a second provider cancelled', [y8Delivered('college'), y9('itp', '2027-01-12', 'cancelled')], 'AT_RISK'],
    ['a second provider that did not come', [y8Delivered('college'), y9('itp', '2026-10-06', 'not_delivered')], 'AT_RISK'],
    ['a second provider as supplementary', [y8Delivered('college'), { ...y9('itp', '2026-10-06', 'delivered'), designation: 'supplementary' }], 'AT_RISK'],
    ['a confirmed date that has passed with no outcome', [y8Delivered('college'), y9('itp', '2026-10-06', 'confirmed')], 'AT_RISK'],
    ['an encounter after the window closed', [y8Delivered('college'), y9('itp', '2027-03-02', 'confirmed')], 'AT_RISK'],
  ])('%s → %s', (_label, encounters, status) => {
    expect(phaseOf(computeCompliance(school, encounters, asOf), 2024, 1).status).toBe(status);
  });

  it('MISSED once the window has closed without two delivered providers, MET if it had them', () => {
    const oneOnly = [encounter({ providerId: 'college', date: '2024-01-16', yearGroups: [8], status: 'delivered' })];
    const missed = phaseOf(computeCompliance(school, oneOnly, asOf), 2022, 1);
    expect(missed).toMatchObject({ status: 'MISSED', windowState: 'closed', deadline: '2025-02-28' });
    const two = [...oneOnly, encounter({ providerId: 'itp', date: '2025-02-27', yearGroups: [9], status: 'delivered' })];
    expect(phaseOf(computeCompliance(school, two, asOf), 2022, 1).status).toBe('MET');
  });

  it('a confirmed encounter never marked delivered does not save a closed window', () => {
    const encounters = [
      encounter({ providerId: 'college', date: '2024-01-16', yearGroups: [8], status: 'delivered' }),
      encounter({ providerId: 'itp', date: '2025-02-27', yearGroups: [9], status: 'confirmed' }),
    ];
    expect(phaseOf(computeCompliance(school, encounters, asOf), 2022, 1).status).toBe('MISSED');
  });

  it.each([
    ['11–16', SCHOOL_SHAPES.elevenToSixteen, ['AT_RISK', 'AT_RISK', 'NOT_APPLICABLE']],
    ['UTC', SCHOOL_SHAPES.utcOrStudioSchool, ['NOT_APPLICABLE', 'AT_RISK', 'AT_RISK']],
    ['middle', SCHOOL_SHAPES.middleSchool, ['AT_RISK', 'NOT_APPLICABLE', 'NOT_APPLICABLE']],
    ['upper', SCHOOL_SHAPES.upperSchool, ['AT_RISK', 'AT_RISK', 'AT_RISK']],
    ['all-through', SCHOOL_SHAPES.allThrough, ['AT_RISK', 'AT_RISK', 'AT_RISK']],
  ] as const)('a %s school owes only the phases of year groups it teaches', (_label, taught, statuses) => {
    const result = computeCompliance(schoolFacts(taught), [], asOf);
    const firstCohort = result[0];
    expect(firstCohort?.phases.map((phase) => phase.status)).toEqual(statuses);
    // Only cohorts in Years 7–13 are reported: Years 1–6 of an all-through or middle school are not near a phase.
    const from = Math.max(taught.from, 7);
    expect(result.map((entry) => entry.yearGroup)).toEqual(Array.from({ length: taught.to - from + 1 }, (_, index) => from + index));
  });
});

describe('what lies behind a status', () => {
  it('separates delivered, confirmed-future and awaiting-outcome encounters and counts distinct providers', () => {
    const delivered = y8Delivered('college');
    const deliveredAgain = y9('college', '2026-10-06', 'delivered');
    const stale = y9('uni', '2026-10-07', 'confirmed');
    const future = y9('itp', '2027-01-12', 'confirmed');
    const phase = phaseOf(computeCompliance(school, [delivered, deliveredAgain, stale, future], asOf), 2024, 1);
    expect(phase.delivered.map((entry) => entry.encounterId)).toEqual([delivered.id, deliveredAgain.id]);
    expect(phase.confirmed.map((entry) => entry.encounterId)).toEqual([future.id]);
    expect(phase.awaitingOutcome.map((entry) => entry.encounterId)).toEqual([stale.id]);
    expect(phase.deliveredProviderIds).toEqual(['college']);
    expect(phase.plannedProviderIds).toEqual(['college', 'itp']);
    expect(phase.window).toEqual({ start: '2025-09-01', end: '2027-02-28' });
    expect(phase.status).toBe('ON_TRACK');
  });

  it('one Year 9 + Year 10 encounter counts for two cohorts in two phases', () => {
    const shared = encounter({ providerId: 'college', date: '2026-10-06', yearGroups: [9, 10], status: 'delivered' });
    const result = computeCompliance(school, [shared], asOf);
    expect(phaseOf(result, 2024, 1).delivered.map((entry) => entry.encounterId)).toEqual([shared.id]);
    expect(phaseOf(result, 2023, 2).delivered.map((entry) => entry.encounterId)).toEqual([shared.id]);
    expect(phaseOf(result, 2023, 1).delivered).toEqual([]);
  });

  it('answers as of a past date: an encounter delivered later was only confirmed then', () => {
    const encounters = [y8Delivered('college'), y9('itp', '2026-10-06', 'delivered')];
    expect(phaseOf(computeCompliance(school, encounters, '2026-10-05'), 2024, 1).status).toBe('ON_TRACK');
    expect(phaseOf(computeCompliance(school, encounters, '2026-10-06'), 2024, 1).status).toBe('MET');
  });

  it('reports the cohorts asked for, even ones that have left', () => {
    const result = computeCompliance(school, [], asOf, { cohorts: [2018] });
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ cohort: 2018, yearGroup: 15 });
    expect(result[0]?.phases.map((phase) => phase.status)).toEqual(['MISSED', 'MISSED', 'MISSED']);
  });
});

describe('what is missing, in plain English', () => {
  it('says how many more providers each cohort needs and by when', () => {
    const encounters = [
      y8Delivered('college'),
      encounter({ providerId: 'college', date: '2024-01-16', yearGroups: [8], status: 'delivered' }),
    ];
    const missing = describeMissing(computeCompliance(schoolFacts(SCHOOL_SHAPES.elevenToSixteen), encounters, asOf));
    expect(missing.map((item) => item.message)).toEqual([
      'Year 11: key phase 1 (Years 8–9) closed on 28 February 2025 with only one provider; two different providers were required.',
      'Year 10: key phase 1 (Years 8–9) closed on 28 February 2026 with no provider; two different providers were required.',
      'Year 9: one more provider by 28 February 2027',
      'Year 11: two providers by 28 February 2027',
      'Year 8: two providers by 28 February 2028',
      'Year 10: two providers by 28 February 2028',
    ]);
    expect(missing.find((item) => item.yearGroup === 9)).toMatchObject({ cohort: 2024, phase: 1, providersNeeded: 1, status: 'AT_RISK' });
  });

  it('sorts missed first, then by nearest deadline', () => {
    const encounters = [encounter({ providerId: 'college', date: '2024-01-16', yearGroups: [8], status: 'delivered' })];
    const missing = describeMissing(computeCompliance(schoolFacts(SCHOOL_SHAPES.elevenToSixteen), encounters, asOf));
    expect(missing[0]?.status).toBe('MISSED');
    const deadlines = missing.slice(1).map((item) => item.deadline);
    expect(deadlines).toEqual([...deadlines].sort());
  });

  it('leaves out phases that have not started unless asked', () => {
    const result = computeCompliance(schoolFacts(SCHOOL_SHAPES.elevenToSixteen), [], asOf);
    const year7 = (items: ReturnType<typeof describeMissing>) => items.filter((item) => item.yearGroup === 7);
    expect(year7(describeMissing(result))).toEqual([]);
    expect(year7(describeMissing(result, { includeUpcoming: true })).map((item) => item.message)).toEqual([
      'Year 7: two providers between 1 September 2027 and 28 February 2029 (key phase 1).',
      'Year 7: two providers between 1 September 2029 and 28 February 2031 (key phase 2).',
    ]);
  });

  it('has nothing to say when every owed phase is met or on track', () => {
    const encounters = [y8Delivered('college'), y9('itp', '2027-01-12', 'confirmed')];
    const missing = describeMissing(computeCompliance(school, encounters, asOf, { cohorts: [2024] }));
    expect(missing).toEqual([]);
  });
});

const providerIds = ['college', 'itp', 'uni', 'utc'];
const arbitraryEncounter = fc.record({
  providerId: fc.constantFrom(...providerIds),
  date: fc
    .date({ min: new Date('2023-09-01T12:00:00Z'), max: new Date('2030-08-31T12:00:00Z'), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 10)),
  yearGroups: fc.uniqueArray(fc.constantFrom<YearGroup>(7, 8, 9, 10, 11, 12, 13), { minLength: 1, maxLength: 3 }),
  status: fc.constantFrom<EncounterStatus>('confirmed', 'delivered', 'not_delivered', 'cancelled'),
  designation: fc.constantFrom('statutory' as const, 'supplementary' as const),
});
const arbitraryAsOf = fc
  .date({ min: new Date('2024-09-01T12:00:00Z'), max: new Date('2029-08-31T12:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const arbitraryShape = fc.constantFrom(...Object.values(SCHOOL_SHAPES));

function withIds(drafts: Omit<Encounter, 'id' | 'start' | 'end'>[]): Encounter[] {
  return drafts.map((draft, index) => ({ ...draft, id: `e${index}`, start: '10:00', end: '11:00' }));
}

describe('compliance invariants', () => {
  it('adding an encounter never lowers a cohort’s status', () => {
    fc.assert(
      fc.property(arbitraryShape, fc.array(arbitraryEncounter, { maxLength: 25 }), arbitraryEncounter, arbitraryAsOf, (taught, drafts, extra, date) => {
        const facts = schoolFacts(taught);
        const before = computeCompliance(facts, withIds(drafts), date);
        const after = computeCompliance(facts, withIds([...drafts, extra]), date);
        before.forEach((cohort, cohortIndex) => {
          cohort.phases.forEach((phase, phaseIndex) => {
            const later = after[cohortIndex]?.phases[phaseIndex];
            if (phase.status === 'NOT_APPLICABLE') {
              expect(later?.status).toBe('NOT_APPLICABLE');
              return;
            }
            expect(later && later.status !== 'NOT_APPLICABLE').toBe(true);
            expect(STATUS_RANK[later!.status as keyof typeof STATUS_RANK]).toBeGreaterThanOrEqual(STATUS_RANK[phase.status]);
          });
        });
      }),
    );
  });

  it('statuses agree with their definitions', () => {
    fc.assert(
      fc.property(arbitraryShape, fc.array(arbitraryEncounter, { maxLength: 30 }), arbitraryAsOf, (taught, drafts, date) => {
        for (const cohort of computeCompliance(schoolFacts(taught), withIds(drafts), date)) {
          for (const phase of cohort.phases) {
            const delivered = new Set(phase.delivered.map((entry) => entry.providerId)).size;
            const planned = new Set([...phase.delivered, ...phase.confirmed].map((entry) => entry.providerId)).size;
            const expected =
              phase.status === 'NOT_APPLICABLE'
                ? 'NOT_APPLICABLE'
                : delivered >= 2
                  ? 'MET'
                  : // The school's deadline: the window's end, or the day a cohort leaving early is last taught.
                    date > phase.deadline
                    ? 'MISSED'
                    : planned >= 2
                      ? 'ON_TRACK'
                      : 'AT_RISK';
            expect(phase.status).toBe(expected);
            for (const entry of [...phase.delivered, ...phase.confirmed, ...phase.awaitingOutcome]) {
              expect(entry.date >= phase.window.start && entry.date <= phase.window.end).toBe(true);
            }
          }
        }
      }),
    );
  });

  it('does not depend on the order encounters arrive in', () => {
    fc.assert(
      fc.property(fc.array(arbitraryEncounter, { maxLength: 20 }), arbitraryAsOf, (drafts, date) => {
        const encounters = withIds(drafts);
        const statuses = (list: Encounter[]) =>
          computeCompliance(school, list, date).map((cohort) => cohort.phases.map((phase) => phase.status));
        expect(statuses([...encounters].reverse())).toEqual(statuses(encounters));
      }),
    );
  });
});

describe('evaluation and compliance agree', () => {
  it('a statutory encounter that counts, once delivered, shows up in exactly the phases it was said to count toward', () => {
    const facts = schoolFacts(SCHOOL_SHAPES.withSixthForm, allYearCalendar);
    fc.assert(
      fc.property(arbitraryEncounter, (draft) => {
        const evaluation = evaluateEncounter({
          encounter: { ...draft, start: '10:00', end: '11:00', venueCapacity: 1000, designation: 'statutory' },
          provider: providers.college,
          school: facts,
          rules: { published: true },
          existing: [],
        });
        fc.pre(evaluation.counts);
        const stored: Encounter = { ...draft, id: 'only', start: '10:00', end: '11:00', designation: 'statutory', status: 'delivered', providerId: 'college' };
        const cohorts = [...new Set(draft.yearGroups.map((yearGroup) => academicYearOf(draft.date) - (yearGroup - 7)))];
        const holding = computeCompliance(facts, [stored], addDays(draft.date, 1), { cohorts })
          .flatMap((cohort) => cohort.phases.filter((phase) => phase.delivered.length > 0).map((phase) => ({ cohort: cohort.cohort, phase: phase.phase })));
        expect(holding.sort((a, b) => a.cohort - b.cohort)).toEqual([...evaluation.countsToward].sort((a, b) => a.cohort - b.cohort));
      }),
    );
  });
});

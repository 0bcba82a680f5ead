import type { SchoolCalendar } from './calendar.js';
import { academicYearOf, isYearGroup, teaches, type Cohort, type YearGroup, type YearGroupRange } from './cohorts.js';
import { phaseOf, type KeyPhase } from './phases.js';
import { assertLocalDate, type LocalDate, type LocalTime } from './time.js';

/** Whether an encounter is meant to count toward the duty. Supplementary ones are recorded only. */
export type Designation = 'statutory' | 'supplementary';

/** Where a booked encounter stands. Only confirmed and delivered statutory encounters count. */
export type EncounterStatus = 'confirmed' | 'delivered' | 'not_delivered' | 'cancelled';

/** A booked encounter as the API stores it. */
export interface Encounter {
  id: string;
  providerId: string;
  date: LocalDate;
  start: LocalTime;
  end: LocalTime;
  yearGroups: YearGroup[];
  designation: Designation;
  status: EncounterStatus;
}

/** Pupils on roll per academic year (keyed by its start year) per year group. */
export type SchoolRoll = Record<number, Partial<Record<YearGroup, number>>>;

/** What the rules need to know about a school. */
export interface SchoolFacts {
  id?: string;
  name?: string;
  yearGroupsTaught: YearGroupRange;
  roll: SchoolRoll;
  calendar: SchoolCalendar;
}

/** A cohort's key phase an encounter counts toward. */
export interface PhaseTarget {
  cohort: Cohort;
  phase: KeyPhase;
}

/** Why a named year group counts toward no phase. */
export type NoPhaseReason = 'not_a_year_group' | 'not_taught' | 'before_phases' | 'year_7' | 'after_february' | 'left_school';

/**
 * Reasons a taught year group is in no key phase on a date: a statutory encounter for it breaks
 * PHASE_WINDOW (it may still be booked as supplementary).
 */
export const OUTSIDE_PHASE_REASONS: ReadonlySet<NoPhaseReason> = new Set(['before_phases', 'year_7', 'after_february']);

/** For one named year group, the cohort and phase it counts toward, or why none. */
export type YearGroupTarget =
  | { yearGroup: number; cohort: Cohort; phase: KeyPhase }
  | { yearGroup: number; cohort: Cohort; phase: null; reason: NoPhaseReason; explanation: string };

const NO_PHASE_EXPLANATIONS: Record<NoPhaseReason, (yearGroup: number) => string> = {
  not_a_year_group: (yearGroup) => `Year ${yearGroup} is not one of Years 1–13`,
  before_phases: (yearGroup) => `Year ${yearGroup} is before the key phases, which start in Year 8`,
  not_taught: (yearGroup) => `the school does not teach Year ${yearGroup}`,
  year_7: () => 'Year 7 is before key phase 1, which starts in Year 8',
  after_february: (yearGroup) => `key phase ${Math.floor((yearGroup - 7) / 2)} ends on 28 February of Year ${yearGroup}`,
  left_school: (yearGroup) => `Year ${yearGroup} is beyond Year 13`,
};

/**
 * The cohort and key phase one year group counts toward on a date at a school, or why none.
 * @example countsToward('2027-01-12', 9, { from: 7, to: 11 }) // { yearGroup: 9, cohort: 2024, phase: 1 }
 */
export function countsToward(date: LocalDate, yearGroup: number, taught: YearGroupRange): YearGroupTarget {
  assertLocalDate(date);
  const cohort = academicYearOf(date) - (yearGroup - 7);
  const none = (reason: NoPhaseReason): YearGroupTarget => ({
    yearGroup,
    cohort,
    phase: null,
    reason,
    explanation: NO_PHASE_EXPLANATIONS[reason](yearGroup),
  });
  if (!isYearGroup(yearGroup)) return none(yearGroup > 13 ? 'left_school' : 'not_a_year_group');
  if (!teaches(taught, yearGroup)) return none('not_taught');
  const phase = phaseOf(cohort, date);
  if (phase !== null) return { yearGroup, cohort, phase };
  return none(yearGroup < 7 ? 'before_phases' : yearGroup === 7 ? 'year_7' : 'after_february');
}

/**
 * The distinct (cohort, phase) pairs a statutory encounter on `date` for `yearGroups` counts
 * toward at a school teaching `taught`. The API builds its one-provider-per-phase guard items
 * from these. Year groups in no phase, or not taught, contribute nothing.
 * @example statutoryTargets('2027-01-12', [9, 10], { from: 7, to: 11 })
 *   // [{ cohort: 2024, phase: 1 }, { cohort: 2023, phase: 2 }]
 */
export function statutoryTargets(date: LocalDate, yearGroups: readonly number[], taught: YearGroupRange): PhaseTarget[] {
  const targets: PhaseTarget[] = [];
  for (const yearGroup of yearGroups) {
    const target = countsToward(date, yearGroup, taught);
    if (target.phase === null) continue;
    if (targets.some((existing) => existing.cohort === target.cohort && existing.phase === target.phase)) continue;
    targets.push({ cohort: target.cohort, phase: target.phase });
  }
  return targets;
}

/**
 * True when a stored encounter counts toward the duty at all: statutory, and confirmed or delivered.
 * @example isCountable({ ...encounter, status: 'cancelled' }) // false
 */
export function isCountable(encounter: Pick<Encounter, 'designation' | 'status'>): boolean {
  return encounter.designation === 'statutory' && (encounter.status === 'confirmed' || encounter.status === 'delivered');
}

import { academicYearOf, cohortOf, teaches, type Cohort, type YearGroup, type YearGroupRange } from './cohorts.js';
import { assertLocalDate, dateOf, type LocalDate } from './time.js';

/** The three key phases of the provider access duty. */
export type KeyPhase = 1 | 2 | 3;

export const KEY_PHASES: readonly KeyPhase[] = [1, 2, 3];

/** A key-phase window; both ends are included. */
export interface PhaseWindow {
  start: LocalDate;
  end: LocalDate;
}

/** The year groups whose pupils are in each key phase for part of their year. */
export const PHASE_YEAR_GROUPS: Readonly<Record<KeyPhase, readonly [YearGroup, YearGroup]>> = {
  1: [8, 9],
  2: [10, 11],
  3: [12, 13],
};

/**
 * The window of a cohort's key phase: from 1 September of its first year group to 28 February
 * of its second. The law fixes 28 February, so 29 February of a leap year is outside the window.
 * @example phaseWindow(2024, 1) // { start: '2025-09-01', end: '2027-02-28' }
 */
export function phaseWindow(cohort: Cohort, phase: KeyPhase): PhaseWindow {
  const firstYearStart = cohort + 2 * phase - 1;
  return { start: dateOf(firstYearStart, 9, 1), end: dateOf(firstYearStart + 2, 2, 28) };
}

/**
 * The key phase of a cohort that contains `date`, or null when the date is in none
 * (all of Year 7; March to August of Years 9, 11 and 13; before and after secondary school).
 * @example phaseOf(2024, '2027-02-28') // 1; phaseOf(2024, '2027-03-01') // null
 */
export function phaseOf(cohort: Cohort, date: LocalDate): KeyPhase | null {
  assertLocalDate(date);
  for (const phase of KEY_PHASES) {
    if (isInWindow(phaseWindow(cohort, phase), date)) return phase;
  }
  return null;
}

/**
 * The key phase a year group is in on a date (the cohort follows from the date), or null.
 * @example phaseOfYearGroupOn(10, '2027-01-12') // 2
 */
export function phaseOfYearGroupOn(yearGroup: number, date: LocalDate): KeyPhase | null {
  return phaseOf(academicYearOf(date) - (yearGroup - 7), date);
}

/**
 * True when the date lies inside the window, ends included. Dates written `YYYY-MM-DD` order
 * the same as strings, which keeps this hot path free of date parsing.
 * @example isInWindow({ start: '2025-09-01', end: '2027-02-28' }, '2027-02-28') // true
 */
export function isInWindow(window: PhaseWindow, date: LocalDate): boolean {
  return date >= window.start && date <= window.end;
}

/**
 * True when the school teaches at least one of the phase's year groups, and so owes the phase.
 * A school teaching only Year 9 still owes phase 1.
 * @example phaseAppliesTo({ from: 10, to: 13 }, 1) // false
 */
export function phaseAppliesTo(taught: YearGroupRange, phase: KeyPhase): boolean {
  return PHASE_YEAR_GROUPS[phase].some((yearGroup) => teaches(taught, yearGroup));
}

/**
 * The last day an encounter on `date` can change `cohort`'s standing: the end of the key-phase
 * window the date falls in for that cohort, or the date itself when it falls in none (such an
 * encounter counts toward nothing once it has happened). After this day the encounter is
 * *settled* for the cohort: the store files it under this date, and compliance takes it as it was
 * (see `isSettled`).
 * @example encounterSettlesOn(2024, '2026-11-10') // '2027-02-28' (phase 1 of cohort 2024)
 * @example encounterSettlesOn(2026, '2026-11-10') // '2026-11-10' (Year 7: no phase)
 */
export function encounterSettlesOn(cohort: Cohort, date: LocalDate): LocalDate {
  const phase = phaseOf(cohort, date);
  return phase === null ? date : phaseWindow(cohort, phase).end;
}

/**
 * **Decision** (settled phases): an encounter is settled on `asOf` when, for every cohort its year
 * groups reach, the key phase it fell in had closed before `asOf` (or it fell in none and its day
 * has passed). A settled encounter is taken as it was confirmed or delivered and is never judged
 * again on today's facts: it lies in the past, in a phase no booking can change any more, and a
 * lapse today could not alter that phase's status (only delivered encounters make MET, and a
 * closed phase plans nothing). `judgeStanding` applies this; the store keeps a summary per
 * cohort and phase for settled ones instead of reading their encounters.
 * @example isSettled({ date: '2026-11-10', yearGroups: [9] }, '2027-03-01') // true: phase 1 closed on 28 February
 * @example isSettled({ date: '2026-11-10', yearGroups: [9, 10] }, '2027-03-01') // false: Year 10's phase 2 is open
 */
export function isSettled(encounter: { date: LocalDate; yearGroups: readonly number[] }, asOf: LocalDate): boolean {
  const year = academicYearOf(encounter.date);
  return encounter.yearGroups.every((yearGroup) => encounterSettlesOn(cohortOf(yearGroup, year), encounter.date) < asOf);
}

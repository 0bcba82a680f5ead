import { calendarYearOf, dateOf, monthOf, type LocalDate } from './time.js';

/**
 * The year groups a school can teach here: Years 1–13 (all-through, middle and upper schools
 * included; Reception is not a year group here). Only Years 8–13 are ever in a key phase.
 */
export const YEAR_GROUPS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13] as const;

/** A year group, Year 1 to Year 13. */
export type YearGroup = (typeof YEAR_GROUPS)[number];

/** The first year group of secondary education, which names a cohort. */
export const FIRST_SECONDARY_YEAR = 7;

/**
 * A cohort is named by the academic start year in which its pupils start Year 7:
 * cohort 2024 is in Year 8 during 2025/26.
 */
export type Cohort = number;

/** A contiguous range of year groups a school teaches, both ends included. */
export interface YearGroupRange {
  from: YearGroup;
  to: YearGroup;
}

/** The shapes of school the product is built for: real English schools that owe the duty for some of Years 8–13. */
export const SCHOOL_SHAPES = {
  elevenToSixteen: { from: 7, to: 11 },
  withSixthForm: { from: 7, to: 13 },
  utcOrStudioSchool: { from: 10, to: 13 },
  /** A 9–13 middle school (Years 5–8); its Year 8 leaves before phase 1 closes. */
  middleSchool: { from: 5, to: 8 },
  /** A 13–18 upper school. */
  upperSchool: { from: 9, to: 13 },
  sixthFormOnly: { from: 12, to: 13 },
  /** A 4–18 all-through school, Reception excluded. */
  allThrough: { from: 1, to: 13 },
} as const satisfies Record<string, YearGroupRange>;

/**
 * True when `value` is one of Years 1–13.
 * @example isYearGroup(12) // true; isYearGroup(6) // true; isYearGroup(0) // false
 */
export function isYearGroup(value: number): value is YearGroup {
  return Number.isInteger(value) && value >= 1 && value <= 13;
}

/**
 * The start year of the academic year (1 September – 31 August) containing `date`.
 * @example academicYearOf('2026-08-31') // 2025; academicYearOf('2026-09-01') // 2026
 */
export function academicYearOf(date: LocalDate): number {
  const year = calendarYearOf(date);
  return monthOf(date) >= 9 ? year : year - 1;
}

/**
 * The usual label of an academic year.
 * @example academicYearLabel(2025) // '2025/26'
 */
export function academicYearLabel(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/**
 * First and last day of an academic year, both included.
 * @example academicYearBounds(2025) // { start: '2025-09-01', end: '2026-08-31' }
 */
export function academicYearBounds(startYear: number): { start: LocalDate; end: LocalDate } {
  return { start: dateOf(startYear, 9, 1), end: dateOf(startYear + 1, 8, 31) };
}

/**
 * The year group a cohort is in on a date. The result may fall outside 1–13 (a cohort not yet in
 * Year 1, or one that has left); callers check with {@link isYearGroup}.
 * @example yearGroupOn(2024, '2026-01-15') // 8
 */
export function yearGroupOn(cohort: Cohort, date: LocalDate): number {
  return 7 + academicYearOf(date) - cohort;
}

/**
 * The cohort that is in `yearGroup` during the academic year starting `academicYearStart`.
 * @example cohortOf(9, 2026) // 2024
 */
export function cohortOf(yearGroup: number, academicYearStart: number): Cohort {
  return academicYearStart - (yearGroup - 7);
}

/**
 * True when the school teaches the year group.
 * @example teaches({ from: 10, to: 13 }, 9) // false
 */
export function teaches(taught: YearGroupRange, yearGroup: number): boolean {
  return yearGroup >= taught.from && yearGroup <= taught.to;
}

/**
 * The year groups in a range, youngest first.
 * @example yearGroupsIn({ from: 10, to: 13 }) // [10, 11, 12, 13]
 */
export function yearGroupsIn(range: YearGroupRange): YearGroup[] {
  return YEAR_GROUPS.filter((yearGroup) => teaches(range, yearGroup));
}

/**
 * Throws when a range is not a contiguous span of Years 1–13 written youngest first.
 * @example assertYearGroupRange({ from: 7, to: 11 })
 */
export function assertYearGroupRange(range: YearGroupRange): void {
  if (!isYearGroup(range.from) || !isYearGroup(range.to) || range.from > range.to) {
    throw new RangeError(`year groups taught must run from one of Years 1–13 to a later one, got ${range.from}–${range.to}`);
  }
}

/**
 * The cohorts on a school's roll during an academic year, youngest year group first.
 * @example cohortsTaughtIn({ from: 7, to: 11 }, 2026) // [2026, 2025, 2024, 2023, 2022]
 */
export function cohortsTaughtIn(taught: YearGroupRange, academicYearStart: number): Cohort[] {
  return yearGroupsIn(taught).map((yearGroup) => cohortOf(yearGroup, academicYearStart));
}

import { calendarYearOf, dateOf, monthOf, type LocalDate } from './time.js';

/** The secondary year groups the product knows about. */
export const YEAR_GROUPS = [7, 8, 9, 10, 11, 12, 13] as const;

/** A secondary year group, Year 7 to Year 13. */
export type YearGroup = (typeof YEAR_GROUPS)[number];

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

/** The shapes of secondary school the product is built for. */
export const SCHOOL_SHAPES = {
  elevenToSixteen: { from: 7, to: 11 },
  withSixthForm: { from: 7, to: 13 },
  utcOrStudioSchool: { from: 10, to: 13 },
  middleSchool: { from: 7, to: 8 },
  upperSchool: { from: 9, to: 13 },
  sixthFormOnly: { from: 12, to: 13 },
} as const satisfies Record<string, YearGroupRange>;

/**
 * True when `value` is one of Years 7–13.
 * @example isYearGroup(12) // true; isYearGroup(6) // false
 */
export function isYearGroup(value: number): value is YearGroup {
  return Number.isInteger(value) && value >= 7 && value <= 13;
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
 * The year group a cohort is in on a date. The result may fall outside 7–13 (a cohort still in
 * primary school, or one that has left); callers check with {@link isYearGroup}.
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
 * Throws when a range is not a contiguous span of Years 7–13 written youngest first.
 * @example assertYearGroupRange({ from: 7, to: 11 })
 */
export function assertYearGroupRange(range: YearGroupRange): void {
  if (!isYearGroup(range.from) || !isYearGroup(range.to) || range.from > range.to) {
    throw new RangeError(`year groups taught must run from one of Years 7–13 to a later one, got ${range.from}–${range.to}`);
  }
}

/**
 * The cohorts on a school's roll during an academic year, youngest year group first.
 * @example cohortsTaughtIn({ from: 7, to: 11 }, 2026) // [2026, 2025, 2024, 2023, 2022]
 */
export function cohortsTaughtIn(taught: YearGroupRange, academicYearStart: number): Cohort[] {
  return yearGroupsIn(taught).map((yearGroup) => cohortOf(yearGroup, academicYearStart));
}

import { academicYearLabel, academicYearOf, cohortOf, teaches, type YearGroupRange } from './cohorts.js';
import { formatLongDate, type LocalDate } from './time.js';

/**
 * Gatsby Benchmark 5 (statutory guidance, "Employers and work experience"): every year from age 11,
 * every pupil has at least one meaningful encounter with an employer. Pure: the school's employer
 * encounters in, per academic year and year group (Years 7–13 the school teaches) a status out.
 *
 * Statuses (stable codes):
 * - `MET`: a delivered employer encounter open to the whole year group (every pupil had one).
 * - `PLANNED`: not met yet, but a confirmed one for the whole year group is still to come this year.
 * - `PARTIAL`: only named groups (a club, a set) have had one: those pupils, not every pupil.
 * - `NOT_MET`: none delivered or planned.
 */
export const BENCHMARK5_STATUSES = ['MET', 'PLANNED', 'PARTIAL', 'NOT_MET'] as const;
export type Benchmark5Status = (typeof BENCHMARK5_STATUSES)[number];

/** Year groups Benchmark 5 applies to: every year from age 11. */
export const BENCHMARK5_YEAR_GROUPS = [7, 8, 9, 10, 11, 12, 13] as const;

/** The states in which an employer encounter counts (delivered, or confirmed and still to come); others count for nothing. */
export const BENCHMARK5_COUNTED_STATUSES = ['confirmed', 'delivered'] as const;

/**
 * True when an encounter in this state counts toward Benchmark 5 (read or kept).
 * @example isBenchmark5Counted('cancelled') // false
 */
export function isBenchmark5Counted(status: string): status is (typeof BENCHMARK5_COUNTED_STATUSES)[number] {
  return (BENCHMARK5_COUNTED_STATUSES as readonly string[]).includes(status);
}

/** One employer encounter as the school's bookings record it. */
export interface EmployerEncounter {
  id: string;
  employerId: string;
  employerName: string;
  /** The employer's sector for this encounter, when known. */
  sector: string | null;
  date: LocalDate;
  title: string;
  yearGroups: readonly number[];
  /** Open to every pupil of each named year group; false for a named group. */
  wholeYearGroup: boolean;
  groupName?: string;
  status: 'confirmed' | 'delivered' | 'not_delivered' | 'cancelled';
}

export interface Benchmark5YearGroup {
  yearGroup: number;
  cohort: number;
  status: Benchmark5Status;
  explanation: string;
  delivered: EmployerEncounter[];
  planned: EmployerEncounter[];
  /** Employers met (delivered), by name, once each. */
  employers: string[];
  /** Sectors met (delivered), once each. */
  sectors: string[];
}

export interface Benchmark5Year {
  academicYear: number;
  label: string;
  yearGroups: Benchmark5YearGroup[];
}

export interface Benchmark5Cohort {
  cohort: number;
  /** The year group the cohort is in on `asOf`. */
  yearGroupNow: number;
  /** Sectors met across the cohort's years shown, so a careers leader sees variety, not a count. */
  sectors: string[];
  yearsMet: number;
  yearsCounted: number;
}

export interface Benchmark5Report {
  years: Benchmark5Year[];
  cohorts: Benchmark5Cohort[];
}

const unique = (values: Array<string | null>) => [...new Set(values.filter((v): v is string => v !== null))].sort();

/**
 * The status of one year group in one academic year. An encounter delivered after `asOf` counts as
 * planned, so a past `asOf` gives the answer the school saw then.
 * @example yearGroupStatus(8, 2026, encounters, '2027-03-01').status // 'MET'
 */
export function yearGroupStatus(yearGroup: number, academicYear: number, encounters: readonly EmployerEncounter[], asOf: LocalDate): Benchmark5YearGroup {
  const mine = encounters.filter((e) => academicYearOf(e.date) === academicYear && e.yearGroups.includes(yearGroup));
  const delivered = mine.filter((e) => e.status === 'delivered' && e.date <= asOf);
  const planned = mine.filter((e) => (e.status === 'confirmed' && e.date >= asOf) || (e.status === 'delivered' && e.date > asOf));
  const whole = delivered.filter((e) => e.wholeYearGroup);
  let status: Benchmark5Status;
  let explanation: string;
  if (whole.length) {
    status = 'MET';
    explanation = `Every pupil in Year ${yearGroup} met an employer: ${whole[0]!.employerName} on ${formatLongDate(whole[0]!.date)}.`;
  } else if (planned.some((e) => e.wholeYearGroup)) {
    status = 'PLANNED';
    const next = planned.filter((e) => e.wholeYearGroup).sort((a, b) => a.date.localeCompare(b.date))[0]!;
    explanation = `Not met yet: ${next.employerName} is booked for the whole of Year ${yearGroup} on ${formatLongDate(next.date)}.`;
  } else if (delivered.length) {
    status = 'PARTIAL';
    explanation = `Only named groups met an employer (${unique(delivered.map((e) => e.groupName ?? null)).join(', ') || 'a group'}): book one for the whole of Year ${yearGroup}.`;
  } else {
    status = 'NOT_MET';
    explanation = `No employer encounter for Year ${yearGroup} in ${academicYearLabel(academicYear)} yet.`;
  }
  return {
    yearGroup,
    cohort: cohortOf(yearGroup, academicYear),
    status,
    explanation,
    delivered,
    planned,
    employers: unique(delivered.map((e) => e.employerName)),
    sectors: unique(delivered.map((e) => e.sector)),
  };
}

/**
 * The cohorts Benchmark 5 is about on `asOf`: those in a year group of 7–13 the school teaches
 * (its pupils now), oldest first. Empty for a school teaching none of those years.
 * @example benchmark5Cohorts({ from: 7, to: 11 }, '2027-03-01') // [2022, 2023, 2024, 2025, 2026]
 */
export function benchmark5Cohorts(taught: YearGroupRange, asOf: LocalDate): number[] {
  const now = academicYearOf(asOf);
  return BENCHMARK5_YEAR_GROUPS.filter((yg) => teaches(taught, yg))
    .map((yg) => cohortOf(yg, now))
    .sort((a, b) => a - b);
}

/**
 * The first academic year in which one of the current pupils (`benchmark5Cohorts`) was in a year
 * group of 7–13 the school teaches: the oldest cohort's first such year. No current pupil has a
 * row in an earlier year. Undefined for a school teaching none of Years 7–13.
 * @example benchmark5FirstYear({ from: 7, to: 11 }, '2027-03-01') // 2022: today's Year 11 was in Year 7
 */
export function benchmark5FirstYear(taught: YearGroupRange, asOf: LocalDate): number | undefined {
  const cohorts = benchmark5Cohorts(taught, asOf);
  const youngest = BENCHMARK5_YEAR_GROUPS.find((yg) => teaches(taught, yg));
  return cohorts.length && youngest !== undefined ? cohorts[0]! + (youngest - 7) : undefined;
}

/**
 * Benchmark 5 per academic year (oldest first) for each year group of 7–13 the school teaches, and
 * per cohort the sectors met across those years. With `currentPupilsOnly`, a past year shows only
 * the rows of cohorts the school still teaches on `asOf` (its pupils now): the rows of cohorts that
 * have left are left out, not shown as `NOT_MET`, so a view built from the current cohorts'
 * encounters says nothing about pupils it did not read. The statuses themselves do not change.
 * @example benchmark5({ taught: { from: 7, to: 11 }, encounters, asOf: '2027-03-01', academicYears: [2026] })
 */
export function benchmark5(input: { taught: YearGroupRange; encounters: readonly EmployerEncounter[]; asOf: LocalDate; academicYears: readonly number[]; currentPupilsOnly?: boolean }): Benchmark5Report {
  const counted = input.encounters.filter((e) => isBenchmark5Counted(e.status));
  const yearGroups = BENCHMARK5_YEAR_GROUPS.filter((yg) => teaches(input.taught, yg));
  const now = academicYearOf(input.asOf);
  const shown = (yearGroup: number, academicYear: number) => !input.currentPupilsOnly || teaches(input.taught, now - cohortOf(yearGroup, academicYear) + 7);
  const years = [...new Set(input.academicYears)].sort((a, b) => a - b).map((academicYear) => ({
    academicYear,
    label: academicYearLabel(academicYear),
    yearGroups: yearGroups.filter((yg) => shown(yg, academicYear)).map((yg) => yearGroupStatus(yg, academicYear, counted, input.asOf)),
  }));
  const byCohort = new Map<number, Benchmark5YearGroup[]>();
  for (const year of years) for (const row of year.yearGroups) byCohort.set(row.cohort, [...(byCohort.get(row.cohort) ?? []), row]);
  const cohorts = [...byCohort.entries()]
    .map(([cohort, rows]) => ({
      cohort,
      yearGroupNow: now - cohort + 7,
      sectors: unique(rows.flatMap((r) => r.sectors)),
      yearsMet: rows.filter((r) => r.status === 'MET').length,
      yearsCounted: rows.length,
    }))
    .filter((c) => teaches(input.taught, c.yearGroupNow))
    .sort((a, b) => b.cohort - a.cohort);
  return { years, cohorts };
}

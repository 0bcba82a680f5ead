import { academicYearOf, benchmark5, benchmark5Cohorts, benchmark5FirstYear, isBenchmark5Counted, type Benchmark5Report, type EmployerEncounter, type YearGroupRange } from '@schoolgate/domain';
import { getOrganisation, readEmployerEncounters, type BookingRecord, type Db, type EmployerEncounterEntry } from '@schoolgate/store';

/**
 * A school's employer encounters as Benchmark 5 reads them from its bookings: bookings with an
 * employer, confirmed or delivered, whole year group unless the school named a smaller group. The
 * view reads the same from the employer summaries (`employerEncounterOf`); this is the mapping those
 * summaries stand for, kept for a backfill's check and the tests that compare the two.
 */
export function employerEncountersOf(bookings: readonly BookingRecord[]): EmployerEncounter[] {
  return bookings
    .filter((b) => b.requesterKind === 'employer' && isBenchmark5Counted(b.status))
    .map((b) => ({
      id: b.id,
      employerId: b.requesterOrgId,
      employerName: b.requesterName,
      sector: b.sector ?? null,
      date: b.date,
      title: b.title,
      yearGroups: b.yearGroups,
      wholeYearGroup: b.audience !== 'named_group',
      ...(b.groupName ? { groupName: b.groupName } : {}),
      status: b.status as EmployerEncounter['status'],
    }));
}

/** One employer summary entry as the engine's `EmployerEncounter`. */
export function employerEncounterOf(entry: EmployerEncounterEntry): EmployerEncounter {
  return {
    id: entry.id,
    employerId: entry.employerId,
    employerName: entry.employerName,
    sector: entry.sector,
    date: entry.date,
    title: entry.title,
    yearGroups: entry.yearGroups,
    wholeYearGroup: entry.wholeYearGroup,
    ...(entry.groupName ? { groupName: entry.groupName } : {}),
    status: entry.status,
  };
}

/**
 * The Benchmark 5 view of a school on `asOf`, about its pupils now (the cohorts in Years 7–13 it
 * teaches): every academic year from the first in which one of those cohorts met an employer (never
 * before the oldest was in the youngest such year group) to this one, each year showing the rows of
 * those cohorts only; rows of cohorts that have left are not shown. Reads the school's profile
 * (consistent GetItem: the years it teaches), then its current cohorts' employer summaries (one
 * consistent range Query, `EMPSUM#<oldest cohort>#` … `EMPSUM#<youngest cohort>#~`): at most seven
 * academic years of at most seven cohorts, whatever the school's history.
 */
export async function readBenchmark5(db: Db, schoolId: string, asOf: string): Promise<(Benchmark5Report & { asOf: string }) | undefined> {
  const now = academicYearOf(asOf);
  const school = await getOrganisation(db, schoolId);
  if (!school || school.kind !== 'school') return undefined;
  const taught: YearGroupRange = (school.yearGroups as YearGroupRange | undefined) ?? { from: 7, to: 11 };
  // Its pupils now, oldest cohort first: cohorts that have left are never read.
  const current = benchmark5Cohorts(taught, asOf);
  const entries = current.length ? await readEmployerEncounters(db, schoolId, current[0]!, current.at(-1)!) : [];
  // In booking-id order, as the bookings were read before (ids are ULIDs: the order they were made in).
  const encounters = entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(employerEncounterOf);
  const firstShown = benchmark5FirstYear(taught, asOf) ?? now;
  const first = Math.max(firstShown, Math.min(now, ...encounters.map((e) => academicYearOf(e.date))));
  const academicYears = Array.from({ length: now - first + 1 }, (_, i) => first + i);
  return { asOf, ...benchmark5({ taught, encounters, asOf, academicYears, currentPupilsOnly: true }) };
}

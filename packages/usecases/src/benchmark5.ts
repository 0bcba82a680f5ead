import { academicYearOf, benchmark5, type Benchmark5Report, type EmployerEncounter, type YearGroupRange } from '@schoolgate/domain';
import { getOrganisation, readAllBookingsOfSchool, type BookingRecord, type Db } from '@schoolgate/store';

/**
 * A school's employer encounters as Benchmark 5 reads them: bookings with an employer, confirmed
 * or delivered, whole year group unless the school named a smaller group.
 */
export function employerEncountersOf(bookings: readonly BookingRecord[]): EmployerEncounter[] {
  return bookings
    .filter((b) => b.requesterKind === 'employer' && (b.status === 'confirmed' || b.status === 'delivered'))
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

/**
 * The Benchmark 5 view of a school on `asOf`: every academic year from its first employer
 * encounter to this one. Reads the school's bookings (one consistent Query of its BOOKING# items);
 * this is the one place to re-point when bookings are read another way.
 */
export async function readBenchmark5(db: Db, schoolId: string, asOf: string, readBookings: (db: Db, schoolId: string) => Promise<BookingRecord[]> = readAllBookingsOfSchool): Promise<(Benchmark5Report & { asOf: string }) | undefined> {
  const [school, bookings] = await Promise.all([getOrganisation(db, schoolId), readBookings(db, schoolId)]);
  if (!school || school.kind !== 'school') return undefined;
  const encounters = employerEncountersOf(bookings);
  const now = academicYearOf(asOf);
  const first = Math.min(now, ...encounters.map((e) => academicYearOf(e.date)));
  const academicYears = Array.from({ length: now - first + 1 }, (_, i) => first + i);
  const taught: YearGroupRange = (school.yearGroups as YearGroupRange | undefined) ?? { from: 7, to: 11 };
  return { asOf, ...benchmark5({ taught, encounters, asOf, academicYears }) };
}

import type { CalendarInput } from '@schoolgate/contracts';
import {
  academicYearOf,
  cohortOf,
  judgeStanding,
  providerEligibility,
  todayInLondon,
  type Encounter,
  type LocalDate,
  type ProviderFacts,
  type StandingEncounter,
  type YearGroup,
  type SchoolFacts,
  type Violation,
} from '@schoolgate/domain';
import {
  encountersOf,
  getOrganisation,
  getOrganisations,
  announceFactsChanged,
  getBooking,
  getPublishedPolicy,
  getSlot,
  getStoredCalendar,
  listBookingsOfRequesterFrom,
  readOpenRecordedEncounters,
  readCountedEncounters,
  readSettledPhases,
  schoolFactsOf,
  type BookingRecord,
  type CountedEncounterRecord,
  type Db,
  type OpenEncounterRecord,
  type SettledEncounterRecord,
  type OrganisationRecord,
  type PolicyRecord,
  type OpenRecordedRecord,
  type SettledRecordedRecord,
} from '@schoolgate/store';
import { providerFactsOf, rulesOf } from './facts.js';

/** A school's encounters judged on the facts as they are now, ready for compliance. */
export interface SchoolStanding {
  school: OrganisationRecord;
  facts: SchoolFacts;
  policy: PolicyRecord | undefined;
  /** The counted encounters of key phases still open on the date asked about (and of phases to come). */
  bookings: OpenEncounterRecord[];
  /** The counted encounters of the closed key phases of the cohorts in school, from their summaries (settled: not judged again). */
  settled: SettledEncounterRecord[];
  /** Confirmed statutory encounters that no longer meet a rule count as supplementary here. */
  encounters: Encounter[];
  /** Why each such encounter no longer counts, by booking id. */
  lapsed: Map<string, Violation[]>;
  /** The providers of the school's bookings, for names. */
  providers: Map<string, OrganisationRecord>;
  /**
   * Encounters the school recorded itself (evidence.ts), as compliance reads them: those of phases
   * still open from their items, those of closed phases from their summaries' entries. The evidence
   * page lists the records themselves (`pageRecordedEncounters`).
   */
  recorded: Array<Pick<OpenRecordedRecord, 'id' | 'providerId' | 'providerName'>>;
}

/** The oldest cohort a school teaches on a date (compliance reports on no older one). */
const oldestCohortTaught = (facts: SchoolFacts, date: LocalDate) => cohortOf(Math.min(facts.yearGroupsTaught.to, 13), academicYearOf(date));

/**
 * Everything compliance needs about one school on a date, with each confirmed statutory
 * encounter of a phase still open judged again on the facts as they are now (see the engine's
 * `judgeStanding`); undefined until the school has a calendar.
 *
 * Reads do not grow with the school's history: the profile, calendar and published policy are
 * point reads and the counted encounters of phases still open come from one range Query
 * (`ENCOUNTER#<asOf>` on: items are filed under the day their phase closes), all together; then,
 * beside the providers' BatchGet, the closed phases of the cohorts the school teaches from their
 * summaries (`ENCSUM#…`, one range Query, a small item per phase). All strongly consistent. A closed phase's encounters are settled: taken
 * as they were confirmed or delivered, never judged again (the engine's `isSettled`). Audit
 * entries, slots, holds, guards and markers are not read.
 *
 * @example
 * const standing = await readSchoolStanding(db, schoolId, '2027-01-10');
 * if (standing) computeCompliance(standing.facts, standing.encounters, '2027-01-10');
 */
export async function readSchoolStanding(db: Db, schoolId: string, asOf: LocalDate): Promise<SchoolStanding | undefined> {
  const [school, calendar, policy, bookings, recorded] = await Promise.all([
    getOrganisation(db, schoolId),
    getStoredCalendar(db, schoolId),
    getPublishedPolicy(db, schoolId),
    readCountedEncounters(db, schoolId, asOf),
    readOpenRecordedEncounters(db, schoolId, asOf),
  ]);
  const facts = school && school.kind === 'school' ? schoolFactsOf(school, calendar?.calendar as CalendarInput | undefined) : undefined;
  if (!school || !facts) return undefined;
  const venueCapacity = (venueId: string | undefined) => (venueId ? school.venues?.find((venue) => venue.id === venueId)?.capacity : undefined);
  // The venue as it is now: a smaller hall no longer holds a grown year group. Only a booking
  // whose venue has left the profile needs its slot (for the capacity it was published with).
  const orphaned = [...new Set(bookings.filter((b) => venueCapacity(b.venueId) === undefined).map((b) => b.slotId))];
  // The closed phases' summaries, read beside the providers once the profile says which cohorts
  // the school teaches: those of cohorts it no longer teaches (an 11–16 school's Years 12 and 13) are not read.
  const [providers, slots, summaries] = await Promise.all([
    getOrganisations(db, bookings.map((b) => b.requesterOrgId)),
    Promise.all(orphaned.map((slotId) => getSlot(db, schoolId, slotId))),
    readSettledPhases(db, schoolId, oldestCohortTaught(facts, asOf), asOf),
  ]);
  const { settled, recorded: settledRecorded } = summaries;
  const slotsById = new Map(slots.filter((slot) => slot !== undefined).map((slot) => [slot.id, slot]));
  const capacityOf = (booking: CountedEncounterRecord): number | undefined => {
    const slot = slotsById.get(booking.slotId);
    return venueCapacity(booking.venueId ?? slot?.venueId) ?? slot?.venueCapacity;
  };
  const capacities = new Map(bookings.map((booking) => [booking.id, capacityOf(booking)]));
  const providerFacts = new Map<string, ProviderFacts>([...providers].map(([id, org]) => [id, providerFactsOf(org)]));
  const open = encountersOf(bookings).map((encounter) => ({ ...encounter, venueCapacity: capacities.get(encounter.id) }));
  const judged = judgeStanding({
    encounters: [
      ...open,
      // A closed phase's encounters, one per cohort, as its summary holds them: settled, so kept as they are.
      ...settled.map(settledEncounterOf),
      // Encounters the school recorded itself took place: delivered, judged when recorded (evidence.ts);
      // an open phase's from its items (for the cohorts read), a closed phase's from its summary.
      ...recorded.flatMap(openRecordedEncounterOf),
      ...settledRecorded.map(settledRecordedEncounterOf),
    ],
    school: facts,
    rules: rulesOf(policy),
    providers: providerFacts,
    asOf,
  });
  // An open encounter judged in full counts only toward the cohorts whose items were read: for a
  // cohort whose phase has closed, the summary's entry stands in for it.
  const cohortsRead = new Map(bookings.map((booking) => [booking.id, new Set(booking.cohorts)]));
  const encounters = judged.encounters.map((encounter, i) => {
    if (i >= open.length) return encounter;
    const read = cohortsRead.get(encounter.id);
    const year = academicYearOf(encounter.date);
    return { ...encounter, yearGroups: encounter.yearGroups.filter((yearGroup) => read?.has(cohortOf(yearGroup, year))) };
  });
  return {
    school,
    facts,
    policy,
    bookings,
    settled,
    encounters,
    lapsed: new Map(judged.lapsed.map((lapse) => [lapse.encounterId, lapse.violations])),
    providers,
    recorded: [...recorded, ...settledRecorded],
  };
}

/** An open phase's recorded encounter as the engine's encounter, for the cohorts whose items were read. */
function openRecordedEncounterOf(record: OpenRecordedRecord): StandingEncounter[] {
  const year = academicYearOf(record.date);
  const yearGroups = record.yearGroups.filter((yearGroup) => record.cohorts.includes(cohortOf(yearGroup, year))) as YearGroup[];
  if (!yearGroups.length) return [];
  return [{ id: record.id, providerId: record.providerId, date: record.date, start: record.start, end: record.end, yearGroups, designation: record.statutory ? 'statutory' : 'supplementary', status: 'delivered' }];
}

/** A summary's recorded entry as the engine's encounter, for its one cohort. */
function settledRecordedEncounterOf(entry: SettledRecordedRecord): StandingEncounter {
  return {
    id: entry.id,
    providerId: entry.providerId,
    date: entry.date,
    start: entry.start,
    end: entry.end,
    yearGroups: [entry.yearGroup as YearGroup],
    designation: entry.statutory ? 'statutory' : 'supplementary',
    status: 'delivered',
  };
}

const SETTLED_STATUS: Partial<Record<SettledEncounterRecord['status'], StandingEncounter['status']>> = { confirmed: 'confirmed', delivered: 'delivered' };

/** A summary's entry as the engine's encounter, for its one cohort (the year group it was in). */
function settledEncounterOf(entry: SettledEncounterRecord): StandingEncounter {
  return {
    id: entry.id,
    providerId: entry.requesterOrgId,
    date: entry.date,
    start: entry.start,
    end: entry.end,
    yearGroups: [entry.yearGroup as YearGroup],
    designation: 'statutory',
    status: SETTLED_STATUS[entry.status] ?? 'confirmed',
  };
}

/** A confirmed future statutory booking that a change of facts has broken. */
export interface AffectedBooking {
  bookingId: string;
  schoolId: string;
  schoolName: string;
  requesterName: string;
  title: string;
  date: string;
  start: string;
  end: string;
  violations: Violation[];
}

const affected = (booking: CountedEncounterRecord | BookingRecord, violations: Violation[]): AffectedBooking => ({
  bookingId: booking.id,
  schoolId: booking.schoolId,
  schoolName: booking.schoolName,
  requesterName: booking.requesterName,
  title: booking.title,
  date: booking.date,
  start: booking.start,
  end: booking.end,
  violations,
});

/**
 * After a school changes its calendar, school day, roll or venues: its confirmed statutory
 * bookings from today on that no longer meet the rules, so the careers leader can move,
 * re-designate or cancel them. Read after the change is written, so an approval that committed
 * before it is seen here, and one after it was judged on the new facts.
 */
export async function bookingsBrokenAtSchool(db: Db, schoolId: string, now: Date): Promise<AffectedBooking[]> {
  const today = todayInLondon(now);
  const standing = await readSchoolStanding(db, schoolId, today);
  if (!standing) return [];
  return standing.bookings
    .filter((booking) => booking.date >= today && standing.lapsed.has(booking.id))
    .sort((a, b) => `${a.date}${a.start}`.localeCompare(`${b.date}${b.start}`))
    .map((booking) => affected(booking, standing.lapsed.get(booking.id)!));
}

/**
 * After a provider changes what it offers: its confirmed statutory bookings from today on, at
 * every school, if it is no longer an eligible provider.
 */
export async function bookingsBrokenForProvider(db: Db, provider: OrganisationRecord, now: Date): Promise<AffectedBooking[]> {
  const eligibility = providerEligibility(providerFactsOf(provider));
  if (eligibility.eligible) return [];
  const today = todayInLondon(now);
  const violation: Violation = { code: 'ELIGIBLE_PROVIDER', message: eligibility.reason };
  // Only bookings from today on can be broken: the index's date-first sort key skips the past.
  return (await listBookingsOfRequesterFrom(db, provider.id, today))
    .filter((booking) => booking.status === 'confirmed' && booking.statutory && booking.date >= today)
    .map((booking) => affected(booking, [violation]));
}

/**
 * Issue 15: the other side of each booking a change of facts broke is emailed once per booking and
 * set of broken rules (the store's conditional outbox Put), through the same outbox as every change.
 */
export async function tellOtherSideOfBrokenBookings(db: Db, affectedBookings: AffectedBooking[], by: 'school' | 'requester', now: Date): Promise<void> {
  await Promise.all(
    affectedBookings.map(async (broken) => {
      const booking = await getBooking(db, broken.schoolId, broken.bookingId);
      if (booking?.status === 'confirmed') await announceFactsChanged(db, booking, by, broken.violations, now.toISOString());
    }),
  );
}

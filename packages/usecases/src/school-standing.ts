import type { CalendarInput } from '@schoolgate/contracts';
import { judgeStanding, providerEligibility, todayInLondon, type Encounter, type ProviderFacts, type SchoolFacts, type Violation } from '@schoolgate/domain';
import {
  encountersOf,
  getOrganisations,
  listBookingsOfRequester,
  readSchoolPartition,
  recordedEncountersOf,
  schoolFactsOf,
  type BookingRecord,
  type Db,
  type OrganisationRecord,
  type SchoolPartition,
} from '@schoolgate/store';
import { providerFactsOf, rulesOf } from './facts.js';

/** A school's encounters judged on the facts as they are now, ready for compliance. */
export interface SchoolStanding {
  school: OrganisationRecord;
  facts: SchoolFacts;
  partition: SchoolPartition;
  /** Confirmed statutory encounters that no longer meet a rule count as supplementary here. */
  encounters: Encounter[];
  /** Why each such encounter no longer counts, by booking id. */
  lapsed: Map<string, Violation[]>;
  /** The providers of the school's bookings, for names. */
  providers: Map<string, OrganisationRecord>;
}

/**
 * Everything compliance needs about one school, with each confirmed statutory encounter judged
 * again on the facts as they are now (see the engine's `judgeStanding`); undefined until the
 * school has a calendar.
 *
 * @example
 * const standing = await readSchoolStanding(db, schoolId);
 * if (standing) computeCompliance(standing.facts, standing.encounters, '2027-01-10');
 */
export async function readSchoolStanding(db: Db, schoolId: string): Promise<SchoolStanding | undefined> {
  const partition = await readSchoolPartition(db, schoolId);
  const school = partition.school;
  const facts = school && schoolFactsOf(school, partition.calendar as CalendarInput | undefined);
  if (!school || !facts) return undefined;
  const providers = await getOrganisations(db, partition.bookings.map((b) => b.requesterOrgId));
  const providerFacts = new Map<string, ProviderFacts>([...providers].map(([id, org]) => [id, providerFactsOf(org)]));
  const slots = new Map(partition.slots.map((slot) => [slot.id, slot]));
  const capacityOf = (booking: BookingRecord): number | undefined => {
    const slot = slots.get(booking.slotId);
    const venueId = booking.venueId ?? slot?.venueId;
    // The venue as it is now: a smaller hall no longer holds a grown year group.
    return school.venues?.find((venue) => venue.id === venueId)?.capacity ?? slot?.venueCapacity;
  };
  const capacities = new Map(partition.bookings.map((booking) => [booking.id, capacityOf(booking)]));
  const judged = judgeStanding({
    encounters: [
      ...encountersOf(partition.bookings).map((encounter) => ({ ...encounter, venueCapacity: capacities.get(encounter.id) })),
      // Encounters the school recorded itself took place: delivered, judged when recorded (evidence.ts).
      ...recordedEncountersOf(partition.recorded),
    ],
    school: facts,
    rules: rulesOf(partition.published),
    providers: providerFacts,
  });
  return {
    school,
    facts,
    partition,
    encounters: judged.encounters,
    lapsed: new Map(judged.lapsed.map((lapse) => [lapse.encounterId, lapse.violations])),
    providers,
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

const affected = (booking: BookingRecord, violations: Violation[]): AffectedBooking => ({
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
  const standing = await readSchoolStanding(db, schoolId);
  if (!standing) return [];
  const today = todayInLondon(now);
  return standing.partition.bookings
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
  return (await listBookingsOfRequester(db, provider.id))
    .filter((booking) => booking.status === 'confirmed' && booking.statutory && booking.date >= today)
    .map((booking) => affected(booking, [violation]));
}

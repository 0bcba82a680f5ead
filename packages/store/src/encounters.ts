import { academicYearOf, cohortOf, isCountable, type EncounterStatus } from '@schoolgate/domain';
import type { Db } from './client.js';
import type { BookingRecord } from './bookings.js';
import { keys } from './keys.js';
import { strip } from './organisations.js';
import { queryItems } from './query.js';
import type { GuardedWrite } from './transact.js';

/**
 * What compliance needs of a counted booking, kept beside the school's other items under
 * `ENCOUNTER#<cohort>#<bookingId>` (one per cohort the booking reaches) while the booking is
 * statutory and confirmed or delivered.
 */
export type CountedEncounterRecord = Pick<
  BookingRecord,
  'id' | 'slotId' | 'schoolId' | 'schoolName' | 'requesterOrgId' | 'requesterName' | 'status' | 'statutory' | 'date' | 'start' | 'end' | 'title' | 'yearGroups' | 'venueId'
> & { cohort: number };

/**
 * The cohorts a booking reaches: one per year group, in the academic year of its date.
 *
 * @example
 * encounterCohorts({ date: '2027-01-12', yearGroups: [9, 10] }) // [2024, 2023]
 */
export function encounterCohorts(booking: Pick<BookingRecord, 'date' | 'yearGroups'>): number[] {
  const year = academicYearOf(booking.date);
  return [...new Set(booking.yearGroups.map((yearGroup) => cohortOf(yearGroup, year)))];
}

const ENCOUNTER_STATUSES: ReadonlySet<string> = new Set<EncounterStatus>(['confirmed', 'delivered', 'not_delivered', 'cancelled']);
/** The engine's own rule says which encounters count; a request not yet confirmed is no encounter. */
const counts = (booking: BookingRecord) =>
  ENCOUNTER_STATUSES.has(booking.status) && isCountable({ designation: booking.statutory ? 'statutory' : 'supplementary', status: booking.status as EncounterStatus });

/**
 * The writes that keep a booking's counted-encounter items in step with the booking, for the
 * transaction that moves it from `before` to `after`: Put one per cohort while it counts (the
 * whole item, so a status or designation change is carried), Delete those it no longer reaches.
 * The transaction is conditional on the booking's status, so two moves cannot interleave here.
 */
export function countedEncounterWrites(db: Db, before: BookingRecord, after: BookingRecord): GuardedWrite[] {
  const had = counts(before) ? encounterCohorts(before) : [];
  const has = counts(after) ? encounterCohorts(after) : [];
  const writes: GuardedWrite[] = has.map((cohort) => ({
    item: {
      Put: {
        TableName: db.tableName,
        Item: { ...keys.countedEncounter(after.schoolId, cohort, after.id), type: 'counted-encounter', ...encounterOf(after, cohort) },
      },
    },
  }));
  for (const cohort of had.filter((c) => !has.includes(c))) {
    writes.push({ item: { Delete: { TableName: db.tableName, Key: keys.countedEncounter(before.schoolId, cohort, before.id) } } });
  }
  return writes;
}

function encounterOf(booking: BookingRecord, cohort: number): CountedEncounterRecord {
  return {
    id: booking.id,
    slotId: booking.slotId,
    schoolId: booking.schoolId,
    schoolName: booking.schoolName,
    requesterOrgId: booking.requesterOrgId,
    requesterName: booking.requesterName,
    status: booking.status,
    statutory: booking.statutory,
    date: booking.date,
    start: booking.start,
    end: booking.end,
    title: booking.title,
    yearGroups: booking.yearGroups,
    ...(booking.venueId ? { venueId: booking.venueId } : {}),
    cohort,
  };
}

/**
 * The school's counted encounters for every cohort from `fromCohort` on (the oldest cohort still
 * in school, and the ones arriving later), with one strongly consistent range Query: encounters
 * of cohorts that have left are never read. A booking reaching two cohorts comes once.
 *
 * @example
 * const counted = await readCountedEncounters(db, schoolId, cohortOf(13, academicYearOf(today)));
 */
export async function readCountedEncounters(db: Db, schoolId: string, fromCohort: number): Promise<CountedEncounterRecord[]> {
  const range = keys.countedEncountersFrom(fromCohort);
  const found = new Map<string, CountedEncounterRecord>();
  const items = queryItems(db, {
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.organisation(schoolId).pk, ':from': range.from, ':to': range.to },
    ConsistentRead: true,
  });
  for await (const item of items) {
    const encounter = strip<CountedEncounterRecord>(item);
    if (!found.has(encounter.id)) found.set(encounter.id, encounter);
  }
  return [...found.values()];
}

import { paginatedBatchGet } from '@aws-sdk/lib-dynamodb';
import type { BookingRecord } from './bookings.js';
import type { Db } from './client.js';
import type { RecordedEncounterRecord } from './evidence.js';
import { keys } from './keys.js';
import { strip } from './organisations.js';
import { queryItems } from './query.js';

/**
 * The ids of a school's bookings dated `from` to `to`, both included, whatever their state (gsi3
 * `SCHOOLBOOKINGS#<school>`, `gsi3sk BETWEEN from AND to#\uffff`), paged to the end: an academic
 * year's requests for the governors' report, bounded by the year, never the school's history. The
 * index is eventually consistent, so only the ids are taken from it: the report reads the items
 * themselves with `getSchoolBookingsAndRecords` (strongly consistent), as a frozen report is kept.
 *
 * @example
 * const ids = await listBookingIdsOfSchoolBetween(db, schoolId, '2026-09-01', '2027-08-31');
 */
export async function listBookingIdsOfSchoolBetween(db: Db, schoolId: string, from: string, to: string): Promise<string[]> {
  const ids: string[] = [];
  const items = queryItems(db, {
    IndexName: 'gsi3',
    KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk BETWEEN :from AND :to',
    ExpressionAttributeNames: { '#id': 'id' },
    ProjectionExpression: '#id',
    ExpressionAttributeValues: { ':pk': keys.bookingsOfSchoolByDate(schoolId), ':from': from, ':to': `${to}#\uffff` },
  });
  for await (const item of items) ids.push(item.id as string);
  return ids;
}

/**
 * A school's bookings and recorded encounters with these ids, as the table holds them now: one
 * strongly consistent BatchGet per 100 keys (the SDK's `paginatedBatchGet` asks again for
 * UnprocessedKeys). Ids that do not exist are skipped; each id is read once.
 *
 * @example
 * const { bookings, recorded } = await getSchoolBookingsAndRecords(db, schoolId, ['bkg_1'], ['rec_1']);
 */
export async function getSchoolBookingsAndRecords(
  db: Db,
  schoolId: string,
  bookingIds: readonly string[],
  recordIds: readonly string[],
): Promise<{ bookings: Map<string, BookingRecord>; recorded: Map<string, RecordedEncounterRecord> }> {
  const wanted = [...[...new Set(bookingIds)].map((id) => keys.booking(schoolId, id)), ...[...new Set(recordIds)].map((id) => keys.recordedEncounter(schoolId, id))];
  const bookings = new Map<string, BookingRecord>();
  const recorded = new Map<string, RecordedEncounterRecord>();
  for (let i = 0; i < wanted.length; i += 100) {
    const pages = paginatedBatchGet({ client: db.doc }, { RequestItems: { [db.tableName]: { Keys: wanted.slice(i, i + 100), ConsistentRead: true } } });
    for await (const page of pages) {
      for (const item of page.Responses?.[db.tableName] ?? []) {
        if (item.type === 'booking') {
          const booking = strip<BookingRecord>(item);
          bookings.set(booking.id, booking);
        } else if (item.type === 'recorded-encounter') {
          const record = strip<RecordedEncounterRecord>(item);
          recorded.set(record.id, record);
        }
      }
    }
  }
  return { bookings, recorded };
}

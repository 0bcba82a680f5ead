import type { BookingRecord } from './bookings.js';
import type { Db } from './client.js';
import { keys } from './keys.js';
import { queryItems } from './query.js';

export type WaitingRequest = Pick<BookingRecord, 'id' | 'title' | 'requesterName' | 'date' | 'start'>;

/**
 * Every request waiting for the school's decision, with only what the overview shows (one
 * consistent Query of the school's bookings, filtered to `requested`, projected small). The school's
 * requests are few at any time, but the Query reads past its decided bookings too: its cost grows
 * with the school's booking history (a few hundred items a year, one 1 MB page reads thousands).
 */
export async function readWaitingRequestsOfSchool(db: Db, schoolId: string): Promise<WaitingRequest[]> {
  const found: WaitingRequest[] = [];
  for await (const item of queryItems(db, {
    ConsistentRead: true,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    FilterExpression: '#status = :requested',
    ProjectionExpression: 'id, title, requesterName, #date, #start',
    ExpressionAttributeNames: { '#status': 'status', '#date': 'date', '#start': 'start' },
    ExpressionAttributeValues: { ':pk': keys.organisation(schoolId).pk, ':prefix': keys.bookingsPrefix, ':requested': 'requested' },
  })) {
    found.push(item as unknown as WaitingRequest);
  }
  return found;
}

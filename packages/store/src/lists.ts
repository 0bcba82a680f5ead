import type { BookingRecord, SlotRecord } from './bookings.js';
import type { Db } from './client.js';
import { keys } from './keys.js';
import type { OrganisationKind, OrganisationRecord } from './organisations.js';
import type { ProposalRecord } from './proposals.js';
import { queryAll, queryItems, queryPage } from './query.js';
import { strip } from './organisations.js';

/**
 * Every list the API serves, a page at a time (see `queryPage`): a limit, and the key the previous
 * page ended on. Newest first where the sort key is a ULID or a date, so the first page of a
 * long history is the part people act on.
 */
export interface PageRequest {
  limit: number;
  after?: Record<string, unknown>;
}
export interface Page<T> {
  items: T[];
  lastKey?: Record<string, unknown>;
}

/** A school's slots, newest published first. */
export const pageSlotsOfSchool = (db: Db, schoolId: string, page: PageRequest): Promise<Page<SlotRecord>> =>
  queryPage<SlotRecord>(db, { pk: keys.organisation(schoolId).pk, skPrefix: keys.slotsPrefix, newestFirst: true, ...page });

/** A school's requests and bookings, newest request first, of one status when given. */
export const pageBookingsOfSchool = (db: Db, schoolId: string, page: PageRequest, status?: BookingRecord['status']): Promise<Page<BookingRecord>> =>
  queryPage<BookingRecord>(db, {
    pk: keys.organisation(schoolId).pk,
    skPrefix: keys.bookingsPrefix,
    newestFirst: true,
    ...(status ? { filter: { expression: '#status = :status', names: { '#status': 'status' }, values: { ':status': status } } } : {}),
    ...page,
  });

/** A requester's bookings across all schools (gsi1, by event date, latest first: a list only). */
export const pageBookingsOfRequester = (db: Db, requesterOrgId: string, page: PageRequest): Promise<Page<BookingRecord>> =>
  queryPage<BookingRecord>(db, { index: 'gsi1', pk: keys.bookingsOfRequester(requesterOrgId), newestFirst: true, ...page });

/**
 * A requester's bookings dated `from` or later (gsi1 `REQUESTER#<org>`, `gsi1sk >= from`): what a
 * change of the requester's eligibility can still break, without reading its past.
 */
export async function listBookingsOfRequesterFrom(db: Db, requesterOrgId: string, from: string): Promise<BookingRecord[]> {
  const found: BookingRecord[] = [];
  const items = queryItems(db, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :from',
    ExpressionAttributeValues: { ':pk': keys.bookingsOfRequester(requesterOrgId), ':from': from },
  });
  for await (const item of items) found.push(strip<BookingRecord>(item));
  return found;
}

/**
 * A school's bookings dated `from` or later in one of `statuses` (gsi3 `SCHOOLBOOKINGS#<school>`,
 * `gsi3sk >= from`): its calendar feed reads what is coming and a recent window, never the whole
 * booking history. Eventually consistent, as a subscribed calendar is.
 */
export async function listBookingsOfSchoolFrom(db: Db, schoolId: string, from: string, statuses: BookingRecord['status'][]): Promise<BookingRecord[]> {
  const found: BookingRecord[] = [];
  const values = Object.fromEntries(statuses.map((status, i) => [`:s${i}`, status]));
  const items = queryItems(db, {
    IndexName: 'gsi3',
    KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk >= :from',
    FilterExpression: `#status IN (${Object.keys(values).join(', ')})`,
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':pk': keys.bookingsOfSchoolByDate(schoolId), ':from': from, ...values },
  });
  for await (const item of items) found.push(strip<BookingRecord>(item));
  return found;
}

/** Proposals made to a school, newest first. */
export const pageProposalsOfSchool = (db: Db, schoolId: string, page: PageRequest): Promise<Page<ProposalRecord>> =>
  queryPage<ProposalRecord>(db, { pk: keys.organisation(schoolId).pk, skPrefix: keys.proposalsPrefix, newestFirst: true, ...page });

/** A requester's own proposals (gsi1 `PROPOSER#<org>`), newest first. */
export const pageProposalsOfRequester = (db: Db, requesterOrgId: string, page: PageRequest): Promise<Page<ProposalRecord>> =>
  queryPage<ProposalRecord>(db, { index: 'gsi1', pk: keys.proposalByRequester(requesterOrgId, '').gsi1pk, newestFirst: true, ...page });

/** Organisations of a kind (gsi1 `ORGS#<kind>`), for the platform admin's verification queue. */
export const pageOrganisationsOfKind = (db: Db, kind: OrganisationKind, page: PageRequest): Promise<Page<OrganisationRecord>> =>
  queryPage<OrganisationRecord>(db, { index: 'gsi1', pk: keys.organisationIndex(kind, '').gsi1pk, ...page });

/**
 * Every booking of a school, whatever its state, with one Query of its `BOOKING#` items: its cost
 * grows with the school's history, so no request or sweep path uses it (compliance reads
 * `readSchoolStanding`, Benchmark 5 the employer summaries, issue 16). For one-off jobs: a
 * backfill (`backfillEmployerEncounter`, `employerSummaryItems`) and the tests that compare.
 */
export const readAllBookingsOfSchool = (db: Db, schoolId: string): Promise<BookingRecord[]> =>
  queryAll<BookingRecord>(db, { pk: keys.organisation(schoolId).pk, skPrefix: keys.bookingsPrefix });

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ruleMessage, type KeyPhase } from '@schoolgate/domain';
import type { Location } from '@schoolgate/places';
import { deleteAreaEntry, putAreaEntry, searchAreaCurrent } from './area-index.js';
import { auditPut, bookingItem, outboxPut, type Actor, type BookingRecord, type PhaseTargetKey } from './bookings.js';
import type { Db } from './client.js';
import { countedEncounterWrites, employerEncounterWrites } from './encounters.js';
import { keys } from './keys.js';
import { strip } from './organisations.js';
import { queryAll } from './query.js';
import { callCounter, ConflictError, NotFoundError, transact, type GuardedWrite } from './transact.js';
import { factCheck, type FactVersion } from './versions.js';

/**
 * Offers: what a provider or employer publishes for schools to book. Items, all in the host's
 * partition:
 * - the offer `OFFER#<offerId>` (what, when, for whom; `status` open or withdrawn);
 * - one offer-date item per date offered `OFFERDATE#<offerId>#<date>`, holding the pupil places
 *   left (`remaining`) and the counts of requests and confirmed bookings: the bookings'
 *   transactions move these, as they move a slot's counters;
 * - one area-index entry per date offered (kind `offer`), while the date is open and not full.
 * A school's booking of an offer is an ordinary booking in the school's partition (bookings.ts)
 * with `offerId` set, the host as requester and `slotId` = {@link offerSlotId}.
 */

export interface OfferRecord {
  id: string;
  hostOrgId: string;
  hostName: string;
  hostKind: 'provider' | 'employer';
  title: string;
  format: string;
  /** At the host's premises (a visit) rather than at the school. */
  visit: boolean;
  dates: string[];
  start: string;
  end: string;
  /** Pupils per date (for a visit, the venue's capacity). */
  capacity: number;
  yearGroups: number[];
  sector: string;
  mode: 'in_person' | 'virtual';
  description: string;
  instantConfirmation: boolean;
  postcode: string;
  location?: { latitude: number; longitude: number };
  status: 'open' | 'withdrawn';
  createdAt: string;
}

export interface OfferDateRecord {
  offerId: string;
  hostOrgId: string;
  date: string;
  remaining: number;
  confirmedCount: number;
  pendingCount: number;
  status: 'open' | 'withdrawn';
}

const t = (db: Db) => db.tableName;

/** The id a booking of an offered date uses as its `slotId` (and so its ALREADY_BOOKED hold). */
export const offerSlotId = (offerId: string, date: string) => `offer-${offerId}-${date}`;

function showOfferDate(db: Db, offer: OfferRecord, date: string): GuardedWrite[] {
  if (!offer.location) return [];
  return [putAreaEntry(db, { kind: 'offer', id: offer.id, ownerOrgId: offer.hostOrgId, date, location: offer.location, data: offer })];
}
const hideOfferDate = (db: Db, offer: Pick<OfferRecord, 'id' | 'hostOrgId'>, date: string): GuardedWrite =>
  deleteAreaEntry(db, { kind: 'offer', id: offer.id, ownerOrgId: offer.hostOrgId, date });

/** The search-entry write for an offered date whose last places are taken (or freed again). */
export function offerDateSearchWrites(db: Db, offer: OfferRecord, date: string, findable: boolean): GuardedWrite[] {
  return findable ? (offer.status === 'open' ? showOfferDate(db, offer, date) : []) : [hideOfferDate(db, offer, date)];
}

/** Publishes an offer: the offer, one offer-date item and one search entry per date, in one transaction. */
export async function createOffer(db: Db, offer: OfferRecord): Promise<void> {
  await transact(db, [
    {
      item: { Put: { TableName: t(db), Item: { ...keys.offer(offer.hostOrgId, offer.id), type: 'offer', ...offer }, ConditionExpression: 'attribute_not_exists(pk)' } },
      onConditionFailed: () => new ConflictError('DUPLICATE', 'That offer already exists'),
    },
    ...offer.dates.flatMap((date) => [
      {
        item: {
          Put: {
            TableName: t(db),
            Item: { ...keys.offerDate(offer.hostOrgId, offer.id, date), type: 'offer-date', offerId: offer.id, hostOrgId: offer.hostOrgId, date, remaining: offer.capacity, confirmedCount: 0, pendingCount: 0, status: 'open' },
          },
        },
      },
      ...showOfferDate(db, offer, date),
    ]),
  ]);
}

/**
 * Withdraws an offer nobody holds: every date must have no request and no booking (each school
 * must hear why through a decline or cancellation of its own), checked on each offer-date item in
 * the same transaction that closes them and takes them out of search.
 */
export async function withdrawOffer(db: Db, hostOrgId: string, offerId: string): Promise<OfferRecord> {
  const offer = await getOffer(db, hostOrgId, offerId);
  if (!offer) throw new NotFoundError('No such offer');
  if (offer.status !== 'open') throw new ConflictError('OFFER_CLOSED', 'That offer has already been withdrawn.');
  const held = () => new ConflictError('OFFER_HAS_BOOKINGS', 'Some dates of this offer have requests or bookings: decline and cancel them first, so each school is told why.');
  await transact(db, [
    {
      item: {
        Update: {
          TableName: t(db),
          Key: keys.offer(hostOrgId, offerId),
          UpdateExpression: 'SET #status = :withdrawn',
          ConditionExpression: '#status = :open',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':withdrawn': 'withdrawn', ':open': 'open' },
        },
      },
      onConditionFailed: () => new ConflictError('OFFER_CLOSED', 'That offer has already been withdrawn.'),
    },
    ...offer.dates.flatMap((date): GuardedWrite[] => [
      {
        item: {
          Update: {
            TableName: t(db),
            Key: keys.offerDate(hostOrgId, offerId, date),
            UpdateExpression: 'SET #status = :withdrawn',
            ConditionExpression: 'confirmedCount = :zero AND pendingCount = :zero',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':withdrawn': 'withdrawn', ':zero': 0 },
          },
        },
        onConditionFailed: held,
      },
      hideOfferDate(db, offer, date),
    ]),
  ]);
  return { ...offer, status: 'withdrawn' };
}

export async function getOffer(db: Db, hostOrgId: string, offerId: string): Promise<OfferRecord | undefined> {
  callCounter.reads++;
  const result = await db.doc.send(new GetCommand({ TableName: t(db), Key: keys.offer(hostOrgId, offerId), ConsistentRead: true }));
  return result.Item ? strip<OfferRecord>(result.Item) : undefined;
}

export async function getOfferDate(db: Db, hostOrgId: string, offerId: string, date: string): Promise<OfferDateRecord | undefined> {
  callCounter.reads++;
  const result = await db.doc.send(new GetCommand({ TableName: t(db), Key: keys.offerDate(hostOrgId, offerId, date), ConsistentRead: true }));
  return result.Item ? strip<OfferDateRecord>(result.Item) : undefined;
}

/** A host's offers, each with its dates' counts (one Query of the host's partition for each kind). */
export async function listOffersOfHost(db: Db, hostOrgId: string): Promise<Array<OfferRecord & { dateCounts: OfferDateRecord[] }>> {
  const [offers, dates] = await Promise.all([
    queryAll<OfferRecord>(db, { pk: keys.offer(hostOrgId, '').pk, skPrefix: keys.offersPrefix }),
    queryAll<OfferDateRecord>(db, { pk: keys.offer(hostOrgId, '').pk, skPrefix: 'OFFERDATE#' }),
  ]);
  return offers.map((offer) => ({ ...offer, dateCounts: dates.filter((d) => d.offerId === offer.id).sort((a, b) => a.date.localeCompare(b.date)) }));
}

/**
 * The offer-date update a booking's transition makes in place of a slot's: `confirmedDelta` moves
 * the booking's pupils out of (or back into) `remaining`, refused (OFFER_CAPACITY) when they no
 * longer fit, so racing confirmations never take more pupils than the host can have.
 */
export function offerCapacityWrite(db: Db, booking: Pick<BookingRecord, 'requesterOrgId' | 'offerId' | 'date' | 'pupils'>, delta: { confirmedDelta: number; pendingDelta: number }): GuardedWrite {
  const pupils = booking.pupils ?? 0;
  const taking = delta.confirmedDelta > 0;
  return {
    item: {
      Update: {
        TableName: t(db),
        Key: keys.offerDate(booking.requesterOrgId, booking.offerId!, booking.date),
        UpdateExpression: 'ADD confirmedCount :c, pendingCount :p, remaining :r',
        ConditionExpression: taking ? 'attribute_exists(pk) AND remaining >= :need' : 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':c': delta.confirmedDelta, ':p': delta.pendingDelta, ':r': -delta.confirmedDelta * pupils, ...(taking ? { ':need': pupils } : {}) },
      },
    },
    onConditionFailed: () => new ConflictError('OFFER_CAPACITY', `The host cannot take ${pupils} more pupils on that date: its places are taken.`),
  };
}

export interface BookOfferInput {
  booking: BookingRecord;
  actor: Actor;
  eventId: string;
  /** Confirmed at once (the host allows it): the guards it claims; otherwise it waits as `requested`. */
  confirmedWithGuards?: PhaseTargetKey[];
  facts?: FactVersion[];
  searchWrites?: GuardedWrite[];
}

/**
 * A school books an offered date. One transaction, the same invariants as a slot's request and
 * confirmation:
 *
 *   50 schools at once ─► TransactWriteItems ─┬─ OFFERDATE status open, remaining >= pupils (OFFER_CAPACITY)
 *                                             ├─ HOLD#<offer date>#<host> not exists      (ALREADY_BOOKED)
 *                                             ├─ GUARD#cohort#phase#<host> not exists     (DISTINCT_PROVIDERS, when confirmed)
 *                                             └─ facts at the versions judged on          (FACTS_CHANGED)
 *
 * A request waiting for the host counts in `pendingCount`; its pupils are taken when confirmed.
 */
export async function bookOffer(db: Db, input: BookOfferInput): Promise<BookingRecord> {
  const { booking } = input;
  const confirmed = input.confirmedWithGuards !== undefined;
  const pupils = booking.pupils ?? 0;
  const writes: GuardedWrite[] = [
    {
      item: {
        Update: {
          TableName: t(db),
          Key: keys.offerDate(booking.requesterOrgId, booking.offerId!, booking.date),
          UpdateExpression: confirmed ? 'ADD confirmedCount :one, remaining :minus' : 'ADD pendingCount :one',
          ConditionExpression: 'attribute_exists(pk) AND #status = :open AND remaining >= :need',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':one': 1, ':open': 'open', ':need': pupils, ...(confirmed ? { ':minus': -pupils } : {}) },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      onConditionFailed: (old) =>
        old && old.status === 'open'
          ? new ConflictError('OFFER_CAPACITY', `The host can take ${Number(old.remaining)} more pupils on that date; ${pupils} are coming.`)
          : new ConflictError('OFFER_CLOSED', 'That date is no longer offered.'),
    },
    {
      item: {
        Put: {
          TableName: t(db),
          Item: { ...keys.slotHold(booking.schoolId, booking.slotId, booking.requesterOrgId), type: 'slot-hold', bookingId: booking.id },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      onConditionFailed: () => new ConflictError('ALREADY_BOOKED', `${booking.schoolName} already has a live booking of this offer on ${booking.date}.`),
    },
    ...(input.confirmedWithGuards ?? []).map(
      (guard): GuardedWrite => ({
        item: {
          Put: {
            TableName: t(db),
            Item: {
              ...keys.phaseGuard(booking.schoolId, guard.cohort, guard.phase, booking.requesterOrgId),
              type: 'phase-guard',
              bookingId: booking.id,
              date: booking.date,
              yearGroups: booking.yearGroups,
              cohort: guard.cohort,
              phase: guard.phase,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        onConditionFailed: () =>
          new ConflictError('DISTINCT_PROVIDERS', ruleMessage('DISTINCT_PROVIDERS', { providerName: booking.requesterName, phase: guard.phase as KeyPhase, yearGroup: booking.yearGroups[0] })),
      }),
    ),
    ...(input.facts ?? []).map((fact) => factCheck(db, fact)),
    { item: { Put: { TableName: t(db), Item: bookingItem(booking), ConditionExpression: 'attribute_not_exists(pk)' } } },
    auditPut(db, booking.schoolId, { bookingId: booking.id, at: booking.createdAt, actor: input.actor.email, actorOrgId: input.actor.orgId, from: null, to: booking.status }, input.eventId),
    outboxPut(db, input.eventId, confirmed ? 'booking.confirmed' : 'booking.requested', booking.createdAt, booking.snapshot),
    // Confirmed at once and statutory: the counted-encounter items compliance reads, as transitionBooking writes them.
    ...countedEncounterWrites(db, { ...booking, status: 'requested' }, booking),
    // Confirmed at once by an employer: its entry in Benchmark 5's employer summaries (issue 16).
    ...employerEncounterWrites(db, undefined, booking),
    ...(input.searchWrites ?? []),
  ];
  await transact(db, writes);
  return booking;
}

export interface OfferSearch {
  centre: Location;
  withinKm: number;
  from: string;
  to: string;
  limit: number;
  after?: string;
  accept: (offer: OfferRecord) => boolean;
}

/**
 * Offered dates near a place, in date order, a page at a time, from the area index; the page's
 * offer-date items are then read in one BatchGet so places left are current, and a date that
 * filled or was withdrawn since its entry was written is dropped and its entry removed (the
 * pattern of searchOpenSlots).
 */
export async function searchOfferDates(db: Db, search: OfferSearch): Promise<{ items: Array<OfferRecord & { date: string; remaining: number; distanceKm: number }>; lastKey?: string }> {
  return searchAreaCurrent<OfferRecord, OfferDateRecord, OfferRecord & { date: string; remaining: number; distanceKm: number }>(db, {
    kind: 'offer',
    centre: search.centre,
    withinKm: search.withinKm,
    from: search.from,
    to: search.to,
    limit: search.limit,
    ...(search.after ? { after: search.after } : {}),
    accept: (offer) => offer.status === 'open' && search.accept(offer),
    currentKey: (hit) => keys.offerDate(hit.ownerOrgId, hit.id, hit.date!),
    isLive: (date) => !!date && date.status === 'open' && date.remaining > 0,
    toResult: (hit, date) => ({ ...hit.data, date: hit.date!, remaining: date.remaining, distanceKm: hit.distanceKm }),
  });
}

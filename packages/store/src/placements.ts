import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ruleMessage, type PlacementKind, type PlacementSector, type SafetyClearanceFacts } from '@schoolgate/domain';
import type { Location } from '@schoolgate/places';
import { deleteAreaEntry, putAreaEntry, searchAreaCurrent } from './area-index.js';
import type { Db } from './client.js';
import { keys } from './keys.js';
import { StaleVersionError, strip } from './organisations.js';
import { keepPupilUntil, pupilExpiryEpoch, type PupilRecord } from './pupils.js';
import { queryAll } from './query.js';
import { safetyClearanceCheck } from './safety-pack.js';
import { callCounter, ConflictError, transact, type GuardedWrite } from './transact.js';
import { factCheck, type FactVersion } from './versions.js';

/**
 * Work experience placements (issue 12). A host (employer, or a provider that hosts) publishes an
 * offer under its own partition, with one capacity item per offered day; a school asks for days
 * for some of its pupils with a booking under the school's partition; the host confirms it in one
 * TransactWriteItems that holds every invariant:
 *
 *   host confirms ── TransactWrite ┬─ booking #status = requested AND #version = read       (STALE_STATE)
 *                                  ├─ each day: ADD confirmedCount n, places = p, count ≤ p − n (PLACEMENT_FULL)
 *                                  ├─ each pupil × day: Put PUPILDAY# attribute_not_exists    (PUPIL_DOUBLE_BOOKED)
 *                                  ├─ each pupil: record still there, kept until a year after (TTL)
 *                                  ├─ offer: #status = published AND #version = read          (the days offered)
 *                                  ├─ school calendar and settings at the versions read       (SCHOOL_CLOSED_DAY, PARENTAL_CONSENT)
 *                                  ├─ safety sign-off and pack (2 ConditionChecks)            (SAFETY_CHECKS, INSURANCE_EXPIRED)
 *                                  ├─ outbox event
 *                                  └─ area entries of days it fills: Delete                   (leave search)
 */

export type PlacementAttendanceMode = 'in_person' | 'hybrid';

export interface PlacementRecord {
  id: string;
  hostOrgId: string;
  hostName: string;
  kind: PlacementKind;
  title: string;
  sector: PlacementSector;
  /** What pupils will do: tasks set by the host, who they meet, the feedback they get. */
  tasks: string;
  whoTheyMeet: string;
  feedback: string;
  address: string;
  postcode: string;
  location?: Location;
  attendance: PlacementAttendanceMode;
  hybridReason?: string;
  /** The offered dates (`yyyy-mm-dd`), expanded from the host's pattern. */
  days: string[];
  dailyStart: string;
  dailyEnd: string;
  placesPerDay: number;
  yearGroups: number[];
  minimumNoticeDays: number;
  accessibility: string;
  travel: string;
  dressCode: string;
  supervisor: { name: string; email: string; phone?: string };
  status: 'published' | 'withdrawn';
  version: number;
  createdAt: string;
}

export interface PlacementDayRecord {
  placementId: string;
  hostOrgId: string;
  date: string;
  places: number;
  confirmedCount: number;
  pendingCount: number;
}

/** What a search result shows of a placement day, written into its area entry. */
export interface PlacementSearchData {
  placementId: string;
  hostOrgId: string;
  hostName: string;
  title: string;
  sector: PlacementSector;
  kind: PlacementKind;
  yearGroups: number[];
  date: string;
  dailyStart: string;
  dailyEnd: string;
  placesPerDay: number;
  attendance: PlacementAttendanceMode;
  postcode: string;
}

export type PlacementBookingStatus = 'requested' | 'confirmed' | 'declined' | 'withdrawn' | 'cancelled';

export interface PlacementBookingPupil {
  pupilId: string;
  /** Empty once the pupil is erased: the booking keeps its count, not the name. */
  firstName: string;
  lastName: string;
  yearGroup: number;
  supportNotes?: string;
  consent?: { given: boolean; recordedAt: string; recordedBy: string };
  /** After each day, the host records attendance. */
  attendance?: Record<string, 'attended' | 'absent'>;
  /** Short feedback from the host for the pupil. */
  feedback?: { text: string; at: string; by: string };
  erased?: boolean;
}

export interface PlacementBookingRecord {
  id: string;
  placementId: string;
  hostOrgId: string;
  hostName: string;
  schoolId: string;
  schoolName: string;
  title: string;
  sector: PlacementSector;
  kind: PlacementKind;
  days: string[];
  dailyStart: string;
  dailyEnd: string;
  address: string;
  postcode: string;
  pupils: PlacementBookingPupil[];
  status: PlacementBookingStatus;
  message: string;
  declineReason?: string;
  /** Who at the school asked (their email): the school's placement emails go to them too. */
  requestedBy?: string;
  /** A confirmed booking cancelled by either side, with the reason the other side is told. */
  cancelReason?: string;
  cancelledBy?: 'school' | 'host';
  createdAt: string;
  updatedAt: string;
  /** Moves on with every change (status, consent, attendance, feedback, erasure). */
  version: number;
  /** TTL: the end of the academic year after the last day (as the pupils' records). */
  removeAfter: string;
}

const t = (db: Db) => db.tableName;

function placementDayItem(day: PlacementDayRecord) {
  return { ...keys.placementDay(day.hostOrgId, day.placementId, day.date), type: 'placement-day', ...day };
}

function bookingItem(booking: PlacementBookingRecord) {
  return {
    ...keys.placementBooking(booking.schoolId, booking.id),
    ...keys.placementBookingByHost(booking.hostOrgId, booking.days[0] ?? '', booking.id),
    type: 'placement-booking',
    ...booking,
    expiresAt: pupilExpiryEpoch(booking.removeAfter),
  };
}

export function placementSearchData(placement: PlacementRecord, date: string): PlacementSearchData {
  return {
    placementId: placement.id,
    hostOrgId: placement.hostOrgId,
    hostName: placement.hostName,
    title: placement.title,
    sector: placement.sector,
    kind: placement.kind,
    yearGroups: placement.yearGroups,
    date,
    dailyStart: placement.dailyStart,
    dailyEnd: placement.dailyEnd,
    placesPerDay: placement.placesPerDay,
    attendance: placement.attendance,
    postcode: placement.postcode,
  };
}

const showDay = (db: Db, placement: PlacementRecord, date: string): GuardedWrite[] =>
  placement.location ? [putAreaEntry(db, { kind: 'placement', id: placement.id, ownerOrgId: placement.hostOrgId, date, location: placement.location, data: placementSearchData(placement, date) })] : [];
const hideDay = (db: Db, placement: Pick<PlacementRecord, 'id' | 'hostOrgId'>, date: string): GuardedWrite =>
  deleteAreaEntry(db, { kind: 'placement', id: placement.id, ownerOrgId: placement.hostOrgId, date });

/**
 * Publishes an offer: the offer, one capacity item per day and one search entry per day, in one
 * transaction (at most 1 + 2 × MAX_PLACEMENT_DAYS = 81 items).
 */
export async function createPlacement(db: Db, placement: PlacementRecord): Promise<void> {
  await transact(db, [
    {
      item: { Put: { TableName: t(db), Item: { ...keys.placement(placement.hostOrgId, placement.id), type: 'placement', ...placement }, ConditionExpression: 'attribute_not_exists(pk)' } },
      onConditionFailed: () => new ConflictError('DUPLICATE', 'That placement already exists'),
    },
    ...placement.days.map((date) => ({
      item: { Put: { TableName: t(db), Item: placementDayItem({ placementId: placement.id, hostOrgId: placement.hostOrgId, date, places: placement.placesPerDay, confirmedCount: 0, pendingCount: 0 }) } },
    })),
    ...placement.days.flatMap((date) => showDay(db, placement, date)),
  ]);
}

/**
 * Withdraws an offer: it leaves search and takes no more requests or confirmations (both check the
 * offer is published). Bookings already confirmed stand; the host tells the school.
 */
export async function withdrawPlacement(db: Db, placement: PlacementRecord): Promise<PlacementRecord> {
  await transact(db, [
    {
      item: {
        Update: {
          TableName: t(db),
          Key: keys.placement(placement.hostOrgId, placement.id),
          UpdateExpression: 'SET #status = :withdrawn, #version = #version + :one',
          ConditionExpression: '#status = :published AND #version = :version',
          ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
          ExpressionAttributeValues: { ':withdrawn': 'withdrawn', ':published': 'published', ':one': 1, ':version': placement.version },
        },
      },
      onConditionFailed: () => new ConflictError('STALE_STATE', 'This placement was withdrawn or changed meanwhile. Reload to see where it stands.'),
    },
    ...placement.days.map((date) => hideDay(db, placement, date)),
  ]);
  return { ...placement, status: 'withdrawn', version: placement.version + 1 };
}

export async function getPlacement(db: Db, hostOrgId: string, placementId: string): Promise<PlacementRecord | undefined> {
  callCounter.reads++;
  const result = await db.doc.send(new GetCommand({ TableName: t(db), Key: keys.placement(hostOrgId, placementId), ConsistentRead: true }));
  return result.Item ? strip<PlacementRecord>(result.Item) : undefined;
}

export const listPlacementsOfHost = (db: Db, hostOrgId: string) => queryAll<PlacementRecord>(db, { pk: keys.organisation(hostOrgId).pk, skPrefix: keys.placementsPrefix });

/** Every day item of an offer, read consistently: places and confirmations as they stand. */
export const getPlacementDays = (db: Db, hostOrgId: string, placementId: string) =>
  queryAll<PlacementDayRecord>(db, { pk: keys.organisation(hostOrgId).pk, skPrefix: keys.placementDaysPrefix(placementId) });

export interface PlacementSearch {
  centre: Location;
  withinKm: number;
  from: string;
  to: string;
  limit: number;
  after?: string;
  accept: (data: PlacementSearchData) => boolean;
}

export type PlacementHit = PlacementSearchData & { distanceKm: number; placesLeft: number };

/**
 * Placement days with places left within `withinKm` of `centre`, in date order, a page at a time,
 * from the area index; the page's day items are then read in one BatchGet so places left are
 * current, and a day that filled since its entry was written is dropped and its entry removed
 * (the pattern of searchOpenSlots).
 */
export async function searchPlacementDays(db: Db, search: PlacementSearch): Promise<{ items: PlacementHit[]; lastKey?: string }> {
  return searchAreaCurrent<PlacementSearchData, PlacementDayRecord, PlacementHit>(db, {
    kind: 'placement',
    centre: search.centre,
    withinKm: search.withinKm,
    from: search.from,
    to: search.to,
    limit: search.limit,
    ...(search.after ? { after: search.after } : {}),
    accept: search.accept,
    currentKey: (hit) => keys.placementDay(hit.data.hostOrgId, hit.data.placementId, hit.data.date),
    isLive: (day) => !!day && day.confirmedCount < day.places,
    toResult: (hit, day) => ({ ...hit.data, distanceKm: hit.distanceKm, placesLeft: day.places - day.confirmedCount }),
  });
}

const fullError = (date: string) => (day?: Record<string, unknown>) =>
  new ConflictError(
    'PLACEMENT_FULL',
    ruleMessage('PLACEMENT_FULL', { date, ...(day ? { placesLeft: Number(day.places) - Number(day.confirmedCount) } : {}) }),
  );

/**
 * A school asks for days on a placement for some pupils. One transaction: each day still has a
 * place for every pupil asked for (its pending count goes up by as many: requests hold their
 * place in the host's inbox, as slot requests do), the offer is still published at the version
 * the request was judged on, the booking and its outbox event.
 */
export async function requestPlacementBooking(db: Db, booking: PlacementBookingRecord, placement: PlacementRecord, eventId: string, facts: FactVersion[] = []): Promise<void> {
  const n = booking.pupils.length;
  await transact(db, [
    ...booking.days.map((date) => ({
      item: {
        Update: {
          TableName: t(db),
          Key: keys.placementDay(booking.hostOrgId, booking.placementId, date),
          UpdateExpression: 'ADD pendingCount :n',
          ConditionExpression: 'attribute_exists(pk) AND places = :places AND confirmedCount <= :max',
          ExpressionAttributeValues: { ':n': n, ':places': placement.placesPerDay, ':max': placement.placesPerDay - n },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
        },
      },
      onConditionFailed: fullError(date),
    })),
    offerCheck(db, placement),
    { item: { Put: { TableName: t(db), Item: bookingItem(booking), ConditionExpression: 'attribute_not_exists(pk)' } } },
    outboxPut(db, eventId, 'placement.requested', booking.createdAt, booking),
    ...facts.map((fact) => factCheck(db, fact)),
  ]);
}

function offerCheck(db: Db, placement: PlacementRecord): GuardedWrite {
  return {
    item: {
      ConditionCheck: {
        TableName: t(db),
        Key: keys.placement(placement.hostOrgId, placement.id),
        ConditionExpression: '#status = :published AND #version = :version',
        ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
        ExpressionAttributeValues: { ':published': 'published', ':version': placement.version },
      },
    },
    onConditionFailed: () => new ConflictError('PLACEMENT_DAY_NOT_OFFERED', `${placement.hostName} has withdrawn or changed this placement.`),
  };
}

/** Kinds of placement event in the outbox; the notifier's placement emails read them. */
export type PlacementEventKind = 'placement.requested' | 'placement.confirmed' | 'placement.declined' | 'placement.withdrawn' | 'placement.cancelled';

/** A placement event as the outbox carries it: no pupil names (the email says how many). */
export interface PlacementEvent {
  eventId: string;
  kind: PlacementEventKind;
  occurredAt: string;
  placement: Omit<PlacementBookingRecord, 'pupils'> & { pupilCount: number; yearGroups: number[] };
}

/** A booking as events and emails carry it: how many pupils and their year groups, no names. */
export function placementEventData(booking: PlacementBookingRecord): PlacementEvent['placement'] {
  const { pupils, ...rest } = booking;
  return { ...rest, pupilCount: pupils.length, yearGroups: [...new Set(pupils.map((p) => p.yearGroup))].sort((a, b) => a - b) };
}

function outboxPut(db: Db, eventId: string, kind: PlacementEventKind, at: string, booking: PlacementBookingRecord): GuardedWrite {
  const event: PlacementEvent = { eventId, kind, occurredAt: at, placement: placementEventData(booking) };
  return {
    item: {
      Put: {
        TableName: t(db),
        Item: { ...keys.outbox(eventId), type: 'outbox', kind, occurredAt: at, event, expiresAt: Math.floor(Date.parse(at) / 1000) + 14 * 86_400 },
      },
    },
  };
}

export async function getPlacementBooking(db: Db, schoolId: string, bookingId: string): Promise<PlacementBookingRecord | undefined> {
  callCounter.reads++;
  const result = await db.doc.send(new GetCommand({ TableName: t(db), Key: keys.placementBooking(schoolId, bookingId), ConsistentRead: true }));
  return result.Item ? strip<PlacementBookingRecord>(result.Item) : undefined;
}

export const listPlacementBookingsOfSchool = (db: Db, schoolId: string) =>
  queryAll<PlacementBookingRecord>(db, { pk: keys.organisation(schoolId).pk, skPrefix: keys.placementBookingsPrefix });

/** A host's requests and bookings (gsi1: eventually consistent, a list only). */
export const listPlacementBookingsOfHost = (db: Db, hostOrgId: string) => queryAll<PlacementBookingRecord>(db, { index: 'gsi1', pk: keys.placementBookingsOfHost(hostOrgId) });

/**
 * The host's confirmed placement bookings with a day after `date` (for the safety pack's expiry
 * listing: bookings confirmed beyond the insurance's expiry), each with the days after it.
 */
export async function placementDaysConfirmedAfter(
  db: Db,
  employerOrgId: string,
  date: string,
): Promise<Array<{ schoolId: string; schoolName: string; bookingId: string; placementId: string; title: string; days: string[] }>> {
  const bookings = await listPlacementBookingsOfHost(db, employerOrgId);
  return bookings
    .filter((booking) => booking.status === 'confirmed' && booking.days.some((day) => day > date))
    .map((booking) => ({
      schoolId: booking.schoolId,
      schoolName: booking.schoolName,
      bookingId: booking.id,
      placementId: booking.placementId,
      title: booking.title,
      days: booking.days.filter((day) => day > date),
    }));
}

function bookingUpdate(db: Db, booking: PlacementBookingRecord, fields: Record<string, unknown>, expectedStatus?: PlacementBookingStatus): GuardedWrite {
  const names: Record<string, string> = { '#version': 'version', '#status': 'status' };
  const values: Record<string, unknown> = { ':version': booking.version, ':next': booking.version + 1 };
  const sets = ['#version = :next'];
  Object.entries(fields).forEach(([field, value], i) => {
    names[`#f${i}`] = field;
    values[`:f${i}`] = value;
    sets.push(`#f${i} = :f${i}`);
  });
  if (expectedStatus) values[':from'] = expectedStatus;
  return {
    item: {
      Update: {
        TableName: t(db),
        Key: keys.placementBooking(booking.schoolId, booking.id),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: expectedStatus ? '#status = :from AND #version = :version' : '#version = :version',
        ExpressionAttributeNames: expectedStatus ? names : { '#version': 'version', ...Object.fromEntries(Object.entries(names).filter(([k]) => k !== '#status')) },
        ExpressionAttributeValues: values,
      },
    },
    onConditionFailed: () => new ConflictError('STALE_STATE', 'This booking changed while you were working on it: someone else acted first. Reload to see where it stands.'),
  };
}

export interface ConfirmPlacementInput {
  booking: PlacementBookingRecord;
  placement: PlacementRecord;
  /** The pupils as read, each kept until `removeAfter` at least. */
  pupils: PupilRecord[];
  removeAfter: string;
  at: string;
  eventId: string;
  /** School calendar and work experience settings at the versions the decision read. */
  facts: FactVersion[];
  safety: { academicYear: string; clearance: SafetyClearanceFacts & { version: number } };
  /** Days this confirmation fills (they leave search with it). */
  filledDays: string[];
}

/**
 * The host confirms a requested booking: the transaction drawn at the top of this file. For a
 * 5-day, 3-pupil booking: 1 booking + 5 days + 15 pupil-days + 3 pupils + 1 offer + 2 facts +
 * 2 safety + 1 outbox + up to 5 area entries = at most 35 of TransactWriteItems' 100.
 */
export async function confirmPlacementBooking(db: Db, input: ConfirmPlacementInput): Promise<PlacementBookingRecord> {
  const { booking, placement } = input;
  const n = booking.pupils.length;
  const next: PlacementBookingRecord = { ...booking, status: 'confirmed', updatedAt: input.at, version: booking.version + 1, removeAfter: input.removeAfter };
  const pupilNames = new Map(booking.pupils.map((p) => [p.pupilId, `${p.firstName} ${p.lastName}`]));
  const writes: GuardedWrite[] = [
    // gsi2 by first day: the daily reminders find confirmed placements there (sparse: only confirmed).
    bookingUpdate(db, booking, { status: 'confirmed', updatedAt: input.at, removeAfter: input.removeAfter, expiresAt: pupilExpiryEpoch(input.removeAfter), ...keys.placementBookingByFirstDay(booking.days[0]!, booking.id) }, 'requested'),
    ...booking.days.map((date) => ({
      item: {
        Update: {
          TableName: t(db),
          Key: keys.placementDay(booking.hostOrgId, booking.placementId, date),
          UpdateExpression: 'ADD confirmedCount :n, pendingCount :minus',
          // PLACEMENT_FULL: n more fit only while confirmedCount ≤ places − n (places never change).
          ConditionExpression: 'attribute_exists(pk) AND places = :places AND confirmedCount <= :max',
          ExpressionAttributeValues: { ':n': n, ':minus': -n, ':places': placement.placesPerDay, ':max': placement.placesPerDay - n },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
        },
      },
      onConditionFailed: fullError(date),
    })),
    ...booking.pupils.flatMap((pupil) =>
      booking.days.map((date) => ({
        item: {
          Put: {
            TableName: t(db),
            Item: { ...keys.pupilDay(booking.schoolId, pupil.pupilId, date), type: 'pupil-day', pupilId: pupil.pupilId, date, bookingId: booking.id, expiresAt: pupilExpiryEpoch(input.removeAfter) },
            // PUPIL_DOUBLE_BOOKED: one placement per pupil per day, whichever confirmation commits first.
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        onConditionFailed: () => new ConflictError('PUPIL_DOUBLE_BOOKED', ruleMessage('PUPIL_DOUBLE_BOOKED', { pupilName: pupilNames.get(pupil.pupilId) ?? 'This pupil', date })),
      })),
    ),
    ...input.pupils.map((pupil) => keepPupilUntil(db, pupil, input.removeAfter)),
    offerCheck(db, placement),
    ...input.facts.map((fact) => factCheck(db, fact)),
    ...safetyClearanceCheck(db, booking.schoolId, booking.hostOrgId, input.safety.academicYear, input.safety.clearance),
    outboxPut(db, input.eventId, 'placement.confirmed', input.at, next),
    ...input.filledDays.map((date) => hideDay(db, placement, date)),
  ];
  await transact(db, writes);
  return next;
}

/**
 * The host declines, or the school withdraws, a request: its places stop being held (pending
 * counts go down), in one transaction conditional on the status and version read.
 */
export async function closePlacementRequest(
  db: Db,
  booking: PlacementBookingRecord,
  to: 'declined' | 'withdrawn',
  at: string,
  eventId: string,
  reason?: string,
): Promise<PlacementBookingRecord> {
  const next: PlacementBookingRecord = { ...booking, status: to, updatedAt: at, version: booking.version + 1, ...(reason ? { declineReason: reason } : {}) };
  await transact(db, [
    bookingUpdate(db, booking, { status: to, updatedAt: at, ...(reason ? { declineReason: reason } : {}) }, 'requested'),
    ...booking.days.map((date) => ({
      item: {
        Update: {
          TableName: t(db),
          Key: keys.placementDay(booking.hostOrgId, booking.placementId, date),
          UpdateExpression: 'ADD pendingCount :minus',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':minus': -booking.pupils.length },
        },
      },
    })),
    outboxPut(db, eventId, to === 'declined' ? 'placement.declined' : 'placement.withdrawn', at, next),
  ]);
  return next;
}

export interface CancelPlacementInput {
  booking: PlacementBookingRecord;
  by: 'school' | 'host';
  reason: string;
  at: string;
  eventId: string;
  /**
   * The offer as read and the booking's days still to come, when the offer is published: their
   * search entries are put back (a day this booking filled had left search), conditional on the
   * offer still being published, so a withdrawal meanwhile is not undone.
   */
  reopen?: { placement: PlacementRecord; days: string[] };
}

/**
 * Either side cancels a confirmed booking, with a reason the other side is told. One transaction:
 *
 *   cancel ── TransactWrite ┬─ booking #status = confirmed AND #version = read → cancelled  (STALE_STATE)
 *                           │    REMOVE its gsi2 entry (no reminder for a cancelled placement)
 *                           ├─ each day: ADD confirmedCount −n, confirmedCount >= n        (places freed)
 *                           ├─ each pupil × day: Delete PUPILDAY# if bookingId = this one   (the pupils free again)
 *                           ├─ outbox event placement.cancelled
 *                           └─ offer #status = published + each day to come: Put search entry (findable again)
 *
 * A 5-day, 3-pupil booking: 1 + 5 + 15 + 1 + (1 + 5) = 28 items.
 */
export async function cancelPlacementBooking(db: Db, input: CancelPlacementInput): Promise<PlacementBookingRecord> {
  const { booking } = input;
  const n = booking.pupils.length;
  const next: PlacementBookingRecord = { ...booking, status: 'cancelled', updatedAt: input.at, version: booking.version + 1, cancelReason: input.reason, cancelledBy: input.by };
  const reopen = input.reopen && input.reopen.days.length ? input.reopen : undefined;
  await transact(db, [
    {
      item: {
        Update: {
          TableName: t(db),
          Key: keys.placementBooking(booking.schoolId, booking.id),
          UpdateExpression: 'SET #status = :cancelled, updatedAt = :at, cancelReason = :reason, cancelledBy = :by, #version = :next REMOVE gsi2pk, gsi2sk',
          ConditionExpression: '#status = :confirmed AND #version = :version',
          ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
          ExpressionAttributeValues: { ':cancelled': 'cancelled', ':confirmed': 'confirmed', ':at': input.at, ':reason': input.reason, ':by': input.by, ':next': booking.version + 1, ':version': booking.version },
        },
      },
      onConditionFailed: () => new ConflictError('STALE_STATE', 'This booking changed while you were working on it: someone else acted first. Reload to see where it stands.'),
    },
    ...booking.days.map((date) => ({
      item: {
        Update: {
          TableName: t(db),
          Key: keys.placementDay(booking.hostOrgId, booking.placementId, date),
          UpdateExpression: 'ADD confirmedCount :minus',
          ConditionExpression: 'attribute_exists(pk) AND confirmedCount >= :n',
          ExpressionAttributeValues: { ':minus': -n, ':n': n },
        },
      },
    })),
    ...booking.pupils.flatMap((pupil) =>
      booking.days.map((date) => ({
        item: {
          Delete: {
            TableName: t(db),
            Key: keys.pupilDay(booking.schoolId, pupil.pupilId, date),
            // Only this booking's guard: it was Put by this booking's confirmation.
            ConditionExpression: 'bookingId = :booking',
            ExpressionAttributeValues: { ':booking': booking.id },
          },
        },
      })),
    ),
    outboxPut(db, input.eventId, 'placement.cancelled', input.at, next),
    ...(reopen
      ? [
          {
            item: {
              ConditionCheck: {
                TableName: t(db),
                Key: keys.placement(booking.hostOrgId, booking.placementId),
                ConditionExpression: '#status = :published',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':published': 'published' },
              },
            },
            onConditionFailed: () => new ConflictError('PLACEMENT_CHANGED', 'The placement was withdrawn meanwhile.'),
          },
          ...reopen.days.flatMap((date) => showDay(db, reopen.placement, date)),
        ]
      : []),
  ]);
  return next;
}

/** Confirmed placement bookings whose first day is `date`, on one shard of gsi2 (the daily reminders). */
export async function listConfirmedPlacementsOnShard(db: Db, date: string, shard: number): Promise<PlacementBookingRecord[]> {
  const items = await queryAll<PlacementBookingRecord>(db, { index: 'gsi2', pk: keys.placementBookingsOnFirstDay(date, shard) });
  return items.filter((booking) => booking.status === 'confirmed');
}

/**
 * Saves a booking's pupils (consent, attendance, feedback, an erased pupil's scrubbed entry) if
 * the booking is still at the version read; STALE_STATE otherwise.
 */
export async function savePlacementBookingPupils(db: Db, booking: PlacementBookingRecord, pupils: PlacementBookingPupil[], at: string): Promise<PlacementBookingRecord> {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: t(db),
        Key: keys.placementBooking(booking.schoolId, booking.id),
        UpdateExpression: 'SET pupils = :pupils, updatedAt = :at, #version = :next',
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':pupils': pupils, ':at': at, ':next': booking.version + 1, ':version': booking.version },
      }),
    );
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') throw new StaleVersionError();
    throw error;
  }
  return { ...booking, pupils, updatedAt: at, version: booking.version + 1 };
}

/** The school's work experience settings with their version (absent: defaults, version null). */
export interface WorkExperienceSettings {
  /** Parental consent must be recorded for each pupil before a host can confirm. */
  consentRequired: boolean;
}

export async function getWorkExperienceSettings(db: Db, schoolId: string): Promise<{ settings: WorkExperienceSettings; version: number | null }> {
  callCounter.reads++;
  const result = await db.doc.send(new GetCommand({ TableName: t(db), Key: keys.workExperienceSettings(schoolId), ConsistentRead: true }));
  if (!result.Item) return { settings: { consentRequired: true }, version: null };
  return { settings: { consentRequired: result.Item.consentRequired !== false }, version: (result.Item.version as number) ?? 0 };
}

/** Saves the settings and moves their version on, so a confirmation judged on the old ones is cancelled. */
export async function putWorkExperienceSettings(db: Db, schoolId: string, settings: WorkExperienceSettings, at: string): Promise<{ settings: WorkExperienceSettings; version: number }> {
  const result = await db.doc.send(
    new UpdateCommand({
      TableName: t(db),
      Key: keys.workExperienceSettings(schoolId),
      UpdateExpression: 'SET #type = :type, consentRequired = :consent, updatedAt = :at, #version = if_not_exists(#version, :zero) + :one',
      ExpressionAttributeNames: { '#type': 'type', '#version': 'version' },
      ExpressionAttributeValues: { ':type': 'work-experience-settings', ':consent': settings.consentRequired, ':at': at, ':zero': 0, ':one': 1 },
      ReturnValues: 'ALL_NEW',
    }),
  );
  return { settings, version: result.Attributes!.version as number };
}


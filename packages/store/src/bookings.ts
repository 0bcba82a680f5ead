import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ruleMessage, type KeyPhase } from '@schoolgate/domain';
import type { Location } from '@schoolgate/places';
import { deleteAreaEntry, putAreaEntry, searchAreaCurrent } from './area-index.js';
import type { Db } from './client.js';
import { BOOKING_DATE_SHARDS, keys } from './keys.js';
import { claimLive, releaseLive } from './limits.js';
import { offerCapacityWrite } from './offers.js';
import { strip } from './organisations.js';
import { outboxItem, type BookingSnapshot, type OutboxEventKind } from './outbox.js';
import { queryAll, queryItems, setExpression } from './query.js';
import { callCounter, ConflictError, NotFoundError, transact, type GuardedWrite } from './transact.js';
import { factCheck, type FactVersion } from './versions.js';
import { countedEncounterWrites, employerEncounterWrites } from './encounters.js';

export type BookingStatus = 'requested' | 'confirmed' | 'declined' | 'withdrawn' | 'cancelled' | 'delivered' | 'not_delivered';

export interface PhaseTargetKey {
  cohort: number;
  phase: number;
}

/** A DISTINCT_PROVIDERS guard as stored: which booking holds the provider's place in a cohort's phase. */
export interface PhaseGuardRecord extends PhaseTargetKey {
  bookingId: string;
  /** The holding booking's date and year groups, so the rules engine can judge a second one. */
  date?: string;
  yearGroups?: number[];
}

export interface SlotRecord {
  id: string;
  schoolId: string;
  schoolName: string;
  /** The school's public policy statement lives at /v1/public/schools/<urn>/policy. */
  schoolUrn?: string;
  title: string;
  date: string;
  start: string;
  end: string;
  yearGroups: number[];
  format: string;
  venueId: string;
  venueName: string;
  venueCapacity: number;
  places: number;
  statutory: boolean;
  description: string;
  /** The (cohort, phase) pairs a statutory booking in this slot counts toward. */
  countsToward: Array<{ yearGroup: number; cohort: number; phase: number | null }>;
  confirmedCount: number;
  pendingCount: number;
  status: 'open' | 'closed' | 'cancelled';
  location?: { latitude: number; longitude: number };
  postcode: string;
  createdAt: string;
  /**
   * The last day a request still meets the school's notice period, worked out when published (from
   * the calendar and policy then). Search stops showing the slot after it; the rule itself is
   * judged again when a request arrives.
   */
  requestBy?: string;
}

export interface BookingRecord {
  id: string;
  slotId: string;
  schoolId: string;
  schoolName: string;
  requesterOrgId: string;
  requesterName: string;
  requesterKind: 'provider' | 'employer';
  status: BookingStatus;
  /** Counts toward the duty: a statutory slot, an eligible provider, not confirmed as a repeat. */
  statutory: boolean;
  date: string;
  start: string;
  end: string;
  title: string;
  format: string;
  yearGroups: number[];
  venueName: string;
  /** The slot's venue, whose capacity the whole-year-group rule is judged on at confirmation. */
  venueId?: string;
  message: string;
  accompanyingEmployer?: string;
  declineGround?: { id: string; label: string };
  note?: string;
  reason?: string;
  /** The DISTINCT_PROVIDERS guards this booking holds while confirmed. */
  guards: PhaseTargetKey[];
  /**
   * Set when the school booked a provider's or employer's offer (offers.ts): the requester is the
   * host, `slotId` names the offered date, and the host's offer-date item is the capacity the
   * transitions move (in pupils).
   */
  offerId?: string;
  audience?: 'whole_year_groups' | 'named_group';
  groupName?: string;
  /** Pupils coming: the roll of the year groups, or the named group's size. */
  pupils?: number;
  /** The capacity WHOLE_YEAR_GROUP is judged on (the host venue's for a visit, the school venue's otherwise). */
  venueCapacity?: number;
  /** For a visit: minutes each way, judged inside the school day. */
  travelMinutes?: number;
  /** The employer's or provider's sector for this encounter (Benchmark 5's sectors met). */
  sector?: string;
  createdAt: string;
  updatedAt: string;
  /** Goes up on every transition; also the calendar invite's SEQUENCE. */
  version: number;
  snapshot: BookingSnapshot;
}

export interface AuditRecord {
  bookingId: string;
  at: string;
  actor: string;
  actorOrgId: string;
  from: BookingStatus | null;
  to: BookingStatus;
  reason?: string;
}

export interface Actor {
  userId: string;
  email: string;
  orgId: string;
  side: 'school' | 'requester';
}

const t = (db: Db) => db.tableName;

export function slotItem(slot: SlotRecord) {
  return {
    ...keys.slot(slot.schoolId, slot.id),
    type: 'slot',
    ...slot,
  };
}

export function bookingItem(booking: BookingRecord) {
  return {
    ...keys.booking(booking.schoolId, booking.id),
    ...keys.bookingByRequester(booking.requesterOrgId, booking.date, booking.id),
    ...keys.bookingByDate(booking.date, booking.id),
    ...keys.bookingBySchoolDate(booking.schoolId, booking.date, booking.id),
    type: 'booking',
    ...booking,
  };
}

export function auditPut(db: Db, schoolId: string, entry: AuditRecord, seq: string): GuardedWrite {
  return { item: { Put: { TableName: t(db), Item: { ...keys.audit(schoolId, entry.bookingId, entry.at, seq), type: 'audit', ...entry } } } };
}

export function outboxPut(db: Db, eventId: string, kind: Exclude<OutboxEventKind, 'invitation.created'>, at: string, booking: BookingSnapshot): GuardedWrite {
  return { item: { Put: { TableName: t(db), Item: outboxItem({ eventId, kind, occurredAt: at, booking }) } } };
}

/**
 * The writes that make an open slot findable in search (its area entry, see area-index.ts). A
 * school with no location has no findable slots: its profile asks for one.
 */
export function showSlotInSearch(db: Db, slot: SlotRecord): GuardedWrite[] {
  if (!slot.location) return [];
  return [putAreaEntry(db, { kind: 'slot', id: slot.id, ownerOrgId: slot.schoolId, date: slot.date, location: slot.location, data: slot })];
}

/** The write that takes a slot out of search (withdrawn, or its last place confirmed). */
export function hideSlotFromSearch(db: Db, slot: Pick<SlotRecord, 'id' | 'schoolId' | 'date'>): GuardedWrite[] {
  return [deleteAreaEntry(db, { kind: 'slot', id: slot.id, ownerOrgId: slot.schoolId, date: slot.date })];
}

/** Publishes a slot, on the condition that the facts its rules were judged on are unchanged. */
export async function createSlot(db: Db, slot: SlotRecord, facts: FactVersion[] = []): Promise<void> {
  await transact(db, [
    {
      item: { Put: { TableName: t(db), Item: slotItem(slot), ConditionExpression: 'attribute_not_exists(pk)' } },
      onConditionFailed: () => new ConflictError('DUPLICATE', 'That slot already exists'),
    },
    ...showSlotInSearch(db, slot),
    ...facts.map((fact) => factCheck(db, fact)),
  ]);
}

/**
 * Withdraws a slot nobody holds: it leaves search (the index keys go) and takes no requests. A
 * slot with live requests or bookings is refused, because each provider must hear why through a
 * decline or a cancellation of its own.
 */
export async function withdrawSlot(db: Db, schoolId: string, slotId: string): Promise<SlotRecord> {
  // Read for the error's words and the search entry's key; the write's condition is what decides.
  const slot = await getSlot(db, schoolId, slotId);
  if (!slot) throw new NotFoundError('No such slot');
  if (slot.status !== 'open') throw new ConflictError('SLOT_CLOSED', 'That slot has already been withdrawn.');
  const hasBookings = (seen: SlotRecord) =>
    new ConflictError(
      'SLOT_HAS_BOOKINGS',
      `This slot has ${seen.confirmedCount} confirmed booking(s) and ${seen.pendingCount} request(s): decline the requests and cancel the bookings first, so each provider is told why.`,
    );
  if (slot.confirmedCount > 0 || slot.pendingCount > 0) throw hasBookings(slot);
  await transact(db, [
    {
      item: {
        Update: {
          TableName: t(db),
          Key: keys.slot(schoolId, slotId),
          UpdateExpression: 'SET #status = :cancelled',
          ConditionExpression: '#status = :open AND confirmedCount = :zero AND pendingCount = :zero',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':cancelled': 'cancelled', ':open': 'open', ':zero': 0 },
        },
      },
      // A request arrived between the read and the write.
      onConditionFailed: () => hasBookings({ ...slot, pendingCount: slot.pendingCount + 1 }),
    },
    ...hideSlotFromSearch(db, slot),
  ]);
  return { ...slot, status: 'cancelled' };
}

export async function getSlot(db: Db, schoolId: string, slotId: string): Promise<SlotRecord | undefined> {
  callCounter.reads++;
  const result = await db.doc.send(new GetCommand({ TableName: t(db), Key: keys.slot(schoolId, slotId), ConsistentRead: true }));
  return result.Item ? strip<SlotRecord>(result.Item) : undefined;
}

export async function getBooking(db: Db, schoolId: string, bookingId: string): Promise<BookingRecord | undefined> {
  callCounter.reads++;
  const result = await db.doc.send(new GetCommand({ TableName: t(db), Key: keys.booking(schoolId, bookingId), ConsistentRead: true }));
  return result.Item ? strip<BookingRecord>(result.Item) : undefined;
}


export const listAudit = (db: Db, schoolId: string, bookingId: string) => queryAll<AuditRecord>(db, { pk: keys.auditOf(schoolId, bookingId) });

// The school's and a requester's lists are read a page at a time: lists.ts.

/**
 * The snapshots of the bookings confirmed for one date in one shard of the by-date index (gsi2
 * `BOOKINGDATE#<date>#<shard>`). The GSI is eventually consistent, which is fine for reminders: a
 * booking confirmed a second ago is not due a reminder today. Never use it to judge a booking rule.
 *
 * @example
 * for (const snapshot of await listConfirmedBookingsOnShard(db, '2026-03-12', 0)) console.log(snapshot.title);
 */
export async function listConfirmedBookingsOnShard(db: Db, date: string, shard: number): Promise<BookingSnapshot[]> {
  const found: BookingSnapshot[] = [];
  const items = queryItems(db, {
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    FilterExpression: '#type = :booking AND #status = :confirmed',
    ExpressionAttributeNames: { '#type': 'type', '#status': 'status' },
    ExpressionAttributeValues: { ':pk': keys.bookingsOnDate(date, shard), ':booking': 'booking', ':confirmed': 'confirmed' },
  });
  for await (const item of items) {
    if (item.snapshot) found.push(item.snapshot as BookingSnapshot);
  }
  return found;
}

/** Every shard of one date, queried in parallel. */
export async function listConfirmedBookingsOn(db: Db, date: string): Promise<BookingSnapshot[]> {
  const shards = await Promise.all(Array.from({ length: BOOKING_DATE_SHARDS }, (_, shard) => listConfirmedBookingsOnShard(db, date, shard)));
  return shards.flat();
}

export interface RequestSlotInput {
  booking: BookingRecord;
  actor: Actor;
  eventId: string;
  /** The facts the request was judged on (the policy pointer among them); see versions.ts. */
  facts?: FactVersion[];
}

/**
 * A provider asks for a slot. One transaction: the slot must still be open; the provider's hold on
 * the slot must not exist yet (ALREADY_BOOKED: two racing requests from one provider, one wins);
 * the school must have a published policy (POLICY_NOT_PUBLISHED); the booking, its audit entry
 * and the school's notification are written together or not at all.
 */
export async function requestSlot(db: Db, { booking, actor, eventId, facts = [] }: RequestSlotInput): Promise<BookingRecord> {
  const policyKey = keys.publishedPolicy(booking.schoolId);
  const policyFact = facts.find((fact) => fact.key.pk === policyKey.pk && fact.key.sk === policyKey.sk);
  await transact(db, [
    {
      item: {
        Update: {
          TableName: t(db),
          Key: keys.slot(booking.schoolId, booking.slotId),
          UpdateExpression: 'ADD pendingCount :one',
          // A slot whose places are all confirmed takes no more requests, not even to wait.
          ConditionExpression: 'attribute_exists(pk) AND #status = :open AND confirmedCount < places',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':one': 1, ':open': 'open' },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      onConditionFailed: (slot) =>
        slot?.status === 'open' && Number(slot.confirmedCount) >= Number(slot.places)
          ? new ConflictError('SLOT_FULL', 'Every place in this slot is already confirmed.')
          : new ConflictError('SLOT_CLOSED', 'That slot is no longer open for requests'),
    },
    {
      item: {
        Put: {
          TableName: t(db),
          Item: { ...keys.slotHold(booking.schoolId, booking.slotId, booking.requesterOrgId), type: 'slot-hold', bookingId: booking.id },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      onConditionFailed: () =>
        new ConflictError('ALREADY_BOOKED', `${booking.requesterName} already has a live request or booking for this slot.`),
    },
    // A transaction may touch an item once: the versioned check of the policy pointer, when the
    // request was judged on it, also proves it exists.
    ...(policyFact
      ? []
      : [
          {
            item: {
              ConditionCheck: {
                TableName: t(db),
                Key: policyKey,
                ConditionExpression: 'attribute_exists(pk)',
              },
            },
            onConditionFailed: () =>
              new ConflictError('POLICY_NOT_PUBLISHED', `${booking.schoolName} has not published its provider access policy, so it takes no requests yet.`),
          },
        ]),
    ...facts.map((fact) => factCheck(db, fact)),
    { item: { Put: { TableName: t(db), Item: bookingItem(booking), ConditionExpression: 'attribute_not_exists(pk)' } } },
    auditPut(db, booking.schoolId, { bookingId: booking.id, at: booking.createdAt, actor: actor.email, actorOrgId: actor.orgId, from: null, to: 'requested' }, eventId),
    outboxPut(db, eventId, 'booking.requested', booking.createdAt, booking.snapshot),
    // LIVE_LIMITS: at most so many live requests per school and in all (slot hoarding).
    ...claimLive(db, 'request', booking.requesterOrgId, booking.schoolId),
  ]);
  return booking;
}

export interface TransitionInput {
  schoolId: string;
  bookingId: string;
  from: BookingStatus;
  to: BookingStatus;
  actor: Actor;
  at: string;
  eventId: string;
  /** Fields that change with the status (decline ground, reason, designation). */
  changes?: Partial<Pick<BookingRecord, 'declineGround' | 'note' | 'reason' | 'statutory' | 'guards'>>;
  /** The slot counters this transition moves, guarded by the slot's own conditions. */
  slot?: { confirmedDelta: number; pendingDelta: number; places?: number };
  /** DISTINCT_PROVIDERS guards to claim (confirm) or release (cancel, not delivered). */
  claimGuards?: PhaseTargetKey[];
  releaseGuards?: PhaseTargetKey[];
  releaseHold?: boolean;
  outboxKind?: Exclude<OutboxEventKind, 'invitation.created'>;
  /** The booking as last read: used to build the new snapshot; the write is conditional on `from`. */
  current: BookingRecord;
  /** The facts the transition was judged on: it commits only if none has changed (see versions.ts). */
  facts?: FactVersion[];
  /** The slot leaving or coming back into search (its last place taken, or freed again). */
  searchWrites?: GuardedWrite[];
  /**
   * Reschedule (issue 15): commit only on the booking's version as read, so a cancellation racing
   * the acceptance of a move (which raises the version) has one outcome; and writes that go with
   * the move (a pending reschedule proposal deleted with the booking it would move).
   */
  ifVersion?: number;
  alsoWrites?: GuardedWrite[];
}

/**
 * Moves a booking from one state to another in one TransactWriteItems. The booking's update is
 * conditional on its current status, so two people acting at once cannot both win (no lost
 * update); slot places, phase guards and the provider's hold move in the same transaction; an
 * audit entry and the outbox event are written with it.
 *
 * Races this guards against:
 *   approver A ─┐                    ┌─ confirmedCount < places  (SLOT_FULL)
 *   approver B ─┼─ TransactWriteItems ┼─ GUARD#cohort#phase#provider not exists (DISTINCT_PROVIDERS)
 *   withdrawer ─┘                    └─ booking.status = from   (the state the actor saw)
 */
export async function transitionBooking(db: Db, input: TransitionInput): Promise<BookingRecord> {
  const { current } = input;
  const version = current.version + 1;
  const next: BookingRecord = {
    ...current,
    ...input.changes,
    status: input.to,
    updatedAt: input.at,
    version,
  };
  next.snapshot = {
    ...current.snapshot,
    status: input.to,
    statutory: next.statutory,
    icsSequence: version,
    actorSide: input.actor.side,
    ...(next.declineGround ? { declineGround: next.declineGround.label } : {}),
    ...(next.note ? { note: next.note } : {}),
    ...(next.reason ? { reason: next.reason } : {}),
  };
  const set = setExpression({
    status: next.status,
    updatedAt: next.updatedAt,
    version: next.version,
    snapshot: next.snapshot,
    ...input.changes,
  });
  const writes: GuardedWrite[] = [
    {
      item: {
        Update: {
          TableName: t(db),
          Key: keys.booking(input.schoolId, input.bookingId),
          UpdateExpression: set.expression,
          ConditionExpression: input.ifVersion === undefined ? '#status = :from' : '#status = :from AND #version = :readVersion',
          ExpressionAttributeNames: { ...set.names, '#status': 'status', ...(input.ifVersion === undefined ? {} : { '#version': 'version' }) },
          ExpressionAttributeValues: { ...set.values, ':from': input.from, ...(input.ifVersion === undefined ? {} : { ':readVersion': input.ifVersion }) },
        },
      },
      onConditionFailed: () =>
        new ConflictError('STALE_STATE', `This booking is no longer ${input.from}: someone else acted on it first. Reload to see where it stands.`),
    },
  ];
  if (input.slot && current.offerId) {
    // A booked offer: the host's offered date holds the places (in pupils), not a school slot.
    writes.push(offerCapacityWrite(db, current, input.slot));
  } else if (input.slot) {
    const slotValues: Record<string, unknown> = { ':c': input.slot.confirmedDelta, ':p': input.slot.pendingDelta };
    let condition = 'attribute_exists(pk)';
    if (input.slot.confirmedDelta > 0) {
      condition += ' AND confirmedCount < places';
    }
    writes.push({
      item: {
        Update: {
          TableName: t(db),
          Key: keys.slot(input.schoolId, current.slotId),
          UpdateExpression: 'ADD confirmedCount :c, pendingCount :p',
          ConditionExpression: condition,
          ExpressionAttributeValues: slotValues,
        },
      },
      onConditionFailed: () => new ConflictError('SLOT_FULL', 'Every place in this slot is already confirmed.'),
    });
  }
  for (const guard of input.claimGuards ?? []) {
    writes.push({
      item: {
        Put: {
          TableName: t(db),
          Item: {
            ...keys.phaseGuard(input.schoolId, guard.cohort, guard.phase, current.requesterOrgId),
            type: 'phase-guard',
            bookingId: current.id,
            date: current.date,
            yearGroups: current.yearGroups,
            cohort: guard.cohort,
            phase: guard.phase,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      // Another approval for the same provider and phase committed first: the engine's own words.
      onConditionFailed: () =>
        new ConflictError('DISTINCT_PROVIDERS', ruleMessage('DISTINCT_PROVIDERS', { providerName: current.requesterName, phase: guard.phase as KeyPhase, yearGroup: current.yearGroups[0] })),
    });
  }
  for (const guard of input.releaseGuards ?? []) {
    writes.push({
      item: {
        Delete: {
          TableName: t(db),
          Key: keys.phaseGuard(input.schoolId, guard.cohort, guard.phase, current.requesterOrgId),
          // Only the booking that claimed a guard may release it.
          ConditionExpression: 'attribute_not_exists(pk) OR bookingId = :booking',
          ExpressionAttributeValues: { ':booking': current.id },
        },
      },
    });
  }
  if (input.releaseHold) {
    writes.push({
      item: { Delete: { TableName: t(db), Key: keys.slotHold(input.schoolId, current.slotId, current.requesterOrgId) } },
    });
  }
  writes.push(
    auditPut(
      db,
      input.schoolId,
      {
        bookingId: current.id,
        at: input.at,
        actor: input.actor.email,
        actorOrgId: input.actor.orgId,
        from: input.from,
        to: input.to,
        ...(input.changes?.reason ? { reason: input.changes.reason } : {}),
        ...(input.changes?.declineGround ? { reason: `${input.changes.declineGround.label}${input.changes.note ? `: ${input.changes.note}` : ''}` } : {}),
      },
      input.eventId,
    ),
  );
  if (input.outboxKind) writes.push(outboxPut(db, input.eventId, input.outboxKind, input.at, next.snapshot));
  // The counted-encounter items compliance reads follow the booking in the same transaction.
  writes.push(...countedEncounterWrites(db, current, next));
  // And Benchmark 5's employer summaries (issue 16).
  writes.push(...employerEncounterWrites(db, current, next));
  writes.push(...(input.facts ?? []).map((fact) => factCheck(db, fact)));
  writes.push(...(input.searchWrites ?? []));
  writes.push(...(input.alsoWrites ?? []));
  // Leaving 'requested' (approve, decline, withdraw) gives back one of LIVE_LIMITS' live requests.
  // (A school's booking of an offer is not a provider's ask: it took no live request.)
  if (input.from === 'requested' && input.to !== 'requested' && !current.offerId) writes.push(...releaseLive(db, 'request', current.requesterOrgId, input.schoolId));
  await transact(db, writes);
  return next;
}

/**
 * The DISTINCT_PROVIDERS guards a provider holds at a school for the given cohort phases, read
 * consistently, so the rules engine can judge whether a new statutory encounter repeats one.
 */
export async function getPhaseGuards(db: Db, schoolId: string, providerOrgId: string, targets: readonly PhaseTargetKey[]): Promise<PhaseGuardRecord[]> {
  const found = await Promise.all(
    targets.map(async (target) => {
      callCounter.reads++;
      const result = await db.doc.send(
        new GetCommand({ TableName: t(db), Key: keys.phaseGuard(schoolId, target.cohort, target.phase, providerOrgId), ConsistentRead: true }),
      );
      return result.Item ? strip<PhaseGuardRecord>(result.Item) : undefined;
    }),
  );
  return found.filter((guard): guard is PhaseGuardRecord => guard !== undefined);
}

export interface SlotSearch {
  centre: Location;
  withinKm: number;
  from: string;
  to: string;
  limit: number;
  /** The last position of the previous page (`date#slotId`). */
  after?: string;
  accept: (slot: SlotRecord) => boolean;
}

/**
 * Open slots within `withinKm` of `centre` between two dates, in date order, a page at a time,
 * from the area index (area-index.ts): a bounded number of reads whatever the national total. The
 * page's slots are then read from the table in one BatchGet, so places left are current and a
 * slot that filled since its entry was written (two approvals racing for the last places) is
 * dropped and its entry removed.
 */
export async function searchOpenSlots(db: Db, search: SlotSearch): Promise<{ items: Array<SlotRecord & { distanceKm: number }>; lastKey?: string }> {
  return searchAreaCurrent<SlotRecord, SlotRecord, SlotRecord & { distanceKm: number }>(db, {
    kind: 'slot',
    centre: search.centre,
    withinKm: search.withinKm,
    from: search.from,
    to: search.to,
    limit: search.limit,
    ...(search.after ? { after: search.after } : {}),
    accept: (slot) => slot.status === 'open' && search.accept(slot),
    currentKey: (hit) => keys.slot(hit.data.schoolId, hit.id),
    isLive: (slot) => !!slot && slot.status === 'open' && slot.confirmedCount < slot.places,
    toResult: (hit, slot) => ({ ...slot, distanceKm: hit.distanceKm }),
  });
}

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ruleMessage, type KeyPhase } from '@schoolgate/domain';
import { auditPut, bookingItem, outboxPut, type Actor, type BookingRecord, type PhaseTargetKey, type SlotRecord } from './bookings.js';
import type { Db } from './client.js';
import { countedEncounterWrites, employerEncounterWrites } from './encounters.js';
import { keys } from './keys.js';
import { strip } from './organisations.js';
import { outboxItem, type BookingSnapshot } from './outbox.js';
import { setExpression } from './query.js';
import { callCounter, ConflictError, transact, type GuardedWrite } from './transact.js';
import { factCheck, type FactVersion } from './versions.js';

/**
 * Reschedule (issue 15): one side proposes to move a confirmed booking to a new date and time (the
 * same slot at a new time, or another of the school's slots); the other side accepts or declines.
 * At most one proposal is pending per booking: its item is `RESCHEDULE#<bookingId>` beside the
 * booking, Put with `attribute_not_exists`.
 */
export interface RescheduleRecord {
  id: string;
  bookingId: string;
  schoolId: string;
  requesterOrgId: string;
  proposedBy: 'school' | 'requester';
  proposerEmail: string;
  /** The booking's version when proposed: acceptance moves only the booking as it was then. */
  bookingVersion: number;
  date: string;
  start: string;
  end: string;
  /** The slot the booking moves to: its own (a new time) or another of the school's. */
  slotId: string;
  venueName: string;
  message?: string;
  createdAt: string;
}

const t = (db: Db) => db.tableName;

const alreadyPending = () =>
  new ConflictError('RESCHEDULE_PENDING', 'A new time is already proposed for this booking: it must be accepted or declined before another is proposed.');
const bookingMoved = () => new ConflictError('STALE_STATE', 'This booking changed since you read it (moved, cancelled or changed): reload to see where it stands.');
const proposalGone = () => new ConflictError('STALE_STATE', 'This proposal has already been answered or withdrawn with its booking.');

/** The pending proposal of a booking, read consistently. */
export async function getReschedule(db: Db, schoolId: string, bookingId: string): Promise<RescheduleRecord | undefined> {
  callCounter.reads++;
  const got = await db.doc.send(new GetCommand({ TableName: t(db), Key: keys.reschedule(schoolId, bookingId), ConsistentRead: true }));
  return got.Item ? strip<RescheduleRecord>(got.Item) : undefined;
}

/** The booking must still be confirmed at the version the actor read. */
function bookingAsRead(db: Db, booking: BookingRecord): GuardedWrite {
  return {
    item: {
      ConditionCheck: {
        TableName: t(db),
        Key: keys.booking(booking.schoolId, booking.id),
        ConditionExpression: '#status = :confirmed AND version = :v',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':confirmed': 'confirmed', ':v': booking.version },
      },
    },
    onConditionFailed: bookingMoved,
  };
}

const proposalSnapshot = (booking: BookingRecord, proposal: RescheduleRecord, actor: Actor, declineReason?: string): BookingSnapshot => ({
  ...booking.snapshot,
  actorSide: actor.side,
  reschedule: {
    date: proposal.date,
    start: proposal.start,
    end: proposal.end,
    venueName: proposal.venueName,
    proposedBy: proposal.proposedBy,
    ...(proposal.message ? { message: proposal.message } : {}),
    ...(declineReason ? { declineReason } : {}),
  },
});

/**
 * Proposes a move. One TransactWriteItems: Put the proposal `attribute_not_exists(pk)`
 * (RESCHEDULE_PENDING: of two proposals racing, one stands), ConditionCheck the booking confirmed at
 * the version read, an audit entry and the outbox event that tells the other side.
 */
export async function proposeReschedule(db: Db, input: { booking: BookingRecord; proposal: RescheduleRecord; actor: Actor; eventId: string }): Promise<RescheduleRecord> {
  const { booking, proposal, actor, eventId } = input;
  await transact(db, [
    {
      item: {
        Put: {
          TableName: t(db),
          Item: { ...keys.reschedule(booking.schoolId, booking.id), type: 'reschedule', ...proposal },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      onConditionFailed: alreadyPending,
    },
    bookingAsRead(db, booking),
    auditPut(
      db,
      booking.schoolId,
      { bookingId: booking.id, at: proposal.createdAt, actor: actor.email, actorOrgId: actor.orgId, from: 'confirmed', to: 'confirmed', reason: `Proposed a new time: ${proposal.date} ${proposal.start}–${proposal.end}` },
      eventId,
    ),
    outboxPut(db, eventId, 'booking.reschedule_proposed', proposal.createdAt, proposalSnapshot(booking, proposal, actor)),
  ]);
  return proposal;
}

/**
 * Declines a pending proposal, with the reason the proposer is told. Deleting the proposal is
 * conditional on it being this one and the booking on being confirmed at the version read, so a
 * decline racing an acceptance or a cancellation has one outcome.
 */
export async function declineReschedule(db: Db, input: { booking: BookingRecord; proposal: RescheduleRecord; actor: Actor; reason: string; at: string; eventId: string }): Promise<void> {
  const { booking, proposal, actor, reason, at, eventId } = input;
  await transact(db, [
    {
      item: {
        Delete: {
          TableName: t(db),
          Key: keys.reschedule(booking.schoolId, booking.id),
          ConditionExpression: 'id = :id',
          ExpressionAttributeValues: { ':id': proposal.id },
        },
      },
      onConditionFailed: proposalGone,
    },
    // A booking cancelled or moved meanwhile has no proposal left to decline.
    bookingAsRead(db, booking),
    auditPut(db, booking.schoolId, { bookingId: booking.id, at, actor: actor.email, actorOrgId: actor.orgId, from: 'confirmed', to: 'confirmed', reason: `Declined the new time ${proposal.date} ${proposal.start}–${proposal.end}: ${reason}` }, eventId),
    outboxPut(db, eventId, 'booking.reschedule_declined', at, proposalSnapshot(booking, proposal, actor, reason)),
  ]);
}

export interface AcceptRescheduleInput {
  /** The booking as read, confirmed; the move commits only on this version. */
  current: BookingRecord;
  proposal: RescheduleRecord;
  actor: Actor;
  at: string;
  eventId: string;
  /** The booking's fields after the move (date, times, slot, venue; designation and guards as judged). */
  moved: Pick<BookingRecord, 'date' | 'start' | 'end' | 'slotId' | 'venueId' | 'venueName' | 'statutory' | 'guards'>;
  /** The slot it leaves when it moves to another slot. */
  fromSlot?: Pick<SlotRecord, 'id'>;
  /** The facts the move was judged on: it commits only if none has changed (versions.ts). */
  facts: FactVersion[];
  /** The slots entering or leaving search with the move. */
  searchWrites?: GuardedWrite[];
}

const sameTarget = (a: PhaseTargetKey, b: PhaseTargetKey) => a.cohort === b.cohort && a.phase === b.phase;

/**
 * Accepts a proposal: the booking moves in one TransactWriteItems, under the same conditions a
 * confirmation is held by (transitionBooking), on the booking as it stands:
 *
 *   Delete RESCHEDULE#booking      id = :proposal           (answered once: accept vs decline)
 *   Update BOOKING#booking         status = confirmed AND version = :read  (accept vs cancel, vs a second accept)
 *   to another slot: Update new SLOT  ADD confirmedCount 1, #status = open AND confirmedCount < places (SLOT_FULL)
 *                    Update old SLOT  ADD confirmedCount -1
 *                    Put new HOLD attribute_not_exists (ALREADY_BOOKED), Delete old HOLD
 *   GUARD#cohort#phase#provider    new ones attribute_not_exists (DISTINCT_PROVIDERS); kept ones
 *                                  bookingId = :self (rewritten with the new date); left ones deleted
 *   ConditionCheck per fact read at its version; counted encounters; audit; outbox booking.rescheduled
 *
 * The booking's version (its calendar invite's SEQUENCE) goes up by one, so both calendars update
 * the event they hold (same UID) rather than add one.
 */
export async function acceptReschedule(db: Db, input: AcceptRescheduleInput): Promise<BookingRecord> {
  const { current, proposal, moved, actor } = input;
  const version = current.version + 1;
  const next: BookingRecord = { ...current, ...moved, updatedAt: input.at, version };
  next.snapshot = {
    ...current.snapshot,
    slotId: moved.slotId,
    date: moved.date,
    start: moved.start,
    end: moved.end,
    venueName: moved.venueName,
    statutory: moved.statutory,
    status: 'confirmed',
    icsSequence: version,
    actorSide: actor.side,
    previous: { date: current.date, start: current.start, end: current.end },
  };
  delete next.snapshot.reschedule;
  const item = bookingItem(next);
  const set = setExpression({
    date: next.date,
    start: next.start,
    end: next.end,
    slotId: next.slotId,
    venueId: next.venueId,
    venueName: next.venueName,
    statutory: next.statutory,
    guards: next.guards,
    updatedAt: next.updatedAt,
    version: next.version,
    snapshot: next.snapshot,
    // The by-requester, by-date and school's by-date (calendar feed) indexes follow the new date.
    gsi1sk: item.gsi1sk,
    gsi2pk: item.gsi2pk,
    gsi2sk: item.gsi2sk,
    gsi3pk: item.gsi3pk,
    gsi3sk: item.gsi3sk,
  });
  const writes: GuardedWrite[] = [
    {
      item: {
        Delete: {
          TableName: t(db),
          Key: keys.reschedule(current.schoolId, current.id),
          ConditionExpression: 'id = :id',
          ExpressionAttributeValues: { ':id': proposal.id },
        },
      },
      onConditionFailed: proposalGone,
    },
    {
      item: {
        Update: {
          TableName: t(db),
          Key: keys.booking(current.schoolId, current.id),
          UpdateExpression: set.expression,
          ConditionExpression: '#status = :confirmed AND #version = :read',
          ExpressionAttributeNames: { ...set.names, '#status': 'status', '#version': 'version' },
          ExpressionAttributeValues: { ...set.values, ':confirmed': 'confirmed', ':read': current.version },
        },
      },
      onConditionFailed: bookingMoved,
    },
  ];
  if (moved.slotId !== current.slotId) {
    writes.push(
      {
        item: {
          Update: {
            TableName: t(db),
            Key: keys.slot(current.schoolId, moved.slotId),
            UpdateExpression: 'ADD confirmedCount :one',
            ConditionExpression: 'attribute_exists(pk) AND #status = :open AND confirmedCount < places',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':one': 1, ':open': 'open' },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        onConditionFailed: (slot) =>
          slot?.status === 'open' ? new ConflictError('SLOT_FULL', 'Every place in that slot is already confirmed.') : new ConflictError('SLOT_CLOSED', 'That slot is no longer open.'),
      },
      {
        item: {
          Update: {
            TableName: t(db),
            Key: keys.slot(current.schoolId, input.fromSlot?.id ?? current.slotId),
            UpdateExpression: 'ADD confirmedCount :minus',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':minus': -1 },
          },
        },
      },
      {
        item: {
          Put: {
            TableName: t(db),
            Item: { ...keys.slotHold(current.schoolId, moved.slotId, current.requesterOrgId), type: 'slot-hold', bookingId: current.id },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        onConditionFailed: () => new ConflictError('ALREADY_BOOKED', `${current.requesterName} already has a live request or booking for that slot.`),
      },
      { item: { Delete: { TableName: t(db), Key: keys.slotHold(current.schoolId, current.slotId, current.requesterOrgId) } } },
    );
  }
  // DISTINCT_PROVIDERS, as confirmation claims it: each (cohort, phase) the moved booking counts toward.
  for (const guard of moved.guards) {
    const kept = current.guards.some((old) => sameTarget(old, guard));
    writes.push({
      item: {
        Put: {
          TableName: t(db),
          Item: {
            ...keys.phaseGuard(current.schoolId, guard.cohort, guard.phase, current.requesterOrgId),
            type: 'phase-guard',
            bookingId: current.id,
            date: moved.date,
            yearGroups: current.yearGroups,
            cohort: guard.cohort,
            phase: guard.phase,
          },
          ConditionExpression: kept ? 'bookingId = :self' : 'attribute_not_exists(pk)',
          ...(kept ? { ExpressionAttributeValues: { ':self': current.id } } : {}),
        },
      },
      onConditionFailed: () =>
        new ConflictError('DISTINCT_PROVIDERS', ruleMessage('DISTINCT_PROVIDERS', { providerName: current.requesterName, phase: guard.phase as KeyPhase, yearGroup: current.yearGroups[0] })),
    });
  }
  for (const guard of current.guards.filter((old) => !moved.guards.some((g) => sameTarget(old, g)))) {
    writes.push({
      item: {
        Delete: {
          TableName: t(db),
          Key: keys.phaseGuard(current.schoolId, guard.cohort, guard.phase, current.requesterOrgId),
          ConditionExpression: 'attribute_not_exists(pk) OR bookingId = :booking',
          ExpressionAttributeValues: { ':booking': current.id },
        },
      },
    });
  }
  writes.push(
    auditPut(
      db,
      current.schoolId,
      {
        bookingId: current.id,
        at: input.at,
        actor: actor.email,
        actorOrgId: actor.orgId,
        from: 'confirmed',
        to: 'confirmed',
        reason: `Moved from ${current.date} ${current.start}–${current.end} to ${moved.date} ${moved.start}–${moved.end}`,
      },
      input.eventId,
    ),
    outboxPut(db, input.eventId, 'booking.rescheduled', input.at, next.snapshot),
    ...countedEncounterWrites(db, current, next),
    ...employerEncounterWrites(db, current, next),
    ...input.facts.map((fact) => factCheck(db, fact)),
    ...(input.searchWrites ?? []),
  );
  await transact(db, writes);
  return next;
}

/** The write a cancellation adds so a pending proposal dies with the booking it would move. */
export function dropPendingReschedule(db: Db, booking: Pick<BookingRecord, 'schoolId' | 'id'>): GuardedWrite {
  return { item: { Delete: { TableName: t(db), Key: keys.reschedule(booking.schoolId, booking.id) } } };
}

/**
 * Tells the other side that a change of facts broke a confirmed booking (issue 15): one outbox item
 * per booking and set of broken rules, Put `attribute_not_exists`, so saving the same change again
 * (or another edit that leaves the booking broken for the same reasons) sends nothing more.
 * Written after the change it reports (the change's own transaction does not know which bookings
 * it breaks until compliance is read on the new facts).
 */
export async function announceFactsChanged(db: Db, booking: BookingRecord, by: 'school' | 'requester', reasons: Array<{ code: string; message: string }>, at: string): Promise<boolean> {
  const codes = [...new Set(reasons.map((r) => r.code))].sort().join('+');
  const eventId = `facts-${booking.id}-v${booking.version}-${codes}`;
  const snapshot: BookingSnapshot = { ...booking.snapshot, actorSide: by, factsChanged: { by, reasons: reasons.map((r) => r.message) } };
  try {
    await db.doc.send(
      new PutCommand({
        TableName: t(db),
        Item: outboxItem({ eventId, kind: 'booking.facts_changed', occurredAt: at, booking: snapshot }),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

import { checkCanCancel, checkCanRecordOutcome, todayInLondon } from '@schoolgate/domain';
import { ConflictError, dropPendingReschedule, getPublishedPolicy, getSlot, showSlotInSearch, transitionBooking, type Actor, type BookingRecord, type TransitionInput } from '@schoolgate/store';
import type { UseCaseContext } from './context.js';
import { InvalidInput, Refused } from './errors.js';
import { offerSearchWritesFor } from './offers.js';

/**
 * The moves of a booking that need no judgement of the law: who may make them is the handler's
 * business (it has the caller); when they may be made is the engine's; the store makes each one
 * atomically with its audit entry and notification.
 */

type Move = Omit<TransitionInput, 'schoolId' | 'bookingId' | 'actor' | 'at' | 'eventId' | 'current'>;

function move(ctx: UseCaseContext, booking: BookingRecord, actor: Actor, change: Move): Promise<BookingRecord> {
  if (booking.status !== change.from) {
    throw new ConflictError('STALE_STATE', `This booking is ${booking.status}, so it cannot move to ${change.to}.`);
  }
  return transitionBooking(ctx.db, {
    ...change,
    schoolId: booking.schoolId,
    bookingId: booking.id,
    actor,
    at: ctx.now().toISOString(),
    eventId: ctx.newId(),
    current: booking,
  });
}

/** The school declines a request on one of the grounds its published policy names. */
export async function declineBooking(ctx: UseCaseContext, booking: BookingRecord, actor: Actor, input: { groundId: string; note?: string }): Promise<BookingRecord> {
  const policy = await getPublishedPolicy(ctx.db, booking.schoolId);
  const ground = policy?.refusalGrounds.find((g) => g.id === input.groundId);
  if (!ground) throw new InvalidInput([{ field: 'groundId', message: 'Choose one of the refusal grounds your published policy names' }]);
  return move(ctx, booking, actor, {
    from: 'requested',
    to: 'declined',
    changes: { declineGround: { id: ground.id, label: ground.label }, ...(input.note ? { note: input.note } : {}) },
    slot: { confirmedDelta: 0, pendingDelta: -1 },
    releaseHold: true,
    outboxKind: 'booking.declined',
  });
}

/** The provider withdraws its request before the school decides, saying why (the school is told). */
export function withdrawBooking(ctx: UseCaseContext, booking: BookingRecord, actor: Actor, reason?: string): Promise<BookingRecord> {
  // A school's booking of an offer is the school's to withdraw; the host declines it instead.
  if (booking.offerId && actor.side !== 'school') throw new Refused(403, [{ code: 'HOST_CONFIRMS', message: 'The school booked your offer: decline it, saying why, instead of withdrawing it.' }]);
  return move(ctx, booking, actor, {
    from: 'requested',
    to: 'withdrawn',
    ...(reason ? { changes: { reason } } : {}),
    slot: { confirmedDelta: 0, pendingDelta: -1 },
    releaseHold: true,
    outboxKind: 'booking.withdrawn',
  });
}

/**
 * Either side cancels a confirmed booking, up to its day; the place and the phase guard are freed,
 * and the slot is findable again (its search entry is put back: a no-op when it was still there).
 */
export async function cancelBooking(ctx: UseCaseContext, booking: BookingRecord, actor: Actor, reason: string): Promise<BookingRecord> {
  const tooLate = checkCanCancel(booking.date, todayInLondon(ctx.now()));
  if (tooLate) throw new Refused(409, [tooLate]);
  const slot = booking.offerId ? undefined : await getSlot(ctx.db, booking.schoolId, booking.slotId);
  // A booked offer's date comes back into search with its places (offers.ts).
  const offerSearchWrites = booking.offerId ? await offerSearchWritesFor(ctx.db, booking, 'free') : [];
  return move(ctx, booking, actor, {
    ...(slot?.status === 'open' ? { searchWrites: showSlotInSearch(ctx.db, slot) } : {}),
    ...(offerSearchWrites.length ? { searchWrites: offerSearchWrites } : {}),
    from: 'confirmed',
    to: 'cancelled',
    changes: { reason, guards: [] },
    slot: { confirmedDelta: -1, pendingDelta: 0 },
    releaseGuards: booking.guards,
    releaseHold: true,
    outboxKind: 'booking.cancelled',
    // Reschedule (issue 15): the cancellation commits only on the booking as read (a move accepted
    // meanwhile raises its version), and a pending proposal to move it goes with it.
    ifVersion: booking.version,
    alsoWrites: [dropPendingReschedule(ctx.db, booking)],
  });
}

/** The school records, on or after the day, whether the encounter took place. */
export function recordAttendance(ctx: UseCaseContext, booking: BookingRecord, actor: Actor, input: { delivered: boolean; note?: string }): Promise<BookingRecord> {
  const tooEarly = checkCanRecordOutcome(booking.date, todayInLondon(ctx.now()));
  if (tooEarly) throw new Refused(409, [tooEarly]);
  const { delivered, note } = input;
  return move(ctx, booking, actor, {
    from: 'confirmed',
    to: delivered ? 'delivered' : 'not_delivered',
    changes: { ...(note ? { note } : {}), ...(delivered ? {} : { guards: [] }) },
    // An encounter that did not happen does not count, so the provider may be booked again in the phase.
    ...(delivered ? {} : { releaseGuards: booking.guards }),
    outboxKind: delivered ? 'booking.delivered' : 'booking.not_delivered',
  });
}

/**
 * The school keeps a confirmed booking that a change of facts broke, but as supplementary: it
 * stays in both calendars, stops counting toward the duty, and frees the provider's place in the
 * phase. No email: nothing about the visit changes for the provider.
 */
export function redesignateAsSupplementary(ctx: UseCaseContext, booking: BookingRecord, actor: Actor): Promise<BookingRecord> {
  if (!booking.statutory) throw new ConflictError('STALE_STATE', 'This booking is already supplementary.');
  return move(ctx, booking, actor, {
    from: 'confirmed',
    to: 'confirmed',
    changes: { statutory: false, guards: [] },
    releaseGuards: booking.guards,
  });
}

import { checkAnswersOtherSide, checkRescheduleProposal, todayInLondon } from '@schoolgate/domain';
import {
  acceptReschedule as storeAccept,
  declineReschedule as storeDecline,
  getBooking,
  getReschedule,
  getSlot,
  hideSlotFromSearch,
  proposeReschedule as storePropose,
  showSlotInSearch,
  ConflictError,
  NotFoundError,
  type Actor,
  type BookingRecord,
  type RescheduleRecord,
  type SlotRecord,
} from '@schoolgate/store';
import { decideConfirmation } from './approve-booking.js';
import type { UseCaseContext } from './context.js';
import { InvalidInput, Refused } from './errors.js';
import { onFreshFacts } from './facts.js';

/**
 * Reschedule (issue 15): either side of a confirmed booking proposes a new date and time, the same
 * slot at another time or another of the school's slots; the other side accepts or declines with a
 * reason. Acceptance is judged like a confirmation (decideConfirmation: evaluateEncounter on the
 * facts as they stand) and moves the booking in one transaction (store: acceptReschedule).
 */
export interface RescheduleInput {
  date?: string | undefined;
  start?: string | undefined;
  end?: string | undefined;
  /** Another of the school's slots; its date and times are the new ones unless given. */
  slotId?: string | undefined;
  message?: string | undefined;
}

const refuseIf = (violations: ReturnType<typeof checkRescheduleProposal>) => {
  if (!violations.length) return;
  const conflict = violations.some((v) => v.code === 'RESCHEDULE_NOT_CONFIRMED' || v.code === 'RESCHEDULE_OFFER_BOOKING');
  throw new Refused(conflict ? 409 : 422, violations);
};

/** Where a proposal would put the booking: the target slot (read consistently) and the new times. */
async function targetOf(ctx: UseCaseContext, booking: BookingRecord, input: RescheduleInput): Promise<{ slot?: SlotRecord; date: string; start: string; end: string; slotId: string; venueName: string }> {
  if (input.slotId && input.slotId !== booking.slotId) {
    const slot = await getSlot(ctx.db, booking.schoolId, input.slotId);
    if (!slot) throw new InvalidInput([{ field: 'slotId', message: 'No such slot at this school' }]);
    if (slot.status !== 'open') throw new ConflictError('SLOT_CLOSED', 'That slot is no longer open.');
    return { slot, date: input.date ?? slot.date, start: input.start ?? slot.start, end: input.end ?? slot.end, slotId: slot.id, venueName: slot.venueName };
  }
  if (!input.date || !input.start || !input.end) {
    const field = !input.date ? 'date' : !input.start ? 'start' : 'end';
    throw new InvalidInput([{ field, message: 'Give the new date, start and end, or choose another slot' }]);
  }
  return { date: input.date, start: input.start, end: input.end, slotId: booking.slotId, venueName: booking.venueName };
}

/**
 * One side proposes a move. The proposal stands alone per booking (RESCHEDULE_PENDING, the store's
 * conditional Put) and the other side is emailed.
 *
 * @example
 * await proposeReschedule(ctx, booking, actor, { date: '2026-11-24', start: '09:00', end: '10:00' });
 */
export async function proposeReschedule(ctx: UseCaseContext, booking: BookingRecord, actor: Actor, input: RescheduleInput): Promise<RescheduleRecord> {
  const target = await targetOf(ctx, booking, input);
  if (target.end <= target.start) throw new InvalidInput([{ field: 'end', message: 'The end time must be after the start time' }]);
  refuseIf(checkRescheduleProposal({ booking, proposed: target, today: todayInLondon(ctx.now()) }));
  const proposal: RescheduleRecord = {
    id: ctx.newId(),
    bookingId: booking.id,
    schoolId: booking.schoolId,
    requesterOrgId: booking.requesterOrgId,
    proposedBy: actor.side,
    proposerEmail: actor.email,
    bookingVersion: booking.version,
    date: target.date,
    start: target.start,
    end: target.end,
    slotId: target.slotId,
    venueName: target.venueName,
    ...(input.message ? { message: input.message } : {}),
    createdAt: ctx.now().toISOString(),
  };
  return storePropose(ctx.db, { booking, proposal, actor, eventId: ctx.newId() });
}

async function readPending(ctx: UseCaseContext, schoolId: string, bookingId: string, proposalId: string, actor: Actor | Promise<Actor>) {
  const [who, booking, proposal] = await Promise.all([actor, getBooking(ctx.db, schoolId, bookingId), getReschedule(ctx.db, schoolId, bookingId)]);
  if (!booking) throw new NotFoundError();
  if (!proposal || proposal.id !== proposalId) throw new ConflictError('STALE_STATE', 'This proposal has already been answered or replaced: reload to see where the booking stands.');
  const own = checkAnswersOtherSide(proposal.proposedBy, who.side);
  if (own) throw new Refused(403, [own]);
  return { who, booking, proposal };
}

/**
 * The other side accepts: every rule judged again on the booking and the facts as they stand, with
 * the engine evaluation a confirmation uses, then one transaction moves the booking (its version,
 * so both calendar invites are updated in place: same UID, higher SEQUENCE).
 */
export function acceptReschedule(ctx: UseCaseContext, input: { schoolId: string; bookingId: string; proposalId: string; actor: Actor | Promise<Actor> }): Promise<BookingRecord> {
  return onFreshFacts(async () => {
    const { who, booking, proposal } = await readPending(ctx, input.schoolId, input.bookingId, input.proposalId, input.actor);
    if (booking.version !== proposal.bookingVersion) {
      throw new ConflictError('STALE_STATE', 'The booking changed after this time was proposed: propose again on the booking as it is now.');
    }
    refuseIf(checkRescheduleProposal({ booking, proposed: proposal, today: todayInLondon(ctx.now()) }));
    const toOtherSlot = proposal.slotId !== booking.slotId;
    const [newSlot, oldSlot] = await Promise.all([
      toOtherSlot ? getSlot(ctx.db, booking.schoolId, proposal.slotId) : undefined,
      toOtherSlot ? getSlot(ctx.db, booking.schoolId, booking.slotId) : undefined,
    ]);
    if (toOtherSlot && (!newSlot || newSlot.status !== 'open')) throw new ConflictError('SLOT_CLOSED', 'That slot is no longer open.');
    const venueId = newSlot ? newSlot.venueId : booking.venueId;
    const moving: BookingRecord = {
      ...booking,
      date: proposal.date,
      start: proposal.start,
      end: proposal.end,
      slotId: proposal.slotId,
      venueName: proposal.venueName,
      ...(venueId ? { venueId } : {}),
    };
    // A statutory booking must still count where it moves to; a supplementary one stays so.
    const decision = await decideConfirmation(ctx, moving, !booking.statutory);
    const searchWrites = [
      ...(newSlot && newSlot.confirmedCount + 1 >= newSlot.places ? hideSlotFromSearch(ctx.db, newSlot) : []),
      ...(oldSlot && oldSlot.status === 'open' ? showSlotInSearch(ctx.db, oldSlot) : []),
    ];
    return storeAccept(ctx.db, {
      current: booking,
      proposal,
      actor: who,
      at: ctx.now().toISOString(),
      eventId: ctx.newId(),
      moved: {
        date: moving.date,
        start: moving.start,
        end: moving.end,
        slotId: moving.slotId,
        venueName: moving.venueName,
        ...(moving.venueId ? { venueId: moving.venueId } : {}),
        statutory: decision.statutory,
        guards: decision.guards,
      },
      ...(oldSlot ? { fromSlot: oldSlot } : {}),
      facts: decision.facts,
      searchWrites,
    });
  });
}

/** The other side declines, saying why; the proposer is told the reason. */
export async function declineReschedule(
  ctx: UseCaseContext,
  input: { schoolId: string; bookingId: string; proposalId: string; actor: Actor | Promise<Actor>; reason: string },
): Promise<RescheduleRecord> {
  const { who, booking, proposal } = await readPending(ctx, input.schoolId, input.bookingId, input.proposalId, input.actor);
  await storeDecline(ctx.db, { booking, proposal, actor: who, reason: input.reason, at: ctx.now().toISOString(), eventId: ctx.newId() });
  return proposal;
}

/** The pending proposal of a booking, if any (the booking page shows it to both sides). */
export const readReschedule = (ctx: Pick<UseCaseContext, 'db'>, schoolId: string, bookingId: string) => getReschedule(ctx.db, schoolId, bookingId);

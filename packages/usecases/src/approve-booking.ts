import type { CalendarInput } from '@schoolgate/contracts';
import { evaluateEncounter, evaluateOfferBooking, statutoryTargets, type Encounter, type YearGroup } from '@schoolgate/domain';
import {
  getBooking,
  getPhaseGuards,
  getSlot,
  hideSlotFromSearch,
  transitionBooking,
  ConflictError,
  NotFoundError,
  type Actor,
  type BookingRecord,
  type FactVersion,
  type PhaseTargetKey,
} from '@schoolgate/store';
import type { UseCaseContext } from './context.js';
import { Refused } from './errors.js';
import { onFreshFacts, providerFactsOf, readFacts, requireSchoolFacts } from './facts.js';
import { offerSearchWritesFor } from './offers.js';

export interface ApproveBooking {
  schoolId: string;
  bookingId: string;
  /**
   * Who approves. A promise (the route's membership check) is read together with the booking, not
   * before it; its refusal wins over anything the booking read says, so a caller with no right to
   * the school learns nothing about its bookings.
   */
  actor: Actor | Promise<Actor>;
  /** The school confirms it knowing it will not count toward the duty. */
  asSupplementary: boolean;
}

/** What a confirmation was decided on: the designation, the guards it claims, the facts it read. */
export interface ConfirmationDecision {
  statutory: boolean;
  guards: PhaseTargetKey[];
  facts: FactVersion[];
}

/**
 * Judges a requested booking for confirmation on the facts as they are now: the school's
 * calendar, school day, roll, venue and policy, and the provider's eligibility, through the rules
 * engine's `evaluateEncounter`. A statutory booking that breaks a rule is refused with its codes
 * (the school may confirm it as supplementary); one that passes is confirmed in a transaction
 * that also checks the version of every fact read, so a fact changed in between cancels it.
 */
export async function decideConfirmation(ctx: UseCaseContext, booking: BookingRecord, asSupplementary: boolean): Promise<ConfirmationDecision> {
  if (!booking.statutory || asSupplementary) return { statutory: false, guards: [], facts: [] };
  const [facts, slot] = await Promise.all([readFacts(ctx.db, booking.schoolId, booking.requesterOrgId), booking.offerId ? undefined : getSlot(ctx.db, booking.schoolId, booking.slotId)]);
  if (!facts || !facts.provider) throw new NotFoundError();
  const school = requireSchoolFacts(facts.school, facts.calendar?.calendar as CalendarInput | undefined);
  const targets = statutoryTargets(booking.date, booking.yearGroups, school.yearGroupsTaught);
  // The provider's statutory encounters already counted in these phases, from the guard items
  // the store keeps (consistent point reads, not the school's whole history).
  const guards = await getPhaseGuards(ctx.db, booking.schoolId, booking.requesterOrgId, targets);
  const existing: Encounter[] = guards
    .filter((guard) => guard.bookingId !== booking.id)
    .map((guard) => ({
      id: guard.bookingId,
      providerId: booking.requesterOrgId,
      date: guard.date ?? booking.date,
      start: booking.start,
      end: booking.end,
      yearGroups: (guard.yearGroups ?? booking.yearGroups) as YearGroup[],
      designation: 'statutory',
      status: 'confirmed',
    }));
  const venueId = booking.venueId ?? slot?.venueId;
  // A booked offer carries the capacity it is judged on (the host venue's for a visit, the school venue's, up to the offer's places, otherwise).
  const venueCapacity = booking.offerId
    ? Math.min(booking.venueCapacity ?? 0, facts.school.venues?.find((venue) => venue.id === venueId)?.capacity ?? Infinity)
    : (facts.school.venues?.find((venue) => venue.id === venueId)?.capacity ?? slot?.venueCapacity ?? 0);
  // A visit's journey is judged inside the school day (see evaluateOfferBooking); otherwise the same engine.
  const evaluate = booking.offerId ? (input: Parameters<typeof evaluateEncounter>[0]) => evaluateOfferBooking(input, { travelMinutes: booking.travelMinutes ?? 0 }) : evaluateEncounter;
  const evaluation = evaluate({
    encounter: { id: booking.id, date: booking.date, start: booking.start, end: booking.end, yearGroups: booking.yearGroups, venueCapacity, designation: 'statutory' },
    provider: providerFactsOf(facts.provider),
    school,
    rules: { ...facts.rules, published: true },
    existing,
  });
  if (evaluation.statutoryViolations.length) {
    const onlyRepeat = evaluation.statutoryViolations.every((violation) => violation.code === 'DISTINCT_PROVIDERS');
    throw new Refused(
      // A repeat provider is a conflict with another booking; anything else is this booking failing the law.
      onlyRepeat ? 409 : 422,
      evaluation.statutoryViolations,
      'On the facts as they are now this booking would not count toward the provider access duty. Confirm it as supplementary, or change what it breaks.',
    );
  }
  return { statutory: true, guards: evaluation.countsToward, facts: facts.versions };
}

/**
 * The school confirms a request. Judged again on fresh facts once if a fact changed between the
 * judgement and the write; a second change answers FACTS_CHANGED.
 *
 * @example
 * const booking = await approveBooking(ctx, { schoolId, bookingId, actor, asSupplementary: false });
 */
export function approveBooking(ctx: UseCaseContext, input: ApproveBooking): Promise<BookingRecord> {
  return onFreshFacts(async () => {
    const [who, read] = await Promise.allSettled([input.actor, getBooking(ctx.db, input.schoolId, input.bookingId)]);
    if (who.status === 'rejected') throw who.reason;
    if (read.status === 'rejected') throw read.reason;
    const booking = read.value;
    if (!booking) throw new NotFoundError();
    if (booking.status !== 'requested') {
      throw new ConflictError('STALE_STATE', `This booking is ${booking.status}, so it cannot move to confirmed.`);
    }
    // A school's booking of an offer is confirmed by the host; a provider's request by the school.
    if (Boolean(booking.offerId) !== (who.value.side === 'requester')) {
      throw new Refused(403, [{ code: 'HOST_CONFIRMS', message: booking.offerId ? `${booking.requesterName} confirms bookings of its offer.` : 'The school confirms requests for its slots.' }]);
    }
    // Read together, in one round: the slot as read (if this approval takes its last place, the slot
    // leaves search with it; two approvals racing for the last two places may both see a place to
    // spare, and search drops a full slot when it reads one, see searchOpenSlots), the offer's
    // search entries, and the facts a statutory confirmation is judged on.
    const [slotSeen, offerSearchWrites, decision] = await Promise.all([
      booking.offerId ? undefined : getSlot(ctx.db, booking.schoolId, booking.slotId),
      booking.offerId ? offerSearchWritesFor(ctx.db, booking, 'confirm') : [],
      decideConfirmation(ctx, booking, input.asSupplementary),
    ]);
    return transitionBooking(ctx.db, {
      schoolId: booking.schoolId,
      bookingId: booking.id,
      from: 'requested',
      to: 'confirmed',
      actor: who.value,
      at: ctx.now().toISOString(),
      eventId: ctx.newId(),
      current: booking,
      changes: { statutory: decision.statutory, guards: decision.guards },
      slot: { confirmedDelta: 1, pendingDelta: -1 },
      claimGuards: decision.guards,
      facts: decision.facts,
      outboxKind: 'booking.confirmed',
      ...(slotSeen && slotSeen.confirmedCount + 1 >= slotSeen.places ? { searchWrites: hideSlotFromSearch(ctx.db, slotSeen) } : {}),
      ...(offerSearchWrites.length ? { searchWrites: offerSearchWrites } : {}),
    });
  });
}

import { isLocalDate, isLocalTime, type LocalDate, type LocalTime } from './time.js';

/**
 * Moving a confirmed booking to another date and time (issue 15): one side proposes, the other
 * accepts or declines. The law's rules are judged again at acceptance by the same
 * `evaluateEncounter` confirmation uses; these are the rules of the move itself.
 */
export const RESCHEDULE_RULE_CODES = [
  'RESCHEDULE_NOT_CONFIRMED',
  'RESCHEDULE_IN_PAST',
  'RESCHEDULE_UNCHANGED',
  'RESCHEDULE_PENDING',
  'RESCHEDULE_OWN_PROPOSAL',
  'RESCHEDULE_OFFER_BOOKING',
] as const;
export type RescheduleRuleCode = (typeof RESCHEDULE_RULE_CODES)[number];

export { RESCHEDULE_RULE_TITLES } from './rule-titles.js';

export interface RescheduleViolation {
  code: RescheduleRuleCode;
  message: string;
}

/** What a proposal to move a booking is judged on. */
export interface RescheduleFacts {
  booking: { status: string; date: LocalDate; start: LocalTime; end: LocalTime; slotId: string; offerId?: string | undefined };
  proposed: { date: LocalDate; start: LocalTime; end: LocalTime; slotId: string };
  /** School-local today (the caller's clock). */
  today: LocalDate;
}

/**
 * The rules of proposing a move (checked again, on the booking as it then stands, at acceptance):
 * - RESCHEDULE_NOT_CONFIRMED: only a confirmed booking moves (a request is withdrawn and asked again).
 * - RESCHEDULE_OFFER_BOOKING: a school's booking of an offer moves by booking another offered date.
 * - RESCHEDULE_IN_PAST: the booking's own day has not passed, and the new date is after today.
 * - RESCHEDULE_UNCHANGED: the new date, times or slot differ from the booking's.
 * RESCHEDULE_PENDING (one live proposal per booking) is the store's conditional write;
 * RESCHEDULE_OWN_PROPOSAL (the other side answers) is the use case's, which knows the caller.
 *
 * @example
 * checkRescheduleProposal({ booking: { status: 'confirmed', date: '2026-11-17', start: '09:00', end: '10:00', slotId: 's1' },
 *   proposed: { date: '2026-11-17', start: '09:00', end: '10:00', slotId: 's1' }, today: '2026-10-01' })[0]?.code // 'RESCHEDULE_UNCHANGED'
 */
export function checkRescheduleProposal({ booking, proposed, today }: RescheduleFacts): RescheduleViolation[] {
  if (booking.status !== 'confirmed') {
    return [{ code: 'RESCHEDULE_NOT_CONFIRMED', message: `This booking is ${booking.status}: only a confirmed booking can be moved to a new time.` }];
  }
  if (booking.offerId) {
    return [{ code: 'RESCHEDULE_OFFER_BOOKING', message: 'This is a booking of an offer: cancel it and book another offered date instead.' }];
  }
  if (!isLocalDate(proposed.date) || !isLocalTime(proposed.start) || !isLocalTime(proposed.end)) {
    throw new Error('checkRescheduleProposal: a date is yyyy-mm-dd and times HH:mm');
  }
  const violations: RescheduleViolation[] = [];
  if (booking.date < today) {
    violations.push({ code: 'RESCHEDULE_IN_PAST', message: 'This encounter’s date has passed: the school records whether it was delivered instead.' });
  } else if (proposed.date <= today) {
    violations.push({ code: 'RESCHEDULE_IN_PAST', message: 'Propose a date after today.' });
  }
  if (proposed.date === booking.date && proposed.start === booking.start && proposed.end === booking.end && proposed.slotId === booking.slotId) {
    violations.push({ code: 'RESCHEDULE_UNCHANGED', message: 'The booking is already at that date and time: choose another.' });
  }
  return violations;
}

/**
 * RESCHEDULE_OWN_PROPOSAL: the side that proposed a move does not accept or decline it; the other
 * side answers (a proposer changes its mind by cancelling the booking or waiting for the answer).
 */
export function checkAnswersOtherSide(proposedBy: 'school' | 'requester', answeringSide: 'school' | 'requester'): RescheduleViolation | null {
  if (proposedBy !== answeringSide) return null;
  return {
    code: 'RESCHEDULE_OWN_PROPOSAL',
    message: proposedBy === 'school' ? 'The school proposed this time: the provider accepts or declines it.' : 'The provider proposed this time: the school accepts or declines it.',
  };
}

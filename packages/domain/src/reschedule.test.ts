import { describe, expect, it } from 'vitest';
import { checkAnswersOtherSide, checkRescheduleProposal, type RescheduleFacts } from './reschedule.js';

const booking: RescheduleFacts['booking'] = { status: 'confirmed', date: '2026-11-17', start: '09:00', end: '09:30', slotId: 's1' };
const proposed: RescheduleFacts['proposed'] = { date: '2026-11-24', start: '09:00', end: '09:30', slotId: 's1' };
const codes = (facts: Partial<RescheduleFacts>) => checkRescheduleProposal({ booking, proposed, today: '2026-10-01', ...facts }).map((v) => v.code);

describe('reschedule rules', () => {
  it('lets a confirmed booking move to a later date, the same slot at another time, or another slot', () => {
    expect(codes({})).toEqual([]);
    expect(codes({ proposed: { ...proposed, date: booking.date, start: '10:00', end: '10:30' } })).toEqual([]);
    expect(codes({ proposed: { ...booking, slotId: 's2' } })).toEqual([]);
  });

  it('RESCHEDULE_NOT_CONFIRMED: only a confirmed booking moves', () => {
    for (const status of ['requested', 'cancelled', 'declined', 'withdrawn', 'delivered', 'not_delivered']) {
      expect(codes({ booking: { ...booking, status } })).toEqual(['RESCHEDULE_NOT_CONFIRMED']);
    }
  });

  it('RESCHEDULE_OFFER_BOOKING: a booking of an offer moves by booking another offered date', () => {
    expect(codes({ booking: { ...booking, offerId: 'o1' } })).toEqual(['RESCHEDULE_OFFER_BOOKING']);
  });

  it('RESCHEDULE_IN_PAST: the new date is after today, and the booking has not already happened', () => {
    expect(codes({ proposed: { ...proposed, date: '2026-10-01' } })).toEqual(['RESCHEDULE_IN_PAST']);
    expect(codes({ proposed: { ...proposed, date: '2026-09-30' } })).toEqual(['RESCHEDULE_IN_PAST']);
    expect(codes({ proposed: { ...proposed, date: '2026-10-02' } })).toEqual([]);
    expect(codes({ today: '2026-11-18', proposed: { ...proposed, date: '2026-11-30' } })).toEqual(['RESCHEDULE_IN_PAST']);
    // On the day itself it can still move (as it can still be cancelled).
    expect(codes({ today: '2026-11-17' })).toEqual([]);
  });

  it('RESCHEDULE_UNCHANGED: the same date, times and slot is no move', () => {
    expect(codes({ proposed: { ...booking } })).toEqual(['RESCHEDULE_UNCHANGED']);
  });

  it('RESCHEDULE_OWN_PROPOSAL: the other side answers', () => {
    expect(checkAnswersOtherSide('school', 'school')?.code).toBe('RESCHEDULE_OWN_PROPOSAL');
    expect(checkAnswersOtherSide('requester', 'requester')?.code).toBe('RESCHEDULE_OWN_PROPOSAL');
    expect(checkAnswersOtherSide('school', 'requester')).toBeNull();
    expect(checkAnswersOtherSide('requester', 'school')).toBeNull();
  });
});

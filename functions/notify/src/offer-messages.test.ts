import { describe, expect, it } from 'vitest';
import { composeMessage, messagesForEvent } from './messages.js';
import { renderEmail } from './templates.js';
import { bookingEvent, bookingSnapshot } from './test-support/fixtures.js';

/** A school's booking of an offer (issue 13): the school books, the host confirms, so the first emails go the other way. */
describe('emails for a booked offer', () => {
  const b = { ...bookingSnapshot(), offerId: 'offer-1' };
  const plan = (kind: Parameters<typeof bookingEvent>[0], snapshot = b) =>
    messagesForEvent(bookingEvent(kind, snapshot)).map((p) => [p.source.kind, p.recipient.email, p.causingOrgId]);

  it('tells the host of a booking and a withdrawal, the school of the host’s answer', () => {
    expect(plan('booking.requested', { ...b, actorSide: 'school' })).toEqual([['offer-booking-update', b.requester.contactEmail, b.school.orgId]]);
    expect(plan('booking.withdrawn', { ...b, actorSide: 'school' })).toEqual([['offer-booking-update', b.requester.contactEmail, b.school.orgId]]);
    expect(plan('booking.declined', { ...b, actorSide: 'requester' })).toEqual([['offer-booking-update', b.school.contactEmail, b.requester.orgId]]);
    expect(plan('booking.confirmed', { ...b, actorSide: 'requester' })).toEqual([
      ['booking-confirmed', b.requester.contactEmail, b.requester.orgId],
      ['offer-booking-update', b.school.contactEmail, b.requester.orgId],
    ]);
    // Confirmed at once when the school booked: both sides get the invitation, as for a slot.
    expect(plan('booking.confirmed', { ...b, actorSide: 'school' })).toEqual([
      ['booking-confirmed', b.requester.contactEmail, b.school.orgId],
      ['school-booking-confirmed', b.school.contactEmail, b.school.orgId],
    ]);
  });

  it('says who did what', () => {
    const [message] = messagesForEvent(bookingEvent('booking.declined', { ...b, status: 'declined', actorSide: 'requester', reason: 'Workshops closed.' }));
    const { subject, text } = renderEmail(composeMessage(message!, 'https://app.example').content);
    expect(subject).toContain('Booking declined');
    expect(text).toContain(`${b.requester.name} declined your booking`);
    expect(text).toContain('Workshops closed.');
  });
});

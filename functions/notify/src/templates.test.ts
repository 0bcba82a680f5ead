import { describe, expect, it } from 'vitest';
import type { BookingSnapshot } from '@schoolgate/store';
import { composeMessage, messagesForEvent, type MessageSource } from './messages.js';
import { renderEmail } from './templates.js';
import { bookingEvent, bookingSnapshot } from './test-support/fixtures.js';

const web = 'https://app.schoolgate.example';
const PUPIL = 'Ada Lovelace-Pupil';

/** A snapshot carrying pupil data it should never have, to prove templates only use named fields. */
function snapshotWithPupilData(overrides: Partial<BookingSnapshot> = {}): BookingSnapshot {
  return { ...bookingSnapshot(overrides), pupils: [{ name: PUPIL, year: 10 }] } as BookingSnapshot;
}

const booking = snapshotWithPupilData({ reason: 'Staff training day.', declineGround: 'The slot is full.', note: 'Please bring lanyards.' });
const recipient = { email: 'someone@example.org', name: 'Someone' };
const bookingSources: Array<Extract<MessageSource, { booking: BookingSnapshot }>> = [
  { kind: 'request-received', audience: 'school', booking, eventKind: 'booking.requested' },
  { kind: 'request-withdrawn', audience: 'school', booking, eventKind: 'booking.withdrawn' },
  { kind: 'booking-confirmed', audience: 'requester', booking, eventKind: 'booking.confirmed' },
  { kind: 'request-declined', audience: 'requester', booking, eventKind: 'booking.declined' },
  { kind: 'booking-cancelled-by-school', audience: 'requester', booking, eventKind: 'booking.cancelled' },
  { kind: 'booking-cancelled-by-requester', audience: 'school', booking, eventKind: 'booking.cancelled' },
  { kind: 'cancellation-confirmed', audience: 'requester', booking, eventKind: 'booking.cancelled' },
  { kind: 'school-booking-confirmed', audience: 'school', booking, eventKind: 'booking.confirmed' },
  { kind: 'school-cancellation-recorded', audience: 'school', booking, eventKind: 'booking.cancelled' },
  { kind: 'attendance-recorded', audience: 'requester', booking: { ...booking, status: 'not_delivered' }, eventKind: 'booking.not_delivered' },
  { kind: 'reminder', audience: 'requester', booking, eventKind: 'reminder', daysBefore: 7 },
  { kind: 'reminder', audience: 'school', booking, eventKind: 'reminder', daysBefore: 1 },
  { kind: 'attendance-prompt', audience: 'school', booking, eventKind: 'attendance-prompt' },
];

describe('email templates', () => {
  it.each(bookingSources.map((source) => [`${source.kind} (${source.audience})`, source] as const))(
    '%s renders text and accessible HTML with the link and no pupil data',
    (_name, source) => {
      const composed = composeMessage({ source, recipient }, web);
      const { subject, text, html } = renderEmail(composed.content);
      const link =
        source.audience === 'school'
          ? `${web}/schools/${booking.school.orgId}/bookings/${booking.bookingId}`
          : `${web}/organisations/${booking.requester.orgId}/bookings/${booking.school.orgId}/${booking.bookingId}`;

      expect(subject.length).toBeGreaterThan(10);
      expect(text).toContain(link);
      expect(html).toContain(`href="${link}"`);
      expect(text.split('\n')[0]).toMatch(/Tuesday 3 March 2026, 09:00–09:30/);
      expect(text).toContain('You get this email because');
      expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
      expect(html).toContain('<h1');
      expect(html).toContain('<main');
      expect(html).not.toContain('<table');
      expect(html).toContain('<ul>');
      for (const part of [subject, text, html]) {
        expect(part).not.toContain(PUPIL);
        expect(part).not.toMatch(/pupils?:/i);
      }
    },
  );

  it('puts the decline ground and the school’s note in a decline', () => {
    const source = bookingSources.find((s) => s.kind === 'request-declined')!;
    const { text } = renderEmail(composeMessage({ source, recipient }, web).content);
    expect(text).toContain('- Reason: The slot is full.');
    expect(text).toContain('- Note from the school: Please bring lanyards.');
  });

  it('escapes HTML but leaves plain text alone', () => {
    const risky = snapshotWithPupilData({ title: 'Engineering & <Robotics>', school: { ...booking.school, name: "St Mary's" } });
    const { text, html } = renderEmail(composeMessage({ source: { kind: 'booking-confirmed', audience: 'requester', booking: risky, eventKind: 'booking.confirmed' }, recipient }, web).content);
    expect(text).toContain("Confirmed: your Engineering & <Robotics> at St Mary's on");
    expect(html).toContain('Engineering &amp; &lt;Robotics&gt;');
    expect(html).not.toContain('<Robotics>');
  });

  it('renders an invitation to join an organisation', () => {
    const [planned] = messagesForEvent({
      eventId: 'e1',
      kind: 'invitation.created',
      occurredAt: '2026-03-01T10:00:00Z',
      invitation: { orgId: 'sch_1', orgName: 'Hartfield Academy', email: 'new.teacher@hartfield.example', role: 'editor', invitedBy: 'Sam Jones' },
    });
    expect(planned?.recipient.email).toBe('new.teacher@hartfield.example');
    expect(planned?.causingOrgId).toBe('sch_1');
    const { subject, text, html } = renderEmail(composeMessage(planned!, web).content);
    expect(subject).toBe('You’re invited to join Hartfield Academy on Schoolgate');
    expect(text.split('\n')[0]).toBe('Sam Jones invited you to join Hartfield Academy on Schoolgate as an editor.');
    expect(text).toContain(`${web}/invitations`);
    expect(html).toContain('lang="en"');
  });

  it('renders an AT_RISK alert with the phase, counts and deadline', () => {
    const { subject, text } = renderEmail(
      composeMessage(
        {
          source: {
            kind: 'risk-alert',
            eventKind: 'risk-alert',
            alert: { schoolId: 'sch_1', schoolName: 'Hartfield Academy', contactEmail: 'c@h.example', items: [{ cohort: 2016, phase: 1, yearGroup: 9, deadline: '2026-02-28', confirmed: 1, required: 2 }] },
          },
          recipient,
        },
        web,
      ).content,
    );
    expect(subject).toBe('At risk: Year 9 provider encounters at Hartfield Academy (deadline 28 February 2026)');
    expect(text).toContain('- Year 9 (key phase 1): 1 of 2 encounters confirmed; deadline 28 February 2026');
    expect(text).toContain(`${web}/schools/sch_1/compliance`);
  });

  it('plans who hears about each booking event, and whose failure list a failed send joins', () => {
    const b = bookingSnapshot();
    const plan = (kind: Parameters<typeof bookingEvent>[0], snapshot = b) =>
      messagesForEvent(bookingEvent(kind, snapshot)).map((p) => [p.source.kind, p.recipient.email, p.causingOrgId]);
    expect(plan('booking.requested')).toEqual([['request-received', b.school.contactEmail, b.requester.orgId]]);
    expect(plan('booking.withdrawn')).toEqual([['request-withdrawn', b.school.contactEmail, b.requester.orgId]]);
    // Both sides get the calendar invite: the requester as attendee, the school as organiser.
    expect(plan('booking.confirmed')).toEqual([
      ['booking-confirmed', b.requester.contactEmail, b.school.orgId],
      ['school-booking-confirmed', b.school.contactEmail, b.school.orgId],
    ]);
    expect(plan('booking.declined')).toEqual([['request-declined', b.requester.contactEmail, b.school.orgId]]);
    expect(plan('booking.cancelled', { ...b, actorSide: 'school' })).toEqual([
      ['booking-cancelled-by-school', b.requester.contactEmail, b.school.orgId],
      ['school-cancellation-recorded', b.school.contactEmail, b.school.orgId],
    ]);
    expect(plan('booking.cancelled', { ...b, actorSide: 'requester' })).toEqual([
      ['booking-cancelled-by-requester', b.school.contactEmail, b.requester.orgId],
      ['cancellation-confirmed', b.requester.contactEmail, b.requester.orgId],
    ]);
    expect(plan('booking.not_delivered')).toEqual([['attendance-recorded', b.requester.contactEmail, b.school.orgId]]);
  });
});

import ical, { ICalAttendeeRole, type ICalCalendar, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { DateTime } from 'luxon';
import type { BookingSnapshot } from '@schoolgate/store';

/** Every school is in England: booking dates and times are Europe/London wall-clock times. */
export const SCHOOL_TIME_ZONE = 'Europe/London';

export type InviteMethod = 'REQUEST' | 'CANCEL';

/**
 * The UID that ties every invite of one booking together, so calendars update rather than add.
 *
 * @example
 * bookingUid('01JAB...') // 'booking-01JAB...@schoolgate'
 */
export function bookingUid(bookingId: string): string {
  return `booking-${bookingId}@schoolgate`;
}

/** Turns a booking's school-local date and time into an instant, letting luxon apply BST/GMT. */
export function londonDateTime(date: string, time: string): DateTime {
  const value = DateTime.fromISO(`${date}T${time}`, { zone: SCHOOL_TIME_ZONE });
  if (!value.isValid) throw new Error(`Invalid booking date/time ${date} ${time}: ${value.invalidExplanation}`);
  return value;
}

/** Booking states in which the encounter is on: only these are STATUS:CONFIRMED. */
const CONFIRMED_STATES = new Set(['confirmed', 'delivered']);
/** Booking states in which the encounter is off for good. */
const OFF_STATES = new Set(['declined', 'withdrawn', 'cancelled', 'not_delivered']);

/**
 * The invite method a booking in this state is served with: CANCEL once it is off, else REQUEST.
 *
 * @example
 * inviteMethodFor('withdrawn') // 'CANCEL'
 */
export function inviteMethodFor(status: string): InviteMethod {
  return OFF_STATES.has(status) ? 'CANCEL' : 'REQUEST';
}

/**
 * The iCalendar file for a booking: METHOD:REQUEST or METHOD:CANCEL. The event's STATUS follows
 * the booking, not the method: CONFIRMED only once the school has confirmed (or it was
 * delivered), TENTATIVE while it is still a request, CANCELLED once it is off. The school contact
 * organises; the requester attends.
 *
 * @example
 * const ics = bookingInvite(snapshot, 'REQUEST', new Date());
 */
export function bookingInvite(booking: BookingSnapshot, method: InviteMethod, stamp: Date): string {
  const calendar = ical({
    prodId: { company: 'Schoolgate', product: 'Bookings', language: 'EN' },
    method: method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
  });
  withLondonZone(calendar);
  addBookingEvent(calendar, booking, method === 'CANCEL', stamp);
  return calendar.toString();
}

/**
 * A VTIMEZONE from the tz database, so clients never guess what "Europe/London" means. This
 * library ships its zones as JavaScript data, so they survive bundling (one that reads zone files
 * from disk at run time breaks inside a Lambda bundle). No calendar-wide zone name: with one set,
 * ical-generator writes DTSTAMP in local time without the Z that RFC 5545 requires; the event's own
 * TZID still gets its VTIMEZONE from the generator.
 */
export function withLondonZone(calendar: ICalCalendar): void {
  calendar.timezone({ name: null, generator: (zone) => tzlib_get_ical_block(zone)[0] ?? null });
}

/** One booking's VEVENT, the same in an invite and in a feed (UID and SEQUENCE included). */
export function addBookingEvent(calendar: ICalCalendar, booking: BookingSnapshot, cancelling: boolean, stamp: Date): void {
  const off = cancelling || OFF_STATES.has(booking.status);
  const confirmed = !off && CONFIRMED_STATES.has(booking.status);
  calendar.createEvent({
    id: bookingUid(booking.bookingId),
    sequence: booking.icsSequence,
    stamp,
    start: londonDateTime(booking.date, booking.start),
    end: londonDateTime(booking.date, booking.end),
    timezone: SCHOOL_TIME_ZONE,
    summary: `${booking.title} at ${booking.school.name}`,
    description: `${booking.title} (${booking.format}) for ${yearGroupsText(booking.yearGroups)}.`,
    location: `${booking.venueName}, ${booking.schoolAddress}`,
    status: off ? ICalEventStatus.CANCELLED : confirmed ? ICalEventStatus.CONFIRMED : ICalEventStatus.TENTATIVE,
    organizer: { name: booking.school.name, email: booking.school.contactEmail },
    attendees: [
      {
        name: booking.requester.name,
        email: booking.requester.contactEmail,
        role: ICalAttendeeRole.REQ,
        // Once the school has confirmed the attendee is accepted (no RSVP needed); before, it waits.
        status: off ? ICalAttendeeStatus.DECLINED : confirmed ? ICalAttendeeStatus.ACCEPTED : ICalAttendeeStatus.TENTATIVE,
      },
    ],
  });
}

/**
 * "Years 8 and 9", "Year 10".
 *
 * @example
 * yearGroupsText([8, 9]) // 'Years 8 and 9'
 */
export function yearGroupsText(yearGroups: number[]): string {
  const sorted = [...yearGroups].sort((a, b) => a - b);
  if (sorted.length === 0) return 'no year group';
  if (sorted.length === 1) return `Year ${sorted[0]}`;
  return `Years ${sorted.slice(0, -1).join(', ')} and ${sorted[sorted.length - 1]}`;
}

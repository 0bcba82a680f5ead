import ical from 'ical-generator';
import type { BookingSnapshot } from '@schoolgate/store';
import { addBookingEvent, withLondonZone } from './booking-invite.js';
import { addPlacementEvent, type PlacementInviteData } from './placement-invite.js';

/**
 * An organisation's private calendar feed (a subscription, so no METHOD): one VEVENT per booking
 * and one per work-experience placement booking (its days as RDATEs), each with the UID and
 * SEQUENCE its emailed invites carry, so a client that has both shows one event.
 *
 * @example
 * const ics = calendarFeed('Hartfield School bookings', snapshots, new Date(), placements);
 */
export function calendarFeed(name: string, bookings: readonly BookingSnapshot[], stamp: Date, placements: readonly PlacementInviteData[] = []): string {
  const calendar = ical({ prodId: { company: 'Schoolgate', product: 'Feed', language: 'EN' }, name, ttl: 60 * 60 });
  withLondonZone(calendar);
  for (const booking of bookings) addBookingEvent(calendar, booking, false, stamp);
  for (const placement of placements) addPlacementEvent(calendar, placement, false, stamp);
  return calendar.toString();
}

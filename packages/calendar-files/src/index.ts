/**
 * Calendar files Schoolgate writes: the booking and placement invites (.ics) the notifier attaches
 * to its emails, the booking invite the API serves for download, and the private calendar feed. Pure (no I/O; of our packages it uses only the store's
 * `BookingSnapshot` type), so the API and the notifier can both use it without one importing the
 * other. Reading term dates from .ics files is the rules engine's business (`parseTermDatesIcs` in
 * @schoolgate/domain).
 */
export * from './booking-invite.js';
export * from './placement-invite.js';
export * from './calendar-feed.js';

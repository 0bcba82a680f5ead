/**
 * Calendar files Schoolgate writes: the booking invite (.ics) the notifier attaches to its emails
 * and the API serves for download. Pure (no I/O; of our packages it uses only the store's
 * `BookingSnapshot` type), so the API and the notifier can both use it without one importing the
 * other. Reading term dates from .ics files is the rules engine's business (`parseTermDatesIcs` in
 * @schoolgate/domain).
 */
export * from './booking-invite.js';
export * from './placement-invite.js';

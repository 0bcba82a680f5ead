/**
 * Calendar files Schoolgate writes: the booking invite (.ics) the notifier attaches to its emails
 * and the API serves for download. Pure (no I/O) and free of our other packages, so both the API
 * and the notifier can use it without one importing the other. Reading term dates from .ics
 * files is the rules engine's business (`parseTermDatesIcs` in @schoolgate/domain).
 */
export * from './booking-invite.js';

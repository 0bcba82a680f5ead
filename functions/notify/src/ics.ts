/**
 * Transitional: the invite builder lives in @schoolgate/calendar-files. This subpath stays only
 * until the API's booking-invite route imports that package itself (the API must not import the
 * notifier); then delete this file and the `./ics` export.
 */
export * from '@schoolgate/calendar-files';

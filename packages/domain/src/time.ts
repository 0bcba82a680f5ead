import { DateTime } from 'luxon';

/** A calendar date in the school's local time, `YYYY-MM-DD`. Stored as-is by the API. */
export type LocalDate = string;

/** A wall-clock time in the school's local time, `HH:mm` (24-hour). Stored as-is by the API. */
export type LocalTime = string;

/** Every school in the product is in England, so one zone serves all of them. */
export const SCHOOL_ZONE = 'Europe/London';

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Days of the week a school calendar can name, Monday first as in ISO 8601. */
export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

const WEEKDAYS_BY_ISO_NUMBER: readonly Weekday[] = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
];

/**
 * A `YYYY-MM-DD` date built from numbers, the year zero-padded to four digits, so a date built
 * for year 999 sorts and validates like any other (`0999-09-01`, not `999-09-01`).
 * @example dateOf(2026, 9, 1) // '2026-09-01'; dateOf(999, 9, 1) // '0999-09-01'
 */
export function dateOf(year: number, month: number, day: number): LocalDate {
  if (!Number.isInteger(year) || year < 0 || year > 9999) throw new RangeError(`year must be 0 to 9999, got ${year}`);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * True when `value` is a real calendar date written `YYYY-MM-DD` (so `2027-02-29` is false).
 * @example isLocalDate('2028-02-29') // true
 */
export function isLocalDate(value: string): value is LocalDate {
  const match = LOCAL_DATE_PATTERN.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  // Plain Gregorian arithmetic rather than luxon: this runs for every date the rules touch.
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * True when `value` is a wall-clock time written `HH:mm`.
 * @example isLocalTime('09:00') // true; isLocalTime('9:00') // false
 */
export function isLocalTime(value: string): value is LocalTime {
  return LOCAL_TIME_PATTERN.test(value);
}

/**
 * Throws a RangeError naming the field when `value` is not a `YYYY-MM-DD` date.
 * Malformed input is a programming or validation error upstream, never a rule violation.
 * @example assertLocalDate('2026-09-01', 'date')
 */
export function assertLocalDate(value: string, field = 'date'): asserts value is LocalDate {
  if (!isLocalDate(value)) throw new RangeError(`${field} must be a date written YYYY-MM-DD, got "${value}"`);
}

/**
 * Throws a RangeError naming the field when `value` is not an `HH:mm` time.
 * @example assertLocalTime('15:20', 'end')
 */
export function assertLocalTime(value: string, field = 'time'): asserts value is LocalTime {
  if (!isLocalTime(value)) throw new RangeError(`${field} must be a time written HH:mm, got "${value}"`);
}

/**
 * The date as a luxon DateTime at local midnight in Europe/London.
 * @example localDateTime('2026-03-29').offset // 0 (the clocks change at 01:00)
 */
export function localDateTime(date: LocalDate): DateTime {
  assertLocalDate(date);
  return DateTime.fromISO(date, { zone: SCHOOL_ZONE });
}

/**
 * A date as a luxon DateTime for calendar arithmetic (adding days, weekdays). A calendar date's
 * weekday and its neighbours do not depend on a zone, and fixing luxon to UTC here skips the
 * Intl zone lookups that dominate the rules' hot paths. Instants always go through Europe/London.
 */
function calendarDate(date: LocalDate): DateTime {
  assertLocalDate(date);
  return DateTime.fromISO(date, { zone: 'utc' });
}

/**
 * The instant a school-local date and time denote, as an ISO 8601 string with the
 * Europe/London offset of that day (`+00:00` in GMT, `+01:00` in BST).
 *
 * Schools never open during the one hour a year that does not exist (01:00–02:00 on the last
 * Sunday of March); luxon moves such a time forward by an hour, which is what a clock would show.
 * @example toInstant('2026-03-30', '09:00') // '2026-03-30T09:00:00.000+01:00'
 */
export function toInstant(date: LocalDate, time: LocalTime): string {
  return localInstant(date, time).toISO() as string;
}

/**
 * The same instant as {@link toInstant}, written in UTC with a `Z` suffix, for stores that sort
 * instants as strings.
 * @example toUtcInstant('2026-03-30', '09:00') // '2026-03-30T08:00:00.000Z'
 */
export function toUtcInstant(date: LocalDate, time: LocalTime): string {
  return localInstant(date, time).toUTC().toISO() as string;
}

function localInstant(date: LocalDate, time: LocalTime): DateTime {
  assertLocalDate(date);
  assertLocalTime(time);
  return DateTime.fromISO(`${date}T${time}`, { zone: SCHOOL_ZONE });
}

/**
 * The school-local date and time of an instant, for turning a stored timestamp (for example when
 * a request arrived) back into the terms the rules use.
 * @example fromInstant('2026-10-25T08:30:00Z') // { date: '2026-10-25', time: '08:30' }
 */
export function fromInstant(instant: string): { date: LocalDate; time: LocalTime } {
  const local = DateTime.fromISO(instant, { setZone: false }).setZone(SCHOOL_ZONE);
  if (!local.isValid) throw new RangeError(`not an ISO 8601 instant: "${instant}"`);
  return { date: local.toFormat('yyyy-MM-dd'), time: local.toFormat('HH:mm') };
}

/**
 * Minutes since local midnight for an `HH:mm` time, so times compare and subtract as numbers.
 * @example minutesOfDay('09:05') // 545
 */
export function minutesOfDay(time: LocalTime): number {
  assertLocalTime(time);
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/**
 * Minutes from `start` to `end` on the same day, as printed on a timetable. Negative when
 * `end` is before `start`. Clock changes happen on Sundays at night, so wall-clock difference is
 * the real length of any school-day event.
 * @example durationMinutes('09:00', '09:20') // 20
 */
export function durationMinutes(start: LocalTime, end: LocalTime): number {
  return minutesOfDay(end) - minutesOfDay(start);
}

/**
 * The date `days` calendar days after `date` (before, when negative).
 * @example addDays('2028-02-28', 1) // '2028-02-29'
 */
export function addDays(date: LocalDate, days: number): LocalDate {
  return calendarDate(date).plus({ days }).toISODate() as LocalDate;
}

/**
 * Calendar days from `from` to `to` (negative when `to` is earlier).
 * @example daysBetween('2026-02-28', '2026-03-01') // 1
 */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return calendarDate(to).diff(calendarDate(from), 'days').days;
}

/**
 * The weekday of a date.
 * @example weekdayOf('2026-09-01') // 'tuesday'
 */
export function weekdayOf(date: LocalDate): Weekday {
  return WEEKDAYS_BY_ISO_NUMBER[calendarDate(date).weekday - 1] as Weekday;
}

/**
 * True on Saturdays and Sundays.
 * @example isWeekend('2026-09-05') // true
 */
export function isWeekend(date: LocalDate): boolean {
  return calendarDate(date).weekday >= 6;
}

/**
 * A date as a careers leader writes it, for messages.
 * @example formatLongDate('2027-02-28') // '28 February 2027'
 */
export function formatLongDate(date: LocalDate): string {
  return calendarDate(date).setLocale('en-GB').toFormat('d MMMM yyyy');
}

/**
 * The calendar year of a date, read without building a DateTime (used on hot paths).
 * @example calendarYearOf('2026-09-01') // 2026
 */
export function calendarYearOf(date: LocalDate): number {
  assertLocalDate(date);
  return Number(date.slice(0, 4));
}

/**
 * The month (1–12) of a date, read without building a DateTime.
 * @example monthOf('2026-09-01') // 9
 */
export function monthOf(date: LocalDate): number {
  assertLocalDate(date);
  return Number(date.slice(5, 7));
}

/**
 * Today's date in Europe/London for an instant the caller supplies; rules never read the clock.
 * @example todayInLondon(new Date('2026-10-24T23:30:00Z')) // '2026-10-25'
 */
export function todayInLondon(now: Date): LocalDate {
  return DateTime.fromJSDate(now, { zone: SCHOOL_ZONE }).toFormat('yyyy-MM-dd');
}

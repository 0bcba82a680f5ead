import { schoolDaysBetween, type SchoolCalendar } from './calendar.js';
import { ruleMessage, type AccessRules, type Violation } from './rules.js';
import { addDays, assertLocalDate, minutesOfDay, weekdayOf, type LocalDate, type LocalTime } from './time.js';

/**
 * Pre-checks for the marketplace rules. The store enforces them again inside its transactions
 * (two approvals can race for the last place); these functions let the API refuse early and
 * explain why.
 */

/** Where one provider's request for a slot stands. Requested and confirmed ones are live. */
export type SlotBookingState = 'requested' | 'confirmed' | 'declined' | 'withdrawn' | 'cancelled';

export interface SlotBooking {
  providerId: string;
  state: SlotBookingState;
}

/** A slot a school offers, with the requests made against it. */
export interface SlotState {
  places: number;
  bookings: readonly SlotBooking[];
}

/**
 * Places not yet taken by a confirmed booking; never negative.
 * @example placesLeft({ places: 2, bookings: [{ providerId: 'a', state: 'confirmed' }] }) // 1
 */
export function placesLeft(slot: SlotState): number {
  const confirmed = slot.bookings.filter((booking) => booking.state === 'confirmed').length;
  return Math.max(0, slot.places - confirmed);
}

/**
 * SLOT_FULL when confirming one more booking would exceed the slot's places.
 * @example checkPlacesLeft({ places: 1, bookings: [{ providerId: 'a', state: 'confirmed' }] })?.code // 'SLOT_FULL'
 */
export function checkPlacesLeft(slot: SlotState): Violation | null {
  if (placesLeft(slot) > 0) return null;
  return { code: 'SLOT_FULL', message: ruleMessage('SLOT_FULL', { places: slot.places }) };
}

/**
 * ALREADY_BOOKED when the provider already holds a live request or booking for the slot.
 * Pass `exceptRequested` when checking the approval of that very request.
 * @example checkNotAlreadyBooked(slot, 'college-1')
 */
export function checkNotAlreadyBooked(
  slot: SlotState,
  providerId: string,
  options: { providerName?: string; exceptRequested?: boolean } = {},
): Violation | null {
  const live = slot.bookings.some(
    (booking) =>
      booking.providerId === providerId &&
      (booking.state === 'confirmed' || (booking.state === 'requested' && !options.exceptRequested)),
  );
  if (!live) return null;
  return {
    code: 'ALREADY_BOOKED',
    message: ruleMessage('ALREADY_BOOKED', options.providerName ? { providerName: options.providerName } : {}),
  };
}

/**
 * NOTICE_PERIOD when fewer clear school days than the policy asks for lie between the day the
 * request arrives and the slot's date.
 * @example checkNoticePeriod(calendar, '2026-09-07', '2026-09-14', 5)?.code // 'NOTICE_PERIOD'
 */
export function checkNoticePeriod(
  calendar: SchoolCalendar,
  requestDate: LocalDate,
  slotDate: LocalDate,
  noticePeriodSchoolDays: number,
): Violation | null {
  assertLocalDate(requestDate, 'requestDate');
  assertLocalDate(slotDate, 'slotDate');
  const given = schoolDaysBetween(calendar, requestDate, slotDate);
  if (given >= noticePeriodSchoolDays && slotDate > requestDate) return null;
  return {
    code: 'NOTICE_PERIOD',
    message: ruleMessage('NOTICE_PERIOD', { required: noticePeriodSchoolDays, given, slotDate }),
  };
}

/**
 * The last day a request for a slot on `slotDate` still meets NOTICE_PERIOD (the day before it
 * stops), or null when no day in the year before the slot does. Search hides a slot from the day
 * after; publishing a slot whose day has already passed says so. The rule itself is still judged,
 * by {@link checkNoticePeriod}, when a request arrives.
 * @example lastRequestDate(calendar, '2026-09-14', 5) // '2026-09-07'
 */
export function lastRequestDate(calendar: SchoolCalendar, slotDate: LocalDate, noticePeriodSchoolDays: number): LocalDate | null {
  assertLocalDate(slotDate, 'slotDate');
  // Clear school days only grow as the request moves earlier: the first passing day going back is the last one.
  for (let back = 1; back <= 366; back++) {
    const day = addDays(slotDate, -back);
    if (!checkNoticePeriod(calendar, day, slotDate, noticePeriodSchoolDays)) return day;
  }
  return null;
}

/**
 * POLICY_NOT_PUBLISHED when the school has not published its provider access policy.
 * @example checkPolicyPublished({ ...rules, published: false })?.code // 'POLICY_NOT_PUBLISHED'
 */
export function checkPolicyPublished(rules: Pick<AccessRules, 'published'>, schoolName?: string): Violation | null {
  if (rules.published) return null;
  return { code: 'POLICY_NOT_PUBLISHED', message: ruleMessage('POLICY_NOT_PUBLISHED', schoolName ? { schoolName } : {}) };
}

/**
 * SLOT_IN_PAST when the slot's date is before the day the request arrives.
 * @example checkNotPast('2026-09-07', '2026-09-08')?.code // 'SLOT_IN_PAST'
 */
export function checkNotPast(slotDate: LocalDate, requestDate: LocalDate): Violation | null {
  assertLocalDate(slotDate, 'slotDate');
  assertLocalDate(requestDate, 'requestDate');
  if (slotDate >= requestDate) return null;
  return { code: 'SLOT_IN_PAST', message: ruleMessage('SLOT_IN_PAST', { slotDate }) };
}

/** A window of the week in which a school's policy lets providers in (weekdays 1 = Monday … 5 = Friday). */
export interface AccessTime {
  weekdays: readonly number[];
  start: LocalTime;
  end: LocalTime;
}

const WEEKDAY_NUMBER: Readonly<Record<string, number>> = { monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5 };

/**
 * ACCESS_TIMES when a proposed time is not wholly inside one of the access times the school's
 * published policy names.
 * @example checkAccessTimes([{ weekdays: [2], start: '08:45', end: '09:15' }], '2027-01-12', '08:50', '09:10') // null
 */
export function checkAccessTimes(
  accessTimes: readonly AccessTime[],
  date: LocalDate,
  start: LocalTime,
  end: LocalTime,
  schoolName?: string,
): Violation | null {
  assertLocalDate(date, 'date');
  const weekday = WEEKDAY_NUMBER[weekdayOf(date)];
  const fits = accessTimes.some(
    (time) =>
      weekday !== undefined &&
      time.weekdays.includes(weekday) &&
      minutesOfDay(time.start) <= minutesOfDay(start) &&
      minutesOfDay(end) <= minutesOfDay(time.end),
  );
  if (fits) return null;
  return {
    code: 'ACCESS_TIMES',
    message: ruleMessage('ACCESS_TIMES', { ...(schoolName ? { schoolName } : {}), times: accessTimes.map((t) => `${t.start}–${t.end}`) }),
  };
}

/**
 * ALREADY_HAPPENED when a confirmed encounter's day has passed: it is recorded as delivered or
 * not, never cancelled afterwards (a cancellation would quietly rewrite the record).
 * @example checkCanCancel('2027-01-12', '2027-01-13')?.code // 'ALREADY_HAPPENED'
 */
export function checkCanCancel(date: LocalDate, today: LocalDate): Violation | null {
  if (date >= today) return null;
  return { code: 'ALREADY_HAPPENED', message: ruleMessage('ALREADY_HAPPENED') };
}

/**
 * NOT_YET_HAPPENED when attendance is recorded before the encounter's day.
 * @example checkCanRecordOutcome('2027-01-12', '2027-01-11')?.code // 'NOT_YET_HAPPENED'
 */
export function checkCanRecordOutcome(date: LocalDate, today: LocalDate): Violation | null {
  if (date <= today) return null;
  return { code: 'NOT_YET_HAPPENED', message: ruleMessage('NOT_YET_HAPPENED', { date }) };
}

/** A provider's request for a slot, as the API sees it when the request arrives. */
export interface BookingRequestCheck {
  calendar: SchoolCalendar;
  rules: AccessRules;
  slotDate: LocalDate;
  requestDate: LocalDate;
  providerId: string;
  providerName?: string;
  schoolName?: string;
  slot?: SlotState;
}

/**
 * Every marketplace rule a new request breaks, in the order a provider would fix them.
 * @example checkBookingRequest({ calendar, rules, slotDate: '2026-10-06', requestDate: '2026-09-21', providerId: 'c1', slot })
 */
export function checkBookingRequest(request: BookingRequestCheck): Violation[] {
  const past = checkNotPast(request.slotDate, request.requestDate);
  const found = [
    checkPolicyPublished(request.rules, request.schoolName),
    // A slot that has happened needs no notice-period sum on top.
    past ?? checkNoticePeriod(request.calendar, request.requestDate, request.slotDate, request.rules.noticePeriodSchoolDays),
    request.slot ? checkPlacesLeft(request.slot) : null,
    request.slot
      ? checkNotAlreadyBooked(request.slot, request.providerId, request.providerName ? { providerName: request.providerName } : {})
      : null,
  ];
  return found.filter((violation): violation is Violation => violation !== null);
}

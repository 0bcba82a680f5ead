import { teaches, type YearGroupRange } from './cohorts.js';
import { computeBankHolidaysEngland } from './holidays.js';
import {
  addDays,
  assertLocalDate,
  assertLocalTime,
  minutesOfDay,
  weekdayOf,
  type LocalDate,
  type LocalTime,
  type Weekday,
} from './time.js';

/** The standard school day on one weekday: pupils' first and last minute on site. */
export interface SchoolDay {
  start: LocalTime;
  end: LocalTime;
}

/** The standard school day per weekday. A weekday that is absent is not a school day. */
export type WeeklySchoolDays = Partial<Record<Weekday, SchoolDay>>;

/** A term or half term, both ends included. Pupils attend on its weekdays unless closed. */
export interface Term {
  name: string;
  start: LocalDate;
  end: LocalDate;
}

/** Why a school is shut on days inside a term. */
export type ClosureKind = 'holiday' | 'inset' | 'other';

/** Days the school is shut inside or across terms (half term, INSET day, polling day…), ends included. */
export interface Closure {
  name: string;
  kind: ClosureKind;
  start: LocalDate;
  end: LocalDate;
}

/** A different school day for some year groups, e.g. Years 7–8 finishing ten minutes earlier. */
export interface YearGroupSchoolDays {
  yearGroups: YearGroupRange;
  /** Weekdays not named here follow the standard day. */
  days: WeeklySchoolDays;
}

/**
 * A school's calendar. Academic years run 1 September – 31 August and need no storing; bank
 * holidays in England are computed, so the calendar only holds what the school decides.
 */
export interface SchoolCalendar {
  terms: Term[];
  closures: Closure[];
  days: WeeklySchoolDays;
  yearGroupDays?: YearGroupSchoolDays[];
}

/** A bank holiday in England as gov.uk lists it: the day off, substitute days included. */
export interface BankHoliday {
  date: LocalDate;
  name: string;
}

/** Why a date is not a school day. */
export type ClosedReason = 'weekend' | 'bank_holiday' | 'closure' | 'outside_term' | 'no_school_day';

/** Whether the school is open on a date, and if not, why. */
export type SchoolDayStatus =
  | { open: true; day: SchoolDay }
  | { open: false; reason: 'bank_holiday'; bankHoliday: BankHoliday }
  | { open: false; reason: 'closure'; closure: Closure }
  | { open: false; reason: 'weekend' | 'outside_term' | 'no_school_day' };

const bankHolidaysByYear = new Map<number, readonly BankHoliday[]>();
const bankHolidayByDate = new Map<LocalDate, BankHoliday>();

/**
 * Bank holidays in England for a calendar year, in date order: the recurring days, substitute
 * weekdays for New Year, Christmas and Boxing Day at a weekend, and one-off days moved or added
 * by royal proclamation (see `holidays.ts`). Only days off are listed, as on gov.uk.
 * @example bankHolidaysEngland(2026).at(-1) // { date: '2026-12-28', name: 'Boxing Day (substitute day)' }
 */
export function bankHolidaysEngland(year: number): readonly BankHoliday[] {
  const cached = bankHolidaysByYear.get(year);
  if (cached) return cached;
  const frozen = Object.freeze(computeBankHolidaysEngland(year).map((holiday) => Object.freeze(holiday)));
  bankHolidaysByYear.set(year, frozen);
  for (const holiday of frozen) bankHolidayByDate.set(holiday.date, holiday);
  return frozen;
}

/**
 * The bank holiday in England on a date, or undefined.
 * @example bankHolidayOn('2027-12-27')?.name // 'Christmas Day (substitute day)'
 */
export function bankHolidayOn(date: LocalDate): BankHoliday | undefined {
  assertLocalDate(date);
  bankHolidaysEngland(Number(date.slice(0, 4)));
  return bankHolidayByDate.get(date);
}

function findContaining<T extends { start: LocalDate; end: LocalDate }>(spans: readonly T[], date: LocalDate): T | undefined {
  return spans.find((span) => date >= span.start && date <= span.end);
}

function standardDayFor(calendar: SchoolCalendar, weekday: Weekday, yearGroup: number | undefined): SchoolDay | undefined {
  const standard = calendar.days[weekday];
  if (!standard || yearGroup === undefined) return standard;
  const override = calendar.yearGroupDays?.find((entry) => teaches(entry.yearGroups, yearGroup));
  return override?.days[weekday] ?? standard;
}

/**
 * Whether the school is open on a date and, if so, its day for the year group (the standard day
 * when no year group is given). Closed, in order of precedence: weekend, bank holiday, a closure,
 * a date in no term, a weekday with no school day.
 * @example schoolDayStatus(calendar, '2026-05-04') // { open: false, reason: 'bank_holiday', … }
 */
export function schoolDayStatus(calendar: SchoolCalendar, date: LocalDate, yearGroup?: number): SchoolDayStatus {
  assertLocalDate(date);
  const weekday = weekdayOf(date);
  if (weekday === 'saturday' || weekday === 'sunday') return { open: false, reason: 'weekend' };
  const bankHoliday = bankHolidayOn(date);
  if (bankHoliday) return { open: false, reason: 'bank_holiday', bankHoliday };
  const closure = findContaining(calendar.closures, date);
  if (closure) return { open: false, reason: 'closure', closure };
  if (!findContaining(calendar.terms, date)) return { open: false, reason: 'outside_term' };
  const day = standardDayFor(calendar, weekday, yearGroup);
  if (!day) return { open: false, reason: 'no_school_day' };
  return { open: true, day };
}

/**
 * True when pupils are in school on the date.
 * @example isSchoolDay(calendar, '2026-09-05') // false (a Saturday)
 */
export function isSchoolDay(calendar: SchoolCalendar, date: LocalDate): boolean {
  return schoolDayStatus(calendar, date).open;
}

/**
 * The school day a year group keeps on a date, or null when the school is shut.
 * @example schoolDayFor(calendar, '2026-09-08', 7) // { start: '08:40', end: '15:00' }
 */
export function schoolDayFor(calendar: SchoolCalendar, date: LocalDate, yearGroup?: number): SchoolDay | null {
  const status = schoolDayStatus(calendar, date, yearGroup);
  return status.open ? status.day : null;
}

/**
 * School days strictly after `from` and strictly before `to` ("clear school days"): a request
 * on Monday for a slot next Monday in a full week has four. Zero when `to` is not after `from`.
 * @example schoolDaysBetween(calendar, '2026-09-07', '2026-09-14') // 4
 */
export function schoolDaysBetween(calendar: SchoolCalendar, from: LocalDate, to: LocalDate): number {
  assertLocalDate(from, 'from');
  assertLocalDate(to, 'to');
  let count = 0;
  for (let date = addDays(from, 1); date < to; date = addDays(date, 1)) {
    if (isSchoolDay(calendar, date)) count += 1;
  }
  return count;
}

/**
 * The first date on which a slot can be requested-for, given a request made on `requestDate`
 * and a notice period in clear school days. Only school days are returned. Gives up (null) when
 * the calendar holds no such day within two years, e.g. because terms are not yet entered.
 * @example earliestDateWithNotice(calendar, '2026-09-07', 5) // '2026-09-15'
 */
export function earliestDateWithNotice(calendar: SchoolCalendar, requestDate: LocalDate, noticeSchoolDays: number): LocalDate | null {
  assertLocalDate(requestDate, 'requestDate');
  let clearDays = 0;
  let date = requestDate;
  for (let step = 0; step < 731; step += 1) {
    date = addDays(date, 1);
    if (isSchoolDay(calendar, date)) {
      if (clearDays >= noticeSchoolDays) return date;
      clearDays += 1;
    }
  }
  return null;
}

/**
 * Throws a RangeError when a calendar holds a malformed date or time, or a span that ends
 * before it starts. Call it where a calendar enters the system (API, ICS import).
 * @example assertValidCalendar(calendar)
 */
export function assertValidCalendar(calendar: SchoolCalendar): void {
  const spans: { start: string; end: string; label: string }[] = [
    ...calendar.terms.map((term) => ({ ...term, label: `term "${term.name}"` })),
    ...calendar.closures.map((closure) => ({ ...closure, label: `closure "${closure.name}"` })),
  ];
  for (const span of spans) {
    assertLocalDate(span.start, `${span.label} start`);
    assertLocalDate(span.end, `${span.label} end`);
    if (span.end < span.start) throw new RangeError(`${span.label} ends (${span.end}) before it starts (${span.start})`);
  }
  const weeks = [calendar.days, ...(calendar.yearGroupDays ?? []).map((entry) => entry.days)];
  for (const week of weeks) {
    for (const [weekday, day] of Object.entries(week)) {
      if (!day) continue;
      assertLocalTime(day.start, `${weekday} start`);
      assertLocalTime(day.end, `${weekday} end`);
      if (minutesOfDay(day.end) <= minutesOfDay(day.start)) throw new RangeError(`${weekday}'s school day ends before it starts`);
    }
  }
}

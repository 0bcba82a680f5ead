import { teaches, type YearGroup, type YearGroupRange } from './cohorts.js';
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
  /** Weekdays not named here follow the whole-school day (see {@link schoolWeekDays} for how a school's statements combine). */
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
  // The first entry for the year group that names this weekday; other weekdays keep the standard day.
  const override = calendar.yearGroupDays?.find((entry) => teaches(entry.yearGroups, yearGroup) && entry.days[weekday]);
  return override?.days[weekday] ?? standard;
}

/** Monday to Friday, the weekdays a school week can set. */
export const SCHOOL_WEEKDAYS: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];

/** Some year groups' own hours, on the weekdays named or, with none named, on every weekday. */
export interface YearGroupHours {
  yearGroups: readonly number[];
  /** The weekdays these hours are for; absent or empty means every weekday. */
  weekdays?: readonly Weekday[];
  day: SchoolDay;
}

/**
 * A school's week as it states it: one standard day, whole-school weekdays that differ (a 13:30
 * Friday finish), and year groups whose hours differ (Years 7–8 09:00–15:05), optionally on some weekdays.
 */
export interface SchoolWeek {
  standard: SchoolDay;
  weekdays?: WeeklySchoolDays;
  yearGroups?: readonly YearGroupHours[];
}

/** A year group's hours and a weekday's whole-school hours that leave no time in common. */
export interface SchoolWeekConflict {
  /** Index of the every-weekday entry in `week.yearGroups`. */
  index: number;
  yearGroup: number;
  weekday: Weekday;
  message: string;
}

function overlap(a: SchoolDay, b: SchoolDay): SchoolDay | undefined {
  const start = minutesOfDay(a.start) >= minutesOfDay(b.start) ? a.start : b.start;
  const end = minutesOfDay(a.end) <= minutesOfDay(b.end) ? a.end : b.end;
  return minutesOfDay(start) < minutesOfDay(end) ? { start, end } : undefined;
}

/** The weekday's whole-school hours when they differ from the standard day. */
function weekdayChange(week: SchoolWeek, weekday: Weekday): SchoolDay | undefined {
  const day = week.weekdays?.[weekday];
  return day && (day.start !== week.standard.start || day.end !== week.standard.end) ? day : undefined;
}

const namesWeekday = (entry: YearGroupHours, weekday: Weekday) => Boolean(entry.weekdays?.length) && entry.weekdays!.includes(weekday);
const isEveryWeekday = (entry: YearGroupHours) => !entry.weekdays?.length;

/**
 * The school day a year group keeps on a weekday, combining the school's statements
 * (**Decision**, see README): hours the school names for this year group on this weekday win;
 * otherwise the year group's every-weekday hours meet the weekday's whole-school change by the
 * later start and the earlier end (so Years 7–8 on 09:00–15:05 finish at 13:30 on a 13:30
 * Friday); otherwise whichever of the two exists; otherwise the standard day. Two statements
 * that leave no time in common keep the year group's own hours (the API refuses such a week).
 * @example yearGroupDayOn(week, 7, 'friday') // { start: '09:00', end: '13:30' }
 */
export function yearGroupDayOn(week: SchoolWeek, yearGroup: number, weekday: Weekday): SchoolDay {
  const mine = (week.yearGroups ?? []).filter((entry) => entry.yearGroups.includes(yearGroup));
  const named = mine.find((entry) => namesWeekday(entry, weekday));
  if (named) return named.day;
  const wholeSchool = weekdayChange(week, weekday);
  const everyDay = mine.find(isEveryWeekday);
  if (everyDay && wholeSchool) return overlap(everyDay.day, wholeSchool) ?? everyDay.day;
  return everyDay?.day ?? wholeSchool ?? week.standard;
}

/**
 * Where a year group's every-weekday hours and a weekday's whole-school hours share no time, so
 * the school must name that weekday's hours for the year group.
 * @example schoolWeekConflicts(week) // [{ index: 0, yearGroup: 12, weekday: 'friday', message: '…' }]
 */
export function schoolWeekConflicts(week: SchoolWeek): SchoolWeekConflict[] {
  const conflicts: SchoolWeekConflict[] = [];
  (week.yearGroups ?? []).forEach((entry, index) => {
    if (!isEveryWeekday(entry)) return;
    for (const weekday of SCHOOL_WEEKDAYS) {
      const wholeSchool = weekdayChange(week, weekday);
      if (!wholeSchool || overlap(entry.day, wholeSchool)) continue;
      for (const yearGroup of entry.yearGroups) {
        if ((week.yearGroups ?? []).some((other) => other.yearGroups.includes(yearGroup) && namesWeekday(other, weekday))) continue;
        const day = weekday[0]!.toUpperCase() + weekday.slice(1);
        conflicts.push({
          index,
          yearGroup,
          weekday,
          message: `Year ${yearGroup}’s hours (${entry.day.start}–${entry.day.end}) and ${day}’s school day (${wholeSchool.start}–${wholeSchool.end}) do not overlap: add Year ${yearGroup}’s own hours for ${day}`,
        });
      }
    }
  });
  return conflicts;
}

/**
 * The engine's view of a school week: the whole-school day per weekday, and one entry per year
 * group named, with its day on every weekday as {@link yearGroupDayOn} combines it.
 * @example schoolWeekDays({ standard, weekdays: { friday }, yearGroups: [{ yearGroups: [7, 8], day }] })
 */
export function schoolWeekDays(week: SchoolWeek): Pick<SchoolCalendar, 'days' | 'yearGroupDays'> {
  const days: WeeklySchoolDays = {};
  for (const weekday of SCHOOL_WEEKDAYS) days[weekday] = week.weekdays?.[weekday] ?? week.standard;
  const named = [...new Set((week.yearGroups ?? []).flatMap((entry) => entry.yearGroups))].sort((a, b) => a - b);
  const yearGroupDays = named.map((yearGroup) => ({
    yearGroups: { from: yearGroup as YearGroup, to: yearGroup as YearGroup },
    days: Object.fromEntries(SCHOOL_WEEKDAYS.map((weekday) => [weekday, yearGroupDayOn(week, yearGroup, weekday)])) as WeeklySchoolDays,
  }));
  return { days, yearGroupDays };
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

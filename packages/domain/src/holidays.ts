import { gregorianEaster } from 'date-easter';
import { DateTime } from 'luxon';
import type { LocalDate } from './time.js';

/*
 * Bank holidays in England and Wales, written out here instead of using `date-holidays`: that
 * library pulled moment-timezone and astronomia into the API Lambda (over 1.3 MB minified) to
 * answer a question with eight rules and a short table of proclamations.
 *
 * Sources: the Banking and Financial Dealings Act 1971 (schedule 1) for the recurring days and
 * the substitute-day practice, and the royal proclamations listed in ONE_OFF_CHANGES. The
 * early May bank holiday was first proclaimed for 1978, so years before that get today's rules,
 * not history; no school calendar in the product reaches back that far.
 */

/** A day off as gov.uk lists it. Kept local so calendar.ts owns the public type. */
export interface ComputedBankHoliday {
  date: LocalDate;
  name: string;
}

/** Recurring holidays a proclamation can move to another date or rename. */
type MovableHoliday = 'Early May bank holiday' | 'Spring bank holiday';

interface OneOffChanges {
  moved?: Partial<Record<MovableHoliday, ComputedBankHoliday>>;
  added?: readonly ComputedBankHoliday[];
}

/**
 * Changes made by royal proclamation for a single year. They are announced months ahead, so a
 * new one (a jubilee, a coronation, a state funeral) has to be added here by hand; gov.uk's
 * bank-holidays page is the reference. Names of days the previous library already listed are
 * kept as it spelt them so messages already shown to schools do not change wording.
 */
const ONE_OFF_CHANGES: Readonly<Record<number, OneOffChanges>> = {
  1981: { added: [{ date: '1981-07-29', name: 'Royal wedding' }] },
  // VE Day 50th anniversary.
  1995: { moved: { 'Early May bank holiday': { date: '1995-05-08', name: 'Early May bank holiday (VE day)' } } },
  1999: { added: [{ date: '1999-12-31', name: 'Millennium celebrations' }] },
  2002: {
    moved: { 'Spring bank holiday': { date: '2002-06-04', name: 'Spring bank holiday' } },
    added: [{ date: '2002-06-03', name: 'Queen’s Golden Jubilee' }],
  },
  2011: { added: [{ date: '2011-04-29', name: 'Royal wedding' }] },
  2012: {
    moved: { 'Spring bank holiday': { date: '2012-06-04', name: 'Spring bank holiday' } },
    added: [{ date: '2012-06-05', name: 'Queen’s Diamond Jubilee' }],
  },
  // VE Day 75th anniversary.
  2020: { moved: { 'Early May bank holiday': { date: '2020-05-08', name: 'Early May bank holiday (VE day)' } } },
  2022: {
    moved: { 'Spring bank holiday': { date: '2022-06-02', name: 'Spring bank holiday' } },
    added: [
      { date: '2022-06-03', name: 'Queen’s Platinum Jubilee' },
      { date: '2022-09-19', name: "Queen Elizabeth's Funeral Day" },
    ],
  },
  2023: { added: [{ date: '2023-05-08', name: "King Charles III's Coronation" }] },
};

// UTC so weekday and day arithmetic never meet a clock change; only the calendar date matters.
function utcDate(year: number, month: number, day: number): DateTime {
  return DateTime.utc(year, month, day);
}

function iso(date: DateTime): LocalDate {
  return date.toISODate() as LocalDate;
}

function isWeekendDay(date: DateTime): boolean {
  return date.weekday >= 6;
}

function firstMonday(year: number, month: number): DateTime {
  const first = utcDate(year, month, 1);
  return first.plus({ days: (8 - first.weekday) % 7 });
}

function lastMonday(year: number, month: number): DateTime {
  const last = utcDate(year, month, 1).endOf('month').startOf('day');
  return last.minus({ days: (last.weekday - 1) % 7 });
}

/**
 * Bank holidays in England and Wales for a year, in date order, weekdays only: a fixed-date
 * holiday that falls at a weekend is replaced by its substitute day, as gov.uk lists them.
 */
export function computeBankHolidaysEngland(year: number): ComputedBankHoliday[] {
  const easter = gregorianEaster(year);
  const easterSunday = utcDate(year, easter.month, easter.day);
  const changes = ONE_OFF_CHANGES[year];
  const movable = (name: MovableHoliday, nominal: DateTime): ComputedBankHoliday =>
    changes?.moved?.[name] ?? { date: iso(nominal), name };

  const holidays: ComputedBankHoliday[] = [
    { date: iso(easterSunday.minus({ days: 2 })), name: 'Good Friday' },
    { date: iso(easterSunday.plus({ days: 1 })), name: 'Easter Monday' },
    movable('Early May bank holiday', firstMonday(year, 5)),
    movable('Spring bank holiday', lastMonday(year, 5)),
    { date: iso(lastMonday(year, 8)), name: 'Summer bank holiday' },
    ...(changes?.added ?? []),
  ];

  // All weekday nominal dates are taken before any substitute is placed: with Christmas on a
  // Sunday, Boxing Day keeps Monday 26 and Christmas's substitute has to go to Tuesday 27.
  const fixed: Array<{ date: DateTime; name: string }> = [
    { date: utcDate(year, 1, 1), name: "New Year's Day" },
    { date: utcDate(year, 12, 25), name: 'Christmas Day' },
    { date: utcDate(year, 12, 26), name: 'Boxing Day' },
  ];
  const taken = new Set(holidays.map((holiday) => holiday.date));
  for (const { date, name } of fixed) {
    if (!isWeekendDay(date)) {
      holidays.push({ date: iso(date), name });
      taken.add(iso(date));
    }
  }
  // Substitutes in date order, each on the next weekday not already a holiday, so Christmas on
  // a Saturday gives Monday 27 to Christmas and Tuesday 28 to Boxing Day.
  for (const { date, name } of fixed) {
    if (!isWeekendDay(date)) continue;
    let substitute = date.plus({ days: 1 });
    while (isWeekendDay(substitute) || taken.has(iso(substitute))) substitute = substitute.plus({ days: 1 });
    holidays.push({ date: iso(substitute), name: `${name} (substitute day)` });
    taken.add(iso(substitute));
  }

  return holidays.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

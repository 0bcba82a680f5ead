import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertValidCalendar,
  bankHolidayOn,
  bankHolidaysEngland,
  earliestDateWithNotice,
  isSchoolDay,
  schoolDayFor,
  schoolDayStatus,
  schoolDaysBetween,
  schoolWeekConflicts,
  schoolWeekDays,
  yearGroupDayOn,
  type SchoolCalendar,
  type SchoolDay,
  type SchoolWeek,
} from './calendar.js';
import { schoolCalendar } from './testing/fixtures.js';

describe('bank holidays in England match gov.uk', () => {
  it.each([
    [2025, ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26']],
    [2026, ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']],
    [2027, ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28']],
  ])('%i', (year, dates) => {
    expect(bankHolidaysEngland(year).map((holiday) => holiday.date)).toEqual(dates);
  });

  it('names substitute days', () => {
    expect(bankHolidayOn('2026-12-28')?.name).toMatch(/substitute/i);
    expect(bankHolidayOn('2027-12-27')?.name).toMatch(/substitute/i);
    expect(bankHolidayOn('2026-12-26')).toBeUndefined();
  });

  it('includes one-off bank holidays such as the 2023 coronation', () => {
    expect(bankHolidayOn('2023-05-08')).toBeDefined();
  });
});

describe('bank holiday substitute days and proclaimed one-offs', () => {
  it.each<[number, string, Array<[string, string]>]>([
    [2021, 'Christmas on a Saturday', [
      ['2021-01-01', "New Year's Day"],
      ['2021-04-02', 'Good Friday'],
      ['2021-04-05', 'Easter Monday'],
      ['2021-05-03', 'Early May bank holiday'],
      ['2021-05-31', 'Spring bank holiday'],
      ['2021-08-30', 'Summer bank holiday'],
      ['2021-12-27', 'Christmas Day (substitute day)'],
      ['2021-12-28', 'Boxing Day (substitute day)'],
    ]],
    [2022, 'New Year on a Saturday, Christmas on a Sunday, Jubilee and state funeral', [
      ['2022-01-03', "New Year's Day (substitute day)"],
      ['2022-04-15', 'Good Friday'],
      ['2022-04-18', 'Easter Monday'],
      ['2022-05-02', 'Early May bank holiday'],
      ['2022-06-02', 'Spring bank holiday'],
      ['2022-06-03', 'Queen’s Platinum Jubilee'],
      ['2022-08-29', 'Summer bank holiday'],
      ['2022-09-19', "Queen Elizabeth's Funeral Day"],
      ['2022-12-26', 'Boxing Day'],
      ['2022-12-27', 'Christmas Day (substitute day)'],
    ]],
    [2027, 'Christmas on a Saturday', [
      ['2027-01-01', "New Year's Day"],
      ['2027-03-26', 'Good Friday'],
      ['2027-03-29', 'Easter Monday'],
      ['2027-05-03', 'Early May bank holiday'],
      ['2027-05-31', 'Spring bank holiday'],
      ['2027-08-30', 'Summer bank holiday'],
      ['2027-12-27', 'Christmas Day (substitute day)'],
      ['2027-12-28', 'Boxing Day (substitute day)'],
    ]],
    [2032, 'Christmas on a Saturday, Easter in March', [
      ['2032-01-01', "New Year's Day"],
      ['2032-03-26', 'Good Friday'],
      ['2032-03-29', 'Easter Monday'],
      ['2032-05-03', 'Early May bank holiday'],
      ['2032-05-31', 'Spring bank holiday'],
      ['2032-08-30', 'Summer bank holiday'],
      ['2032-12-27', 'Christmas Day (substitute day)'],
      ['2032-12-28', 'Boxing Day (substitute day)'],
    ]],
    [2033, 'New Year on a Saturday, Christmas on a Sunday', [
      ['2033-01-03', "New Year's Day (substitute day)"],
      ['2033-04-15', 'Good Friday'],
      ['2033-04-18', 'Easter Monday'],
      ['2033-05-02', 'Early May bank holiday'],
      ['2033-05-30', 'Spring bank holiday'],
      ['2033-08-29', 'Summer bank holiday'],
      ['2033-12-26', 'Boxing Day'],
      ['2033-12-27', 'Christmas Day (substitute day)'],
    ]],
  ])('%i (%s)', (year, _case, expected) => {
    expect(bankHolidaysEngland(year).map((holiday) => [holiday.date, holiday.name])).toEqual(expected);
  });

  it.each([
    ['2020-05-08', 'Early May bank holiday (VE day)', '2020-05-04'],
    ['1995-05-08', 'Early May bank holiday (VE day)', '1995-05-01'],
    ['2023-05-08', "King Charles III's Coronation", undefined],
    ['2012-06-04', 'Spring bank holiday', '2012-05-28'],
  ])('%s is %s (and the usual day %s is not a holiday)', (date, name, usualDate) => {
    expect(bankHolidayOn(date)?.name).toBe(name);
    if (usualDate) expect(bankHolidayOn(usualDate)).toBeUndefined();
  });

  it('moves Boxing Day on a Saturday to Monday 28', () => {
    expect(bankHolidayOn('2020-12-28')?.name).toBe('Boxing Day (substitute day)');
    expect(bankHolidayOn('2020-12-26')).toBeUndefined();
  });

  // Written independently of the implementation so the two check each other.
  const EXTRA_DAYS_BY_YEAR: Readonly<Record<number, number>> = { 1981: 1, 1999: 1, 2002: 1, 2011: 1, 2012: 1, 2022: 2, 2023: 1 };

  /** Anonymous Gregorian computus (Meeus/Jones/Butcher), as an oracle for the Easter library. */
  function easterSunday(year: number): string {
    const a = year % 19;
    const b = Math.floor(year / 100);
    const c = year % 100;
    const f = Math.floor((b + 8) / 25);
    const g = Math.floor((b - f + 1) / 3);
    const h = (19 * a + b - Math.floor(b / 4) - g + 15) % 30;
    const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
    const m = Math.floor((a + 11 * h + 22 * l) / 451);
    const month = Math.floor((h + l - 7 * m + 114) / 31);
    const day = ((h + l - 7 * m + 114) % 31) + 1;
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }

  const shift = (date: string, days: number) =>
    new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

  it('gives only distinct weekdays in the year, in order, eight a year outside proclaimed years', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1978, max: 2400 }), (year) => {
        const holidays = bankHolidaysEngland(year);
        const dates = holidays.map((holiday) => holiday.date);
        expect(holidays).toHaveLength(8 + (EXTRA_DAYS_BY_YEAR[year] ?? 0));
        expect(new Set(dates).size).toBe(dates.length);
        expect([...dates].sort()).toEqual(dates);
        for (const date of dates) {
          expect(date.slice(0, 4)).toBe(String(year));
          expect(new Date(`${date}T00:00:00Z`).getUTCDay()).not.toBeOneOf([0, 6]);
        }
        const easter = easterSunday(year);
        expect(bankHolidayOn(shift(easter, -2))?.name).toBe('Good Friday');
        expect(bankHolidayOn(shift(easter, 1))?.name).toBe('Easter Monday');
      }),
      { numRuns: 300 },
    );
  });
});

describe('school days', () => {
  it.each<[string, { open: boolean; reason?: string }, string]>([
    ['2026-09-01', { open: true }, 'first day of the autumn term'],
    ['2026-09-05', { open: false, reason: 'weekend' }, 'a Saturday in term'],
    ['2026-09-06', { open: false, reason: 'weekend' }, 'a Sunday in term'],
    ['2026-05-04', { open: false, reason: 'bank_holiday' }, 'Early May bank holiday in the summer term'],
    ['2026-11-13', { open: false, reason: 'closure' }, 'an INSET day'],
    ['2026-10-28', { open: false, reason: 'closure' }, 'October half term'],
    ['2026-10-23', { open: true }, 'the Friday before half term'],
    ['2026-11-02', { open: true }, 'the Monday after half term'],
    ['2026-08-05', { open: false, reason: 'outside_term' }, 'summer holidays'],
    ['2026-12-21', { open: false, reason: 'outside_term' }, 'Christmas holidays'],
    ['2028-02-29', { open: true }, 'leap day in the spring term'],
  ])('%s: %j (%s)', (date, expected) => {
    expect(schoolDayStatus(schoolCalendar, date)).toMatchObject(expected);
    expect(isSchoolDay(schoolCalendar, date)).toBe(expected.open);
  });

  it('says which closure shuts the school', () => {
    const status = schoolDayStatus(schoolCalendar, '2026-11-13');
    expect(status.open === false && status.reason === 'closure' && status.closure.kind).toBe('inset');
  });

  it('gives Years 7–8 their shorter day and everyone else the standard one', () => {
    expect(schoolDayFor(schoolCalendar, '2026-09-08', 7)).toEqual({ start: '08:45', end: '15:05' });
    expect(schoolDayFor(schoolCalendar, '2026-09-08', 8)).toEqual({ start: '08:45', end: '15:05' });
    expect(schoolDayFor(schoolCalendar, '2026-09-08', 9)).toEqual({ start: '08:45', end: '15:15' });
    expect(schoolDayFor(schoolCalendar, '2026-09-08')).toEqual({ start: '08:45', end: '15:15' });
    expect(schoolDayFor(schoolCalendar, '2026-09-05', 9)).toBeNull();
  });

  it('treats a weekday with no school day as closed', () => {
    const fourDayWeek: SchoolCalendar = { ...schoolCalendar, days: { ...schoolCalendar.days, friday: undefined } };
    expect(schoolDayStatus(fourDayWeek, '2026-09-04')).toEqual({ open: false, reason: 'no_school_day' });
  });
});

describe('counting school days', () => {
  it.each([
    ['2026-09-07', '2026-09-14', 4, 'Monday to Monday in a full week'],
    ['2026-09-07', '2026-09-08', 0, 'the next day'],
    ['2026-09-08', '2026-09-07', 0, 'backwards'],
    ['2026-10-19', '2026-11-03', 5, 'across October half term'],
    ['2026-11-09', '2026-11-16', 3, 'across an INSET Friday'],
    ['2026-04-27', '2026-05-06', 5, 'across the Early May bank holiday'],
    ['2026-12-14', '2027-01-07', 6, 'across Christmas and the January INSET day'],
  ])('%s → %s: %i (%s)', (from, to, count) => {
    expect(schoolDaysBetween(schoolCalendar, from, to)).toBe(count);
  });

  it('finds the earliest slot date a notice period allows', () => {
    expect(earliestDateWithNotice(schoolCalendar, '2026-09-07', 5)).toBe('2026-09-15');
    expect(earliestDateWithNotice(schoolCalendar, '2026-10-19', 5)).toBe('2026-11-03');
    expect(earliestDateWithNotice({ ...schoolCalendar, terms: [] }, '2026-10-19', 5)).toBeNull();
  });
});

describe('calendar validation', () => {
  it('accepts the fixture and rejects broken spans and days', () => {
    expect(() => assertValidCalendar(schoolCalendar)).not.toThrow();
    expect(() => assertValidCalendar({ ...schoolCalendar, terms: [{ name: 'Autumn', start: '2026-12-18', end: '2026-09-01' }] })).toThrow(/ends/);
    expect(() => assertValidCalendar({ ...schoolCalendar, closures: [{ name: 'x', kind: 'inset', start: '2026-02-30', end: '2026-03-01' }] })).toThrow(RangeError);
    expect(() => assertValidCalendar({ ...schoolCalendar, days: { monday: { start: '15:00', end: '09:00' } } })).toThrow(RangeError);
  });
});

describe('a school week: weekday and year-group hours combine (Decision)', () => {
  const standard = { start: '08:40', end: '15:15' };
  const friday = { start: '08:40', end: '13:30' };
  const lowerSchool = { start: '09:00', end: '15:05' };
  const week: SchoolWeek = { standard, weekdays: { friday }, yearGroups: [{ yearGroups: [7, 8], day: lowerSchool }] };

  it.each<[string, SchoolWeek, number, 'monday' | 'friday', SchoolDay]>([
    ['Years 7–8 keep their own hours on a standard Monday', week, 7, 'monday', lowerSchool],
    ['Years 7–8 end at 13:30 on the early-finish Friday, starting at their own 09:00', week, 8, 'friday', { start: '09:00', end: '13:30' }],
    ['a year group with no hours of its own keeps the whole-school Friday', week, 9, 'friday', friday],
    ['a year group with no hours of its own keeps the standard Monday', week, 9, 'monday', standard],
    [
      'hours the school names for Years 7–8 on Friday win over the combination',
      { ...week, yearGroups: [...week.yearGroups!, { yearGroups: [7], weekdays: ['friday'], day: { start: '09:00', end: '14:00' } }] },
      7,
      'friday',
      { start: '09:00', end: '14:00' },
    ],
    [
      'named weekday hours apply only on the weekdays named',
      { standard, yearGroups: [{ yearGroups: [12, 13], weekdays: ['wednesday'], day: { start: '08:40', end: '12:00' } }] },
      12,
      'monday',
      standard,
    ],
    [
      'a longer sixth-form day is not clipped by the standard day, only by a weekday that differs',
      { standard, weekdays: { friday }, yearGroups: [{ yearGroups: [12], day: { start: '08:40', end: '16:00' } }] },
      12,
      'monday',
      { start: '08:40', end: '16:00' },
    ],
    [
      'a weekday “change” equal to the standard day changes nothing',
      { standard, weekdays: { monday: standard }, yearGroups: [{ yearGroups: [12], day: { start: '08:40', end: '16:00' } }] },
      12,
      'monday',
      { start: '08:40', end: '16:00' },
    ],
  ])('%s', (_, given, yearGroup, weekday, expected) => {
    expect(yearGroupDayOn(given, yearGroup, weekday)).toEqual(expected);
  });

  it('feeds schoolDayStatus: Year 7 on a Friday in term ends at 13:30', () => {
    const calendar: SchoolCalendar = { terms: [{ name: 'Autumn', start: '2026-09-01', end: '2026-12-18' }], closures: [], ...schoolWeekDays(week) };
    expect(schoolDayFor(calendar, '2026-09-11', 7)).toEqual({ start: '09:00', end: '13:30' });
    expect(schoolDayFor(calendar, '2026-09-11')).toEqual(friday);
    expect(schoolDayFor(calendar, '2026-09-07', 7)).toEqual(lowerSchool);
  });

  it('reports a year group whose hours share no time with a changed weekday, unless that weekday is named', () => {
    const afternoons: SchoolWeek = { standard, weekdays: { friday }, yearGroups: [{ yearGroups: [12], day: { start: '13:45', end: '16:00' } }] };
    expect(schoolWeekConflicts(afternoons)).toEqual([expect.objectContaining({ index: 0, yearGroup: 12, weekday: 'friday' })]);
    expect(schoolWeekConflicts(week)).toEqual([]);
    const named = { ...afternoons, yearGroups: [...afternoons.yearGroups!, { yearGroups: [12], weekdays: ['friday' as const], day: friday }] };
    expect(schoolWeekConflicts(named)).toEqual([]);
  });

  const time = fc.integer({ min: 6 * 60, max: 19 * 60 }).map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
  const day = fc.tuple(time, time).filter(([a, b]) => a < b).map(([start, end]) => ({ start, end }));

  it('property: the combined day lies inside both the year group’s hours and the changed weekday, when they overlap', () => {
    fc.assert(
      fc.property(day, day, day, (standardDay, fridayDay, own) => {
        const given: SchoolWeek = { standard: standardDay, weekdays: { friday: fridayDay }, yearGroups: [{ yearGroups: [8], day: own }] };
        const result = yearGroupDayOn(given, 8, 'friday');
        const changed = fridayDay.start !== standardDay.start || fridayDay.end !== standardDay.end;
        const overlaps = own.start < fridayDay.end && fridayDay.start < own.end;
        if (!changed || !overlaps) {
          expect(result).toEqual(own);
          return;
        }
        expect(result.start >= own.start && result.start >= fridayDay.start).toBe(true);
        expect(result.end <= own.end && result.end <= fridayDay.end).toBe(true);
        expect(result.start < result.end).toBe(true);
      }),
    );
  });

  it('property: hours named for a year group on a weekday always win', () => {
    fc.assert(
      fc.property(day, day, day, day, (standardDay, fridayDay, own, named) => {
        const given: SchoolWeek = {
          standard: standardDay,
          weekdays: { friday: fridayDay },
          yearGroups: [{ yearGroups: [8], day: own }, { yearGroups: [8], weekdays: ['friday'], day: named }],
        };
        expect(yearGroupDayOn(given, 8, 'friday')).toEqual(named);
      }),
    );
  });
});

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
  type SchoolCalendar,
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

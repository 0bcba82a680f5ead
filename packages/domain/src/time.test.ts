import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { academicYearBounds } from './cohorts.js';
import { phaseWindow } from './phases.js';
import {
  addDays,
  dateOf,
  daysBetween,
  durationMinutes,
  formatLongDate,
  fromInstant,
  isLocalDate,
  isLocalTime,
  minutesOfDay,
  toInstant,
  toUtcInstant,
  todayInLondon,
  weekdayOf,
} from './time.js';

describe('toInstant keeps a 09:00 slot at 09:00 across the clock changes', () => {
  it.each([
    ['Friday before clocks go forward (GMT)', '2026-03-27', '2026-03-27T09:00:00.000+00:00', '2026-03-27T09:00:00.000Z'],
    ['Monday after clocks go forward (BST)', '2026-03-30', '2026-03-30T09:00:00.000+01:00', '2026-03-30T08:00:00.000Z'],
    ['Friday before clocks go back (BST)', '2026-10-23', '2026-10-23T09:00:00.000+01:00', '2026-10-23T08:00:00.000Z'],
    ['Monday after clocks go back (GMT)', '2026-11-02', '2026-11-02T09:00:00.000+00:00', '2026-11-02T09:00:00.000Z'],
    ['Leap day 2028', '2028-02-29', '2028-02-29T09:00:00.000+00:00', '2028-02-29T09:00:00.000Z'],
  ])('%s', (_label, date, local, utc) => {
    expect(toInstant(date, '09:00')).toBe(local);
    expect(toUtcInstant(date, '09:00')).toBe(utc);
    expect(fromInstant(utc)).toEqual({ date, time: '09:00' });
  });

  it('round-trips any school-hours time on any date between 2020 and 2035', () => {
    const dates = fc.date({ min: new Date('2020-01-01T12:00:00Z'), max: new Date('2035-12-31T12:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    const times = fc.tuple(fc.integer({ min: 7, max: 18 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(fc.property(dates, times, (date, time) => {
      expect(fromInstant(toInstant(date, time))).toEqual({ date, time });
    }));
  });

  it('rejects malformed input instead of guessing', () => {
    expect(() => toInstant('2026-02-30', '09:00')).toThrow(RangeError);
    expect(() => toInstant('2026-03-30', '9:00')).toThrow(RangeError);
  });
});

describe('date and time helpers', () => {
  it.each([
    ['2028-02-29', true],
    ['2027-02-29', false],
    ['2100-02-29', false],
    ['2000-02-29', true],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['26-09-01', false],
  ])('isLocalDate(%s) is %s', (value, expected) => {
    expect(isLocalDate(value)).toBe(expected);
  });

  it.each([
    ['09:00', true],
    ['23:59', true],
    ['24:00', false],
    ['9:00', false],
    ['09:60', false],
  ])('isLocalTime(%s) is %s', (value, expected) => {
    expect(isLocalTime(value)).toBe(expected);
  });

  it('measures minutes on the wall clock', () => {
    expect(minutesOfDay('08:45')).toBe(525);
    expect(durationMinutes('09:00', '09:19')).toBe(19);
    expect(durationMinutes('10:00', '09:00')).toBe(-60);
  });

  it('steps over month ends and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-09-01', -1)).toBe('2026-08-31');
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
  });

  it('names weekdays and dates as a careers leader would', () => {
    expect(weekdayOf('2026-09-01')).toBe('tuesday');
    expect(weekdayOf('2026-09-06')).toBe('sunday');
    expect(formatLongDate('2027-02-28')).toBe('28 February 2027');
  });

  it('reads today in London from an instant the caller supplies', () => {
    expect(todayInLondon(new Date('2026-10-24T23:30:00Z'))).toBe('2026-10-25');
    expect(todayInLondon(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });
});

describe('dates built from numbers', () => {
  it('zero-pads the year to four digits, so built dates are real YYYY-MM-DD dates', () => {
    expect(dateOf(999, 9, 1)).toBe('0999-09-01');
    expect(academicYearBounds(999)).toEqual({ start: '0999-09-01', end: '1000-08-31' });
    expect(phaseWindow(5, 1)).toEqual({ start: '0006-09-01', end: '0008-02-28' });
    expect(isLocalDate(academicYearBounds(42).start)).toBe(true);
    expect(() => dateOf(-1, 1, 1)).toThrow(RangeError);
  });
});

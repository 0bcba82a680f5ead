import { describe, expect, it } from 'vitest';
import { addDays, formatDate, formatInstant, formatShortDate, fromDateParts, todayInLondon, toDateParts, yearGroupList } from './format';

describe('dates as users read them', () => {
  it('writes the weekday, day, month and year without leading zeros', () => {
    expect(formatDate('2026-03-03')).toBe('Tuesday 3 March 2026');
    expect(formatDate('2027-02-28')).toBe('Sunday 28 February 2027');
    expect(formatShortDate('2027-02-28')).toBe('28 February 2027');
  });

  it('does not shift a school-local date by the browser’s zone', () => {
    // 29 March 2026 is the day the UK clocks go forward.
    expect(formatDate('2026-03-29')).toBe('Sunday 29 March 2026');
  });

  it('shows instants in London time, 24-hour', () => {
    expect(formatInstant('2026-07-01T13:05:00Z')).toBe('1 July 2026 at 14:05');
    expect(formatInstant('2026-12-01T23:30:00Z')).toBe('1 December 2026 at 23:30');
  });

  it('takes today from London, not UTC', () => {
    expect(todayInLondon(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('the GOV.UK date input', () => {
  it('round-trips a date through day, month and year boxes', () => {
    expect(toDateParts('2026-11-05')).toEqual({ day: '5', month: '11', year: '2026' });
    expect(fromDateParts({ day: '5', month: '11', year: '2026' })).toBe('2026-11-05');
    expect(fromDateParts({ day: ' 05 ', month: '1', year: '2027' })).toBe('2027-01-05');
  });

  it('tells an empty date from an impossible one', () => {
    expect(fromDateParts({ day: '', month: '', year: '' })).toBe('');
    expect(fromDateParts({ day: '31', month: '2', year: '2027' })).toBeNull();
    expect(fromDateParts({ day: '29', month: '2', year: '2027' })).toBeNull();
    expect(fromDateParts({ day: '29', month: '2', year: '2028' })).toBe('2028-02-29');
    expect(fromDateParts({ day: '1', month: '13', year: '2027' })).toBeNull();
    expect(fromDateParts({ day: '1', month: '1', year: '27' })).toBeNull();
    expect(fromDateParts({ day: '1', month: '', year: '2027' })).toBeNull();
  });
});

describe('year groups', () => {
  it('reads as a range or a list', () => {
    expect(yearGroupList([9])).toBe('Year 9');
    expect(yearGroupList([10, 9])).toBe('Years 9 and 10');
    expect(yearGroupList([7, 8, 9, 10, 11])).toBe('Years 7 to 11');
    expect(yearGroupList([8, 10, 12])).toBe('Years 8, 10 and 12');
  });
});

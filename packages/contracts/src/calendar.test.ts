import { describe, expect, it } from 'vitest';
import { calendarInput } from './organisations.js';

const base = {
  terms: [{ name: 'Autumn', start: '2026-09-02', end: '2026-12-18' }],
  closures: [],
  schoolDay: { start: '08:40', end: '15:15' },
  weekdayOverrides: [{ weekday: 5, start: '08:40', end: '13:30' }],
};

const fields = (input: unknown) => {
  const parsed = calendarInput.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
};

describe('calendar input: year-group overrides on weekdays', () => {
  it('accepts every-weekday hours plus named-weekday hours for the same year group', () => {
    expect(
      fields({
        ...base,
        yearGroupOverrides: [
          { yearGroups: [7, 8], start: '09:00', end: '15:05' },
          { yearGroups: [7], weekdays: [5], start: '09:00', end: '14:00' },
        ],
      }),
    ).toEqual([]);
  });

  it.each<[string, unknown[], string]>([
    ['two every-weekday overrides naming Year 8', [{ yearGroups: [7, 8], start: '09:00', end: '15:05' }, { yearGroups: [8], start: '09:10', end: '15:00' }], 'yearGroupOverrides.1.yearGroups'],
    ['two overrides naming Year 7 on Friday', [{ yearGroups: [7], weekdays: [1, 5], start: '09:00', end: '14:00' }, { yearGroups: [7, 8], weekdays: [5], start: '09:00', end: '13:00' }], 'yearGroupOverrides.1.weekdays'],
    ['a year group named twice in one override', [{ yearGroups: [9, 9], start: '09:00', end: '15:00' }], 'yearGroupOverrides.0.yearGroups'],
    ['a weekday named twice in one override', [{ yearGroups: [9], weekdays: [2, 2], start: '09:00', end: '15:00' }], 'yearGroupOverrides.0.weekdays'],
    ['an override that ends before it starts', [{ yearGroups: [9], start: '15:00', end: '09:00' }], 'yearGroupOverrides.0.end'],
    ['an override that ends when it starts', [{ yearGroups: [9], weekdays: [3], start: '12:00', end: '12:00' }], 'yearGroupOverrides.0.end'],
    ['a time that is not HH:MM', [{ yearGroups: [9], start: '9:00', end: '15:00' }], 'yearGroupOverrides.0.start'],
    ['a time in the middle of the night', [{ yearGroups: [9], start: '02:00', end: '15:00' }], 'yearGroupOverrides.0.start'],
    ['a weekend day', [{ yearGroups: [9], weekdays: [6], start: '09:00', end: '15:00' }], 'yearGroupOverrides.0.weekdays.0'],
    ['a year group beyond 13', [{ yearGroups: [14], start: '09:00', end: '15:00' }], 'yearGroupOverrides.0.yearGroups.0'],
  ])('refuses %s, naming the field', (_, yearGroupOverrides, field) => {
    expect(fields({ ...base, yearGroupOverrides })).toContain(field);
  });

  it('refuses a weekday set twice and a weekday or standard day that ends before it starts', () => {
    expect(fields({ ...base, weekdayOverrides: [...base.weekdayOverrides, { weekday: 5, start: '08:40', end: '14:00' }] })).toContain('weekdayOverrides.1.weekday');
    expect(fields({ ...base, weekdayOverrides: [{ weekday: 2, start: '15:00', end: '08:40' }] })).toContain('weekdayOverrides.0.end');
    expect(fields({ ...base, schoolDay: { start: '15:15', end: '08:40' } })).toContain('schoolDay.end');
  });

  it('still reads a stored calendar written before weekdays existed', () => {
    expect(fields({ ...base, yearGroupOverrides: [{ yearGroups: [7, 13], start: '08:45', end: '16:00' }] })).toEqual([]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SCHOOL_SHAPES,
  academicYearBounds,
  academicYearLabel,
  academicYearOf,
  assertYearGroupRange,
  cohortOf,
  cohortsTaughtIn,
  isYearGroup,
  teaches,
  yearGroupOn,
  yearGroupsIn,
} from './cohorts.js';

describe('academic years', () => {
  it.each([
    ['2026-08-31', 2025],
    ['2026-09-01', 2026],
    ['2026-12-31', 2026],
    ['2027-01-01', 2026],
    ['2028-02-29', 2027],
  ])('%s is in the academic year starting %i', (date, start) => {
    expect(academicYearOf(date)).toBe(start);
  });

  it('labels and bounds an academic year', () => {
    expect(academicYearLabel(2025)).toBe('2025/26');
    expect(academicYearLabel(2099)).toBe('2099/00');
    expect(academicYearBounds(2025)).toEqual({ start: '2025-09-01', end: '2026-08-31' });
  });
});

describe('cohorts and year groups', () => {
  it('follows the spec example: cohort 2024 is Year 8 in 2025/26 and Year 13 in 2030/31', () => {
    expect(yearGroupOn(2024, '2025-09-01')).toBe(8);
    expect(yearGroupOn(2024, '2026-08-31')).toBe(8);
    expect(yearGroupOn(2024, '2026-09-01')).toBe(9);
    expect(yearGroupOn(2024, '2031-06-30')).toBe(13);
    expect(cohortOf(9, 2026)).toBe(2024);
  });

  it('cohortOf and yearGroupOn are inverse for every date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2015, max: 2040 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 7, max: 13 }),
        (year, month, day, yearGroup) => {
          const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const cohort = cohortOf(yearGroup, academicYearOf(date));
          expect(yearGroupOn(cohort, date)).toBe(yearGroup);
        }),
    );
  });

  it.each([
    ['elevenToSixteen', [7, 8, 9, 10, 11]],
    ['withSixthForm', [7, 8, 9, 10, 11, 12, 13]],
    ['utcOrStudioSchool', [10, 11, 12, 13]],
    ['middleSchool', [5, 6, 7, 8]],
    ['upperSchool', [9, 10, 11, 12, 13]],
    ['allThrough', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]],
  ] as const)('a %s school teaches %j', (shape, yearGroups) => {
    expect(yearGroupsIn(SCHOOL_SHAPES[shape])).toEqual(yearGroups);
    expect(teaches(SCHOOL_SHAPES[shape], yearGroups[0] - 1)).toBe(false);
    expect(teaches(SCHOOL_SHAPES[shape], yearGroups[yearGroups.length - 1]! + 1)).toBe(false);
  });

  it('lists the cohorts on roll in an academic year, youngest first', () => {
    expect(cohortsTaughtIn(SCHOOL_SHAPES.utcOrStudioSchool, 2026)).toEqual([2023, 2022, 2021, 2020]);
  });

  it('rejects a year-group range that is not a span of Years 1–13', () => {
    expect(() => assertYearGroupRange({ from: 11, to: 7 } as never)).toThrow(RangeError);
    expect(() => assertYearGroupRange({ from: 0, to: 11 } as never)).toThrow(RangeError);
    expect(() => assertYearGroupRange({ from: 9, to: 14 } as never)).toThrow(RangeError);
    expect(() => assertYearGroupRange({ from: 7, to: 11 })).not.toThrow();
    expect(() => assertYearGroupRange({ from: 5, to: 8 })).not.toThrow();
  });

  it.each([
    [1, true],
    [6, true],
    [13, true],
    [0, false],
    [14, false],
    [7.5, false],
  ])('isYearGroup(%d) is %s: Years 1–13, Reception excluded', (value, expected) => {
    expect(isYearGroup(value)).toBe(expected);
  });
});

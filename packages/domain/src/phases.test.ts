import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCHOOL_SHAPES, academicYearOf, cohortOf } from './cohorts.js';
import { KEY_PHASES, encounterSettlesOn, isSettled, phaseAppliesTo, phaseOf, phaseOfYearGroupOn, phaseWindow, type KeyPhase } from './phases.js';
import { addDays } from './time.js';

describe('key-phase windows', () => {
  it.each([
    [1, { start: '2025-09-01', end: '2027-02-28' }],
    [2, { start: '2027-09-01', end: '2029-02-28' }],
    [3, { start: '2029-09-01', end: '2031-02-28' }],
  ] as const)('cohort 2024, phase %i runs %j', (phase, window) => {
    expect(phaseWindow(2024, phase)).toEqual(window);
  });

  // Cohort 2025's phase 1 ends in February 2028, a leap year.
  it.each([
    ['2026-08-31', null, 'last day of Year 7'],
    ['2026-09-01', 1, 'first day of Year 8'],
    ['2028-02-28', 1, '28 February of Year 9 (leap year)'],
    ['2028-02-29', null, '29 February of Year 9'],
    ['2028-03-01', null, '1 March of Year 9'],
    ['2028-08-31', null, 'last day of Year 9'],
    ['2028-09-01', 2, 'first day of Year 10'],
    ['2030-02-28', 2, '28 February of Year 11'],
    ['2030-03-01', null, '1 March of Year 11'],
    ['2030-09-01', 3, 'first day of Year 12'],
    ['2032-02-28', 3, '28 February of Year 13'],
    ['2032-02-29', null, '29 February of Year 13 (leap year)'],
    ['2032-09-01', null, 'after Year 13'],
  ] as const)('cohort 2025 on %s is in phase %s (%s)', (date, phase, _why) => {
    expect(phaseOf(2025, date)).toBe(phase);
  });

  it('finds the phase of a year group from the date alone', () => {
    expect(phaseOfYearGroupOn(9, '2027-01-12')).toBe(1);
    expect(phaseOfYearGroupOn(10, '2027-01-12')).toBe(2);
    expect(phaseOfYearGroupOn(9, '2027-03-01')).toBe(null);
    expect(phaseOfYearGroupOn(7, '2027-01-12')).toBe(null);
  });
});

const anyDate = fc
  .date({ min: new Date('2015-01-01T12:00:00Z'), max: new Date('2045-12-31T12:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('phase invariants', () => {
  it('a date falls in at most one phase of a cohort', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2010, max: 2040 }), anyDate, (cohort, date) => {
        const containing = KEY_PHASES.filter((phase) => {
          const window = phaseWindow(cohort, phase);
          return date >= window.start && date <= window.end;
        });
        expect(containing.length).toBeLessThanOrEqual(1);
        expect(phaseOf(cohort, date)).toBe(containing[0] ?? null);
      }),
    );
  });

  it('Years 8, 10 and 12 are always in a phase; Year 7 never is', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        const year = academicYearOf(date);
        expect(phaseOf(cohortOf(7, year), date)).toBe(null);
        expect(phaseOf(cohortOf(8, year), date)).toBe(1);
        expect(phaseOf(cohortOf(10, year), date)).toBe(2);
        expect(phaseOf(cohortOf(12, year), date)).toBe(3);
      }),
    );
  });

  it('each window is 18 months long, ending on 28 February', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2010, max: 2040 }), fc.constantFrom<KeyPhase>(1, 2, 3), (cohort, phase) => {
        const window = phaseWindow(cohort, phase);
        expect(window.end.slice(5)).toBe('02-28');
        expect(phaseOf(cohort, window.start)).toBe(phase);
        expect(phaseOf(cohort, window.end)).toBe(phase);
        expect(phaseOf(cohort, addDays(window.start, -1))).toBe(null);
        expect(phaseOf(cohort, addDays(window.end, 1))).toBe(null);
      }),
    );
  });
});

describe('which phases a school owes', () => {
  it.each([
    ['elevenToSixteen', [true, true, false]],
    ['withSixthForm', [true, true, true]],
    ['utcOrStudioSchool', [false, true, true]],
    ['middleSchool', [true, false, false]],
    ['upperSchool', [true, true, true]],
    ['sixthFormOnly', [false, false, true]],
  ] as const)('a %s school owes phases %j', (shape, owed) => {
    expect(KEY_PHASES.map((phase) => phaseAppliesTo(SCHOOL_SHAPES[shape], phase))).toEqual(owed);
  });

  it('a school teaching only Year 9 still owes phase 1', () => {
    expect(phaseAppliesTo({ from: 9, to: 9 }, 1)).toBe(true);
  });
});

describe('settled encounters', () => {
  it('files an encounter under the end of the phase window it falls in, or its own day when it falls in none', () => {
    expect(encounterSettlesOn(2024, '2026-11-10')).toBe('2027-02-28');
    expect(encounterSettlesOn(2023, '2026-11-10')).toBe('2028-02-28');
    expect(encounterSettlesOn(2026, '2026-11-10')).toBe('2026-11-10');
    expect(encounterSettlesOn(2024, '2027-03-01')).toBe('2027-03-01');
  });

  it('is settled only once every phase its year groups reach has closed', () => {
    expect(isSettled({ date: '2026-11-10', yearGroups: [9] }, '2027-02-28')).toBe(false);
    expect(isSettled({ date: '2026-11-10', yearGroups: [9] }, '2027-03-01')).toBe(true);
    expect(isSettled({ date: '2026-11-10', yearGroups: [9, 10] }, '2027-03-01')).toBe(false);
    expect(isSettled({ date: '2026-11-10', yearGroups: [9, 10] }, '2028-03-01')).toBe(true);
  });

  it('never settles an encounter before its own day', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }), fc.integer({ min: 7, max: 13 }), (d, yearGroup) => {
        const date = d.toISOString().slice(0, 10);
        expect(encounterSettlesOn(cohortOf(yearGroup, academicYearOf(date)), date) >= date).toBe(true);
        expect(isSettled({ date, yearGroups: [yearGroup] }, date)).toBe(false);
      }),
    );
  });
});

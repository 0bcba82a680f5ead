import { describe, expect, it } from 'vitest';
import { SCHOOL_SHAPES } from './cohorts.js';
import { computeCompliance } from './compliance.js';
import { complianceGrid, policyReviewReminderDate, policyReviewState, unrecordedPastPhases } from './evidence.js';
import { encounter, schoolFacts } from './testing/fixtures.js';

const school = schoolFacts(SCHOOL_SHAPES.elevenToSixteen);
const asOf = '2026-11-02';

describe('the year groups × key phases grid', () => {
  it('puts missed first, then at risk with open windows before those not started, then met; not applicable last', () => {
    const met = [
      encounter({ providerId: 'a', date: '2026-10-06', yearGroups: [9], status: 'delivered' }),
      encounter({ providerId: 'b', date: '2026-10-07', yearGroups: [9], status: 'delivered' }),
    ];
    const grid = complianceGrid(computeCompliance(school, met, asOf));
    const statuses = grid.map((cell) => cell.status);
    expect(statuses[0]).toBe('MISSED');
    // Year 11's phase 1 closed in February 2026 with nothing: the most urgent cell.
    expect(grid[0]).toMatchObject({ yearGroup: 11, phase: 1 });
    const firstAtRisk = grid.findIndex((cell) => cell.status === 'AT_RISK');
    const lastMissed = statuses.lastIndexOf('MISSED');
    expect(firstAtRisk).toBeGreaterThan(lastMissed);
    expect(statuses.indexOf('MET')).toBeGreaterThan(statuses.lastIndexOf('AT_RISK'));
    expect(statuses.lastIndexOf('NOT_APPLICABLE')).toBe(statuses.length - 1);
    // Among at-risk cells, open windows (Year 8/9 phase 1, Year 10/11 phase 2) precede ones not yet open (Year 7).
    const atRisk = grid.filter((cell) => cell.status === 'AT_RISK');
    expect(atRisk.at(-1)!.yearGroup).toBe(7);
    expect(grid).toHaveLength(computeCompliance(school, met, asOf).reduce((n, c) => n + c.phases.length, 0));
  });
});

describe('the policy review date', () => {
  it.each([
    ['2027-06-08', 'current'],
    ['2027-06-09', 'due'],
    ['2027-07-09', 'due'],
    ['2027-07-10', 'overdue'],
  ] as const)('on %s a policy due for review on 9 July 2027 is %s', (on, state) => {
    expect(policyReviewState('2027-07-09', on)).toBe(state);
  });
  it('reminds 30 days before', () => {
    expect(policyReviewReminderDate('2027-07-09')).toBe('2027-06-09');
  });
});

describe('past phases with no record', () => {
  it('lists phases that opened before today and hold nothing, and drops one once an encounter is recorded', () => {
    const none = unrecordedPastPhases(computeCompliance(school, [], asOf), asOf);
    expect(none.map((p) => [p.yearGroupNow, p.phase])).toEqual(
      expect.arrayContaining([
        [11, 1],
        [10, 1],
        [9, 1],
        [8, 1],
        [11, 2],
        [10, 2],
      ]),
    );
    expect(none.find((p) => p.yearGroupNow === 7)).toBeUndefined();
    expect(none[0]!.status).toBe('MISSED');
    expect(none[0]!.message).toMatch(/^Year 1[01] \(key phase 1, .*\): nothing on record\.$/);
    const recorded = [encounter({ providerId: 'a', date: '2025-10-06', yearGroups: [9], status: 'delivered' })];
    const after = unrecordedPastPhases(computeCompliance(school, recorded, asOf), asOf);
    expect(after.find((p) => p.yearGroupNow === 10 && p.phase === 1)).toBeUndefined();
  });
});

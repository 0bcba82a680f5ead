import { describe, expect, it } from 'vitest';
import { trustNameKey, yearGroupsFromStatutoryAges } from './gias.js';

describe('year groups from a register entry’s statutory ages', () => {
  it.each([
    [11, 16, { from: 7, to: 11 }],
    [11, 18, { from: 7, to: 13 }],
    [4, 11, { from: 1, to: 6 }],
    [14, 19, { from: 10, to: 13 }],
    [9, 13, { from: 5, to: 8 }],
    [16, 18, { from: 12, to: 13 }],
  ])('ages %i to %i teach %o', (low, high, expected) => {
    expect(yearGroupsFromStatutoryAges(low, high)).toEqual(expected);
  });

  it('makes nothing of missing or impossible ages (a nursery, a typo)', () => {
    expect(yearGroupsFromStatutoryAges(undefined, 16)).toBeUndefined();
    expect(yearGroupsFromStatutoryAges(2, 4)).toBeUndefined();
    expect(yearGroupsFromStatutoryAges(16, 11)).toBeUndefined();
  });
});

describe('trust names', () => {
  it('matches the register’s spelling to the one a trust gave itself', () => {
    expect(trustNameKey('THE AIRE VALLEY LEARNING TRUST')).toBe(trustNameKey('Aire Valley Learning Trust'));
    expect(trustNameKey('Leeds & Bradford Academies')).toBe(trustNameKey('Leeds and Bradford Academies'));
    expect(trustNameKey('Aire Valley Learning Trust')).not.toBe(trustNameKey('Aire Valley Trust'));
  });
});

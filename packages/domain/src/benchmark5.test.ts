import { describe, expect, it } from 'vitest';
import { benchmark5, yearGroupStatus, type EmployerEncounter } from './benchmark5.js';

let n = 0;
const enc = (over: Partial<EmployerEncounter>): EmployerEncounter => ({
  id: `e${++n}`,
  employerId: 'meridian',
  employerName: 'Meridian Engineering',
  sector: 'advanced_manufacturing',
  date: '2026-11-10',
  title: 'Workplace tour',
  yearGroups: [8],
  wholeYearGroup: true,
  status: 'delivered',
  ...over,
});

describe('Benchmark 5, one year group in one year', () => {
  it('MET: a delivered encounter open to the whole year group', () => {
    const row = yearGroupStatus(8, 2026, [enc({})], '2026-12-01');
    expect(row.status).toBe('MET');
    expect(row.employers).toEqual(['Meridian Engineering']);
    expect(row.sectors).toEqual(['advanced_manufacturing']);
    expect(row.cohort).toBe(2025);
  });
  it('PARTIAL: only a named group had one', () => {
    expect(yearGroupStatus(8, 2026, [enc({ wholeYearGroup: false, groupName: 'STEM club' })], '2026-12-01')).toMatchObject({ status: 'PARTIAL', explanation: expect.stringContaining('STEM club') });
  });
  it('PLANNED: confirmed and still to come', () => {
    expect(yearGroupStatus(8, 2026, [enc({ status: 'confirmed', date: '2027-01-20' })], '2026-12-01').status).toBe('PLANNED');
  });
  it('a confirmed encounter whose day has passed with no outcome counts for nothing', () => {
    expect(yearGroupStatus(8, 2026, [enc({ status: 'confirmed', date: '2026-11-10' })], '2026-12-01').status).toBe('NOT_MET');
  });
  it('delivered after asOf is planned then (the answer the school saw that day)', () => {
    expect(yearGroupStatus(8, 2026, [enc({ date: '2026-11-10' })], '2026-11-01').status).toBe('PLANNED');
  });
  it('another year group or another academic year does not count', () => {
    expect(yearGroupStatus(9, 2026, [enc({})], '2026-12-01').status).toBe('NOT_MET');
    expect(yearGroupStatus(8, 2027, [enc({})], '2027-12-01').status).toBe('NOT_MET');
  });
});

describe('benchmark5 report', () => {
  it('covers Years 7–13 the school teaches, per year, with sectors across a cohort', () => {
    const report = benchmark5({
      taught: { from: 7, to: 11 },
      asOf: '2027-03-01',
      academicYears: [2025, 2026],
      encounters: [
        enc({ date: '2026-03-10', yearGroups: [7], sector: 'digital_and_technologies', employerName: 'Pixel Ltd' }),
        enc({}),
        enc({ status: 'cancelled', yearGroups: [9] }),
      ],
    });
    expect(report.years.map((y) => y.label)).toEqual(['2025/26', '2026/27']);
    expect(report.years[1]!.yearGroups.map((r) => r.yearGroup)).toEqual([7, 8, 9, 10, 11]);
    expect(report.years[1]!.yearGroups.find((r) => r.yearGroup === 9)!.status).toBe('NOT_MET');
    const cohort2025 = report.cohorts.find((c) => c.cohort === 2025)!;
    expect(cohort2025).toMatchObject({ yearGroupNow: 8, yearsMet: 2, sectors: ['advanced_manufacturing', 'digital_and_technologies'] });
  });
});

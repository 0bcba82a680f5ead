import { describe, expect, it } from 'vitest';
import { benchmark5, benchmark5Cohorts, benchmark5FirstYear, isBenchmark5Counted, yearGroupStatus, type EmployerEncounter } from './benchmark5.js';

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

describe('Benchmark 5 about the pupils a school has now (issue 16)', () => {
  it('counts confirmed and delivered encounters only', () => {
    expect(['confirmed', 'delivered', 'cancelled', 'not_delivered', 'requested'].filter(isBenchmark5Counted)).toEqual(['confirmed', 'delivered']);
  });

  it('names the cohorts in Years 7–13 the school teaches, and the first year one of them was in such a year group', () => {
    expect(benchmark5Cohorts({ from: 7, to: 11 }, '2027-03-01')).toEqual([2022, 2023, 2024, 2025, 2026]);
    expect(benchmark5Cohorts({ from: 5, to: 8 }, '2027-03-01')).toEqual([2025, 2026]);
    expect(benchmark5Cohorts({ from: 1, to: 6 }, '2027-03-01')).toEqual([]);
    // Today's Year 11 was in Year 7 in 2022/23; a 14–19 school's Year 13 was in Year 10 in 2023/24.
    expect(benchmark5FirstYear({ from: 7, to: 11 }, '2027-03-01')).toBe(2022);
    expect(benchmark5FirstYear({ from: 10, to: 13 }, '2027-03-01')).toBe(2023);
    expect(benchmark5FirstYear({ from: 1, to: 6 }, '2027-03-01')).toBeUndefined();
  });

  it('with currentPupilsOnly, a past year shows only the rows of cohorts still in the school, with the same statuses', () => {
    const input = {
      taught: { from: 7, to: 11 } as const,
      asOf: '2027-03-01',
      academicYears: [2025, 2026],
      encounters: [enc({ date: '2025-11-10', yearGroups: [8, 11] }), enc({ date: '2026-11-10', yearGroups: [8] })],
    };
    const all = benchmark5(input);
    const current = benchmark5({ ...input, currentPupilsOnly: true });
    // 2025/26's Year 11 (cohort 2019) has left; its Years 7–10 are today's Years 8–11.
    expect(current.years[0]!.yearGroups.map((r) => r.yearGroup)).toEqual([7, 8, 9, 10]);
    expect(all.years[0]!.yearGroups.find((r) => r.yearGroup === 11)!.status).toBe('MET');
    expect(current.years[0]!.yearGroups).toEqual(all.years[0]!.yearGroups.filter((r) => r.yearGroup !== 11));
    // This year's rows and the cohorts are the school's pupils either way.
    expect(current.years[1]).toEqual(all.years[1]);
    expect(current.cohorts).toEqual(all.cohorts);
  });
});

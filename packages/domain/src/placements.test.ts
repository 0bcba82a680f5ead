import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { schoolCalendar } from './testing/fixtures.js';
import {
  benchmark6Standing,
  checkPlacementConfirmation,
  checkPlacementOffer,
  checkPlacementRequest,
  expandPlacementDays,
  MAX_PLACEMENT_DAYS,
  pupilRecordEnds,
  summariseStanding,
  type PlacementOfferFacts,
  type WorkExperienceDay,
} from './work-experience.js';
import { addDays, weekdayOf } from './time.js';

const offer: PlacementOfferFacts = {
  kind: 'placement',
  yearGroups: [10, 11],
  attendance: 'in_person',
  days: ['2027-06-14', '2027-06-15', '2027-06-16', '2027-06-17', '2027-06-18'],
  minimumNoticeDays: 14,
  hostName: 'Meridian Engineering',
};
const dayItems = offer.days.map((date) => ({ date, places: 3, confirmedCount: 0 }));
const pupil = (id: string, overrides: Partial<{ yearGroup: number; confirmedDays: string[]; consent: boolean }> = {}) => ({ id, name: `Pupil ${id}`, yearGroup: 10, ...overrides });
const request = (overrides: Partial<Parameters<typeof checkPlacementRequest>[0]> = {}) =>
  checkPlacementRequest({ offer, dayItems, days: offer.days, pupils: [pupil('a')], calendar: schoolCalendar, requestDate: '2027-05-03', ...overrides });
const codes = (results: Array<{ code: string }>) => results.map((r) => r.code);

describe('expandPlacementDays', () => {
  it('expands a block to its weekdays and a weekly pattern to its weekdays', () => {
    expect(expandPlacementDays({ kind: 'block', from: '2027-06-14', to: '2027-06-20' })).toEqual(offer.days);
    expect(expandPlacementDays({ kind: 'weekly', weekdays: ['wednesday'], from: '2027-06-01', to: '2027-06-30' })).toEqual(['2027-06-02', '2027-06-09', '2027-06-16', '2027-06-23', '2027-06-30']);
    expect(expandPlacementDays({ kind: 'dates', dates: ['2027-06-15', '2027-06-14', '2027-06-15'] })).toEqual(['2027-06-14', '2027-06-15']);
  });

  it('property: a block gives only weekdays inside it, in order, never more than the cap + 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 400 }), (start, length) => {
        const from = addDays('2026-09-01', start);
        const to = addDays(from, length);
        const days = expandPlacementDays({ kind: 'block', from, to });
        expect(days.length).toBeLessThanOrEqual(MAX_PLACEMENT_DAYS + 1);
        for (const day of days) {
          expect(day >= from && day <= to).toBe(true);
          expect(['saturday', 'sunday']).not.toContain(weekdayOf(day));
        }
        expect([...days].sort()).toEqual(days);
      }),
    );
  });
});

describe('checkPlacementOffer', () => {
  it('IN_PERSON: online only never; hybrid only with a reason', () => {
    expect(codes(checkPlacementOffer(offer))).toEqual([]);
    expect(codes(checkPlacementOffer({ ...offer, attendance: 'virtual' }))).toEqual(['IN_PERSON']);
    expect(codes(checkPlacementOffer({ ...offer, attendance: 'hybrid' }))).toEqual(['IN_PERSON']);
    expect(codes(checkPlacementOffer({ ...offer, attendance: 'hybrid', hybridReason: 'Site access limited during works' }))).toEqual([]);
  });

  it('PLACEMENT_YEAR_GROUP: placements for Years 10–11, activities for Years 7–9', () => {
    expect(codes(checkPlacementOffer({ ...offer, yearGroups: [9, 10] }))).toEqual(['PLACEMENT_YEAR_GROUP']);
    expect(codes(checkPlacementOffer({ ...offer, kind: 'activity', yearGroups: [7, 8, 9] }))).toEqual([]);
    expect(codes(checkPlacementOffer({ ...offer, kind: 'activity', yearGroups: [10] }))).toEqual(['PLACEMENT_YEAR_GROUP']);
    expect(codes(checkPlacementOffer({ ...offer, yearGroups: [] }))).toEqual(['PLACEMENT_YEAR_GROUP']);
  });
});

describe('checkPlacementRequest', () => {
  it('passes a request on offered open days with notice', () => {
    expect(request()).toEqual([]);
  });

  it('PLACEMENT_DAY_NOT_OFFERED for a day the host does not offer', () => {
    expect(codes(request({ days: ['2027-06-21'] }))).toEqual(['PLACEMENT_DAY_NOT_OFFERED']);
  });

  it('SCHOOL_CLOSED_DAY for an offered day in the school’s half term', () => {
    const halfTerm = { ...offer, days: ['2027-06-01'] };
    const results = request({ offer: halfTerm, dayItems: [{ date: '2027-06-01', places: 3, confirmedCount: 0 }], days: ['2027-06-01'] });
    expect(codes(results)).toEqual(['SCHOOL_CLOSED_DAY']);
    expect(results[0]!.message).toMatch(/May half term/);
  });

  it('PLACEMENT_FULL when a day has fewer places left than pupils asked for', () => {
    const full = dayItems.map((day) => (day.date === '2027-06-16' ? { ...day, confirmedCount: 2 } : day));
    const results = request({ dayItems: full, pupils: [pupil('a'), pupil('b')] });
    expect(codes(results)).toEqual(['PLACEMENT_FULL']);
    expect(results[0]!.message).toMatch(/1 place left, not 2/);
  });

  it('PLACEMENT_YEAR_GROUP for a pupil in a year group not offered', () => {
    expect(codes(request({ pupils: [pupil('a', { yearGroup: 9 })] }))).toEqual(['PLACEMENT_YEAR_GROUP']);
  });

  it('PUPIL_DOUBLE_BOOKED for a pupil already confirmed elsewhere that day', () => {
    expect(codes(request({ pupils: [pupil('a', { confirmedDays: ['2027-06-17'] })] }))).toEqual(['PUPIL_DOUBLE_BOOKED']);
  });

  it('PLACEMENT_NOTICE counts calendar days from the request to the first day', () => {
    expect(codes(request({ requestDate: '2027-05-31' }))).toEqual([]);
    expect(codes(request({ requestDate: '2027-06-01' }))).toEqual(['PLACEMENT_NOTICE']);
  });
});

describe('checkPlacementConfirmation', () => {
  const clearance = { signedOff: true, insuranceExpiresOn: '2028-03-31', packVersion: 2 };
  const confirm = (overrides: Partial<Parameters<typeof checkPlacementConfirmation>[0]> = {}) =>
    checkPlacementConfirmation({ offer, dayItems, days: offer.days, pupils: [pupil('a', { consent: true })], calendar: schoolCalendar, consentRequired: true, clearance, ...overrides });

  it('passes with consent, a signed-off pack and open days', () => {
    expect(confirm()).toEqual([]);
  });

  it('PARENTAL_CONSENT only when the school requires it before confirmation', () => {
    expect(codes(confirm({ pupils: [pupil('a', { consent: false })] }))).toEqual(['PARENTAL_CONSENT']);
    expect(codes(confirm({ pupils: [pupil('a', { consent: false })], consentRequired: false }))).toEqual([]);
  });

  it('SAFETY_CHECKS and INSURANCE_EXPIRED from the safety pack', () => {
    expect(codes(confirm({ clearance: undefined }))).toEqual(['SAFETY_CHECKS']);
    expect(codes(confirm({ clearance: { ...clearance, insuranceExpiresOn: '2027-06-15' } }))).toEqual(['INSURANCE_EXPIRED']);
  });
});

describe('pupil records end the academic year after the last placement', () => {
  it('ends on 31 August of the following academic year', () => {
    expect(pupilRecordEnds('2027-06-14')).toBe('2028-08-31');
    expect(pupilRecordEnds('2026-09-07')).toBe('2028-08-31');
  });
});

describe('benchmark6Standing', () => {
  const day = (pupilId: string, date: string, status: WorkExperienceDay['status'], kind: WorkExperienceDay['kind'] = 'placement', host = 'h1'): WorkExperienceDay => ({
    pupilId,
    date,
    status,
    hostOrgId: host,
    hostName: host,
    sector: 'advanced_manufacturing',
    kind,
  });

  it('counts Years 10–11 placement days across employers and both years; absences count for nothing', () => {
    // Cohort 2022 is Year 11 in 2026/27; its Year 10 days (2025/26) count too.
    const days = [
      day('p', '2026-06-15', 'attended', 'placement', 'A'),
      day('p', '2026-06-16', 'attended', 'placement', 'A'),
      day('p', '2026-11-02', 'attended', 'placement', 'B'),
      day('p', '2026-11-03', 'absent', 'placement', 'B'),
      day('p', '2027-03-01', 'confirmed', 'placement', 'C'),
      day('p', '2027-03-02', 'confirmed', 'placement', 'C'),
    ];
    const [standing] = benchmark6Standing([{ id: 'p', cohort: 2022 }], days, 2026);
    expect(standing).toMatchObject({ yearGroup: 11, delivered: 3, confirmed: 2, short: 0, met: false, onTrack: true, hosts: ['A', 'B', 'C'] });
  });

  it('Years 7–9 count activity days, not placement days; a day counted once', () => {
    const days = [day('q', '2026-10-05', 'attended', 'activity'), day('q', '2026-10-05', 'attended', 'activity', 'other'), day('q', '2026-10-06', 'attended', 'placement')];
    const [standing] = benchmark6Standing([{ id: 'q', cohort: 2025 }], days, 2026);
    expect(standing).toMatchObject({ yearGroup: 8, phase: 'years_7_9', delivered: 1, short: 4 });
  });

  it('summarises per year group: met, on track, and who is short by how many', () => {
    const days = [0, 1, 2, 3, 4].map((i) => day('full', addDays('2027-06-14', i), 'attended'));
    const standings = benchmark6Standing([{ id: 'full', cohort: 2023 }, { id: 'none', cohort: 2023 }, { id: 'y7', cohort: 2026 }, { id: 'y12', cohort: 2021 }], days, 2026);
    expect(summariseStanding(standings)).toEqual([
      { yearGroup: 7, pupils: 1, met: 0, onTrack: 0, short: [{ pupilId: 'y7', days: 5 }] },
      { yearGroup: 10, pupils: 2, met: 1, onTrack: 1, short: [{ pupilId: 'none', days: 5 }] },
    ]);
  });

  it('property: delivered + confirmed + short is at least a week, and met implies on track', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ offset: fc.integer({ min: 0, max: 600 }), status: fc.constantFrom('confirmed', 'attended', 'absent') as fc.Arbitrary<WorkExperienceDay['status']> }), { maxLength: 20 }), (raw) => {
        const days = raw.map((r) => day('p', addDays('2025-09-01', r.offset), r.status));
        const [standing] = benchmark6Standing([{ id: 'p', cohort: 2022 }], days, 2026);
        expect(standing!.delivered + standing!.confirmed + standing!.short).toBeGreaterThanOrEqual(5);
        if (standing!.met) expect(standing!.onTrack).toBe(true);
      }),
    );
  });
});

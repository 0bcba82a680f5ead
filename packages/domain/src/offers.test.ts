import { describe, expect, it } from 'vitest';
import { checkOfferRequest, evaluateOfferBooking, isVisitFormat, weekdaysBetween, type OfferTerms } from './offers.js';
import { providers, schoolFacts } from './testing/fixtures.js';

const terms: OfferTerms = { dates: ['2026-11-10', '2026-11-11'], start: '09:30', end: '14:30', yearGroups: [9, 10], status: 'open' };
const request = { date: '2026-11-10', start: '10:00', end: '12:00', yearGroups: [9], pupils: 180, remaining: 200 };
const codes = (list: Array<{ code: string }>) => list.map((v) => v.code);

describe('checkOfferRequest', () => {
  it('accepts a request the offer allows', () => expect(checkOfferRequest(terms, request)).toEqual([]));
  it('OFFER_DATE: a date not offered', () => expect(codes(checkOfferRequest(terms, { ...request, date: '2026-11-12' }))).toEqual(['OFFER_DATE']));
  it('OFFER_TIME: starting before the offer', () => expect(codes(checkOfferRequest(terms, { ...request, start: '09:00' }))).toEqual(['OFFER_TIME']));
  it('OFFER_TIME: ending after the offer', () => expect(codes(checkOfferRequest(terms, { ...request, end: '15:00' }))).toEqual(['OFFER_TIME']));
  it('OFFER_YEAR_GROUP: a year group not offered, named', () => expect(checkOfferRequest(terms, { ...request, yearGroups: [8] })).toEqual([expect.objectContaining({ code: 'OFFER_YEAR_GROUP', yearGroup: 8 })]));
  it('OFFER_CAPACITY: more pupils than places left', () => expect(codes(checkOfferRequest(terms, { ...request, pupils: 201 }))).toEqual(['OFFER_CAPACITY']));
  it('OFFER_CAPACITY: exactly the places left fit', () => expect(checkOfferRequest(terms, { ...request, pupils: 200 })).toEqual([]));
  it('OFFER_CLOSED: a withdrawn offer', () => expect(codes(checkOfferRequest({ ...terms, status: 'withdrawn' }, request))).toEqual(['OFFER_CLOSED']));
});

describe('offer dates and formats', () => {
  it('a range of dates is its weekdays', () => expect(weekdaysBetween('2026-11-06', '2026-11-10')).toEqual(['2026-11-06', '2026-11-09', '2026-11-10']));
  it('visits are at the host', () => {
    expect(isVisitFormat('workplace_tour')).toBe(true);
    expect(isVisitFormat('talk')).toBe(false);
  });
});

describe('evaluateOfferBooking', () => {
  const school = schoolFacts({ from: 7, to: 11 });
  const base = {
    provider: providers.college,
    school,
    existing: [],
    encounter: { date: '2026-11-10', start: '09:30', end: '14:30', yearGroups: [9], venueCapacity: 200, designation: 'statutory' as const },
  };
  it('a taster day for the whole of Year 9 in the school day and phase 1 counts', () => {
    const result = evaluateOfferBooking(base, { travelMinutes: 0 });
    expect(result.counts).toBe(true);
    expect(result.countsToward).toEqual([{ cohort: 2024, phase: 1 }]);
  });
  it('SCHOOL_HOURS: the journey must fit the school day (08:45–15:15)', () => {
    expect(evaluateOfferBooking(base, { travelMinutes: 45 }).counts).toBe(true);
    expect(evaluateOfferBooking(base, { travelMinutes: 46 }).statutoryViolations.map((v) => v.code)).toEqual(['SCHOOL_HOURS']);
    expect(evaluateOfferBooking(base, { travelMinutes: 60 }).counts).toBe(false);
  });
  it('MIN_DURATION is judged on the encounter, not the journey', () => {
    const short = { ...base, encounter: { ...base.encounter, start: '10:00', end: '10:10' } };
    expect(evaluateOfferBooking(short, { travelMinutes: 30 }).statutoryViolations.map((v) => v.code)).toEqual(['MIN_DURATION']);
  });
  it('WHOLE_YEAR_GROUP: the host venue must hold the roll', () => {
    const small = { ...base, encounter: { ...base.encounter, venueCapacity: 100 } };
    expect(evaluateOfferBooking(small, { travelMinutes: 0 }).statutoryViolations.map((v) => v.code)).toContain('WHOLE_YEAR_GROUP');
  });
  it('an employer is not an eligible provider: its encounter does not count toward the duty', () => {
    expect(evaluateOfferBooking({ ...base, provider: providers.employer }, { travelMinutes: 0 }).statutoryViolations.map((v) => v.code)).toEqual(['ELIGIBLE_PROVIDER']);
  });
});

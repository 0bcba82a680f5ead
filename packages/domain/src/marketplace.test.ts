import { describe, expect, it } from 'vitest';
import {
  checkBookingRequest,
  checkNotPast,
  checkAccessTimes,
  checkCanCancel,
  checkCanRecordOutcome,
  checkNoticePeriod,
  checkNotAlreadyBooked,
  checkPlacesLeft,
  checkPolicyPublished,
  lastRequestDate,
  placesLeft,
  type SlotState,
} from './marketplace.js';
import { accessRules } from './rules.js';
import { schoolCalendar } from './testing/fixtures.js';

const slot = (places: number, ...bookings: SlotState['bookings']): SlotState => ({ places, bookings });

describe('SLOT_FULL', () => {
  it.each([
    [slot(2), 2, null],
    [slot(2, { providerId: 'a', state: 'confirmed' }), 1, null],
    [slot(2, { providerId: 'a', state: 'confirmed' }, { providerId: 'b', state: 'confirmed' }), 0, 'SLOT_FULL'],
    [slot(1, { providerId: 'a', state: 'requested' }), 1, null],
    [slot(1, { providerId: 'a', state: 'cancelled' }), 1, null],
    [slot(1, { providerId: 'a', state: 'confirmed' }, { providerId: 'b', state: 'confirmed' }), 0, 'SLOT_FULL'],
  ])('%j has %i places left', (state, left, code) => {
    expect(placesLeft(state)).toBe(left);
    expect(checkPlacesLeft(state)?.code ?? null).toBe(code);
  });
});

describe('ALREADY_BOOKED', () => {
  it.each([
    ['requested', false, 'ALREADY_BOOKED'],
    ['confirmed', false, 'ALREADY_BOOKED'],
    ['declined', false, null],
    ['withdrawn', false, null],
    ['cancelled', false, null],
    ['requested', true, null],
    ['confirmed', true, 'ALREADY_BOOKED'],
  ] as const)('a %s booking (approving that request: %s) → %s', (state, exceptRequested, code) => {
    const result = checkNotAlreadyBooked(slot(3, { providerId: 'college', state }), 'college', { exceptRequested, providerName: 'Northgate College' });
    expect(result?.code ?? null).toBe(code);
    if (result) expect(result.message).toBe('Northgate College already has a request or booking for this slot.');
  });

  it('ignores other providers’ bookings', () => {
    expect(checkNotAlreadyBooked(slot(3, { providerId: 'itp', state: 'confirmed' }), 'college')).toBeNull();
  });
});

describe('NOTICE_PERIOD counts school days', () => {
  it.each<[string, string, number, 'NOTICE_PERIOD' | null, string]>([
    ['2027-01-04', '2027-01-12', 5, null, 'five clear days'],
    ['2027-01-05', '2027-01-12', 5, 'NOTICE_PERIOD', 'four clear days'],
    ['2026-10-19', '2026-11-03', 5, null, 'half term does not count, but the days around it do'],
    ['2026-10-20', '2026-11-03', 5, 'NOTICE_PERIOD', 'one day less'],
    ['2026-11-09', '2026-11-17', 5, 'NOTICE_PERIOD', 'the INSET Friday is not a school day'],
    ['2027-01-12', '2027-01-12', 0, 'NOTICE_PERIOD', 'a request on the day is never in time'],
    ['2027-01-11', '2027-01-12', 0, null, 'no notice required'],
  ])('request %s for %s with %i days’ notice → %s (%s)', (requestDate, slotDate, notice, code) => {
    expect(checkNoticePeriod(schoolCalendar, requestDate, slotDate, notice)?.code ?? null).toBe(code);
  });
});

describe('the last day to request a slot (search hides it after)', () => {
  it.each<[string, number, string | null, string]>([
    ['2027-01-12', 5, '2027-01-04', 'five clear school days before'],
    ['2026-11-03', 5, '2026-10-19', 'half term does not count'],
    ['2027-01-12', 0, '2027-01-11', 'no notice: the day before'],
  ])('a slot on %s with %i days’ notice → last request %s (%s)', (slotDate, notice, expected) => {
    const last = lastRequestDate(schoolCalendar, slotDate, notice);
    expect(last).toBe(expected);
    // The day after it breaks the rule; the day itself keeps it.
    expect(checkNoticePeriod(schoolCalendar, last!, slotDate, notice)).toBeNull();
    expect(checkNoticePeriod(schoolCalendar, `${last!.slice(0, 8)}${String(Number(last!.slice(8)) + 1).padStart(2, '0')}`, slotDate, notice)?.code).toBe('NOTICE_PERIOD');
  });
});

describe('POLICY_NOT_PUBLISHED and the combined pre-check', () => {
  it('blocks an unpublished school', () => {
    expect(checkPolicyPublished({ published: false })?.code).toBe('POLICY_NOT_PUBLISHED');
    expect(checkPolicyPublished({ published: true })).toBeNull();
  });

  it('lists every broken marketplace rule', () => {
    const violations = checkBookingRequest({
      calendar: schoolCalendar,
      rules: accessRules({ published: false }),
      requestDate: '2027-01-11',
      slotDate: '2027-01-12',
      providerId: 'college',
      slot: slot(1, { providerId: 'college', state: 'confirmed' }),
    });
    expect(violations.map((violation) => violation.code)).toEqual(['POLICY_NOT_PUBLISHED', 'NOTICE_PERIOD', 'SLOT_FULL', 'ALREADY_BOOKED']);
    expect(
      checkBookingRequest({ calendar: schoolCalendar, rules: accessRules({ published: true }), requestDate: '2026-12-01', slotDate: '2027-01-12', providerId: 'college', slot: slot(1) }),
    ).toEqual([]);
  });

  it('says a slot in the past has happened (SLOT_IN_PAST), instead of counting notice for it', () => {
    const request = { calendar: schoolCalendar, rules: accessRules({ published: true }), providerId: 'college', slotDate: '2027-01-12' };
    expect(checkBookingRequest({ ...request, requestDate: '2027-01-13' }).map((v) => v.code)).toEqual(['SLOT_IN_PAST']);
    expect(checkNotPast('2027-01-12', '2027-01-12')).toBeNull();
    expect(checkNotPast('2027-01-11', '2027-01-12')?.code).toBe('SLOT_IN_PAST');
  });
});

describe('ACCESS_TIMES, ALREADY_HAPPENED and NOT_YET_HAPPENED', () => {
  const times = [{ weekdays: [2, 4], start: '08:45', end: '09:15' }];
  it.each<[string, string, string, string, 'ACCESS_TIMES' | null]>([
    ['inside, on a Tuesday', '2027-01-12', '08:50', '09:10', null],
    ['exactly the window', '2027-01-12', '08:45', '09:15', null],
    ['one minute over', '2027-01-12', '08:50', '09:16', 'ACCESS_TIMES'],
    ['on a Monday, not named', '2027-01-11', '08:50', '09:10', 'ACCESS_TIMES'],
  ])('%s', (_why, date, start, end, code) => {
    expect(checkAccessTimes(times, date, start, end)?.code ?? null).toBe(code);
  });

  it('lets a booking be cancelled up to its day and its outcome recorded from its day', () => {
    expect(checkCanCancel('2027-01-12', '2027-01-12')).toBeNull();
    expect(checkCanCancel('2027-01-12', '2027-01-13')?.code).toBe('ALREADY_HAPPENED');
    expect(checkCanRecordOutcome('2027-01-12', '2027-01-12')).toBeNull();
    expect(checkCanRecordOutcome('2027-01-12', '2027-01-11')?.code).toBe('NOT_YET_HAPPENED');
  });
});

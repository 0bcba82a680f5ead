import type { SchoolCalendar } from '../calendar.js';
import type { YearGroupRange } from '../cohorts.js';
import type { Encounter, SchoolFacts, SchoolRoll } from '../encounters.js';
import type { ProviderFacts } from '../providers.js';

/**
 * Shared test data: an English secondary school calendar for 2025/26 to 2027/28, modelled on a
 * local authority's published term dates, and providers of each kind. Used by tests and the bench.
 */

const standardDay = { start: '08:45', end: '15:15' };
const earlyFinish = { start: '08:45', end: '15:05' };

export const schoolCalendar: SchoolCalendar = {
  terms: [
    { name: 'Autumn term 2025', start: '2025-09-01', end: '2025-12-19' },
    { name: 'Spring term 2026', start: '2026-01-05', end: '2026-03-27' },
    { name: 'Summer term 2026', start: '2026-04-13', end: '2026-07-22' },
    { name: 'Autumn term 2026', start: '2026-09-01', end: '2026-12-18' },
    { name: 'Spring term 2027', start: '2027-01-04', end: '2027-03-25' },
    { name: 'Summer term 2027', start: '2027-04-12', end: '2027-07-21' },
    { name: 'Autumn term 2027', start: '2027-09-01', end: '2027-12-17' },
    { name: 'Spring term 2028', start: '2028-01-04', end: '2028-03-31' },
    { name: 'Summer term 2028', start: '2028-04-18', end: '2028-07-21' },
  ],
  closures: [
    { name: 'INSET days', kind: 'inset', start: '2025-09-01', end: '2025-09-02' },
    { name: 'October half term', kind: 'holiday', start: '2025-10-27', end: '2025-10-31' },
    { name: 'February half term', kind: 'holiday', start: '2026-02-16', end: '2026-02-20' },
    { name: 'May half term', kind: 'holiday', start: '2026-05-25', end: '2026-05-29' },
    { name: 'October half term', kind: 'holiday', start: '2026-10-26', end: '2026-10-30' },
    { name: 'INSET day', kind: 'inset', start: '2026-11-13', end: '2026-11-13' },
    { name: 'INSET day', kind: 'inset', start: '2027-01-04', end: '2027-01-04' },
    { name: 'February half term', kind: 'holiday', start: '2027-02-15', end: '2027-02-19' },
    { name: 'May half term', kind: 'holiday', start: '2027-05-31', end: '2027-06-04' },
    { name: 'October half term', kind: 'holiday', start: '2027-10-25', end: '2027-10-29' },
    { name: 'February half term', kind: 'holiday', start: '2028-02-14', end: '2028-02-18' },
    { name: 'Polling day', kind: 'other', start: '2028-05-04', end: '2028-05-04' },
  ],
  days: { monday: standardDay, tuesday: standardDay, wednesday: standardDay, thursday: standardDay, friday: standardDay },
  yearGroupDays: [
    {
      yearGroups: { from: 7, to: 8 },
      days: { monday: earlyFinish, tuesday: earlyFinish, wednesday: earlyFinish, thursday: earlyFinish, friday: earlyFinish },
    },
  ],
};

/** Open every weekday of the year (bank holidays still close it), to test phase boundaries in August and February. */
export const allYearCalendar: SchoolCalendar = {
  terms: [{ name: 'All year', start: '2020-01-01', end: '2035-12-31' }],
  closures: [],
  days: schoolCalendar.days,
};

export function rollFor(taught: YearGroupRange, fromYear = 2019, toYear = 2032): SchoolRoll {
  const roll: SchoolRoll = {};
  for (let year = fromYear; year <= toYear; year += 1) {
    roll[year] = {};
    for (let yearGroup = taught.from; yearGroup <= taught.to; yearGroup += 1) {
      (roll[year] as Record<number, number>)[yearGroup] = yearGroup >= 12 ? 120 : 180;
    }
  }
  return roll;
}

export function schoolFacts(taught: YearGroupRange = { from: 7, to: 13 }, calendar: SchoolCalendar = schoolCalendar): SchoolFacts {
  return { id: 'school-1', name: 'Riverside Academy', yearGroupsTaught: taught, roll: rollFor(taught), calendar };
}

export const providers = {
  college: { id: 'college', name: 'Northgate College', kind: 'provider', providerType: 'fe_college', offers: ['t_levels', 'apprenticeships'] },
  trainingProvider: { id: 'itp', name: 'SkillsFirst', kind: 'provider', providerType: 'itp', offers: ['apprenticeships'] },
  university: { id: 'uni', name: 'Riverside University', kind: 'provider', providerType: 'university', offers: ['htqs'] },
  utc: { id: 'utc', name: 'Engineering UTC', kind: 'school', providerType: 'utc', offers: ['t_levels'] },
  employer: { id: 'employer', name: 'Acme Ltd', kind: 'employer', offers: [] },
  employerOnRegister: {
    id: 'employer-atp',
    name: 'BuildCo',
    kind: 'employer',
    offers: ['apprenticeships'],
    registeredApprenticeshipProvider: true,
  },
  noOffer: { id: 'no-offer', name: 'Talk Ltd', kind: 'provider', providerType: 'itp', offers: [] },
} satisfies Record<string, ProviderFacts>;

let nextId = 0;

/** A confirmed statutory encounter with sensible defaults, overridable field by field. */
export function encounter(overrides: Partial<Encounter> & Pick<Encounter, 'providerId' | 'date' | 'yearGroups'>): Encounter {
  nextId += 1;
  return {
    id: `enc-${nextId}`,
    start: '10:00',
    end: '11:00',
    designation: 'statutory',
    status: 'confirmed',
    ...overrides,
  };
}

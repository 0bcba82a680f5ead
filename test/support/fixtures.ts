import { expect } from 'vitest';
import type { World } from './world.js';

/** A 2026/27 calendar with the shape of a real English school year. */
export const calendar2026 = {
  terms: [
    { name: 'Autumn 2026', start: '2026-09-02', end: '2026-12-18' },
    { name: 'Spring 2027', start: '2027-01-05', end: '2027-03-26' },
    { name: 'Summer 2027', start: '2027-04-12', end: '2027-07-21' },
  ],
  closures: [
    { name: 'Autumn half term', kind: 'holiday', start: '2026-10-26', end: '2026-10-30' },
    { name: 'INSET day', kind: 'inset', start: '2027-01-05', end: '2027-01-05' },
    { name: 'Spring half term', kind: 'holiday', start: '2027-02-15', end: '2027-02-19' },
  ],
  schoolDay: { start: '08:45', end: '15:15' },
};

export const policy = (overrides: Record<string, unknown> = {}) => ({
  contact: { name: 'Sam Patel', role: 'Careers leader', email: 'careers@school.example', telephone: '0113 496 0000' },
  requestProcedure: 'Email the careers leader with the encounter you propose and the year groups it suits.',
  grantingGrounds: 'We grant requests that fit our careers programme and the school calendar.',
  refusalGrounds: [
    { id: 'exam-clash', label: 'Clash with exams', description: 'The year group is sitting exams that week.' },
    { id: 'need-met', label: 'The need is being met elsewhere', description: '' },
  ],
  premisesAndFacilities: 'Main hall with projector and PA; a member of staff is always present.',
  accessTimes: [{ weekdays: [1, 2, 3, 4, 5], start: '08:45', end: '15:15', note: 'Assemblies at 08:50' }],
  howWeMeetTheDuty: 'Two assemblies per key phase, from two different providers, before 28 February.',
  safeguardingPolicyUrl: 'https://school.example/safeguarding',
  noticePeriodSchoolDays: 5,
  minimumDurationMinutes: 20,
  agreedByGovernorsOn: '2026-07-10',
  nextReviewOn: '2027-07-09',
  careersProgramme: {
    leaderName: 'Sam Patel',
    leaderEmail: 'careers@school.example',
    leaderTelephone: '0113 496 0000',
    summary: 'A programme built on the Gatsby Benchmarks from Year 7 to Year 11.',
    impactMeasurement: 'Destinations data and pupil surveys each summer.',
    nextReviewOn: '2027-07-09',
  },
  ...overrides,
});

let urnCounter = 300000;
let ukprnCounter = 10000000;

export interface SchoolSetup {
  leader: { email: string; token: string };
  schoolId: string;
  hallId: string;
  studioId: string;
}

/** A verified 11–16 school with a calendar, roll, venues and (unless told otherwise) a published policy. */
export async function setUpSchool(
  world: World,
  admin: { token: string },
  options: { publish?: boolean; yearGroups?: { from: number; to: number }; noticePeriodSchoolDays?: number } = {},
): Promise<SchoolSetup> {
  const leader = await world.user('leader');
  const yearGroups = options.yearGroups ?? { from: 7, to: 11 };
  const roll: Record<string, number> = {};
  for (let y = yearGroups.from; y <= yearGroups.to; y++) roll[String(y)] = 150;
  const created = await world.call(leader.token, 'POST', '/v1/schools', {
    urn: String(urnCounter++),
    name: `School ${urnCounter}`,
    address: '1 High Street, Leeds',
    postcode: 'LS1 1AA',
    location: { latitude: 53.8, longitude: -1.55 },
    yearGroups,
    roll,
    venues: [
      { name: 'Main hall', capacity: 400, facilities: ['projector'] },
      { name: 'Studio', capacity: 149, facilities: [] },
    ],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const schoolId = created.body.id as string;
  expect((await world.call(admin.token, 'POST', `/v1/admin/organisations/${schoolId}/verify`)).status).toBe(200);
  expect((await world.call(leader.token, 'PUT', `/v1/schools/${schoolId}/calendar`, calendar2026)).status).toBe(200);
  const saved = await world.call(leader.token, 'PUT', `/v1/schools/${schoolId}/policy`, policy({ noticePeriodSchoolDays: options.noticePeriodSchoolDays ?? 5 }));
  expect(saved.status, JSON.stringify(saved.body)).toBe(201);
  if (options.publish !== false) expect((await world.call(leader.token, 'POST', `/v1/schools/${schoolId}/policy/publish`)).status).toBe(200);
  const venues = created.body.venues as Array<{ id: string; name: string }>;
  return { leader, schoolId, hallId: venues[0]!.id, studioId: venues[1]!.id };
}

export async function setUpProvider(
  world: World,
  admin: { token: string },
  options: { verify?: boolean; offers?: string[]; user?: { email: string; token: string }; name?: string } = {},
) {
  const user = options.user ?? (await world.user('provider'));
  const created = await world.call(user.token, 'POST', '/v1/providers', {
    ukprn: String(ukprnCounter++),
    name: options.name ?? `College ${ukprnCounter}`,
    providerType: 'fe_college',
    offers: options.offers ?? ['t_levels', 'apprenticeships'],
    postcode: 'LS2 7QT',
    location: { latitude: 53.81, longitude: -1.56 },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  if (options.verify !== false) {
    expect((await world.call(admin.token, 'POST', `/v1/admin/organisations/${created.body.id}/verify`)).status).toBe(200);
  }
  return { user, orgId: created.body.id as string };
}

export const slot = (venueId: string, overrides: Record<string, unknown> = {}) => ({
  title: 'Year 9 assembly: routes after GCSEs',
  date: '2026-11-10',
  start: '08:50',
  end: '09:20',
  yearGroups: [9],
  format: 'assembly',
  venueId,
  places: 2,
  statutory: true,
  ...overrides,
});

export async function publishSlot(world: World, school: SchoolSetup, overrides: Record<string, unknown> = {}) {
  const res = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/slots`, slot(school.hallId, overrides));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

export async function request(world: World, provider: { user: { token: string }; orgId: string }, schoolId: string, slotId: string) {
  return world.call(provider.user.token, 'POST', `/v1/organisations/${provider.orgId}/requests`, { schoolId, slotId, message: 'We would love to come.' });
}

/** The rule codes a problem+json answer names, in order. */
export const codes = (body: { errors?: Array<{ code?: string }> }) => (body.errors ?? []).map((e) => e.code);

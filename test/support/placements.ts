import { expect } from 'vitest';
import { putSafetyPack, signOffWrites, transact, getSafetyClearance, type Db } from '@schoolgate/store';
import type { World } from './world.js';
import type { SchoolSetup } from './fixtures.js';

/** Work experience fixtures (issue 12, we-place): a verified employer, its safety pack signed off, a placement, pupils. */

export async function setUpEmployer(world: World, admin: { token: string }, options: { name?: string; user?: { email: string; token: string } } = {}) {
  const user = options.user ?? (await world.user('employer'));
  const created = await world.call(user.token, 'POST', '/v1/employers', {
    name: options.name ?? `Employer ${Math.random().toString(36).slice(2, 7)}`,
    sector: 'Engineering',
    postcode: 'LS11 5DF',
    location: { latitude: 53.78, longitude: -1.55 },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect((await world.call(admin.token, 'POST', `/v1/admin/organisations/${created.body.id}/verify`)).status).toBe(200);
  return { user, orgId: created.body.id as string };
}

/**
 * The host's pack entered and every check signed off by the school for the academic year, through
 * we-pack's store functions (their routes arrive with their branch).
 */
export async function signOffSafetyPack(db: Db, schoolId: string, hostOrgId: string, options: { academicYear?: string; insuranceExpiresOn?: string; packVersion?: number } = {}) {
  const academicYear = options.academicYear ?? '2026-27';
  const insuranceExpiresOn = options.insuranceExpiresOn ?? '2027-12-31';
  const at = new Date().toISOString();
  const pack = await putSafetyPack(
    db,
    hostOrgId,
    {
      insurance: { insurer: 'Acme Mutual', policyNumber: 'EL-1', expiresOn: insuranceExpiresOn },
      safeguarding: { contactName: 'Pat Lee', supervisorSelection: 'Experienced staff with DBS checks' },
    },
    options.packVersion ?? 0,
    at,
    'test',
  );
  const existing = await getSafetyClearance(db, schoolId, hostOrgId, academicYear);
  const signed = { signedBy: 'coordinator', signedAt: at, packVersion: pack.packVersion };
  await transact(
    db,
    signOffWrites(
      db,
      {
        schoolId,
        hostOrgId,
        academicYear,
        checks: { insurance: signed, healthAndSafety: signed, riskAssessment: signed, safeguarding: signed },
        signedOff: true,
        packVersion: pack.packVersion,
        insuranceExpiresOn,
        updatedAt: at,
      },
      existing ? existing.version : null,
    ),
  );
  return pack;
}

export const placementBody = (overrides: Record<string, unknown> = {}) => ({
  kind: 'placement',
  title: 'Engineering week in the workshop',
  sector: 'advanced_manufacturing',
  tasks: 'Build and test a small gearbox with the apprentices; present it on Friday.',
  whoTheyMeet: 'Apprentices, a design engineer and the workshop manager.',
  feedback: 'Written feedback from the supervisor on the last day.',
  address: 'Unit 4, Holbeck Works, Leeds',
  postcode: 'LS11 5DF',
  attendance: 'in_person',
  days: { kind: 'block', from: '2026-11-16', to: '2026-11-20' },
  dailyStart: '09:00',
  dailyEnd: '15:00',
  placesPerDay: 3,
  yearGroups: [10, 11],
  minimumNoticeDays: 14,
  accessibility: 'Step-free access; quiet room available.',
  travel: 'Ten minutes from Leeds station; bus 55.',
  dressCode: 'Sturdy shoes; we provide overalls.',
  supervisor: { name: 'Jo Smith', email: 'jo.smith@meridian.example' },
  ...overrides,
});

export async function publishPlacement(world: World, host: { user: { token: string }; orgId: string }, overrides: Record<string, unknown> = {}) {
  const res = await world.call(host.user.token, 'POST', `/v1/organisations/${host.orgId}/placements`, placementBody(overrides));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; days: string[] };
}

let refCounter = 1000;
export async function addPupils(world: World, school: SchoolSetup, count: number, yearGroup = 10) {
  const pupils = Array.from({ length: count }, (_, i) => ({ reference: `R${refCounter++}`, firstName: `Pupil${i}`, lastName: `Test${refCounter}`, yearGroup }));
  const res = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/pupils`, { pupils });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return (res.body.items as Array<{ id: string }>).map((p) => p.id);
}

export async function requestDays(world: World, school: SchoolSetup, hostOrgId: string, placementId: string, days: string[], pupilIds: string[]) {
  return world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/placement-bookings`, { hostOrgId, placementId, days, pupilIds });
}

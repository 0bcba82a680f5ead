import { beforeAll, describe, expect, it } from 'vitest';
import { publishSlot, request, setUpProvider, setUpSchool, slot, policy, type SchoolSetup } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';

/**
 * Every route checks that the caller belongs to the organisation it acts for, with the role it
 * needs. Outsiders get 404 (they learn nothing); members without the role get 403.
 */
describe('authorisation on every route', () => {
  let world: World;
  let school: SchoolSetup;
  let otherSchool: SchoolSetup;
  let provider: Awaited<ReturnType<typeof setUpProvider>>;
  let otherProvider: Awaited<ReturnType<typeof setUpProvider>>;
  let employer: { token: string; orgId: string };
  let staff: { token: string };
  let bookingId: string;
  let slotId: string;

  beforeAll(async () => {
    world = await createWorld();
    const admin = await world.user('admin', { platformAdmin: true });
    school = await setUpSchool(world, admin);
    otherSchool = await setUpSchool(world, admin);
    provider = await setUpProvider(world, admin);
    otherProvider = await setUpProvider(world, admin);
    const employerUser = await world.user('employer');
    const e = await world.call(employerUser.token, 'POST', '/v1/employers', { name: 'Acme', sector: 'Retail', postcode: 'LS1 2AB' });
    employer = { token: employerUser.token, orgId: e.body.id };
    const staffUser = await world.user('staff');
    const invited = await world.call(school.leader.token, 'POST', `/v1/organisations/${school.schoolId}/invitations`, { email: staffUser.email, role: 'staff' });
    expect(invited.status).toBe(201);
    expect((await world.call(staffUser.token, 'POST', `/v1/invitations/${school.schoolId}/accept`)).status).toBe(201);
    staff = staffUser;
    const members = await world.call(staff.token, 'GET', `/v1/organisations/${school.schoolId}/members`);
    expect(members.body.items.map((m: { role: string }) => m.role).sort()).toEqual(['careers_leader', 'staff']);
    expect((await world.call(otherSchool.leader.token, 'GET', `/v1/organisations/${school.schoolId}/members`)).status).toBe(404);
    slotId = (await publishSlot(world, school)).id;
    bookingId = (await request(world, provider, school.schoolId, slotId)).body.id;
  });

  const schoolRoutes = () => {
    const s = school.schoolId;
    const b = `/v1/schools/${s}/bookings/${bookingId}`;
    return [
      ['PATCH', `/v1/schools/${s}`, { name: 'Renamed' }],
      ['GET', `/v1/schools/${s}/calendar`, undefined],
      ['PUT', `/v1/schools/${s}/calendar`, { terms: [], closures: [], schoolDay: { start: '08:45', end: '15:15' } }],
      ['GET', `/v1/schools/${s}/policy`, undefined],
      ['PUT', `/v1/schools/${s}/policy`, policy()],
      ['POST', `/v1/schools/${s}/policy/publish`, undefined],
      ['POST', `/v1/schools/${s}/slots`, slot(school.hallId)],
      ['POST', `/v1/schools/${s}/slots/check`, slot(school.hallId)],
      ['GET', `/v1/schools/${s}/slots`, undefined],
      ['POST', `/v1/schools/${s}/slots/${slotId}/withdraw`, undefined],
      ['GET', `/v1/schools/${s}/bookings`, undefined],
      ['GET', `/v1/schools/${s}/compliance`, undefined],
      ['POST', `/v1/organisations/${s}/invitations`, { email: 'x@example.org', role: 'staff' }],
      ['POST', `${b}/approve`, {}],
      ['POST', `${b}/decline`, { groundId: 'exam-clash' }],
      ['POST', `${b}/attendance`, { delivered: true }],
      // Offers (issue 13)
      ['POST', `/v1/schools/${s}/offer-bookings`, { hostOrgId: provider.orgId, offerId: 'any', date: '2026-11-10', yearGroups: [9] }],
      ['POST', `/v1/schools/${s}/offer-bookings/${bookingId}/withdraw`, undefined],
      ['GET', `/v1/schools/${s}/benchmark5`, undefined],
      ['GET', `/v1/offers?orgId=${s}&from=2026-09-15&to=2026-12-31`, undefined],
      // evidence (issue 14)
      ['POST', `/v1/schools/${s}/recorded-encounters`, { date: '2026-09-10', start: '09:00', end: '09:30', yearGroups: [9], format: 'assembly', provider: { name: 'Leeds College', ukprn: '10099999', offers: ['t_levels'] } }],
      ['GET', `/v1/schools/${s}/recorded-encounters`, undefined],
      ['GET', `/v1/schools/${s}/reports/2026`, undefined],
      ['GET', `/v1/schools/${s}/reports/2026/csv`, undefined],
      ['POST', `/v1/schools/${s}/reports/2026/snapshots`, {}],
      ['GET', `/v1/schools/${s}/reports/2026/snapshots`, undefined],
      ['POST', `/v1/schools/${s}/roll-import`, { csv: 'year group,number on roll\n9,1' }],
      ['GET', `/v1/schools/${s}/groups`, undefined],
      // correcting a recorded encounter (issue 14)
      ['PUT', `/v1/schools/${s}/recorded-encounters/any-record`, { date: '2026-09-10', start: '09:00', end: '09:30', yearGroups: [9], format: 'assembly', provider: { name: 'Leeds College', ukprn: '10099999', offers: ['t_levels'] } }],
      ['POST', `/v1/schools/${s}/recorded-encounters/any-record/delete`, { reason: 'Entered twice' }],
      ['GET', `/v1/schools/${s}/recorded-encounters/any-record/history`, undefined],
      // finding and arranging (issue 15): the overview's waiting requests, a series of slots; the
      // school directory is for providers and employers (tested below)
      ['GET', `/v1/schools/${s}/waiting-requests`, undefined],
      ['POST', `/v1/schools/${s}/slots/series`, { ...slot(school.hallId), date: undefined, seriesId: '01AUTHSERIES00000001', dates: ['2026-11-10'] }],
    ] as const;
  };

  it.each(['another provider', 'a school'])('gives %s 404 on every offer route of a provider', async (who) => {
    const token = who === 'a school' ? school.leader.token : otherProvider.user.token;
    const p = provider.orgId;
    const offer = { title: 'Taster', format: 'campus_taster', dates: ['2026-11-10'], start: '09:30', end: '14:30', capacity: 200, yearGroups: [9], sector: 'other', mode: 'in_person', description: 'A day on campus.' };
    for (const [method, path, body] of [
      ['POST', `/v1/organisations/${p}/offers`, offer],
      ['GET', `/v1/organisations/${p}/offers`, undefined],
      ['POST', `/v1/organisations/${p}/offers/any/withdraw`, undefined],
      ['POST', `/v1/organisations/${p}/offer-bookings/${school.schoolId}/${bookingId}/confirm`, {}],
      ['POST', `/v1/organisations/${p}/offer-bookings/${school.schoolId}/${bookingId}/decline`, { reason: 'No.' }],
    ] as const) {
      expect((await world.call(token, method, path, body)).status, `${method} ${path}`).toBe(404);
    }
    // A provider cannot confirm a slot request through the offer route, even its own.
    expect((await world.call(provider.user.token, 'POST', `/v1/organisations/${p}/offer-bookings/${school.schoolId}/${bookingId}/confirm`, {})).status).toBe(404);
    expect((await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/bookings/${bookingId}`)).body.status).toBe('requested');
  });

  it.each(['another school', 'a provider', 'an employer'])('gives %s 404 on every school route and changes nothing', async (who) => {
    const token = who === 'another school' ? otherSchool.leader.token : who === 'a provider' ? provider.user.token : employer.token;
    for (const [method, path, body] of schoolRoutes()) {
      const res = await world.call(token, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      // Beyond echoing the caller's own request path, the answer says nothing about the school.
      const { instance: _path, ...rest } = res.body;
      expect(JSON.stringify(rest)).not.toContain(bookingId);
      expect(rest.title).toBe('Not found');
    }
    const booking = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/bookings/${bookingId}`);
    expect(booking.body.status).toBe('requested');
  });

  /** An organisation's API key (issue 18): it acts for that organisation alone, as the organisation. */
  async function apiKeyOf(token: string, orgId: string, scope: 'read' | 'read-write') {
    const created = await world.call(token, 'POST', `/v1/organisations/${orgId}/api-keys`, { name: `${scope} system`, scope });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.token as string;
  }

  it.each(['another school', 'a provider', 'an employer'])("gives %s's read-write API key 404 on every school route and changes nothing", async (who) => {
    const [token, orgId] =
      who === 'another school' ? [otherSchool.leader.token, otherSchool.schoolId] : who === 'a provider' ? [provider.user.token, provider.orgId] : [employer.token, employer.orgId];
    const key = await apiKeyOf(token, orgId, 'read-write');
    for (const [method, path, body] of schoolRoutes()) {
      const res = await world.call(key, method, path, body);
      // inviteMember is for people: any key gets 403 there before the organisation is looked at.
      expect(res.status, `${method} ${path}`).toBe(path.endsWith('/invitations') ? 403 : 404);
      const { instance: _path, ...rest } = res.body;
      expect(JSON.stringify(rest)).not.toContain(bookingId);
    }
    // The provider requested the booking, so its key (like its people) sees it; nobody else's does.
    expect((await world.call(key, 'GET', `/v1/schools/${school.schoolId}/bookings/${bookingId}`)).status).toBe(who === 'a provider' ? 200 : 404);
    const booking = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/bookings/${bookingId}`);
    expect(booking.body.status).toBe('requested');
  });

  it('keeps the school directory to the searching provider or employer, and the verification queue to the platform admin', async () => {
    // Schools do not search the directory: a school's own id, by its people or its key, is unknown to it.
    expect((await world.call(school.leader.token, 'GET', `/v1/school-directory?orgId=${school.schoolId}`)).status).toBe(404);
    const schoolKey = await apiKeyOf(school.leader.token, school.schoolId, 'read');
    expect((await world.call(schoolKey, 'GET', `/v1/school-directory?orgId=${school.schoolId}`)).status).toBe(404);
    // Another provider cannot search as this one.
    expect((await world.call(otherProvider.user.token, 'GET', `/v1/school-directory?orgId=${provider.orgId}`)).status).toBe(404);
    expect((await world.call(provider.user.token, 'GET', `/v1/school-directory?orgId=${provider.orgId}`)).status).toBe(200);
    for (const token of [school.leader.token, provider.user.token]) {
      expect((await world.call(token, 'GET', '/v1/admin/verification-queue')).status).toBe(403);
    }
  });

  it("gives the school's own read key its reads and 403 on every write", async () => {
    const key = await apiKeyOf(school.leader.token, school.schoolId, 'read');
    for (const [method, path, body] of schoolRoutes()) {
      const res = await world.call(key, method, path, body);
      // A record id that does not exist is the school's own 404 (it is allowed to ask).
      expect(res.status, `${method} ${path}`).toBe(method === 'GET' ? (path.includes('any-record') ? 404 : 200) : 403);
    }
    // The provider's key sees the booking from its side only, and the slot as search shows it.
    const providerKey = await apiKeyOf(provider.user.token, provider.orgId, 'read');
    expect((await world.call(providerKey, 'GET', `/v1/schools/${school.schoolId}/bookings/${bookingId}`)).status).toBe(200);
    const slotSeen = await world.call(providerKey, 'GET', `/v1/schools/${school.schoolId}/slots/${slotId}`);
    expect(slotSeen.status).toBe(200);
    expect(slotSeen.body).not.toHaveProperty('pendingCount');
    expect((await world.call(key, 'GET', `/v1/schools/${school.schoolId}/slots/${slotId}`)).body).toHaveProperty('pendingCount');
  });

  it('keeps platform administration and personal routes from every API key', async () => {
    const key = await apiKeyOf(school.leader.token, school.schoolId, 'read-write');
    expect((await world.call(key, 'GET', '/v1/admin/organisations?kind=provider')).status).toBe(403);
    expect((await world.call(key, 'POST', `/v1/admin/organisations/${provider.orgId}/verify`)).status).toBe(403);
    expect((await world.call(key, 'POST', '/v1/admin/gias/imports', 'URN,EstablishmentName,EstablishmentStatus (name)\n150001,A school,Open\n', { 'content-type': 'text/csv' })).status).toBe(403);
    expect((await world.call(key, 'GET', '/v1/me')).status).toBe(403);
    expect((await world.call(key, 'POST', `/v1/invitations/${school.schoolId}/accept`)).status).toBe(403);
    expect((await world.call(key, 'GET', `/v1/organisations/${school.schoolId}/api-keys`)).status).toBe(403);
  });

  it('gives school staff 403 where the careers leader is needed', async () => {
    const b = `/v1/schools/${school.schoolId}/bookings/${bookingId}`;
    for (const [method, path, body] of [
      ['POST', `${b}/approve`, {}],
      ['POST', `${b}/decline`, { groundId: 'exam-clash' }],
      ['PUT', `/v1/schools/${school.schoolId}/policy`, policy()],
      ['POST', `/v1/schools/${school.schoolId}/policy/publish`, undefined],
      ['PATCH', `/v1/schools/${school.schoolId}`, { name: 'Renamed' }],
      ['POST', `/v1/schools/${school.schoolId}/slots/${slotId}/withdraw`, undefined],
      ['POST', `/v1/schools/${school.schoolId}/recorded-encounters`, { date: '2026-09-10', start: '09:00', end: '09:30', yearGroups: [9], format: 'assembly', provider: { orgId: provider.orgId } }],
      ['POST', `/v1/schools/${school.schoolId}/reports/2026/snapshots`, {}],
      ['PUT', `/v1/schools/${school.schoolId}/recorded-encounters/any-record`, { date: '2026-09-10', start: '09:00', end: '09:30', yearGroups: [9], format: 'assembly', provider: { orgId: provider.orgId } }],
      ['POST', `/v1/schools/${school.schoolId}/recorded-encounters/any-record/delete`, { reason: 'Entered twice' }],
    ] as const) {
      expect((await world.call(staff.token, method, path, body)).status, `${method} ${path}`).toBe(403);
    }
    // Staff can read what they need to run the day.
    expect((await world.call(staff.token, 'GET', `/v1/schools/${school.schoolId}/bookings`)).status).toBe(200);
  });

  it('answers an approval by who is asking before what exists: the membership and the booking are read together, and a refusal wins', async () => {
    const missing = `/v1/schools/${school.schoolId}/bookings/bkg_does_not_exist/approve`;
    expect((await world.call(staff.token, 'POST', missing, {})).status).toBe(403);
    expect((await world.call(otherSchool.leader.token, 'POST', missing, {})).status).toBe(404);
    expect((await world.call(school.leader.token, 'POST', missing, {})).status).toBe(404);
  });

  it('never lets a provider approve, even its own request', async () => {
    const res = await world.call(provider.user.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${bookingId}/approve`, {});
    expect(res.status).toBe(404);
  });

  it('never lets a school request on a provider’s behalf', async () => {
    const res = await world.call(school.leader.token, 'POST', `/v1/organisations/${provider.orgId}/requests`, {
      schoolId: school.schoolId,
      slotId,
      message: '',
    });
    expect(res.status).toBe(404);
  });

  it('keeps a provider’s record of requests and its concern summary to its own members', async () => {
    for (const token of [otherProvider.user.token, school.leader.token, employer.token]) {
      expect((await world.call(token, 'GET', `/v1/organisations/${provider.orgId}/request-record`)).status).toBe(404);
      expect((await world.call(token, 'GET', `/v1/organisations/${provider.orgId}/request-record/csv`)).status).toBe(404);
      expect((await world.call(token, 'GET', `/v1/organisations/${provider.orgId}/concerns/${school.schoolId}`)).status).toBe(404);
    }
    // A provider has no concern summary for a school it never asked.
    expect((await world.call(otherProvider.user.token, 'GET', `/v1/organisations/${otherProvider.orgId}/concerns/${school.schoolId}`)).status).toBe(404);
    expect((await world.call(provider.user.token, 'GET', `/v1/organisations/${provider.orgId}/request-record`)).body.items).toHaveLength(1);
  });

  it('hides one provider’s bookings from another and from other schools', async () => {
    expect((await world.call(otherProvider.user.token, 'GET', `/v1/organisations/${provider.orgId}/bookings`)).status).toBe(404);
    expect((await world.call(otherProvider.user.token, 'GET', `/v1/schools/${school.schoolId}/bookings/${bookingId}`)).status).toBe(404);
    expect((await world.call(otherSchool.leader.token, 'GET', `/v1/schools/${school.schoolId}/bookings/${bookingId}`)).status).toBe(404);
    expect((await world.call(otherProvider.user.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${bookingId}/withdraw`)).status).toBe(404);
    // Reschedule (issue 15): a third organisation cannot propose, accept or decline a move of it.
    for (const token of [otherProvider.user.token, otherSchool.leader.token]) {
      expect((await world.call(token, 'POST', `/v1/schools/${school.schoolId}/bookings/${bookingId}/reschedule`, { date: '2026-12-01', start: '09:00', end: '09:30' })).status).toBe(404);
      expect((await world.call(token, 'POST', `/v1/schools/${school.schoolId}/bookings/${bookingId}/reschedule/accept`, { proposalId: 'any' })).status).toBe(404);
      expect((await world.call(token, 'POST', `/v1/schools/${school.schoolId}/bookings/${bookingId}/reschedule/decline`, { proposalId: 'any', reason: 'x' })).status).toBe(404);
    }
  });

  it('shows a slot to the school’s members in full, to providers and employers only while open and without counts, to nobody else', async () => {
    const path = (id: string) => `/v1/schools/${school.schoolId}/slots/${id}`;
    const asStaff = await world.call(staff.token, 'GET', path(slotId));
    expect(asStaff.status).toBe(200);
    expect(asStaff.body).toMatchObject({ pendingCount: 1, confirmedCount: 0 });
    for (const token of [provider.user.token, employer.token]) {
      const seen = await world.call(token, 'GET', path(slotId));
      expect(seen.status).toBe(200);
      expect(seen.body).not.toHaveProperty('pendingCount');
      expect(seen.body).not.toHaveProperty('confirmedCount');
      expect(seen.body.placesLeft).toBe(2);
    }
    const signedIn = await world.user('nobody');
    expect((await world.call(signedIn.token, 'GET', path(slotId))).status).toBe(404);
    expect((await world.call(otherSchool.leader.token, 'GET', path(slotId))).status).toBe(404);
    const withdrawn = (await publishSlot(world, school, { date: '2026-11-17' })).id;
    expect((await world.call(school.leader.token, 'POST', `${path(withdrawn)}/withdraw`)).status).toBe(200);
    expect((await world.call(school.leader.token, 'GET', path(withdrawn))).body.status).toBe('cancelled');
    expect((await world.call(provider.user.token, 'GET', path(withdrawn))).status).toBe(404);
    const search = await world.call(provider.user.token, 'GET', `/v1/slots?orgId=${provider.orgId}&from=2026-11-01&to=2026-11-30`);
    expect(search.body.items.length).toBeGreaterThan(0);
    for (const item of search.body.items) expect(item).not.toHaveProperty('pendingCount');
  });

  it('keeps platform administration to platform admins', async () => {
    expect((await world.call(school.leader.token, 'GET', '/v1/admin/organisations?kind=provider')).status).toBe(403);
    expect((await world.call(provider.user.token, 'POST', `/v1/admin/organisations/${provider.orgId}/verify`)).status).toBe(403);
    expect((await world.call(school.leader.token, 'POST', '/v1/admin/gias/imports', 'URN,EstablishmentName,EstablishmentStatus (name)\n150001,A school,Open\n', { 'content-type': 'text/csv' })).status).toBe(403);
  });

  // Work experience: the employer's safety pack (we-pack). Full journeys in test/api/safety-pack.test.ts.
  it('keeps a host’s safety pack to the host and verified schools, and sign-off to the careers leader or placement coordinator', async () => {
    const host = `/v1/organisations/${employer.orgId}/safety-pack`;
    const hostRoutes = [
      ['GET', host, undefined],
      ['PUT', host, {}],
      ['POST', `${host}/uploads`, { fileName: 'a.pdf', contentType: 'application/pdf', size: 10 }],
      ['GET', `${host}/files/01ANYFILE`, undefined],
    ] as const;
    for (const token of [provider.user.token, school.leader.token, staff.token]) {
      for (const [method, path, body] of hostRoutes) expect((await world.call(token, method, path, body)).status, `${method} ${path}`).toBe(404);
    }
    const review = `/v1/schools/${school.schoolId}/safety-packs`;
    const schoolRoutes = [
      ['GET', review, undefined],
      ['GET', `${review}/${employer.orgId}`, undefined],
      ['GET', `${review}/${employer.orgId}/files/01ANYFILE`, undefined],
      ['POST', `${review}/${employer.orgId}/sign-offs`, { academicYear: '2026-27', check: 'insurance', packVersion: 1 }],
    ] as const;
    for (const token of [otherSchool.leader.token, provider.user.token, employer.token]) {
      for (const [method, path, body] of schoolRoutes) expect((await world.call(token, method, path, body)).status, `${method} ${path}`).toBe(404);
    }
    expect((await world.call(staff.token, 'POST', `${review}/${employer.orgId}/sign-offs`, { academicYear: '2026-27', check: 'insurance', packVersion: 1 })).status).toBe(403);
    expect((await world.call(staff.token, 'GET', `${review}/${employer.orgId}`)).status).toBe(200);
  });

  it('ignores a user id sent in the body: identity comes from the token alone', async () => {
    const res = await world.call(otherProvider.user.token, 'POST', `/v1/organisations/${provider.orgId}/requests`, {
      schoolId: school.schoolId,
      slotId,
      message: '',
      userId: 'someone-else',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('userId');
  });
});

describe('provider and employer profiles', () => {
  it('lets the admin set a location (so distance search works) and nobody else change it', async () => {
    const world = await createWorld();
    const admin = await world.user('admin', { platformAdmin: true });
    const provider = await setUpProvider(world, admin);
    const stranger = await world.user('stranger');
    const path = `/v1/organisations/${provider.orgId}`;
    expect((await world.call(stranger.token, 'PATCH', path, { name: 'Hijacked' })).status).toBe(404);
    const patched = await world.call(provider.user.token, 'PATCH', path, { location: { latitude: 53.9, longitude: -1.6 }, notifications: { reminderDaysBefore: [] } });
    expect(patched.status).toBe(200);
    expect(patched.body.location).toEqual({ latitude: 53.9, longitude: -1.6 });
    expect(patched.body.notifications).toEqual({ contactEmail: provider.user.email, reminderDaysBefore: [] });
    expect(patched.body.offers).toEqual(['t_levels', 'apprenticeships']);
  });
});

// ── Work experience placements (issue 12, we-place) ──
describe('authorisation on the work experience routes', () => {
  it('gives other schools, the host and other employers 404 on a school’s pupil and placement routes, and other organisations 404 on a host’s', async () => {
    const { setUpEmployer, publishPlacement, addPupils, requestDays } = await import('../support/placements.js');
    const world = await createWorld();
    const admin = await world.user('admin', { platformAdmin: true });
    const school = await setUpSchool(world, admin);
    const otherSchool = await setUpSchool(world, admin);
    const host = await setUpEmployer(world, admin);
    const otherHost = await setUpEmployer(world, admin);
    const placement = await publishPlacement(world, host);
    const [pupilId] = await addPupils(world, school, 1);
    const asked = await requestDays(world, school, host.orgId, placement.id, ['2026-11-16'], [pupilId!]);
    expect(asked.status).toBe(201);
    const bookingId = asked.body.id as string;
    const s = school.schoolId;
    const schoolRoutes = [
      ['POST', `/v1/schools/${s}/pupils`, { pupils: [{ reference: 'X1', firstName: 'A', lastName: 'B', yearGroup: 10 }] }],
      ['POST', `/v1/schools/${s}/pupils/import`, { csv: 'reference,firstName,lastName,yearGroup\nX2,A,B,10\n' }],
      ['GET', `/v1/schools/${s}/pupils`, undefined],
      ['GET', `/v1/schools/${s}/pupils/export`, undefined],
      ['GET', `/v1/schools/${s}/pupils/${pupilId}`, undefined],
      ['DELETE', `/v1/schools/${s}/pupils/${pupilId}`, undefined],
      ['GET', `/v1/schools/${s}/work-experience/settings`, undefined],
      ['PUT', `/v1/schools/${s}/work-experience/settings`, { consentRequired: false }],
      ['POST', `/v1/schools/${s}/placement-bookings`, { hostOrgId: host.orgId, placementId: placement.id, days: ['2026-11-17'], pupilIds: [pupilId] }],
      ['GET', `/v1/schools/${s}/placement-bookings`, undefined],
      ['POST', `/v1/schools/${s}/placement-bookings/${bookingId}/consent`, { pupilId, given: true }],
      ['POST', `/v1/schools/${s}/placement-bookings/${bookingId}/withdraw`, undefined],
      ['POST', `/v1/schools/${s}/placement-bookings/${bookingId}/cancel`, { reason: 'No' }],
      ['GET', `/v1/schools/${s}/work-experience/after-insurance-expiry`, undefined],
      ['GET', `/v1/schools/${s}/work-experience/standing`, undefined],
      ['GET', `/v1/placements?orgId=${s}&from=2026-11-01&to=2026-11-30`, undefined],
    ] as const;
    for (const token of [otherSchool.leader.token, host.user.token, otherHost.user.token]) {
      for (const [method, path, body] of schoolRoutes) {
        const res = await world.call(token, method, path, body);
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(JSON.stringify(res.body)).not.toMatch(/Pupil0/);
      }
    }
    const h = `/v1/organisations/${host.orgId}`;
    const hostRoutes = [
      ['POST', `${h}/placements`, { title: 'x' }],
      ['GET', `${h}/placements`, undefined],
      ['POST', `${h}/placements/${placement.id}/withdraw`, undefined],
      ['GET', `${h}/placement-bookings`, undefined],
      ['GET', `${h}/placement-bookings/${s}/${bookingId}`, undefined],
      ['POST', `${h}/placement-bookings/${s}/${bookingId}/confirm`, undefined],
      ['POST', `${h}/placement-bookings/${s}/${bookingId}/decline`, { reason: 'No' }],
      ['POST', `${h}/placement-bookings/${s}/${bookingId}/attendance`, { pupilId, date: '2026-11-16', attended: true }],
      ['POST', `${h}/placement-bookings/${s}/${bookingId}/feedback`, { pupilId, text: 'Good' }],
      ['POST', `${h}/placement-bookings/${s}/${bookingId}/cancel`, { reason: 'No' }],
      ['GET', `${h}/work-experience/after-insurance-expiry`, undefined],
    ] as const;
    for (const token of [otherHost.user.token, school.leader.token, otherSchool.leader.token]) {
      for (const [method, path, body] of hostRoutes) {
        const res = await world.call(token, method, path, body);
        expect([404, 400], `${method} ${path}`).toContain(res.status);
        if (res.status === 400) expect(method).toBe('POST'); // body validated before membership: still nothing learnt
      }
    }
    // The other host cannot reach the booking through its own organisation either.
    expect((await world.call(otherHost.user.token, 'GET', `/v1/organisations/${otherHost.orgId}/placement-bookings/${s}/${bookingId}`)).status).toBe(404);
    expect((await world.call(otherHost.user.token, 'POST', `/v1/organisations/${otherHost.orgId}/placement-bookings/${s}/${bookingId}/confirm`)).status).toBe(404);
    expect((await world.call(otherHost.user.token, 'POST', `/v1/organisations/${otherHost.orgId}/placement-bookings/${s}/${bookingId}/cancel`, { reason: 'No' })).status).toBe(404);
    // A school member may read a published offer; nobody else but its host.
    expect((await world.call(otherSchool.leader.token, 'GET', `${h}/placements/${placement.id}`)).status).toBe(200);
    expect((await world.call(otherHost.user.token, 'GET', `${h}/placements/${placement.id}`)).status).toBe(404);
    // Nothing changed.
    const booking = (await world.call(school.leader.token, 'GET', `/v1/schools/${s}/placement-bookings`)).body.items[0];
    expect(booking).toMatchObject({ id: bookingId, status: 'requested' });
    expect(booking.pupils[0].consent).toBeUndefined();
  }, 90_000);
});

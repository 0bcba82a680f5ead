import { beforeAll, describe, expect, it } from 'vitest';
import { codes, publishSlot, request, setUpProvider, setUpSchool, type SchoolSetup } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';
import { setUpEmployer, tasterDay, workplaceTour } from '../support/offers.js';

/**
 * Issue 13's journeys through the API: providers and employers publish offers, schools find and
 * book them through the same rules engine and confirmation path as slots, employers' encounters
 * are recorded as such, and the Benchmark 5 view follows them.
 */

describe('offers: publish, find, book, confirm', () => {
  let world: World;
  let admin: { token: string };
  let school: SchoolSetup;
  let college: Awaited<ReturnType<typeof setUpProvider>>;
  let employer: Awaited<ReturnType<typeof setUpEmployer>>;
  beforeAll(async () => {
    world = await createWorld(new Date('2026-09-15T10:00:00Z'));
    admin = await world.user('admin', { platformAdmin: true });
    school = await setUpSchool(world, admin);
    college = await setUpProvider(world, admin, { name: 'Riverside College' });
    employer = await setUpEmployer(world, admin);
  });

  const publish = (who: { user: { token: string }; orgId: string }, body: unknown) => world.call(who.user.token, 'POST', `/v1/organisations/${who.orgId}/offers`, body);
  const book = (body: Record<string, unknown>, token = school.leader.token, schoolId = school.schoolId) => world.call(token, 'POST', `/v1/schools/${schoolId}/offer-bookings`, body);
  const search = (query: string) => world.call(school.leader.token, 'GET', `/v1/offers?orgId=${school.schoolId}&from=2026-09-15&to=2027-07-01&${query}`);

  it('a college publishes a campus taster day and a school books Year 9 onto it as statutory, confirmed by the college', async () => {
    const published = await publish(college, tasterDay());
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    expect(published.body).toMatchObject({ visit: true, hostName: 'Riverside College', dates: ['2026-11-10', '2026-11-11'], status: 'open' });
    const offerId = published.body.id;

    const found = await search('yearGroup=9&format=campus_taster');
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    expect(found.body.items.filter((hit: any) => hit.id === offerId).map((hit: any) => [hit.date, hit.remaining])).toEqual([['2026-11-10', 200], ['2026-11-11', 200]]);
    expect(typeof found.body.items[0].distanceKm).toBe('number');

    const booked = await book({ hostOrgId: college.orgId, offerId, date: '2026-11-10', yearGroups: [9], travelMinutes: 30, message: 'Two coaches.' });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(booked.body).toMatchObject({ status: 'requested', statutory: true, requesterOrgId: college.orgId, offerId, pupils: 150, format: 'campus_taster', audience: 'whole_year_groups' });

    // The school does not confirm its own booking of an offer: the host does.
    const selfApprove = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${booked.body.id}/approve`, {});
    expect(selfApprove.status).toBe(403);
    expect(codes(selfApprove.body)).toEqual(['HOST_CONFIRMS']);

    const confirmed = await world.call(college.user.token, 'POST', `/v1/organisations/${college.orgId}/offer-bookings/${school.schoolId}/${booked.body.id}/confirm`, {});
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', statutory: true });

    // Counted toward key phase 1 for the cohort now in Year 9, as a slot the school published would be.
    const compliance = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/compliance`);
    const phase1 = compliance.body.cohorts.find((c: any) => c.yearGroupNow === 9).phases.find((p: any) => p.phase === 1);
    expect(phase1.providers.confirmed).toContain('Riverside College');

    // The host's places on that date went down by the roll, and the booking is in its list and audit.
    const mine = await world.call(college.user.token, 'GET', `/v1/organisations/${college.orgId}/offers`);
    expect(mine.body.items[0].dateCounts[0]).toMatchObject({ date: '2026-11-10', remaining: 50, confirmedCount: 1, pendingCount: 0 });
    const detail = await world.call(college.user.token, 'GET', `/v1/schools/${school.schoolId}/bookings/${booked.body.id}`);
    expect(detail.body.audit.map((a: any) => a.to)).toEqual(['requested', 'confirmed']);
  });

  it('a visit whose journey falls outside the school day is refused as statutory (SCHOOL_HOURS), and may be booked as supplementary', async () => {
    const offerId = (await publish(college, tasterDay({ dates: ['2026-11-17'] }))).body.id;
    const late = await book({ hostOrgId: college.orgId, offerId, date: '2026-11-17', yearGroups: [10], travelMinutes: 60 });
    expect(late.status).toBe(422);
    expect(codes(late.body)).toEqual(['SCHOOL_HOURS']);
    const supplementary = await book({ hostOrgId: college.orgId, offerId, date: '2026-11-17', yearGroups: [10], travelMinutes: 60, asSupplementary: true });
    expect(supplementary.status).toBe(201);
    expect(supplementary.body.statutory).toBe(false);
  });

  it('the offer rules name what is wrong, and bad input is a 400 naming the field', async () => {
    const offerId = (await publish(college, tasterDay({ dates: ['2026-11-18'] }))).body.id;
    const base = { hostOrgId: college.orgId, offerId, date: '2026-11-18', yearGroups: [9] };
    expect(codes((await book({ ...base, date: '2026-11-19' })).body)).toEqual(['OFFER_DATE']);
    expect(codes((await book({ ...base, yearGroups: [8] })).body)).toEqual(['OFFER_YEAR_GROUP']);
    expect(codes((await book({ ...base, start: '09:00' })).body)).toEqual(['OFFER_TIME']);
    expect(codes((await book({ ...base, yearGroups: [9, 10] })).body)).toEqual(['OFFER_CAPACITY']);
    const bad = await book({ ...base, audience: 'named_group' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('groupName');
    const badOffer = await publish(college, tasterDay({ dates: undefined }));
    expect(badOffer.status).toBe(400);
    expect(badOffer.body.errors[0].field).toBe('dates');
    const past = await publish(college, tasterDay({ dates: ['2026-09-01'] }));
    expect(past.status).toBe(400);
  });

  it('an encounter at the school needs one of its venues, whose capacity the whole year group is judged on', async () => {
    const college = await setUpProvider(world, admin);
    const offerId = (await publish(college, tasterDay({ format: 'workshop', dates: ['2026-11-24'], capacity: 400 }))).body.id;
    const noVenue = await book({ hostOrgId: college.orgId, offerId, date: '2026-11-24', yearGroups: [9] });
    expect(codes(noVenue.body)).toEqual(['OFFER_VENUE']);
    const small = await book({ hostOrgId: college.orgId, offerId, date: '2026-11-24', yearGroups: [9], venueId: school.studioId });
    expect(small.status).toBe(422);
    expect(codes(small.body)).toContain('WHOLE_YEAR_GROUP');
    const hall = await book({ hostOrgId: college.orgId, offerId, date: '2026-11-24', yearGroups: [9], venueId: school.hallId });
    expect(hall.status, JSON.stringify(hall.body)).toBe(201);
    expect(hall.body.venueName).toBe('Main hall');
  });

  it('an employer publishes a workplace tour and a school books Year 8: an employer encounter, confirmed at once; Benchmark 5 turns Year 8 to met once delivered', async () => {
    const published = await publish(employer, workplaceTour());
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    const before = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/benchmark5`);
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    const year8 = (body: any) => body.years.at(-1).yearGroups.find((r: any) => r.yearGroup === 8);
    expect(year8(before.body).status).toBe('NOT_MET');

    const found = await search('sector=advanced_manufacturing&format=workplace_tour');
    expect(found.body.items.map((hit: any) => hit.hostName)).toEqual(['Meridian Engineering']);

    const booked = await book({ hostOrgId: employer.orgId, offerId: published.body.id, date: '2026-10-06', yearGroups: [8], travelMinutes: 30 });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    // Never refused for not being a provider: recorded as an employer encounter, not toward the duty.
    expect(booked.body).toMatchObject({ status: 'confirmed', statutory: false, requesterKind: 'employer', sector: 'advanced_manufacturing' });
    expect(year8((await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/benchmark5`)).body).status).toBe('PLANNED');

    // Its capacity (160) is taken by the roll (150): 10 left, still findable.
    expect((await search('format=workplace_tour')).body.items[0].remaining).toBe(10);

    world.clock.now = new Date('2026-10-07T09:00:00Z');
    const delivered = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${booked.body.id}/attendance`, { delivered: true });
    expect(delivered.status, JSON.stringify(delivered.body)).toBe(200);
    const after = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/benchmark5`);
    expect(year8(after.body)).toMatchObject({ status: 'MET', employers: ['Meridian Engineering'], sectors: ['advanced_manufacturing'] });
    expect(after.body.cohorts.find((c: any) => c.yearGroupNow === 8).sectors).toEqual(['advanced_manufacturing']);
    world.clock.now = new Date('2026-09-15T10:00:00Z');
  });

  it('a named group is supplementary and shows as partial in Benchmark 5', async () => {
    const offerId = (await publish(employer, workplaceTour({ dates: ['2026-10-08'], yearGroups: [7] }))).body.id;
    const booked = await book({ hostOrgId: employer.orgId, offerId, date: '2026-10-08', yearGroups: [7], audience: 'named_group', groupName: 'Year 7 STEM club', groupSize: 24 });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(booked.body).toMatchObject({ statutory: false, pupils: 24, groupName: 'Year 7 STEM club' });
    world.clock.now = new Date('2026-10-09T09:00:00Z');
    expect((await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${booked.body.id}/attendance`, { delivered: true })).status).toBe(200);
    const report = (await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/benchmark5`)).body;
    expect(report.years.at(-1).yearGroups.find((r: any) => r.yearGroup === 7)).toMatchObject({ status: 'PARTIAL' });
    world.clock.now = new Date('2026-09-15T10:00:00Z');
  });

  it('a fully booked date leaves search and comes back when the booking is cancelled; withdrawing an offer with bookings is refused', async () => {
    const offerId = (await publish(employer, workplaceTour({ dates: ['2026-11-03'], capacity: 150, title: 'Exactly one year group' }))).body.id;
    const booked = await book({ hostOrgId: employer.orgId, offerId, date: '2026-11-03', yearGroups: [9] });
    expect(booked.status).toBe(201);
    const titles = async () => (await search('format=workplace_tour')).body.items.map((hit: any) => hit.title);
    expect(await titles()).not.toContain('Exactly one year group');
    expect(codes((await world.call(employer.user.token, 'POST', `/v1/organisations/${employer.orgId}/offers/${offerId}/withdraw`)).body)).toEqual(['OFFER_HAS_BOOKINGS']);
    const cancelled = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${booked.body.id}/cancel`, { reason: 'Trip cancelled.' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(await titles()).toContain('Exactly one year group');
    const withdrawn = await world.call(employer.user.token, 'POST', `/v1/organisations/${employer.orgId}/offers/${offerId}/withdraw`);
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(await titles()).not.toContain('Exactly one year group');
  });

  it('the host declines with a reason, and the school may book that date again', async () => {
    const college = await setUpProvider(world, admin);
    const offerId = (await publish(college, tasterDay({ dates: ['2026-12-01'] }))).body.id;
    const first = await book({ hostOrgId: college.orgId, offerId, date: '2026-12-01', yearGroups: [9] });
    expect(codes((await book({ hostOrgId: college.orgId, offerId, date: '2026-12-01', yearGroups: [10] })).body)).toEqual(['ALREADY_BOOKED']);
    const declined = await world.call(college.user.token, 'POST', `/v1/organisations/${college.orgId}/offer-bookings/${school.schoolId}/${first.body.id}/decline`, { reason: 'Our workshops are closed for maintenance that day.' });
    expect(declined.status, JSON.stringify(declined.body)).toBe(200);
    expect(declined.body).toMatchObject({ status: 'declined', reason: 'Our workshops are closed for maintenance that day.' });
    expect((await book({ hostOrgId: college.orgId, offerId, date: '2026-12-01', yearGroups: [10] })).status).toBe(201);
  });

  it('an employer requests a supplementary slot; search shows it only what it can request', async () => {
    const statutory = await publishSlot(world, school, { date: '2026-11-12', title: 'Statutory assembly' });
    const supplementary = await publishSlot(world, school, { date: '2026-11-12', statutory: false, title: 'Year 8 careers lunch', yearGroups: [8], start: '12:00', end: '12:45' });
    const found = await world.call(employer.user.token, 'GET', `/v1/slots?orgId=${employer.orgId}&from=2026-11-01&to=2026-11-30`);
    expect(found.status).toBe(200);
    const titles = found.body.items.map((s: any) => s.title);
    expect(titles).toContain('Year 8 careers lunch');
    expect(titles).not.toContain('Statutory assembly');
    // Asked for directly, a statutory slot says why it is closed to an employer.
    expect(codes((await request(world, employer, school.schoolId, statutory.id)).body)).toEqual(['ELIGIBLE_PROVIDER']);
    const asked = await world.call(employer.user.token, 'POST', `/v1/organisations/${employer.orgId}/requests`, { schoolId: school.schoolId, slotId: supplementary.id, message: 'Our apprentices would love to come.', sector: 'advanced_manufacturing' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect(asked.body).toMatchObject({ requesterKind: 'employer', statutory: false, sector: 'advanced_manufacturing' });
    const approved = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${asked.body.id}/approve`, {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const year8 = (await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/benchmark5`)).body.years.at(-1).yearGroups.find((r: any) => r.yearGroup === 8);
    expect(year8.planned.map((e: any) => e.title)).toContain('Year 8 careers lunch');
  });

  it('nothing between a school and a host is visible to a third organisation', async () => {
    const other = await setUpSchool(world, admin);
    const rival = await setUpProvider(world, admin);
    const college = await setUpProvider(world, admin);
    const offerId = (await publish(college, tasterDay({ dates: ['2026-12-02'] }))).body.id;
    const booked = await book({ hostOrgId: college.orgId, offerId, date: '2026-12-02', yearGroups: [9] });
    // Another provider cannot confirm or decline it, nor list the college's offers.
    expect((await world.call(rival.user.token, 'POST', `/v1/organisations/${rival.orgId}/offer-bookings/${school.schoolId}/${booked.body.id}/confirm`, {})).status).toBe(404);
    expect((await world.call(rival.user.token, 'POST', `/v1/organisations/${college.orgId}/offer-bookings/${school.schoolId}/${booked.body.id}/confirm`, {})).status).toBe(404);
    expect((await world.call(rival.user.token, 'GET', `/v1/organisations/${college.orgId}/offers`)).status).toBe(404);
    // Another school cannot book for this one, see its Benchmark 5, or withdraw its booking; providers do not search offers.
    expect((await book({ hostOrgId: college.orgId, offerId, date: '2026-12-02', yearGroups: [9] }, other.leader.token)).status).toBe(404);
    expect((await world.call(other.leader.token, 'GET', `/v1/schools/${school.schoolId}/benchmark5`)).status).toBe(404);
    expect((await world.call(other.leader.token, 'POST', `/v1/schools/${school.schoolId}/offer-bookings/${booked.body.id}/withdraw`)).status).toBe(404);
    expect((await world.call(rival.user.token, 'GET', `/v1/offers?orgId=${rival.orgId}&from=2026-09-15&to=2027-01-01`)).status).toBe(404);
    // The host declines a school's booking; it does not withdraw it as if it were its own request.
    const hostWithdraws = await world.call(college.user.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${booked.body.id}/withdraw`);
    expect(hostWithdraws.status).toBe(403);
    expect(codes(hostWithdraws.body)).toEqual(['HOST_CONFIRMS']);
    // The school withdraws its own request.
    const withdrawn = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/offer-bookings/${booked.body.id}/withdraw`);
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, getCalendar, getOrganisation, putCalendar } from '@schoolgate/store';
import { setUpProvider, setUpSchool, type SchoolSetup } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';
import { tasterDay } from '../support/offers.js';

/**
 * The invariants of booked offers hold when 50 act at once on DynamoDB Local: the offered date's
 * places (OFFER_CAPACITY), one live booking per school per offered date (ALREADY_BOOKED), and one
 * statutory encounter per provider per cohort phase (DISTINCT_PROVIDERS).
 */
describe('concurrent bookings of offers on DynamoDB Local', () => {
  let world: World;
  let admin: { token: string };
  let school: SchoolSetup;
  let leaderId: string;
  beforeAll(async () => {
    world = await createWorld(new Date('2026-09-15T10:00:00Z'));
    admin = await world.user('admin', { platformAdmin: true });
    school = await setUpSchool(world, admin);
    leaderId = (await world.call(school.leader.token, 'GET', '/v1/me')).body.userId;
  }, 60_000);

  /** Copies of the test school (profile and calendar), verified, run by the same careers leader: written straight to the store for speed. */
  async function moreSchools(count: number): Promise<string[]> {
    const [profile, calendar] = await Promise.all([getOrganisation(world.db, school.schoolId), getCalendar(world.db, school.schoolId)]);
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = `school-${i}-${Math.random().toString(36).slice(2, 8)}`;
      const { urn: _urn, version: _version, ...rest } = profile!;
      await createOrganisation(world.db, { ...rest, id, name: `School ${i}`, verified: true }, { userId: leaderId, email: school.leader.email, role: 'careers_leader' });
      await putCalendar(world.db, id, calendar!, new Date().toISOString());
      ids.push(id);
    }
    return ids;
  }

  const book = (schoolId: string, body: Record<string, unknown>) => world.call(school.leader.token, 'POST', `/v1/schools/${schoolId}/offer-bookings`, body);

  it('50 schools booking Year 9 at once onto a date with room for two year groups: exactly two confirmed', async () => {
    const college = await setUpProvider(world, admin);
    const offer = await world.call(college.user.token, 'POST', `/v1/organisations/${college.orgId}/offers`, tasterDay({ dates: ['2026-11-25'], capacity: 300, instantConfirmation: true }));
    expect(offer.status, JSON.stringify(offer.body)).toBe(201);
    const schools = await moreSchools(50);
    const results = await Promise.all(schools.map((id) => book(id, { hostOrgId: college.orgId, offerId: offer.body.id, date: '2026-11-25', yearGroups: [9] })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(2);
    expect(statuses.filter((s) => s === 409)).toHaveLength(48);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.errors[0].code === 'OFFER_CAPACITY')).toBe(true);
    const mine = await world.call(college.user.token, 'GET', `/v1/organisations/${college.orgId}/offers`);
    expect(mine.body.items[0].dateCounts[0]).toMatchObject({ remaining: 0, confirmedCount: 2 });
  }, 180_000);

  it('50 of the host confirming at once, with room for two: exactly two confirmed', async () => {
    const college = await setUpProvider(world, admin);
    const offer = await world.call(college.user.token, 'POST', `/v1/organisations/${college.orgId}/offers`, tasterDay({ dates: ['2026-11-26'], capacity: 300 }));
    const schools = await moreSchools(50);
    const requested = await Promise.all(schools.map((id) => book(id, { hostOrgId: college.orgId, offerId: offer.body.id, date: '2026-11-26', yearGroups: [9] })));
    expect(requested.every((r) => r.status === 201)).toBe(true);
    const results = await Promise.all(
      requested.map((r) => world.call(college.user.token, 'POST', `/v1/organisations/${college.orgId}/offer-bookings/${r.body.schoolId}/${r.body.id}/confirm`, {})),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(2);
    expect(results.filter((r) => r.status !== 200).every((r) => r.status === 409 && r.body.errors[0].code === 'OFFER_CAPACITY')).toBe(true);
  }, 180_000);

  it('one school booking the same offered date 50 times at once: one live booking', async () => {
    const college = await setUpProvider(world, admin);
    const offer = await world.call(college.user.token, 'POST', `/v1/organisations/${college.orgId}/offers`, tasterDay({ dates: ['2026-11-27'], capacity: 2000 }));
    const results = await Promise.all(Array.from({ length: 50 }, () => book(school.schoolId, { hostOrgId: college.orgId, offerId: offer.body.id, date: '2026-11-27', yearGroups: [9] })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status !== 201).every((r) => r.status === 409 && r.body.errors[0].code === 'ALREADY_BOOKED')).toBe(true);
  }, 180_000);

  it('one provider booked for Year 9 on 50 dates at once, confirmed at once: one counts in the phase', async () => {
    const college = await setUpProvider(world, admin);
    const dates = ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-14'];
    const offers = await Promise.all(
      [0, 1, 2, 3, 4].map(() => world.call(college.user.token, 'POST', `/v1/organisations/${college.orgId}/offers`, tasterDay({ dates, capacity: 2000, instantConfirmation: true }))),
    );
    const bookings = offers.flatMap((offer) => dates.map((date) => ({ hostOrgId: college.orgId, offerId: offer.body.id, date, yearGroups: [9] })));
    expect(bookings).toHaveLength(50);
    const results = await Promise.all(bookings.map((body) => book(school.schoolId, body)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status !== 201).every((r) => r.status === 409 && r.body.errors[0].code === 'DISTINCT_PROVIDERS')).toBe(true);
  }, 180_000);
});

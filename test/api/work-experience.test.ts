import { beforeAll, describe, expect, it } from 'vitest';
import { calendar2026, codes, setUpSchool, type SchoolSetup } from '../support/fixtures.js';
import { addPupils, placementBody, publishPlacement, requestDays, setUpEmployer, signOffSafetyPack } from '../support/placements.js';
import { createWorld, type World } from '../support/world.js';

/** Issue 12 (placements half) through the API: offer, search, pupils, request, consent, confirm, attendance, feedback, Benchmark 6, erase. */
describe('work experience placements', () => {
  let world: World;
  let admin: { token: string };
  let school: SchoolSetup;
  let host: Awaited<ReturnType<typeof setUpEmployer>>;
  const week = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'];

  beforeAll(async () => {
    world = await createWorld();
    admin = await world.user('admin', { platformAdmin: true });
    school = await setUpSchool(world, admin);
    host = await setUpEmployer(world, admin, { name: 'Meridian Engineering' });
  }, 60_000);

  const hostPath = (bookingId: string, action = '') => `/v1/organisations/${host.orgId}/placement-bookings/${school.schoolId}/${bookingId}${action}`;

  it('publishes an offer with its days expanded; refuses online-only (IN_PERSON) and a Year 9 placement (PLACEMENT_YEAR_GROUP)', async () => {
    const placement = await publishPlacement(world, host);
    expect(placement.days).toEqual(week);
    const virtual = await world.call(host.user.token, 'POST', `/v1/organisations/${host.orgId}/placements`, placementBody({ attendance: 'virtual' }));
    expect(virtual.status).toBe(422);
    expect(codes(virtual.body)).toEqual(['IN_PERSON']);
    const hybrid = await world.call(host.user.token, 'POST', `/v1/organisations/${host.orgId}/placements`, placementBody({ attendance: 'hybrid' }));
    expect(codes(hybrid.body)).toEqual(['IN_PERSON']);
    const year9 = await world.call(host.user.token, 'POST', `/v1/organisations/${host.orgId}/placements`, placementBody({ yearGroups: [9, 10] }));
    expect(year9.status).toBe(422);
    expect(codes(year9.body)).toEqual(['PLACEMENT_YEAR_GROUP']);
    const weekly = await publishPlacement(world, host, { days: { kind: 'weekly', weekdays: ['wednesday'], from: '2027-01-06', to: '2027-01-27' }, kind: 'activity', yearGroups: [8, 9], sector: 'digital_and_technologies' });
    expect(weekly.days).toEqual(['2027-01-06', '2027-01-13', '2027-01-20', '2027-01-27']);
    const bad = await world.call(host.user.token, 'POST', `/v1/organisations/${host.orgId}/placements`, placementBody({ sector: 'mining' }));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('sector');
  });

  it('a school finds placement days near it by date, year group and sector; a school elsewhere does not', async () => {
    const found = await world.call(school.leader.token, 'GET', `/v1/placements?orgId=${school.schoolId}&from=2026-11-01&to=2027-01-31&yearGroup=10&sector=advanced_manufacturing`);
    expect(found.status).toBe(200);
    expect(found.body.items.length).toBeGreaterThanOrEqual(5);
    expect(found.body.items[0]).toMatchObject({ hostName: 'Meridian Engineering', date: '2026-11-16', placesLeft: 3 });
    expect(found.body.items.every((hit: { sector: string }) => hit.sector === 'advanced_manufacturing')).toBe(true);
    const activities = await world.call(school.leader.token, 'GET', `/v1/placements?orgId=${school.schoolId}&from=2026-11-01&to=2027-01-31&yearGroup=8`);
    expect(activities.body.items.map((hit: { date: string }) => hit.date)).toEqual(['2027-01-06', '2027-01-13', '2027-01-20', '2027-01-27']);
    const far = await world.call(school.leader.token, 'GET', `/v1/placements?orgId=${school.schoolId}&from=2026-11-01&to=2027-01-31&near=TR1`);
    expect(far.body.items).toEqual([]);
    // Only schools search placements.
    const asHost = await world.call(host.user.token, 'GET', `/v1/placements?orgId=${host.orgId}&from=2026-11-01&to=2027-01-31`);
    expect(asHost.status).toBe(404);
  });

  it('keeps pupils: add, refuse a repeated reference, import a CSV, name the bad row', async () => {
    const added = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/pupils`, { pupils: [{ reference: 'H001', firstName: 'Amara', lastName: 'Okafor', yearGroup: 10, supportNotes: 'Uses a wheelchair' }] });
    expect(added.status).toBe(201);
    expect(added.body.items[0]).toMatchObject({ reference: 'H001', cohort: 2023, removeAfter: '2028-08-31' });
    const again = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/pupils`, { pupils: [{ reference: 'h001', firstName: 'A', lastName: 'B', yearGroup: 10 }] });
    expect(again.status).toBe(409);
    expect(codes(again.body)).toEqual(['DUPLICATE']);
    const imported = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/pupils/import`, { csv: 'reference,firstName,lastName,yearGroup\nH002,Ben,Carter,10\nH003,"Chloe, Jr",Davies,11\n' });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body.items.map((p: { firstName: string }) => p.firstName)).toEqual(['Ben', 'Chloe, Jr']);
    const badRow = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/pupils/import`, { csv: 'reference,firstName,lastName,yearGroup\nH004,Dan,Evans,12\n' });
    expect(badRow.status).toBe(400);
    expect(badRow.body.errors[0]).toMatchObject({ field: 'csv' });
    expect(badRow.body.errors[0].message).toMatch(/Row 2, yearGroup/);
    const exported = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/pupils/export`);
    expect(exported.status).toBe(200);
    expect(String(exported.body)).toContain('"Chloe, Jr"');
  });

  it('requests are judged: day not offered, school closed, year group, notice; pupils of another school are not theirs', async () => {
    const [placement] = (await world.call(host.user.token, 'GET', `/v1/organisations/${host.orgId}/placements`)).body.items;
    const [year10] = await addPupils(world, school, 1, 10);
    const [year9] = await addPupils(world, school, 1, 9);
    const notOffered = await requestDays(world, school, host.orgId, placement.id, ['2026-11-23'], [year10!]);
    expect([notOffered.status, codes(notOffered.body)]).toEqual([422, ['PLACEMENT_DAY_NOT_OFFERED']]);
    const wrongYear = await requestDays(world, school, host.orgId, placement.id, ['2026-11-16'], [year9!]);
    expect([wrongYear.status, codes(wrongYear.body)]).toEqual([422, ['PLACEMENT_YEAR_GROUP']]);
    const inset = await world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/calendar`, { ...calendar2026, closures: [...calendar2026.closures, { name: 'Training day', kind: 'inset', start: '2026-11-20', end: '2026-11-20' }] });
    expect(inset.status).toBe(200);
    const closed = await requestDays(world, school, host.orgId, placement.id, ['2026-11-20'], [year10!]);
    expect([closed.status, codes(closed.body)]).toEqual([422, ['SCHOOL_CLOSED_DAY']]);
    expect((await world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/calendar`, calendar2026)).status).toBe(200);
    world.clock.now = new Date('2026-11-05T10:00:00Z');
    const late = await requestDays(world, school, host.orgId, placement.id, ['2026-11-16'], [year10!]);
    expect([late.status, codes(late.body)]).toEqual([422, ['PLACEMENT_NOTICE']]);
    world.clock.now = new Date('2026-09-15T10:00:00Z');
    const other = await setUpSchool(world, admin);
    const theirs = await requestDays(world, other, host.orgId, placement.id, ['2026-11-16'], [year10!]);
    expect(theirs.status).toBe(400);
    expect(theirs.body.errors[0].field).toBe('pupilIds');
  }, 60_000);

  it('a week for three pupils: names hidden from the host until confirmed; SAFETY_CHECKS, then PARENTAL_CONSENT, then confirmed; attendance and feedback after the days; Benchmark 6 counts them', async () => {
    const placement = await publishPlacement(world, host, { days: { kind: 'block', from: '2026-12-07', to: '2026-12-11' } });
    const days = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11'];
    const pupils = await addPupils(world, school, 3, 10);
    const asked = await requestDays(world, school, host.orgId, placement.id, days, pupils);
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const bookingId = asked.body.id as string;

    const seenByHost = await world.call(host.user.token, 'GET', hostPath(bookingId));
    expect(seenByHost.body.pupils.map((p: { firstName: string; yearGroup: number }) => [p.firstName, p.yearGroup])).toEqual([['', 10], ['', 10], ['', 10]]);
    expect(JSON.stringify(seenByHost.body)).not.toMatch(/Pupil\d/);

    const unsigned = await world.call(host.user.token, 'POST', hostPath(bookingId, '/confirm'));
    expect([unsigned.status, codes(unsigned.body)]).toEqual([409, ['PARENTAL_CONSENT', 'SAFETY_CHECKS']]);
    await signOffSafetyPack(world.db, school.schoolId, host.orgId);
    const noConsent = await world.call(host.user.token, 'POST', hostPath(bookingId, '/confirm'));
    expect([noConsent.status, codes(noConsent.body)]).toEqual([409, ['PARENTAL_CONSENT']]);
    for (const pupilId of pupils) {
      const consent = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/placement-bookings/${bookingId}/consent`, { pupilId, given: true });
      expect(consent.status).toBe(200);
    }
    const confirmed = await world.call(host.user.token, 'POST', hostPath(bookingId, '/confirm'));
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
    expect(confirmed.body.pupils.map((p: { firstName: string }) => p.firstName)).toEqual(['Pupil0', 'Pupil1', 'Pupil2']);
    const offer = await world.call(host.user.token, 'GET', `/v1/organisations/${host.orgId}/placements/${placement.id}`);
    expect(offer.body.dayPlaces.map((d: { placesLeft: number }) => d.placesLeft)).toEqual([0, 0, 0, 0, 0]);

    // Another employer and another school see nothing of it.
    const stranger = await setUpEmployer(world, admin);
    expect((await world.call(stranger.user.token, 'GET', `/v1/organisations/${host.orgId}/placement-bookings/${school.schoolId}/${bookingId}`)).status).toBe(404);
    expect((await world.call(stranger.user.token, 'GET', `/v1/organisations/${stranger.orgId}/placement-bookings/${school.schoolId}/${bookingId}`)).status).toBe(404);
    expect((await world.call(stranger.user.token, 'GET', `/v1/schools/${school.schoolId}/pupils`)).status).toBe(404);

    const early = await world.call(host.user.token, 'POST', hostPath(bookingId, '/attendance'), { pupilId: pupils[0], date: '2026-12-07', attended: true });
    expect([early.status, codes(early.body)]).toEqual([422, ['NOT_YET_HAPPENED']]);
    world.clock.now = new Date('2026-12-11T16:00:00Z');
    for (const pupilId of pupils) {
      for (const date of days) {
        const attended = pupilId !== pupils[2] || date !== '2026-12-11';
        expect((await world.call(host.user.token, 'POST', hostPath(bookingId, '/attendance'), { pupilId, date, attended })).status).toBe(200);
      }
    }
    const feedback = await world.call(host.user.token, 'POST', hostPath(bookingId, '/feedback'), { pupilId: pupils[0], text: 'Careful, curious and a good team member.' });
    expect(feedback.status).toBe(200);

    const standing = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/work-experience/standing?academicYear=2026`);
    expect(standing.status).toBe(200);
    const year10 = standing.body.yearGroups.find((g: { yearGroup: number }) => g.yearGroup === 10);
    expect(year10.met).toBeGreaterThanOrEqual(2);
    const third = standing.body.pupils.find((p: { pupilId: string }) => p.pupilId === pupils[2]);
    expect(third).toMatchObject({ delivered: 4, confirmed: 0, short: 1, met: false, hosts: ['Meridian Engineering'], sectors: ['advanced_manufacturing'] });
    expect(year10.short).toContainEqual(expect.objectContaining({ pupilId: pupils[2], days: 1 }));

    const record = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/pupils/${pupils[0]}`);
    expect(record.body.placements[0]).toMatchObject({ hostName: 'Meridian Engineering', feedback: 'Careful, curious and a good team member.' });

    // Erase one pupil: the record goes, the booking keeps three places and the year group, not the name.
    expect((await world.call(school.leader.token, 'DELETE', `/v1/schools/${school.schoolId}/pupils/${pupils[0]}`)).status).toBe(200);
    expect((await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/pupils/${pupils[0]}`)).status).toBe(404);
    const after = await world.call(host.user.token, 'GET', hostPath(bookingId));
    expect(after.body.pupils).toHaveLength(3);
    expect(after.body.pupils[0]).toMatchObject({ firstName: '', lastName: '', yearGroup: 10, erased: true });
    expect(after.body.pupils[0].feedback).toBeUndefined();
    world.clock.now = new Date('2026-09-15T10:00:00Z');
  }, 90_000);

  it('refuses a request whose confirmation would not fit one transaction (over 60 pupil-days), naming pupilIds', async () => {
    const placement = await publishPlacement(world, host, { days: { kind: 'block', from: '2027-01-11', to: '2027-01-22' }, placesPerDay: 10 });
    const pupils = await addPupils(world, school, 7);
    const tooMany = await requestDays(world, school, host.orgId, placement.id, placement.days, pupils);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].field).toBe('pupilIds');
  });

  it('judges again at confirmation: an INSET day added after the request (SCHOOL_CLOSED_DAY); a withdrawn offer leaves search and confirms nothing', async () => {
    // The pack was signed off (version 1) by the week test above; sign the new version off again.
    await signOffSafetyPack(world.db, school.schoolId, host.orgId, { packVersion: 1 });
    expect((await world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/work-experience/settings`, { consentRequired: false })).status).toBe(200);
    const placement = await publishPlacement(world, host, { days: { kind: 'dates', dates: ['2027-01-12', '2027-01-13'] } });
    const [pupil] = await addPupils(world, school, 1);
    const asked = await requestDays(world, school, host.orgId, placement.id, ['2027-01-12'], [pupil!]);
    expect(asked.status).toBe(201);
    const inset = { ...calendar2026, closures: [...calendar2026.closures, { name: 'Training day', kind: 'inset', start: '2027-01-12', end: '2027-01-12' }] };
    expect((await world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/calendar`, inset)).status).toBe(200);
    const closed = await world.call(host.user.token, 'POST', hostPath(asked.body.id, '/confirm'));
    expect([closed.status, codes(closed.body)]).toEqual([422, ['SCHOOL_CLOSED_DAY']]);
    expect((await world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/calendar`, calendar2026)).status).toBe(200);

    const other = await requestDays(world, school, host.orgId, placement.id, ['2027-01-13'], [pupil!]);
    expect(other.status).toBe(201);
    const withdrawn = await world.call(host.user.token, 'POST', `/v1/organisations/${host.orgId}/placements/${placement.id}/withdraw`);
    expect(withdrawn.body.status).toBe('withdrawn');
    const found = await world.call(school.leader.token, 'GET', `/v1/placements?orgId=${school.schoolId}&from=2027-01-12&to=2027-01-13`);
    expect(found.body.items.filter((hit: { placementId: string }) => hit.placementId === placement.id)).toEqual([]);
    const refused = await world.call(host.user.token, 'POST', hostPath(other.body.id, '/confirm'));
    expect([refused.status, codes(refused.body)]).toEqual([409, ['PLACEMENT_DAY_NOT_OFFERED']]);
    expect((await world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/work-experience/settings`, { consentRequired: true })).status).toBe(200);
  });

  it('the host declines with a reason and the places are no longer held', async () => {
    const placement = await publishPlacement(world, host, { days: { kind: 'dates', dates: ['2026-12-14'] }, placesPerDay: 1 });
    const [pupil] = await addPupils(world, school, 1);
    const asked = await requestDays(world, school, host.orgId, placement.id, ['2026-12-14'], [pupil!]);
    const declined = await world.call(host.user.token, 'POST', hostPath(asked.body.id, '/decline'), { reason: 'Our supervisor is away that day.' });
    expect(declined.body).toMatchObject({ status: 'declined', declineReason: 'Our supervisor is away that day.' });
    const twice = await world.call(host.user.token, 'POST', hostPath(asked.body.id, '/confirm'));
    expect([twice.status, codes(twice.body)]).toEqual([409, ['STALE_STATE']]);
  });
});

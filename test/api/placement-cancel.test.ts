import { beforeAll, describe, expect, it } from 'vitest';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { getPlacementBooking, getPlacementDays } from '@schoolgate/store';
import { codes, setUpSchool, type SchoolSetup } from '../support/fixtures.js';
import { addPupils, publishPlacement, requestDays, setUpEmployer, signOffSafetyPack } from '../support/placements.js';
import { createWorld, type World } from '../support/world.js';

/**
 * Issue 12, what was left: either side cancels a confirmed placement with a reason, freeing the
 * days' places and the pupils' days in one transaction; bookings confirmed after the host's
 * insurance expiry are listed to both sides.
 */
describe('cancelling a confirmed placement, and days after the insurance expiry', () => {
  let world: World;
  let admin: { token: string };
  let school: SchoolSetup;
  let other: SchoolSetup;
  let host: Awaited<ReturnType<typeof setUpEmployer>>;

  beforeAll(async () => {
    world = await createWorld();
    admin = await world.user('admin', { platformAdmin: true });
    school = await setUpSchool(world, admin);
    other = await setUpSchool(world, admin);
    host = await setUpEmployer(world, admin);
    await signOffSafetyPack(world.db, school.schoolId, host.orgId);
    for (const s of [school, other]) expect((await world.call(s.leader.token, 'PUT', `/v1/schools/${s.schoolId}/work-experience/settings`, { consentRequired: false })).status).toBe(200);
  }, 60_000);

  const hostPath = (bookingId: string, action = '', schoolId = school.schoolId) => `/v1/organisations/${host.orgId}/placement-bookings/${schoolId}/${bookingId}${action}`;
  const schoolPath = (bookingId: string, action = '') => `/v1/schools/${school.schoolId}/placement-bookings/${bookingId}${action}`;

  async function confirmed(days: string[], pupils: string[], placementId: string) {
    const asked = await requestDays(world, school, host.orgId, placementId, days, pupils);
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const done = await world.call(host.user.token, 'POST', hostPath(asked.body.id, '/confirm'));
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    return asked.body.id as string;
  }

  const search = async (date: string) =>
    (await world.call(school.leader.token, 'GET', `/v1/placements?orgId=${school.schoolId}&from=${date}&to=${date}`)).body.items as Array<{ placementId: string; placesLeft: number }>;

  it('the school cancels with a reason: places and the pupils’ days are free again, the full day is back in search, and a second cancel is STALE_STATE', async () => {
    const placement = await publishPlacement(world, host, { days: { kind: 'dates', dates: ['2026-11-23', '2026-11-24'] }, placesPerDay: 2 });
    const pupils = await addPupils(world, school, 2);
    const bookingId = await confirmed(['2026-11-23', '2026-11-24'], pupils, placement.id);
    expect((await search('2026-11-23')).filter((hit) => hit.placementId === placement.id)).toEqual([]);

    const noReason = await world.call(school.leader.token, 'POST', schoolPath(bookingId, '/cancel'), { reason: '' });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain('reason');

    const cancelled = await world.call(school.leader.token, 'POST', schoolPath(bookingId, '/cancel'), { reason: 'Mock exams moved into that week' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Mock exams moved into that week', cancelledBy: 'school' });

    const days = await getPlacementDays(world.db, host.orgId, placement.id);
    expect(days.map((d) => [d.date, d.confirmedCount])).toEqual([['2026-11-23', 0], ['2026-11-24', 0]]);
    expect((await search('2026-11-23')).filter((hit) => hit.placementId === placement.id)).toEqual([expect.objectContaining({ placesLeft: 2 })]);
    // The host is told the reason on its own view of the booking.
    const seen = await world.call(host.user.token, 'GET', hostPath(bookingId));
    expect(seen.body).toMatchObject({ status: 'cancelled', cancelReason: 'Mock exams moved into that week' });
    // The pupils' days are free: they can be confirmed on the same day elsewhere.
    const another = await publishPlacement(world, host, { days: { kind: 'dates', dates: ['2026-11-23'] }, placesPerDay: 5, title: 'Another week' });
    await confirmed(['2026-11-23'], pupils, another.id);

    const again = await world.call(school.leader.token, 'POST', schoolPath(bookingId, '/cancel'), { reason: 'Twice' });
    expect(again.status).toBe(409);
    expect(codes(again.body)).toEqual(['STALE_STATE']);
  });

  it('the host cancels with a reason the school sees; another school cannot cancel or even find it; a started placement cannot be cancelled (ALREADY_HAPPENED)', async () => {
    const placement = await publishPlacement(world, host, { days: { kind: 'dates', dates: ['2026-12-01', '2026-12-02'] }, placesPerDay: 3 });
    const pupils = await addPupils(world, school, 1);
    const bookingId = await confirmed(['2026-12-01', '2026-12-02'], pupils, placement.id);

    const outsider = await world.call(other.leader.token, 'POST', `/v1/schools/${school.schoolId}/placement-bookings/${bookingId}/cancel`, { reason: 'Not mine' });
    expect(outsider.status).toBe(404);
    const wrongSchool = await world.call(other.leader.token, 'POST', `/v1/schools/${other.schoolId}/placement-bookings/${bookingId}/cancel`, { reason: 'Not mine' });
    expect(wrongSchool.status).toBe(404);

    const byHost = await world.call(host.user.token, 'POST', hostPath(bookingId, '/cancel'), { reason: 'Too late' });
    expect(byHost.status).toBe(200);
    expect(byHost.body).toMatchObject({ status: 'cancelled', cancelledBy: 'host', cancelReason: 'Too late' });
    const list = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/placement-bookings`);
    expect(list.body.items.find((b: { id: string }) => b.id === bookingId)).toMatchObject({ status: 'cancelled', cancelReason: 'Too late', cancelledBy: 'host' });

    const later = await confirmed(['2026-12-01', '2026-12-02'], pupils, placement.id);
    const before = world.clock.now;
    world.clock.now = new Date('2026-12-02T08:00:00Z');
    try {
      const late = await world.call(host.user.token, 'POST', hostPath(later, '/cancel'), { reason: 'Halfway through' });
      expect(late.status).toBe(422);
      expect(codes(late.body)).toEqual(['ALREADY_HAPPENED']);
    } finally {
      world.clock.now = before;
    }
  });

  it('race: 20 cancellations from both sides at once free the places exactly once', async () => {
    const placement = await publishPlacement(world, host, { days: { kind: 'dates', dates: ['2026-11-25', '2026-11-26', '2026-11-27'] }, placesPerDay: 4 });
    const pupils = await addPupils(world, school, 3);
    const bookingId = await confirmed(['2026-11-25', '2026-11-26', '2026-11-27'], pupils, placement.id);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 ? world.call(school.leader.token, 'POST', schoolPath(bookingId, '/cancel'), { reason: `school ${i}` }) : world.call(host.user.token, 'POST', hostPath(bookingId, '/cancel'), { reason: `host ${i}` }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status !== 200).every((r) => r.status === 409 && codes(r.body)[0] === 'STALE_STATE')).toBe(true);
    const days = await getPlacementDays(world.db, host.orgId, placement.id);
    expect(days.map((d) => d.confirmedCount)).toEqual([0, 0, 0]);
  }, 60_000);

  it('lists bookings already confirmed after the host’s insurance expiry to the host and to that school only', async () => {
    const placement = await publishPlacement(world, host, { days: { kind: 'dates', dates: ['2027-02-01', '2027-02-02', '2027-02-03'] }, placesPerDay: 3, title: 'February week' });
    const pupils = await addPupils(world, school, 1);
    const bookingId = await confirmed(['2027-02-01', '2027-02-02', '2027-02-03'], pupils, placement.id);
    const hostList = () => world.call(host.user.token, 'GET', `/v1/organisations/${host.orgId}/work-experience/after-insurance-expiry`);
    const schoolList = (s: SchoolSetup) => world.call(s.leader.token, 'GET', `/v1/schools/${s.schoolId}/work-experience/after-insurance-expiry`);
    expect((await hostList()).body.items.filter((i: { bookingId: string }) => i.bookingId === bookingId)).toEqual([]);

    // The host's renewed certificate now runs out on 1 February: the 2nd and 3rd are beyond it.
    const pack = await world.call(host.user.token, 'GET', `/v1/organisations/${host.orgId}/safety-pack`);
    await signOffSafetyPack(world.db, school.schoolId, host.orgId, { insuranceExpiresOn: '2027-02-01', packVersion: pack.body.packVersion });

    const forHost = await hostList();
    expect(forHost.status).toBe(200);
    expect(forHost.body.insuranceExpiresOn).toBe('2027-02-01');
    expect(forHost.body.items).toEqual([expect.objectContaining({ bookingId, schoolId: school.schoolId, title: 'February week', days: ['2027-02-02', '2027-02-03'], insuranceExpiresOn: '2027-02-01' })]);
    const forSchool = await schoolList(school);
    expect(forSchool.status).toBe(200);
    expect(forSchool.body.items).toEqual([expect.objectContaining({ bookingId, hostOrgId: host.orgId, days: ['2027-02-02', '2027-02-03'], insuranceExpiresOn: '2027-02-01' })]);
    expect((await schoolList(other)).body.items).toEqual([]);
    // Nobody else reads either list.
    expect((await world.call(other.leader.token, 'GET', `/v1/organisations/${host.orgId}/work-experience/after-insurance-expiry`)).status).toBe(404);
    expect((await world.call(host.user.token, 'GET', `/v1/schools/${school.schoolId}/work-experience/after-insurance-expiry`)).status).toBe(404);
  });
  it('measures the confirming and cancelling transactions of a 5-day, 3-pupil booking: items and consumed write capacity (docs/data-model.md)', async () => {
    const week = ['2027-01-18', '2027-01-19', '2027-01-20', '2027-01-21', '2027-01-22'];
    const doc = world.db.doc;
    const send = doc.send.bind(doc) as (...args: unknown[]) => Promise<unknown>;
    const seen: Array<{ items: number; kinds: Record<string, number>; bytes: number; wcu: number }> = [];
    (doc as { send: unknown }).send = async (command: unknown, ...rest: unknown[]) => {
      if (!(command instanceof TransactWriteCommand)) return send(command, ...rest);
      const items = command.input.TransactItems ?? [];
      const kinds: Record<string, number> = {};
      for (const item of items) for (const kind of Object.keys(item)) kinds[kind] = (kinds[kind] ?? 0) + 1;
      (command.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
      const answer = (await send(command, ...rest)) as { ConsumedCapacity?: Array<{ CapacityUnits?: number }> };
      seen.push({ items: items.length, kinds, bytes: JSON.stringify(items).length, wcu: (answer.ConsumedCapacity ?? []).reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0) });
      return answer;
    };
    try {
      for (const places of [3, 4]) {
        const placement = await publishPlacement(world, host, { days: { kind: 'dates', dates: week }, placesPerDay: places, title: `Measured week ${places}` });
        const pupils = await addPupils(world, school, 3);
        seen.length = 0;
        const bookingId = await confirmed(week, pupils, placement.id);
        const [request, confirm] = seen;
        const stored = await getPlacementBooking(world.db, school.schoolId, bookingId);
        expect(request!.items).toBe(5 + 1 + 1 + 1);
        // 1 booking + 5 days + 15 pupil-days + 3 pupils + 1 offer + 2 facts + 2 safety + 1 outbox (+ 5 search entries when the 3 pupils fill every day).
        expect(confirm!.items).toBe(places === 3 ? 35 : 30);
        seen.length = 0;
        expect((await world.call(school.leader.token, 'POST', schoolPath(bookingId, '/cancel'), { reason: 'Measured' })).status).toBe(200);
        // 1 booking + 5 days + 15 pupil-day deletes + 1 outbox + 1 offer check + 5 search entries back.
        expect(seen[0]!.items).toBe(28);
        console.log(JSON.stringify({ placesPerDay: places, request, confirm, cancel: seen[0], bookingBytes: JSON.stringify(stored).length }));
      }
    } finally {
      (doc as { send: unknown }).send = send;
    }
  }, 60_000);
});

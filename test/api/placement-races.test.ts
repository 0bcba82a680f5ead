import { beforeAll, describe, expect, it } from 'vitest';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { getSafetyPack, putSafetyPack } from '@schoolgate/store';
import { codes, setUpSchool, type SchoolSetup } from '../support/fixtures.js';
import { addPupils, publishPlacement, requestDays, setUpEmployer, signOffSafetyPack } from '../support/placements.js';
import { createWorld, type World } from '../support/world.js';

/**
 * Issue 12's invariants under 50-way races against DynamoDB Local: the confirming transaction,
 * not a read in our code, decides who gets the last place, a pupil's day, and whether the pack
 * still stands.
 */
describe('placement confirmations racing on DynamoDB Local', () => {
  let world: World;
  let school: SchoolSetup;
  let host: Awaited<ReturnType<typeof setUpEmployer>>;

  beforeAll(async () => {
    world = await createWorld();
    const admin = await world.user('admin', { platformAdmin: true });
    school = await setUpSchool(world, admin);
    host = await setUpEmployer(world, admin);
    await signOffSafetyPack(world.db, school.schoolId, host.orgId);
    // Consent is a school setting; these races are about places, pupils' days and the pack.
    expect((await world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/work-experience/settings`, { consentRequired: false })).status).toBe(200);
  }, 60_000);

  const confirm = (bookingId: string) => world.call(host.user.token, 'POST', `/v1/organisations/${host.orgId}/placement-bookings/${school.schoolId}/${bookingId}/confirm`);

  it('PLACEMENT_FULL: 50 concurrent confirmations for a two-place day confirm exactly two', async () => {
    const placement = await publishPlacement(world, host, { days: { kind: 'dates', dates: ['2026-11-23'] }, placesPerDay: 2 });
    const pupils = await addPupils(world, school, 50);
    const bookingIds: string[] = [];
    for (const pupil of pupils) {
      const asked = await requestDays(world, school, host.orgId, placement.id, ['2026-11-23'], [pupil]);
      expect(asked.status, JSON.stringify(asked.body)).toBe(201);
      bookingIds.push(asked.body.id);
    }
    const results = await Promise.all(bookingIds.map(confirm));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(2);
    expect(results.filter((r) => r.status !== 200).every((r) => r.status === 409 && codes(r.body)[0] === 'PLACEMENT_FULL')).toBe(true);
    const offer = await world.call(host.user.token, 'GET', `/v1/organisations/${host.orgId}/placements/${placement.id}`);
    expect(offer.body.dayPlaces).toEqual([{ date: '2026-11-23', places: 2, placesLeft: 0 }]);
    // The full day has left search.
    const found = await world.call(school.leader.token, 'GET', `/v1/placements?orgId=${school.schoolId}&from=2026-11-23&to=2026-11-23`);
    expect(found.body.items.filter((hit: { placementId: string }) => hit.placementId === placement.id)).toEqual([]);
  }, 120_000);

  it('PUPIL_DOUBLE_BOOKED: one pupil asked for on the same day by 50 requests on two placements is confirmed once', async () => {
    const a = await publishPlacement(world, host, { days: { kind: 'dates', dates: ['2026-11-24'] }, placesPerDay: 50 });
    const b = await publishPlacement(world, host, { days: { kind: 'dates', dates: ['2026-11-24'] }, placesPerDay: 50, title: 'Office week', sector: 'financial_services' });
    const [pupil] = await addPupils(world, school, 1);
    const bookingIds: string[] = [];
    for (let i = 0; i < 50; i++) {
      const asked = await requestDays(world, school, host.orgId, i % 2 ? a.id : b.id, ['2026-11-24'], [pupil!]);
      expect(asked.status, JSON.stringify(asked.body)).toBe(201);
      bookingIds.push(asked.body.id);
    }
    const results = await Promise.all(bookingIds.map(confirm));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status !== 200).every((r) => r.status === 409 && codes(r.body)[0] === 'PUPIL_DOUBLE_BOOKED')).toBe(true);
    const record = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/pupils/${pupil}`);
    expect(record.body.placements.filter((p: { status: string }) => p.status === 'confirmed')).toHaveLength(1);
  }, 120_000);

  it('SAFETY_CHECKS: the host changes its pack while 50 confirmations run; none sent after the change commits', async () => {
    const placement = await publishPlacement(world, host, { days: { kind: 'dates', dates: ['2026-11-25'] }, placesPerDay: 50 });
    const pupils = await addPupils(world, school, 50);
    const bookingIds: string[] = [];
    for (const pupil of pupils) {
      const asked = await requestDays(world, school, host.orgId, placement.id, ['2026-11-25'], [pupil]);
      expect(asked.status, JSON.stringify(asked.body)).toBe(201);
      bookingIds.push(asked.body.id);
    }
    const doc = world.db.doc;
    const send = doc.send.bind(doc) as (...args: unknown[]) => Promise<unknown>;
    let transactions = 0;
    let changed: Promise<unknown> | undefined;
    const afterChange: Array<Promise<'committed' | 'cancelled'>> = [];
    // At the 10th confirmation's commit the host uploads a new pack (packVersion + 1): every
    // sign-off of the old version stops passing. Transactions sent after it must all be cancelled.
    (doc as { send: unknown }).send = async (command: unknown, ...rest: unknown[]) => {
      if (!(command instanceof TransactWriteCommand)) return send(command, ...rest);
      transactions += 1;
      if (transactions === 10) {
        changed = (async () => {
          const pack = (await getSafetyPack(world.db, host.orgId))!;
          await putSafetyPack(world.db, host.orgId, { insurance: pack.insurance!, safeguarding: pack.safeguarding! }, pack.packVersion, new Date().toISOString(), 'host');
        })();
      }
      if (changed) {
        await changed;
        const sent = send(command, ...rest);
        afterChange.push(sent.then(() => 'committed' as const, () => 'cancelled' as const));
        return sent;
      }
      return send(command, ...rest);
    };
    let results;
    try {
      results = await Promise.all(bookingIds.map(confirm));
    } finally {
      (doc as { send: unknown }).send = send;
    }
    const outcomes = results.map((r) => (r.status === 200 ? 'confirmed' : `${r.status} ${codes(r.body).join(',')}`));
    for (const outcome of outcomes) expect(['confirmed', '409 SAFETY_CHECKS', '409 FACTS_CHANGED']).toContain(outcome);
    expect(afterChange.length).toBeGreaterThan(0);
    expect(await Promise.all(afterChange)).not.toContain('committed');
    const confirmed = outcomes.filter((o) => o === 'confirmed').length;
    expect(confirmed).toBeLessThan(10);
    console.log(`pack race: ${confirmed} confirmed before the pack changed, ${50 - confirmed} refused (${afterChange.length} transactions sent after it, all cancelled)`);
    // Once the pack changed, the school must review it again before anything is confirmed.
    const again = await confirm(bookingIds[results.findIndex((r) => r.status !== 200)]!);
    expect(codes(again.body)).toEqual(['SAFETY_CHECKS']);
  }, 120_000);
});

import { beforeAll, describe, expect, it } from 'vitest';
import { BatchWriteCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys, type Db } from '@schoolgate/store';
import { backfillTable, type BackfillReport } from '@schoolgate/store/backfill';
import { publishSlot, request, setUpProvider, setUpSchool, type SchoolSetup } from '../support/fixtures.js';
import { setUpEmployer, workplaceTour } from '../support/offers.js';
import { createWorld, type World } from '../support/world.js';

/** The items the backfill rebuilds, and the booking and record items it reads, of one school, sorted. */
const PREFIXES = ['BOOKING#', 'ENCOUNTER#', 'ENCSUM#', 'EMPSUM#', 'RECOPEN#', 'RECORDED#', 'SLOT#', 'AREA#', 'PROFILE'];
async function partition(db: Db, schoolId: string): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({ TableName: db.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.organisation(schoolId).pk }, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return (
    items
      .filter((item) => PREFIXES.some((prefix) => String(item.sk).startsWith(prefix)))
      // A slot's search entry keeps a copy of the slot from when it was written (search reads current
      // places from the slot): its counts say when, not what.
      .map((item) => (String(item.sk).startsWith('AREA#slot#') ? { ...item, data: { ...(item.data as object), confirmedCount: 0, pendingCount: 0 } } : item))
      .sort((a, b) => String(a.sk).localeCompare(String(b.sk)))
  );
}

async function write(db: Db, requests: Array<Record<string, unknown>>) {
  for (let i = 0; i < requests.length; i += 25) await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.tableName]: requests.slice(i, i + 25) } }));
}

/**
 * Puts the school's items back the way a table written before the last changes holds them, built
 * by hand in the old layout: counted encounters under `ENCOUNTER#<cohort>#<bookingId>` (same
 * attributes), no `ENCSUM#` or `EMPSUM#` summaries, no `RECOPEN#` items, bookings without gsi3
 * `SCHOOLBOOKINGS#` keys and with the unsharded gsi2 `BOOKINGDATE#<date>`.
 */
async function makeOld(db: Db, schoolId: string) {
  const items = await partition(db, schoolId);
  const requests: Array<Record<string, unknown>> = [];
  for (const item of items) {
    const sk = String(item.sk);
    if (sk.startsWith('ENCOUNTER#')) {
      requests.push({ DeleteRequest: { Key: { pk: item.pk, sk } } });
      requests.push({ PutRequest: { Item: { ...item, sk: `ENCOUNTER#${item.cohort}#${item.id}` } } });
    } else if (['ENCSUM#', 'EMPSUM#', 'RECOPEN#', 'AREA#'].some((prefix) => sk.startsWith(prefix))) {
      requests.push({ DeleteRequest: { Key: { pk: item.pk, sk } } });
    } else if (sk.startsWith('BOOKING#')) {
      const { gsi3pk: _pk, gsi3sk: _sk, ...old } = item;
      requests.push({ PutRequest: { Item: { ...old, gsi2pk: `BOOKINGDATE#${item.date}` } } });
    } else if (sk.startsWith('SLOT#') && item.status === 'open') {
      requests.push({ PutRequest: { Item: { ...item, gsi2pk: `OPENSLOTS#${String(item.date).slice(0, 7)}`, gsi2sk: `${item.date}#${item.id}` } } });
    }
  }
  await write(db, requests);
}

const totals = (report: BackfillReport) => Object.values(report.steps).reduce((sum, c) => sum + c.written, 0);

describe('the backfill of the keys the last changes introduced', () => {
  let world: World;
  let school: SchoolSetup;
  let raceBookingId: string;
  let raceSlotId: string;
  /** The world's today: the slots (November) are still to come. */
  const today = '2026-09-15';
  /** The school's items as the use cases wrote them, before they were made old. */
  let asWritten: Array<Record<string, unknown>>;
  const asOfs = ['2026-11-20', '2027-03-05'];
  /** What the careers leader and the governors see: compliance, and the report (which reads the gsi3 index). */
  const views = async () =>
    Promise.all(
      asOfs.flatMap((asOf) => [
        world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/compliance?asOf=${asOf}`).then((r) => r.body),
        world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/reports/2026?asOf=${asOf}`).then((r) => r.body),
        world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/benchmark5?asOf=${asOf}`).then((r) => r.body),
      ]),
    );
  let seen: unknown[];

  beforeAll(async () => {
    world = await createWorld();
    const admin = await world.user('admin', { platformAdmin: true });
    school = await setUpSchool(world, admin);
    const [p1, p2, p3] = [await setUpProvider(world, admin), await setUpProvider(world, admin), await setUpProvider(world, admin)];
    const approve = (id: string) => world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${id}/approve`, {});
    const ask = async (provider: typeof p1, overrides: Record<string, unknown>) => {
      const slot = await publishSlot(world, school, overrides);
      const asked = await request(world, provider, school.schoolId, slot.id);
      expect(asked.status, JSON.stringify(asked.body)).toBe(201);
      raceSlotId = slot.id;
      return asked.body.id as string;
    };
    // Year 9 (phase 1 closes 2027-02-28), Years 10 and 11 at once (two cohorts), one left requested,
    // one confirmed then cancelled, and the one the race test moves.
    const y9 = await ask(p1, { date: '2026-11-10' });
    const y10y11 = await ask(p2, { date: '2026-11-11', yearGroups: [10, 11] });
    await ask(p2, { date: '2026-11-12' });
    const cancelled = await ask(p3, { date: '2026-11-13', yearGroups: [10] });
    raceBookingId = await ask(p3, { date: '2026-11-17', yearGroups: [11] });
    for (const id of [y9, y10y11, cancelled, raceBookingId]) expect((await approve(id)).status).toBe(200);
    expect((await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${cancelled}/cancel`, { reason: 'Hall flooded' })).status).toBe(200);
    // An employer's workplace tour for Year 9, confirmed at once (Benchmark 5's employer summaries).
    const employer = await setUpEmployer(world, admin);
    const offer = await world.call(employer.user.token, 'POST', `/v1/organisations/${employer.orgId}/offers`, workplaceTour({ dates: ['2026-10-06'] }));
    expect(offer.status, JSON.stringify(offer.body)).toBe(201);
    const toured = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/offer-bookings`, { hostOrgId: employer.orgId, offerId: offer.body.id, date: '2026-10-06', travelMinutes: 30, yearGroups: [9] });
    expect(toured.status, JSON.stringify(toured.body)).toBe(201);
    expect(toured.body.status).toBe('confirmed');
    const record = (body: Record<string, unknown>) => world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/recorded-encounters`, { start: '09:00', end: '09:30', format: 'assembly', attendance: 140, ...body });
    const r1 = await record({ date: '2026-09-10', yearGroups: [9], provider: { name: 'Leeds College', ukprn: '10012345', providerType: 'fe_college', offers: ['t_levels'] } });
    expect(r1.status, JSON.stringify(r1.body)).toBe(201);
    expect((await record({ date: '2026-09-14', yearGroups: [10, 11], provider: { orgId: p1.orgId } })).status).toBe(201);
    // A record from before corrections carries no version.
    await world.db.doc.send(new UpdateCommand({ TableName: world.db.tableName, Key: keys.recordedEncounter(school.schoolId, r1.body.id), UpdateExpression: 'REMOVE #v', ExpressionAttributeNames: { '#v': 'version' } }));
    asWritten = await partition(world.db, school.schoolId);
    seen = await views();
  });

  it('brings old-layout items to what the use cases write today: the same items, the same compliance, report and Benchmark 5; a dry run writes nothing; a second run writes nothing', async () => {
    await makeOld(world.db, school.schoolId);
    const old = await partition(world.db, school.schoolId);
    expect(old).not.toEqual(asWritten);
    // Sanity: on the old layout the closed phases are lost to compliance, and the report's bookings to the index.
    expect(await views()).not.toEqual(seen);

    const dry = await backfillTable(world.db, { dryRun: true, today });
    expect(await partition(world.db, school.schoolId)).toEqual(old);
    expect(dry.steps.bookings).toMatchObject({ scanned: 6, written: 6, alreadyDone: 0 });
    expect(dry.steps.employer).toMatchObject({ scanned: 6, written: 1, alreadyDone: 5 });
    expect(dry.steps.recorded).toMatchObject({ scanned: 2, written: 2, alreadyDone: 0 });
    expect(dry.steps.slots).toMatchObject({ scanned: 5, written: 5, alreadyDone: 0 });
    expect(dry.steps.directory).toMatchObject({ scanned: 1, written: 1, alreadyDone: 0 });

    const run = await backfillTable(world.db, { concurrency: 2, today });
    expect(run.schools).toBe(1);
    expect(run.steps.bookings).toEqual({ scanned: 6, written: 6, alreadyDone: 0, moved: 0, skipped: 0, failed: 0 });
    expect(run.steps.employer).toEqual({ scanned: 6, written: 1, alreadyDone: 5, moved: 0, skipped: 0, failed: 0 });
    expect(run.steps.recorded).toEqual({ scanned: 2, written: 2, alreadyDone: 0, moved: 0, skipped: 0, failed: 0 });
    expect(run.steps.slots).toEqual({ scanned: 5, written: 5, alreadyDone: 0, moved: 0, skipped: 0, failed: 0 });
    expect(run.steps.directory).toEqual({ scanned: 1, written: 1, alreadyDone: 0, moved: 0, skipped: 0, failed: 0 });
    expect(await partition(world.db, school.schoolId)).toEqual(asWritten);
    expect(await views()).toEqual(seen);

    const again = await backfillTable(world.db, { today });
    expect(totals(again)).toBe(0);
    expect(again.steps.bookings).toMatchObject({ scanned: 6, alreadyDone: 6 });
    expect(again.steps.employer).toMatchObject({ scanned: 6, alreadyDone: 6 });
    expect(again.steps.recorded).toMatchObject({ scanned: 2, alreadyDone: 2 });
    expect(again.steps.slots).toMatchObject({ scanned: 5, alreadyDone: 5 });
    expect(again.steps.directory).toMatchObject({ scanned: 1, alreadyDone: 1 });
    expect(again.lastSchoolId).toBe(school.schoolId);
    // Resumed after the last school it reported: nothing left to walk.
    expect((await backfillTable(world.db, { today, startAfter: again.lastSchoolId })).schools).toBe(0);
  });

  it('loses to a booking that moves while it runs, re-reads it and leaves the summary equal to the items', async () => {
    await makeOld(world.db, school.schoolId);
    let cancelledMeanwhile = false;
    const run = await backfillTable(world.db, {
      today,
      // Between the backfill's read of the confirmed booking and its write, the school cancels it.
      beforeCommit: async (step, id) => {
        if (step !== 'bookings' || id !== raceBookingId || cancelledMeanwhile) return;
        cancelledMeanwhile = true;
        const res = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${raceBookingId}/cancel`, { reason: 'Exams moved' });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
      },
    });
    expect(cancelledMeanwhile).toBe(true);
    expect(run.steps.bookings).toEqual({ scanned: 6, written: 6, alreadyDone: 0, moved: 1, skipped: 0, failed: 0 });

    const items = await partition(world.db, school.schoolId);
    const encounterIds = new Set(items.filter((item) => String(item.sk).startsWith('ENCOUNTER#')).map((item) => item.id));
    const entryIds = new Set(items.filter((item) => String(item.sk).startsWith('ENCSUM#')).flatMap((item) => Object.keys(item).filter((name) => name.startsWith('E#')).map((name) => name.slice(2))));
    // No old-layout item is left, the cancelled booking counts nowhere, and each summary entry has its item.
    expect(items.filter((item) => /^ENCOUNTER#\d{4}#/.test(String(item.sk)))).toEqual([]);
    expect(encounterIds.has(raceBookingId)).toBe(false);
    expect(entryIds).toEqual(encounterIds);
    // Everything else is as the use cases wrote it.
    const other = (list: Array<Record<string, unknown>>) =>
      list
        // The cancelled booking and its slot (one place freed) changed; the summaries are checked above.
        .filter((item) => item.id !== raceBookingId && !(String(item.sk) === `SLOT#${raceSlotId}`) && !String(item.sk).startsWith('ENCSUM#'));
    expect(other(items)).toEqual(other(asWritten));
    expect(totals(await backfillTable(world.db, { today }))).toBe(0);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { bookingItem, getBooking, getOrganisation, keys, meterDb, type Db } from '@schoolgate/store';
import { bookingsInFeed, readSchoolStanding } from '@schoolgate/usecases';
import { publishSlot, request, setUpProvider, setUpSchool, type SchoolSetup } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';

/** The counted-encounter items of a school, straight from the table. */
async function encounterItems(db: Db, schoolId: string) {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.organisation(schoolId).pk, ':prefix': 'ENCOUNTER#' },
      ConsistentRead: true,
    }),
  );
  return (result.Items ?? []).map((item) => ({ sk: item.sk as string, status: item.status as string }));
}

async function putMany(db: Db, items: Array<Record<string, unknown>>) {
  for (let i = 0; i < items.length; i += 25) {
    await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
}

describe('reads that do not grow with history', () => {
  let world: World;
  let admin: { token: string };
  let school: SchoolSetup;
  beforeAll(async () => {
    world = await createWorld();
    admin = await world.user('admin', { platformAdmin: true });
    school = await setUpSchool(world, admin);
  });

  const year9Phase1 = async () => {
    const res = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/compliance`);
    expect(res.status).toBe(200);
    return res.body.cohorts.find((c: any) => c.yearGroupNow === 9).phases.find((p: any) => p.phase === 1);
  };

  it('keeps one counted-encounter item per cohort while a statutory booking is confirmed or delivered, in the same transaction', async () => {
    const provider = await setUpProvider(world, admin);
    // Years 9 and 10 on 10 November 2026: cohorts 2024 and 2023.
    const { id: slotId } = await publishSlot(world, school, { yearGroups: [9, 10] });
    const asked = await request(world, provider, school.schoolId, slotId);
    expect(await encounterItems(world.db, school.schoolId)).toEqual([]);

    const approve = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${asked.body.id}/approve`, {});
    expect(approve.status).toBe(200);
    expect(await encounterItems(world.db, school.schoolId)).toEqual([
      { sk: `ENCOUNTER#2023#${asked.body.id}`, status: 'confirmed' },
      { sk: `ENCOUNTER#2024#${asked.body.id}`, status: 'confirmed' },
    ]);
    expect((await year9Phase1()).providers.confirmed).toHaveLength(1);

    const cancel = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${asked.body.id}/cancel`, { reason: 'Hall flooded' });
    expect(cancel.status).toBe(200);
    expect(await encounterItems(world.db, school.schoolId)).toEqual([]);
    expect((await year9Phase1()).providers.confirmed).toHaveLength(0);
  });

  it('a supplementary booking makes no counted-encounter item', async () => {
    const provider = await setUpProvider(world, admin);
    const { id: slotId } = await publishSlot(world, school, { statutory: false, date: '2026-11-11' });
    const asked = await request(world, provider, school.schoolId, slotId);
    expect((await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${asked.body.id}/approve`, {})).status).toBe(200);
    expect((await encounterItems(world.db, school.schoolId)).filter((item) => item.sk.endsWith(asked.body.id))).toEqual([]);
  });

  it("costs the same however much else the school's partition holds: audit, holds, guards, markers, slots and cohorts that have left are not read", async () => {
    const provider = await setUpProvider(world, admin);
    const { id: slotId } = await publishSlot(world, school, { date: '2026-11-12' });
    const asked = await request(world, provider, school.schoolId, slotId);
    expect((await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${asked.body.id}/approve`, {})).status).toBe(200);

    const meter = meterDb(world.db);
    try {
      await readSchoolStanding(world.db, school.schoolId, '2026-11-20');
      const before = meter.read();
      // The counted encounters and the encounters the school recorded itself (RECORDED#, its own prefix).
      expect(before.calls).toMatchObject({ QueryCommand: 2, GetItemCommand: 3 });
      // Three consistent point reads of at least one unit each, the two Queries and the providers.
      expect(before.readCapacityUnits).toBeGreaterThanOrEqual(4);
      expect(before.writeCapacityUnits).toBe(0);

      // Years of history: 400 old slots, holds, guards, delivery markers and risk markers, and
      // 400 counted encounters of cohorts that left before 2026/27 (Year 13 in 2026/27 is cohort 2020).
      const pk = keys.organisation(school.schoolId).pk;
      const padding = 'x'.repeat(600);
      const history: Array<Record<string, unknown>> = [];
      for (let i = 0; i < 400; i++) {
        history.push({ pk, sk: `SLOT#old${i}`, type: 'slot', padding });
        history.push({ pk, sk: `HOLD#old${i}#prv`, type: 'slot-hold', padding });
        history.push({ pk, sk: `GUARD#2015#1#prv${i}`, type: 'phase-guard', padding });
        history.push({ pk, sk: `DELIVERY#evt${i}#a@b.example`, type: 'delivery-failure', padding });
        history.push({ pk, sk: `ENCOUNTER#${2012 + (i % 8)}#old${i}`, type: 'counted-encounter', padding });
      }
      await putMany(world.db, history);

      meter.reset();
      const standing = await readSchoolStanding(world.db, school.schoolId, '2026-11-20');
      const after = meter.read();
      expect(after.calls).toEqual(before.calls);
      expect(after.readCapacityUnits).toBe(before.readCapacityUnits);
      expect(standing!.bookings.map((b) => b.id)).toContain(asked.body.id);
      expect(standing!.bookings.some((b) => b.id.startsWith('old'))).toBe(false);
    } finally {
      meter.detach();
    }
    // It seeds 2,000 items first.
  }, 90_000);

  it("keeps a booking's audit trail out of the school's partition", async () => {
    const provider = await setUpProvider(world, admin);
    const { id: slotId } = await publishSlot(world, school, { date: '2026-11-13' });
    const asked = await request(world, provider, school.schoolId, slotId);
    const result = await world.db.doc.send(
      new QueryCommand({
        TableName: world.db.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.auditOf(school.schoolId, asked.body.id) },
        ConsistentRead: true,
      }),
    );
    expect(result.Items?.map((item) => item.to)).toEqual(['requested']);
    const detail = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/bookings/${asked.body.id}`);
    expect(detail.body.audit.map((a: { to: string }) => a.to)).toEqual(['requested']);
  });
});

describe('every list pages', () => {
  let world: World;
  let admin: { token: string };
  beforeAll(async () => {
    world = await createWorld();
    admin = await world.user('admin', { platformAdmin: true });
  });

  it("pages a school's slots with a limit and a cursor, each slot once, and refuses another list's cursor or a forged one", async () => {
    const school = await setUpSchool(world, admin);
    const other = await setUpSchool(world, admin);
    const published: string[] = [];
    for (let i = 0; i < 7; i++) published.push((await publishSlot(world, school, { date: `2026-11-${String(10 + i).padStart(2, '0')}`, statutory: false })).id);
    await publishSlot(world, other, { statutory: false });

    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    let otherCursor: string | null = null;
    do {
      const res: { status: number; body: any } = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/slots?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      sizes.push(res.body.items.length);
      seen.push(...res.body.items.map((s: { id: string }) => s.id));
      cursor = res.body.nextCursor;
      otherCursor ??= cursor;
    } while (cursor);
    expect(sizes.slice(0, 2)).toEqual([3, 3]);
    expect(seen.sort()).toEqual([...published].sort());

    // A cursor names a place in one list only: the other school's leader cannot use it on theirs,
    // and it cannot be bent to reach the first school's items.
    const crossed = await world.call(other.leader.token, 'GET', `/v1/schools/${other.schoolId}/slots?limit=3&cursor=${otherCursor}`);
    expect(crossed.status).toBe(400);
    expect(crossed.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    const forged = Buffer.from(JSON.stringify({ pk: `ORG#${school.schoolId}`, sk: 'SLOT#' })).toString('base64url');
    expect((await world.call(other.leader.token, 'GET', `/v1/schools/${other.schoolId}/slots?cursor=${forged}`)).status).toBe(400);
    expect((await world.call(other.leader.token, 'GET', `/v1/schools/${other.schoolId}/slots?cursor=not-json`)).status).toBe(400);
    expect((await world.call(other.leader.token, 'GET', `/v1/schools/${other.schoolId}/slots?limit=101`)).status).toBe(400);
  });

  it("pages a requester's bookings, a school's bookings and the admin's verification queue", async () => {
    const school = await setUpSchool(world, admin);
    const provider = await setUpProvider(world, admin);
    for (let i = 0; i < 3; i++) {
      const { id } = await publishSlot(world, school, { date: `2026-11-${String(10 + i).padStart(2, '0')}`, statutory: false });
      expect((await request(world, provider, school.schoolId, id)).status).toBe(201);
    }
    const walk = async (token: string, path: string) => {
      const pages: number[] = [];
      let cursor: string | null = null;
      do {
        const res: { status: number; body: any } = await world.call(token, 'GET', `${path}${path.includes('?') ? '&' : '?'}limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        pages.push(res.body.items.length);
        cursor = res.body.nextCursor;
      } while (cursor);
      return pages.reduce((a, b) => a + b, 0);
    };
    expect(await walk(provider.user.token, `/v1/organisations/${provider.orgId}/bookings`)).toBe(3);
    expect(await walk(school.leader.token, `/v1/schools/${school.schoolId}/bookings`)).toBe(3);
    expect(await walk(school.leader.token, `/v1/schools/${school.schoolId}/bookings?status=requested`)).toBe(3);
    expect(await walk(admin.token, '/v1/admin/organisations?kind=school')).toBeGreaterThanOrEqual(1);
  });

  it("reads a school's calendar feed from a year back on through its index, not its whole booking history", async () => {
    const school = await setUpSchool(world, admin);
    const provider = await setUpProvider(world, admin);
    const { id: slotId } = await publishSlot(world, school, { yearGroups: [8] });
    const asked = await request(world, provider, school.schoolId, slotId);
    expect((await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${asked.body.id}/approve`, {})).status).toBe(200);
    const booking = (await getBooking(world.db, school.schoolId, asked.body.id))!;
    // Three years of confirmed bookings before the window: a history the feed must not pay for.
    const old = Array.from({ length: 120 }, (_, i) => bookingItem({ ...booking, id: `${booking.id}-old${i}`, date: `2023-${String(1 + (i % 12)).padStart(2, '0')}-10` }));
    await putMany(world.db, old);
    const org = (await getOrganisation(world.db, school.schoolId))!;
    const meter = meterDb(world.db);
    try {
      const feed = await bookingsInFeed(world.db, org);
      expect(feed.map((snapshot) => snapshot.bookingId)).toContain(booking.id);
      expect(feed.some((snapshot) => snapshot.bookingId.includes('-old'))).toBe(false);
      const reading = meter.read();
      expect(reading.calls).toEqual({ QueryCommand: 1 });
      // Only this year's bookings come back from the index (the old ones are before its range).
      expect(reading.items).toBeLessThan(10);
    } finally {
      meter.detach();
    }
  });
});

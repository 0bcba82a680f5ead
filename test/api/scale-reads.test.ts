import { beforeAll, describe, expect, it } from 'vitest';
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys, meterDb, type Db } from '@schoolgate/store';
import { readSchoolStanding } from '@schoolgate/usecases';
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
      expect(before.calls.QueryCommand).toBe(1);
      expect(before.readCapacityUnits).toBeGreaterThan(0);

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
  });

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

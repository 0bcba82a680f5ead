import { beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { bookingItem, createOrganisation, getBooking, getOrganisation, keys, meterDb, type Db } from '@schoolgate/store';
import { bookingsInFeed, buildSchoolReport, groupOverview, readGroup, readSchoolStanding } from '@schoolgate/usecases';
import { publishSlot, request, setUpProvider, setUpSchool, type SchoolSetup } from '../support/fixtures.js';
import { putMany, schoolItemsUnder } from '../support/db.js';
import { createWorld, type World } from '../support/world.js';

/** The counted-encounter items of a school, straight from the table. */
const encounterItems = async (db: Db, schoolId: string) =>
  (await schoolItemsUnder(db, schoolId, 'ENCOUNTER#')).map((item) => ({ sk: item.sk as string, status: item.status as string }));

/** The summaries of a school's closed and open key phases: the booking ids each holds an entry for. */
const summaryItems = async (db: Db, schoolId: string) =>
  (await schoolItemsUnder(db, schoolId, 'ENCSUM#')).map((item) => ({
    sk: item.sk as string,
    bookings: Object.keys(item)
      .filter((name) => name.startsWith('E#'))
      .map((name) => name.slice(2))
      .sort(),
  }));

/** The recorded encounters' open items (`RECOPEN#…`) and summary entries (`R#…`) of a school. */
async function recordedItems(db: Db, schoolId: string) {
  const open = (await schoolItemsUnder(db, schoolId, 'RECOPEN#')).map((item) => item.sk as string);
  const entries = (await schoolItemsUnder(db, schoolId, 'ENCSUM#')).flatMap((item) => Object.keys(item).filter((name) => name.startsWith('R#')).map((name) => `${item.sk as string} ${name.slice(2)}`));
  return { open, entries: entries.sort() };
}

/**
 * Years of history in a school's partition: 60 copies of one of its bookings dated 2021–25 (with
 * their date-index entries; every month of every one of those years), 60 delivery-failure entries
 * and 60 recorded encounters of those years, each padded so that reading them would show in the
 * read units: reading them all would cost tens of read units more than the reads the tests expect, and
 * reading even one more item changes the item count the tests compare.
 */
async function addEarlierYears(db: Db, schoolId: string, bookingId: string) {
  const booking = (await getBooking(db, schoolId, bookingId))!;
  const pk = keys.organisation(schoolId).pk;
  const padding = 'x'.repeat(600);
  const history: Array<Record<string, unknown>> = [];
  for (let i = 0; i < 60; i++) {
    const date = `${2021 + (i % 5)}-${String(1 + (i % 12)).padStart(2, '0')}-10`;
    history.push({ ...bookingItem({ ...booking, id: `${booking.id}-old${i}`, date, createdAt: `${date}T09:00:00.000Z` }), padding });
    history.push({ pk, sk: `DELIVERY#evt-old${i}#a@b.example`, type: 'delivery-failure', padding });
    history.push({ pk, sk: `RECORDED#old${i}`, type: 'recorded-encounter', id: `old${i}`, schoolId, date, padding });
  }
  await putMany(db, history);
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
    // Filed under the day each cohort's phase closes: Year 9's phase 1 on 28 February 2027, Year 10's phase 2 a year later.
    expect(await encounterItems(world.db, school.schoolId)).toEqual([
      { sk: `ENCOUNTER#2027-02-28#2024#${asked.body.id}`, status: 'confirmed' },
      { sk: `ENCOUNTER#2028-02-28#2023#${asked.body.id}`, status: 'confirmed' },
    ]);
    expect(await summaryItems(world.db, school.schoolId)).toEqual([
      { sk: 'ENCSUM#2027-02-28#2024#1', bookings: [asked.body.id] },
      { sk: 'ENCSUM#2028-02-28#2023#2', bookings: [asked.body.id] },
    ]);
    expect((await year9Phase1()).providers.confirmed).toHaveLength(1);

    const cancel = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${asked.body.id}/cancel`, { reason: 'Hall flooded' });
    expect(cancel.status).toBe(200);
    expect(await encounterItems(world.db, school.schoolId)).toEqual([]);
    expect((await summaryItems(world.db, school.schoolId)).flatMap((summary) => summary.bookings)).toEqual([]);
    expect((await year9Phase1()).providers.confirmed).toHaveLength(0);
  });

  it('a supplementary booking makes no counted-encounter item', async () => {
    const provider = await setUpProvider(world, admin);
    const { id: slotId } = await publishSlot(world, school, { statutory: false, date: '2026-11-11' });
    const asked = await request(world, provider, school.schoolId, slotId);
    expect((await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${asked.body.id}/approve`, {})).status).toBe(200);
    expect((await encounterItems(world.db, school.schoolId)).filter((item) => item.sk.endsWith(asked.body.id))).toEqual([]);
  });

  it("takes a closed phase from its summary: listed as confirmed, not judged again, its items not read", async () => {
    const provider = await setUpProvider(world, admin);
    // Year 9 on 9 November 2026: cohort 2024's phase 1, which closes on 28 February 2027.
    const { id: slotId } = await publishSlot(world, school, { yearGroups: [9], date: '2026-11-09' });
    const asked = await request(world, provider, school.schoolId, slotId);
    expect((await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${asked.body.id}/approve`, {})).status).toBe(200);

    const open = await readSchoolStanding(world.db, school.schoolId, '2027-02-28');
    expect(open!.bookings.map((b) => b.id)).toContain(asked.body.id);
    expect(open!.settled.map((s) => s.id)).not.toContain(asked.body.id);

    const closed = await readSchoolStanding(world.db, school.schoolId, '2027-03-15');
    expect(closed!.bookings.map((b) => b.id)).not.toContain(asked.body.id);
    expect(closed!.settled).toContainEqual(expect.objectContaining({ id: asked.body.id, cohort: 2024, phase: 1, yearGroup: 9, status: 'confirmed', requesterOrgId: provider.orgId }));
    const res = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/compliance?asOf=2027-03-15`);
    expect(res.status).toBe(200);
    const phase1 = res.body.cohorts.find((c: any) => c.cohort === 2024).phases.find((p: any) => p.phase === 1);
    expect(phase1.windowState).toBe('closed');
    // Past and never marked delivered: awaiting its outcome, named and titled from the summary.
    expect(phase1.awaitingOutcome).toContainEqual(expect.objectContaining({ bookingId: asked.body.id, status: 'confirmed', providerName: expect.not.stringMatching(/Unknown/), title: expect.any(String) }));
    expect(phase1.awaitingOutcome.find((e: any) => e.bookingId === asked.body.id).title).not.toBe('');
    expect(res.body.noLongerCounting.map((e: any) => e.bookingId)).not.toContain(asked.body.id);
  });

  it("costs the same however much else the school's partition holds: audit, holds, guards, markers, slots, closed phases and cohorts that have left are not read", async () => {
    const provider = await setUpProvider(world, admin);
    const { id: slotId } = await publishSlot(world, school, { date: '2026-11-12' });
    const asked = await request(world, provider, school.schoolId, slotId);
    expect((await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${asked.body.id}/approve`, {})).status).toBe(200);

    const meter = meterDb(world.db);
    try {
      await readSchoolStanding(world.db, school.schoolId, '2026-11-20');
      const before = meter.read();
      // The open phases' encounters, the closed phases' summaries, and the open phases' recorded encounters (RECOPEN#).
      expect(before.calls).toMatchObject({ QueryCommand: 3, GetItemCommand: 3 });
      // Three consistent point reads of at least one unit each, the three Queries and the providers.
      expect(before.readCapacityUnits).toBeGreaterThanOrEqual(4);
      expect(before.writeCapacityUnits).toBe(0);

      // Years of history: 48 old slots, holds, guards, delivery markers and risk markers; 48
      // counted encounters of cohorts that left before 2026/27 (Year 13 in 2026/27 is cohort 2020)
      // and of the closed phases of cohorts still in school (Year 10's phase 1 closed on 28 February
      // 2026); and the summaries of phases that closed before the oldest cohort's first one. Each
      // is padded: reading them all would cost some 60 read units more than the reads expected.
      // (48 of each, 6 for each of the 8 cohorts that left, is as telling as the 400 once seeded.)
      const pk = keys.organisation(school.schoolId).pk;
      const padding = 'x'.repeat(600);
      const history: Array<Record<string, unknown>> = [];
      for (let i = 0; i < 48; i++) {
        history.push({ pk, sk: `SLOT#old${i}`, type: 'slot', padding });
        history.push({ pk, sk: `HOLD#old${i}#prv`, type: 'slot-hold', padding });
        history.push({ pk, sk: `GUARD#2015#1#prv${i}`, type: 'phase-guard', padding });
        history.push({ pk, sk: `DELIVERY#evt${i}#a@b.example`, type: 'delivery-failure', padding });
        history.push({ pk, sk: `ENCOUNTER#${2014 + (i % 8)}-02-28#${2011 + (i % 8)}#old${i}`, type: 'counted-encounter', padding });
        history.push({ pk, sk: `ENCOUNTER#2026-02-28#2023#closed${i}`, type: 'counted-encounter', padding });
        // Recorded encounters (issue 16): the records themselves, and the open items of closed phases.
        history.push({ pk, sk: `RECORDED#old${i}`, type: 'recorded-encounter', padding });
        history.push({ pk, sk: `RECOPEN#2026-02-28#2023#closed${i}`, type: 'recorded-open', padding });
      }
      for (let cohort = 2008; cohort < 2020; cohort++) {
        history.push({ pk, sk: `ENCSUM#${cohort + 3}-02-28#${cohort}#1`, type: 'encounter-summary', cohort, phase: 1, padding });
      }
      await putMany(world.db, history);

      meter.reset();
      const standing = await readSchoolStanding(world.db, school.schoolId, '2026-11-20');
      const after = meter.read();
      expect(after.calls).toEqual(before.calls);
      expect(after.readCapacityUnits).toBe(before.readCapacityUnits);
      expect(standing!.bookings.map((b) => b.id)).toContain(asked.body.id);
      expect(standing!.bookings.some((b) => b.id.startsWith('old') || b.id.startsWith('closed'))).toBe(false);
      expect(standing!.recorded.some((r) => r.id.startsWith('old') || r.id.startsWith('closed'))).toBe(false);
    } finally {
      meter.detach();
    }
    // It seeds 396 items first.
  }, 180_000);

  it('keeps each phase summary equal to its counted encounters under concurrent approvals and cancellations', async () => {
    const liaison = await world.user('liaison-race');
    const me = await world.call(liaison.token, 'GET', '/v1/me');
    const providers: Array<{ user: { token: string }; orgId: string }> = [];
    for (let i = 0; i < 12; i++) {
      const orgId = `race-prov-${i}-${Math.random().toString(36).slice(2, 8)}`;
      await createOrganisation(
        world.db,
        { id: orgId, kind: 'provider', name: `Race provider ${i}`, verified: true, postcode: 'LS1 1AA', providerType: 'itp', offers: ['apprenticeships'], notifications: { contactEmail: liaison.email, reminderDaysBefore: [] }, createdAt: new Date().toISOString() },
        { userId: me.body.userId, email: liaison.email, role: 'admin' },
      );
      providers.push({ user: liaison, orgId });
    }
    // One slot for Years 9 and 10 (cohort 2024's phase 1 and cohort 2023's phase 2), and one for Year 9 alone: one summary item each phase, written by every transaction.
    const both = await publishSlot(world, school, { yearGroups: [9, 10], date: '2026-11-18', places: 12 });
    const nine = await publishSlot(world, school, { yearGroups: [9], date: '2026-11-19', places: 12 });
    const asked = await Promise.all(providers.map((p, i) => request(world, p, school.schoolId, i % 2 ? both.id : nine.id)));
    expect(asked.every((r) => r.status === 201)).toBe(true);
    const ids = asked.map((r) => r.body.id as string);
    const act = (id: string, action: 'approve' | 'cancel') =>
      world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${id}/${action}`, action === 'cancel' ? { reason: 'Hall needed for exams' } : {});

    // Eight approvals at once; then four of them cancelled while the other four are approved.
    expect((await Promise.all(ids.slice(0, 8).map((id) => act(id, 'approve')))).map((r) => r.status)).toEqual(Array(8).fill(200));
    const raced = await Promise.all([...ids.slice(0, 4).map((id) => act(id, 'cancel')), ...ids.slice(8).map((id) => act(id, 'approve'))]);
    expect(raced.map((r) => r.status)).toEqual(Array(8).fill(200));

    const confirmed = ids.slice(4).sort();
    const items = await encounterItems(world.db, school.schoolId);
    const summaries = await summaryItems(world.db, school.schoolId);
    for (const [sk, prefix] of [
      ['ENCSUM#2027-02-28#2024#1', 'ENCOUNTER#2027-02-28#2024#'],
      ['ENCSUM#2028-02-28#2023#2', 'ENCOUNTER#2028-02-28#2023#'],
    ] as const) {
      const fromItems = items.filter((item) => item.sk.startsWith(prefix)).map((item) => item.sk.slice(prefix.length));
      const inSummary = summaries.find((summary) => summary.sk === sk)!.bookings;
      expect(inSummary.filter((id) => ids.includes(id))).toEqual(fromItems.filter((id) => ids.includes(id)).sort());
    }
    const phase1 = summaries.find((summary) => summary.sk === 'ENCSUM#2027-02-28#2024#1')!.bookings.filter((id) => ids.includes(id));
    expect(phase1).toEqual(confirmed);
    const phase2 = summaries.find((summary) => summary.sk === 'ENCSUM#2028-02-28#2023#2')!.bookings.filter((id) => ids.includes(id));
    expect(phase2).toEqual(confirmed.filter((id) => ids.indexOf(id) % 2 === 1));
  }, 180_000);

  describe('recorded encounters (issue 16)', () => {
    const named = (ukprn: string) => ({ name: `Provider ${ukprn}`, ukprn, providerType: 'fe_college', offers: ['t_levels'] });
    const input = (overrides: Record<string, unknown>) => ({ date: '2026-09-10', start: '09:00', end: '09:30', yearGroups: [9], format: 'assembly', audience: 'whole_year_groups', attendance: 140, provider: named('10090001'), ...overrides });
    const path = () => `/v1/schools/${school.schoolId}/recorded-encounters`;
    const ofRecord = (id: string, found: { open: string[]; entries: string[] }) => ({ open: found.open.filter((sk) => sk.endsWith(`#${id}`)), entries: found.entries.filter((e) => e.endsWith(` ${id}`)) });

    it("files a record under the day its phase settles and its entry in the phase's summary, moved by a correction and gone with a deletion; a closed phase's record is read from the summary", async () => {
      // Year 9 on 4 November 2025: cohort 2023's phase 1, closed on 28 February 2026.
      const made = await world.call(school.leader.token, 'POST', path(), input({ date: '2025-11-04', provider: named('10090002') }));
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      const id = made.body.id as string;
      expect(ofRecord(id, await recordedItems(world.db, school.schoolId))).toEqual({ open: [`RECOPEN#2026-02-28#2023#${id}`], entries: [`ENCSUM#2026-02-28#2023#1 ${id}`] });
      const standing = await readSchoolStanding(world.db, school.schoolId, '2026-09-15');
      // From the closed phase's summary (its entry names the cohort and phase), not the record or its item.
      expect(standing!.recorded.filter((r) => r.id === id)).toEqual([expect.objectContaining({ providerName: 'Provider 10090002', cohort: 2023, phase: 1, yearGroup: 9 })]);
      expect(standing!.encounters).toContainEqual(expect.objectContaining({ id, yearGroups: [9], status: 'delivered' }));

      // Corrected to 10 September 2026 (cohort 2024's phase 1): out of the old summary, into the new one.
      const corrected = await world.call(school.leader.token, 'PUT', `${path()}/${id}`, input({ provider: named('10090002') }), { 'if-match': '"1"' });
      expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
      expect(ofRecord(id, await recordedItems(world.db, school.schoolId))).toEqual({ open: [`RECOPEN#2027-02-28#2024#${id}`], entries: [`ENCSUM#2027-02-28#2024#1 ${id}`] });
      const open = await readSchoolStanding(world.db, school.schoolId, '2026-09-15');
      expect(open!.encounters.filter((e) => e.id === id)).toEqual([expect.objectContaining({ date: '2026-09-10', yearGroups: [9] })]);

      const deleted = await world.call(school.leader.token, 'POST', `${path()}/${id}/delete`, { reason: 'Entered twice' }, { 'if-match': '"2"' });
      expect(deleted.status).toBe(200);
      expect(ofRecord(id, await recordedItems(world.db, school.schoolId))).toEqual({ open: [], entries: [] });
      expect((await readSchoolStanding(world.db, school.schoolId, '2026-09-15'))!.recorded.map((r) => r.id)).not.toContain(id);
    });

    it('lists every record a page at a time through its own Query, not the standing', async () => {
      // A school of its own (the cost test above pads the first one's partition).
      const fresh = await setUpSchool(world, admin);
      const list = `/v1/schools/${fresh.schoolId}/recorded-encounters`;
      const made: string[] = [];
      for (let i = 0; i < 3; i++) made.push((await world.call(fresh.leader.token, 'POST', list, input({ date: `2026-09-0${7 + i}`, yearGroups: [11], provider: named(`1009010${i}`) }))).body.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { status: number; body: any } = await world.call(fresh.leader.token, 'GET', `${list}?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        expect(res.body.unrecordedPastPhases).toEqual(expect.any(Array));
        seen.push(...res.body.items.map((r: { id: string }) => r.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      // Newest recorded first, each once, over two pages.
      expect(seen).toEqual([...made].reverse());
    });

    it('keeps the summaries equal to the open items under racing recordings, and a correction racing a deletion', async () => {
      // Six records of one phase at once (Year 10 on 8 September 2026: cohort 2023's phase 2), each a summary write to one item.
      const made = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => world.call(school.leader.token, 'POST', path(), input({ date: '2026-09-08', yearGroups: [10], provider: named(`1009020${i}`) }))));
      expect(made.map((r) => r.status)).toEqual(Array(6).fill(201));
      const ids = made.map((r) => r.body.id as string);
      // Each record corrected (into Year 11: cohort 2022's phase 2) and deleted at once from version 1: one of the two wins.
      const raced = await Promise.all(
        ids.flatMap((id) => [
          world.call(school.leader.token, 'PUT', `${path()}/${id}`, input({ date: '2026-09-08', yearGroups: [11], provider: named(`1009020${ids.indexOf(id)}`) }), { 'if-match': '"1"' }),
          world.call(school.leader.token, 'POST', `${path()}/${id}/delete`, { reason: 'Entered twice' }, { 'if-match': '"1"' }),
        ]),
      );
      // The loser: 409 STALE_STATE (the version moved on), or 404 when the deletion came first.
      expect(raced.filter((r) => r.status === 200)).toHaveLength(6);
      expect(raced.filter((r) => r.status !== 200).every((r) => r.status === 409 || r.status === 404)).toBe(true);
      for (let i = 0; i < ids.length; i++) expect([raced[2 * i]!.status, raced[2 * i + 1]!.status]).toContain(200);
      const found = await recordedItems(world.db, school.schoolId);
      for (const id of ids) {
        const record = await world.call(school.leader.token, 'GET', `${path()}/${id}/history`);
        const { open, entries } = ofRecord(id, found);
        if (record.body.current) {
          expect(open).toEqual([`RECOPEN#2027-02-28#2022#${id}`]);
          expect(entries).toEqual([`ENCSUM#2027-02-28#2022#2 ${id}`]);
        } else {
          expect({ open, entries }).toEqual({ open: [], entries: [] });
        }
      }
      // Across the school: an entry for exactly each open item of a phase (records in no phase have no entry).
      const phaseOfItem = (sk: string) => sk.replace(/^RECOPEN#([^#]+)#(\d+)#(.+)$/, '$1#$2 $3');
      const fromItems = found.open.map(phaseOfItem);
      for (const entry of found.entries) expect(fromItems).toContain(entry.replace(/^ENCSUM#([^#]+)#(\d+)#\d ([^ ]+)$/, '$1#$2 $3'));
    }, 180_000);
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

  it("builds the governors' report for a year from that year's bookings and the standing, whatever else the school's partition holds", async () => {
    const school = await setUpSchool(world, admin);
    const provider = await setUpProvider(world, admin);
    const { id: slotId } = await publishSlot(world, school, { date: '2026-11-12' });
    const asked = await request(world, provider, school.schoolId, slotId);
    expect((await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${asked.body.id}/approve`, {})).status).toBe(200);
    const ctx = { db: world.db, now: () => world.clock.now, newId: () => 'unused' };

    const meter = meterDb(world.db);
    try {
      const before = await buildSchoolReport(ctx, school.schoolId, 2026, '2026-11-20');
      const first = meter.read();
      expect(before!.requests.items.map((r) => r.id)).toEqual([asked.body.id]);
      expect(before!.cohorts.flatMap((c) => c.phases.flatMap((p) => p.encounters.map((e) => e.id)))).toContain(asked.body.id);

      // (A booking's audit trail has a partition of its own, keys.audit: no report reads it.)
      await addEarlierYears(world.db, school.schoolId, asked.body.id);

      meter.reset();
      const after = await buildSchoolReport(ctx, school.schoolId, 2026, '2026-11-20');
      const second = meter.read();
      expect(second.calls).toEqual(first.calls);
      expect(second.readCapacityUnits).toBe(first.readCapacityUnits);
      expect(second.items).toBe(first.items);
      expect(after).toEqual(before);
    } finally {
      meter.detach();
    }
  }, 180_000);

  it("builds a hub's overview of its schools from each school's standing and this year's bookings, whatever else a school's partition holds", async () => {
    const school = await setUpSchool(world, admin);
    const other = await setUpSchool(world, admin);
    const provider = await setUpProvider(world, admin);
    const { id: slotId } = await publishSlot(world, school, { date: '2026-11-12' });
    const asked = await request(world, provider, school.schoolId, slotId);
    expect((await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${asked.body.id}/decline`, { groundId: 'need-met' })).status).toBe(200);
    const lead = await world.user('hub-lead');
    const hubId = (await world.call(lead.token, 'POST', '/v1/groups', { kind: 'hub', name: 'Scale Hub' })).body.id;
    for (const s of [school, other]) {
      expect((await world.call(lead.token, 'POST', `/v1/groups/${hubId}/schools`, { schoolId: s.schoolId })).status).toBe(201);
      expect((await world.call(s.leader.token, 'POST', `/v1/schools/${s.schoolId}/groups/${hubId}/consent`)).status).toBe(200);
    }
    const group = (await readGroup(world.db, hubId))!;
    const ctx = { db: world.db, now: () => world.clock.now, newId: () => 'unused' };

    const meter = meterDb(world.db);
    try {
      const before = await groupOverview(ctx, group);
      const first = meter.read();
      expect(before.schools.find((s) => s.schoolId === school.schoolId)).toMatchObject({ refusals: [{ date: '2026-11-12' }] });

      // The refused booking's copies in earlier years are refused too.
      await addEarlierYears(world.db, school.schoolId, asked.body.id);

      meter.reset();
      const after = await groupOverview(ctx, group);
      const second = meter.read();
      console.info(`group overview read units: ${first.readCapacityUnits} (${JSON.stringify(first.calls)}, ${first.items} items) before history, ${second.readCapacityUnits} (${JSON.stringify(second.calls)}, ${second.items} items) after`);
      expect(second.calls).toEqual(first.calls);
      expect(second.readCapacityUnits).toBe(first.readCapacityUnits);
      expect(second.items).toBe(first.items);
      expect(after).toEqual(before);
    } finally {
      meter.detach();
    }
  }, 180_000);

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

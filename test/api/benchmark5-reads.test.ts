import { beforeAll, describe, expect, it } from 'vitest';
import { academicYearOf, benchmark5, benchmark5FirstYear } from '@schoolgate/domain';
import { backfillEmployerEncounter, bookingItem, employerSummaryItems, getBooking, meterDb, readAllBookingsOfSchool, type BookingRecord, type Db } from '@schoolgate/store';
import { employerEncountersOf, readBenchmark5 } from '@schoolgate/usecases';
import { setUpSchool, type SchoolSetup } from '../support/fixtures.js';
import { setUpEmployer, workplaceTour } from '../support/offers.js';
import { putMany, schoolItemsUnder } from '../support/db.js';
import { createWorld, type World } from '../support/world.js';

/**
 * Issue 16 for Benchmark 5: the view reads its cohorts' employer summaries (`EMPSUM#<cohort>#<year>`),
 * kept in the bookings' own transactions, never the school's booking history.
 */

/** Each employer summary of a school: its key and the booking ids it holds an entry for, with their status. */
const employerSummaries = async (db: Db, schoolId: string) =>
  new Map(
    (await schoolItemsUnder(db, schoolId, 'EMPSUM#')).map((item) => [
      item.sk as string,
      Object.entries(item)
        .filter(([name]) => name.startsWith('B#'))
        .map(([name, entry]) => `${name.slice(2)} ${(entry as { s: string }).s}`)
        .sort(),
    ]),
  );

/** What the view said before issue 16, restricted to the pupils the school has now: every booking read and judged. */
async function fromEveryBooking(db: Db, schoolId: string, asOf: string) {
  const encounters = employerEncountersOf(await readAllBookingsOfSchool(db, schoolId));
  const now = academicYearOf(asOf);
  const taught = { from: 7, to: 11 } as const;
  const first = Math.max(benchmark5FirstYear(taught, asOf)!, Math.min(now, ...encounters.map((e) => academicYearOf(e.date))));
  const academicYears = Array.from({ length: now - first + 1 }, (_, i) => first + i);
  return { asOf, ...benchmark5({ taught, encounters, asOf, academicYears, currentPupilsOnly: true }) };
}

describe('Benchmark 5 reads its cohorts’ employer summaries, not the booking history (issue 16)', () => {
  let world: World;
  let admin: { token: string };
  let school: SchoolSetup;
  let employer: Awaited<ReturnType<typeof setUpEmployer>>;
  // Twelve school days in November 2026, one booking each (one live booking per offered date).
  const dates = ['02', '03', '04', '05', '06', '09', '10', '11', '12', '13', '16', '17'].map((d) => `2026-11-${d}`);
  let ids: string[] = [];
  const hostCall = (id: string, action: 'confirm' | 'cancel') =>
    action === 'confirm'
      ? world.call(employer.user.token, 'POST', `/v1/organisations/${employer.orgId}/offer-bookings/${school.schoolId}/${id}/confirm`, {})
      : world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${id}/cancel`, { reason: 'Hall needed for exams' });

  beforeAll(async () => {
    world = await createWorld(new Date('2026-09-15T10:00:00Z'));
    admin = await world.user('admin', { platformAdmin: true });
    school = await setUpSchool(world, admin);
    employer = await setUpEmployer(world, admin);
    // Confirmed by the employer, not at once: its confirmations are the racing transactions.
    const offer = await world.call(employer.user.token, 'POST', `/v1/organisations/${employer.orgId}/offers`, workplaceTour({ dates, instantConfirmation: false, yearGroups: [8, 9] }));
    expect(offer.status, JSON.stringify(offer.body)).toBe(201);
    for (const [i, date] of dates.entries()) {
      // Even ones for Year 8 alone, odd ones for Years 8 and 9 as a named group: two cohorts' summaries.
      const body = i % 2 ? { yearGroups: [8, 9], audience: 'named_group', groupName: `Engineering club ${i}`, groupSize: 20 } : { yearGroups: [8] };
      const booked = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/offer-bookings`, { hostOrgId: employer.orgId, offerId: offer.body.id, date, travelMinutes: 30, ...body });
      expect(booked.status, JSON.stringify(booked.body)).toBe(201);
      expect(booked.body.status).toBe('requested');
      ids.push(booked.body.id);
    }
  });

  it('keeps each cohort’s summary equal to its confirmed employer bookings under concurrent confirmations, then cancellations racing confirmations', async () => {
    expect((await Promise.all(ids.slice(0, 8).map((id) => hostCall(id, 'confirm')))).map((r) => r.status)).toEqual(Array(8).fill(200));
    const raced = await Promise.all([...ids.slice(0, 4).map((id) => hostCall(id, 'cancel')), ...ids.slice(8).map((id) => hostCall(id, 'confirm'))]);
    expect(raced.map((r) => r.status)).toEqual(Array(8).fill(200));

    const bookings = (await Promise.all(ids.map((id) => getBooking(world.db, school.schoolId, id)))) as BookingRecord[];
    const confirmed = bookings.filter((b) => b.status === 'confirmed');
    expect(confirmed.map((b) => b.id).sort()).toEqual(ids.slice(4).sort());
    const summaries = await employerSummaries(world.db, school.schoolId);
    // Year 8 in 2026/27 is cohort 2025, Year 9 cohort 2024.
    expect(summaries.get('EMPSUM#2025#2026')).toEqual(confirmed.map((b) => `${b.id} confirmed`).sort());
    expect(summaries.get('EMPSUM#2024#2026')).toEqual(confirmed.filter((b) => b.yearGroups.includes(9)).map((b) => `${b.id} confirmed`).sort());
    expect([...summaries.keys()].sort()).toEqual(['EMPSUM#2024#2026', 'EMPSUM#2025#2026']);
  }, 90_000);

  it('gives the answer every booking gave, delivery included, and the same read units whatever the school’s history', async () => {
    // Two delivered (one for the whole of Year 8, one for a named group of Years 8 and 9).
    world.clock.now = new Date('2026-11-12T16:00:00Z');
    for (const id of [ids[4]!, ids[5]!]) expect((await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${id}/attendance`, { delivered: true })).status).toBe(200);
    world.clock.now = new Date('2026-09-15T10:00:00Z');
    const asOf = '2026-12-01';
    const view = await readBenchmark5(world.db, school.schoolId, asOf);
    expect(view).toEqual(await fromEveryBooking(world.db, school.schoolId, asOf));
    const year8 = view!.years.at(-1)!.yearGroups.find((r) => r.yearGroup === 8)!;
    expect(year8).toMatchObject({ status: 'MET', employers: ['Meridian Engineering'], sectors: ['advanced_manufacturing'] });
    expect(view!.years.at(-1)!.yearGroups.find((r) => r.yearGroup === 9)!.status).toBe('PARTIAL');

    // Earlier years of the pupils the school has now: their summaries are read, as the view shows them.
    const template = (await getBooking(world.db, school.schoolId, ids[4]!))!;
    const copy = (id: string, date: string, yearGroups: number[]): BookingRecord => ({ ...template, id, date, yearGroups, status: 'delivered', createdAt: `${date}T09:00:00.000Z` });
    const current = [copy(`${template.id}-y25`, '2025-11-10', [7, 8, 9, 10]), copy(`${template.id}-y24`, '2024-11-11', [8, 9])];
    await putMany(world.db, [...current.map(bookingItem), ...employerSummaryItems(current)]);

    const meter = meterDb(world.db);
    const cost = async (read: () => Promise<unknown>) => {
      meter.reset();
      const answer = await read();
      return { answer, reading: meter.read() };
    };
    try {
      const before = await cost(() => readBenchmark5(world.db, school.schoolId, asOf));
      const oldBefore = await cost(() => readAllBookingsOfSchool(world.db, school.schoolId));
      expect(before.reading.calls).toEqual({ GetItemCommand: 1, QueryCommand: 1 });
      const shown = (before.answer as typeof view)!;
      expect(shown.years.map((y) => y.label)).toEqual(['2024/25', '2025/26', '2026/27']);
      // 2024/25: today's Years 9–11 were in Years 7–9 (Years 8 and 9 met an employer); that year's Years 10 and 11 have left.
      expect(shown.years[0]!.yearGroups.map((r) => [r.yearGroup, r.status])).toEqual([
        [7, 'NOT_MET'],
        [8, 'MET'],
        [9, 'MET'],
      ]);
      expect(shown).toEqual(await fromEveryBooking(world.db, school.schoolId, asOf));

      // Seven more years of employer encounters (2017/18 to 2023/24) of cohorts that have since left, written as the
      // bookings' transactions would have written them: 140 bookings and their summaries.
      const history: BookingRecord[] = [];
      for (let i = 0; i < 140; i++) {
        const year = 2017 + (i % 7);
        history.push(copy(`${template.id}-old${i}`, `${year}-${['10', '11', '12'][i % 3]}-1${i % 10}`, i % 2 ? [11] : [10, 11]));
      }
      const oldSummaries = employerSummaryItems(history);
      expect(oldSummaries.length).toBeGreaterThan(7);
      await putMany(world.db, [...history.map(bookingItem), ...oldSummaries]);

      const after = await cost(() => readBenchmark5(world.db, school.schoolId, asOf));
      const oldAfter = await cost(() => readAllBookingsOfSchool(world.db, school.schoolId));
      console.info(`Benchmark 5 view read units: ${before.reading.readCapacityUnits} before seven earlier years, ${after.reading.readCapacityUnits} after; the whole-history read it replaced: ${oldBefore.reading.readCapacityUnits} → ${oldAfter.reading.readCapacityUnits}`);
      expect(after.reading.calls).toEqual(before.reading.calls);
      expect(after.reading.items).toBe(before.reading.items);
      expect(after.reading.readCapacityUnits).toBe(before.reading.readCapacityUnits);
      expect(after.answer).toEqual(before.answer);
      // The read it replaced pays for every year: this test fails against it.
      expect(oldAfter.reading.readCapacityUnits).toBeGreaterThan(oldBefore.reading.readCapacityUnits * 3);
    } finally {
      meter.detach();
    }
  }, 90_000);

  it('backfills a booking stored before the summaries, once, and skips one that moved since it was read', async () => {
    const template = (await getBooking(world.db, school.schoolId, ids[6]!))!;
    const legacy: BookingRecord = { ...template, id: `${template.id}-legacy`, date: '2026-12-03', yearGroups: [10], status: 'confirmed', version: 2 };
    await putMany(world.db, [bookingItem(legacy)]);
    const year10 = async () => (await readBenchmark5(world.db, school.schoolId, '2026-11-20'))!.years.at(-1)!.yearGroups.find((r) => r.yearGroup === 10)!;
    expect((await year10()).status).toBe('NOT_MET');
    expect(await backfillEmployerEncounter(world.db, { ...legacy, version: 1 })).toBe('moved');
    expect((await year10()).status).toBe('NOT_MET');
    expect(await backfillEmployerEncounter(world.db, legacy)).toBe('written');
    expect(await backfillEmployerEncounter(world.db, legacy)).toBe('written');
    expect(await year10()).toMatchObject({ status: 'PLANNED', planned: [{ id: legacy.id, date: '2026-12-03' }] });
    expect(await backfillEmployerEncounter(world.db, { ...legacy, requesterKind: 'provider' })).toBe('skipped');
  });
});

import { describe, expect, it } from 'vitest';
import type { BookingRecord } from './bookings.js';
import type { Db } from './client.js';
import { countedEncounterWrites, employerEncounterWrites, employerSummaryItems, encounterSummaryItems, recordedEncounterItems, recordedEncounterWrites, type RecordedEncounterFacts } from './encounters.js';

const db = { tableName: 't' } as Db;
const booking = (overrides: Partial<BookingRecord> = {}): BookingRecord =>
  ({
    id: 'bkg1',
    slotId: 'slot1',
    schoolId: 'sch1',
    schoolName: 'Leeds High',
    requesterOrgId: 'prv1',
    requesterName: 'Leeds College',
    status: 'confirmed',
    statutory: true,
    date: '2026-11-10',
    start: '10:00',
    end: '11:00',
    title: 'T Levels',
    yearGroups: [9],
    ...overrides,
  }) as BookingRecord;

/** Each write as `<op> <sk> <expression>`, for reading at a glance. */
const shape = (before: BookingRecord, after: BookingRecord) =>
  countedEncounterWrites(db, before, after).map(({ item }) =>
    item.Put ? `Put ${item.Put.Item!.sk}` : item.Delete ? `Delete ${item.Delete.Key!.sk}` : `Update ${item.Update!.Key!.sk} ${item.Update!.UpdateExpression!.startsWith('REMOVE') ? 'REMOVE' : 'SET'} ${Object.values(item.Update!.ExpressionAttributeNames!).find((n) => n.startsWith('E#'))}`,
  );

describe('counted encounters and their phase summaries, written with the booking', () => {
  it('an approval puts the item and sets its entry in each cohort phase it reaches', () => {
    expect(shape(booking({ status: 'requested', yearGroups: [9, 10] }), booking({ yearGroups: [9, 10] }))).toEqual([
      'Put ENCOUNTER#2027-02-28#2024#bkg1',
      'Put ENCOUNTER#2028-02-28#2023#bkg1',
      'Update ENCSUM#2027-02-28#2024#1 SET E#bkg1',
      'Update ENCSUM#2028-02-28#2023#2 SET E#bkg1',
    ]);
  });

  it('a cancellation deletes the item and removes its entry', () => {
    expect(shape(booking(), booking({ status: 'cancelled' }))).toEqual(['Delete ENCOUNTER#2027-02-28#2024#bkg1', 'Update ENCSUM#2027-02-28#2024#1 REMOVE E#bkg1']);
  });

  it('a move into another phase takes the entry out of the old summary and into the new one, one write per item', () => {
    // Year 9 on 10 November 2026 (phase 1) moved to 10 March 2027: after 28 February, in no phase.
    expect(shape(booking(), booking({ date: '2027-03-10' }))).toEqual([
      'Put ENCOUNTER#2027-03-10#2024#bkg1',
      'Delete ENCOUNTER#2027-02-28#2024#bkg1',
      'Update ENCSUM#2027-02-28#2024#1 REMOVE E#bkg1',
    ]);
    // Within one phase: the item and the entry are overwritten, nothing removed.
    expect(shape(booking(), booking({ date: '2026-12-01', status: 'delivered' }))).toEqual(['Put ENCOUNTER#2027-02-28#2024#bkg1', 'Update ENCSUM#2027-02-28#2024#1 SET E#bkg1']);
  });

  it('a supplementary booking writes nothing', () => {
    expect(shape(booking({ status: 'requested', statutory: false }), booking({ statutory: false }))).toEqual([]);
  });

  it('builds the same summaries for a bulk load', () => {
    const [summary, ...rest] = encounterSummaryItems([booking(), booking({ id: 'bkg2', requesterOrgId: 'prv2', status: 'delivered' }), booking({ id: 'bkg3', statutory: false })]);
    expect(rest).toEqual([]);
    expect(summary).toMatchObject({ sk: 'ENCSUM#2027-02-28#2024#1', cohort: 2024, phase: 1, 'E#bkg1': { p: 'prv1', s: 'confirmed', y: 9 }, 'E#bkg2': { p: 'prv2', s: 'delivered' } });
    expect(summary).not.toHaveProperty('E#bkg3');
  });
});

describe("recorded encounters' open items and phase-summary entries, written with the record (issue 16)", () => {
  const record = (overrides: Partial<RecordedEncounterFacts> = {}): RecordedEncounterFacts => ({
    id: 'rec1',
    schoolId: 'sch1',
    date: '2025-11-04',
    start: '09:00',
    end: '09:30',
    yearGroups: [9],
    providerId: 'ukprn:10012345',
    providerName: 'Leeds College',
    statutory: true,
    ...overrides,
  });
  const shape = (before: RecordedEncounterFacts | undefined, after: RecordedEncounterFacts | undefined) =>
    recordedEncounterWrites(db, before, after).map(({ item }) =>
      item.Put ? `Put ${item.Put.Item!.sk}` : item.Delete ? `Delete ${item.Delete.Key!.sk}` : `Update ${item.Update!.Key!.sk} ${item.Update!.UpdateExpression!.startsWith('REMOVE') ? 'REMOVE' : 'SET'} ${Object.values(item.Update!.ExpressionAttributeNames!).find((n) => n.startsWith('R#'))}`,
    );

  it('a recording puts an item filed under the day its phase closes and sets its entry in that summary, statutory or not', () => {
    expect(shape(undefined, record())).toEqual(['Put RECOPEN#2026-02-28#2023#rec1', 'Update ENCSUM#2026-02-28#2023#1 SET R#rec1']);
    expect(shape(undefined, record({ statutory: false }))).toEqual(['Put RECOPEN#2026-02-28#2023#rec1', 'Update ENCSUM#2026-02-28#2023#1 SET R#rec1']);
  });

  it('a correction into another phase moves both; a deletion removes both', () => {
    expect(shape(record(), record({ date: '2026-09-10' }))).toEqual([
      'Put RECOPEN#2027-02-28#2024#rec1',
      'Delete RECOPEN#2026-02-28#2023#rec1',
      'Update ENCSUM#2027-02-28#2024#1 SET R#rec1',
      'Update ENCSUM#2026-02-28#2023#1 REMOVE R#rec1',
    ]);
    expect(shape(record(), undefined)).toEqual(['Delete RECOPEN#2026-02-28#2023#rec1', 'Update ENCSUM#2026-02-28#2023#1 REMOVE R#rec1']);
  });

  it('a Year 7 record (no key phase) settles on its own date and has no entry', () => {
    expect(shape(undefined, record({ yearGroups: [7], date: '2025-10-01' }))).toEqual(['Put RECOPEN#2025-10-01#2025#rec1']);
  });

  it('builds the same items and entries for a bulk load', () => {
    const { open, entries } = recordedEncounterItems([record()]);
    expect(open).toEqual([expect.objectContaining({ sk: 'RECOPEN#2026-02-28#2023#rec1', type: 'recorded-open', cohort: 2023 })]);
    expect(entries).toEqual([expect.objectContaining({ key: { pk: 'ORG#sch1', sk: 'ENCSUM#2026-02-28#2023#1' }, name: 'R#rec1', value: { p: 'ukprn:10012345', n: 'Leeds College', st: true, d: '2025-11-04', t: ['09:00', '09:30'], y: 9 } })]);
  });
});

describe("Benchmark 5's employer summaries, written with the booking (issue 16)", () => {
  const visit = (overrides: Partial<BookingRecord> = {}) =>
    booking({ id: 'emp1', requesterOrgId: 'emp', requesterName: 'Meridian Engineering', requesterKind: 'employer', statutory: false, sector: 'advanced_manufacturing', yearGroups: [8], ...overrides });
  const employerShape = (before: BookingRecord | undefined, after: BookingRecord) =>
    employerEncounterWrites(db, before, after).map(({ item }) => `${item.Update!.Key!.sk} ${item.Update!.UpdateExpression!.startsWith('REMOVE') ? 'REMOVE' : 'SET'} ${Object.values(item.Update!.ExpressionAttributeNames!).find((n) => n.startsWith('B#'))}`);

  it('a confirmation sets its entry in the summary of each cohort it reaches, that academic year', () => {
    expect(employerShape(visit({ status: 'requested', yearGroups: [8, 9] }), visit({ yearGroups: [8, 9] }))).toEqual(['EMPSUM#2025#2026 SET B#emp1', 'EMPSUM#2024#2026 SET B#emp1']);
    // A booking confirmed in the transaction that makes it (an instant offer) has no before.
    expect(employerShape(undefined, visit())).toEqual(['EMPSUM#2025#2026 SET B#emp1']);
  });

  it('a delivery rewrites the entry; a cancellation or "not delivered" removes it', () => {
    expect(employerShape(visit(), visit({ status: 'delivered' }))).toEqual(['EMPSUM#2025#2026 SET B#emp1']);
    expect(employerShape(visit(), visit({ status: 'cancelled' }))).toEqual(['EMPSUM#2025#2026 REMOVE B#emp1']);
    expect(employerShape(visit(), visit({ status: 'not_delivered' }))).toEqual(['EMPSUM#2025#2026 REMOVE B#emp1']);
  });

  it('a move into the next academic year takes the entry from the old summary to the new cohort’s', () => {
    // Year 8 on 10 November 2026 is cohort 2025; Year 8 in 2027/28 is cohort 2026.
    expect(employerShape(visit(), visit({ date: '2027-09-14' }))).toEqual(['EMPSUM#2026#2027 SET B#emp1', 'EMPSUM#2025#2026 REMOVE B#emp1']);
  });

  it("a provider's booking, or an employer's not yet confirmed, writes nothing", () => {
    expect(employerShape(booking({ status: 'requested' }), booking())).toEqual([]);
    expect(employerShape(undefined, visit({ status: 'requested' }))).toEqual([]);
  });

  it('builds the same summaries for a bulk load (a backfill), entries in short names', () => {
    const items = employerSummaryItems([
      visit(),
      visit({ id: 'emp2', status: 'delivered', audience: 'named_group', groupName: 'STEM club' }),
      visit({ id: 'emp3', status: 'cancelled' }),
      booking(),
    ]);
    expect(items).toEqual([
      {
        pk: 'ORG#sch1',
        sk: 'EMPSUM#2025#2026',
        type: 'employer-summary',
        cohort: 2025,
        academicYear: 2026,
        'B#emp1': { e: 'emp', n: 'Meridian Engineering', c: 'advanced_manufacturing', d: '2026-11-10', ti: 'T Levels', y: [8], w: true, s: 'confirmed' },
        'B#emp2': { e: 'emp', n: 'Meridian Engineering', c: 'advanced_manufacturing', d: '2026-11-10', ti: 'T Levels', y: [8], w: false, g: 'STEM club', s: 'delivered' },
      },
    ]);
  });
});

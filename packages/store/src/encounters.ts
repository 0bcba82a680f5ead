import { academicYearOf, cohortOf, encounterSettlesOn, isBenchmark5Counted, isCountable, phaseOf, phaseWindow, yearGroupOn, type EncounterStatus, type KeyPhase } from '@schoolgate/domain';
import type { Db } from './client.js';
import type { BookingRecord } from './bookings.js';
import type { RecordedEncounterRecord } from './evidence.js';
import { keys } from './keys.js';
import { strip } from './organisations.js';
import { queryItems } from './query.js';
import { ConflictError, transact, type GuardedWrite } from './transact.js';

/**
 * What compliance needs of a counted booking, kept beside the school's other items under
 * `ENCOUNTER#<settlesOn>#<cohort>#<bookingId>` (one per cohort the booking reaches) while the
 * booking is statutory and confirmed or delivered.
 */
export type CountedEncounterRecord = Pick<
  BookingRecord,
  'id' | 'slotId' | 'schoolId' | 'schoolName' | 'requesterOrgId' | 'requesterName' | 'status' | 'statutory' | 'date' | 'start' | 'end' | 'title' | 'yearGroups' | 'venueId'
> & { cohort: number };

/** A counted encounter as compliance reads it: once per booking, with the cohorts whose items were read (phases still open). */
export type OpenEncounterRecord = CountedEncounterRecord & { cohorts: number[] };

/**
 * One counted encounter of a closed key phase, as its `ENCSUM#<closesOn>#<cohort>#<phase>` summary
 * holds it: enough to count it, list it and name its provider, and no more (it is not judged
 * again, see the engine's `isSettled`).
 */
export interface SettledEncounterRecord {
  id: string;
  cohort: number;
  phase: KeyPhase;
  /** The cohort's year group on the encounter's date. */
  yearGroup: number;
  requesterOrgId: string;
  requesterName: string;
  status: BookingRecord['status'];
  date: string;
  start: string;
  end: string;
  title: string;
}

/**
 * The cohorts a booking reaches: one per year group, in the academic year of its date.
 *
 * @example
 * encounterCohorts({ date: '2027-01-12', yearGroups: [9, 10] }) // [2024, 2023]
 */
export function encounterCohorts(booking: Pick<BookingRecord, 'date' | 'yearGroups'>): number[] {
  const year = academicYearOf(booking.date);
  return [...new Set(booking.yearGroups.map((yearGroup) => cohortOf(yearGroup, year)))];
}

const ENCOUNTER_STATUSES: ReadonlySet<string> = new Set<EncounterStatus>(['confirmed', 'delivered', 'not_delivered', 'cancelled']);
/** The engine's own rule says which encounters count; a request not yet confirmed is no encounter. */
const counts = (booking: BookingRecord) =>
  ENCOUNTER_STATUSES.has(booking.status) && isCountable({ designation: booking.statutory ? 'statutory' : 'supplementary', status: booking.status as EncounterStatus });

interface Placed {
  cohort: number;
  item: { pk: string; sk: string };
  /** The cohort's phase summary, when the date falls in a key phase for it. */
  summary?: { key: { pk: string; sk: string }; phase: KeyPhase; closesOn: string };
}

/** Where a counted booking's items and summary entries go, one per cohort it reaches. */
function placed(booking: BookingRecord): Placed[] {
  if (!counts(booking)) return [];
  return placedPerCohort(booking, encounterCohorts(booking), keys.countedEncounter);
}

/**
 * One encounter's open item (filed under the day it settles for the cohort, by `itemKey`) and its
 * phase summary's key, for each cohort it reaches: bookings and recorded encounters alike.
 */
function placedPerCohort(
  encounter: { schoolId: string; date: string; id: string },
  cohorts: readonly number[],
  itemKey: (schoolId: string, settlesOn: string, cohort: number, id: string) => { pk: string; sk: string },
): Placed[] {
  return cohorts.map((cohort) => {
    const phase = phaseOf(cohort, encounter.date);
    const closesOn = phase === null ? undefined : phaseWindow(cohort, phase).end;
    return {
      cohort,
      item: itemKey(encounter.schoolId, encounterSettlesOn(cohort, encounter.date), cohort, encounter.id),
      ...(phase !== null && closesOn ? { summary: { key: keys.encounterSummary(encounter.schoolId, closesOn, cohort, phase), phase, closesOn } } : {}),
    };
  });
}

const keyOf = (key: { pk: string; sk: string }) => `${key.pk}|${key.sk}`;

/**
 * The writes that keep a booking's counted-encounter items and its entries in the per-(cohort,
 * phase) summaries in step with the booking, for the transaction that moves it from `before` to
 * `after`: Put one item per cohort while it counts (the whole item, so a status or designation
 * change is carried) and `SET` its entry `E#<bookingId>` in that cohort's phase summary; Delete
 * the items and `REMOVE` the entries it no longer has (a cancellation, or a move to another
 * date). Each summary write touches only this booking's own attribute, so two bookings of one
 * phase never overwrite each other; the transaction is conditional on the booking's status, so two
 * moves of one booking cannot interleave here.
 *
 *   approve A ─┐                          ┌─ Put ENCOUNTER#2027-02-28#2024#A
 *              ├─ TransactWriteItems ─────┤   Update ENCSUM#2027-02-28#2024#1  SET E#A = {…}
 *   cancel B ──┘  (one each, serialised   └─ Delete ENCOUNTER#2027-02-28#2024#B
 *                  on the summary item)       Update ENCSUM#2027-02-28#2024#1  REMOVE E#B
 */
export function countedEncounterWrites(db: Db, before: BookingRecord, after: BookingRecord): GuardedWrite[] {
  return placementWrites(db, {
    had: placed(before),
    has: placed(after),
    entry: keys.encounterSummaryEntry(after.id),
    itemOf: (cohort) => ({ type: 'counted-encounter', ...encounterOf(after, cohort) }),
    entryOf: (cohort) => summaryEntryOf(after, cohort),
  });
}

/**
 * The writes that move one encounter from where `had` placed it to where `has` places it: Put each
 * open item it has now, Delete those it no longer has, SET its own attribute (`entry`) in each
 * phase summary it reaches and REMOVE it from those it left. Bookings and recorded encounters alike.
 */
function placementWrites(
  db: Db,
  move: { had: Placed[]; has: Placed[]; entry: string; itemOf: (cohort: number) => Record<string, unknown>; entryOf: (cohort: number) => unknown },
): GuardedWrite[] {
  const { had, has, entry } = move;
  const writes: GuardedWrite[] = has.map(({ cohort, item }) => ({ item: { Put: { TableName: db.tableName, Item: { ...item, ...move.itemOf(cohort) } } } }));
  const kept = new Set(has.map((p) => keyOf(p.item)));
  for (const { item } of had) if (!kept.has(keyOf(item))) writes.push({ item: { Delete: { TableName: db.tableName, Key: item } } });
  for (const { cohort, summary } of has) {
    if (!summary) continue;
    writes.push({
      item: {
        Update: {
          TableName: db.tableName,
          Key: summary.key,
          UpdateExpression: 'SET #type = :type, cohort = :cohort, phase = :phase, closesOn = :closesOn, #entry = :entry',
          ExpressionAttributeNames: { '#type': 'type', '#entry': entry },
          ExpressionAttributeValues: { ':type': 'encounter-summary', ':cohort': cohort, ':phase': summary.phase, ':closesOn': summary.closesOn, ':entry': move.entryOf(cohort) },
        },
      },
    });
  }
  const summarised = new Set(has.flatMap((p) => (p.summary ? [keyOf(p.summary.key)] : [])));
  for (const { summary } of had) {
    if (!summary || summarised.has(keyOf(summary.key))) continue;
    writes.push({ item: { Update: { TableName: db.tableName, Key: summary.key, UpdateExpression: 'REMOVE #entry', ExpressionAttributeNames: { '#entry': entry } } } });
  }
  return writes;
}

function encounterOf(booking: BookingRecord, cohort: number): CountedEncounterRecord {
  return {
    id: booking.id,
    slotId: booking.slotId,
    schoolId: booking.schoolId,
    schoolName: booking.schoolName,
    requesterOrgId: booking.requesterOrgId,
    requesterName: booking.requesterName,
    status: booking.status,
    statutory: booking.statutory,
    date: booking.date,
    start: booking.start,
    end: booking.end,
    title: booking.title,
    yearGroups: booking.yearGroups,
    ...(booking.venueId ? { venueId: booking.venueId } : {}),
    cohort,
  };
}

/** A summary entry: short attribute names, since a closed phase's summary is read on every compliance read. */
function summaryEntryOf(booking: BookingRecord, cohort: number) {
  return {
    p: booking.requesterOrgId,
    n: booking.requesterName,
    s: booking.status,
    d: booking.date,
    t: [booking.start, booking.end],
    ti: booking.title,
    y: yearGroupOn(cohort, booking.date),
  };
}

/**
 * The summary items a set of counted bookings makes, as `countedEncounterWrites` would leave them
 * after writing each booking once: for seeding (the bench) and for a backfill of stored bookings.
 *
 * @example
 * await putAll(db, encounterSummaryItems(bookings));
 */
export function encounterSummaryItems(bookings: readonly BookingRecord[]): Array<Record<string, unknown>> {
  const summaries = new Map<string, Record<string, unknown>>();
  for (const booking of bookings) {
    for (const { cohort, summary } of placed(booking)) {
      if (!summary) continue;
      const item = summaries.get(keyOf(summary.key)) ?? { ...summary.key, type: 'encounter-summary', cohort, phase: summary.phase, closesOn: summary.closesOn };
      item[keys.encounterSummaryEntry(booking.id)] = summaryEntryOf(booking, cohort);
      summaries.set(keyOf(summary.key), item);
    }
  }
  return [...summaries.values()];
}

/**
 * The school's counted encounters not settled before `asOf` (those of key phases still open on
 * that day, and of phases to come), with one strongly consistent range Query over
 * `ENCOUNTER#<asOf>` … `ENCOUNTER#~`: encounters of closed phases and of cohorts that have left are
 * never read. A booking reaching two cohorts comes once, with the cohorts whose items were read.
 *
 * @example
 * const open = await readCountedEncounters(db, schoolId, '2027-01-20');
 */
export async function readCountedEncounters(db: Db, schoolId: string, asOf: string): Promise<OpenEncounterRecord[]> {
  const range = keys.countedEncountersFrom(asOf);
  const found = new Map<string, OpenEncounterRecord>();
  const items = queryItems(db, {
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.organisation(schoolId).pk, ':from': range.from, ':to': range.to },
    ConsistentRead: true,
  });
  for await (const item of items) {
    const encounter = strip<CountedEncounterRecord>(item);
    const seen = found.get(encounter.id);
    if (seen) seen.cohorts.push(encounter.cohort);
    else found.set(encounter.id, { ...encounter, cohorts: [encounter.cohort] });
  }
  return [...found.values()];
}

/**
 * The counted encounters of the key phases that closed before `asOf`, for every cohort from
 * `fromCohort` on (the oldest the school teaches on that date), from their summaries: one strongly
 * consistent range Query over `ENCSUM#<phase 1 of that cohort closes>#<cohort>` … `ENCSUM#<asOf>`,
 * a small item per closed phase whatever the school's age. The summaries of cohorts that have left
 * whose phases closed inside that range (at most one or two) are dropped here.
 *
 * @example
 * const settled = await readSettledEncounters(db, schoolId, 2022, '2027-01-20');
 */
export async function readSettledEncounters(db: Db, schoolId: string, fromCohort: number, asOf: string): Promise<SettledEncounterRecord[]> {
  return (await readSettledPhases(db, schoolId, fromCohort, asOf)).settled;
}

/**
 * The closed key phases' summaries as `readSettledEncounters` reads them (one range Query), with
 * both kinds of entry: counted bookings (`E#…`, `settled`) and encounters the school recorded
 * itself (`R#…`, `recorded`).
 *
 * @example
 * const { settled, recorded } = await readSettledPhases(db, schoolId, 2022, '2027-01-20');
 */
export async function readSettledPhases(db: Db, schoolId: string, fromCohort: number, asOf: string): Promise<{ settled: SettledEncounterRecord[]; recorded: SettledRecordedRecord[] }> {
  const firstClose = phaseWindow(fromCohort, 1).end;
  // No phase of the oldest cohort taught has closed yet (a middle school's Year 8 in the autumn): nothing to read.
  if (firstClose >= asOf) return { settled: [], recorded: [] };
  const range = keys.encounterSummariesBetween(firstClose, fromCohort, asOf);
  const settled: SettledEncounterRecord[] = [];
  const recorded: SettledRecordedRecord[] = [];
  const items = queryItems(db, {
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.organisation(schoolId).pk, ':from': range.from, ':to': range.to },
    ConsistentRead: true,
  });
  for await (const item of items) {
    const cohort = item.cohort as number;
    const phase = item.phase as KeyPhase;
    if (cohort < fromCohort) continue;
    for (const [name, value] of Object.entries(item)) {
      if (name.startsWith(keys.recordedSummaryEntryPrefix)) {
        const entry = value as ReturnType<typeof recordedEntryOf>;
        recorded.push({
          id: name.slice(keys.recordedSummaryEntryPrefix.length),
          cohort,
          phase,
          yearGroup: entry.y,
          providerId: entry.p,
          providerName: entry.n,
          statutory: entry.st,
          date: entry.d,
          start: entry.t[0]!,
          end: entry.t[1]!,
        });
        continue;
      }
      if (!name.startsWith(keys.encounterSummaryEntryPrefix)) continue;
      const entry = value as ReturnType<typeof summaryEntryOf>;
      settled.push({
        id: name.slice(keys.encounterSummaryEntryPrefix.length),
        cohort,
        phase,
        yearGroup: entry.y,
        requesterOrgId: entry.p,
        requesterName: entry.n,
        status: entry.s,
        date: entry.d,
        start: entry.t[0]!,
        end: entry.t[1]!,
        title: entry.ti,
      });
    }
  }
  return { settled, recorded };
}

// ---- Recorded encounters (issue 16): open items and summary entries ----

/** What compliance needs of a recorded encounter: the engine's encounter, and its provider's name. */
export type RecordedEncounterFacts = Pick<RecordedEncounterRecord, 'id' | 'schoolId' | 'date' | 'start' | 'end' | 'yearGroups' | 'providerId' | 'providerName' | 'statutory'>;

/** A recorded encounter of a phase still open, as the standing reads it: once, with the cohorts whose items were read. */
export type OpenRecordedRecord = RecordedEncounterFacts & { cohorts: number[] };

/** One recorded encounter of a closed key phase, as its `ENCSUM` summary holds it (entry `R#<recordId>`), for its one cohort. */
export interface SettledRecordedRecord {
  id: string;
  cohort: number;
  phase: KeyPhase;
  /** The cohort's year group on the encounter's date. */
  yearGroup: number;
  providerId: string;
  providerName: string;
  statutory: boolean;
  date: string;
  start: string;
  end: string;
}

/** Where a recorded encounter's open items and summary entries go, one per cohort it reaches (every record, statutory or not: the standing judged both). */
function placedRecord(record: RecordedEncounterFacts): Placed[] {
  return placedPerCohort(record, encounterCohorts(record), keys.recordedOpen);
}

const recordedFactsOf = (record: RecordedEncounterFacts): RecordedEncounterFacts => ({
  id: record.id,
  schoolId: record.schoolId,
  date: record.date,
  start: record.start,
  end: record.end,
  yearGroups: record.yearGroups,
  providerId: record.providerId,
  providerName: record.providerName,
  statutory: record.statutory,
});

/** A recorded encounter's summary entry (short names: read on every compliance read). */
function recordedEntryOf(record: RecordedEncounterFacts, cohort: number) {
  return { p: record.providerId, n: record.providerName, st: record.statutory, d: record.date, t: [record.start, record.end], y: yearGroupOn(cohort, record.date) };
}

/**
 * The writes that keep a recorded encounter's open items (`RECOPEN#<settlesOn>#<cohort>#<id>`) and
 * its entries `R#<id>` in the per-(cohort, phase) summaries in step with the record, for the
 * transaction that records (`before` undefined), corrects, or deletes (`after` undefined) it:
 * Put each item it now has, Delete those it no longer has; `SET` its entry in each phase summary
 * it now reaches, `REMOVE` it from those it left. Each summary write touches only this record's
 * own attribute, so two records (or a record and a booking) of one phase never overwrite each
 * other; the transaction is conditional on the record's version (or its absence), so a correction
 * and a deletion of one record cannot interleave here.
 *
 *   correct R ──┐                          ┌─ RECORDED#R  version = :read
 *               ├─ TransactWriteItems ─────┤  Put RECOPEN#<settles>#2024#R / Delete the old one
 *   delete R ───┘  (the second: STALE)     └─ Update ENCSUM#2027-02-28#2024#1  SET / REMOVE R#R
 */
export function recordedEncounterWrites(db: Db, before: RecordedEncounterFacts | undefined, after: RecordedEncounterFacts | undefined): GuardedWrite[] {
  const record = (after ?? before)!;
  return placementWrites(db, {
    had: before ? placedRecord(before) : [],
    has: after ? placedRecord(after) : [],
    entry: keys.recordedSummaryEntry(record.id),
    itemOf: (cohort) => ({ type: 'recorded-open', ...recordedFactsOf(record), cohort }),
    entryOf: (cohort) => recordedEntryOf(record, cohort),
  });
}

/**
 * The open items and summary entries a set of stored records makes, as `recordedEncounterWrites`
 * would leave them: for seeding (the bench) and for a backfill of records stored before issue 16.
 * Summaries come back as `{ key, entries }` so they can be merged into the bookings' summary items.
 */
export function recordedEncounterItems(records: readonly RecordedEncounterFacts[]): { open: Array<Record<string, unknown>>; entries: Array<{ key: { pk: string; sk: string }; cohort: number; phase: KeyPhase; closesOn: string; name: string; value: unknown }> } {
  const open: Array<Record<string, unknown>> = [];
  const entries: ReturnType<typeof recordedEncounterItems>['entries'] = [];
  for (const record of records) {
    for (const { cohort, item, summary } of placedRecord(record)) {
      open.push({ ...item, type: 'recorded-open', ...recordedFactsOf(record), cohort });
      if (summary) entries.push({ key: summary.key, cohort, phase: summary.phase, closesOn: summary.closesOn, name: keys.recordedSummaryEntry(record.id), value: recordedEntryOf(record, cohort) });
    }
  }
  return { open, entries };
}

/**
 * The school's recorded encounters not settled before `asOf`, with one strongly consistent range
 * Query over `RECOPEN#<asOf>` … `RECOPEN#~`: records of closed phases are never read (their
 * summaries' entries stand in). A record reaching two cohorts comes once, with the cohorts read.
 */
export async function readOpenRecordedEncounters(db: Db, schoolId: string, asOf: string): Promise<OpenRecordedRecord[]> {
  const range = keys.recordedOpenFrom(asOf);
  const found = new Map<string, OpenRecordedRecord>();
  for await (const item of queryItems(db, {
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.organisation(schoolId).pk, ':from': range.from, ':to': range.to },
    ConsistentRead: true,
  })) {
    const { cohort, type: _type, ...rest } = strip<RecordedEncounterFacts & { cohort: number; type: string }>(item);
    const seen = found.get(rest.id);
    if (seen) seen.cohorts.push(cohort);
    else found.set(rest.id, { ...recordedFactsOf(rest), cohorts: [cohort] });
  }
  return [...found.values()];
}

// ---- Employer encounters (Benchmark 5, issue 16): one summary per cohort and academic year ----

/**
 * One employer encounter as its cohort's `EMPSUM#<cohort>#<academicYear>` summary holds it (entry
 * `B#<bookingId>`): what Benchmark 5 needs of the booking and no more. Read once per booking, with
 * the cohorts whose summaries held it.
 */
export interface EmployerEncounterEntry {
  id: string;
  cohorts: number[];
  employerId: string;
  employerName: string;
  sector: string | null;
  date: string;
  title: string;
  yearGroups: number[];
  /** Open to every pupil of each year group named; false for a named group. */
  wholeYearGroup: boolean;
  groupName?: string;
  status: 'confirmed' | 'delivered';
}

/**
 * The summaries an employer booking's entry belongs in: one per cohort its year groups reach in the
 * academic year of its date, while it counts toward Benchmark 5 (an employer's booking, confirmed
 * or delivered: the engine's `isBenchmark5Counted`); none for a provider's booking or any other state.
 */
function employerSummariesOf(booking: BookingRecord): Array<{ cohort: number; academicYear: number; key: { pk: string; sk: string } }> {
  if (booking.requesterKind !== 'employer' || !isBenchmark5Counted(booking.status)) return [];
  const academicYear = academicYearOf(booking.date);
  return encounterCohorts(booking).map((cohort) => ({ cohort, academicYear, key: keys.employerSummary(booking.schoolId, cohort, academicYear) }));
}

/** An employer encounter's summary entry: short names (about 250 bytes; the size bound is in docs/data-model.md). */
function employerEntryOf(booking: BookingRecord) {
  return {
    e: booking.requesterOrgId,
    n: booking.requesterName,
    ...(booking.sector ? { c: booking.sector } : {}),
    d: booking.date,
    ti: booking.title,
    y: booking.yearGroups,
    w: booking.audience !== 'named_group',
    ...(booking.groupName ? { g: booking.groupName } : {}),
    s: booking.status,
  };
}

/**
 * The writes that keep a booking's entries `B#<bookingId>` in its cohorts' employer summaries in
 * step with the booking, for the transaction that moves it from `before` (undefined: a booking
 * created in this transaction) to `after`: `SET` the entry in each summary it belongs in now (the
 * whole entry, so a delivery or a move is carried), `REMOVE` it from those it left (a
 * cancellation, "not delivered", a move into another academic year). Each write touches only this
 * booking's own attribute, so nothing is read first and two bookings of one cohort never overwrite
 * each other; the transaction is conditional on the booking's status (or version), so two moves of
 * one booking cannot interleave here. Transactions touching one summary serialise on it (a
 * `TransactionConflict` on AWS, retried by `transact`).
 *
 *   confirm A ─┐                          ┌─ Update EMPSUM#2025#2026  SET B#A = {e, n, c, d, ti, y, w, g, s}
 *              ├─ TransactWriteItems ─────┤
 *   cancel B ──┘  (one each)              └─ Update EMPSUM#2025#2026  REMOVE B#B
 *
 * @example
 * writes.push(...employerEncounterWrites(db, current, next));
 */
export function employerEncounterWrites(db: Db, before: BookingRecord | undefined, after: BookingRecord): GuardedWrite[] {
  const entry = keys.employerSummaryEntry(after.id);
  const has = employerSummariesOf(after);
  const writes: GuardedWrite[] = has.map(({ cohort, academicYear, key }) => ({
    item: {
      Update: {
        TableName: db.tableName,
        Key: key,
        UpdateExpression: 'SET #type = :type, cohort = :cohort, academicYear = :year, #entry = :entry',
        ExpressionAttributeNames: { '#type': 'type', '#entry': entry },
        ExpressionAttributeValues: { ':type': 'employer-summary', ':cohort': cohort, ':year': academicYear, ':entry': employerEntryOf(after) },
      },
    },
  }));
  const kept = new Set(has.map(({ key }) => keyOf(key)));
  for (const { key } of before ? employerSummariesOf(before) : []) {
    if (kept.has(keyOf(key))) continue;
    writes.push({ item: { Update: { TableName: db.tableName, Key: key, UpdateExpression: 'REMOVE #entry', ExpressionAttributeNames: { '#entry': entry } } } });
  }
  return writes;
}

/**
 * The employer summaries a set of stored bookings makes, as `employerEncounterWrites` would leave
 * them after writing each booking once (bookings that do not count are skipped): for a backfill of
 * bookings stored before issue 16, and for seeding (tests, the bench).
 *
 * @example
 * await putAll(db, employerSummaryItems(await readAllBookingsOfSchool(db, schoolId)));
 */
export function employerSummaryItems(bookings: readonly BookingRecord[]): Array<Record<string, unknown>> {
  const summaries = new Map<string, Record<string, unknown>>();
  for (const booking of bookings) {
    for (const { cohort, academicYear, key } of employerSummariesOf(booking)) {
      const item = summaries.get(keyOf(key)) ?? { ...key, type: 'employer-summary', cohort, academicYear };
      item[keys.employerSummaryEntry(booking.id)] = employerEntryOf(booking);
      summaries.set(keyOf(key), item);
    }
  }
  return [...summaries.values()];
}

/**
 * Backfills one booking stored before issue 16 into its cohorts' employer summaries, online: one
 * TransactWriteItems holding a ConditionCheck that the booking is still at the status and version
 * read and `employerEncounterWrites(db, undefined, booking)` (SET its entries). A booking that
 * moved since it was read has written its own entries in its own transaction: the check fails and
 * nothing is written (`moved`). A booking that does not count writes nothing (`skipped`). Running
 * it twice sets the same entries.
 *
 * @example
 * for (const booking of await readAllBookingsOfSchool(db, schoolId)) await backfillEmployerEncounter(db, booking);
 */
export async function backfillEmployerEncounter(db: Db, booking: BookingRecord): Promise<'written' | 'skipped' | 'moved'> {
  const writes = employerEncounterWrites(db, undefined, booking);
  if (!writes.length) return 'skipped';
  try {
    await transact(db, [
      {
        item: {
          ConditionCheck: {
            TableName: db.tableName,
            Key: keys.booking(booking.schoolId, booking.id),
            ConditionExpression: '#status = :status AND #version = :version',
            ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
            ExpressionAttributeValues: { ':status': booking.status, ':version': booking.version },
          },
        },
        onConditionFailed: () => new ConflictError('STALE_STATE', 'The booking moved since it was read.'),
      },
      ...writes,
    ]);
    return 'written';
  } catch (error) {
    if (error instanceof ConflictError && error.code === 'STALE_STATE') return 'moved';
    throw error;
  }
}

/**
 * The employer encounters of cohorts `oldestCohort` … `youngestCohort` (the pupils a school has
 * now), every academic year, from their summaries: one strongly consistent range Query over
 * `EMPSUM#<oldest>#` … `EMPSUM#<youngest>#~`, at most seven years of at most seven cohorts whatever
 * the school's age. Cohorts that have left, bookings and everything else of the school are never
 * read. A booking reaching two cohorts comes once, with both.
 *
 * @example
 * const encounters = await readEmployerEncounters(db, schoolId, 2020, 2026);
 */
export async function readEmployerEncounters(db: Db, schoolId: string, oldestCohort: number, youngestCohort: number): Promise<EmployerEncounterEntry[]> {
  const range = keys.employerSummariesOf(oldestCohort, youngestCohort);
  const found = new Map<string, EmployerEncounterEntry>();
  for await (const item of queryItems(db, {
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.organisation(schoolId).pk, ':from': range.from, ':to': range.to },
    ConsistentRead: true,
  })) {
    const cohort = item.cohort as number;
    for (const [name, value] of Object.entries(item)) {
      if (!name.startsWith(keys.employerSummaryEntryPrefix)) continue;
      const id = name.slice(keys.employerSummaryEntryPrefix.length);
      const seen = found.get(id);
      if (seen) {
        seen.cohorts.push(cohort);
        continue;
      }
      const entry = value as ReturnType<typeof employerEntryOf>;
      found.set(id, {
        id,
        cohorts: [cohort],
        employerId: entry.e,
        employerName: entry.n,
        sector: entry.c ?? null,
        date: entry.d,
        title: entry.ti,
        yearGroups: entry.y,
        wholeYearGroup: entry.w,
        ...(entry.g ? { groupName: entry.g } : {}),
        status: entry.s as EmployerEncounterEntry['status'],
      });
    }
  }
  return [...found.values()];
}

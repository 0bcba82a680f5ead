import { isDeepStrictEqual } from 'node:util';
import { GetCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import pMap from 'p-map';
import { bookingItem, showSlotInSearch, type BookingRecord, type SlotRecord } from './bookings.js';
import type { Db } from './client.js';
import { countedEncounterWrites, employerEncounterWrites, employerSummaryItems, encounterSummaryItems, recordedEncounterItems, recordedEncounterWrites } from './encounters.js';
import type { RecordedEncounterRecord } from './evidence.js';
import { keys, legacyKeys } from './keys.js';
import { strip, type OrganisationRecord } from './organisations.js';
import { schoolDirectoryWrites } from './school-directory.js';
import { queryItems } from './query.js';
import { ConflictError, transact, type GuardedWrite } from './transact.js';
import { versionCondition, versionOf } from './versions.js';

/**
 * The one-off backfill of the keys later changes introduced, for a table written before them
 * (docs/data-model.md, "Backfill"). It walks the table school by school (gsi1 `ORGS#school`) and,
 * inside each school's partition, brings one booking or one recorded encounter at a time to what
 * the use cases write today, in one TransactWriteItems conditional on the version it read:
 *
 *   backfill ── reads BOOKING#b v3, its ENCOUNTER# items, the ENCSUM# summaries ──┐
 *                                                                               ├─ TransactWrite [booking version = 3, …]
 *   approver ── moves b to v4 (writes the new keys itself) ─────────────────────┘  → the backfill loses,
 *                                                                                    re-reads b at v4 and tries again
 *
 * Every step compares what it read with what it would write and writes nothing when they agree,
 * so a second run changes nothing and reports every item as already done; a run stopped half
 * way is resumed by running it again (optionally from `startAfter`, the last school it reported).
 */

/** What a step did in a run (in a dry run, `written` counts what it would write). */
export interface StepCounts {
  /** Items looked at (bookings, records). */
  scanned: number;
  /** Transactions committed (or, in a dry run, that would be). */
  written: number;
  /** Items already as the use cases write them today: nothing written. */
  alreadyDone: number;
  /** Items that changed between the backfill's read and its write (its condition lost); each was re-read and tried again. */
  moved: number;
  /** Items left as they were: they kept changing after every attempt, or vanished. A re-run picks them up. */
  skipped: number;
  /** Items that could not be planned (malformed); named in the log. */
  failed: number;
}

export interface BackfillOptions {
  /** Plan and count, write nothing. */
  dryRun?: boolean;
  /** How many times an item that moved under the backfill is re-read and tried (default 3). */
  attempts?: number;
  /** Where to report progress and failures (default: nowhere). */
  log?: (line: string) => void;
  /** Today (`yyyy-mm-dd`): slots before it are past and get no search entry. Default: today (UTC). */
  today?: string;
  /** Test hook: runs after an item's plan was read and before its transaction is sent. */
  beforeCommit?: (step: string, id: string) => Promise<void>;
}

/**
 * One kind of item the backfill brings up to date, one school at a time. To add a step (a new
 * summary, a new index key), give it a name, what it reads of a school, the items it works on, and
 * a `plan` that answers the writes (the first of which carries the condition on the item's
 * version) or `undefined` when the item is already as the use cases would leave it; then list it
 * in {@link backfillSteps}.
 */
export interface BackfillStep<State = unknown> {
  name: string;
  /** One line for the report and the docs. */
  what: string;
  /** The school's items this step needs, read strongly consistent. */
  read(db: Db, schoolId: string, options: BackfillOptions): Promise<State>;
  /** The items it works on (raw, as stored), each planned and written on its own. */
  subjects(state: State): Array<Record<string, unknown>>;
  plan(db: Db, subject: Record<string, unknown>, state: State): GuardedWrite[] | undefined;
}

/** The item's condition failed: it changed after the backfill read it. */
class MovedError extends ConflictError {
  constructor() {
    super('MOVED', 'The item changed after the backfill read it');
  }
}

/** Every raw item of a school's partition under one sort-key prefix, strongly consistent. */
async function readPrefix(db: Db, schoolId: string, prefix: string): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  for await (const item of queryItems(db, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.organisation(schoolId).pk, ':prefix': prefix },
    ConsistentRead: true,
  })) {
    items.push(item);
  }
  return items;
}

const keyString = (key: { pk?: unknown; sk?: unknown }) => `${String(key.pk)}|${String(key.sk)}`;

/** The condition that an item is still at the version read (items from before versions: still without one). */
function atVersionRead(raw: Record<string, unknown>) {
  const condition = versionCondition(versionOf(raw));
  return { ...condition, ConditionExpression: `attribute_exists(pk) AND (${condition.ConditionExpression})` };
}

/** A ConditionCheck of the item at the version read. */
function unchanged(db: Db, raw: Record<string, unknown>): GuardedWrite {
  return {
    item: { ConditionCheck: { TableName: db.tableName, Key: { pk: raw.pk, sk: raw.sk }, ...atVersionRead(raw) } },
    onConditionFailed: () => new MovedError(),
  };
}

/** The items a set of writes Puts whole (the open items): what should be in the table. */
function putItemsOf(writes: GuardedWrite[]): Array<Record<string, unknown>> {
  return writes.flatMap(({ item }) => (item.Put?.Item ? [item.Put.Item as Record<string, unknown>] : []));
}

/**
 * One encounter's stored items and its entries in the school's summaries, compared with what the
 * use cases would have written: the stored items it should not have (to Delete), whether every item
 * it should have is there as it would be written, and the summaries holding an entry of it that
 * should not (to REMOVE).
 */
function compare(input: {
  expectedItems: Array<Record<string, unknown>>;
  storedItems: Array<Record<string, unknown>>;
  expectedEntries: Array<{ key: { pk: string; sk: string }; name: string; value: unknown; attributes: Record<string, unknown> }>;
  summaries: Map<string, Record<string, unknown>>;
  entryName: string;
}) {
  const expectedKeys = new Set(input.expectedItems.map(keyString));
  const stored = new Map(input.storedItems.map((item) => [keyString(item), item]));
  const strayItems = input.storedItems.filter((item) => !expectedKeys.has(keyString(item)));
  const itemsMatch = input.expectedItems.every((item) => isDeepStrictEqual(stored.get(keyString(item)), item));
  const entryKeys = new Set(input.expectedEntries.map((entry) => keyString(entry.key)));
  const entriesMatch = input.expectedEntries.every((entry) => {
    const summary = input.summaries.get(keyString(entry.key));
    return !!summary && isDeepStrictEqual(summary[entry.name], entry.value) && Object.entries(entry.attributes).every(([name, value]) => isDeepStrictEqual(summary[name], value));
  });
  const strayEntries = [...input.summaries.entries()].filter(([key, summary]) => input.entryName in summary && !entryKeys.has(key)).map(([, summary]) => ({ pk: summary.pk as string, sk: summary.sk as string }));
  return { strayItems, strayEntries, done: strayItems.length === 0 && strayEntries.length === 0 && itemsMatch && entriesMatch };
}

function removeEntry(db: Db, key: { pk: string; sk: string }, name: string): GuardedWrite {
  return { item: { Update: { TableName: db.tableName, Key: key, UpdateExpression: 'REMOVE #entry', ExpressionAttributeNames: { '#entry': name } } } };
}

const summariesByKey = (items: Array<Record<string, unknown>>) => new Map(items.map((item) => [keyString(item), item]));

interface BookingsState {
  bookings: Array<Record<string, unknown>>;
  /** Counted-encounter items by booking id, old layout and new. */
  encounters: Map<string, Array<Record<string, unknown>>>;
  summaries: Map<string, Record<string, unknown>>;
}

const INDEX_KEYS = ['gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk'] as const;

/**
 * Bookings: (1) counted encounters from `ENCOUNTER#<cohort>#<bookingId>` to
 * `ENCOUNTER#<settlesOn>#<cohort>#<bookingId>` with the booking's `E#<bookingId>` entry in each
 * phase summary it reaches (`countedEncounterWrites`, as if the booking had just reached its
 * status); (2) the booking's own index keys as `bookingItem` writes them today (gsi3
 * `SCHOOLBOOKINGS#<school>` for the calendar feed and the governors' report, the sharded gsi2
 * `BOOKINGDATE#<date>#<shard>`). One transaction per booking: the booking at the version read
 * (an Update of its index keys, or a ConditionCheck), Delete of its old-layout and stray items,
 * Put of its items, SET of its entries, REMOVE of stray entries.
 */
export const bookingsStep: BackfillStep<BookingsState> = {
  name: 'bookings',
  what: 'counted encounters to ENCOUNTER#<settlesOn>#… with ENCSUM E# entries; booking index keys (gsi1, sharded gsi2, gsi3 SCHOOLBOOKINGS#)',
  async read(db, schoolId) {
    const [bookings, encounterItems, summaries] = await Promise.all([
      readPrefix(db, schoolId, keys.bookingsPrefix),
      readPrefix(db, schoolId, legacyKeys.countedEncountersPrefix),
      readPrefix(db, schoolId, legacyKeys.encounterSummariesPrefix),
    ]);
    const encounters = new Map<string, Array<Record<string, unknown>>>();
    for (const item of encounterItems) encounters.set(String(item.id), [...(encounters.get(String(item.id)) ?? []), item]);
    return { bookings, encounters, summaries: summariesByKey(summaries) };
  },
  subjects: (state) => state.bookings,
  plan(db, raw, state) {
    const booking = strip<BookingRecord>(raw);
    const encounterWrites = countedEncounterWrites(db, { ...booking, status: 'requested' }, booking);
    const stored = state.encounters.get(booking.id) ?? [];
    const entryName = keys.encounterSummaryEntry(booking.id);
    const expectedEntries = encounterSummaryItems([booking]).map((summary) => {
      const { pk, sk, [entryName]: value, ...attributes } = summary;
      return { key: { pk: pk as string, sk: sk as string }, name: entryName, value, attributes };
    });
    // Old-layout items are "stray" here: not where the use cases would put them today.
    const { strayItems, strayEntries, done: encountersDone } = compare({ expectedItems: putItemsOf(encounterWrites), storedItems: stored, expectedEntries, summaries: state.summaries, entryName });
    const indexKeys = Object.fromEntries(Object.entries(bookingItem(booking)).filter(([name]) => (INDEX_KEYS as readonly string[]).includes(name)));
    const indexDone = INDEX_KEYS.every((name) => raw[name] === indexKeys[name]);
    if (encountersDone && indexDone) return undefined;

    const condition = atVersionRead(raw);
    const bookingWrite: GuardedWrite = indexDone
      ? unchanged(db, raw)
      : {
          item: {
            Update: {
              TableName: db.tableName,
              Key: { pk: raw.pk, sk: raw.sk },
              UpdateExpression: `SET ${INDEX_KEYS.map((name) => `${name} = :${name}`).join(', ')}`,
              ConditionExpression: condition.ConditionExpression,
              ...(condition.ExpressionAttributeNames ? { ExpressionAttributeNames: condition.ExpressionAttributeNames } : {}),
              ExpressionAttributeValues: { ...condition.ExpressionAttributeValues, ...Object.fromEntries(INDEX_KEYS.map((name) => [`:${name}`, indexKeys[name]])) },
            },
          },
          onConditionFailed: () => new MovedError(),
        };
    return [
      bookingWrite,
      ...strayItems.map((item) => ({ item: { Delete: { TableName: db.tableName, Key: { pk: item.pk, sk: item.sk } } } })),
      ...encounterWrites,
      ...strayEntries.map((key) => removeEntry(db, key, entryName)),
    ];
  },
};

interface RecordedState {
  records: Array<Record<string, unknown>>;
  open: Map<string, Array<Record<string, unknown>>>;
  summaries: Map<string, Record<string, unknown>>;
}

/**
 * Recorded encounters stored before their open items existed: each record's `RECOPEN#…` items and
 * `R#<recordId>` summary entries (`recordedEncounterWrites`, as if just recorded), in one
 * transaction per record with a ConditionCheck of the record at the version read (absent on
 * records never corrected: still absent).
 */
export const recordedStep: BackfillStep<RecordedState> = {
  name: 'recorded',
  what: 'recorded encounters: RECOPEN# items and ENCSUM R# entries',
  async read(db, schoolId) {
    const [records, openItems, summaries] = await Promise.all([
      readPrefix(db, schoolId, keys.recordedEncountersPrefix),
      readPrefix(db, schoolId, legacyKeys.recordedOpenPrefix),
      readPrefix(db, schoolId, legacyKeys.encounterSummariesPrefix),
    ]);
    const open = new Map<string, Array<Record<string, unknown>>>();
    for (const item of openItems) open.set(String(item.id), [...(open.get(String(item.id)) ?? []), item]);
    return { records, open, summaries: summariesByKey(summaries) };
  },
  subjects: (state) => state.records,
  plan(db, raw, state) {
    const record = strip<RecordedEncounterRecord>(raw);
    const entryName = keys.recordedSummaryEntry(record.id);
    const { open, entries } = recordedEncounterItems([record]);
    const { strayItems, strayEntries, done } = compare({
      expectedItems: open,
      storedItems: state.open.get(record.id) ?? [],
      expectedEntries: entries.map((entry) => ({ key: entry.key, name: entry.name, value: entry.value, attributes: { type: 'encounter-summary', cohort: entry.cohort, phase: entry.phase, closesOn: entry.closesOn } })),
      summaries: state.summaries,
      entryName,
    });
    if (done) return undefined;
    return [
      unchanged(db, raw),
      ...strayItems.map((item) => ({ item: { Delete: { TableName: db.tableName, Key: { pk: item.pk, sk: item.sk } } } })),
      ...recordedEncounterWrites(db, undefined, record),
      ...strayEntries.map((key) => removeEntry(db, key, entryName)),
    ];
  },
};

interface EmployerState {
  bookings: Array<Record<string, unknown>>;
  summaries: Map<string, Record<string, unknown>>;
}

/**
 * Employer bookings stored before the employer summaries (Benchmark 5): each booking's entry
 * `B#<bookingId>` in its cohorts' `EMPSUM#<cohort>#<academicYear>` summaries
 * (`employerEncounterWrites`, as if just confirmed), REMOVE of any entry in a summary it does not
 * belong in; one transaction per booking with a ConditionCheck of the booking at the version read.
 * (The store's `backfillEmployerEncounter` does the same for one booking without the comparison.)
 */
export const employerStep: BackfillStep<EmployerState> = {
  name: 'employer',
  what: 'employer encounters: EMPSUM# B# entries (Benchmark 5)',
  async read(db, schoolId) {
    const [bookings, summaries] = await Promise.all([readPrefix(db, schoolId, keys.bookingsPrefix), readPrefix(db, schoolId, legacyKeys.employerSummariesPrefix)]);
    return { bookings, summaries: summariesByKey(summaries) };
  },
  subjects: (state) => state.bookings,
  plan(db, raw, state) {
    const booking = strip<BookingRecord>(raw);
    const entryName = keys.employerSummaryEntry(booking.id);
    const expectedEntries = employerSummaryItems([booking]).map((summary) => {
      const { pk, sk, [entryName]: value, ...attributes } = summary;
      return { key: { pk: pk as string, sk: sk as string }, name: entryName, value, attributes };
    });
    const { strayEntries, done } = compare({ expectedItems: [], storedItems: [], expectedEntries, summaries: state.summaries, entryName });
    if (done) return undefined;
    return [unchanged(db, raw), ...employerEncounterWrites(db, undefined, booking), ...strayEntries.map((key) => removeEntry(db, key, entryName))];
  },
};

interface SlotsState {
  slots: Array<Record<string, unknown>>;
  /** The keys of the school's slot search entries. */
  entries: Set<string>;
  today: string;
}

/**
 * Slots published before the area index: an open slot with a place left, dated today or later,
 * gets its search entry (`AREA#slot#<id>#<date>`, `showSlotInSearch`, as publishing writes it);
 * the slot item loses its old gsi2 keys (`OPENSLOTS#<month>`). One transaction per slot: an Update
 * (REMOVE the old keys) or a ConditionCheck of the slot, on its status and confirmed count as read
 * (slots carry no version; those two decide whether it is findable), and the Put of the entry. An
 * existing entry is left as it is (its copy of the slot is from when it was written, as the use
 * cases leave it; search reads current places from the slot itself).
 */
export const slotsStep: BackfillStep<SlotsState> = {
  name: 'slots',
  what: 'open slots without a search entry (AREA#slot#…); old gsi2 OPENSLOTS# keys removed',
  async read(db, schoolId, options) {
    const [slots, entries] = await Promise.all([readPrefix(db, schoolId, keys.slotsPrefix), readPrefix(db, schoolId, keys.areaEntriesPrefix('slot'))]);
    return { slots, entries: new Set(entries.map(keyString)), today: options.today ?? new Date().toISOString().slice(0, 10) };
  },
  subjects: (state) => state.slots,
  plan(db, raw, state) {
    const slot = strip<SlotRecord>(raw);
    const oldIndex = String(raw.gsi2pk ?? '').startsWith(legacyKeys.openSlotsIndexPrefix);
    const findable = slot.status === 'open' && slot.confirmedCount < slot.places && slot.date >= state.today && Boolean(slot.location);
    const needsEntry = findable && !state.entries.has(keyString(keys.areaEntry(slot.schoolId, 'slot', slot.id, slot.date)));
    if (!oldIndex && !needsEntry) return undefined;
    const condition = {
      ConditionExpression: '#status = :status AND confirmedCount = :confirmed',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': slot.status, ':confirmed': slot.confirmedCount },
    };
    const key = { pk: raw.pk, sk: raw.sk };
    const slotWrite: GuardedWrite = {
      item: oldIndex ? { Update: { TableName: db.tableName, Key: key, UpdateExpression: 'REMOVE gsi2pk, gsi2sk', ...condition } } : { ConditionCheck: { TableName: db.tableName, Key: key, ...condition } },
      onConditionFailed: () => new MovedError(),
    };
    return [slotWrite, ...(needsEntry ? showSlotInSearch(db, slot) : [])];
  },
};

interface DirectoryState {
  profile?: Record<string, unknown>;
  pointer?: Record<string, unknown>;
  entry?: Record<string, unknown>;
}

/**
 * Schools verified before the school directory: the directory entry (`AREA#school#<id>#ALL`,
 * `schoolDirectoryWrites`, as verification writes it) for a verified school with a location, or
 * its removal for one that is not findable. One transaction: ConditionChecks of the profile and of
 * the published-policy pointer at the versions read (the entry copies both), and the Put or Delete.
 */
export const directoryStep: BackfillStep<DirectoryState> = {
  name: 'directory',
  what: 'school directory entries (AREA#school#<id>#ALL) for schools verified before the directory',
  async read(db, schoolId) {
    const get = async (key: { pk: string; sk: string }) => (await db.doc.send(new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: true }))).Item;
    const [profile, pointer, entry] = await Promise.all([get(keys.organisation(schoolId)), get(keys.publishedPolicy(schoolId)), get(keys.areaEntry(schoolId, 'school', schoolId, 'ALL'))]);
    return { profile, pointer, entry };
  },
  subjects: (state) => (state.profile ? [state.profile] : []),
  plan(db, raw, state) {
    const school = strip<OrganisationRecord>(raw);
    if (school.kind !== 'school') return undefined;
    const writes = schoolDirectoryWrites(db, school, Boolean(state.pointer));
    const put = writes[0]?.item.Put?.Item;
    if (put ? isDeepStrictEqual(state.entry, put) : !state.entry) return undefined;
    const pointerKey = keys.publishedPolicy(school.id);
    return [
      unchanged(db, raw),
      { item: { ConditionCheck: { TableName: db.tableName, Key: pointerKey, ...versionCondition(versionOf(state.pointer)) } }, onConditionFailed: () => new MovedError() },
      ...writes,
    ];
  },
};

/**
 * The steps, in the order they run for each school. Bookings first, then recorded encounters (the
 * two touch different attributes of the same summaries, so the order only keeps the report tidy),
 * the employer summaries, then the search entries. Each step reads the school afresh, so none depends on another's writes.
 */
export const backfillSteps: ReadonlyArray<BackfillStep<any>> = [bookingsStep, recordedStep, employerStep, slotsStep, directoryStep];

const emptyCounts = (): StepCounts => ({ scanned: 0, written: 0, alreadyDone: 0, moved: 0, skipped: 0, failed: 0 });

/**
 * Runs one step over one school's partition: each item planned on the school as read, written in
 * its own transaction; an item whose condition fails (it moved meanwhile, and wrote the new keys
 * for its new state itself) is re-read with the school and tried again, up to `attempts` times.
 *
 * @example
 * const counts = await backfillSchoolStep(db, 'sch_1', bookingsStep, { dryRun: true });
 */
export async function backfillSchoolStep<S>(db: Db, schoolId: string, step: BackfillStep<S>, options: BackfillOptions = {}): Promise<StepCounts> {
  const counts = emptyCounts();
  const attempts = options.attempts ?? 3;
  let state = await step.read(db, schoolId, options);
  for (const first of step.subjects(state)) {
    counts.scanned++;
    const id = String(first.id ?? first.sk);
    let subject: Record<string, unknown> | undefined = first;
    let movedOnce = false;
    for (let attempt = 1; ; attempt++) {
      let writes: GuardedWrite[] | undefined;
      try {
        writes = step.plan(db, subject, state);
      } catch (error) {
        counts.failed++;
        options.log?.(`${step.name}: ${schoolId} ${id} could not be planned: ${(error as Error).message}`);
        break;
      }
      if (!writes) {
        // Nothing to write when last read (after a move, the use case that moved it wrote them).
        counts.alreadyDone++;
        break;
      }
      if (options.dryRun) {
        counts.written++;
        break;
      }
      try {
        await options.beforeCommit?.(step.name, id);
        await transact(db, writes);
        counts.written++;
        break;
      } catch (error) {
        if (!(error instanceof MovedError)) throw error;
        if (!movedOnce) counts.moved++;
        movedOnce = true;
        if (attempt >= attempts) {
          counts.skipped++;
          options.log?.(`${step.name}: ${schoolId} ${id} kept changing; left for a re-run`);
          break;
        }
        state = await step.read(db, schoolId, options);
        subject = step.subjects(state).find((item) => item.sk === first.sk);
        if (!subject) {
          counts.skipped++;
          break;
        }
      }
    }
  }
  return counts;
}

export interface BackfillReport {
  schools: number;
  /** The last school of the last page finished: pass as `startAfter` to resume after it. */
  lastSchoolId?: string;
  steps: Record<string, StepCounts>;
}

/**
 * The ids of every school after `startAfter` (gsi1 `ORGS#school`, ordered by id), a page at a time.
 */
async function* schoolPages(db: Db, startAfter: string | undefined, pageSize: number): AsyncGenerator<string[]> {
  for await (const page of paginateQuery(
    { client: db.doc, pageSize },
    {
      TableName: db.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: startAfter ? 'gsi1pk = :pk AND gsi1sk > :after' : 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.organisationIndex('school', '').gsi1pk, ...(startAfter ? { ':after': startAfter } : {}) },
      ProjectionExpression: 'gsi1sk',
    },
  )) {
    const ids = (page.Items ?? []).map((item) => String(item.gsi1sk));
    if (ids.length) yield ids;
  }
}

/**
 * Backfills every school (or those listed in `schoolIds`): each school's steps in order, `concurrency`
 * schools at a time (p-map). Progress is logged per page of schools with the last school
 * finished, which `startAfter` accepts to resume; re-running from the start is just as safe.
 *
 * @example
 * const report = await backfillTable(db, { concurrency: 8, log: console.log });
 */
export async function backfillTable(
  db: Db,
  options: BackfillOptions & { concurrency?: number; startAfter?: string; schoolIds?: string[]; steps?: ReadonlyArray<BackfillStep<any>>; pageSize?: number } = {},
): Promise<BackfillReport> {
  const steps = options.steps ?? backfillSteps;
  const report: BackfillReport = { schools: 0, steps: Object.fromEntries(steps.map((step) => [step.name, emptyCounts()])) };
  const pages = options.schoolIds ? (async function* () { yield options.schoolIds!; })() : schoolPages(db, options.startAfter, options.pageSize ?? 100);
  for await (const ids of pages) {
    await pMap(
      ids,
      async (schoolId) => {
        for (const step of steps) {
          const counts = await backfillSchoolStep(db, schoolId, step, options);
          const total = report.steps[step.name]!;
          for (const name of Object.keys(total) as Array<keyof StepCounts>) total[name] += counts[name];
        }
        report.schools++;
      },
      { concurrency: options.concurrency ?? 4 },
    );
    report.lastSchoolId = ids.at(-1);
    options.log?.(`${report.schools} schools done, through ${report.lastSchoolId} (resume with --start-after ${report.lastSchoolId}); ${summaryLine(report)}`);
  }
  return report;
}

/** One line of counts per step, for the log. */
export function summaryLine(report: BackfillReport): string {
  return Object.entries(report.steps)
    .map(([name, c]) => `${name}: scanned ${c.scanned}, written ${c.written}, already done ${c.alreadyDone}, moved ${c.moved}, skipped ${c.skipped}, failed ${c.failed}`)
    .join('; ');
}

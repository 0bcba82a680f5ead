import { BatchGetCommand, BatchWriteCommand, QueryCommand, type BatchGetCommandInput, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { areaCellOf, areaCellsCovering, distanceKm, type Location } from '@schoolgate/places/geometry';
import type { Db } from './client.js';
import { keys } from './keys.js';
import { strip } from './organisations.js';
import { callCounter, type GuardedWrite } from './transact.js';

/**
 * The area-bucketed search index (gsi3). Everything a school, provider or employer searches for
 * by place (open slots, offers, placements, the school directory) has one small *entry* item per
 * (thing, date) beside the thing itself. The entry is keyed on gsi3 by what it is, the area cell
 * it is in and its month, so a search reads only the few cells its radius covers, in parallel,
 * whatever the national total; nothing searchable sits under one nation-wide key.
 *
 * The entry is written when the thing becomes findable and deleted when it stops being so (full,
 * withdrawn), in the same transaction as that change; it is not rewritten by each request or
 * approval, so a busy slot does not churn the index. A past entry is never read (the key condition
 * starts today) and TTL removes it.
 */
export type AreaEntryKind = 'slot' | 'offer' | 'placement' | 'school';

export interface AreaEntry<T> {
  kind: AreaEntryKind;
  /** The thing's own id (slot, offer, placement or organisation id). */
  id: string;
  /** The organisation the thing belongs to: the entry lives in its partition. */
  ownerOrgId: string;
  /** `yyyy-mm-dd` for a dated thing (one entry per date); omit for an undated one (a school). */
  date?: string;
  /** Orders undated entries (e.g. a school's name); dated ones sort by date. */
  sortKey?: string;
  location: Location;
  /** What a search result shows, so a search needs no second read. */
  data: T;
}

const UNDATED = 'ALL';

function entryKeys(entry: Pick<AreaEntry<unknown>, 'kind' | 'id' | 'ownerOrgId' | 'date'>) {
  return keys.areaEntry(entry.ownerOrgId, entry.kind, entry.id, entry.date ?? UNDATED);
}

/** The entry as stored; the day after its date, TTL removes it. */
export function areaEntryItem<T>(entry: AreaEntry<T>): Record<string, unknown> {
  const period = entry.date ? entry.date.slice(0, 7) : UNDATED;
  const order = entry.date ?? (entry.sortKey ?? '').toLowerCase();
  return {
    ...entryKeys(entry),
    ...keys.areaSearchIndex(entry.kind, areaCellOf(entry.location), period, `${order}#${entry.id}`),
    type: 'area-entry',
    kind: entry.kind,
    id: entry.id,
    ownerOrgId: entry.ownerOrgId,
    ...(entry.date ? { date: entry.date, expiresAt: Math.floor(Date.parse(`${entry.date}T00:00:00Z`) / 1000) + 2 * 86_400 } : {}),
    location: entry.location,
    data: entry.data,
  };
}

/** Puts (or replaces) an entry, for a transaction. */
export function putAreaEntry<T>(db: Db, entry: AreaEntry<T>): GuardedWrite {
  return { item: { Put: { TableName: db.tableName, Item: areaEntryItem(entry) } } };
}

/** Deletes an entry (a no-op when it is already gone), for a transaction. */
export function deleteAreaEntry(db: Db, entry: Pick<AreaEntry<unknown>, 'kind' | 'id' | 'ownerOrgId' | 'date'>): GuardedWrite {
  return { item: { Delete: { TableName: db.tableName, Key: entryKeys(entry) } } };
}

/** Removes entries found to be stale at read time (e.g. a slot filled by a racing approval). */
export async function removeAreaEntries(db: Db, entries: Array<Pick<AreaEntry<unknown>, 'kind' | 'id' | 'ownerOrgId' | 'date'>>): Promise<void> {
  for (let i = 0; i < entries.length; i += 25) {
    await db.doc.send(
      new BatchWriteCommand({ RequestItems: { [db.tableName]: entries.slice(i, i + 25).map((entry) => ({ DeleteRequest: { Key: entryKeys(entry) } })) } }),
    );
  }
}

export interface AreaSearch<T> {
  kind: AreaEntryKind;
  centre: Location;
  withinKm: number;
  /** Dated kinds: the first and last day (`yyyy-mm-dd`, both included). */
  from?: string;
  to?: string;
  limit: number;
  /** The previous page's cursor. */
  after?: string;
  /** Further filters on what the entry carries (year group, format, sector…). */
  accept?: (data: T) => boolean;
}

export interface AreaHit<T> {
  id: string;
  ownerOrgId: string;
  date?: string;
  distanceKm: number;
  data: T;
}

/** Pages read per cell and period before a page is returned short (with a cursor to go on). */
const MAX_PAGES_PER_CELL = 4;

/**
 * One page of entries within `withinKm` of `centre`, in date order (or sort-key order when
 * undated). Each covering cell is queried in parallel for one period at a time, each stopping as
 * soon as it has a page's worth, and the cells' answers are merged; months are read in turn only
 * while the page is short. Cost: at most cells × MAX_PAGES_PER_CELL queries per period.
 *
 * @example
 * const page = await searchArea<SlotRecord>(db, { kind: 'slot', centre, withinKm: 25, from: '2027-01-04', to: '2027-03-31', limit: 20 });
 */
export async function searchArea<T>(db: Db, search: AreaSearch<T>): Promise<{ items: AreaHit<T>[]; lastKey?: string }> {
  const cells = areaCellsCovering(search.centre, search.withinKm);
  const start = search.from && search.after && search.after > search.from ? search.after : search.from;
  const periods = start && search.to ? monthsBetween(start.slice(0, 7), search.to.slice(0, 7)) : [UNDATED];
  const items: AreaHit<T>[] = [];
  for (const period of periods) {
    const lower = search.after ? `${search.after}\u0000` : (search.from ?? '');
    const upper = search.to ? `${search.to}~` : '\uffff';
    const wanted = search.limit - items.length;
    const perCell = await Promise.all(cells.map((cell) => readCell(db, search, keys.areaSearchPartition(search.kind, cell, period), lower, upper, wanted)));
    const merged = perCell.flatMap((cell) => cell.hits).sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
    // A cell that stopped early (page cap) bounds how far the merge can trust the others.
    const capped = perCell.filter((cell) => cell.capped).map((cell) => cell.lastPosition);
    const trustUpTo = capped.length ? capped.sort()[0]! : undefined;
    for (const hit of merged) {
      if (trustUpTo !== undefined && hit.position > trustUpTo) return { items, lastKey: trustUpTo };
      items.push(hit.hit);
      if (items.length === search.limit) return { items, lastKey: hit.position };
    }
    if (trustUpTo !== undefined) return { items, lastKey: trustUpTo };
  }
  return { items };
}

interface CellHit<T> {
  position: string;
  hit: AreaHit<T>;
}

async function readCell<T>(
  db: Db,
  search: AreaSearch<T>,
  partition: string,
  lower: string,
  upper: string,
  wanted: number,
): Promise<{ hits: CellHit<T>[]; capped: boolean; lastPosition: string }> {
  const hits: CellHit<T>[] = [];
  let startKey: Record<string, unknown> | undefined;
  let lastPosition = lower;
  for (let page = 0; page < MAX_PAGES_PER_CELL; page++) {
    callCounter.reads++;
    const result = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk BETWEEN :lower AND :upper',
        ExpressionAttributeValues: { ':pk': partition, ':lower': lower, ':upper': upper },
        Limit: Math.max(wanted * 2, 50),
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    for (const raw of result.Items ?? []) {
      lastPosition = raw.gsi3sk as string;
      const location = raw.location as Location;
      const distance = distanceKm(search.centre, location);
      const data = raw.data as T;
      if (distance > search.withinKm || (search.accept && !search.accept(data))) continue;
      hits.push({
        position: lastPosition,
        hit: {
          id: raw.id as string,
          ownerOrgId: raw.ownerOrgId as string,
          ...(raw.date ? { date: raw.date as string } : {}),
          distanceKm: Math.round(distance * 10) / 10,
          data,
        },
      });
      if (hits.length >= wanted) return { hits, capped: false, lastPosition };
    }
    startKey = result.LastEvaluatedKey;
    if (!startKey) return { hits, capped: false, lastPosition };
  }
  return { hits, capped: true, lastPosition };
}

export interface AreaCurrentSearch<T, C, R> extends Omit<AreaSearch<T>, 'kind'> {
  /** A dated kind whose entries can go stale (slot, offer, placement). */
  kind: Exclude<AreaEntryKind, 'school'>;
  /** The key of the table item that holds a hit's current state (the slot, offer date, placement day). */
  currentKey: (hit: AreaHit<T>) => Record<string, unknown>;
  /** Whether the current item (undefined when it is gone) still makes the hit findable. */
  isLive: (current: C | undefined, hit: AreaHit<T>) => boolean;
  /** The result the caller answers with, from the hit and its live current item. */
  toResult: (hit: AreaHit<T>, current: C) => R;
}

/**
 * One page of a dated kind from the area index, checked against the table: the page's current
 * items (the slots, offer dates or placement days the entries stand for) are read in one
 * consistent BatchGet, so places left are current, and a hit whose item filled or was withdrawn
 * since its entry was written (two approvals racing for the last places) is dropped and its entry
 * removed. A page of stale entries is rare, so at most three rounds of searchArea are read: the
 * cost stays bounded. Slots, offers and placements are all found this way (searchOpenSlots,
 * searchOfferDates, searchPlacementDays give the kind, the filters and the shape of a result).
 *
 * @example
 * const page = await searchAreaCurrent<SlotRecord, SlotRecord, SlotRecord>(db, {
 *   kind: 'slot', centre, withinKm: 25, from, to, limit: 20,
 *   currentKey: (hit) => keys.slot(hit.ownerOrgId, hit.id),
 *   isLive: (slot) => slot?.status === 'open' && slot.confirmedCount < slot.places,
 *   toResult: (_hit, slot) => slot,
 * });
 */
export async function searchAreaCurrent<T, C, R>(db: Db, search: AreaCurrentSearch<T, C, R>): Promise<{ items: R[]; lastKey?: string }> {
  const items: R[] = [];
  let after = search.after;
  for (let round = 0; round < 3; round++) {
    const page = await searchArea<T>(db, {
      kind: search.kind,
      centre: search.centre,
      withinKm: search.withinKm,
      ...(search.from ? { from: search.from } : {}),
      ...(search.to ? { to: search.to } : {}),
      limit: search.limit - items.length,
      ...(after ? { after } : {}),
      ...(search.accept ? { accept: search.accept } : {}),
    });
    const current = await readCurrent<C>(db, page.items.map(search.currentKey));
    const stale: AreaHit<T>[] = [];
    page.items.forEach((hit, i) => {
      const item = current[i];
      if (!search.isLive(item, hit)) stale.push(hit);
      else items.push(search.toResult(hit, item!));
    });
    if (stale.length) await removeAreaEntries(db, stale.map((hit) => ({ kind: search.kind, id: hit.id, ownerOrgId: hit.ownerOrgId, date: hit.date! })));
    if (!page.lastKey || items.length >= search.limit) return { items, ...(page.lastKey ? { lastKey: page.lastKey } : {}) };
    after = page.lastKey;
  }
  return { items, ...(after ? { lastKey: after } : {}) };
}

/** The items at these keys as the table holds them now, in the keys' order (one BatchGet per 100). */
async function readCurrent<C>(db: Db, wanted: Array<Record<string, unknown>>): Promise<Array<C | undefined>> {
  const found = new Map<string, C>();
  const id = (key: Record<string, unknown>) => `${String(key.pk)}\u0000${String(key.sk)}`;
  for (let i = 0; i < wanted.length; i += 100) {
    let request: BatchGetCommandInput['RequestItems'] = { [db.tableName]: { Keys: wanted.slice(i, i + 100), ConsistentRead: true } };
    while (request && Object.keys(request).length) {
      callCounter.reads++;
      const result: BatchGetCommandOutput = await db.doc.send(new BatchGetCommand({ RequestItems: request }));
      for (const raw of result.Responses?.[db.tableName] ?? []) {
        found.set(id(raw), strip<C>(raw));
      }
      request = result.UnprocessedKeys;
    }
  }
  return wanted.map((key) => found.get(id(key)));
}

/** The months from one `yyyy-mm` to another, both included; at most 24, whatever it is given. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  const [endYear, endMonth] = to.split('-').map(Number) as [number, number];
  if (!(month >= 1 && month <= 12)) return months;
  while ((year < endYear || (year === endYear && month <= endMonth)) && months.length < 24) {
    months.push(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

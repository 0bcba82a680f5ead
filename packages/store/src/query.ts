import { paginateQuery, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { strip } from './strip.js';

export interface QuerySpec {
  /** Omit for the table itself (which allows a consistent read). */
  index?: 'gsi1' | 'gsi2' | 'gsi3';
  pk: string;
  skPrefix?: string;
}

/**
 * Every item under one partition key (optionally a sort-key prefix), following pagination, with
 * the key attributes stripped. Table queries are strongly consistent; index queries cannot be.
 *
 * @example
 * const memberships = await queryAll<MembershipRecord>(db, { pk: 'USER#abc', skPrefix: 'ORG#' });
 */
export async function queryAll<T>(db: Db, spec: QuerySpec): Promise<T[]> {
  const pkName = spec.index ? `${spec.index}pk` : 'pk';
  const skName = spec.index ? `${spec.index}sk` : 'sk';
  const items: T[] = [];
  for await (const item of queryItems(db, {
    ...(spec.index ? { IndexName: spec.index } : { ConsistentRead: true }),
    KeyConditionExpression: spec.skPrefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
    ExpressionAttributeNames: { '#pk': pkName, ...(spec.skPrefix ? { '#sk': skName } : {}) },
    ExpressionAttributeValues: { ':pk': spec.pk, ...(spec.skPrefix ? { ':prefix': spec.skPrefix } : {}) },
  })) {
    items.push(strip<T>(item));
  }
  return items;
}

/**
 * Every raw item a Query returns, page after page, through the SDK's `paginateQuery` (which
 * carries `LastEvaluatedKey` into the next page's `ExclusiveStartKey`). Items come as stored, key
 * attributes included; pages are fetched only as the caller reads on, so breaking out early
 * stops reading. The table name is filled in.
 *
 * @example
 * for await (const item of queryItems(db, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'ORG#sch_1' } })) {
 *   console.log(item.sk);
 * }
 */
export async function* queryItems(db: Db, input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): AsyncGenerator<Record<string, unknown>> {
  for await (const page of paginateQuery({ client: db.doc }, { TableName: db.tableName, ...input })) {
    yield* page.Items ?? [];
  }
}

/**
 * `SET #f0 = :v0, …` for every defined field, with placeholder names so reserved words
 * (`status`, `version`, `capacity`) are safe. Merge the names and values with the condition's own.
 *
 * @example
 * const set = setExpression({ status: 'confirmed', version: 3 });
 * // set.expression === 'SET #f0 = :v0, #f1 = :v1'
 */
export function setExpression(fields: Record<string, unknown>) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value], i) => {
      names[`#f${i}`] = key;
      values[`:v${i}`] = value;
      return `#f${i} = :v${i}`;
    });
  return { expression: `SET ${sets.join(', ')}`, names, values };
}

/** A list cursor that does not belong to the list it was sent with (or was never ours): a 400. */
export class InvalidCursorError extends Error {
  constructor() {
    super('This cursor is not valid for this list; start again without it');
    this.name = 'InvalidCursorError';
  }
}

export interface PageSpec extends QuerySpec {
  /** At most this many items are read (and so returned). */
  limit: number;
  /** The key the previous page ended on, as {@link queryPage} returned it. */
  after?: Record<string, unknown>;
  /** Descending sort-key order: newest first for ULID and date keys. */
  newestFirst?: boolean;
  /** An optional filter on the page's items (the page may then be short, but the cursor carries on). */
  filter?: { expression: string; names: Record<string, string>; values: Record<string, unknown> };
}

const KEY_NAMES = { table: ['pk', 'sk'], gsi1: ['gsi1pk', 'gsi1sk', 'pk', 'sk'], gsi2: ['gsi2pk', 'gsi2sk', 'pk', 'sk'], gsi3: ['gsi3pk', 'gsi3sk', 'pk', 'sk'] } as const;

/**
 * Checks that a start key handed back by a client is a key of this list and nothing else: the
 * right attribute names, strings only, the list's own partition (and sort-key prefix), so a
 * cursor cannot reach another organisation's items.
 */
function startKeyFor(spec: PageSpec): Record<string, string> | undefined {
  if (!spec.after) return undefined;
  const names: readonly string[] = KEY_NAMES[spec.index ?? 'table'];
  const entries = Object.entries(spec.after);
  const valid =
    entries.length === names.length &&
    entries.every(([name, value]) => names.includes(name) && typeof value === 'string' && value.length > 0 && value.length <= 1024);
  const key = spec.after as Record<string, string>;
  const pkName = spec.index ? `${spec.index}pk` : 'pk';
  const skName = spec.index ? `${spec.index}sk` : 'sk';
  if (!valid || key[pkName] !== spec.pk || (spec.skPrefix && !key[skName]!.startsWith(spec.skPrefix))) throw new InvalidCursorError();
  return key;
}

/**
 * One page of a list: at most `limit` items under one partition key (and sort-key prefix) from
 * where the previous page ended, and the key to continue from when there may be more. Nothing is
 * read whole: a list of ten thousand costs what its page costs.
 *
 * @example
 * const first = await queryPage<SlotRecord>(db, { pk: 'ORG#sch_1', skPrefix: 'SLOT#', limit: 50, newestFirst: true });
 * const second = first.lastKey && (await queryPage<SlotRecord>(db, { pk: 'ORG#sch_1', skPrefix: 'SLOT#', limit: 50, newestFirst: true, after: first.lastKey }));
 */
export async function queryPage<T>(db: Db, spec: PageSpec): Promise<{ items: T[]; lastKey?: Record<string, unknown> }> {
  const pkName = spec.index ? `${spec.index}pk` : 'pk';
  const skName = spec.index ? `${spec.index}sk` : 'sk';
  const startKey = startKeyFor(spec);
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      ...(spec.index ? { IndexName: spec.index } : { ConsistentRead: true }),
      KeyConditionExpression: spec.skPrefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
      ...(spec.filter ? { FilterExpression: spec.filter.expression } : {}),
      ExpressionAttributeNames: { '#pk': pkName, ...(spec.skPrefix ? { '#sk': skName } : {}), ...spec.filter?.names },
      ExpressionAttributeValues: { ':pk': spec.pk, ...(spec.skPrefix ? { ':prefix': spec.skPrefix } : {}), ...spec.filter?.values },
      Limit: spec.limit,
      ScanIndexForward: !spec.newestFirst,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    }),
  );
  return { items: (result.Items ?? []).map((item) => strip<T>(item)), ...(result.LastEvaluatedKey ? { lastKey: result.LastEvaluatedKey } : {}) };
}

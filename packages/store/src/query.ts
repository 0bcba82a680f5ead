import { paginateQuery, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { strip } from './organisations.js';

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

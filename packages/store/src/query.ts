import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { strip } from './organisations.js';

export interface QuerySpec {
  /** Omit for the table itself (which allows a consistent read). */
  index?: 'gsi1' | 'gsi2';
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
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        ...(spec.index ? { IndexName: spec.index } : { ConsistentRead: true }),
        KeyConditionExpression: spec.skPrefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
        ExpressionAttributeNames: { '#pk': pkName, ...(spec.skPrefix ? { '#sk': skName } : {}) },
        ExpressionAttributeValues: { ':pk': spec.pk, ...(spec.skPrefix ? { ':prefix': spec.skPrefix } : {}) },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(result.Items ?? []).map((item) => strip<T>(item)));
    startKey = result.LastEvaluatedKey;
  } while (startKey);
  return items;
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

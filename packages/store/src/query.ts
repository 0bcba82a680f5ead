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

import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createDb, ensureTable, keys, type Db } from '@schoolgate/store';

/** A fresh table in the run's DynamoDB Local, so test files never see each other's items. */
export async function freshTable(): Promise<Db> {
  const db = createDb({ tableName: `test-${randomUUID()}`, endpoint: inject('dynamoEndpoint') });
  await ensureTable(db);
  return db;
}

/** A school's items whose sort key starts with `prefix`, read consistently straight from the table (one page: tests keep them small). */
export async function schoolItemsUnder(db: Db, schoolId: string, prefix: string): Promise<Array<Record<string, unknown>>> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.organisation(schoolId).pk, ':prefix': prefix },
      ConsistentRead: true,
    }),
  );
  return result.Items ?? [];
}

/** Writes raw items 25 to a batch, four batches at a time (seeding only: no conditions). */
export async function putMany(db: Db, items: Array<Record<string, unknown>>): Promise<void> {
  const batches: Array<Array<Record<string, unknown>>> = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  for (let i = 0; i < batches.length; i += 4) {
    await Promise.all(batches.slice(i, i + 4).map((batch) => db.doc.send(new BatchWriteCommand({ RequestItems: { [db.tableName]: batch.map((Item) => ({ PutRequest: { Item } })) } }))));
  }
}

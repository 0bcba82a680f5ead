import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createDb, ensureTable, type Db } from '@schoolgate/store';

/** A fresh table in the run's DynamoDB Local, so test files never see each other's items. */
export async function freshTable(): Promise<Db> {
  const db = createDb({ tableName: `test-${randomUUID()}`, endpoint: inject('dynamoEndpoint') });
  await ensureTable(db);
  return db;
}

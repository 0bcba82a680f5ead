import { describe, expect, it } from 'vitest';
import { PutCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { freshTable } from './support/db.js';

describe('DynamoDB Local', () => {
  it('stores and reads an item through the shared client', async () => {
    const db = await freshTable();
    await db.doc.send(new PutCommand({ TableName: db.tableName, Item: { pk: 'a', sk: 'b', value: 1 } }));
    const got = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: { pk: 'a', sk: 'b' }, ConsistentRead: true }));
    expect(got.Item?.value).toBe(1);
  });
});

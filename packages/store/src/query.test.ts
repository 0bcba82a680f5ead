import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { freshTable } from '../../../test/support/db.js';
import type { Db } from './client.js';
import { queryAll, queryItems } from './query.js';

/** The SDK's paginator behind queryItems and queryAll: every page followed, and no more read than asked. */
let db: Db;
const pk = 'ORG#sch_pages';

beforeAll(async () => {
  db = await freshTable();
  for (let i = 0; i < 7; i++) {
    await db.doc.send(new PutCommand({ TableName: db.tableName, Item: { pk, sk: `ITEM#${i}`, type: 'thing', n: i } }));
  }
  await db.doc.send(new PutCommand({ TableName: db.tableName, Item: { pk, sk: 'OTHER#1', type: 'other' } }));
});

describe('queryItems', () => {
  it('follows LastEvaluatedKey across pages (Limit 2 over 8 items is 5 requests) and returns every item in order', async () => {
    const send = vi.spyOn(db.doc, 'send');
    const items: Record<string, unknown>[] = [];
    for await (const item of queryItems(db, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, Limit: 2, ConsistentRead: true })) items.push(item);
    expect(items.map((item) => item.sk)).toEqual(['ITEM#0', 'ITEM#1', 'ITEM#2', 'ITEM#3', 'ITEM#4', 'ITEM#5', 'ITEM#6', 'OTHER#1']);
    expect(send).toHaveBeenCalledTimes(5);
    send.mockRestore();
  });

  it('reads no further page once the caller stops', async () => {
    const send = vi.spyOn(db.doc, 'send');
    for await (const item of queryItems(db, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, Limit: 2 })) {
      expect(item.sk).toBe('ITEM#0');
      break;
    }
    expect(send).toHaveBeenCalledTimes(1);
    send.mockRestore();
  });
});

describe('queryAll', () => {
  it('returns every item under a sort-key prefix with the key attributes stripped', async () => {
    const things = await queryAll<{ n: number }>(db, { pk, skPrefix: 'ITEM#' });
    expect(things).toEqual([0, 1, 2, 3, 4, 5, 6].map((n) => ({ n })));
  });
});

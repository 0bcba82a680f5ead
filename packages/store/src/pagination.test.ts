import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { freshTable } from '../../../test/support/db.js';
import type { Db } from './client.js';
import { keys } from './keys.js';
import { getOrganisations } from './organisations.js';
import { queryAll, queryItems } from './query.js';

/** The SDK's paginators behind queryItems, queryAll and getOrganisations: every page followed, and no more read than asked. */
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

describe('getOrganisations', () => {
  it('reads more than one BatchGet of 100 keys, skips ids that do not exist and reads each id once', async () => {
    const ids = Array.from({ length: 130 }, (_, i) => `org_batch_${i}`);
    for (const id of ids) await db.doc.send(new PutCommand({ TableName: db.tableName, Item: { ...keys.organisation(id), type: 'organisation', id, name: id } }));
    const send = vi.spyOn(db.doc, 'send');
    const found = await getOrganisations(db, [...ids, 'org_missing', ids[0]!]);
    const asked = send.mock.calls.map(([command]) => (command.input as { RequestItems: Record<string, { Keys: unknown[] }> }).RequestItems[db.tableName]!.Keys.length);
    send.mockRestore();
    expect(asked.reduce((a, b) => a + b, 0)).toBe(131);
    expect(found.size).toBe(130);
    expect(found.get('org_batch_129')).toEqual({ id: 'org_batch_129', name: 'org_batch_129' });
    expect(found.has('org_missing')).toBe(false);
  });
});

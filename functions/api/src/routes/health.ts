import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { Hono } from 'hono';
import { deps, type AppEnv } from '../context.js';

export const health = new Hono<AppEnv>().get('/health', async (c) => {
  const { db } = deps(c);
  try {
    const table = await db.doc.send(new DescribeTableCommand({ TableName: db.tableName }));
    return c.json({ status: 'ok', table: { name: db.tableName, status: table.Table?.TableStatus ?? 'UNKNOWN' } });
  } catch (error) {
    return c.json({ status: 'unavailable', table: { name: db.tableName, error: (error as Error).name } }, 503);
  }
});

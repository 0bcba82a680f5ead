/**
 * `npx tsx scripts/bench/backfill.ts [--copies N] [--concurrency N]`: a rehearsal of `npm run backfill` on this
 * machine. Seeds the demo world into a throwaway DynamoDB Local, adds N old-layout copies of each
 * school's bookings and recorded encounters (as a table written before the last changes holds
 * them: `ENCOUNTER#<cohort>#<bookingId>`, no summaries, no `RECOPEN#`, no gsi3 booking keys,
 * unsharded gsi2), then runs the backfill three times (dry run, run, run again) and prints the
 * counts and the time each took.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { jwtVerifier } from '@schoolgate/api';
import { freePort, startCognitoLocal, startDynamoDbLocal } from '@schoolgate/local';
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createDb, ensureTable, keys, type Db } from '@schoolgate/store';
import { backfillTable, summaryLine } from '@schoolgate/store/backfill';
import { seedDemoData } from '../demo-data.js';

async function query(db: Db, input: { IndexName?: string; KeyConditionExpression: string; ExpressionAttributeValues: Record<string, unknown> }) {
  const items: Array<Record<string, unknown>> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(new QueryCommand({ TableName: db.tableName, ...input, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
async function putAll(db: Db, items: Array<Record<string, unknown>>) {
  for (let i = 0; i < items.length; i += 25) {
    let request: Record<string, unknown> | undefined = { [db.tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) };
    while (request && Object.keys(request).length) request = (await db.doc.send(new BatchWriteCommand({ RequestItems: request as never }))).UnprocessedItems;
  }
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { values } = parseArgs({ options: { copies: { type: 'string', default: '100' }, concurrency: { type: 'string', default: '4' } } });
const copies = Number(values.copies);
const cognitoDir = mkdtempSync(join(tmpdir(), 'backfill-rehearsal-'));
const dynamo = await startDynamoDbLocal({ port: await freePort() });
const cognito = await startCognitoLocal({ port: await freePort(), dataDir: cognitoDir });
try {
  const db = createDb({ tableName: 'rehearsal', endpoint: dynamo.endpoint });
  await ensureTable(db);
  await seedDemoData({ db, verifier: jwtVerifier({ issuer: cognito.issuer, audience: cognito.clientId }), cognito });
  const schoolIds = (await query(db, { IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.organisationIndex('school', '').gsi1pk } })).map((item) => String(item.gsi1sk));
  let added = 0;
  for (const schoolId of schoolIds) {
    const items = await query(db, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.organisation(schoolId).pk } });
    const old: Array<Record<string, unknown>> = [];
    for (let copy = 0; copy < copies; copy++) {
      const id = (original: unknown) => `${String(original)}-old${copy}`;
      for (const item of items) {
        const sk = String(item.sk);
        if (sk.startsWith(keys.bookingsPrefix)) {
          const { gsi3pk: _pk, gsi3sk: _sk, ...booking } = item;
          old.push({ ...booking, sk: `BOOKING#${id(item.id)}`, id: id(item.id), gsi1sk: `${item.date}#${id(item.id)}`, gsi2pk: `BOOKINGDATE#${item.date}`, gsi2sk: id(item.id) });
        } else if (sk.startsWith('ENCOUNTER#')) {
          old.push({ ...item, sk: `ENCOUNTER#${item.cohort}#${id(item.id)}`, id: id(item.id) });
        } else if (sk.startsWith(keys.recordedEncountersPrefix)) {
          old.push({ ...item, sk: `RECORDED#${id(item.id)}`, id: id(item.id) });
        }
      }
    }
    await putAll(db, old);
    added += old.length;
  }
  console.log(`demo world + ${added} old-layout items (${copies} copies of each school's bookings, encounters and records)`);
  for (const [label, dryRun] of [['dry run', true], ['run', false], ['run again', false]] as const) {
    const started = performance.now();
    const report = await backfillTable(db, { dryRun, concurrency: Number(values.concurrency) });
    console.log(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s; ${summaryLine(report)}`);
  }
} finally {
  await cognito.stop();
  await dynamo.stop();
  rmSync(cognitoDir, { recursive: true, force: true });
}

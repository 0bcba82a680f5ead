import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { freePort } from '@schoolgate/local';
import { outboxItem, type Db } from '@schoolgate/store';
import { ESM_REQUIRE_BANNER } from '../../../infra/src/function.js';
import { freshTable } from '../../../test/support/db.js';
import { readLocalMail, startLocalSes } from './local-ses.js';
import { bookingEvent, bookingSnapshot, icsAttachment, parseInvite, streamEventFor } from './test-support/fixtures.js';

// The Lambda runs an esbuild bundle, not these sources: a dependency that reads files next to
// itself at run time, or calls require() from ESM, works under tsx and fails only there.
describe('the bundled stream Lambda', () => {
  let outdir: string;
  let db: Db;
  let ses: Awaited<ReturnType<typeof startLocalSes>>;
  let handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

  beforeAll(async () => {
    outdir = await mkdtemp(join(tmpdir(), 'notify-bundle-'));
    // The options infra/src/function.ts gives NodejsFunction (ESM, require banner, module-first).
    await build({
      entryPoints: [fileURLToPath(new URL('./stream-lambda.ts', import.meta.url))],
      outfile: join(outdir, 'index.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      mainFields: ['module', 'main'],
      banner: { js: ESM_REQUIRE_BANNER },
      logLevel: 'error',
    });
    db = await freshTable();
    ses = await startLocalSes({ port: await freePort() });
    Object.assign(process.env, {
      TABLE_NAME: db.tableName,
      DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
      SES_ENDPOINT: ses.endpoint,
      SES_FROM_ADDRESS: 'notifications@schoolgate.example',
      WEB_BASE_URL: 'https://app.schoolgate.example',
    });
    ({ handler } = (await import(pathToFileURL(join(outdir, 'index.mjs')).href)) as { handler: typeof handler });
  }, 60_000);
  afterAll(async () => {
    await ses?.stop();
    if (outdir) await rm(outdir, { recursive: true, force: true });
  });

  it('sends a confirmation with a parseable invite', async () => {
    const booking = bookingSnapshot({ date: '2026-06-16' });
    const event = bookingEvent('booking.confirmed', booking);
    await db.doc.send(new PutCommand({ TableName: db.tableName, Item: outboxItem(event) }));

    expect(await handler(streamEventFor(event))).toEqual({ batchItemFailures: [] });
    const [email] = (await readLocalMail(ses.endpoint)).filter((e) => e.destination.to.some((to) => to.includes(booking.requester.contactEmail)));
    const invite = parseInvite(icsAttachment(email!));
    expect(invite.uid).toBe(`booking-${booking.bookingId}@schoolgate`);
    expect(invite.startUtc).toBe('2026-06-16T08:00:00.000Z');
  });
});

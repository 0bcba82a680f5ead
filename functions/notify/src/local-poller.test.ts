import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { freePort } from '@schoolgate/local';
import { outboxItem, type Db } from '@schoolgate/store';
import { freshTable } from '../../../test/support/db.js';
import { readLocalMail, startLocalSes, type LocalSentEmail } from './local-ses.js';
import { startLocalStreamPoller, type LocalStreamPoller } from './local-poller.js';
import { bookingEvent, bookingSnapshot, icsAttachment, parseInvite } from './test-support/fixtures.js';

let db: Db;
let ses: Awaited<ReturnType<typeof startLocalSes>>;
let poller: LocalStreamPoller;

beforeAll(async () => {
  db = await freshTable();
  ses = await startLocalSes({ port: await freePort() });
  poller = startLocalStreamPoller({
    db,
    streamsEndpoint: inject('dynamoEndpoint'),
    sesEndpoint: ses.endpoint,
    fromAddress: 'notifications@schoolgate.example',
    webBaseUrl: 'http://localhost:5173',
    pollMs: 100,
  });
  await poller.ready;
});
afterAll(async () => {
  await poller?.stop();
  await ses?.stop();
});

async function waitForMail(address: string, count: number, timeoutMs = 10_000): Promise<LocalSentEmail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mail = (await readLocalMail(ses.endpoint)).filter((email) => email.destination.to.some((to) => to.includes(address)));
    if (mail.length >= count || Date.now() > deadline) return mail;
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
}

describe('local stream poller (DynamoDB Local stream → same handler → aws-ses-v2-local)', () => {
  it('sends the confirmation with its invite when the API writes an outbox item', async () => {
    const booking = bookingSnapshot({ date: '2026-10-06', start: '13:15', end: '14:00' });
    // Another item in the same write burst: the poller must pass over it.
    await db.doc.send(new PutCommand({ TableName: db.tableName, Item: { pk: 'ORG#x', sk: 'PROFILE', type: 'organisation' } }));
    await db.doc.send(new PutCommand({ TableName: db.tableName, Item: outboxItem(bookingEvent('booking.confirmed', booking)) }));

    const [email, ...more] = await waitForMail(booking.requester.contactEmail, 1);
    expect(more).toHaveLength(0);
    expect(email?.body.text).toContain(`http://localhost:5173/organisations/${booking.requester.orgId}/bookings/${booking.school.orgId}/${booking.bookingId}`);
    const invite = parseInvite(icsAttachment(email!));
    expect(invite.uid).toBe(`booking-${booking.bookingId}@schoolgate`);
    expect(invite.startLocal).toBe('2026-10-06T13:15:00');
    expect(invite.startUtc).toBe('2026-10-06T12:15:00.000Z');
  });

  it('does not send again when the handler marks the outbox item (a MODIFY, not an INSERT)', async () => {
    const booking = bookingSnapshot({ status: 'requested' });
    await db.doc.send(new PutCommand({ TableName: db.tableName, Item: outboxItem(bookingEvent('booking.requested', booking)) }));
    await waitForMail(booking.school.contactEmail, 1);
    // Give the poller time to see the delivery markers' MODIFY records.
    await new Promise((resolveWait) => setTimeout(resolveWait, 600));
    expect(await waitForMail(booking.school.contactEmail, 2, 300)).toHaveLength(1);
  });
});

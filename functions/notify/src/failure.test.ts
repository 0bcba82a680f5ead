import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { MessageRejected, SendEmailCommand, SendRawEmailCommand, SESServiceException } from '@aws-sdk/client-ses';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys, outboxItem, type BookingSnapshot, type Db, type OutboxEvent } from '@schoolgate/store';
import { freshTable } from '../../../test/support/db.js';
import { createSes, type NotifyDeps } from './deps.js';
import { listDeliveryFailures, resendFailedDelivery } from './index.js';
import { handleStreamEvent } from './stream.js';
import { bookingEvent, bookingSnapshot, streamEventFor } from './test-support/fixtures.js';

let db: Db;
let deps: NotifyDeps;
const ses = createSes({ endpoint: 'http://127.0.0.1:9' });
const sesMock = mockClient(ses);

beforeAll(async () => {
  db = await freshTable();
  deps = { db, ses, fromAddress: 'notifications@schoolgate.example', webBaseUrl: 'https://app.schoolgate.example', retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 } };
});
afterEach(() => {
  sesMock.reset();
});

const throttled = () => new SESServiceException({ name: 'Throttling', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: 'Maximum sending rate exceeded.' });

/** The API's transaction: the booking becomes confirmed and the outbox event is written with it. */
async function confirmBooking(event: OutboxEvent, booking: BookingSnapshot) {
  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: { ...keys.booking(booking.school.orgId, booking.bookingId), type: 'booking', status: 'confirmed', snapshot: booking },
    }),
  );
  await db.doc.send(new PutCommand({ TableName: db.tableName, Item: outboxItem(event) }));
}

describe('when SES fails', () => {
  it('retries, records the failure for the school that confirmed, leaves the booking confirmed and does not fail the batch', async () => {
    sesMock.on(SendRawEmailCommand).rejects(throttled());
    const booking = bookingSnapshot();
    const event = bookingEvent('booking.confirmed', booking);
    await confirmBooking(event, booking);

    const result = await handleStreamEvent(deps, streamEventFor(event));

    expect(result.batchItemFailures).toEqual([]);
    // Three tries for each side's invite: the requester's confirmation and the school's own copy.
    expect(sesMock).toHaveReceivedCommandTimes(SendRawEmailCommand, 6);
    const stored = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.booking(booking.school.orgId, booking.bookingId), ConsistentRead: true }));
    expect(stored.Item?.status).toBe('confirmed');

    const all = await listDeliveryFailures(db, booking.school.orgId);
    expect(all.map((f) => f.messageKind).sort()).toEqual(['booking-confirmed', 'school-booking-confirmed']);
    const failures = all.filter((f) => f.recipient === booking.requester.contactEmail);
    expect(failures[0]).toMatchObject({
      orgId: booking.school.orgId,
      eventId: event.eventId,
      recipient: booking.requester.contactEmail,
      recipientOrgId: booking.requester.orgId,
      eventKind: 'booking.confirmed',
      messageKind: 'booking-confirmed',
      bookingId: booking.bookingId,
      errorName: 'Throttling',
      error: 'Maximum sending rate exceeded.',
      attempts: 3,
      status: 'failed',
    });
    expect(failures[0]?.summary).toBe('Booking confirmation for Assembly at Hartfield Academy, Tuesday 3 March 2026, 09:00–09:30');
    // The requester's own list is not where the school looks.
    expect(await listDeliveryFailures(db, booking.requester.orgId)).toEqual([]);

    // A redelivery of the record does not hammer SES again: the failure is recorded, a person resends.
    sesMock.resetHistory();
    await handleStreamEvent(deps, streamEventFor(event));
    expect(sesMock).toHaveReceivedCommandTimes(SendRawEmailCommand, 0);
  });

  it('sends after transient failures without recording anything', async () => {
    sesMock.on(SendEmailCommand).rejectsOnce(throttled()).rejectsOnce(throttled()).resolves({ MessageId: 'm-1' });
    const booking = bookingSnapshot({ status: 'requested' });
    const event = bookingEvent('booking.requested', booking);
    await db.doc.send(new PutCommand({ TableName: db.tableName, Item: outboxItem(event) }));

    expect((await handleStreamEvent(deps, streamEventFor(event))).batchItemFailures).toEqual([]);
    expect(sesMock).toHaveReceivedCommandTimes(SendEmailCommand, 3);
    expect(await listDeliveryFailures(db, booking.requester.orgId)).toEqual([]);
  });

  it('does not retry a permanent rejection, and records it against the provider whose request caused it', async () => {
    sesMock.on(SendEmailCommand).rejects(new MessageRejected({ $metadata: { httpStatusCode: 400 }, message: 'Email address is not verified.' }));
    const booking = bookingSnapshot({ status: 'requested' });
    const event = bookingEvent('booking.requested', booking);
    await db.doc.send(new PutCommand({ TableName: db.tableName, Item: outboxItem(event) }));

    await handleStreamEvent(deps, streamEventFor(event));
    expect(sesMock).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    const [failure] = await listDeliveryFailures(db, booking.requester.orgId);
    expect(failure).toMatchObject({ recipient: booking.school.contactEmail, errorName: 'MessageRejected', attempts: 1, status: 'failed' });
  });

  it('resends a recorded failure and marks it resent', async () => {
    sesMock.on(SendRawEmailCommand).rejects(throttled());
    const booking = bookingSnapshot({ status: 'cancelled', actorSide: 'school', reason: 'Exams moved.', icsSequence: 1 });
    const event = bookingEvent('booking.cancelled', booking);
    await db.doc.send(new PutCommand({ TableName: db.tableName, Item: outboxItem(event) }));
    await handleStreamEvent(deps, streamEventFor(event));

    sesMock.reset();
    sesMock.on(SendRawEmailCommand).resolves({ MessageId: 'm-2' });
    const outcome = await resendFailedDelivery(deps, { orgId: booking.school.orgId, eventId: event.eventId, recipient: booking.requester.contactEmail });

    expect(outcome.status).toBe('sent');
    expect(sesMock).toHaveReceivedCommandTimes(SendRawEmailCommand, 1);
    const raw = Buffer.from(sesMock.commandCalls(SendRawEmailCommand)[0]!.args[0].input.RawMessage!.Data!).toString('utf8');
    expect(raw).toContain('method=CANCEL');
    const failure = (await listDeliveryFailures(db, booking.school.orgId)).find((f) => f.recipient === booking.requester.contactEmail);
    expect(failure?.status).toBe('resent');
  });
});

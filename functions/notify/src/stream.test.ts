import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { freePort } from '@schoolgate/local';
import { outboxItem, type Db, type OutboxEvent } from '@schoolgate/store';
import { freshTable } from '../../../test/support/db.js';
import { createSes, type NotifyDeps } from './deps.js';
import { readLocalMail, startLocalSes, type LocalSentEmail } from './local-ses.js';
import { handleStreamEvent } from './stream.js';
import { bookingEvent, bookingSnapshot, icsAttachment, parseInvite, streamEventFor } from './test-support/fixtures.js';

let db: Db;
let ses: Awaited<ReturnType<typeof startLocalSes>>;
let deps: NotifyDeps;

beforeAll(async () => {
  db = await freshTable();
  ses = await startLocalSes({ port: await freePort() });
  deps = {
    db,
    ses: createSes({ endpoint: ses.endpoint }),
    fromAddress: 'Schoolgate <notifications@schoolgate.example>',
    webBaseUrl: 'https://app.schoolgate.example',
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
  };
});
afterAll(async () => {
  await ses?.stop();
});

/** What the API does: put the outbox item (in its transaction); then what the stream does. */
async function publish(...events: OutboxEvent[]) {
  for (const event of events) await db.doc.send(new PutCommand({ TableName: db.tableName, Item: outboxItem(event) }));
  return handleStreamEvent(deps, streamEventFor(...events));
}

async function mailTo(address: string): Promise<LocalSentEmail[]> {
  return (await readLocalMail(ses.endpoint)).filter((email) => email.destination.to.some((to) => to.includes(address)));
}

describe('stream handler with aws-ses-v2-local', () => {
  it('sends the provider a confirmation whose invite parses back to the booking (winter, GMT)', async () => {
    const booking = bookingSnapshot({ date: '2026-03-03', start: '09:00', end: '09:30' });
    const result = await publish(bookingEvent('booking.confirmed', booking));
    expect(result.batchItemFailures).toEqual([]);

    const [email, ...more] = await mailTo(booking.requester.contactEmail);
    expect(more).toHaveLength(0);
    expect(email?.subject).toBe('Confirmed: Assembly at Hartfield Academy on 3 March 2026');
    expect(email?.body.text).toContain('Confirmed: your Assembly at Hartfield Academy on Tuesday 3 March 2026, 09:00–09:30.');
    expect(email?.body.text).toContain(`https://app.schoolgate.example/organisations/${booking.requester.orgId}/bookings/${booking.school.orgId}/${booking.bookingId}`);

    const ics = icsAttachment(email!);
    expect(ics).toMatch(/^DTSTAMP:\d{8}T\d{6}Z\r?$/m);
    expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/London');
    const invite = parseInvite(ics);
    expect(invite.method).toBe('REQUEST');
    expect(invite.uid).toBe(`booking-${booking.bookingId}@schoolgate`);
    expect(invite.sequence).toBe(0);
    expect(invite.startZone).toBe('Europe/London');
    expect(invite.startLocal).toBe('2026-03-03T09:00:00');
    expect(invite.endLocal).toBe('2026-03-03T09:30:00');
    expect(invite.startUtc).toBe('2026-03-03T09:00:00.000Z');
    expect(invite.location).toBe('Main Hall, 1 School Lane, Hartfield, HF1 2AB');
    expect(invite.organizer.toLowerCase()).toBe(`mailto:${booking.school.contactEmail}`);
    expect(invite.attendees.map((a) => a.toLowerCase())).toEqual([`mailto:${booking.requester.contactEmail}`]);
  });

  it('puts a summer booking at 09:00 British Summer Time (08:00 UTC)', async () => {
    const booking = bookingSnapshot({ date: '2026-06-16', start: '09:00', end: '10:00' });
    await publish(bookingEvent('booking.confirmed', booking));
    const [email] = await mailTo(booking.requester.contactEmail);
    const invite = parseInvite(icsAttachment(email!));
    expect(invite.startLocal).toBe('2026-06-16T09:00:00');
    expect(invite.startUtc).toBe('2026-06-16T08:00:00.000Z');
    expect(invite.endUtc).toBe('2026-06-16T09:00:00.000Z');
  });

  it('sends a change with the same UID and a higher SEQUENCE', async () => {
    const booking = bookingSnapshot();
    await publish(bookingEvent('booking.confirmed', booking));
    const moved = { ...booking, start: '10:00', end: '10:30', venueName: 'Sports Hall', icsSequence: 1 };
    await publish(bookingEvent('booking.confirmed', moved));

    const invites = (await mailTo(booking.requester.contactEmail)).map((email) => parseInvite(icsAttachment(email)));
    expect(invites).toHaveLength(2);
    const [first, second] = invites;
    expect(second?.uid).toBe(first?.uid);
    expect(second!.sequence).toBeGreaterThan(first!.sequence);
    expect(second?.startLocal).toBe('2026-03-03T10:00:00');
    expect(second?.location).toBe('Sports Hall, 1 School Lane, Hartfield, HF1 2AB');
  });

  it('cancels with METHOD:CANCEL and the same UID when the school cancels', async () => {
    const booking = bookingSnapshot();
    await publish(bookingEvent('booking.confirmed', booking));
    const cancelled = { ...booking, status: 'cancelled', icsSequence: 1, actorSide: 'school' as const, reason: 'The hall is flooded.' };
    await publish(bookingEvent('booking.cancelled', cancelled));

    const emails = await mailTo(booking.requester.contactEmail);
    expect(emails).toHaveLength(2);
    const cancellation = emails[1]!;
    expect(cancellation.subject).toBe('Cancelled by the school: Assembly at Hartfield Academy on 3 March 2026');
    expect(cancellation.body.text).toContain('The hall is flooded.');
    const invite = parseInvite(icsAttachment(cancellation));
    expect(invite.method).toBe('CANCEL');
    expect(invite.status).toBe('CANCELLED');
    expect(invite.uid).toBe(`booking-${booking.bookingId}@schoolgate`);
    expect(invite.sequence).toBe(1);
  });

  it('sends the school the same invite on confirmation, and the calendar cancellation when it cancels', async () => {
    const booking = bookingSnapshot({ date: '2026-03-10' });
    await publish(bookingEvent('booking.confirmed', booking));
    await publish(bookingEvent('booking.cancelled', { ...booking, status: 'cancelled', icsSequence: 1, actorSide: 'school' as const, reason: 'Exams moved.' }));
    const toSchool = await mailTo(booking.school.contactEmail);
    expect(toSchool.map((email) => email.subject)).toEqual(['Confirmed: Assembly with Northgate College on 10 March 2026', 'You cancelled: Assembly with Northgate College on 10 March 2026']);
    const [added, removed] = toSchool.map((email) => parseInvite(icsAttachment(email)));
    const [providers] = (await mailTo(booking.requester.contactEmail)).map((email) => parseInvite(icsAttachment(email)));
    // One event in both calendars: the school's invite has the provider's UID and SEQUENCE.
    expect(added).toMatchObject({ method: 'REQUEST', uid: providers!.uid, sequence: providers!.sequence, startLocal: '2026-03-10T09:00:00' });
    expect(removed).toMatchObject({ method: 'CANCEL', uid: providers!.uid, sequence: 1 });
    expect(toSchool[0]!.body.text).toContain(`https://app.schoolgate.example/schools/${booking.school.orgId}/bookings/${booking.bookingId}`);
  });

  it('tells the school when the provider cancels, and sends the provider the calendar cancellation', async () => {
    const booking = bookingSnapshot({ status: 'cancelled', icsSequence: 2, actorSide: 'requester', reason: 'Our speaker is ill.' });
    await publish(bookingEvent('booking.cancelled', booking));
    const [toSchool] = await mailTo(booking.school.contactEmail);
    expect(toSchool?.subject).toBe('Cancelled by Northgate College: Assembly on 3 March 2026');
    // The school's calendar loses the event too: same UID, METHOD:CANCEL.
    expect(parseInvite(icsAttachment(toSchool!))).toMatchObject({ method: 'CANCEL' });
    expect(toSchool?.body.text).toContain(`https://app.schoolgate.example/schools/${booking.school.orgId}/bookings/${booking.bookingId}`);
    const [toProvider] = await mailTo(booking.requester.contactEmail);
    expect(parseInvite(icsAttachment(toProvider!)).method).toBe('CANCEL');
  });

  it('sends a redelivered record only once', async () => {
    const booking = bookingSnapshot();
    const event = bookingEvent('booking.confirmed', booking);
    await publish(event);
    const again = await handleStreamEvent(deps, streamEventFor(event));
    expect(again.batchItemFailures).toEqual([]);
    expect(await mailTo(booking.requester.contactEmail)).toHaveLength(1);
  });

  it('tells the school about a new request and a withdrawal, and the provider about a decline', async () => {
    const booking = bookingSnapshot({ status: 'requested', note: 'We can bring a robot arm.' });
    await publish(bookingEvent('booking.requested', booking));
    await publish(bookingEvent('booking.withdrawn', { ...booking, status: 'withdrawn', reason: 'Clash with open day.' }));
    await publish(bookingEvent('booking.declined', { ...booking, status: 'declined', declineGround: 'The slot is full.', note: 'Try the June date.' }));
    const toSchool = await mailTo(booking.school.contactEmail);
    expect(toSchool.map((e) => e.subject)).toEqual([
      'New request: Northgate College for Assembly on 3 March 2026',
      'Withdrawn: Northgate College’s request for Assembly on 3 March 2026',
    ]);
    const [declined] = await mailTo(booking.requester.contactEmail);
    expect(declined?.subject).toBe('Declined: Assembly at Hartfield Academy on 3 March 2026');
    expect(declined?.body.text).toContain('- Reason: The slot is full.');
    expect(declined?.body.text).toContain('- Note from the school: Try the June date.');
    expect(declined?.attachments).toHaveLength(0);
  });

  it('ignores stream records that are not outbox inserts', async () => {
    const result = await handleStreamEvent(deps, {
      Records: [{ eventName: 'MODIFY', dynamodb: { NewImage: { type: { S: 'outbox' } }, SequenceNumber: '1' } }],
    });
    expect(result.batchItemFailures).toEqual([]);
  });
});

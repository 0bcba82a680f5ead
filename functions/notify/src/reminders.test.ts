import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { freePort } from '@schoolgate/local';
import { keys, outboxItem, type BookingSnapshot, type Db } from '@schoolgate/store';
import { freshTable } from '../../../test/support/db.js';
import { createSes, type NotifyDeps } from './deps.js';
import { readLocalMail, startLocalSes, type LocalSentEmail } from './local-ses.js';
import { runReminders } from './reminders.js';
import { handleStreamEvent } from './stream.js';
import { bookingEvent, bookingSnapshot, streamEventFor } from './test-support/fixtures.js';

let db: Db;
let ses: Awaited<ReturnType<typeof startLocalSes>>;
let deps: NotifyDeps;

// 07:00 UK time on Tuesday 10 March 2026, when the daily schedule runs.
const now = new Date('2026-03-10T07:00:00Z');

beforeAll(async () => {
  db = await freshTable();
  ses = await startLocalSes({ port: await freePort() });
  deps = { db, ses: createSes({ endpoint: ses.endpoint }), fromAddress: 'notifications@schoolgate.example', webBaseUrl: 'https://app.schoolgate.example' };
});
afterAll(async () => {
  await ses?.stop();
});

/** A booking item as the API keeps it: status on the item, current snapshot, by-date index keys. */
async function putBooking(snapshot: BookingSnapshot, status = snapshot.status) {
  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: {
        ...keys.booking(snapshot.school.orgId, snapshot.bookingId),
        ...keys.bookingByDate(snapshot.date, snapshot.bookingId),
        type: 'booking',
        status,
        date: snapshot.date,
        start: snapshot.start,
        end: snapshot.end,
        schoolId: snapshot.school.orgId,
        requesterOrgId: snapshot.requester.orgId,
        snapshot: { ...snapshot, status },
      },
    }),
  );
}

async function mailTo(address: string): Promise<LocalSentEmail[]> {
  return (await readLocalMail(ses.endpoint)).filter((email) => email.destination.to.some((to) => to.includes(address)));
}

describe('daily reminders', () => {
  it('sends one reminder 7 days ahead to a provider that asked for [7], and none on a re-run', async () => {
    const booking = bookingSnapshot({ date: '2026-03-17' });
    booking.requester.reminderDaysBefore = [7];
    booking.school.reminderDaysBefore = [1];
    await putBooking(booking);

    await runReminders(deps, now);
    const reminders = await mailTo(booking.requester.contactEmail);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.subject).toBe('Reminder: Assembly at Hartfield Academy on 17 March 2026');
    expect(reminders[0]?.body.text).toContain('Reminder: your Assembly at Hartfield Academy is in 7 days, on Tuesday 17 March 2026, 09:00–09:30.');
    expect(reminders[0]?.body.text).toContain('You can switch reminders off');
    // The school asked for 1 day before, not 7.
    expect(await mailTo(booking.school.contactEmail)).toHaveLength(0);

    await runReminders(deps, now);
    expect(await mailTo(booking.requester.contactEmail)).toHaveLength(1);
  });

  it('sends the school its reminder on its own day', async () => {
    const booking = bookingSnapshot({ date: '2026-03-11' });
    booking.school.reminderDaysBefore = [1];
    booking.requester.reminderDaysBefore = [7];
    await putBooking(booking);
    await runReminders(deps, now);
    const [reminder] = await mailTo(booking.school.contactEmail);
    expect(reminder?.body.text).toContain('Reminder: Northgate College comes to Hartfield Academy for Assembly tomorrow, on Wednesday 11 March 2026, 09:00–09:30.');
    expect(reminder?.body.text).toContain(`https://app.schoolgate.example/schools/${booking.school.orgId}/bookings/${booking.bookingId}`);
  });

  it('sends no reminder to an organisation that switched them off, but still sends its confirmation', async () => {
    const booking = bookingSnapshot({ date: '2026-03-17' });
    booking.requester.reminderDaysBefore = [];
    booking.school.reminderDaysBefore = [];
    const confirmed = bookingEvent('booking.confirmed', booking);
    await db.doc.send(new PutCommand({ TableName: db.tableName, Item: outboxItem(confirmed) }));
    await handleStreamEvent(deps, streamEventFor(confirmed));
    await putBooking(booking);

    await runReminders(deps, now);
    const mail = await mailTo(booking.requester.contactEmail);
    expect(mail.map((email) => email.subject)).toEqual(['Confirmed: Assembly at Hartfield Academy on 17 March 2026']);
    // The school gets its own confirmation (with the invite), and no reminder.
    expect((await mailTo(booking.school.contactEmail)).map((email) => email.subject)).toEqual(['Confirmed: Assembly with Northgate College on 17 March 2026']);
  });

  it('does not remind about a booking that is no longer confirmed', async () => {
    const booking = bookingSnapshot({ date: '2026-03-17' });
    await putBooking(booking, 'cancelled');
    await runReminders(deps, now);
    expect(await mailTo(booking.requester.contactEmail)).toHaveLength(0);
  });

  it('asks the school once to record attendance for a past booking still only confirmed', async () => {
    const pending = bookingSnapshot({ date: '2026-03-09' });
    const recorded = bookingSnapshot({ date: '2026-03-09' });
    await putBooking(pending);
    await putBooking(recorded, 'delivered');

    await runReminders(deps, now);
    await runReminders(deps, now);
    const prompts = await mailTo(pending.school.contactEmail);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]?.subject).toBe('Record attendance: Assembly with Northgate College on 9 March 2026');
    expect(prompts[0]?.body.text).toContain(`https://app.schoolgate.example/schools/${pending.school.orgId}/bookings/${pending.bookingId}`);
    expect(await mailTo(recorded.school.contactEmail)).toHaveLength(0);
    // The provider is not asked: the school records attendance.
    expect(await mailTo(pending.requester.contactEmail)).toHaveLength(0);
  });
});

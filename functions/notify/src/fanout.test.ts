import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { INSURANCE_REMINDER_DAYS } from '@schoolgate/domain';
import { computeCompliance, type Encounter, type SchoolFacts } from '@schoolgate/domain';
import { freePort } from '@schoolgate/local';
import { BOOKING_DATE_SHARDS, bookingDateShard, keys, putSafetyPack, type BookingSnapshot, type Db } from '@schoolgate/store';
import { freshTable } from '../../../test/support/db.js';
import { createSes, type NotifyDeps } from './deps.js';
import { dispatchDailySweep, handleSweepBatch, inProcessTaskQueue, sqsTaskQueue, type SweepTask } from './fanout.js';
import { readLocalMail, startLocalSes } from './local-ses.js';
import { ATTENDANCE_LOOKBACK_DAYS, MAX_REMINDER_DAYS } from './reminders.js';
import type { SchoolComplianceLoader } from './risk.js';
import { bookingSnapshot } from './test-support/fixtures.js';

const at = '2027-01-20T07:00:00.000Z';
const task = (i: number): SweepTask => ({ kind: 'risk', at, schoolId: `sch_${i}` });

describe('sending sweep tasks to SQS', () => {
  const sqs = mockClient(SQSClient);
  beforeEach(() => sqs.reset());

  it('sends ten to a SendMessageBatch and resends only the entries SQS refused', async () => {
    let first = true;
    sqs.on(SendMessageBatchCommand).callsFake((input: { Entries: Array<{ Id: string }> }) => {
      if (first && input.Entries.length === 10) {
        first = false;
        return { Successful: input.Entries.slice(1).map((e) => ({ Id: e.Id, MessageId: e.Id, MD5OfMessageBody: '' })), Failed: [{ Id: input.Entries[0]!.Id, SenderFault: false, Code: 'InternalError' }] };
      }
      return { Successful: input.Entries.map((e) => ({ Id: e.Id, MessageId: e.Id, MD5OfMessageBody: '' })), Failed: [] };
    });
    await sqsTaskQueue(new SQSClient({ region: 'eu-west-2' }), 'https://sqs.local/q').send(Array.from({ length: 25 }, (_, i) => task(i)));
    const calls = sqs.commandCalls(SendMessageBatchCommand).map((call) => call.args[0].input.Entries!.length);
    expect(calls.slice(0, 3).sort()).toEqual([10, 10, 5]);
    // The one refused entry went again, alone.
    expect(calls.slice(3)).toEqual([1]);
    const sent = sqs.commandCalls(SendMessageBatchCommand).flatMap((call) => call.args[0].input.Entries!.map((e) => JSON.parse(e.MessageBody!) as SweepTask));
    expect(new Set(sent.map((t) => (t.kind === 'risk' ? t.schoolId : ''))).size).toBe(25);
  });

  it('throws when SQS refuses an entry twice, so the scheduler retries the dispatch', async () => {
    sqs.on(SendMessageBatchCommand).callsFake((input: { Entries: Array<{ Id: string }> }) => ({
      Successful: [],
      Failed: input.Entries.map((e) => ({ Id: e.Id, SenderFault: false, Code: 'InternalError' })),
    }));
    await expect(sqsTaskQueue(new SQSClient({ region: 'eu-west-2' }), 'https://sqs.local/q').send([task(1)])).rejects.toThrow(/refused 1/);
  });
});

// An 11–16 school whose Year 9 has one provider six weeks before phase 1 closes: AT_RISK.
const facts: SchoolFacts = { id: 'x', name: 'x', yearGroupsTaught: { from: 7, to: 11 }, roll: {}, calendar: { terms: [], closures: [], days: {} } };
const atRisk: Encounter[] = [{ id: 'e1', providerId: 'college', date: '2026-01-13', start: '10:00', end: '11:00', yearGroups: [8], designation: 'statutory', status: 'delivered' }];

describe('the daily fan-out, run through the in-process queue with the SQS event shape', () => {
  let db: Db;
  let ses: Awaited<ReturnType<typeof startLocalSes>>;
  let deps: NotifyDeps;

  beforeAll(async () => {
    db = await freshTable();
    ses = await startLocalSes({ port: await freePort() });
    deps = { db, ses: createSes({ endpoint: ses.endpoint }), fromAddress: 'notifications@schoolgate.example', webBaseUrl: 'https://app.schoolgate.example', retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } };
  });
  afterAll(async () => {
    await ses?.stop();
  });

  it('checks every school and every (date, shard) once; a school whose check throws is retried alone and parked after three tries', async () => {
    for (let i = 0; i < 25; i++) {
      await db.doc.send(new PutCommand({ TableName: db.tableName, Item: { ...keys.organisation(`sch_fan${i}`), ...keys.organisationIndex('school', `sch_fan${i}`), type: 'organisation' } }));
    }
    const booking: BookingSnapshot = bookingSnapshot({ date: '2027-01-27' });
    booking.requester.reminderDaysBefore = [7];
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...keys.booking(booking.school.orgId, booking.bookingId), ...keys.bookingByDate(booking.date, booking.bookingId), type: 'booking', status: 'confirmed', snapshot: booking },
      }),
    );

    const loads = new Map<string, number>();
    const load: SchoolComplianceLoader = async (schoolId, asOf) => {
      loads.set(schoolId, (loads.get(schoolId) ?? 0) + 1);
      if (schoolId === 'sch_fan7') throw new Error('this school is broken today');
      return { schoolId, schoolName: `School ${schoolId}`, contactEmail: `${schoolId}@fan.example`, compliance: computeCompliance(facts, atRisk, asOf) };
    };
    const batches: number[] = [];
    const brokenBatches: number[] = [];
    const queue = inProcessTaskQueue(async (event) => {
      batches.push(event.Records.length);
      if (event.Records.some((r) => r.body.includes('"risk"') && r.body.includes('"sch_fan7"'))) brokenBatches.push(event.Records.length);
      return handleSweepBatch(deps, event, load);
    });
    const summary = await dispatchDailySweep(db, queue, new Date(at));

    expect(summary).toEqual({ reminderTasks: (MAX_REMINDER_DAYS + 1 + ATTENDANCE_LOOKBACK_DAYS) * BOOKING_DATE_SHARDS, riskTasks: 25, policyReviewTasks: 25, insuranceTasks: INSURANCE_REMINDER_DAYS + 1 });
    expect(Math.max(...batches)).toBe(10);
    // Every other school was loaded once; the broken one three times (maxReceiveCount), alone.
    expect([...loads].filter(([id]) => id !== 'sch_fan7').every(([, n]) => n === 1)).toBe(true);
    expect(loads.size).toBe(25);
    expect(loads.get('sch_fan7')).toBe(3);
    expect(queue.deadLetters).toEqual([{ kind: 'risk', at, schoolId: 'sch_fan7' }]);
    // Its two retries went alone.
    expect(brokenBatches.slice(1)).toEqual([1, 1]);

    const mail = await readLocalMail(ses.endpoint);
    expect(mail.filter((m) => m.destination.to.some((to) => to.includes('@fan.example')))).toHaveLength(24);
    // The booking's reminder came from its own shard's task, once.
    expect(mail.filter((m) => m.destination.to.some((to) => to.includes(booking.requester.contactEmail)))).toHaveLength(1);
    expect(bookingDateShard(booking.bookingId)).toBeLessThan(BOOKING_DATE_SHARDS);

    // The next day's run sends nothing twice (alerts and reminders are claimed once).
    await dispatchDailySweep(db, inProcessTaskQueue((event) => handleSweepBatch(deps, event, load)), new Date(at));
    expect((await readLocalMail(ses.endpoint)).length).toBe(mail.length);
  }, 60_000);

  it('sends policy review reminders as one task per school and insurance reminders as one task per expiry date, each once', async () => {
    const run = '2027-06-05T06:00:00.000Z';
    const schoolId = 'sch_fan_review';
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...keys.organisation(schoolId), ...keys.organisationIndex('school', schoolId), type: 'organisation', id: schoolId, kind: 'school', name: 'Kingsmead School', notifications: { contactEmail: 'careers@fan-review.example', reminderDaysBefore: [] } },
      }),
    );
    await db.doc.send(new PutCommand({ TableName: db.tableName, Item: { ...keys.publishedPolicy(schoolId), type: 'published-policy', version: 1, policy: { version: 1, nextReviewOn: '2027-07-01', refusalGrounds: [] } } }));
    const hostId = 'emp_fan_insured';
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...keys.organisation(hostId), type: 'organisation', id: hostId, kind: 'employer', name: 'Meridian Engineering', verified: true, postcode: 'LS1 1AA', notifications: { contactEmail: 'hr@fan-insured.example', reminderDaysBefore: [] } },
      }),
    );
    await putSafetyPack(db, hostId, { insurance: { insurer: 'Aire Valley Mutual', policyNumber: 'EL-1', expiresOn: '2027-06-20' } }, 0, run, 'test');

    const kinds: string[] = [];
    const queue = inProcessTaskQueue(async (event) => {
      for (const record of event.Records) {
        const sent = JSON.parse(record.body) as SweepTask;
        kinds.push(sent.kind === 'policy-review' ? `policy-review:${sent.schoolId}` : sent.kind === 'insurance' ? `insurance:${sent.date}` : sent.kind);
      }
      return handleSweepBatch(deps, event, async () => undefined);
    });
    await dispatchDailySweep(db, queue, new Date(run));
    // The dispatcher sends nothing itself: each school and each expiry date is its own task.
    expect(kinds.filter((k) => k === `policy-review:${schoolId}`)).toHaveLength(1);
    expect(kinds.filter((k) => k.startsWith('policy-review:'))).toHaveLength(26);
    expect(kinds.filter((k) => k.startsWith('insurance:'))).toHaveLength(INSURANCE_REMINDER_DAYS + 1);
    expect(queue.deadLetters).toEqual([]);
    const mailTo = async (address: string) => (await readLocalMail(ses.endpoint)).filter((m) => m.destination.to.some((to) => to.includes(address)));
    expect(await mailTo('careers@fan-review.example')).toHaveLength(1);
    expect(await mailTo('hr@fan-insured.example')).toHaveLength(1);

    // A re-run the same day (a retried dispatch) sends neither again.
    await dispatchDailySweep(db, inProcessTaskQueue((event) => handleSweepBatch(deps, event, async () => undefined)), new Date(run));
    expect(await mailTo('careers@fan-review.example')).toHaveLength(1);
    expect(await mailTo('hr@fan-insured.example')).toHaveLength(1);
  }, 60_000);

  it('fails a message that is not a task alone, and runs the rest of its batch', async () => {
    const response = await handleSweepBatch(
      deps,
      {
        Records: [
          { messageId: 'bad', body: '{"kind":"nonsense"}' },
          { messageId: 'good', body: JSON.stringify({ kind: 'reminders', at, date: '2027-03-01', shard: 0 }) },
        ] as never,
      },
      async () => undefined,
    );
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'bad' }] });
  });
});

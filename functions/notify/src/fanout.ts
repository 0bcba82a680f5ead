import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { DateTime } from 'luxon';
import { BOOKING_DATE_SHARDS, schoolIdPages } from '@schoolgate/store';
import type { NotifyDeps } from './deps.js';
import { inSubsegment } from './observability.js';
import { reminderDates, runRemindersForShard } from './reminders.js';
import { sendRiskAlerts, type SchoolComplianceLoader } from './risk.js';
import { insuranceReminderDates, runInsuranceRemindersForDate } from './insurance.js';
import { runPolicyReviewForSchool } from './policy-review.js';

/**
 * One piece of the daily job, small enough to finish in seconds and to retry alone: one school's
 * AT_RISK check, one school's policy review reminder, one (date, shard) of the by-date index for
 * reminders and attendance prompts, or one expiry date's insurance reminders (gsi2
 * `INSURANCEEXPIRY#<date>`). `at` is the moment the daily run started, so a retry later in the day
 * judges the same day.
 */
export type SweepTask =
  | { kind: 'risk'; at: string; schoolId: string }
  | { kind: 'policy-review'; at: string; schoolId: string }
  | { kind: 'reminders'; at: string; date: string; shard: number }
  | { kind: 'insurance'; at: string; date: string };

/** What the daily dispatch sent, by kind of task. */
export interface SweepDispatch {
  reminderTasks: number;
  riskTasks: number;
  policyReviewTasks: number;
  insuranceTasks: number;
}

/** Where the daily job puts its tasks: SQS on AWS, {@link inProcessTaskQueue} locally. */
export interface TaskQueue {
  send(tasks: readonly SweepTask[]): Promise<void>;
}

/** SendMessageBatch takes at most ten messages. */
const SQS_BATCH = 10;

/**
 * SQS as a task queue: SendMessageBatch ten at a time, resending the entries SQS reports as
 * failed once, and throwing if any still fail (the scheduler then retries the whole dispatch; the
 * tasks are idempotent through their sent markers).
 *
 * @example
 * const queue = sqsTaskQueue(new SQSClient({}), process.env.SWEEP_QUEUE_URL!);
 */
export function sqsTaskQueue(sqs: SQSClient, queueUrl: string): TaskQueue {
  const sendBatch = async (tasks: readonly SweepTask[]) => {
    let entries = tasks.map((task, i) => ({ Id: String(i), MessageBody: JSON.stringify(task) }));
    for (let attempt = 0; attempt < 2 && entries.length; attempt++) {
      const result = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
      const failed = new Set((result.Failed ?? []).map((entry) => entry.Id));
      entries = entries.filter((entry) => failed.has(entry.Id));
    }
    if (entries.length) throw new Error(`SQS refused ${entries.length} sweep task(s) twice`);
  };
  return {
    async send(tasks) {
      const batches: SweepTask[][] = [];
      for (let i = 0; i < tasks.length; i += SQS_BATCH) batches.push(tasks.slice(i, i + SQS_BATCH));
      await Promise.all(batches.map(sendBatch));
    },
  };
}

/**
 * The daily dispatch: one `reminders` task per (date, shard), one `insurance` task per expiry date
 * in the next 30 days, and a `risk` and a `policy-review` task per school, the schools read a page
 * at a time from gsi1 and sent as they are read. It does no sending itself, so 5,000 schools cost
 * it a few index pages and about a thousand SendMessageBatch calls.
 *
 * @example
 * await dispatchDailySweep(deps.db, sqsTaskQueue(sqs, url), new Date());
 */
export async function dispatchDailySweep(db: NotifyDeps['db'], queue: TaskQueue, now: Date): Promise<SweepDispatch> {
  const at = now.toISOString();
  const reminderTasks: SweepTask[] = reminderDates(now).flatMap((date) =>
    Array.from({ length: BOOKING_DATE_SHARDS }, (_, shard): SweepTask => ({ kind: 'reminders', at, date, shard })),
  );
  const insuranceTasks = insuranceReminderDates(now).map((date): SweepTask => ({ kind: 'insurance', at, date }));
  await queue.send([...reminderTasks, ...insuranceTasks]);
  let schools = 0;
  for await (const ids of schoolIdPages(db)) {
    await queue.send(ids.flatMap((schoolId): SweepTask[] => [{ kind: 'risk', at, schoolId }, { kind: 'policy-review', at, schoolId }]));
    schools += ids.length;
  }
  return { reminderTasks: reminderTasks.length, riskTasks: schools, policyReviewTasks: schools, insuranceTasks: insuranceTasks.length };
}

const parseTask = (record: SQSRecord): SweepTask => {
  const task = JSON.parse(record.body) as SweepTask;
  if ((task.kind === 'risk' || task.kind === 'policy-review') && typeof task.schoolId === 'string' && typeof task.at === 'string') return task;
  if (task.kind === 'insurance' && typeof task.date === 'string' && typeof task.at === 'string') return task;
  if (task.kind === 'reminders' && typeof task.date === 'string' && Number.isInteger(task.shard) && typeof task.at === 'string') return task;
  throw new Error(`not a sweep task: ${record.body.slice(0, 200)}`);
};

/** Runs one task; throws when it should be retried (a failed send is recorded and retried too). */
export async function runSweepTask(deps: NotifyDeps, task: SweepTask, load: SchoolComplianceLoader): Promise<void> {
  const now = new Date(task.at);
  if (task.kind === 'reminders') {
    const summary = await runRemindersForShard(deps, now, task.date, task.shard);
    if (summary.failed) throw new Error(`${summary.failed} reminder(s) for ${task.date} shard ${task.shard} failed; their markers were given back`);
    return;
  }
  if (task.kind === 'insurance') {
    const summary = await runInsuranceRemindersForDate(deps, now, task.date);
    if (summary.failed) throw new Error(`${summary.failed} insurance reminder(s) for ${task.date} failed; their claims were given back`);
    return;
  }
  if (task.kind === 'policy-review') {
    const { outcome } = await runPolicyReviewForSchool(deps, now, task.schoolId);
    if (outcome?.status === 'failed') throw new Error(`the policy review reminder for ${task.schoolId} failed; its claim was given back`);
    return;
  }
  const asOf = DateTime.fromJSDate(now).setZone('Europe/London').toISODate() ?? '';
  const loaded = await load(task.schoolId, asOf);
  if (!loaded) return;
  const outcome = await sendRiskAlerts(deps, loaded, loaded.compliance, now);
  if (outcome?.status === 'failed') throw new Error(`the AT_RISK alert for ${task.schoolId} failed; its claims were given back`);
}

/**
 * The queue consumer: each message is one task, run in parallel; the ids of those that threw
 * come back as `batchItemFailures`, so SQS retries only them (the event source mapping has
 * `ReportBatchItemFailures`) and, after the queue's maxReceiveCount, parks them in the
 * dead-letter queue. A message that is not a task fails alone too.
 *
 * @example
 * export const handler = (event: SQSEvent) => handleSweepBatch(deps, event, loadSchoolCompliance);
 */
export async function handleSweepBatch(deps: NotifyDeps, event: SQSEvent, load: SchoolComplianceLoader): Promise<SQSBatchResponse> {
  const results = await Promise.allSettled(
    event.Records.map(async (record) => {
      const task = parseTask(record);
      return inSubsegment(`### sweep ${task.kind}`, record.messageId, () => runSweepTask(deps, task, load));
    }),
  );
  const batchItemFailures = results.flatMap((result, i) => {
    if (result.status === 'fulfilled') return [];
    console.error(JSON.stringify({ message: 'sweep task failed', messageId: event.Records[i]!.messageId, error: String(result.reason) }));
    return [{ itemIdentifier: event.Records[i]!.messageId }];
  });
  return { batchItemFailures };
}

/**
 * A local stand-in for the SQS queue and its event source mapping: tasks are handed to the same
 * consumer in batches of ten with the SQS event's shape; the ids it reports as failed are
 * delivered again, up to `maxReceiveCount` times in all, and then kept in `deadLetters` (as the
 * queue's redrive policy would park them in the DLQ).
 *
 * @example
 * const queue = inProcessTaskQueue((event) => handleSweepBatch(deps, event, load));
 * await dispatchDailySweep(deps.db, queue, new Date());
 */
export function inProcessTaskQueue(
  consume: (event: SQSEvent) => Promise<SQSBatchResponse>,
  options: { maxReceiveCount?: number; batchSize?: number } = {},
): TaskQueue & { deadLetters: SweepTask[]; deliveries: number } {
  const maxReceiveCount = options.maxReceiveCount ?? 3;
  const batchSize = options.batchSize ?? SQS_BATCH;
  let sequence = 0;
  const queue = {
    deadLetters: [] as SweepTask[],
    deliveries: 0,
    async send(tasks: readonly SweepTask[]) {
      let pending = tasks.map((task) => ({ task, messageId: `local-${(sequence += 1)}`, receives: 0 }));
      while (pending.length) {
        const retry: typeof pending = [];
        for (let i = 0; i < pending.length; i += batchSize) {
          const batch = pending.slice(i, i + batchSize);
          for (const message of batch) message.receives += 1;
          queue.deliveries += 1;
          const response = await consume({ Records: batch.map((message) => sqsRecord(message.messageId, message.task, message.receives)) });
          const failed = new Set(response.batchItemFailures.map((failure) => failure.itemIdentifier));
          for (const message of batch) {
            if (!failed.has(message.messageId)) continue;
            if (message.receives >= maxReceiveCount) queue.deadLetters.push(message.task);
            else retry.push(message);
          }
        }
        pending = retry;
      }
    },
  };
  return queue;
}

function sqsRecord(messageId: string, task: SweepTask, receives: number): SQSRecord {
  return {
    messageId,
    receiptHandle: messageId,
    body: JSON.stringify(task),
    attributes: {
      ApproximateReceiveCount: String(receives),
      SentTimestamp: String(Date.now()),
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:local:000000000000:sweep',
    awsRegion: 'local',
  };
}

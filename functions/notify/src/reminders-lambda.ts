import { SQSClient } from '@aws-sdk/client-sqs';
import { schoolComplianceLoader } from './compliance-loader.js';
import { depsFromEnv } from './deps.js';
import { dispatchDailySweep, sqsTaskQueue } from './fanout.js';

const deps = depsFromEnv(process.env);

/** Each school's compliance for the AT_RISK sweep (used by the queue consumer, sweep-lambda.ts). */
export const loadSchoolCompliance = schoolComplianceLoader(deps.db);

/**
 * Lambda entry invoked daily by EventBridge Scheduler: fans the day out through the sweep queue,
 * one message per (date, shard) of the by-date index and one per school, and returns. The queue's
 * consumer (sweep-lambda.ts) sends the reminders, attendance prompts and AT_RISK alerts; a failed
 * task is retried alone.
 */
export async function handler(): Promise<{ reminderTasks: number; riskTasks: number }> {
  const queueUrl = process.env.SWEEP_QUEUE_URL;
  if (!queueUrl) throw new Error('SWEEP_QUEUE_URL is not set');
  return dispatchDailySweep(deps.db, sqsTaskQueue(new SQSClient({ region: process.env.AWS_REGION }), queueUrl), new Date());
}

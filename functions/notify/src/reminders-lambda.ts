import { SQSClient } from '@aws-sdk/client-sqs';
import { schoolComplianceLoader } from './compliance-loader.js';
import { depsFromEnv } from './deps.js';
import { dispatchDailySweep, sqsTaskQueue, type SweepDispatch } from './fanout.js';
import { logger, traceClients, tracedHandler, tracer } from './observability.js';

const deps = depsFromEnv(process.env);
traceClients(deps.db.doc);

/** Each school's compliance for the AT_RISK sweep (used by the queue consumer, sweep-lambda.ts). */
export const loadSchoolCompliance = schoolComplianceLoader(deps.db);

/**
 * Lambda entry invoked daily by EventBridge Scheduler: fans the day out through the sweep queue,
 * one message per (date, shard) of the by-date index, one per insurance expiry date and two per
 * school (AT_RISK, policy review), and returns. The queue's consumer (sweep-lambda.ts) sends the
 * reminders, attendance prompts, insurance and policy review reminders and AT_RISK alerts; a
 * failed task is retried alone.
 */
export const handler = tracedHandler<void, SweepDispatch>('reminders', async () => {
  const queueUrl = process.env.SWEEP_QUEUE_URL;
  if (!queueUrl) throw new Error('SWEEP_QUEUE_URL is not set');
  const sqs = tracer.captureAWSv3Client(new SQSClient({ region: process.env.AWS_REGION }));
  const dispatched = await dispatchDailySweep(deps.db, sqsTaskQueue(sqs, queueUrl), new Date());
  logger.info('daily sweep dispatched', { ...dispatched });
  return dispatched;
});

import type { SQSEvent } from 'aws-lambda';
import { schoolComplianceLoader } from './compliance-loader.js';
import { depsFromEnv } from './deps.js';
import { handleSweepBatch } from './fanout.js';
import { logger, traceClients, tracedHandler } from './observability.js';

const deps = depsFromEnv(process.env);
traceClients(deps.db.doc, deps.ses);
const load = schoolComplianceLoader(deps.db);

/**
 * Lambda entry for the sweep queue (an SQS event source mapping with ReportBatchItemFailures):
 * one school's AT_RISK check or one (date, shard) of reminders per message; only the messages
 * that failed are retried.
 */
export const handler = tracedHandler('sweep', async (event: SQSEvent) => {
  const answer = await handleSweepBatch(deps, event, load);
  if (answer.batchItemFailures.length) logger.warn('sweep tasks failed, to be retried alone', { failed: answer.batchItemFailures.length, of: event.Records.length });
  return answer;
});

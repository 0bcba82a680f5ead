import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { schoolComplianceLoader } from './compliance-loader.js';
import { depsFromEnv } from './deps.js';
import { handleSweepBatch } from './fanout.js';

const deps = depsFromEnv(process.env);
const load = schoolComplianceLoader(deps.db);

/**
 * Lambda entry for the sweep queue (an SQS event source mapping with ReportBatchItemFailures):
 * one school's AT_RISK check or one (date, shard) of reminders per message; only the messages
 * that failed are retried.
 */
export const handler = (event: SQSEvent): Promise<SQSBatchResponse> => handleSweepBatch(deps, event, load);

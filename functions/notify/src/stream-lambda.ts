import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { depsFromEnv } from './deps.js';
import { logger, publishMetrics } from './observability.js';
import { handleStreamEvent } from './stream.js';

// Built once per container so the SES and DynamoDB clients (and their connections) are reused.
const deps = depsFromEnv(process.env);

/**
 * Lambda entry for the table's DynamoDB stream, filtered (by the event source mapping) to INSERTs
 * of `type = outbox` items. Reports per-record failures so only those are redelivered.
 */
export async function handler(event: DynamoDBStreamEvent, context?: Context): Promise<DynamoDBBatchResponse> {
  if (context) logger.addContext(context);
  try {
    return await handleStreamEvent(deps, event);
  } finally {
    publishMetrics();
  }
}

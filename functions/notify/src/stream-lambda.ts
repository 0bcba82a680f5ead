import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { depsFromEnv } from './deps.js';
import { handleStreamEvent } from './stream.js';

// Built once per container so the SES and DynamoDB clients (and their connections) are reused.
const deps = depsFromEnv(process.env);

/**
 * Lambda entry for the table's DynamoDB stream, filtered (by the event source mapping) to INSERTs
 * of `type = outbox` items. Reports per-record failures so only those are redelivered.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  return handleStreamEvent(deps, event);
}

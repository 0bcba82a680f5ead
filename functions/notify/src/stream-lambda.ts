import type { DynamoDBStreamEvent } from 'aws-lambda';
import { depsFromEnv } from './deps.js';
import { traceClients, tracedHandler } from './observability.js';
import { handleStreamEvent } from './stream.js';

// Built once per container so the SES and DynamoDB clients (and their connections) are reused.
const deps = depsFromEnv(process.env);
traceClients(deps.db.doc, deps.ses);

/**
 * Lambda entry for the table's DynamoDB stream, filtered (by the event source mapping) to INSERTs
 * of `type = outbox` items. Reports per-record failures so only those are redelivered.
 */
export const handler = tracedHandler('stream', (event: DynamoDBStreamEvent) => handleStreamEvent(deps, event));

import { handle } from 'hono/aws-lambda';
import { dbFromEnv } from '@schoolgate/store/client';
import { fileStoreFromEnv } from '@schoolgate/store/files';
import { createApp } from './app.js';
import { jwtVerifier } from './auth.js';
import { ulid } from './deps.js';
import { flushLogs, logger, publishMetrics } from './observability.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const answer = handle(
  createApp({
    db: dbFromEnv(),
    verifier: jwtVerifier({ issuer: env('AUTH_ISSUER'), audience: env('AUTH_AUDIENCE') }),
    now: () => new Date(),
    newId: () => ulid(),
    webBaseUrl: process.env.WEB_BASE_URL ?? '',
    files: fileStoreFromEnv(),
  }),
);

/**
 * The Lambda entry: API Gateway HTTP API (payload v2) events into the Hono app. Every log line of
 * the invocation carries the Lambda context and the correlation id (API Gateway's request id, which
 * the app also answers as X-Request-Id); the invocation's metrics and any log line still on its
 * way (the Logger loads on the first line) are written before it ends.
 */
export async function handler(event: Parameters<typeof answer>[0], context: Parameters<typeof answer>[1]) {
  logger.addContext(context as unknown as Parameters<typeof logger.addContext>[0]);
  logger.setCorrelationId((event.requestContext as { requestId?: string } | undefined)?.requestId);
  try {
    return await answer(event, context);
  } finally {
    await publishMetrics();
    await flushLogs();
  }
}

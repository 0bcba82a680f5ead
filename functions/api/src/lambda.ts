import { handle } from 'hono/aws-lambda';
import { dbFromEnv, fileStoreFromEnv } from '@schoolgate/store';
import { createApp } from './app.js';
import { jwtVerifier } from './auth.js';
import { ulid } from './deps.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

/** The Lambda entry: API Gateway HTTP API (payload v2) events into the Hono app. */
export const handler = handle(
  createApp({
    db: dbFromEnv(),
    verifier: jwtVerifier({ issuer: env('AUTH_ISSUER'), audience: env('AUTH_AUDIENCE') }),
    now: () => new Date(),
    newId: () => ulid(),
    webBaseUrl: process.env.WEB_BASE_URL ?? '',
    files: fileStoreFromEnv(),
  }),
);

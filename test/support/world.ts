import { randomUUID } from 'node:crypto';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { inject } from 'vitest';
import { createApp, jwtVerifier, ulid, type App } from '@schoolgate/api';
import { callApi, ensureUser, signIn } from '@schoolgate/local';
import { createFileStore, type Db, type FileStore } from '@schoolgate/store';
import { freshTable } from './db.js';

export const PASSWORD = 'Test-password-2026';

/** A test's own table, the real API app over it, and real cognito-local users. */
export interface World {
  db: Db;
  app: App;
  /** The S3 stand-in the app's safety pack files go to. */
  files: FileStore;
  /** The clock the app sees; tests move it. */
  clock: { now: Date };
  /** A new signed-in user with a unique email; returns their ID token. */
  user(label: string, options?: { platformAdmin?: boolean; emailVerified?: boolean; email?: string }): Promise<{ email: string; token: string }>;
  call: <T = any>(token: string | undefined, method: string, path: string, body?: unknown, headers?: Record<string, string>) => ReturnType<typeof callApi<T>>;
}

export async function createWorld(start = new Date('2026-09-15T10:00:00Z')): Promise<World> {
  const db = await freshTable();
  const cognito = inject('cognito');
  const client = new CognitoIdentityProviderClient({
    endpoint: cognito.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const clock = { now: start };
  const s3 = inject('s3');
  const files = createFileStore({ bucket: s3.bucket, endpoint: s3.endpoint });
  const app = createApp({
    files,
    db,
    verifier: jwtVerifier({ issuer: cognito.issuer, audience: cognito.clientId }),
    now: () => clock.now,
    newId: () => ulid(),
    webBaseUrl: 'http://127.0.0.1:3000',
    // Tests act faster than people; test/api/live-limits.test.ts checks the real per-user limit.
    writesPerMinute: 100_000,
    // A test receiver listens on http://127.0.0.1 (test/api/integrations.test.ts).
    allowLocalWebhooks: true,
  });
  const pool = { client, userPoolId: cognito.userPoolId, clientId: cognito.clientId };
  return {
    db,
    app,
    files,
    clock,
    async user(label, options = {}) {
      const email = options.email ?? `${label}-${randomUUID().slice(0, 8)}@example.org`;
      await ensureUser(pool, email, PASSWORD, options);
      return { email, token: await signIn(pool, email, PASSWORD) };
    },
    call: (token, method, path, body, headers) => callApi(app, token, method, path, body, headers),
  };
}

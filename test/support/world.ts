import { randomUUID } from 'node:crypto';
import { CognitoIdentityProviderClient, CreateGroupCommand, CreateUserPoolClientCommand, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { inject } from 'vitest';
import { createApp, jwtVerifier, ulid, type App } from '@schoolgate/api';
import { callApi, ensureUser, PLATFORM_ADMIN_GROUP, signIn, VERIFICATION_EMAIL } from '@schoolgate/local';
import { createFileStore, type Db, type FileStore } from '@schoolgate/store';
import { freshTable } from './db.js';

export const PASSWORD = 'Test-password-2026';

/** A test's own table, the real API app over it, and real cognito-local users. */
export interface World {
  db: Db;
  app: App;
  /** The S3 stand-in the app's safety pack files go to. */
  files: FileStore;
  /** The world's own user pool in the run's cognito-local (its tokens' issuer and audience). */
  cognito: { endpoint: string; userPoolId: string; clientId: string; issuer: string };
  /** The clock the app sees; tests move it. */
  clock: { now: Date };
  /** A new signed-in user with a unique email; returns their ID token. */
  user(label: string, options?: { platformAdmin?: boolean; emailVerified?: boolean; email?: string }): Promise<{ email: string; token: string }>;
  call: <T = any>(token: string | undefined, method: string, path: string, body?: unknown, headers?: Record<string, string>) => ReturnType<typeof callApi<T>>;
}

export async function createWorld(start = new Date('2026-09-15T10:00:00Z')): Promise<World> {
  const db = await freshTable();
  const { endpoint } = inject('cognito');
  const client = new CognitoIdentityProviderClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const cognito = await createPool(client, endpoint);
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
    cognito,
    clock,
    async user(label, options = {}) {
      const email = options.email ?? `${label}-${randomUUID().slice(0, 8)}@example.org`;
      await ensureUser(pool, email, PASSWORD, options);
      return { email, token: await signIn(pool, email, PASSWORD) };
    },
    call: (token, method, path, body, headers) => callApi(app, token, method, path, body, headers),
  };
}

/**
 * A user pool of the world's own, set up as the run's pool is (packages/local `startCognitoLocal`:
 * email as the username, codes sent on sign-up, a platform-admins group). cognito-local keeps each
 * pool in one file that it rereads and rewrites on every call, so one pool shared by a whole run
 * gets slower with every user made in it (18 ms a call at 100 users, 53 ms at 800).
 */
async function createPool(client: CognitoIdentityProviderClient, endpoint: string) {
  const pool = await client.send(
    new CreateUserPoolCommand({
      PoolName: `test-${randomUUID().slice(0, 8)}`,
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE', EmailSubject: VERIFICATION_EMAIL.subject, EmailMessage: VERIFICATION_EMAIL.message },
    }),
  );
  const userPoolId = pool.UserPool!.Id!;
  const [appClient] = await Promise.all([
    client.send(new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: 'web', ExplicitAuthFlows: ['USER_PASSWORD_AUTH'] })),
    client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: PLATFORM_ADMIN_GROUP })),
  ]);
  return { endpoint, userPoolId, clientId: appClient.UserPoolClient!.ClientId!, issuer: `${endpoint}/${userPoolId}` };
}

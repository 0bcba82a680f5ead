import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  AdminAddUserToGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';

export interface CognitoLocal {
  endpoint: string;
  /** The token issuer, as the API's AUTH_ISSUER expects it. */
  issuer: string;
  userPoolId: string;
  clientId: string;
  client: CognitoIdentityProviderClient;
  stop(): Promise<void>;
}

export interface CognitoLocalOptions {
  port: number;
  /** cognito-local keeps its pools under `<dataDir>/.cognito`; reusing the directory keeps users. */
  dataDir: string;
}

export const PLATFORM_ADMIN_GROUP = 'platform-admins';

/**
 * Starts cognito-local (a Cognito user-pool emulator) on loopback with one user pool and one app
 * client, reusing them when the data directory already has them.
 */
export async function startCognitoLocal(options: CognitoLocalOptions): Promise<CognitoLocal> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(join(dataDir, '.cognito'), { recursive: true });
  const require = createRequire(import.meta.url);
  const bin = join(dirname(require.resolve('cognito-local/package.json')), 'lib/bin/start.js');
  const child = spawn(process.execPath, [bin], {
    cwd: dataDir,
    env: { ...process.env, PORT: String(options.port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const endpoint = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`cognito-local exited early: ${stderr.trim()}`);
    try {
      await fetch(endpoint);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error('cognito-local did not answer within 20 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const client = new CognitoIdentityProviderClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const { userPoolId, clientId } = await ensurePool(client, join(dataDir, 'pool.json'));
  return {
    endpoint,
    issuer: `${endpoint}/${userPoolId}`,
    userPoolId,
    clientId,
    client,
    async stop() {
      client.destroy();
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

async function ensurePool(client: CognitoIdentityProviderClient, recordFile: string) {
  if (existsSync(recordFile)) return JSON.parse(readFileSync(recordFile, 'utf8')) as { userPoolId: string; clientId: string };
  const pool = await client.send(new CreateUserPoolCommand({ PoolName: 'schoolgate', UsernameAttributes: ['email'] }));
  const userPoolId = pool.UserPool!.Id!;
  const appClient = await client.send(
    new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: 'web', ExplicitAuthFlows: ['USER_PASSWORD_AUTH'] }),
  );
  await client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: PLATFORM_ADMIN_GROUP }));
  const record = { userPoolId, clientId: appClient.UserPoolClient!.ClientId! };
  writeFileSync(recordFile, JSON.stringify(record));
  return record;
}

/** Creates a confirmed user with a permanent password (idempotent), optionally a platform admin. */
export async function ensureUser(
  cognito: Pick<CognitoLocal, 'client' | 'userPoolId'>,
  email: string,
  password: string,
  options: { platformAdmin?: boolean; name?: string; emailVerified?: boolean } = {},
): Promise<void> {
  try {
    await cognito.client.send(
      new AdminCreateUserCommand({
        UserPoolId: cognito.userPoolId,
        Username: email,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: email },
          // cognito-local reads the attribute with Boolean(), so "false" would come out true: leave it out instead.
          ...(options.emailVerified === false ? [] : [{ Name: 'email_verified', Value: 'true' }]),
          ...(options.name ? [{ Name: 'name', Value: options.name }] : []),
        ],
      }),
    );
  } catch (error) {
    if (!(error instanceof UsernameExistsException) && (error as Error).name !== 'UsernameExistsException') throw error;
  }
  await cognito.client.send(
    new AdminSetUserPasswordCommand({ UserPoolId: cognito.userPoolId, Username: email, Password: password, Permanent: true }),
  );
  if (options.platformAdmin) {
    await cognito.client.send(
      new AdminAddUserToGroupCommand({ UserPoolId: cognito.userPoolId, Username: email, GroupName: PLATFORM_ADMIN_GROUP }),
    );
  }
}

/** Signs in with USER_PASSWORD_AUTH and returns the ID token (it carries the email claim). */
export async function signIn(cognito: Pick<CognitoLocal, 'client' | 'clientId'>, email: string, password: string): Promise<string> {
  const result = await cognito.client.send(
    new InitiateAuthCommand({
      ClientId: cognito.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  const token = result.AuthenticationResult?.IdToken;
  if (!token) throw new Error(`No ID token for ${email}`);
  return token;
}

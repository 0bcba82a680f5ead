import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PoolEmail } from './cognito-emulator.js';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  AdminAddUserToGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  UpdateUserPoolCommand,
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

export type { PoolEmail } from './cognito-emulator.js';

export interface CognitoLocalOptions {
  port: number;
  /** The pools are kept under `<dataDir>/.cognito`; reusing the directory keeps users. */
  dataDir: string;
  /**
   * Where the pool's email goes (verification codes for sign-up, new codes, forgotten passwords),
   * as Cognito would send it. Without it the codes go nowhere a person can read them.
   */
  sendEmail?: (email: PoolEmail) => Promise<void> | void;
}

export const PLATFORM_ADMIN_GROUP = 'platform-admins';

/** As the AWS pool words it (infra/src/auth.ts), with {####} for the code. */
export const VERIFICATION_EMAIL = { subject: 'Your Schoolgate verification code', message: 'Your Schoolgate verification code is {####}' };

/**
 * Starts cognito-local (a Cognito user-pool emulator) in this process on loopback, with one user
 * pool and one app client, reusing them when the data directory already has them. The pool
 * verifies email as the AWS one does (infra/src/auth.ts `autoVerify: { email: true }`): sign-up
 * sends a code through `sendEmail`, and confirming it marks the address verified.
 */
export async function startCognitoLocal(options: CognitoLocalOptions): Promise<CognitoLocal> {
  const dataDir = resolve(options.dataDir);
  const configDir = join(dataDir, '.cognito');
  mkdirSync(join(configDir, 'db'), { recursive: true });
  // cognito-local is built on the AWS SDK v2, which otherwise prints its end-of-support notice.
  process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE ??= '1';
  const { startEmulator } = await import('./cognito-emulator.js');
  const server = await startEmulator({ port: options.port, configDir, sendEmail: options.sendEmail });
  const endpoint = `http://127.0.0.1:${options.port}`;
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
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** What the pool does with email, as on AWS: codes go to the address, and confirming one verifies it. */
const emailVerification = {
  AutoVerifiedAttributes: ['email' as const],
  VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE' as const, EmailSubject: VERIFICATION_EMAIL.subject, EmailMessage: VERIFICATION_EMAIL.message },
};

async function ensurePool(client: CognitoIdentityProviderClient, recordFile: string) {
  if (existsSync(recordFile)) {
    const record = JSON.parse(readFileSync(recordFile, 'utf8')) as { userPoolId: string; clientId: string };
    // Pools made before email verification was set up get it now.
    await client.send(new UpdateUserPoolCommand({ UserPoolId: record.userPoolId, ...emailVerification }));
    return record;
  }
  const pool = await client.send(new CreateUserPoolCommand({ PoolName: 'schoolgate', UsernameAttributes: ['email'], ...emailVerification }));
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

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, startCognitoLocal, startDynamoDbLocal, startS3Local } from '@schoolgate/local';
import { sendLocalEmail, startLocalSes } from '@schoolgate/notify';

/**
 * One DynamoDB Local and one cognito-local per test run; each test file makes its own table and
 * its own users in them.
 */
export default async function setup(project: TestProject) {
  // vitest's `test.env` reaches the workers, not this process, which makes SDK clients too.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const cognitoDir = mkdtempSync(join(tmpdir(), 'schoolgate-cognito-'));
  // The user pool's own mail (verification codes) goes to a local SES, as it goes through SES on AWS.
  const poolMail = await startLocalSes({ port: await freePort() });
  const [dynamo, cognito] = await Promise.all([
    freePort().then((port) => startDynamoDbLocal({ port })),
    freePort().then((port) =>
      startCognitoLocal({
        port,
        dataDir: cognitoDir,
        sendEmail: (email) => sendLocalEmail(poolMail.endpoint, { from: 'no-reply@schoolgate.test', ...email }),
      }),
    ),
  ]);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('cognito', { endpoint: cognito.endpoint, userPoolId: cognito.userPoolId, clientId: cognito.clientId, issuer: cognito.issuer });
  project.provide('poolMailEndpoint', poolMail.endpoint);
  // Safety pack files (work experience): one S3 stand-in; each test's keys carry its own org ids.
  const s3 = await startS3Local({ port: await freePort(), bucket: 'schoolgate-test-files' });
  project.provide('s3', { endpoint: s3.endpoint, bucket: s3.bucket });
  return async () => {
    await s3.stop();
    await Promise.all([dynamo.stop(), cognito.stop()]);
    await poolMail.stop();
    rmSync(cognitoDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    cognito: { endpoint: string; userPoolId: string; clientId: string; issuer: string };
    /** The local SES that the user pool's verification emails go to. */
    poolMailEndpoint: string;
    /** The S3 stand-in for safety pack files. */
    s3: { endpoint: string; bucket: string };
  }
}

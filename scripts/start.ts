/**
 * `npm start`: the whole product on this machine. DynamoDB Local (data under .data/ unless
 * --in-memory), cognito-local, a local SES, the outbox stream poller, and the API with the built web
 * app on one port. Ctrl-C stops all of it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp, jwtVerifier, startLocalServer, ulid } from '@schoolgate/api';
import { freePort, javaIsAvailable, portInUse, startCognitoLocal, startDynamoDbLocal, startS3Local } from '@schoolgate/local';
import { sendLocalEmail, startLocalSes, startLocalStreamPoller } from '@schoolgate/notify';
import { createDb, createFileStore, ensureTable } from '@schoolgate/store';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoData, seedSafetyPackDemo } from './demo-data.js';
import { buildWeb, webBuildReason } from './web-build.js';

// Lambda runs Node 22; the SDK checks the Node version when a client is made, so this still applies.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const inMemory = process.argv.includes('--in-memory');
const port = Number(process.env.PORT ?? 3000);
const root = resolve(import.meta.dirname, '..');

function fail(message: string): never {
  console.error(`schoolgate: ${message}`);
  process.exit(1);
}

if (!javaIsAvailable()) fail('Java 17 or newer is needed for DynamoDB Local, and `java` was not found on PATH.');
if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`PORT=${process.env.PORT} is not a port number.`);
if (await portInUse(port)) fail(`port ${port} is already in use; stop what is using it or run with PORT=<another port>.`);

const stoppers: Array<() => Promise<void>> = [];
let stopping = false;
async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

// A fresh clone has no web/dist: build it (in the background, while the services start) when it
// is missing or older than its sources.
const buildReason = webBuildReason(root);
if (buildReason) console.log(`schoolgate: building the web app (${buildReason})…`);
const webBuilt = buildReason ? buildWeb(root) : Promise.resolve();
webBuilt.catch(() => undefined);

try {
  const dataDir = inMemory ? mkdtempSync(join(tmpdir(), 'schoolgate-')) : join(root, '.data');
  if (inMemory) stoppers.push(async () => rmSync(dataDir, { recursive: true, force: true }));

  const dynamo = await startDynamoDbLocal({ port: await freePort(), ...(inMemory ? {} : { dataDir: join(dataDir, 'dynamodb') }) });
  stoppers.push(() => dynamo.stop());
  const ses = await startLocalSes({ port: await freePort() });
  stoppers.push(() => ses.stop());
  // The user pool's email (verification codes) goes where Cognito's would, through SES, so it is in
  // "Sent email"; the code is printed here too.
  const cognito = await startCognitoLocal({
    port: await freePort(),
    dataDir: join(dataDir, 'cognito'),
    async sendEmail(email) {
      console.log(`schoolgate: ${email.subject} for ${email.to}: ${email.code} (also in Sent email)`);
      await sendLocalEmail(ses.endpoint, { from: 'no-reply@schoolgate.local', to: email.to, subject: email.subject, text: email.text });
    },
  });
  stoppers.push(() => cognito.stop());

  // Safety pack files (work experience): a local S3 stand-in, objects kept beside the database.
  const s3 = await startS3Local({ port: await freePort(), bucket: 'schoolgate-files', ...(inMemory ? {} : { dataDir: join(dataDir, 's3') }) });
  stoppers.push(() => s3.stop());
  const files = createFileStore({ bucket: s3.bucket, endpoint: s3.endpoint });

  const db = createDb({ tableName: 'schoolgate', endpoint: dynamo.endpoint });
  await ensureTable(db);
  const webBaseUrl = `http://127.0.0.1:${port}`;
  const verifier = jwtVerifier({ issuer: cognito.issuer, audience: cognito.clientId });
  const app = createApp({ db, verifier, now: () => new Date(), newId: () => ulid(), webBaseUrl, files, allowLocalWebhooks: true });
  const seeded = await seedDemoData({ db, verifier, cognito });
  if (seeded) await seedSafetyPackDemo({ db, verifier, cognito, files });

  const poller = startLocalStreamPoller({
    db,
    streamsEndpoint: dynamo.endpoint,
    sesEndpoint: ses.endpoint,
    fromAddress: 'no-reply@schoolgate.local',
    webBaseUrl,
    pollMs: 500,
  });
  stoppers.push(() => poller.stop());
  await poller.ready;

  await webBuilt;
  const { server, url } = await startLocalServer({
    app,
    port,
    webDir: join(root, 'web/dist'),
    webConfig: { cognitoEndpoint: cognito.endpoint, cognitoClientId: cognito.clientId, region: 'local' },
    connectSources: [s3.endpoint],
  });
  stoppers.push(() => new Promise<void>((r) => server.close(() => r())));

  console.log(`
Schoolgate is running at ${url}
  API:        ${url}/v1/health   (OpenAPI: ${url}/v1/openapi.json, docs: ${url}/v1/docs)
  Sent email: ${ses.endpoint}   (the local SES's own mail viewer; JSON at ${ses.endpoint}/store)
              (a new account's confirmation code is there, and printed here)
  Files:      ${s3.endpoint}   (S3 stand-in, bucket ${s3.bucket})
  Data:       ${inMemory ? 'in memory, gone when you stop' : join(dataDir, 'dynamodb')} ${seeded ? '(demo data seeded now)' : '(existing data kept)'}

Demo sign-ins (password for all: ${DEMO_PASSWORD}):
${DEMO_USERS.map((u) => `  ${u.email.padEnd(34)} ${u.description}`).join('\n')}

Press Ctrl-C to stop.`);
} catch (error) {
  console.error(`schoolgate: could not start: ${(error as Error).message}`);
  await stopAll(1);
}

import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { freePort, startDynamoDbLocal } from '@schoolgate/local';
import { readLocalMail } from '@schoolgate/notify';
import { createDb, ensureTable } from '@schoolgate/store';

const root = resolve(import.meta.dirname, '..');

/** Runs `npm start`'s script the way npm does, with the environment given. */
function start(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--in-memory'], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('npm start', () => {
  it('says in one line that the port is taken, and exits non-zero', async () => {
    const port = await freePort();
    const blocker = createServer().listen(port, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    try {
      const run = start({ PORT: String(port) });
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split('\n').filter((l) => l.startsWith('schoolgate:'))).toEqual([
        `schoolgate: port ${port} is already in use; stop what is using it or run with PORT=<another port>.`,
      ]);
    } finally {
      blocker.close();
    }
  });

  it('says in one line that Java is missing, and exits non-zero', async () => {
    // java and node share /usr/bin here: a PATH with node alone hides java.
    const noJava = mkdtempSync(join(tmpdir(), 'no-java-'));
    symlinkSync(process.execPath, join(noJava, 'node'));
    try {
      const run = start({ PATH: noJava, PORT: String(await freePort()) });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('schoolgate: Java 17 or newer is needed for DynamoDB Local');
    } finally {
      rmSync(noJava, { recursive: true, force: true });
    }
  });

  it('keeps data across a restart when it has a data directory, and not in memory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'schoolgate-data-'));
    const item = { pk: 'ORG#kept', sk: 'PROFILE', name: 'Hartfield Academy' };
    const round = async (options: { dataDir?: string }, write: boolean) => {
      const dynamo = await startDynamoDbLocal({ port: await freePort(), ...options });
      try {
        const db = createDb({ tableName: 'schoolgate', endpoint: dynamo.endpoint });
        await ensureTable(db);
        if (write) await db.doc.send(new PutCommand({ TableName: db.tableName, Item: item }));
        return (await db.doc.send(new GetCommand({ TableName: db.tableName, Key: { pk: item.pk, sk: item.sk } }))).Item;
      } finally {
        await dynamo.stop();
      }
    };
    try {
      expect(await round({ dataDir }, true)).toEqual(item);
      expect(await round({ dataDir }, false)).toEqual(item);
      expect(await round({}, true)).toEqual(item);
      expect(await round({}, false)).toBeUndefined();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    // Four DynamoDB Local (Java) starts: some 10 s alone, minutes with another test file beside it on a loaded machine.
  }, 240_000);
});

/** The repository's files (tracked, and new ones not ignored) copied to a temporary directory, sharing node_modules. */
function copyOfRepository(): string {
  const copy = mkdtempSync(join(tmpdir(), 'schoolgate-clone-'));
  const files = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).stdout.split('\0').filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(root, file))) continue;
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(root, file), join(copy, file));
  }
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
  return copy;
}

/** What a Cognito client sends; the web app calls the same JSON API. */
async function cognitoCall<T>(endpoint: string, target: string, body: unknown): Promise<T> {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${target}` },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${target}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

describe('npm start on a fresh clone', () => {
  it('builds the missing web app, serves /, and a new user signs up with the code from the terminal and Sent email', async () => {
    const copy = copyOfRepository();
    expect(existsSync(join(copy, 'web/dist'))).toBe(false);
    const port = await freePort();
    const child = spawn('npm', ['start'], { cwd: copy, env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const waitFor = async (pattern: RegExp, what: string) => {
      const deadline = Date.now() + 240_000;
      for (;;) {
        const match = pattern.exec(stdout);
        if (match) return match;
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`no ${what}; stdout:\n${stdout}\nstderr:\n${stderr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    try {
      await waitFor(/Schoolgate is running at (\S+)/, 'start');
      expect(stdout.split('\n').filter((l) => l.includes('building the web app'))).toEqual(['schoolgate: building the web app (web/dist is missing)…']);
      const url = `http://127.0.0.1:${port}`;
      const home = await fetch(`${url}/`);
      expect(home.status).toBe(200);
      const html = await home.text();
      expect(html).toContain('<div id="root">');
      const script = /<script[^>]+src="([^"]+)"/.exec(html)?.[1];
      expect(script).toBeDefined();
      expect((await fetch(`${url}${script}`)).status).toBe(200);
      // A client-side route is served the app too.
      expect((await fetch(`${url}/sign-up`)).status).toBe(200);

      // Sign-up as the web app does it: the code is printed in the terminal and is in Sent email.
      const sentEmail = (await waitFor(/Sent email: (\S+)/, 'Sent email address'))[1]!;
      const config = (await (await fetch(`${url}/config.json`)).json()) as { cognitoEndpoint: string; cognitoClientId: string };
      const email = `new-leader@${port}.example.org`;
      const password = 'New-leader-2026!';
      await cognitoCall(config.cognitoEndpoint, 'SignUp', { ClientId: config.cognitoClientId, Username: email, Password: password, UserAttributes: [{ Name: 'email', Value: email }] });
      const code = (await waitFor(new RegExp(`Your Schoolgate verification code for ${email.replace(/\./g, '\\.')}: (\\d{6})`), 'code in the terminal'))[1]!;
      const mail = (await readLocalMail(sentEmail)).filter((m) => m.destination.to.some((to) => to.includes(email)));
      expect(mail.map((m) => m.body.text)).toEqual([`Your Schoolgate verification code is ${code}`]);
      await cognitoCall(config.cognitoEndpoint, 'ConfirmSignUp', { ClientId: config.cognitoClientId, Username: email, ConfirmationCode: code });
      const auth = await cognitoCall<{ AuthenticationResult: { IdToken: string } }>(config.cognitoEndpoint, 'InitiateAuth', {
        ClientId: config.cognitoClientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: password },
      });
      const me = await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${auth.AuthenticationResult.IdToken}` } });
      expect(me.status, await me.clone().text()).toBe(200);
      expect(((await me.json()) as { email: string }).email).toBe(email);
    } finally {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGINT');
      await exited;
      rmSync(copy, { recursive: true, force: true });
    }
    // A web build, DynamoDB Local and the API from scratch: sized for a loaded machine.
  }, 360_000);
});

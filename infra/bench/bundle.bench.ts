/**
 * Bundles each Lambda entry with the same esbuild options the CDK uses (infra/src/function.ts)
 * and measures minified size and cold module initialisation in a fresh Node process, as a ratio
 * to a hello-world bundle measured in the same run (absolute times depend on the machine).
 *
 * Run: npx tsx infra/bench/bundle.bench.ts
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUNDLING, ESM_REQUIRE_BANNER } from '../src/function.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUNS = 7;

export const ENTRIES: ReadonlyArray<{ name: string; entry: string }> = [
  { name: 'api', entry: 'functions/api/src/lambda.ts' },
  { name: 'notify-stream', entry: 'functions/notify/src/stream-lambda.ts' },
  { name: 'notify-reminders', entry: 'functions/notify/src/reminders-lambda.ts' },
];

/** What the functions read at import time; no value here causes network access. */
const FAKE_ENV = {
  TABLE_NAME: 'bench',
  AUTH_ISSUER: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_bench',
  AUTH_AUDIENCE: 'bench',
  SES_FROM_ADDRESS: 'no-reply@schoolgate.example',
  SES_CONFIGURATION_SET: 'bench',
  WEB_BASE_URL: 'https://schoolgate.example',
  STAGE: 'dev',
  AWS_REGION: 'eu-west-2',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
};

export interface BundleBenchRow {
  name: string;
  bytes: number;
  coldInitMs: number;
  coldInitRatioToHelloWorld: number;
}

async function bundle(entry: string, outdir: string): Promise<string> {
  const outfile = path.join(outdir, 'index.mjs');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: BUNDLING.target ?? 'node22',
    minify: BUNDLING.minify ?? true,
    mainFields: [...(BUNDLING.mainFields ?? ['module', 'main'])],
    banner: { js: ESM_REQUIRE_BANNER },
    // The CDK writes a separate .map file; it is not loaded at init unless an error is thrown,
    // so it is left out of both the size and the timing.
    sourcemap: false,
    // bundleAwsSDK: true in the CDK means nothing is external.
    external: [],
    logLevel: 'silent',
    absWorkingDir: REPO_ROOT,
  });
  return outfile;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Import time of the bundle in a new Node process (module evaluation only, no handler call). */
function coldInitMs(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { PATH: process.env.PATH ?? '', ...FAKE_ENV },
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`init of ${file} failed: ${r.stderr}`);
    samples.push(Number(r.stdout));
  }
  return median(samples);
}

export async function runBundleBench(): Promise<BundleBenchRow[]> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'schoolgate-bundle-bench-'));
  try {
    const helloDir = path.join(work, 'hello');
    fs.mkdirSync(helloDir);
    const helloEntry = path.join(helloDir, 'hello.ts');
    fs.writeFileSync(helloEntry, 'export const handler = async () => ({ statusCode: 200, body: "hello" });\n');
    const helloFile = await bundle(helloEntry, path.join(helloDir, 'out'));
    const helloMs = coldInitMs(helloFile);
    const rows: BundleBenchRow[] = [
      { name: 'hello-world', bytes: fs.statSync(helloFile).size, coldInitMs: helloMs, coldInitRatioToHelloWorld: 1 },
    ];
    for (const { name, entry } of ENTRIES) {
      const abs = path.join(REPO_ROOT, entry);
      if (!fs.existsSync(abs)) {
        console.warn(`skipped ${name}: ${entry} does not exist yet`);
        continue;
      }
      const file = await bundle(abs, path.join(work, name));
      const ms = coldInitMs(file);
      rows.push({ name, bytes: fs.statSync(file).size, coldInitMs: ms, coldInitRatioToHelloWorld: ms / helloMs });
    }
    return rows;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const isEntryPoint = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) {
  const rows = await runBundleBench();
  console.log(`node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, median of ${RUNS} cold imports`);
  console.table(
    rows.map((r) => ({
      name: r.name,
      'KB (minified)': (r.bytes / 1024).toFixed(1),
      'cold init ms': r.coldInitMs.toFixed(1),
      'x hello-world': r.coldInitRatioToHelloWorld.toFixed(1),
    })),
  );
}

/**
 * What a route group's first request costs now that groups load on first use, beside the app as
 * it was (every group evaluated at init), in fresh Node processes taken in turn. Each subject is
 * the API app (`createApp`) bundled with the CDK's options, split as it ships, with a verifier
 * that accepts any token and a table that answers every call with a throttling error, so no
 * network is touched and each request runs auth, the group's load, validation and its handler up
 * to the first store call. Figures are read as ratios.
 *
 * Run: npx tsx scripts/bench/first-request.ts <root of a checkout with the eager app, e.g. /work/main>
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { esbuildOptions, SPLIT_BUILD } from '../../infra/src/function.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const harness = (appModule: string) => `
import { createApp } from ${JSON.stringify(appModule)};
const t0 = performance.now();
const app = createApp({
  db: { tableName: 'bench', doc: { send: async () => { throw Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException', $metadata: {} }); } } },
  verifier: { verify: async () => ({ userId: 'u1', email: 'u1@example.org', platformAdmin: false }) },
  now: () => new Date('2026-12-03T09:00:00Z'),
  newId: () => '01JBENCH',
  webBaseUrl: '',
});
export const created = performance.now() - t0;
export { app };
`;

/** One request per group, each the first of its group in the process. */
const REQUESTS: Array<{ name: string; path: string }> = [
  { name: 'GET /v1/schools/:id/compliance (compliance)', path: '/v1/schools/01JSCHOOL/compliance' },
  { name: 'GET /v1/schools/:id/slots (slots)', path: '/v1/schools/01JSCHOOL/slots' },
  { name: 'GET /v1/schools/:id/bookings (bookings)', path: '/v1/schools/01JSCHOOL/bookings' },
  { name: 'GET /v1/openapi.json (built at build time)', path: '/v1/openapi.json' },
];

function once(file: string, path: string): { init: number; first: number; second: number; status: number } {
  const script = `
const t = performance.now();
const m = await import(${JSON.stringify(pathToFileURL(file).href)});
const init = performance.now() - t;
const headers = { authorization: 'Bearer any' };
let t1 = performance.now();
const res = await m.app.request(${JSON.stringify(path)}, { headers });
await res.arrayBuffer();
const first = performance.now() - t1;
t1 = performance.now();
await (await m.app.request(${JSON.stringify(path)}, { headers })).arrayBuffer();
const second = performance.now() - t1;
process.stdout.write(JSON.stringify({ init, first, second, status: res.status }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env.PATH ?? '', AWS_REGION: 'eu-west-2', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as { init: number; first: number; second: number; status: number };
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

const eagerRoot = process.argv[2];
if (!eagerRoot) throw new Error('usage: first-request.ts <root of a checkout with the eager app>');
const runs = Number(process.env.RUNS ?? 9);
const work = mkdtempSync(join(tmpdir(), 'schoolgate-first-request-'));
try {
  const subjects = [
    { name: 'lazy (this tree)', root: REPO_ROOT },
    { name: 'eager', root: resolve(eagerRoot) },
  ];
  const files: string[] = [];
  for (const [i, s] of subjects.entries()) {
    const outdir = join(work, String(i));
    await build({ ...esbuildOptions(s.root), ...SPLIT_BUILD, stdin: { contents: harness(join(s.root, 'functions/api/src/app.ts')), resolveDir: s.root, sourcefile: 'harness.ts', loader: 'ts' }, outdir });
    files.push(join(outdir, 'index.mjs'));
  }
  console.log(`  median of ${runs} fresh processes each, interleaved; ms`);
  for (const req of REQUESTS) {
    const samples = subjects.map(() => ({ init: [] as number[], first: [] as number[], second: [] as number[], status: 0 }));
    for (let run = 0; run < runs; run++) {
      for (const [i, file] of files.entries()) {
        const r = once(file, req.path);
        samples[i]!.init.push(r.init);
        samples[i]!.first.push(r.first);
        samples[i]!.second.push(r.second);
        samples[i]!.status = r.status;
      }
    }
    console.log(`  ${req.name}`);
    for (const [i, s] of subjects.entries()) {
      const x = samples[i]!;
      console.log(`    ${s.name.padEnd(17)} init ${median(x.init).toFixed(1).padStart(6)}   first request ${median(x.first).toFixed(1).padStart(6)}   second ${median(x.second).toFixed(1).padStart(5)}   init + first ${(median(x.init) + median(x.first)).toFixed(1).padStart(6)}   (status ${x.status})`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

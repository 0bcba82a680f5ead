/**
 * First contentful paint of the web app's first page beside a bare Vite + React page (one heading),
 * both built by the same Vite, served by the same local server (`startLocalServer`: compression,
 * cache headers), and loaded in turn (interleaved) in the same Chromium, each load in a fresh
 * browser context (empty cache). Figures are read as a ratio.
 *
 * Run alone: npx tsx scripts/bench/first-paint.ts   (needs /usr/bin/chromium and a built web/dist)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createApp, jwtVerifier, startLocalServer, ulid } from '@schoolgate/api';
import { createDb } from '@schoolgate/store';
import { buildWeb, initialJs, webBuildReason } from '../web-build.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** Builds the bare page with the web app's own Vite and React plugin into `out`. */
function buildBarePage(out: string): string {
  const src = join(out, 'src');
  mkdirSync(src, { recursive: true });
  writeFileSync(join(src, 'index.html'), '<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8" /><title>Bare</title></head><body><div id="root"></div><script type="module" src="./main.jsx"></script></body></html>\n');
  writeFileSync(join(src, 'main.jsx'), "import { StrictMode } from 'react';\nimport { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')).render(<StrictMode><h1>Hello</h1></StrictMode>);\n");
  const web = createRequire(join(REPO_ROOT, 'web/package.json'));
  const vite = join(dirname(web.resolve('vite/package.json')), 'bin/vite.js');
  const config = join(out, 'vite.config.mjs');
  // The bare page lives outside the repository: React resolves from the web app's installation.
  writeFileSync(
    config,
    `import react from ${JSON.stringify(web.resolve('@vitejs/plugin-react'))};\nexport default { root: ${JSON.stringify(src)}, plugins: [react()], logLevel: 'warn', resolve: { alias: { react: ${JSON.stringify(dirname(web.resolve('react/package.json')))}, 'react-dom': ${JSON.stringify(dirname(web.resolve('react-dom/package.json')))} } }, build: { outDir: ${JSON.stringify(join(out, 'dist'))}, emptyOutDir: true, sourcemap: false } };\n`,
  );
  const r = spawnSync(process.execPath, [vite, 'build', '--config', config], { cwd: out, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`building the bare page failed:\n${r.stdout}${r.stderr}`);
  return join(out, 'dist');
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export interface FirstPaintResult {
  runs: number;
  schoolgate: { fcpMs: number; initialJsGzipBytes: number };
  bare: { fcpMs: number; initialJsGzipBytes: number };
  ratio: number;
}

/**
 * @example
 * const { ratio } = await runFirstPaintBench({ runs: 9 });
 */
export async function runFirstPaintBench({ runs = 9 } = {}): Promise<FirstPaintResult> {
  if (webBuildReason(REPO_ROOT)) await buildWeb(REPO_ROOT);
  const work = mkdtempSync(join(tmpdir(), 'schoolgate-first-paint-'));
  const servers: Array<{ close: () => void }> = [];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const bareDist = buildBarePage(work);
    // The API is mounted as on AWS but never called by either first page's paint.
    const app = createApp({
      db: createDb({ tableName: 'bench', endpoint: 'http://127.0.0.1:9' }),
      verifier: jwtVerifier({ issuer: 'http://127.0.0.1:9/bench', audience: 'bench' }),
      now: () => new Date(),
      newId: () => ulid(),
      webBaseUrl: '',
    });
    const serve = async (webDir: string) => {
      const { server, url } = await startLocalServer({ app, port: 0, webDir, webConfig: { cognitoEndpoint: 'http://127.0.0.1:9', cognitoClientId: 'bench', region: 'local' } });
      servers.push(server);
      return url;
    };
    const subjects = [
      { name: 'schoolgate' as const, url: await serve(join(REPO_ROOT, 'web/dist')), samples: [] as number[] },
      { name: 'bare' as const, url: await serve(bareDist), samples: [] as number[] },
    ];
    const fcp = async (url: string) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        const page = await context.newPage();
        await page.goto(`${url}/`, { waitUntil: 'load' });
        return await page.evaluate(
          () =>
            new Promise<number>((done) => {
              const seen = performance.getEntriesByName('first-contentful-paint')[0];
              if (seen) return done(seen.startTime);
              new PerformanceObserver((list) => done(list.getEntries()[0]!.startTime)).observe({ type: 'paint', buffered: true });
            }),
        );
      } finally {
        await context.close();
      }
    };
    for (const s of subjects) await fcp(s.url); // warm-up: server, disk cache, Chromium's own start
    for (let run = 0; run < runs; run++) {
      for (let k = 0; k < subjects.length; k++) {
        const s = subjects[(run + k) % subjects.length]!;
        s.samples.push(await fcp(s.url));
      }
    }
    const [sg, bare] = subjects.map((s) => median(s.samples)) as [number, number];
    return {
      runs,
      schoolgate: { fcpMs: sg, initialJsGzipBytes: initialJs(join(REPO_ROOT, 'web/dist')).gzipBytes },
      bare: { fcpMs: bare, initialJsGzipBytes: initialJs(bareDist).gzipBytes },
      ratio: sg / bare,
    };
  } finally {
    await browser.close();
    for (const server of servers) server.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/** The lines `npm run bench` prints. */
export function firstPaintReport(r: FirstPaintResult): string[] {
  const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
  return [
    `  median of ${r.runs} interleaved cold loads (fresh browser context each), same Chromium, same local server`,
    `  schoolgate home page   initial JS ${kb(r.schoolgate.initialJsGzipBytes)} gzip   first contentful paint ${r.schoolgate.fcpMs.toFixed(0)} ms`,
    `  bare Vite React page   initial JS ${kb(r.bare.initialJsGzipBytes)} gzip   first contentful paint ${r.bare.fcpMs.toFixed(0)} ms`,
    `  schoolgate ÷ bare: ${r.ratio.toFixed(2)}×`,
  ];
}

const isEntryPoint = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) {
  for (const line of firstPaintReport(await runFirstPaintBench({ runs: Number(process.env.RUNS ?? 9) }))) console.log(line);
  process.exit(0);
}

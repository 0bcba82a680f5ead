import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

/** What the built web app (web/dist) is made from: the app, its build config and the shared contracts. */
const SOURCES = ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/package.json', 'packages/contracts/src', 'package-lock.json'];

function newest(path: string): { path: string; mtimeMs: number } | undefined {
  if (!existsSync(path)) return undefined;
  const stat = statSync(path);
  if (!stat.isDirectory()) return { path, mtimeMs: stat.mtimeMs };
  let found: { path: string; mtimeMs: number } | undefined;
  for (const entry of readdirSync(path)) {
    const inner = newest(join(path, entry));
    if (inner && (!found || inner.mtimeMs > found.mtimeMs)) found = inner;
  }
  return found;
}

/**
 * Why web/dist must be built before serving it, or undefined when it is up to date: it is missing,
 * or a source file changed after it was built.
 *
 * @example
 * webBuildReason('/repo') // 'web/dist is missing' | 'web/src/main.tsx changed since web/dist was built' | undefined
 */
export function webBuildReason(root: string): string | undefined {
  const built = join(root, 'web/dist/index.html');
  if (!existsSync(built)) return 'web/dist is missing';
  const builtAt = statSync(built).mtimeMs;
  for (const source of SOURCES) {
    const changed = newest(join(root, source));
    if (changed && changed.mtimeMs > builtAt) return `${relative(root, changed.path)} changed since web/dist was built`;
  }
  return undefined;
}

/** Builds web/dist with Vite (as `npm run build:web` does), quietly; rejects with Vite's output if it fails. */
export function buildWeb(root: string): Promise<void> {
  const web = join(root, 'web');
  const vite = join(dirname(createRequire(join(web, 'package.json')).resolve('vite/package.json')), 'bin/vite.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: web, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`building the web app failed:\n${output.trim()}`))));
  });
}

/**
 * The JavaScript a browser fetches before the first page can render: the entry script and
 * modulepreloads of web/dist/index.html and every chunk they import statically (dynamic imports,
 * the lazily loaded pages, are left out), each with its gzip size.
 *
 * @example
 * const { files, gzipBytes } = initialJs('/repo/web/dist'); // gzipBytes < 100_000
 */
export function initialJs(dist: string): { files: Array<{ file: string; gzipBytes: number }>; gzipBytes: number } {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const queue = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\/([^"]+\.js)"/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(dist, file), 'utf8');
    // Static imports between chunks, as Rollup/Rolldown write them minified: `from"./x.js"`, `import"./x.js"`.
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([^"']+\.js)["']/g)) queue.push(join(dirname(file), m[1]!));
  }
  const files = [...seen].map((file) => ({ file, gzipBytes: gzipSync(readFileSync(join(dist, file)), { level: 9 }).length }));
  return { files, gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0) };
}

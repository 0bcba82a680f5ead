import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb, initialJs, webBuildReason } from '../scripts/web-build.js';

describe('when npm start builds the web app', () => {
  let root: string;
  const file = (path: string, secondsAgo: number) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), 'x');
    const at = new Date(Date.now() - secondsAgo * 1000);
    utimesSync(join(root, path), at, at);
  };
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('builds when web/dist is missing, or a source is newer than it, and not otherwise', () => {
    root = mkdtempSync(join(tmpdir(), 'web-build-'));
    file('web/src/main.tsx', 300);
    file('packages/contracts/src/slots.ts', 300);
    expect(webBuildReason(root)).toBe('web/dist is missing');
    file('web/dist/index.html', 200);
    expect(webBuildReason(root)).toBeUndefined();
    file('web/src/pages/home.tsx', 100);
    expect(webBuildReason(root)).toBe('web/src/pages/home.tsx changed since web/dist was built');
    file('web/dist/index.html', 50);
    expect(webBuildReason(root)).toBeUndefined();
    file('packages/contracts/src/slots.ts', 10);
    expect(webBuildReason(root)).toBe('packages/contracts/src/slots.ts changed since web/dist was built');
  });
});

/** What the first page costs a browser, read from the real build (built here when stale). */
describe('the built web app', () => {
  const repo = resolve(import.meta.dirname, '..');
  const dist = join(repo, 'web/dist');
  beforeAll(async () => {
    if (webBuildReason(repo)) await buildWeb(repo);
  }, 120_000);

  it('sends under 100 KB of gzipped JavaScript before the first page renders (pages load on first visit)', () => {
    const { files, gzipBytes } = initialJs(dist);
    expect(files.length).toBeGreaterThan(0);
    expect(gzipBytes, files.map((f) => `${f.file} ${f.gzipBytes} B`).join(', ')).toBeLessThan(100_000);
  });

  it('keeps the .ics reader (ical.js) out of the first page: it loads when a school picks a file', () => {
    const first = initialJs(dist).files.map((f) => readFileSync(join(dist, f.file), 'utf8')).join('\n');
    expect(first).not.toMatch(/vcalendar/i);
    const all = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(dist, 'assets', f), 'utf8'));
    expect(all.some((code) => /vcalendar/i.test(code))).toBe(true);
  });

  it('ships no source map and references no GOV.UK font or image it does not serve', () => {
    const assets = readdirSync(join(dist, 'assets'));
    expect(assets.filter((f) => f.endsWith('.map'))).toEqual([]);
    for (const file of assets.filter((f) => f.endsWith('.js') || f.endsWith('.css'))) {
      const text = readFileSync(join(dist, 'assets', file), 'utf8');
      expect(text, file).not.toMatch(/sourceMappingURL=/);
      expect(text, file).not.toMatch(/\/assets\/(fonts|images)\//);
      expect(text, file).not.toMatch(/@font-face/);
    }
  });
});

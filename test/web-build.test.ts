import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { webBuildReason } from '../scripts/web-build.js';

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

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

function preflight(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/preflight.ts'], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
}

describe('npm test preflight', () => {
  it('runs before anything else in npm test', () => {
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.test?.startsWith('tsx scripts/preflight.ts && ')).toBe(true);
  });

  it('is silent when Chromium and Java are there', () => {
    const run = preflight({});
    expect(run.status).toBe(0);
    expect(run.stdout + run.stderr).toBe('');
  });

  it('says in one line what to install when Chromium and Java are missing, and exits 1', () => {
    // java and node share /usr/bin here: a PATH with node alone hides java.
    const noJava = mkdtempSync(join(tmpdir(), 'no-java-'));
    symlinkSync(process.execPath, join(noJava, 'node'));
    try {
      const run = preflight({ PATH: noJava, CHROMIUM_PATH: join(noJava, 'chromium') });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toEqual([
        `npm test needs Chromium (${join(noJava, 'chromium')}) and Java 17: install with \`apt-get install -y chromium openjdk-17-jre-headless\` (or set CHROMIUM_PATH to a Chromium binary).`,
      ]);
      const javaOnly = preflight({ PATH: noJava });
      expect(javaOnly.stderr.trim()).toBe('npm test needs Java 17: install with `apt-get install -y openjdk-17-jre-headless`.');
    } finally {
      rmSync(noJava, { recursive: true, force: true });
    }
  });
});

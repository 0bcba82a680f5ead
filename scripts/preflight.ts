/**
 * Run first by `npm test`: says in one line what to install when the browser tests' Chromium or
 * DynamoDB Local's Java is missing, before anything else runs, and exits 1. Silent when all is there.
 */
import { accessSync, constants } from 'node:fs';
import { spawnSync } from 'node:child_process';

/** The same default the browser tests use (test/support/browser.ts). */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Java's major version from `java -version` ("17.0.13", or "1.8.0_392" for 8), or undefined with no java. */
function javaMajor(): number | undefined {
  const run = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (run.error || run.status !== 0) return undefined;
  const version = /version "(\d+)(?:\.(\d+))?/.exec(`${run.stderr}${run.stdout}`);
  if (!version) return 0;
  return version[1] === '1' ? Number(version[2]) : Number(version[1]);
}

const missing: Array<{ what: string; apt: string }> = [];
if (!executable(chromium)) missing.push({ what: `Chromium (${chromium})`, apt: 'chromium' });
const java = javaMajor();
if (java === undefined || java < 17) missing.push({ what: java === undefined ? 'Java 17' : `Java 17 (found Java ${java})`, apt: 'openjdk-17-jre-headless' });

if (missing.length) {
  console.error(
    `npm test needs ${missing.map((m) => m.what).join(' and ')}: install with \`apt-get install -y ${missing.map((m) => m.apt).join(' ')}\`${
      missing.some((m) => m.apt === 'chromium') ? ' (or set CHROMIUM_PATH to a Chromium binary)' : ''
    }.`,
  );
  process.exit(1);
}

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/app.js';

const hasWebDist = fs.existsSync(path.join(REPO_ROOT, 'web', 'dist', 'index.html'));

// The real thing: the CDK CLI, tsx, esbuild bundling of all three functions and cdk-nag, with no
// credentials and no network. web/dist is built by `npm test` before vitest runs; without it the
// app refuses to synth on purpose, so this is skipped rather than faked.
describe.skipIf(!hasWebDist)('npm run synth', () => {
  it('writes the dev template with bundled functions to cdk.out', () => {
    const env = {
      ...process.env,
      CDK_DISABLE_VERSION_CHECK: '1',
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_PROFILE: '',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    execFileSync('npm', ['run', 'synth'], { cwd: REPO_ROOT, env, stdio: 'pipe', timeout: 180_000 });
    const out = path.join(REPO_ROOT, 'cdk.out');
    const template = JSON.parse(fs.readFileSync(path.join(out, 'Schoolgate-dev.template.json'), 'utf8')) as {
      Resources: Record<string, { Type: string; Metadata?: Record<string, string> }>;
    };
    const functions = Object.entries(template.Resources).filter(
      ([id, r]) => r.Type === 'AWS::Lambda::Function' && /^(Api|Notifications)/.test(id),
    );
    // The API, the outbox consumer, the daily scheduler and the per-school sweep worker.
    expect(functions).toHaveLength(4);
    for (const [, fn] of functions) {
      const assetDir = path.join(out, fn.Metadata!['aws:asset:path']!);
      expect(fs.existsSync(path.join(assetDir, 'index.mjs'))).toBe(true);
      // No source map shipped (nothing reads it on Lambda without --enable-source-maps).
      expect(fs.existsSync(path.join(assetDir, 'index.mjs.map'))).toBe(false);
      // Credentials come from the Lambda environment only: the default chain's file, SSO and
      // process providers are not in the bundle (infra/src/function.ts aliases it away).
      // Every file of the split bundle (index.mjs and the chunks it loads on first use).
      const files = (fs.readdirSync(assetDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.mjs'));
      const code = files.map((f) => fs.readFileSync(path.join(assetDir, f), 'utf8')).join('\n');
      expect(code).not.toContain('@aws-sdk/credential-provider-ini');
      expect(code).not.toContain('@aws-sdk/credential-provider-sso');
      expect(code).toContain('@aws-sdk/credential-provider-env');
    }
    // The API's route groups are chunks of their own, read on a group's first request
    // (functions/api/src/lazy-routes.ts), not part of what a cold start loads.
    const api = functions.find(([id]) => id.startsWith('Api'))!;
    const apiDir = path.join(out, api[1].Metadata!['aws:asset:path']!);
    const chunks = fs.readdirSync(path.join(apiDir, 'chunks'));
    expect(chunks.length).toBeGreaterThan(10);
    expect(fs.statSync(path.join(apiDir, 'index.mjs')).size).toBeLessThan(300 * 1024);
    expect(Object.values(template.Resources).some((r) => r.Type === 'Custom::CDKBucketDeployment')).toBe(true);
  }, 200_000);
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { buildApp } from '../src/app.js';
import { describe, expect, it } from 'vitest';
import { synthStage } from './helpers.js';

interface Report {
  pluginReports: Array<{ pluginName: string; conclusion: string; violations: Array<{ ruleName: string; violatingConstructs: Array<{ constructPath: string }> }> }>;
}

describe('cdk-nag AwsSolutions', () => {
  // synthStage runs app.synth(), which throws on any unacknowledged finding; the report is read
  // as well so a failure here says which rule and construct.
  it.each([
    ['dev', {}],
    ['prod', {}],
    ['prod with a custom domain', { domainName: 'app.schoolgate.example', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' }],
  ] as const)('%s: no unacknowledged errors or warnings', (label, ctx) => {
    const stage = label.startsWith('dev') ? 'dev' : 'prod';
    const { outdir, stack } = synthStage(stage, ctx);
    // CDK's own construct warnings are shown by the CLI next to nag's; they count too.
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.anyValue());
    expect(warnings.map((w) => `${w.id}: ${JSON.stringify(w.entry.data)}`)).toEqual([]);
    const reportPath = path.join(outdir, 'validation-report.json');
    if (!fs.existsSync(reportPath)) return; // no plugin reported anything at all
    const report = JSON.parse(fs.readFileSync(reportPath, 'utf8')) as Report;
    const open = report.pluginReports.flatMap((p) =>
      p.violations.map((v) => `${p.pluginName} ${v.ruleName} at ${v.violatingConstructs.map((c) => c.constructPath).join(', ')}`),
    );
    expect(open).toEqual([]);
    for (const p of report.pluginReports) expect(p.conclusion).toBe('success');
  }, 120_000); // the first case pays for loading aws-cdk-lib and its first synth: ~27 s on a loaded 2-core machine

  // Proves the pack is wired into buildApp: an unacknowledged finding must stop synthesis.
  it('fails synthesis when a new finding is not acknowledged', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'schoolgate-nag-neg-'));
    const { app, stack } = buildApp({ outdir, requireWebDist: false, context: { 'aws:cdk:bundling-stacks': [] } });
    new Queue(stack, 'UnencryptedOverPlainHttp', { encryption: QueueEncryption.UNENCRYPTED });
    expect(() => app.synth()).toThrow(/AwsSolutions/);
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as Report;
    const rules = report.pluginReports.flatMap((p) => p.violations.map((v) => v.ruleName));
    expect(rules.some((r) => /SQS4/.test(r))).toBe(true);
  });
});

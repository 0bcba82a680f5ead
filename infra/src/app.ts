import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SchoolgateConfig, StageName } from './config.js';
import { SchoolgateStack } from './schoolgate-stack.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface BuildAppOptions extends AppProps {
  /**
   * When false, a missing web/dist leaves the BucketDeployment out instead of failing
   * (unit tests that run before `npm run build -w web`). The real app passes true.
   */
  readonly requireWebDist?: boolean;
}

export interface BuiltApp {
  readonly app: App;
  readonly stack: SchoolgateStack;
  readonly config: SchoolgateConfig;
}

/**
 * Builds the Schoolgate app from context. Used by the CDK entry point below and by the tests.
 *
 * @example
 * const { app, stack } = buildApp({ context: { stage: 'prod', 'aws:cdk:bundling-stacks': [] } });
 */
export function buildApp(options: BuildAppOptions = {}): BuiltApp {
  const { requireWebDist = true, ...appProps } = options;
  const app = new App(appProps);
  const ctx = (key: string): string | undefined => {
    const value: unknown = app.node.tryGetContext(key);
    return typeof value === 'string' && value.length > 0 ? value : undefined;
  };

  const stage = ctx('stage') ?? 'dev';
  if (stage !== 'dev' && stage !== 'prod') {
    throw new Error(`context stage must be "dev" or "prod", got "${stage}"`);
  }
  const domainName = ctx('domainName');
  const certificateArn = ctx('certificateArn');
  if (domainName && !certificateArn) {
    throw new Error('context domainName needs certificateArn (an ACM certificate in us-east-1)');
  }
  const webDist = path.join(REPO_ROOT, 'web', 'dist');
  const hasWebDist = fs.existsSync(path.join(webDist, 'index.html'));
  if (requireWebDist && !hasWebDist) {
    throw new Error(`${webDist}/index.html not found: run "npm run build -w web" before synth`);
  }

  const config: SchoolgateConfig = {
    stage: stage as StageName,
    mailDomain: ctx('mailDomain') ?? 'schoolgate.example',
    domainName,
    certificateArn,
    alarmEmail: ctx('alarmEmail'),
    webDistPath: hasWebDist ? webDist : undefined,
    repoRoot: REPO_ROOT,
  };

  const stack = new SchoolgateStack(app, `Schoolgate-${config.stage}`, {
    config,
    // Account stays unresolved unless given, so synth needs no credentials; the region is fixed
    // because the cost model, SES setup and docs assume London.
    env: {
      account: ctx('account') ?? process.env.CDK_DEFAULT_ACCOUNT,
      region: ctx('region') ?? 'eu-west-2',
    },
    description: `Schoolgate careers-encounter marketplace (${config.stage})`,
    terminationProtection: config.stage === 'prod',
  });

  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack, config };
}

const isEntryPoint =
  process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) {
  buildApp().app.synth();
}

import { Duration, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import path from 'node:path';
import type { BuildOptions } from 'esbuild';

/**
 * esbuild options shared by the CDK and scripts/bench/cold-init.ts, so the bench measures the
 * bundle that ships.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __sgCreateRequire } from 'node:module'; const require = __sgCreateRequire(import.meta.url);";

export const BUNDLING: BundlingOptions = {
  minify: true,
  // No source map: loading one with --enable-source-maps made the API's cold init ~29% slower,
  // and without that flag Lambda never reads it. Stack traces name minified functions; the
  // bundle can be rebuilt with a map from the same commit to read one.
  sourceMap: false,
  target: 'node22',
  format: OutputFormat.ESM,
  // Some CommonJS dependencies (the AWS SDK's transitive ones) call require() for Node built-ins;
  // an ESM bundle has no require unless we make one.
  banner: ESM_REQUIRE_BANNER,
  // Prefer ESM entry points so esbuild can tree-shake.
  mainFields: ['module', 'main'],
  // Pin the SDK version we test against instead of whatever the Lambda runtime ships.
  bundleAwsSDK: true,
  forceDockerBundling: false,
  esbuildArgs: {
    // Lambda puts the execution role's credentials in the environment: the SDK's default chain
    // (ini, SSO, process, web identity, IMDS, and the STS/SSO clients they carry, ~130 KB) is
    // replaced by the environment provider alone. Relative to the repository root (the CDK runs
    // esbuild there).
    '--alias:@aws-sdk/credential-provider-node': './packages/store/src/lambda-credentials.ts',
  },
};

/**
 * The esbuild options `NodejsFunction` runs with `BUNDLING` (CDK: aws-lambda-nodejs/lib/bundling.ts),
 * for the JavaScript API: the split build below and the cold-init bench use them.
 *
 * @example
 * await build({ ...esbuildOptions(repoRoot), entryPoints: ['functions/api/src/lambda.ts'], outfile });
 */
export function esbuildOptions(repoRoot: string): BuildOptions {
  const b = BUNDLING;
  const alias: Record<string, string> = {};
  for (const [key, value] of Object.entries(b.esbuildArgs ?? {})) {
    const m = /^--alias:(.+)$/.exec(key);
    if (m && typeof value === 'string') alias[m[1]!] = path.resolve(repoRoot, value);
  }
  return {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: b.target ?? 'node22',
    minify: b.minify ?? false,
    sourcemap: b.sourceMap ? ((b.sourceMapMode ?? true) as BuildOptions['sourcemap']) : false,
    sourcesContent: b.sourcesContent ?? true,
    mainFields: [...(b.mainFields ?? ['module', 'main'])],
    banner: b.banner ? { js: b.banner } : undefined,
    define: b.define,
    external: [...(b.externalModules ?? [])],
    ...(Object.keys(alias).length ? { alias } : {}),
    logLevel: 'silent',
    absWorkingDir: repoRoot,
  };
}

/**
 * Split output: the entry as `index.mjs` plus a chunk per part reached only by a dynamic
 * `import()` (the API's route groups, lazy-routes.ts), so a cold start neither reads nor compiles
 * code it has not used yet. Measured on one machine in one run: the API's cold init 2.34× a minimal
 * Hono + zod + DynamoDB function as one file, 1.27× split (docs/benchmarks.md).
 */
export const SPLIT_BUILD: BuildOptions = {
  splitting: true,
  entryNames: 'index',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
};

/**
 * `NodejsFunction` runs esbuild with `--outfile`, which cannot split. After it, the function is
 * built again from the same options with splitting into the same asset directory
 * (infra/src/split-bundle.ts), replacing its index.mjs.
 */
export const splitBundleHooks = (entry: string) => ({
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: (inputDir: string, outputDir: string) => [
    `"${path.join(inputDir, 'node_modules', '.bin', 'tsx')}" "${path.join(inputDir, 'infra', 'src', 'split-bundle.ts')}" "${entry}" "${outputDir}"`,
  ],
});

/**
 * The deployed functions' NODE_OPTIONS (the cold-init bench starts its processes with the same):
 * none. `--enable-source-maps` parsed a 3.7 MB map at every cold start.
 */
export const LAMBDA_NODE_OPTIONS = '';

export interface AppFunctionProps {
  readonly repoRoot: string;
  /** Entry relative to the repository root. */
  readonly entry: string;
  readonly description: string;
  readonly environment: Record<string, string>;
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
  readonly memorySize?: number;
  readonly timeout?: Duration;
}

/**
 * A NodejsFunction with its own log group and its own role. The role is built here rather than
 * by NodejsFunction so that it does not get the AWSLambdaBasicExecutionRole managed policy
 * (logs:* on every log group); it may write only to its own group.
 */
export class AppFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.description} (execution role)`,
    });
    this.role.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    this.fn = new NodejsFunction(this, 'Function', {
      entry: path.join(props.repoRoot, props.entry),
      handler: 'handler',
      projectRoot: props.repoRoot,
      depsLockFilePath: path.join(props.repoRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      description: props.description,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      // Active tracing: Lambda samples each invocation into X-Ray (the trace id is in every log
      // line); the notify functions add their own subsegments through Powertools Tracer. CDK adds
      // xray:PutTraceSegments and xray:PutTelemetryRecords on Resource "*" to the role: see below.
      tracing: Tracing.ACTIVE,
      environment: {
        ...props.environment,
        // Powertools Logger and Metrics (functions/*/src/observability.ts): the service each log
        // line and metric names, and the CloudWatch namespace of the metrics.
        POWERTOOLS_SERVICE_NAME: `schoolgate-${props.entry.split('/')[1]}`,
        POWERTOOLS_METRICS_NAMESPACE: 'Schoolgate',
        ...(LAMBDA_NODE_OPTIONS ? { NODE_OPTIONS: LAMBDA_NODE_OPTIONS } : ({} as Record<string, string>)),
      },
      bundling: { ...BUNDLING, commandHooks: splitBundleHooks(props.entry) },
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions (AWS Service Authorization Reference, AWS X-Ray: no resource type), so Resource "*" is the only form; infra/test/iam.test.ts allows exactly these two actions on "*".',
    });
    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'nodejs22.x is the runtime the project targets (esbuild target node22, local Node 20/22 parity); moving to nodejs24.x is a deliberate upgrade, not a drive-by.',
    });
  }
}

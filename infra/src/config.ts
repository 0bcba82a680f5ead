import type { RemovalPolicy } from 'aws-cdk-lib';

export type StageName = 'dev' | 'prod';

/** Everything the stack reads from CDK context, resolved once in app.ts. */
export interface SchoolgateConfig {
  readonly stage: StageName;
  /** Domain verified in SES; mail is sent from no-reply@<mailDomain>. */
  readonly mailDomain: string;
  /** Optional custom domain for CloudFront; requires certificateArn (ACM, us-east-1). */
  readonly domainName?: string;
  readonly certificateArn?: string;
  /** Optional address subscribed to the alarm topic. */
  readonly alarmEmail?: string;
  /**
   * Absolute path of the built web app. When undefined (unit tests before `npm run build -w web`)
   * the BucketDeployment is left out; app.ts always passes it so a real synth includes it.
   */
  readonly webDistPath?: string;
  /** Absolute path of the repository root (npm workspaces, one lockfile). */
  readonly repoRoot: string;
}

export interface RemovalPolicies {
  /** For stores of record (table, user pool, buckets). */
  readonly data: RemovalPolicy;
  /** For things that can be rebuilt from code (log groups, queues, topics). */
  readonly ephemeral: RemovalPolicy;
}

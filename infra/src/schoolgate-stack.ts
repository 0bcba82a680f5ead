import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { Api } from './api.js';
import { Auth } from './auth.js';
import type { RemovalPolicies, SchoolgateConfig } from './config.js';
import { Data } from './data.js';
import { Notifications } from './notifications.js';

export interface SchoolgateStackProps extends StackProps {
  readonly config: SchoolgateConfig;
}

export class SchoolgateStack extends Stack {
  readonly data: Data;
  readonly auth: Auth;
  readonly api: Api;
  readonly notifications: Notifications;

  constructor(scope: Construct, id: string, props: SchoolgateStackProps) {
    super(scope, id, props);
    const { config } = props;
    const prod = config.stage === 'prod';
    const removal: RemovalPolicies = {
      data: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      ephemeral: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    };
    const logRetention = prod ? RetentionDays.SIX_MONTHS : RetentionDays.TWO_WEEKS;
    const sesFromAddress = `no-reply@${config.mailDomain}`;

    this.data = new Data(this, 'Data');
    this.auth = new Auth(this, 'Auth', { removalPolicy: removal.data });
    this.api = new Api(this, 'Api', {
      repoRoot: config.repoRoot,
      stage: config.stage,
      table: this.data.table,
      issuerUrl: this.auth.issuerUrl,
      audience: this.auth.webClient.userPoolClientId,
      sesFromAddress,
      logRetention,
      logRemovalPolicy: removal.ephemeral,
    });
    this.notifications = new Notifications(this, 'Notifications', {
      repoRoot: config.repoRoot,
      stage: config.stage,
      table: this.data.table,
      mailDomain: config.mailDomain,
      sesFromAddress,
      logRetention,
      logRemovalPolicy: removal.ephemeral,
    });
  }
}

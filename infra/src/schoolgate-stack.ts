import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { Alarms } from './alarms.js';
import { Api } from './api.js';
import { Auth } from './auth.js';
import type { RemovalPolicies, SchoolgateConfig } from './config.js';
import { Data } from './data.js';
import { Files } from './files.js';
import { Notifications } from './notifications.js';
import { Web } from './web.js';

export interface SchoolgateStackProps extends StackProps {
  readonly config: SchoolgateConfig;
}

export class SchoolgateStack extends Stack {
  readonly data: Data;
  readonly auth: Auth;
  readonly api: Api;
  readonly notifications: Notifications;
  readonly web: Web;
  readonly alarms: Alarms;
  readonly files: Files;

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
    this.web = new Web(this, 'Web', {
      httpApi: this.api.httpApi,
      webDistPath: config.webDistPath,
      webConfig: {
        cognitoEndpoint: `https://cognito-idp.${this.region}.amazonaws.com/`,
        cognitoClientId: this.auth.webClient.userPoolClientId,
        region: this.region,
      },
      domainName: config.domainName,
      certificateArn: config.certificateArn,
    });
    // Added after the distribution exists; no cycle, because the distribution only needs the
    // API's id, not its routes or this function.
    for (const fn of [this.api.handler, this.notifications.streamConsumer, this.notifications.reminders, this.notifications.sweepWorker]) {
      fn.fn.addEnvironment('WEB_BASE_URL', this.web.baseUrl);
    }
    // Safety pack files (work experience): uploads only from the web app's origin.
    this.files = new Files(this, 'Files', { webOrigin: this.web.baseUrl, accessLogsBucket: this.web.logBucket });
    this.files.grantApi(this.api.handler.role);
    this.api.handler.fn.addEnvironment('FILES_BUCKET', this.files.bucket.bucketName);
    this.alarms = new Alarms(this, 'Alarms', {
      httpApi: this.api.httpApi,
      functions: {
        Api: this.api.handler.fn,
        StreamConsumer: this.notifications.streamConsumer.fn,
        Reminders: this.notifications.reminders.fn,
        SweepWorker: this.notifications.sweepWorker.fn,
      },
      streamConsumer: this.notifications.streamConsumer.fn,
      failedBatches: this.notifications.failedBatches,
      sweepDeadLetters: this.notifications.sweepDeadLetters,
      configurationSetName: this.notifications.configurationSet.configurationSetName,
      alarmEmail: config.alarmEmail,
      removalPolicy: removal.ephemeral,
    });
  }
}

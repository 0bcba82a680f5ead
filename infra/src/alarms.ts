import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  MathExpression,
  Metric,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SES_METRIC_DIMENSION } from './notifications.js';

export interface AlarmsProps {
  readonly httpApi: HttpApi;
  readonly functions: Record<string, IFunction>;
  readonly streamConsumer: IFunction;
  readonly failedBatches: IQueue;
  /** The daily sweep's dead-letter queue (tasks that failed three times). */
  readonly sweepDeadLetters?: IQueue;
  readonly configurationSetName: string;
  readonly alarmEmail?: string;
  readonly removalPolicy: RemovalPolicy;
}

export class Alarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);

    const key = new Key(this, 'TopicKey', {
      description: 'Encrypts the Schoolgate alarm topic',
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });
    // CloudWatch publishes to an encrypted topic only if the key lets it.
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Schoolgate alarms',
      masterKey: key,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const action = new SnsAction(this.topic);

    const add = (name: string, metric: IMetric, threshold: number, description: string, evaluationPeriods = 1) => {
      const alarm = new Alarm(this, name, {
        metric,
        threshold,
        evaluationPeriods,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      this.alarms.push(alarm);
      return alarm;
    };

    const period = Duration.minutes(5);
    // A rate rather than a count so a quiet night with one failed request does not page, and a
    // September peak with many does.
    add(
      'Api5xxRate',
      new MathExpression({
        expression: 'IF(requests > 0, 100 * errors / requests, 0)',
        usingMetrics: {
          errors: props.httpApi.metricServerError({ period, statistic: 'Sum' }),
          requests: props.httpApi.metricCount({ period, statistic: 'Sum' }),
        },
        label: 'API 5xx %',
        period,
      }),
      2,
      'More than 2% of API requests returned 5xx for two of three 5-minute periods.',
      2,
    );

    for (const [name, fn] of Object.entries(props.functions)) {
      add(`${name}Errors`, fn.metricErrors({ period, statistic: 'Sum' }), 5, `${name} function errors (5 or more in 5 minutes).`);
      add(`${name}Throttles`, fn.metricThrottles({ period, statistic: 'Sum' }), 1, `${name} function was throttled.`);
    }

    add(
      'StreamIteratorAge',
      props.streamConsumer.metric('IteratorAge', { period, statistic: 'Maximum' }),
      Duration.minutes(15).toMilliseconds(),
      'The outbox consumer is more than 15 minutes behind the table stream; emails are late.',
    );

    add(
      'FailedEmailBatches',
      new Metric({
        namespace: 'AWS/SQS',
        metricName: 'ApproximateNumberOfMessagesVisible',
        dimensionsMap: { QueueName: props.failedBatches.queueName },
        period,
        statistic: 'Maximum',
      }),
      1,
      'Outbox stream batches failed after all retries; see docs/deploy.md to replay them.',
    );

    if (props.sweepDeadLetters) {
      add(
        'FailedSweepTasks',
        new Metric({
          namespace: 'AWS/SQS',
          metricName: 'ApproximateNumberOfMessagesVisible',
          dimensionsMap: { QueueName: props.sweepDeadLetters.queueName },
          period,
          statistic: 'Maximum',
        }),
        1,
        "A daily sweep task (a school's AT_RISK check or a day-shard of reminders) failed three times; see docs/deploy.md to replay it.",
      );
    }

    const sesMetric = (metricName: string) =>
      new Metric({
        namespace: 'AWS/SES',
        metricName,
        dimensionsMap: { [SES_METRIC_DIMENSION]: props.configurationSetName },
        period: Duration.hours(1),
        statistic: 'Sum',
      });
    add('EmailBounces', sesMetric('Bounce'), 20, 'Twenty or more bounces in an hour: check school contact data before SES reputation suffers.');
    add('EmailComplaints', sesMetric('Complaint'), 3, 'Recipients are marking Schoolgate email as spam.');
  }
}

import { Duration, Stack, Validations, type CfnElement, type RemovalPolicy } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import {
  CloudWatchDimensionSource,
  ConfigurationSet,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
} from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { TimeZone } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AppFunction } from './function.js';
import { grantTableItemAccess } from './iam.js';

/** CloudWatch dimension under which SES publishes this configuration set's bounce/complaint counts. */
export const SES_METRIC_DIMENSION = 'ses:configuration-set';

export interface NotificationsProps {
  readonly repoRoot: string;
  readonly stage: string;
  readonly table: ITableV2;
  readonly mailDomain: string;
  readonly sesFromAddress: string;
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
}

export class Notifications extends Construct {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  readonly configurationSetArn: string;
  readonly streamConsumer: AppFunction;
  readonly reminders: AppFunction;
  /** Stream batches that still failed after retries and bisection land here. */
  readonly failedBatches: Queue;
  readonly schedule: Schedule;
  readonly streamSource: DynamoEventSource;
  /** The daily job's tasks (one per school, one per date and shard); see functions/notify/src/fanout.ts. */
  readonly sweepQueue: Queue;
  /** Sweep tasks that failed maxReceiveCount times. */
  readonly sweepDeadLetters: Queue;
  /** Consumes the sweep queue, reporting failed messages one by one. */
  readonly sweepWorker: AppFunction;
  readonly sweepSource: SqsEventSource;

  constructor(scope: Construct, id: string, props: NotificationsProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
    });
    // Bounces and complaints as CloudWatch metrics so the alarm topic hears about a reputation
    // problem before SES pauses the account; per-recipient failures of the send call itself are
    // recorded by the stream consumer on the outbox item.
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: EventDestination.cloudWatchDimensions([
        {
          name: SES_METRIC_DIMENSION,
          source: CloudWatchDimensionSource.MESSAGE_TAG,
          defaultValue: 'none',
        },
      ]),
      events: [
        EmailSendingEvent.BOUNCE,
        EmailSendingEvent.COMPLAINT,
        EmailSendingEvent.REJECT,
        EmailSendingEvent.RENDERING_FAILURE,
        EmailSendingEvent.DELIVERY_DELAY,
      ],
    });
    this.configurationSetArn = stack.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
    this.identity = new EmailIdentity(this, 'Domain', {
      identity: Identity.domain(props.mailDomain),
      configurationSet: this.configurationSet,
    });

    const sesSend = new PolicyStatement({
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: [this.identity.emailIdentityArn, this.configurationSetArn],
    });
    const environment = {
      TABLE_NAME: props.table.tableName,
      SES_FROM_ADDRESS: props.sesFromAddress,
      SES_CONFIGURATION_SET: this.configurationSet.configurationSetName,
      STAGE: props.stage,
      // WEB_BASE_URL is added by the stack once the distribution exists.
    };

    this.streamConsumer = new AppFunction(this, 'StreamConsumer', {
      repoRoot: props.repoRoot,
      entry: 'functions/notify/src/stream-lambda.ts',
      description: 'Schoolgate outbox consumer: sends email for outbox events',
      environment,
      logRetention: props.logRetention,
      logRemovalPolicy: props.logRemovalPolicy,
      memorySize: 512,
      timeout: Duration.seconds(60),
    });
    this.streamConsumer.role.addToPolicy(sesSend);
    grantTableItemAccess(this.streamConsumer.role, props.table);

    this.failedBatches = new Queue(this, 'FailedBatches', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Longest SQS allows: someone has to look at these and replay them.
      retentionPeriod: Duration.days(14),
      removalPolicy: props.logRemovalPolicy,
    });
    Validations.of(this.failedBatches).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the terminal on-failure destination of the outbox stream consumer; it holds batch pointers for manual replay and is alarmed on depth.',
    });

    this.streamSource = new DynamoEventSource(props.table, {
      // Outbox events must not be skipped when the mapping is (re)created; the consumer records
      // delivery status per event, so replays do not send twice.
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 10,
      maxBatchingWindow: Duration.seconds(1),
      // Only new outbox items wake the function; every other write on the table is ignored
      // by the event source mapping and costs nothing.
      filters: [
        FilterCriteria.filter({
          eventName: FilterRule.isEqual('INSERT'),
          dynamodb: { NewImage: { type: { S: FilterRule.isEqual('outbox') } } },
        }),
      ],
      reportBatchItemFailures: true,
      bisectBatchOnError: true,
      retryAttempts: 5,
      maxRecordAge: Duration.hours(6),
      onFailure: new SqsDlq(this.failedBatches),
    });
    this.streamConsumer.fn.addEventSource(this.streamSource);

    // The daily job fans out: the scheduled function only lists the work (one message per school
    // and per date and shard of the by-date index) and the worker does it, ten messages a batch,
    // reporting the ones that failed so only they come back.
    this.sweepDeadLetters = new Queue(this, 'SweepDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: props.logRemovalPolicy,
    });
    Validations.of(this.sweepDeadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the dead-letter queue of the daily sweep queue; it is alarmed on depth and replayed by hand (docs/deploy.md).',
    });
    const sweepTimeout = Duration.seconds(60);
    this.sweepQueue = new Queue(this, 'SweepQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS's advice for a Lambda consumer: six times the function's timeout.
      visibilityTimeout: Duration.seconds(sweepTimeout.toSeconds() * 6),
      retentionPeriod: Duration.days(1),
      deadLetterQueue: { queue: this.sweepDeadLetters, maxReceiveCount: 3 },
      removalPolicy: props.logRemovalPolicy,
    });

    this.sweepWorker = new AppFunction(this, 'SweepWorker', {
      repoRoot: props.repoRoot,
      entry: 'functions/notify/src/sweep-lambda.ts',
      description: "Schoolgate daily sweep worker: one school's AT_RISK check or one day-shard of reminders per message",
      environment,
      logRetention: props.logRetention,
      logRemovalPolicy: props.logRemovalPolicy,
      memorySize: 512,
      timeout: sweepTimeout,
    });
    this.sweepWorker.role.addToPolicy(sesSend);
    grantTableItemAccess(this.sweepWorker.role, props.table);
    this.sweepSource = new SqsEventSource(this.sweepQueue, {
      batchSize: 10,
      maxBatchingWindow: Duration.seconds(5),
      reportBatchItemFailures: true,
      // Bounded so the sweep does not outrun SES's sending rate or the table's provisioned reads.
      maxConcurrency: 10,
    });
    this.sweepWorker.fn.addEventSource(this.sweepSource);

    this.reminders = new AppFunction(this, 'Reminders', {
      repoRoot: props.repoRoot,
      entry: 'functions/notify/src/reminders-lambda.ts',
      description: 'Schoolgate daily sweep dispatcher: queues the reminders and AT_RISK checks',
      environment: { ...environment, SWEEP_QUEUE_URL: this.sweepQueue.queueUrl },
      logRetention: props.logRetention,
      logRemovalPolicy: props.logRemovalPolicy,
      memorySize: 512,
      timeout: Duration.minutes(5),
    });
    grantTableItemAccess(this.reminders.role, props.table);
    this.sweepQueue.grantSendMessages(this.reminders.role);

    const schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: 'Lets EventBridge Scheduler invoke the reminders function',
    });
    const remindersLogicalId = stack.getLogicalId(this.reminders.fn.node.defaultChild as CfnElement);
    Validations.of(schedulerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${remindersLogicalId}.Arn>:*]`,
      reason:
        'Function.grantInvoke also allows the function\'s own qualified ARNs (versions/aliases of this one function); no other function is reachable.',
    });

    // Scheduler (not an events Rule) because it understands Europe/London, so reminders go out
    // at 07:00 local time through BST and GMT alike.
    this.schedule = new Schedule(this, 'DailyReminders', {
      description: 'Daily encounter reminders at 07:00 UK time',
      schedule: ScheduleExpression.cron({ minute: '0', hour: '7', timeZone: TimeZone.EUROPE_LONDON }),
      target: new LambdaInvoke(this.reminders.fn, {
        role: schedulerRole,
        retryAttempts: 2,
        maxEventAge: Duration.hours(2),
      }),
    });
  }
}

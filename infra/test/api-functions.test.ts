import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { resourceByPrefix, synthStage } from './helpers.js';

const { template } = synthStage('dev');

type Res = { Properties: Record<string, any>; [k: string]: any };
const routes = () => Object.values(template.findResources('AWS::ApiGatewayV2::Route') as Record<string, Res>).map((r) => r.Properties);
const route = (key: string) => {
  const found = routes().find((r) => r.RouteKey === key);
  if (!found) throw new Error(`no route ${key}`);
  return found;
};

describe('HTTP API', () => {
  it('gives the API function the user pool issuer and web client audience to verify ID tokens itself', () => {
    const { props } = resourceByPrefix(template, 'AWS::Lambda::Function', 'ApiHandlerFunction');
    const env = props.Environment.Variables;
    expect(JSON.stringify(env.AUTH_ISSUER)).toContain('cognito-idp.');
    expect(JSON.stringify(env.AUTH_ISSUER)).toContain('AuthUserPool');
    expect(env.AUTH_AUDIENCE).toEqual({ Ref: expect.stringMatching('^AuthUserPoolWebClient') });
  });

  it('has no gateway authoriser, so organisations API keys reach the function, which authenticates every /v1 request', () => {
    // functions/api/src/machine-auth.ts: a Cognito ID token or an API key, or 401 (test/api/integrations.test.ts).
    expect(Object.keys(template.findResources('AWS::ApiGatewayV2::Authorizer'))).toEqual([]);
    const proxy = route('ANY /v1/{proxy+}');
    expect(proxy.AuthorizationType ?? 'NONE').toBe('NONE');
    const keys = routes().map((r) => r.RouteKey).sort();
    expect(keys).toEqual(['ANY /v1/{proxy+}', 'GET /v1/docs', 'GET /v1/health', 'GET /v1/openapi.json', 'GET /v1/public/{proxy+}'].sort());
  });

  it('logs access to a log group with retention and throttles the stage and public routes', () => {
    const { props } = resourceByPrefix(template, 'AWS::ApiGatewayV2::Stage', 'ApiDefaultStage');
    expect(props.StageName).toBe('$default');
    expect(props.AccessLogSettings.DestinationArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching('^ApiAccessLogs'), 'Arn'] });
    expect(JSON.parse(props.AccessLogSettings.Format)).toMatchObject({ status: '$context.status', routeKey: '$context.routeKey' });
    expect(props.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 });
    expect(props.RouteSettings['GET /v1/health']).toEqual({ ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 });
    expect(props.RouteSettings['GET /v1/public/{proxy+}'].ThrottlingRateLimit).toBeLessThan(200);
    expect(props.RouteSettings['ANY /v1/{proxy+}']).toBeUndefined();
    expect(resourceByPrefix(template, 'AWS::Logs::LogGroup', 'ApiAccessLogs').props.RetentionInDays).toBe(14);
  });

  it('has no CORS configuration (same origin behind CloudFront)', () => {
    expect(resourceByPrefix(template, 'AWS::ApiGatewayV2::Api', 'ApiHttpApi').props.CorsConfiguration).toBeUndefined();
  });
});

describe('Lambda functions', () => {
  const fns = ['ApiHandlerFunction', 'NotificationsStreamConsumerFunction', 'NotificationsRemindersFunction'];

  it.each(fns)('%s runs nodejs22.x on arm64 with no init-time source-map cost and its own log group', (prefix) => {
    const { props } = resourceByPrefix(template, 'AWS::Lambda::Function', prefix);
    expect(props.Runtime).toBe('nodejs22.x');
    expect(props.Architectures).toEqual(['arm64']);
    expect(props.Handler).toBe('index.handler');
    // --enable-source-maps parsed a 3.7 MB map at every cold start (+29% init).
    expect(props.Environment.Variables.NODE_OPTIONS ?? '').not.toContain('source-maps');
    const logPrefix = prefix.replace(/Function$/, 'Logs');
    expect(props.LoggingConfig.LogGroup).toEqual({ Ref: expect.stringMatching(`^${logPrefix}`) });
    expect(resourceByPrefix(template, 'AWS::Logs::LogGroup', logPrefix).props.RetentionInDays).toBe(14);
  });

  it('gives the API the environment the app reads', () => {
    const vars = resourceByPrefix(template, 'AWS::Lambda::Function', 'ApiHandlerFunction').props.Environment.Variables;
    expect(Object.keys(vars).sort()).toEqual(
      ['AUTH_AUDIENCE', 'AUTH_ISSUER', 'FILES_BUCKET', 'POWERTOOLS_METRICS_NAMESPACE', 'POWERTOOLS_SERVICE_NAME', 'SES_FROM_ADDRESS', 'STAGE', 'TABLE_NAME', 'WEB_BASE_URL'].sort(),
    );
    expect(vars.TABLE_NAME).toEqual({ Ref: expect.stringMatching('^DataTable') });
    expect(vars.AUTH_AUDIENCE).toEqual({ Ref: expect.stringMatching('^AuthUserPoolWebClient') });
    expect(JSON.stringify(vars.AUTH_ISSUER)).toMatch(/https:\/\/cognito-idp\./);
    expect(vars.SES_FROM_ADDRESS).toBe('no-reply@schoolgate.example');
    expect(vars.STAGE).toBe('dev');
    expect(JSON.stringify(vars.WEB_BASE_URL)).toContain('WebDistribution');
    expect(vars).toMatchObject({ POWERTOOLS_SERVICE_NAME: 'schoolgate-api', POWERTOOLS_METRICS_NAMESPACE: 'Schoolgate' });
    // Work experience: the safety pack's file bucket.
    expect(vars.FILES_BUCKET).toEqual({ Ref: expect.stringMatching('^FilesBucket') });
  });

  it('gives the notify functions the table, sender, configuration set and web URL', () => {
    for (const prefix of ['NotificationsStreamConsumerFunction', 'NotificationsRemindersFunction']) {
      const vars = resourceByPrefix(template, 'AWS::Lambda::Function', prefix).props.Environment.Variables;
      expect(vars).toMatchObject({
        TABLE_NAME: { Ref: expect.stringMatching('^DataTable') },
        SES_FROM_ADDRESS: 'no-reply@schoolgate.example',
        SES_CONFIGURATION_SET: { Ref: expect.stringMatching('^NotificationsConfigurationSet') },
        POWERTOOLS_SERVICE_NAME: 'schoolgate-notify',
        POWERTOOLS_METRICS_NAMESPACE: 'Schoolgate',
      });
      expect(JSON.stringify(vars.WEB_BASE_URL)).toContain('WebDistribution');
    }
  });

  it('uses the mailDomain context for the sender and the SES identity', () => {
    const t = synthStage('dev', { mailDomain: 'mail.schoolgate.org.uk' }).template;
    const vars = resourceByPrefix(t, 'AWS::Lambda::Function', 'ApiHandlerFunction').props.Environment.Variables;
    expect(vars.SES_FROM_ADDRESS).toBe('no-reply@mail.schoolgate.org.uk');
    t.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'mail.schoolgate.org.uk' });
  });
});

describe('notifications', () => {
  it('consumes only outbox INSERTs from the stream with partial-batch failure reporting', () => {
    const { props } = resourceByPrefix(template, 'AWS::Lambda::EventSourceMapping', 'NotificationsStreamConsumer');
    expect(props.EventSourceArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching('^DataTable'), 'StreamArn'] });
    expect(props.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(props.BisectBatchOnFunctionError).toBe(true);
    expect(props.MaximumRetryAttempts).toBe(5);
    expect(props.MaximumRecordAgeInSeconds).toBe(6 * 3600);
    expect(props.StartingPosition).toBe('TRIM_HORIZON');
    const filters = props.FilterCriteria.Filters as Array<{ Pattern: string }>;
    expect(filters).toHaveLength(1);
    expect(JSON.parse(filters[0]!.Pattern)).toEqual({
      eventName: ['INSERT'],
      dynamodb: { NewImage: { type: { S: ['outbox'] } } },
    });
    expect(props.DestinationConfig.OnFailure.Destination).toEqual({
      'Fn::GetAtt': [expect.stringMatching('^NotificationsFailedBatches'), 'Arn'],
    });
  });

  it('sends failed batches to an encrypted queue that refuses plain HTTP', () => {
    const queue = resourceByPrefix(template, 'AWS::SQS::Queue', 'NotificationsFailedBatches');
    expect(queue.props.SqsManagedSseEnabled).toBe(true);
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('runs reminders daily at 07:00 Europe/London through EventBridge Scheduler', () => {
    const { props } = resourceByPrefix(template, 'AWS::Scheduler::Schedule', 'NotificationsDailyReminders');
    expect(props.ScheduleExpression).toBe('cron(0 7 * * ? *)');
    expect(props.ScheduleExpressionTimezone).toBe('Europe/London');
    expect(props.Target.Arn).toEqual({ 'Fn::GetAtt': [expect.stringMatching('^NotificationsRemindersFunction'), 'Arn'] });
    expect(props.Target.RetryPolicy).toMatchObject({ MaximumRetryAttempts: 2 });
  });

  it('fans the daily job out through an encrypted queue whose consumer reports failed messages one by one', () => {
    const queue = resourceByPrefix(template, 'AWS::SQS::Queue', 'NotificationsSweepQueue');
    expect(queue.props.SqsManagedSseEnabled).toBe(true);
    expect(queue.props.VisibilityTimeout).toBe(360);
    expect(queue.props.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [expect.stringMatching('^NotificationsSweepDeadLetters'), 'Arn'] },
      maxReceiveCount: 3,
    });
    const dlq = resourceByPrefix(template, 'AWS::SQS::Queue', 'NotificationsSweepDeadLetters');
    expect(dlq.props.SqsManagedSseEnabled).toBe(true);
    for (const prefix of ['NotificationsSweepQueue', 'NotificationsSweepDeadLetters']) {
      const policy = resourceByPrefix(template, 'AWS::SQS::QueuePolicy', prefix);
      expect(policy.props.PolicyDocument.Statement).toEqual(
        expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      );
    }

    const { props } = resourceByPrefix(template, 'AWS::Lambda::EventSourceMapping', 'NotificationsSweepWorker');
    expect(props.EventSourceArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching('^NotificationsSweepQueue'), 'Arn'] });
    expect(props.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(props.BatchSize).toBe(10);
    expect(props.ScalingConfig).toEqual({ MaximumConcurrency: 10 });

    // The scheduled function only queues work: it may send to the queue and has no SES rights.
    const dispatcher = resourceByPrefix(template, 'AWS::Lambda::Function', 'NotificationsRemindersFunction');
    expect(dispatcher.props.Environment.Variables.SWEEP_QUEUE_URL).toEqual({ Ref: expect.stringMatching('^NotificationsSweepQueue') });
    const policies = Object.values(template.findResources('AWS::IAM::Policy') as Record<string, Res>).filter((p) =>
      p.Properties.Roles.some((r: { Ref: string }) => r.Ref.startsWith('NotificationsRemindersRole')),
    );
    const actions = policies.flatMap((p) => p.Properties.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat()));
    expect(actions).toEqual(expect.arrayContaining(['sqs:SendMessage']));
    expect(actions.some((a: string) => a.startsWith('ses:'))).toBe(false);
  });

  it('has an SES domain identity and a configuration set recording bounces and complaints', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'schoolgate.example',
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: Match.stringLikeRegexp('^NotificationsConfigurationSet') } },
    });
    const { props } = resourceByPrefix(template, 'AWS::SES::ConfigurationSetEventDestination', 'NotificationsConfigurationSet');
    expect(props.EventDestination.Enabled).toBe(true);
    expect(props.EventDestination.MatchingEventTypes).toEqual(expect.arrayContaining(['bounce', 'complaint']));
    expect(props.EventDestination.CloudWatchDestination.DimensionConfigurations).toHaveLength(1);
  });
});

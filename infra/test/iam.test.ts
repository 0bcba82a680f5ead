import { describe, expect, it } from 'vitest';
import { actionsOf, managedPolicyArnsOfRole, statementsForRole, synthStage, type Statement } from './helpers.js';

const { template } = synthStage('dev');
const roles = {
  api: 'ApiHandlerRole',
  stream: 'NotificationsStreamConsumerRole',
  reminders: 'NotificationsRemindersRole',
  sweepWorker: 'NotificationsSweepWorkerRole',
};
const resourcesOf = (s: Statement) => JSON.stringify(s.Resource);

describe('least-privilege IAM', () => {
  it.each(Object.entries(roles))('%s role has no managed policies and no Resource "*" but the X-Ray writes', (_name, prefix) => {
    expect(managedPolicyArnsOfRole(template, prefix)).toEqual([]);
    const statements = statementsForRole(template, prefix);
    for (const s of statements) {
      expect(s.Effect).toBe('Allow');
      for (const a of actionsOf([s])) expect(a).not.toMatch(/\*/);
    }
    // Active tracing writes segments to X-Ray, whose write actions support no resource-level
    // permissions (AWS Service Authorization Reference, AWS X-Ray): the one documented exception.
    const anywhere = statements.filter((s) => s.Resource === '*' || JSON.stringify(s.Resource) === '["*"]');
    expect(actionsOf(anywhere).sort()).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    expect(statements.filter((s) => actionsOf([s]).some((a) => a.startsWith('xray:'))).every((s) => anywhere.includes(s))).toBe(true);
  });

  it.each(Object.entries(roles))('%s role writes logs only to its own log group', (_name, prefix) => {
    const logStatements = statementsForRole(template, prefix).filter((s) => actionsOf([s]).some((a) => a.startsWith('logs:')));
    expect(logStatements).toHaveLength(1);
    expect(actionsOf(logStatements).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    expect(resourcesOf(logStatements[0]!)).toContain(prefix.replace(/Role$/, 'Logs'));
  });

  it('API role: table items and index queries only; no SES, no stream, no table administration', () => {
    const statements = statementsForRole(template, roles.api);
    const actions = actionsOf(statements);
    expect(actions.filter((a) => a.startsWith('ses:'))).toEqual([]);
    expect(actions).not.toContain('dynamodb:DeleteTable');
    expect(actions).not.toContain('dynamodb:Scan');
    for (const a of ['dynamodb:GetStreamRecords', 'dynamodb:GetRecords', 'dynamodb:DescribeStream', 'dynamodb:GetShardIterator']) {
      expect(actions).not.toContain(a);
    }
    expect(actions.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual(
      [
        'dynamodb:BatchGetItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:ConditionCheckItem',
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
      ].sort(),
    );
    const indexStatement = statements.find((s) => resourcesOf(s).includes('/index/*'))!;
    expect(actionsOf([indexStatement])).toEqual(['dynamodb:Query']);
  });

  it('notify roles send email only as the SES identity through the configuration set', () => {
    for (const prefix of [roles.stream, 'NotificationsSweepWorkerRole']) {
      const ses = statementsForRole(template, prefix).filter((s) => actionsOf([s]).some((a) => a.startsWith('ses:')));
      expect(ses).toHaveLength(1);
      expect(actionsOf(ses).sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
      const resources = resourcesOf(ses[0]!);
      expect(resources).toContain('identity/');
      expect(resources).toContain('configuration-set/');
      expect(actionsOf(statementsForRole(template, prefix))).not.toContain('dynamodb:DeleteTable');
    }
  });

  it('the daily dispatcher queues work and sends no email; only the sweep worker reads the sweep queue', () => {
    const dispatcher = statementsForRole(template, roles.reminders);
    expect(actionsOf(dispatcher).some((a) => a.startsWith('ses:'))).toBe(false);
    const send = dispatcher.filter((s) => actionsOf([s]).some((a) => a.startsWith('sqs:')));
    expect(actionsOf(send).sort()).toEqual(['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage']);
    expect(resourcesOf(send[0]!)).toContain('NotificationsSweepQueue');
    expect(resourcesOf(send[0]!)).not.toContain('NotificationsFailedBatches');
    const worker = actionsOf(statementsForRole(template, 'NotificationsSweepWorkerRole'));
    expect(worker).toEqual(expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage']));
    expect(worker).not.toContain('sqs:SendMessage');
  });

  it('only the stream consumer can read the stream and send to the failure queue', () => {
    const streamActions = actionsOf(statementsForRole(template, roles.stream));
    expect(streamActions).toEqual(expect.arrayContaining(['dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:DescribeStream']));
    expect(streamActions).toContain('sqs:SendMessage');
    const remindersActions = actionsOf(statementsForRole(template, roles.reminders));
    expect(remindersActions).not.toContain('dynamodb:GetRecords');
    expect(remindersActions.some((a) => a.startsWith('sqs:Receive'))).toBe(false);
    expect(JSON.stringify(statementsForRole(template, roles.reminders))).not.toContain('NotificationsFailedBatches');
  });

  it('the scheduler role can only invoke the reminders function', () => {
    const statements = statementsForRole(template, 'NotificationsSchedulerRole');
    expect(actionsOf(statements)).toEqual(['lambda:InvokeFunction']);
    expect(resourcesOf(statements[0]!)).toContain('NotificationsRemindersFunction');
    expect(resourcesOf(statements[0]!)).not.toContain('ApiHandlerFunction');
  });
});

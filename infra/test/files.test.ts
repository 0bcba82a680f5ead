import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { actionsOf, resourceByPrefix, statementsForRole, synthStage } from './helpers.js';

/** The safety pack's file bucket (work experience, issue 12). */
describe.each(['dev', 'prod'] as const)('files bucket (%s)', (stage) => {
  const { template } = synthStage(stage);
  const bucket = resourceByPrefix(template, 'AWS::S3::Bucket', 'FilesBucket');

  it('is private, encrypted, versioned, logged and retained', () => {
    expect(bucket.props.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.props.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(bucket.props.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.props.LoggingConfiguration.LogFilePrefix).toBe('s3/files/');
    expect(bucket.props.LifecycleConfiguration.Rules).toEqual(
      expect.arrayContaining([expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 500 }, Status: 'Enabled' })]),
    );
    expect(bucket.resource.DeletionPolicy).toBe('Retain');
  });

  it('takes PUT and GET from the web origin only', () => {
    const [rule] = bucket.props.CorsConfiguration.CorsRules;
    expect(rule.AllowedMethods.sort()).toEqual(['GET', 'PUT']);
    expect(rule.AllowedOrigins).toHaveLength(1);
    expect(JSON.stringify(rule.AllowedOrigins)).toMatch(/https:\/\//);
    expect(JSON.stringify(rule.AllowedOrigins)).not.toContain('"*"');
  });

  it('refuses anything but TLS', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucket.id },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('lets the API put, get and delete objects under safety-packs/ only, and tells it the bucket', () => {
    const statements = statementsForRole(template, 'ApiHandlerRole').filter((s) => actionsOf([s]).some((a) => a.startsWith('s3:')));
    expect(statements).toHaveLength(1);
    expect(actionsOf(statements).sort()).toEqual(['s3:DeleteObject', 's3:GetObject', 's3:GetObjectVersion', 's3:PutObject']);
    expect(JSON.stringify(statements[0]!.Resource)).toContain(`"${bucket.id}","Arn"]},"/safety-packs/*"`);
    const api = resourceByPrefix(template, 'AWS::Lambda::Function', 'ApiHandler');
    expect(api.props.Environment.Variables.FILES_BUCKET).toEqual({ Ref: bucket.id });
    // The other functions never touch the files.
    for (const role of ['NotificationsStreamConsumerRole', 'NotificationsRemindersRole']) {
      expect(actionsOf(statementsForRole(template, role)).filter((a) => a.startsWith('s3:'))).toEqual([]);
    }
  });
});

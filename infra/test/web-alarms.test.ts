import fs from 'node:fs';
import path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/app.js';
import { resourceByPrefix, synthStage } from './helpers.js';

const { template } = synthStage('dev');
const distribution = () => resourceByPrefix(template, 'AWS::CloudFront::Distribution', 'WebDistribution').props.DistributionConfig;

describe('web hosting', () => {
  it.each(['WebSite', 'WebLogs'])('%s bucket blocks public access, is encrypted and refuses plain HTTP', (prefix) => {
    const bucket = resourceByPrefix(template, 'AWS::S3::Bucket', prefix);
    expect(bucket.props.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.props.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual({
      SSEAlgorithm: 'AES256',
    });
    expect(bucket.resource.DeletionPolicy).toBe('Retain');
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: Match.stringLikeRegexp(`^${prefix}`) },
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('site bucket is versioned and logs access to the log bucket', () => {
    const { props } = resourceByPrefix(template, 'AWS::S3::Bucket', 'WebSite');
    expect(props.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(props.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: expect.stringMatching(/^WebLogs/) });
  });

  it('serves the bucket through origin access control, not a public website', () => {
    const oac = resourceByPrefix(template, 'AWS::CloudFront::OriginAccessControl', 'WebDistribution');
    expect(oac.props.OriginAccessControlConfig).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always' });
    const s3Origin = (distribution().Origins as Array<Record<string, any>>).find((o) => o.S3OriginConfig)!;
    expect(s3Origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oac.id, 'Id'] });
    expect(s3Origin.S3OriginConfig.OriginAccessIdentity).toBe('');
    expect(distribution().DefaultRootObject).toBe('index.html');
  });

  it('adds CSP, HSTS and the other security headers', () => {
    const { props } = resourceByPrefix(template, 'AWS::CloudFront::ResponseHeadersPolicy', 'WebSecurityHeaders');
    const h = props.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(JSON.stringify(h.ContentSecurityPolicy.ContentSecurityPolicy)).toContain("default-src 'self'");
    expect(JSON.stringify(h.ContentSecurityPolicy.ContentSecurityPolicy)).toContain("frame-ancestors 'none'");
    expect(h.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Override: true });
    expect(h.ContentTypeOptions).toEqual({ Override: true });
    expect(h.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(h.ReferrerPolicy.ReferrerPolicy).toBe('strict-origin-when-cross-origin');
    const behaviours = [distribution().DefaultCacheBehavior, ...distribution().CacheBehaviors];
    for (const b of behaviours) expect(b.ResponseHeadersPolicyId).toEqual({ Ref: expect.stringMatching(/^WebSecurityHeaders/) });
  });

  it('routes /v1/* to the HTTP API uncached, forwarding all viewer headers except Host', () => {
    const behaviours = distribution().CacheBehaviors as Array<Record<string, any>>;
    expect(behaviours).toHaveLength(1);
    const api = behaviours[0]!;
    expect(api.PathPattern).toBe('/v1/*');
    expect(api.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // Managed-CachingDisabled
    expect(api.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac'); // Managed-AllViewerExceptHostHeader
    expect(api.AllowedMethods).toHaveLength(7);
    const origin = (distribution().Origins as Array<Record<string, any>>).find((o) => o.Id === api.TargetOriginId)!;
    expect(JSON.stringify(origin.DomainName)).toContain('ApiHttpApi');
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
  });

  it('falls back to index.html for SPA routes without touching API errors', () => {
    // Distribution-wide error responses would also rewrite the API's 403/404.
    expect(distribution().CustomErrorResponses).toBeUndefined();
    const assoc = distribution().DefaultCacheBehavior.FunctionAssociations;
    expect(assoc).toEqual([{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [expect.stringMatching(/^WebSpaRewrite/), 'FunctionARN'] } }]);
    const { props } = resourceByPrefix(template, 'AWS::CloudFront::Function', 'WebSpaRewrite');
    // Run the function's code: client routes go to the shell, files are left alone.
    const handler = new Function(`${props.FunctionCode}; return handler;`)() as (e: unknown) => { uri: string };
    const uriFor = (uri: string) => handler({ request: { uri } }).uri;
    expect(uriFor('/bookings/123')).toBe('/index.html');
    expect(uriFor('/')).toBe('/index.html');
    expect(uriFor('/assets/index-abc.js')).toBe('/assets/index-abc.js');
    expect(uriFor('/favicon.ico')).toBe('/favicon.ico');
  });

  it('uses the default CloudFront certificate unless a domain is given', () => {
    expect(distribution().ViewerCertificate).toBeUndefined();
    expect(distribution().Aliases).toBeUndefined();
    const arn = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';
    const custom = synthStage('dev', { domainName: 'app.schoolgate.example', certificateArn: arn }).template;
    const cfg = resourceByPrefix(custom, 'AWS::CloudFront::Distribution', 'WebDistribution').props.DistributionConfig;
    expect(cfg.Aliases).toEqual(['app.schoolgate.example']);
    expect(cfg.ViewerCertificate).toMatchObject({ AcmCertificateArn: arn, MinimumProtocolVersion: 'TLSv1.2_2021' });
    const vars = resourceByPrefix(custom, 'AWS::Lambda::Function', 'ApiHandlerFunction').props.Environment.Variables;
    expect(vars.WEB_BASE_URL).toBe('https://app.schoolgate.example');
  });

  const hasDist = fs.existsSync(path.join(REPO_ROOT, 'web', 'dist', 'index.html'));
  it.skipIf(!hasDist)('deploys web/dist to the site bucket and invalidates the distribution', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: Match.stringLikeRegexp('^WebSite') },
      DistributionId: { Ref: Match.stringLikeRegexp('^WebDistribution') },
      DistributionPaths: ['/*'],
    });
  });

  it.skipIf(!hasDist)('publishes /config.json with the Cognito endpoint and web client id, so the deployed app can sign in', () => {
    const deployment = resourceByPrefix(template, 'Custom::CDKBucketDeployment', 'WebDeploy').props;
    expect(deployment.SourceObjectKeys).toHaveLength(2);
    const markers = JSON.stringify(deployment.SourceMarkers);
    // The client id is only known at deploy time: it travels as a marker the deployment fills in.
    expect(markers).toMatch(/"Ref":"AuthUserPoolWebClient\w*"/);
  });
});

describe('alarms', () => {
  const alarms = () => Object.values(template.findResources('AWS::CloudWatch::Alarm') as Record<string, { Properties: Record<string, any> }>).map((a) => a.Properties);
  const topicRef = { Ref: expect.stringMatching(/^AlarmsTopic/) };

  it('every alarm notifies the encrypted alarm topic', () => {
    expect(alarms().length).toBeGreaterThanOrEqual(10);
    for (const a of alarms()) expect(a.AlarmActions).toEqual([topicRef]);
    const topic = resourceByPrefix(template, 'AWS::SNS::Topic', 'AlarmsTopic');
    expect(topic.props.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^AlarmsTopicKey/), 'Arn'] });
  });

  it('alarms on the API 5xx rate', () => {
    const rate = alarms().find((a) => a.Metrics?.some((m: any) => m.Expression?.includes('100 * errors / requests')));
    expect(rate).toBeDefined();
    const names = rate!.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Metric.MetricName).sort();
    expect(names).toEqual(['5xx', 'Count']);
  });

  it.each(['ApiHandlerFunction', 'NotificationsStreamConsumerFunction', 'NotificationsRemindersFunction'])(
    'alarms on errors and throttles of %s',
    (fnPrefix) => {
      for (const metric of ['Errors', 'Throttles']) {
        const found = alarms().some(
          (a) => a.MetricName === metric && JSON.stringify(a.Dimensions).includes(fnPrefix),
        );
        expect(found, `${metric} alarm for ${fnPrefix}`).toBe(true);
      }
    },
  );

  it('alarms on stream iterator age and on failed email batches in the queue', () => {
    expect(alarms().some((a) => a.MetricName === 'IteratorAge' && JSON.stringify(a.Dimensions).includes('NotificationsStreamConsumerFunction'))).toBe(true);
    expect(
      alarms().some(
        (a) => a.MetricName === 'ApproximateNumberOfMessagesVisible' && JSON.stringify(a.Dimensions).includes('NotificationsFailedBatches') && a.Threshold === 1,
      ),
    ).toBe(true);
  });

  it('alarms on a daily sweep task parked in the dead-letter queue', () => {
    expect(
      alarms().some(
        (a) => a.MetricName === 'ApproximateNumberOfMessagesVisible' && JSON.stringify(a.Dimensions).includes('NotificationsSweepDeadLetters') && a.Threshold === 1,
      ),
    ).toBe(true);
  });
});

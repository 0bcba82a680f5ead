import { CfnOutput, Duration, RemovalPolicy, Stack, Token, Validations, type CfnElement } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

export interface WebProps {
  readonly httpApi: HttpApi;
  readonly webDistPath?: string;
  /**
   * What the browser app needs at run time (Cognito endpoint, app client id, region), published
   * as /config.json beside it — locally the Node server answers the same path.
   */
  readonly webConfig: Record<string, string>;
  readonly domainName?: string;
  readonly certificateArn?: string;
}

/**
 * Rewrites client-side routes (no file extension in the last path segment) to /index.html.
 * Done at the viewer-request of the S3 behaviour only, rather than with distribution-wide
 * custom error responses, because those would also turn the API's 403/404 under /v1/* into
 * the SPA shell with a 200.
 */
export const SPA_REWRITE_CODE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  var lastSegment = uri.substring(uri.lastIndexOf('/') + 1);
  if (lastSegment.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}`;

/**
 * The SPA and the API share one origin, so the CSP can say 'self' for almost everything. The
 * browser talks to Cognito directly for sign-in, hence connect-src.
 */
export function contentSecurityPolicy(region: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    // The S3 host too: the safety pack's files are uploaded straight to the bucket (presigned PUT).
    `connect-src 'self' https://cognito-idp.${region}.amazonaws.com https://*.s3.${region}.amazonaws.com`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}

/**
 * Both buckets are retained in every stage: CloudFormation cannot delete a non-empty bucket
 * anyway, and the access logs are the audit trail. Empty and delete them by hand if needed.
 */
export class Web extends Construct {
  readonly bucket: Bucket;
  readonly logBucket: Bucket;
  readonly distribution: Distribution;
  readonly responseHeaders: ResponseHeadersPolicy;
  readonly deployment?: BucketDeployment;
  /** https://<custom domain or CloudFront domain>, without a trailing slash. */
  readonly baseUrl: string;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.logBucket = new Bucket(this, 'Logs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging still writes with ACLs.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it to itself would loop and to another bucket would only move the finding.',
    });

    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/site/',
      // Old versions are only kept long enough to roll back a bad deploy.
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.responseHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Schoolgate security headers (SPA and API)',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(stack.region), override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365 * 2),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        xssProtection: { protection: true, modeBlock: true, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()', override: true },
          { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
        ],
      },
      removeHeaders: ['Server'],
    });

    const spaRewrite = new CloudFrontFunction(this, 'SpaRewrite', {
      code: FunctionCode.fromInline(SPA_REWRITE_CODE),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Serve index.html for client-side routes',
    });

    const apiOrigin = new HttpOrigin(
      `${props.httpApi.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`,
      {
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [OriginSslPolicy.TLS_V1_2],
        readTimeout: Duration.seconds(30),
      },
    );

    const certificate = props.certificateArn
      ? Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn)
      : undefined;

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Schoolgate web app and API',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Users are in England; Europe/North America edges are enough and cheapest.
      priceClass: PriceClass.PRICE_CLASS_100,
      domainNames: props.domainName ? [props.domainName] : undefined,
      certificate,
      // Only meaningful with our own certificate; CDK warns if set with the default one.
      minimumProtocolVersion: certificate ? SecurityPolicyProtocol.TLS_V1_2_2021 : undefined,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.responseHeaders,
        compress: true,
        functionAssociations: [{ function: spaRewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/v1/*': {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // Host must not be forwarded: API Gateway routes on its own host name. Authorization
          // and the rest of the viewer headers are forwarded.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: this.responseHeaders,
          compress: true,
        },
      },
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'Schools and providers are in England but staff travel and use VPNs; geo blocking would lock out legitimate users for no security gain.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason: 'No WAF yet: the API has stage and per-route throttling and JWT auth; a WAF web ACL (~$10+/month plus per-request) is planned if abuse is seen.',
      },
    );
    if (!certificate) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason: 'With the default *.cloudfront.net certificate CloudFront fixes the viewer policy at TLSv1; pass domainName + certificateArn to get TLSv1.2_2021.',
      });
    }

    this.baseUrl = `https://${props.domainName ?? this.distribution.distributionDomainName}`;

    if (props.webDistPath) {
      this.deployment = new BucketDeployment(this, 'Deploy', {
        // jsonData resolves the user pool client id and region at deploy time.
        sources: [Source.asset(props.webDistPath), Source.jsonData('config.json', props.webConfig)],
        destinationBucket: this.bucket,
        distribution: this.distribution,
        distributionPaths: ['/*'],
        memoryLimit: 512,
      });
      acknowledgeBucketDeployment(this.deployment, this.bucket);
    }

    new CfnOutput(stack, 'WebUrl', { value: this.baseUrl });
    new CfnOutput(stack, 'DistributionId', { value: this.distribution.distributionId });
  }
}

/**
 * Findings on the CDK-provided BucketDeployment singleton (its role and Lambda). The grants are
 * what the construct needs to copy the asset zip into the site bucket and invalidate CloudFront;
 * they are scoped to the CDK asset bucket and the site bucket, and the function only runs during
 * deployments.
 */
function acknowledgeBucketDeployment(deployment: BucketDeployment, site: Bucket): void {
  const stack = Stack.of(deployment);
  const siteLogicalId = stack.getLogicalId(site.node.defaultChild as CfnElement);
  const role = deployment.handlerRole;
  // nag prints the asset bucket's partition as a literal when @aws-cdk/core:enablePartitionLiterals resolves it.
  const partition = Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition;
  const why = 'CDK BucketDeployment custom resource (runs only during deploys): ';
  Validations.of(role).acknowledge(
    {
      // ManagedPolicy ARNs keep the partition as a token even with partition literals on.
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: `${why}the construct attaches the basic execution policy to write its own logs; it exposes no way to replace it.`,
    },
    ...['s3:GetObject*', 's3:GetBucket*', 's3:List*'].map((action) => ({
      id: `AwsSolutions-IAM5[Action::${action}]`,
      reason: `${why}read access (grantRead) to the CDK asset bucket holding the web/dist zip and to the site bucket it syncs.`,
    })),
    ...['s3:DeleteObject*', 's3:Abort*'].map((action) => ({
      id: `AwsSolutions-IAM5[Action::${action}]`,
      reason: `${why}write access (grantReadWrite) to the site bucket so stale files are pruned and multipart uploads can be aborted.`,
    })),
    {
      id: `AwsSolutions-IAM5[Resource::arn:${partition}:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${stack.region}/*]`,
      reason: `${why}objects in the bootstrap asset bucket; asset keys are content hashes unknown until synth.`,
    },
    {
      id: `AwsSolutions-IAM5[Resource::<${siteLogicalId}.Arn>/*]`,
      reason: `${why}every object in the site bucket, because it syncs the whole build output.`,
    },
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: `${why}cloudfront:CreateInvalidation/GetInvalidation, which the construct grants on "*"; it only invalidates this distribution.`,
    },
  );
  const handler = role.node.scope;
  if (handler) {
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-L1',
      reason: `${why}its runtime is chosen by aws-cdk-lib, not by us, and moves with CDK upgrades.`,
    });
  }
}

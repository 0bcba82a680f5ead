import { CfnOutput, Duration, Stack, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import {
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
  type CfnStage,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AppFunction } from './function.js';
import { grantTableItemAccess } from './iam.js';

/** Routes reachable without a token. Everything else under /v1 needs a valid Cognito JWT. */
export const PUBLIC_ROUTES: ReadonlyArray<{ method: HttpMethod; path: string }> = [
  { method: HttpMethod.GET, path: '/v1/health' },
  { method: HttpMethod.GET, path: '/v1/public/{proxy+}' },
  { method: HttpMethod.GET, path: '/v1/openapi.json' },
  { method: HttpMethod.GET, path: '/v1/docs' },
];

export interface ApiProps {
  readonly repoRoot: string;
  readonly stage: string;
  readonly table: ITableV2;
  readonly issuerUrl: string;
  readonly audience: string;
  readonly sesFromAddress: string;
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
}

export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly handler: AppFunction;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    this.handler = new AppFunction(this, 'Handler', {
      repoRoot: props.repoRoot,
      entry: 'functions/api/src/lambda.ts',
      description: 'Schoolgate HTTP API',
      environment: {
        TABLE_NAME: props.table.tableName,
        AUTH_ISSUER: props.issuerUrl,
        AUTH_AUDIENCE: props.audience,
        SES_FROM_ADDRESS: props.sesFromAddress,
        STAGE: props.stage,
        // WEB_BASE_URL is added by the stack once the distribution exists.
      },
      logRetention: props.logRetention,
      logRemovalPolicy: props.logRemovalPolicy,
      timeout: Duration.seconds(15),
    });
    grantTableItemAccess(this.handler.role, props.table);

    const integration = new HttpLambdaIntegration('Lambda', this.handler.fn);

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Schoolgate API (reached through CloudFront under /v1/*)',
      // The stage is created below so that it can carry access logs and throttling.
      createDefaultStage: false,
    });

    const routes: HttpRoute[] = [];
    for (const { method, path } of PUBLIC_ROUTES) {
      const route = new HttpRoute(this, `Public ${method} ${path}`, {
        httpApi: this.httpApi,
        routeKey: HttpRouteKey.with(path, method),
        integration,
      });
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `${method} ${path} is public by design (health check, public listings, API docs); it has tighter route throttling instead.`,
      });
      routes.push(route);
    }
    // No gateway authoriser here: the function authenticates every request itself, a Cognito ID
    // token (jose, against the pool's JWKS, issuer and audience: AUTH_ISSUER, AUTH_AUDIENCE) or an
    // organisation's API key (hash, consistent read, so revocation holds from the next call). A JWT
    // authoriser would turn API keys away; a Lambda authoriser would repeat the same checks.
    const authenticated = new HttpRoute(this, 'Authenticated ANY /v1/{proxy+}', {
      httpApi: this.httpApi,
      routeKey: HttpRouteKey.with('/v1/{proxy+}', HttpMethod.ANY),
      integration,
    });
    Validations.of(authenticated).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'The API function authenticates every /v1 request itself (Cognito ID tokens verified against the pool JWKS, or hashed organisation API keys); a gateway JWT authoriser would refuse API keys.',
    });
    routes.push(authenticated);

    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 200, burstLimit: 400 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: accessLogFormat(),
      },
    });
    // Per-route throttling is not modelled by the L2 stage. Public routes can be hit without a
    // token, so a scraper there must not be able to eat the whole stage budget.
    const cfnStage = this.stage.node.defaultChild as CfnStage;
    cfnStage.routeSettings = Object.fromEntries(
      PUBLIC_ROUTES.map(({ method, path }) => [
        `${method} ${path}`,
        // RouteSettings is an untyped JSON map in CloudFormation, so CDK passes the keys through
        // unconverted: they must already be in CloudFormation's PascalCase.
        { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
      ]),
    );
    // Route settings name route keys, which must exist before the stage is updated.
    for (const route of routes) this.stage.node.addDependency(route);

    new CfnOutput(Stack.of(this), 'ApiEndpoint', { value: this.httpApi.apiEndpoint });
  }
}

/** JSON access log; field names follow the API Gateway $context variables. */
function accessLogFormat() {
  const fields: Record<string, string> = {
    requestId: '$context.requestId',
    ip: '$context.identity.sourceIp',
    requestTime: '$context.requestTime',
    httpMethod: '$context.httpMethod',
    routeKey: '$context.routeKey',
    path: '$context.path',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
    userAgent: '$context.identity.userAgent',
  };
  return AccessLogFormat.custom(JSON.stringify(fields));
}

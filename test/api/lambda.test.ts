import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inject } from 'vitest';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { createWorld, type World } from '../support/world.js';

/** An API Gateway HTTP API (payload format 2.0) event, as the real integration sends it. */
function httpApiEvent(method: string, path: string, token?: string, body?: unknown): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: `${method} /v1/{proxy+}`,
    rawPath: path,
    rawQueryString: '',
    headers: {
      host: 'api.example.com',
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: 'req-1',
      routeKey: `${method} /v1/{proxy+}`,
      stage: '$default',
      time: '15/Sep/2026:10:00:00 +0000',
      timeEpoch: 1789466400000,
    },
    isBase64Encoded: false,
    ...(body ? { body: JSON.stringify(body) } : {}),
  };
}

describe('the Lambda entry', () => {
  let world: World;
  let handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<any>;
  beforeAll(async () => {
    world = await createWorld();
    const { cognito } = world;
    vi.stubEnv('TABLE_NAME', world.db.tableName);
    vi.stubEnv('DYNAMODB_ENDPOINT', inject('dynamoEndpoint'));
    vi.stubEnv('AUTH_ISSUER', cognito.issuer);
    vi.stubEnv('AUTH_AUDIENCE', cognito.clientId);
    ({ handler } = (await import('@schoolgate/api/lambda')) as any);
  });
  afterAll(() => vi.unstubAllEnvs());

  it('answers health and a school round trip through an HTTP API v2 event', async () => {
    const health = await handler(httpApiEvent('GET', '/v1/health'), {} as Context);
    expect(health.statusCode).toBe(200);
    expect(JSON.parse(health.body).status).toBe('ok');

    const { token } = await world.user('lambda');
    const created = await handler(
      httpApiEvent('POST', '/v1/schools', token, { urn: '200001', name: 'Northgate UTC', postcode: 'NE1 4XX', yearGroups: { from: 10, to: 13 } }),
      {} as Context,
    );
    expect(created.statusCode).toBe(201);
    const id = JSON.parse(created.body).id;
    const read = await handler(httpApiEvent('GET', `/v1/schools/${id}`, token), {} as Context);
    expect(read.statusCode).toBe(200);
    expect(JSON.parse(read.body).name).toBe('Northgate UTC');
  });

  it('answers bad input with 400 problem+json through the Lambda too', async () => {
    const { token } = await world.user('lambda-bad');
    const res = await handler(httpApiEvent('POST', '/v1/schools', token, { urn: 'x' }), {} as Context);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});

describe('the Lambda entry’s logs and metrics (Powertools)', () => {
  let handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<any>;
  const lines: string[] = [];
  beforeAll(async () => {
    // A table that does not answer, so the health check logs an error and counts it.
    vi.stubEnv('TABLE_NAME', 'unreachable');
    vi.stubEnv('DYNAMODB_ENDPOINT', 'http://127.0.0.1:9');
    vi.stubEnv('AUTH_ISSUER', 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_test');
    vi.stubEnv('AUTH_AUDIENCE', 'test');
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'schoolgate-api-test');
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'schoolgate-api');
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    vi.resetModules();
    ({ handler } = (await import('@schoolgate/api/lambda')) as any);
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    vi.resetModules();
  });

  it('writes JSON lines carrying the Lambda request and the correlation id it answers as X-Request-Id, then the invocation’s metrics as EMF', async () => {
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, 'write').mockImplementation((chunk: any) => (lines.push(String(chunk)), true));
    }
    const context = { functionName: 'schoolgate-api-test', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:eu-west-2:123456789012:function:schoolgate-api-test', memoryLimitInMB: '1024', awsRequestId: 'lambda-req-9' } as Context;
    const res = await handler(httpApiEvent('GET', '/v1/health'), context);
    vi.restoreAllMocks();
    expect(res.statusCode).toBe(503);
    expect(res.headers['x-request-id']).toBe('req-1');
    const json = lines.flatMap((l) => l.split('\n')).filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    const failed = json.find((l) => l.message === 'health check failed');
    expect(failed).toMatchObject({ level: 'ERROR', service: 'schoolgate-api', correlation_id: 'req-1', function_request_id: 'lambda-req-9', function_name: 'schoolgate-api-test', cold_start: true });
    const emf = json.find((l) => l._aws?.CloudWatchMetrics);
    expect(emf).toMatchObject({ HealthCheckFailed: 1, service: 'schoolgate-api' });
    expect(emf._aws.CloudWatchMetrics[0].Namespace).toBe('Schoolgate');
  }, 30_000);
});

describe('the Lambda entry’s Logger, loaded on the first line logged', () => {
  const context = (awsRequestId: string) => ({ functionName: 'schoolgate-api-test', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:eu-west-2:123456789012:function:schoolgate-api-test', memoryLimitInMB: '1024', awsRequestId }) as Context;
  afterAll(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    vi.resetModules();
  });

  it('in a later invocation than the cold start: that invocation’s context and correlation id, and not marked as the cold start', async () => {
    vi.stubEnv('TABLE_NAME', 'unreachable');
    vi.stubEnv('DYNAMODB_ENDPOINT', 'http://127.0.0.1:9');
    vi.stubEnv('AUTH_ISSUER', 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_test');
    vi.stubEnv('AUTH_AUDIENCE', 'test');
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'schoolgate-api-test');
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    vi.resetModules();
    const { handler } = (await import('@schoolgate/api/lambda')) as any;
    const lines: string[] = [];
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, 'write').mockImplementation((chunk: any) => (lines.push(String(chunk)), true));
    }
    // The cold start logs nothing (an unsigned request is refused without a log line) ...
    const refused = await handler(httpApiEvent('GET', '/v1/me'), context('lambda-req-1'));
    const quiet = lines.length;
    // ... so the Logger is made in the second invocation, whose failing health check it logs.
    const second = await handler({ ...httpApiEvent('GET', '/v1/health'), requestContext: { ...httpApiEvent('GET', '/v1/health').requestContext, requestId: 'req-2' } }, context('lambda-req-2'));
    vi.restoreAllMocks();
    expect(refused.statusCode).toBe(401);
    expect(quiet).toBe(0);
    expect(second.statusCode).toBe(503);
    const failed = lines.flatMap((l) => l.split('\n')).filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)).find((l) => l.message === 'health check failed');
    expect(failed).toMatchObject({ level: 'ERROR', correlation_id: 'req-2', function_request_id: 'lambda-req-2', cold_start: false });
  }, 30_000);
});

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
    const cognito = inject('cognito');
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

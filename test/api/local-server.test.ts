import { Agent, request as httpRequest } from 'node:http';
import type { ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer } from '@schoolgate/api';
import { freePort } from '@schoolgate/local';
import { createWorld, type World } from '../support/world.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  socket: unknown;
}

/** One HTTP/1.1 request through the given agent, so tests control connection reuse. */
function send(agent: Agent, url: string, method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, url), { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), socket: req.socket }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** The local server (what `npm start` and the browser tests use) answers as the API on AWS does. */
describe('local server', () => {
  let world: World;
  let server: ServerType;
  let url: string;
  let token: string;
  beforeAll(async () => {
    world = await createWorld();
    token = (await world.user('local')).token;
    ({ server, url } = await startLocalServer({ app: world.app, port: await freePort(), webConfig: { cognitoEndpoint: 'http://127.0.0.1:9229' } }));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('answers an unknown /v1 route with problem+json, as on Lambda', async () => {
    const agent = new Agent({ keepAlive: true });
    for (const [method, auth] of [['GET', true], ['POST', true], ['GET', false]] as const) {
      const res = await send(agent, url, method, '/v1/no-such-route', auth ? { authorization: `Bearer ${token}` } : {});
      expect(res.headers['content-type'], `${method} ${auth}`).toContain('application/problem+json');
      expect(res.status).toBe(auth ? 404 : 401);
      expect(JSON.parse(res.body)).toMatchObject({ status: auth ? 404 : 401 });
    }
    agent.destroy();
  });

  it('sends the security headers CloudFront adds on AWS, on API answers and the web app alike', async () => {
    const { contentSecurityPolicy } = await import('../../infra/src/web.js');
    const agent = new Agent({ keepAlive: true });
    for (const path of ['/v1/health', '/v1/no-such-route', '/config.json']) {
      const res = await send(agent, url, 'GET', path);
      // The same directives as production, but sign-in goes to cognito-local over plain http.
      const aws = contentSecurityPolicy('eu-west-2')
        .split('; ')
        .filter((d) => d !== 'upgrade-insecure-requests')
        .map((d) => (d.startsWith('connect-src') ? "connect-src 'self' http://127.0.0.1:9229" : d));
      expect(String(res.headers['content-security-policy']).split('; '), path).toEqual(aws);
      expect(res.headers).toMatchObject({
        'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'strict-origin-when-cross-origin',
        'x-xss-protection': '1; mode=block',
        'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
        'cross-origin-opener-policy': 'same-origin',
      });
      expect(res.headers.server).toBeUndefined();
    }
    agent.destroy();
  });

  it.each([
    ['with a Content-Length', false],
    ['chunked', true],
  ])('answers a body over the limit %s with 413 and the next request on the same connection still works', async (_label, chunked) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const big = Buffer.alloc(2 * 1024 * 1024, 'x');
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    if (chunked) headers['transfer-encoding'] = 'chunked';
    const tooBig = await send(agent, url, 'POST', '/v1/schools', headers, big);
    expect(tooBig.status).toBe(413);
    expect(tooBig.headers['content-type']).toContain('application/problem+json');
    // Either the connection stays usable, or the server says it will close it (so the client does
    // not send the next request down a socket that is about to go).
    const next = await send(agent, url, 'GET', '/v1/me', { authorization: `Bearer ${token}` });
    expect(next.status).toBe(200);
    if (tooBig.headers.connection !== 'close') expect(next.socket).toBe(tooBig.socket);
    agent.destroy();
  });
});

/** The built web app, served as CloudFront would serve it: compressed, hashed assets cached long, no source maps. */
describe('local server: the web app', () => {
  const webDir = new URL('../../web/dist', import.meta.url).pathname;
  it('compresses, caches hashed assets for a year, revalidates the page, and ships no source map', async () => {
    const world = await createWorld();
    const { server, url } = await startLocalServer({ app: world.app, port: await freePort(), webDir });
    try {
      const agent = new Agent();
      const page = await send(agent, url, 'GET', '/schools/x/compliance', { 'accept-encoding': 'gzip' });
      expect(page.status).toBe(200);
      expect(page.headers['cache-control']).toBe('no-cache');
      const index = await (await fetch(url)).text();
      const script = /src="(\/assets\/index-[^"]+\.js)"/.exec(index)?.[1];
      expect(script).toBeDefined();
      const asset = await send(agent, url, 'GET', script!, { 'accept-encoding': 'gzip' });
      expect(asset.status).toBe(200);
      expect(asset.headers['content-encoding']).toBe('gzip');
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const { readdirSync } = await import('node:fs');
      expect(readdirSync(`${webDir}/assets`).filter((f) => f.endsWith('.map'))).toEqual([]);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { compress } from 'hono/compress';
import { Hono } from 'hono';
import type { App } from './app.js';

export interface LocalServerOptions {
  app: App;
  port: number;
  host?: string;
  /** The built web app (web/dist); served at / with client-side routes falling back to index.html. */
  webDir?: string;
  /** Values the web app needs at run time (Cognito endpoint and client), served as /config.json. */
  webConfig?: Record<string, unknown>;
  /** More origins the page may connect to: the local S3 stand-in the safety pack uploads to. */
  connectSources?: string[];
}

/**
 * The headers CloudFront's response headers policy adds on AWS (infra/src/web.ts), so the web app
 * meets the same Content-Security-Policy here as in production. Two differences, both because this
 * origin is plain http on this machine: the browser signs in against cognito-local, not
 * cognito-idp.<region>.amazonaws.com, and there is no `upgrade-insecure-requests`.
 */
export function localSecurityHeaders(cognitoEndpoint?: string, connectSources: string[] = []): Record<string, string> {
  const connect = ["'self'", ...(cognitoEndpoint ? [new URL(cognitoEndpoint).origin] : []), ...connectSources.map((s) => new URL(s).origin)].join(' ');
  return {
    'content-security-policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self' data:",
      `connect-src ${connect}`,
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
    'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-xss-protection': '1; mode=block',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'cross-origin-opener-policy': 'same-origin',
  };
}

/**
 * Serves the API and the web app on one origin, as CloudFront does on AWS. This file is the local
 * entry only: the Lambda bundle starts from lambda.ts and never pulls the Node server in.
 */
export function startLocalServer(options: LocalServerOptions): Promise<{ server: ServerType; url: string }> {
  const root = new Hono();
  const headers = localSecurityHeaders(typeof options.webConfig?.cognitoEndpoint === 'string' ? options.webConfig.cognitoEndpoint : undefined, options.connectSources);
  root.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
    c.res.headers.delete('server');
  });
  root.route('/', options.app);
  if (options.webConfig) root.get('/config.json', (c) => c.json(options.webConfig));
  if (options.webDir && existsSync(options.webDir)) {
    const webRoot = relative(process.cwd(), options.webDir) || '.';
    const index = readFileSync(join(options.webDir, 'index.html'), 'utf8');
    // As CloudFront serves them: the web app compressed; hashed assets cached for a year (a new
    // build has new names); the page itself always revalidated, so a deploy is seen at once.
    root.use('/assets/*', compress());
    root.use('/assets/*', async (c, next) => {
      await next();
      if (c.res.ok) c.res.headers.set('cache-control', 'public, max-age=31536000, immutable');
    });
    root.use('/*', serveStatic({ root: webRoot }));
    root.get('*', compress(), (c) => {
      if (c.req.path.startsWith('/v1/')) return c.notFound();
      c.header('cache-control', 'no-cache');
      return c.html(index);
    });
  }
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: root.fetch, port: options.port, hostname: host }, (info) =>
      resolve({ server, url: `http://${host}:${info.port}` }),
    );
    server.once('error', reject);
  });
}

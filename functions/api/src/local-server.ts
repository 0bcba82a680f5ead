import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
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
}

/**
 * Serves the API and the web app on one origin, as CloudFront does on AWS. This file is the local
 * entry only: the Lambda bundle starts from lambda.ts and never pulls the Node server in.
 */
export function startLocalServer(options: LocalServerOptions): Promise<{ server: ServerType; url: string }> {
  const root = new Hono();
  root.route('/', options.app);
  if (options.webConfig) root.get('/config.json', (c) => c.json(options.webConfig));
  if (options.webDir && existsSync(options.webDir)) {
    const webRoot = relative(process.cwd(), options.webDir) || '.';
    const index = readFileSync(join(options.webDir, 'index.html'), 'utf8');
    root.use('/*', serveStatic({ root: webRoot }));
    root.get('*', (c) => (c.req.path.startsWith('/v1/') ? c.notFound() : c.html(index)));
  }
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: root.fetch, port: options.port, hostname: host }, (info) =>
      resolve({ server, url: `http://${host}:${info.port}` }),
    );
    server.once('error', reject);
  });
}

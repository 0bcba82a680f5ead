import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../functions/api/src/context.js';
import { registerLazyRoutes } from '../../functions/api/src/lazy-routes.js';
import { ROUTE_MANIFEST } from '../../functions/api/src/route-manifest.js';
import { routeManifestEntries, routeManifestSource } from '@schoolgate/api/route-manifest';
import { documentedRoutes } from '../../functions/api/src/v1.js';
import { eagerGraph } from '../../scripts/bench/eager-graph.js';
import { buildSplit } from '../../infra/src/split-build.js';

/*
 * The API registers every route at init from a generated manifest and loads each route group on
 * its first request (functions/api/src/lazy-routes.ts), so a cold start evaluates none of the
 * groups, their contracts or their use cases. These checks fail when the manifest is stale, when
 * the lazy app would answer differently from the groups' own handlers, and when something the
 * Lambda entry imports statically pulls a route group or the contracts back into init.
 */

const methodPaths = (routes: readonly { method: string; path: string }[]) => {
  const seen = new Set<string>();
  for (const r of routes) if (r.method !== 'ALL' && !r.path.includes('*')) seen.add(`${r.method} ${r.path}`);
  return [...seen];
};

describe('the route manifest', () => {
  it('is what the route groups serve (regenerate with: npx tsx scripts/route-manifest.ts)', async () => {
    const file = readFileSync(new URL('../../functions/api/src/route-manifest.ts', import.meta.url), 'utf8');
    expect(file).toBe(routeManifestSource(await routeManifestEntries()));
  });

  it('names every route of the eager chain (the client types and the OpenAPI document), in its order', () => {
    expect(ROUTE_MANIFEST.map(([method, path]) => `${method} ${path}`)).toEqual(methodPaths(documentedRoutes().routes));
    expect(ROUTE_MANIFEST.length).toBeGreaterThan(100);
  });
});

describe('a route group loaded on first use', () => {
  const onError = (error: Error, c: Parameters<Parameters<Hono<AppEnv>['onError']>[0]>[1]) => c.json({ handled: error.message }, 418);

  it('is not loaded until a request needs it, then once; its handlers see the params, the Context and the error handler as the eager app did', async () => {
    let loads = 0;
    const group = new Hono<AppEnv>()
      .get('/things/:id', async (c, next) => {
        c.header('x-checked', c.req.param('id'));
        await next();
        // A middleware after next() sees the error already answered, as under Hono's own compose.
        c.header('x-after', String(c.res.status));
      }, (c) => {
        if (c.req.param('id') === 'bad') throw new Error('refused');
        return c.json({ id: c.req.param('id'), who: c.get('caller')?.userId });
      })
      .get('/things/special', (c) => c.text('never reached: /things/:id answers first, as registered'));
    const app = new Hono<AppEnv>();
    app.use('*', async (c, next) => {
      c.set('caller', { userId: 'u1', email: 'u1@example.org', platformAdmin: false });
      await next();
    });
    registerLazyRoutes(app, onError, [['GET', '/v1/things/:id', 'g'], ['GET', '/v1/things/special', 'g']], {
      g: async () => {
        loads++;
        return group;
      },
    });
    app.onError(onError);
    expect(loads).toBe(0);

    const ok = await app.request('/v1/things/42');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ id: '42', who: 'u1' });
    expect(ok.headers.get('x-checked')).toBe('42');
    expect(ok.headers.get('x-after')).toBe('200');

    const bad = await app.request('/v1/things/bad');
    expect(bad.status).toBe(418);
    expect(await bad.json()).toEqual({ handled: 'refused' });
    expect(bad.headers.get('x-after')).toBe('418');

    expect((await app.request('/v1/things/special')).headers.get('x-checked')).toBe('special');
    expect(loads).toBe(1);
  });

  it('refuses a group that serves no route the manifest gives it (a stale manifest)', async () => {
    const app = new Hono<AppEnv>();
    registerLazyRoutes(app, onError, [['GET', '/v1/gone', 'g']], { g: async () => new Hono<AppEnv>().get('/elsewhere', (c) => c.text('x')) });
    app.onError(onError);
    const res = await app.request('/v1/gone');
    expect(res.status).toBe(418);
    expect(await res.text()).toMatch(/route manifest is stale/);
  });
});

describe('what the Lambda evaluates at init', () => {
  it('leaves out every route group, the eager chain, the contracts, the rules engine (but its titles), zod, luxon, packages/places, the store\'s organisations module, Powertools Logger and Metrics and every package barrel', async () => {
    const { eager } = await eagerGraph('functions/api/src/lambda.ts');
    const files = [...eager];
    expect(files).toContain('functions/api/src/lazy-routes.ts');
    expect({
      routeGroups: files.filter((f) => f.startsWith('functions/api/src/routes/') || f === 'functions/api/src/v1.ts'),
      contracts: files.filter((f) => f.startsWith('packages/contracts/')),
      barrels: files.filter((f) => /^packages\/[^/]+\/src\/index\.ts$/.test(f)),
      domain: files.filter((f) => f.startsWith('packages/domain/') && f !== 'packages/domain/src/rule-titles.ts'),
      zod: files.filter((f) => f.includes('node_modules/zod/')),
      luxon: files.filter((f) => f.includes('node_modules/luxon/')),
      places: files.filter((f) => f.startsWith('packages/places/')),
      // Its school directory and area index: the middleware's store modules (query, schools) take
      // strip and StaleVersionError from their own small modules.
      organisations: files.filter((f) => f === 'packages/store/src/organisations.ts'),
      // Powertools: the Logger is imported on the first line logged, Metrics on the first count.
      powertools: files.filter((f) => f.includes('node_modules/@aws-lambda-powertools/')),
    }).toEqual({ routeGroups: [], contracts: [], barrels: [], domain: [], zod: [], luxon: [], places: [], organisations: [], powertools: [] });
  }, 60_000);
});

describe('what the Lambda loads at init, built as it ships (split, the S3 client apart)', () => {
  it('holds no S3 client and none of the S3-only SDK modules the DynamoDB client\'s barrels reach (XML protocol, MD5, checksum streams)', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'schoolgate-split-'));
    try {
      const { outputs } = await buildSplit(process.cwd(), { entryPoints: ['functions/api/src/lambda.ts'] }, outdir);
      const byPath = new Map(Object.entries(outputs).map(([path, o]) => [resolve(path), o]));
      const entry = resolve(outdir, 'index.mjs');
      const atInit = new Set([entry]);
      const stack = [entry];
      while (stack.length) {
        for (const i of byPath.get(stack.pop()!)?.imports ?? []) {
          if (i.kind !== 'import-statement' || !byPath.has(resolve(i.path)) || atInit.has(resolve(i.path))) continue;
          atInit.add(resolve(i.path));
          stack.push(resolve(i.path));
        }
      }
      const inputs = [...atInit].flatMap((p) => Object.keys(byPath.get(p)!.inputs));
      expect(inputs.length).toBeGreaterThan(50);
      expect(inputs.some((f) => f.includes('node_modules/@aws-sdk/client-dynamodb/'))).toBe(true);
      expect(inputs.filter((f) => /node_modules\/@aws-sdk\/(client-s3|s3-request-presigner|xml-builder)\/|\/protocols\/xml\/|\/md5\/|ChecksumStream|s3-operations/.test(f))).toEqual([]);
      // The S3 client is built on its own and resolves from every chunk by its bare specifier.
      expect(Object.keys(outputs).some((p) => p.endsWith('node_modules/@schoolgate/s3-operations/index.mjs'))).toBe(true);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }, 120_000);
});

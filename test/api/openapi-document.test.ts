import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createApp, type App } from '@schoolgate/api';
import { route } from '../../functions/api/src/declare.js';
import type { AppEnv } from '../../functions/api/src/context.js';
import { openApiDocument, openApiDocumentSource } from '@schoolgate/api/openapi';
import { eagerGraph } from '../../scripts/bench/eager-graph.js';

/*
 * One declaration per route: the OpenAPI document is generated from the route declarations the
 * Hono app is built from, at build time (`npm run openapi` writes openapi-document.ts, which the
 * API serves as it is). These checks fail when the committed document is not what the routes
 * declare now, when serving it would load a route group, the contracts or zod, when a served
 * route carries no declaration (it is missing from the document), when the document names a
 * route nobody serves, or when an operation has no operationId or no 2xx response schema.
 */

// The document is built from the app's routes alone: nothing here touches the table or the verifier.
const offline = () =>
  createApp({
    db: {} as never,
    verifier: { verify: async () => ({ userId: 'u', email: 'u@example.org', platformAdmin: false }) } as never,
    now: () => new Date('2026-09-15T10:00:00Z'),
    newId: () => 'id',
    webBaseUrl: '',
  });

type Document = { paths: Record<string, Record<string, { operationId?: string; responses: Record<string, { content?: Record<string, { schema?: unknown }> }>; 'x-problem-codes'?: { code: string; title: string }[] }>> };

/** `GET /v1/schools/{id}` for every method and path Hono serves, middleware and catch-alls left out. */
function served(app: Hono<AppEnv> | App): string[] {
  const seen = new Set<string>();
  for (const r of app.routes) {
    if (r.method === 'ALL' || r.path.includes('*')) continue;
    seen.add(`${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
  }
  return [...seen].sort();
}
const documented = (doc: Document) =>
  Object.entries(doc.paths)
    .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();

async function documentOf(app: Hono<AppEnv> | App): Promise<Document> {
  const res = await app.request('/v1/openapi.json');
  expect(res.status).toBe(200);
  return (await res.json()) as Document;
}

describe('the OpenAPI document, from the route declarations', () => {
  it('documents every route the app serves, and serves every route it documents', async () => {
    const app = offline();
    const doc = await documentOf(app);
    const routes = served(app);
    expect(routes.length).toBeGreaterThan(45);
    expect({ servedButNotDocumented: routes.filter((r) => !documented(doc).includes(r)) }).toEqual({ servedButNotDocumented: [] });
    expect({ documentedButNotServed: documented(doc).filter((r) => !routes.includes(r)) }).toEqual({ documentedButNotServed: [] });
  });

  it('gives every operation a unique operationId and a 2xx response with a schema', async () => {
    const doc = await documentOf(offline());
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ at: `${method.toUpperCase()} ${path}`, op })));
    const ids = operations.map(({ op }) => op.operationId);
    expect(operations.filter(({ op }) => !op.operationId).map(({ at }) => at)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    const withoutSchema = operations
      .filter(({ op }) => !Object.entries(op.responses).some(([status, response]) => /^2\d\d$/.test(status) && Object.values(response.content ?? {}).some((c) => c.schema !== undefined)))
      .map(({ at }) => at);
    expect(withoutSchema).toEqual([]);
  });

  it('names, per operation, the rule codes it can answer with, in the document and on the docs page', async () => {
    const app = offline();
    const doc = await documentOf(app);
    const approve = doc.paths['/v1/schools/{schoolId}/bookings/{bookingId}/approve']!.post!;
    expect(approve.operationId).toBe('approveBooking');
    expect(approve['x-problem-codes']).toEqual(
      expect.arrayContaining([
        { code: 'SLOT_FULL', title: 'Slot full' },
        expect.objectContaining({ code: 'DISTINCT_PROVIDERS' }),
      ]),
    );
    // Every code has a title of its own (not the code echoed back).
    for (const methods of Object.values(doc.paths)) {
      for (const op of Object.values(methods)) for (const { code, title } of op['x-problem-codes'] ?? []) expect(title, code).not.toBe(code);
    }
    const page = await (await app.request('/v1/docs')).text();
    expect(page).toContain('POST /v1/schools/{schoolId}/bookings/{bookingId}/approve');
    expect(page).toMatch(/approveBooking[\s\S]*<code>SLOT_FULL<\/code>[\s\S]*<code>DISTINCT_PROVIDERS<\/code>/);
  });

  it('fails the coverage check for a route served without a declaration', () => {
    const app = new Hono<AppEnv>();
    app.get('/v1/declared/:id', route({ operationId: 'declared', summary: 's', tag: 't', auth: 'public', params: z.object({ id: z.string() }), response: { schema: z.string() } }), (c) => c.text('ok'));
    app.get('/v1/forgotten', (c) => c.text('no declaration'));
    const doc = openApiDocument(app) as Document;
    expect(served(app).filter((r) => !documented(doc).includes(r))).toEqual(['GET /v1/forgotten']);
    // The declaration validates, too: a route's declared params are what its handler receives.
    expect(doc.paths['/v1/declared/{id}']!.get!.operationId).toBe('declared');
  });
});

describe('the OpenAPI document, built at build time', () => {
  it('is committed as the routes declare it now (regenerate with: npm run openapi)', async () => {
    const file = readFileSync(new URL('../../functions/api/src/openapi-document.ts', import.meta.url), 'utf8');
    // Not toBe: a failure would print 800 KB. The first differing line is what a reader needs.
    const want = (await openApiDocumentSource()).split('\n');
    const have = file.split('\n');
    const at = want.findIndex((line, i) => line !== have[i]);
    expect(at === -1 && have.length === want.length ? 'up to date' : `line ${at + 1} differs: run \`npm run openapi\` after changing a route (${(have[at] ?? '(missing)').slice(0, 160)})`).toBe('up to date');
  });

  it('is served as it is, as JSON: the request loads no route group, no contracts and no zod', async () => {
    const app = offline();
    const res = await app.request('/v1/openapi.json');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const { OPENAPI_DOCUMENT } = await import('../../functions/api/src/openapi-document.js');
    expect(await res.text()).toBe(OPENAPI_DOCUMENT);
    const { eager } = await eagerGraph('functions/api/src/routes/openapi-served.ts');
    expect([...eager].filter((f) => f.startsWith('functions/api/src/routes/') || f.startsWith('packages/') || f.includes('node_modules/zod/') || f === 'functions/api/src/v1.ts')).toEqual([
      'functions/api/src/routes/openapi-served.ts',
    ]);
  }, 60_000);
});

import { Hono } from 'hono';
import { html, raw } from 'hono/html';
// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import * as contracts from '@schoolgate/contracts';
import type { AppEnv } from '../context.js';
import { AUTH_WORDS, declarationOf, route, type RouteDeclaration } from '../declare.js';
import { titleFor } from '../problem.js';

const idem = 'Send `Idempotency-Key` to make a retry safe: a replay returns the first answer.';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });


/** One served operation: the Hono registration's method and path with the route's declaration. */
export interface ServedOperation {
  method: string;
  /** OpenAPI form, `/v1/schools/{id}`. */
  path: string;
  declaration?: RouteDeclaration;
}

/** Every method and path the app serves (its `app.use` middleware and catch-alls left out), with the declaration each carries. */
export function servedOperations(app: Hono<AppEnv>): ServedOperation[] {
  const found = new Map<string, ServedOperation>();
  for (const r of app.routes) {
    if (r.method === 'ALL' || r.path.includes('*')) continue;
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    const key = `${r.method} ${path}`;
    const entry = found.get(key) ?? { method: r.method.toLowerCase(), path };
    entry.declaration ??= declarationOf(r.handler);
    found.set(key, entry);
  }
  return [...found.values()];
}

const parametersOf = (path: string, declaration: RouteDeclaration) => {
  const params = declaration.params ? jsonSchema(declaration.params, 'input') : undefined;
  const query = declaration.query ? jsonSchema(declaration.query, 'input') : undefined;
  return [
    ...[...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1]!, in: 'path', required: true, schema: params?.properties?.[m[1]!] ?? { type: 'string' } })),
    ...Object.entries(query?.properties ?? {}).map(([name, schema]) => ({ name, in: 'query', required: (query?.required ?? []).includes(name), schema })),
  ];
};

const problemCodesOf = (declaration: RouteDeclaration) =>
  (declaration.problems ?? []).map((code) => ({ code, title: titleFor(code, code) }));

function operationOf(op: ServedOperation & { declaration: RouteDeclaration }) {
  const d = op.declaration;
  const isPublic = d.auth === 'public';
  const parameters = parametersOf(op.path, d);
  const codes = problemCodesOf(d);
  const codeList = codes.length ? ` Codes: ${codes.map((c) => `${c.code} (${c.title})`).join(', ')}.` : '';
  const problem = (description: string) => ({
    description: `${description}${codeList}`,
    content: { 'application/problem+json': { schema: jsonSchema(contracts.problem, 'output') } },
  });
  const write = op.method !== 'get';
  return {
    operationId: d.operationId,
    summary: d.summary,
    description: `Who: ${AUTH_WORDS[d.auth]}${d.people ? ', signed in as a person (API keys get 403)' : isPublic ? '' : ', or its API key (read-write for changes)'}.${d.idempotent ? ` ${idem}` : ''}`,
    tags: [d.tag],
    ...(isPublic ? { security: [] } : d.people ? { security: [{ cognito: [] }] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(d.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(d.body, 'input') } } } } : {}),
    responses: {
      [String(d.response.status ?? 200)]: {
        description: d.response.description ?? 'OK',
        content: { [d.response.contentType ?? 'application/json']: { schema: jsonSchema(d.response.schema, 'output') } },
      },
      '400': problem('A field is wrong (named in errors[].field)'),
      ...(isPublic ? {} : { '401': problem('Sign in required'), '403': problem('Not allowed') }),
      '404': problem('Not found, or not yours to see'),
      ...(write ? { '409': problem('The state of things stops it now'), '422': problem('The request cannot meet a rule') } : {}),
      // RATE_LIMITED (any signed-in write) and the LIVE_* limits (requests, proposals).
      ...(isPublic || !write ? {} : { '429': problem('Too many requests') }),
      // STORE_UNAVAILABLE, with Retry-After.
      '503': problem('Try again shortly'),
    },
    'x-problem-codes': codes,
  };
}

function buildDocument(app: Hono<AppEnv>) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of servedOperations(app)) {
    if (!op.declaration) continue;
    (paths[op.path] ??= {})[op.method] = operationOf(op as ServedOperation & { declaration: RouteDeclaration });
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Schoolgate API',
      version: '1',
      description: 'Provider access bookings between English schools, providers of technical education and employers.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        cognito: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A Cognito ID token' },
        apiKey: { type: 'http', scheme: 'bearer', bearerFormat: 'sg_live_<keyId>_<secret>', description: "An organisation's API key (also accepted as X-Api-Key); see docs/connect-your-crm.md" },
      },
    },
    security: [{ cognito: [] }, { apiKey: [] }],
    paths,
  };
}

const documents = new WeakMap<object, ReturnType<typeof buildDocument>>();
/** Built on first request, not at cold start: most invocations never ask for it. */
export function openApiDocument(app: Hono<AppEnv>) {
  let document = documents.get(app);
  if (!document) documents.set(app, (document = buildDocument(app)));
  return document;
}

const problemCell = (declaration: RouteDeclaration) => {
  const codes = problemCodesOf(declaration);
  if (!codes.length) return '';
  return `<ul>${codes.map((c) => `<li><code>${c.code}</code> ${escapeHtml(c.title)}</li>`).join('')}</ul>`;
};

/**
 * The document and the docs page of `app` (the whole API, which holds this router too; its routes
 * must carry their declarations, so the running app passes the eager chain, v1.ts, loaded on first use).
 */
export const openapi = (app: () => Hono<AppEnv> | Promise<Hono<AppEnv>>) =>
  new Hono<AppEnv>()
    .get(
      '/openapi.json',
      route({
        operationId: 'getOpenApiDocument',
        summary: 'This document (OpenAPI 3.1)',
        tag: 'Platform',
        auth: 'public',
        response: { schema: z.looseObject({ openapi: z.literal('3.1.0'), paths: z.record(z.string(), z.unknown()) }) },
      }),
      async (c) => c.json(openApiDocument(await app())),
    )
    .get(
      '/docs',
      route({
        operationId: 'getDocsPage',
        summary: 'This API, readable (HTML)',
        tag: 'Platform',
        auth: 'public',
        response: { schema: z.string(), contentType: 'text/html' },
      }),
      async (c) => {
        const operations = servedOperations(await app()).filter((op): op is ServedOperation & { declaration: RouteDeclaration } => Boolean(op.declaration));
        const tags = [...new Set(operations.map((op) => op.declaration.tag))];
        return c.html(html`<!doctype html>
<html lang="en-GB">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Schoolgate API</title>
    <style>
      body { font-family: system-ui, sans-serif; max-width: 70rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #0b0c0c; }
      code { background: #f3f2f1; padding: 0 .25rem; }
      table { border-collapse: collapse; width: 100%; margin-bottom: 2rem; }
      th, td { text-align: left; border-bottom: 1px solid #b1b4b6; padding: .5rem; vertical-align: top; }
      td ul { margin: 0; padding-left: 1rem; }
      a { color: #1d70b8; }
    </style>
  </head>
  <body>
    <main>
      <h1>Schoolgate API</h1>
      <p>Every route is under <code>/v1</code>. Send a Cognito ID token as <code>Authorization: Bearer &lt;token&gt;</code> except on public routes.
      Errors are <code>application/problem+json</code> (RFC 9457) naming the field (<code>errors[].field</code>) or the rule code (<code>errors[].code</code>).
      The machine-readable document is <a href="/v1/openapi.json">/v1/openapi.json</a> (OpenAPI 3.1, generated from the same route
      declarations and zod schemas the API validates with).</p>
      <h2 id="connect">Connect your own systems</h2>
      <p>An organisation's careers leader or admin creates API keys under <em>Settings → API keys and webhooks</em>. Send one as
      <code>Authorization: Bearer sg_live_…</code> (or <code>X-Api-Key</code>): it acts for that organisation only, read-only or read and
      change, and routes marked "signed in as a person" refuse it with 403. A revoked key gets 401. Webhooks are signed:
      <code>Schoolgate-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "&lt;t&gt;.&lt;body&gt;" with your secret&gt;</code>
      (two <code>v1</code> values for 24 hours after a rotation; accept either), with the event id in <code>Schoolgate-Event-Id</code>
      to de-duplicate on. The guide, with curl and a verification snippet, is <code>docs/connect-your-crm.md</code> in the repository.</p>
      ${raw(
        tags
          .map(
            (tag) => `<h2>${escapeHtml(tag)}</h2><table><caption class="visually-hidden">${escapeHtml(tag)} routes</caption><thead><tr><th scope="col">Route</th><th scope="col">What it does</th><th scope="col">Who</th><th scope="col">Codes it can answer with</th></tr></thead><tbody>${operations
              .filter((op) => op.declaration.tag === tag)
              .map(
                (op) =>
                  `<tr><td><code>${op.method.toUpperCase()} ${escapeHtml(op.path)}</code><br><small>${op.declaration.operationId}</small></td><td>${escapeHtml(op.declaration.summary)}${op.declaration.idempotent ? ' (send <code>Idempotency-Key</code>)' : ''}</td><td>${escapeHtml(AUTH_WORDS[op.declaration.auth])}${op.declaration.people ? ', signed in as a person' : ''}</td><td>${problemCell(op.declaration)}</td></tr>`,
              )
              .join('')}</tbody></table>`,
          )
          .join(''),
      )}
    </main>
  </body>
</html>`);
      },
    );

function escapeHtml(text: string) {
  return text.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
}

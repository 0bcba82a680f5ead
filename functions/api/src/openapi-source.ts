import type { Hono } from 'hono';
// A namespace import lets esbuild drop zod's 60-odd locale files.
import * as z from 'zod';
import * as contracts from '@schoolgate/contracts';
import type { AppEnv } from './context.js';
import { AUTH_WORDS, declarationOf, type RouteDeclaration } from './declare.js';
import { titleFor } from './problem.js';

/*
 * The OpenAPI document and the docs page, built from the route declarations at build time
 * (`npm run openapi`, scripts/openapi.ts), never by the running API: they are written to
 * openapi-document.ts, which the /v1/openapi.json and /v1/docs routes serve as they are, so
 * neither request loads a route group, the contracts or zod. test/api/openapi-document.test.ts
 * fails when the committed file is not what the routes declare now.
 */

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
    // One schema for every problem answer, in components: written out per answer it was half the document.
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
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

/**
 * The OpenAPI 3.1 document of `app`, read from the `route({...})` declaration each route carries.
 *
 * @example
 * const doc = openApiDocument(documentedRoutes());
 */
export function openApiDocument(app: Hono<AppEnv>) {
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
      schemas: { Problem: jsonSchema(contracts.problem, 'output') },
      securitySchemes: {
        cognito: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A Cognito ID token' },
        apiKey: { type: 'http', scheme: 'bearer', bearerFormat: 'sg_live_<keyId>_<secret>', description: "An organisation's API key (also accepted as X-Api-Key); see docs/connect-your-crm.md" },
      },
    },
    security: [{ cognito: [] }, { apiKey: [] }],
    paths,
  };
}

const problemCell = (declaration: RouteDeclaration) => {
  const codes = problemCodesOf(declaration);
  if (!codes.length) return '';
  return `<ul>${codes.map((c) => `<li><code>${c.code}</code> ${escapeHtml(c.title)}</li>`).join('')}</ul>`;
};

/** The docs page of `app`: every declared route by tag, who may call it and the codes it can answer with. */
export function docsPage(app: Hono<AppEnv>): string {
  const operations = servedOperations(app).filter((op): op is ServedOperation & { declaration: RouteDeclaration } => Boolean(op.declaration));
  const tags = [...new Set(operations.map((op) => op.declaration.tag))];
  return `<!doctype html>
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
      ${
        tags
          .map(
            (tag) => `\n      <h2>${escapeHtml(tag)}</h2><table><caption class="visually-hidden">${escapeHtml(tag)} routes</caption><thead><tr><th scope="col">Route</th><th scope="col">What it does</th><th scope="col">Who</th><th scope="col">Codes it can answer with</th></tr></thead><tbody>\n${operations
              .filter((op) => op.declaration.tag === tag)
              .map(
                (op) =>
                  `<tr><td><code>${op.method.toUpperCase()} ${escapeHtml(op.path)}</code><br><small>${op.declaration.operationId}</small></td><td>${escapeHtml(op.declaration.summary)}${op.declaration.idempotent ? ' (send <code>Idempotency-Key</code>)' : ''}</td><td>${escapeHtml(AUTH_WORDS[op.declaration.auth])}${op.declaration.people ? ', signed in as a person' : ''}</td><td>${problemCell(op.declaration)}</td></tr>`,
              )
              .join('\n')}\n      </tbody></table>`,
          )
          .join('\n')
      }
    </main>
  </body>
</html>`;
}

/** JSON text with one line per path, so that the generated file diffs by route and is served as it is. */
function documentText(document: ReturnType<typeof openApiDocument>): string {
  const { paths, ...rest } = document;
  const head = JSON.stringify({ ...rest, paths: {} }).slice(0, -3);
  return `${head}{\n${Object.entries(paths).map(([path, item]) => `${JSON.stringify(path)}:${JSON.stringify(item)}`).join(',\n')}\n}}`;
}

/** `text` as a template literal that evaluates to exactly `text`. */
const templateLiteral = (text: string) => '`' + text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';

/**
 * The text of openapi-document.ts for the whole API (the eager chain, v1.ts, every group loaded).
 *
 * @example
 * writeFileSync('functions/api/src/openapi-document.ts', await openApiDocumentSource());
 */
export async function openApiDocumentSource(): Promise<string> {
  const { documentedRoutes } = await import('./v1.js');
  const app = documentedRoutes();
  return [
    '// Generated by `npm run openapi` (scripts/openapi.ts) from the route declarations: do not edit.',
    '// test/api/openapi-document.test.ts fails when it is not what the routes declare.',
    '',
    '/** The OpenAPI 3.1 document, as JSON text served as it is (one line per path). */',
    `export const OPENAPI_DOCUMENT = ${templateLiteral(documentText(openApiDocument(app)))};`,
    '',
    '/** The docs page (HTML) served at /v1/docs. */',
    `export const DOCS_PAGE = ${templateLiteral(docsPage(app))};`,
    '',
  ].join('\n');
}

function escapeHtml(text: string) {
  return text.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
}

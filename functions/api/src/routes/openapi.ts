import { Hono } from 'hono';
import { html, raw } from 'hono/html';
// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import * as contracts from '@schoolgate/contracts';
import type { AppEnv } from '../context.js';

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch';
  path: string;
  summary: string;
  tag: string;
  public?: boolean;
  body?: z.ZodType;
  query?: z.ZodObject;
  response?: z.ZodType;
  status?: number;
}

const idem = 'Send `Idempotency-Key` to make a retry safe: a replay returns the first answer.';

/** Every route, described once; the document and the docs page are generated from it and the zod schemas. */
const operations: Operation[] = [
  { method: 'get', path: '/v1/health', summary: 'The table is reachable', tag: 'Platform', public: true },
  { method: 'get', path: '/v1/public/schools/{urn}/policy', summary: "A school's published provider access policy statement", tag: 'Public', public: true, response: contracts.publicPolicy },
  { method: 'get', path: '/v1/me', summary: 'The signed-in user, their organisations and invitations', tag: 'Organisations', response: contracts.me },
  { method: 'post', path: '/v1/schools', summary: 'Register a school; you become its careers leader', tag: 'Organisations', body: contracts.createSchool, response: contracts.organisation, status: 201 },
  { method: 'post', path: '/v1/providers', summary: 'Register a provider; you become its admin', tag: 'Organisations', body: contracts.createProvider, response: contracts.organisation, status: 201 },
  { method: 'post', path: '/v1/employers', summary: 'Register an employer; you become its admin', tag: 'Organisations', body: contracts.createEmployer, response: contracts.organisation, status: 201 },
  { method: 'get', path: '/v1/schools/{id}', summary: 'A school (roll numbers for members only)', tag: 'Organisations', response: contracts.organisation },
  { method: 'patch', path: '/v1/schools/{id}', summary: 'Change a school profile, roll or venues', tag: 'Organisations', body: contracts.updateSchool, response: contracts.organisation },
  { method: 'get', path: '/v1/organisations/{id}', summary: 'An organisation', tag: 'Organisations', response: contracts.organisation },
  { method: 'patch', path: '/v1/organisations/{id}', summary: "Change a provider's or employer's profile and notification settings", tag: 'Organisations', body: contracts.updatePartner, response: contracts.organisation },
  { method: 'post', path: '/v1/organisations/{orgId}/proposals', summary: "Propose a time within the school's published access times", tag: 'Proposals', body: contracts.proposalInput.extend({ schoolId: z.string() }), status: 201 },
  { method: 'get', path: '/v1/schools/{schoolId}/proposals', summary: 'Proposals made to the school', tag: 'Proposals' },
  { method: 'get', path: '/v1/organisations/{orgId}/proposals', summary: "A provider's own proposals and what became of them", tag: 'Proposals' },
  { method: 'get', path: '/v1/schools/{schoolId}/proposals/{proposalId}', summary: 'One proposal (the school or the proposer)', tag: 'Proposals' },
  { method: 'post', path: '/v1/schools/{schoolId}/proposals/{proposalId}/accept', summary: 'Turn a proposal into a slot', tag: 'Proposals', response: contracts.slot, status: 201 },
  { method: 'post', path: '/v1/schools/{schoolId}/proposals/{proposalId}/decline', summary: 'Decline a proposal on a published ground', tag: 'Proposals', body: contracts.declineInput },
  { method: 'post', path: '/v1/organisations/{id}/invitations', summary: 'Invite a colleague by email', tag: 'Organisations', body: contracts.invite, status: 201 },
  { method: 'get', path: '/v1/organisations/{id}/members', summary: "Who belongs to the organisation, with their roles", tag: 'Organisations' },
  { method: 'post', path: '/v1/invitations/{orgId}/accept', summary: 'Accept an invitation addressed to your email', tag: 'Organisations', status: 201 },
  { method: 'get', path: '/v1/admin/organisations', summary: 'Organisations of a kind, for verification', tag: 'Platform admin' },
  { method: 'post', path: '/v1/admin/organisations/{id}/verify', summary: 'Verify an organisation', tag: 'Platform admin' },
  { method: 'get', path: '/v1/schools/{id}/calendar', summary: "The school's terms, closures and school day", tag: 'School setup', response: contracts.calendarInput },
  { method: 'put', path: '/v1/schools/{id}/calendar', summary: "Replace the school's calendar", tag: 'School setup', body: contracts.calendarInput, response: contracts.calendarInput },
  { method: 'post', path: '/v1/schools/{id}/calendar/ics', summary: 'Read term dates from an .ics file (a preview; nothing is saved)', tag: 'School setup', body: contracts.icsImport },
  { method: 'get', path: '/v1/schools/{id}/policy', summary: 'The latest draft and the published policy', tag: 'Access policy' },
  { method: 'put', path: '/v1/schools/{id}/policy', summary: 'Save a new draft version of the access policy', tag: 'Access policy', body: contracts.policyInput, response: contracts.policyVersion, status: 201 },
  { method: 'post', path: '/v1/schools/{id}/policy/publish', summary: 'Publish the latest draft', tag: 'Access policy', response: contracts.policyVersion },
  { method: 'post', path: '/v1/schools/{id}/slots/check', summary: 'Check a slot against every rule without saving it', tag: 'Slots', body: contracts.slotInput },
  { method: 'post', path: '/v1/schools/{id}/slots', summary: 'Publish a slot (422 with rule codes if a statutory slot breaks a rule)', tag: 'Slots', body: contracts.slotInput, response: contracts.slot, status: 201 },
  { method: 'get', path: '/v1/schools/{id}/slots', summary: "The school's slots", tag: 'Slots' },
  { method: 'get', path: '/v1/schools/{id}/slots/{slotId}', summary: 'One slot', tag: 'Slots', response: contracts.slot },
  { method: 'post', path: '/v1/schools/{id}/slots/{slotId}/withdraw', summary: 'Withdraw a slot nobody has requested (409 SLOT_HAS_BOOKINGS otherwise)', tag: 'Slots', response: contracts.slot },
  { method: 'get', path: '/v1/slots', summary: 'Search open slots by date, year group, format and distance (cursor pagination)', tag: 'Slots', query: contracts.slotSearch.extend({ orgId: z.string() }), response: contracts.page(contracts.slot) },
  { method: 'post', path: '/v1/organisations/{orgId}/requests', summary: `Request a slot. ${idem}`, tag: 'Bookings', body: contracts.requestInput.extend({ schoolId: z.string(), slotId: z.string() }), response: contracts.booking, status: 201 },
  { method: 'get', path: '/v1/organisations/{orgId}/bookings', summary: "A provider's or employer's bookings", tag: 'Bookings' },
  { method: 'get', path: '/v1/schools/{schoolId}/bookings', summary: "The school's requests and bookings", tag: 'Bookings' },
  { method: 'get', path: '/v1/schools/{schoolId}/bookings/{bookingId}', summary: 'A booking with its audit log', tag: 'Bookings' },
  { method: 'post', path: '/v1/schools/{schoolId}/bookings/{bookingId}/approve', summary: `Confirm (409 SLOT_FULL or DISTINCT_PROVIDERS; asSupplementary for a repeat visit). ${idem}`, tag: 'Bookings', response: contracts.booking },
  { method: 'post', path: '/v1/schools/{schoolId}/bookings/{bookingId}/decline', summary: 'Decline on a published ground', tag: 'Bookings', body: contracts.declineInput, response: contracts.booking },
  { method: 'post', path: '/v1/schools/{schoolId}/bookings/{bookingId}/withdraw', summary: 'Withdraw a request (the requester)', tag: 'Bookings', response: contracts.booking },
  { method: 'post', path: '/v1/schools/{schoolId}/bookings/{bookingId}/cancel', summary: 'Cancel a confirmed booking (either side), releasing the place', tag: 'Bookings', body: contracts.reasonInput, response: contracts.booking },
  { method: 'post', path: '/v1/schools/{schoolId}/bookings/{bookingId}/attendance', summary: 'Record whether the encounter was delivered', tag: 'Bookings', body: contracts.attendanceInput, response: contracts.booking },
  { method: 'get', path: '/v1/schools/{schoolId}/bookings/{bookingId}/ics', summary: 'The calendar invite (text/calendar)', tag: 'Bookings' },
  { method: 'get', path: '/v1/schools/{id}/compliance', summary: "Each cohort's status per key phase", tag: 'Compliance' },
  { method: 'get', path: '/v1/organisations/{orgId}/delivery-failures', summary: 'Emails that could not be delivered', tag: 'Notifications' },
  { method: 'post', path: '/v1/organisations/{orgId}/delivery-failures/resend', summary: 'Send an undelivered email again (queued; answers 202)', tag: 'Notifications', status: 202 },
];

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });

const problemResponse = { description: 'Problem details (RFC 9457)', content: { 'application/problem+json': { schema: jsonSchema(contracts.problem, 'output') } } };

function buildDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const parameters = [
      ...[...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
      ...(op.query
        ? Object.entries(jsonSchema(op.query, 'input').properties ?? {}).map(([name, schema]) => ({
            name,
            in: 'query',
            required: (jsonSchema(op.query!, 'input').required ?? []).includes(name),
            schema,
          }))
        : []),
    ];
    (paths[op.path] ??= {})[op.method] = {
      summary: op.summary,
      tags: [op.tag],
      ...(op.public ? { security: [] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body, 'input') } } } } : {}),
      responses: {
        [String(op.status ?? 200)]: { description: 'OK', ...(op.response ? { content: { 'application/json': { schema: jsonSchema(op.response, 'output') } } } : {}) },
        '400': problemResponse,
        ...(op.public ? {} : { '401': problemResponse, '403': problemResponse }),
        '404': problemResponse,
        ...(op.method === 'post' ? { '409': problemResponse, '422': problemResponse } : {}),
        // RATE_LIMITED (any signed-in write) and the LIVE_* limits (requests, proposals).
        ...(op.public || op.method === 'get' ? {} : { '429': problemResponse }),
        // STORE_UNAVAILABLE, with Retry-After.
        '503': problemResponse,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Schoolgate API',
      version: '1',
      description: 'Provider access bookings between English schools, providers of technical education and employers.',
    },
    servers: [{ url: '/' }],
    components: { securitySchemes: { cognito: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A Cognito ID token' } } },
    security: [{ cognito: [] }],
    paths,
  };
}

let cached: ReturnType<typeof buildDocument> | undefined;
/** Built on first request, not at cold start: most invocations never ask for it. */
export const openApiDocument = () => (cached ??= buildDocument());

export const openapi = new Hono<AppEnv>()
  .get('/openapi.json', (c) => c.json(openApiDocument()))
  .get('/docs', (c) => {
    const tags = [...new Set(operations.map((op) => op.tag))];
    return c.html(html`<!doctype html>
<html lang="en-GB">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Schoolgate API</title>
    <style>
      body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #0b0c0c; }
      code { background: #f3f2f1; padding: 0 .25rem; }
      table { border-collapse: collapse; width: 100%; margin-bottom: 2rem; }
      th, td { text-align: left; border-bottom: 1px solid #b1b4b6; padding: .5rem; vertical-align: top; }
      a { color: #1d70b8; }
    </style>
  </head>
  <body>
    <main>
      <h1>Schoolgate API</h1>
      <p>Every route is under <code>/v1</code>. Send a Cognito ID token as <code>Authorization: Bearer &lt;token&gt;</code> except on public routes.
      Errors are <code>application/problem+json</code> (RFC 9457) naming the field or the rule code. The machine-readable document is
      <a href="/v1/openapi.json">/v1/openapi.json</a> (OpenAPI 3.1, generated from the same zod schemas the API validates with).</p>
      ${raw(
        tags
          .map(
            (tag) => `<h2>${tag}</h2><table><caption class="visually-hidden">${tag} routes</caption><thead><tr><th scope="col">Route</th><th scope="col">What it does</th></tr></thead><tbody>${operations
              .filter((op) => op.tag === tag)
              .map((op) => `<tr><td><code>${op.method.toUpperCase()} ${op.path}</code></td><td>${escapeHtml(op.summary)}${op.public ? ' (no sign-in)' : ''}</td></tr>`)
              .join('')}</tbody></table>`,
          )
          .join(''),
      )}
    </main>
  </body>
</html>`);
  });

function escapeHtml(text: string) {
  return text.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
}

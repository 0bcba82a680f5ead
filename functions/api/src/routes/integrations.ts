import { Hono } from 'hono';
// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import {
  apiKey,
  apiKeyCreated,
  apiKeyList,
  apiKeyUsage,
  createApiKeyInput,
  createWebhookInput,
  updateWebhookInput,
  webhookDeleted,
  webhookEndpoint,
  webhookEndpointList,
  webhookEndpointWithSecret,
  webhookEventKinds,
} from '@schoolgate/contracts';
import {
  addWebhookEndpoint,
  apiKeyUsageOf,
  changeWebhookEndpoint,
  createApiKey,
  listApiKeysOf,
  listWebhookEndpointsOf,
  readOrganisation,
  removeWebhookEndpoint,
  revokeApiKeyOf,
  rotateWebhookSecret,
} from '@schoolgate/usecases';
import { deps, requireMember, type AppContext, type AppEnv } from '../context.js';
import { route } from '../declare.js';
import { notFound } from '../problem.js';
import { ADMIN_ROLES } from './organisations.js';

/**
 * An organisation's connections to its own systems: API keys (which act for the organisation,
 * never a person) and signed webhooks. Managing them is for the organisation's careers leader or
 * admin, signed in as a person: an API key can neither mint keys nor redirect webhooks.
 */
const orgParam = z.strictObject({ orgId: z.string().min(1).max(64) });
const keyParam = orgParam.extend({ keyId: z.string().min(1).max(64) });
const endpointParam = orgParam.extend({ endpointId: z.string().min(1).max(64) });

async function requireAdmin(c: AppContext, orgId: string) {
  const org = await readOrganisation(deps(c).db, orgId);
  if (!org) throw notFound();
  return requireMember(c, orgId, ADMIN_ROLES[org.kind]);
}

export const integrations = new Hono<AppEnv>()
  .get(
    '/organisations/:orgId/api-keys',
    route({ operationId: 'listApiKeys', summary: "The organisation's API keys (never their secrets), revoked ones included", tag: 'Integrations', auth: 'org-admin', people: true, params: orgParam, response: { schema: apiKeyList }, problems: ['STORE_UNAVAILABLE'] }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      await requireAdmin(c, orgId);
      return c.json({ items: await listApiKeysOf(deps(c).db, orgId) });
    },
  )
  .post(
    '/organisations/:orgId/api-keys',
    route({ operationId: 'createApiKey', summary: 'Create an API key for your own systems (shown once)', tag: 'Integrations', auth: 'org-admin', people: true, params: orgParam, body: createApiKeyInput, response: { status: 201, schema: apiKeyCreated }, problems: ['RATE_LIMITED', 'STORE_UNAVAILABLE'] }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      const admin = await requireAdmin(c, orgId);
      const created = await createApiKey(deps(c), admin, c.req.valid('json'));
      c.header('cache-control', 'no-store');
      return c.json(created, 201);
    },
  )
  .post(
    '/organisations/:orgId/api-keys/:keyId/revoke',
    route({ operationId: 'revokeApiKey', summary: 'Revoke an API key: its next call gets 401', tag: 'Integrations', auth: 'org-admin', people: true, params: keyParam, response: { schema: apiKey }, problems: ['ALREADY_REVOKED', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }),
    async (c) => {
      const { orgId, keyId } = c.req.valid('param');
      const admin = await requireAdmin(c, orgId);
      return c.json(await revokeApiKeyOf(deps(c), admin, keyId));
    },
  )
  .get(
    '/organisations/:orgId/api-keys/:keyId/usage',
    route({ operationId: 'getApiKeyUsage', summary: "An API key's use, minute by minute (the last 60 minutes it was used in)", tag: 'Integrations', auth: 'org-admin', people: true, params: keyParam, response: { schema: apiKeyUsage }, problems: ['STORE_UNAVAILABLE'] }),
    async (c) => {
      const { orgId, keyId } = c.req.valid('param');
      await requireAdmin(c, orgId);
      const minutes = await apiKeyUsageOf(deps(c).db, orgId, keyId);
      if (!minutes) throw notFound();
      return c.json({ keyId, minutes });
    },
  )
  .get(
    '/organisations/:orgId/webhooks',
    route({ operationId: 'listWebhooks', summary: "The organisation's webhook endpoints (never their secrets) and the events on offer", tag: 'Integrations', auth: 'org-admin', people: true, params: orgParam, response: { schema: webhookEndpointList }, problems: ['STORE_UNAVAILABLE'] }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      await requireAdmin(c, orgId);
      return c.json({ items: await listWebhookEndpointsOf(deps(c).db, orgId, deps(c).now()), events: [...webhookEventKinds] });
    },
  )
  .post(
    '/organisations/:orgId/webhooks',
    route({ operationId: 'createWebhook', summary: 'Add an HTTPS endpoint and the events it gets (signing secret shown once)', tag: 'Integrations', auth: 'org-admin', people: true, params: orgParam, body: createWebhookInput, response: { status: 201, schema: webhookEndpointWithSecret }, problems: ['RATE_LIMITED', 'STORE_UNAVAILABLE'] }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      const admin = await requireAdmin(c, orgId);
      const created = await addWebhookEndpoint(deps(c), admin, c.req.valid('json'), deps(c).allowLocalWebhooks ?? false);
      c.header('cache-control', 'no-store');
      return c.json(created, 201);
    },
  )
  .patch(
    '/organisations/:orgId/webhooks/:endpointId',
    route({ operationId: 'updateWebhook', summary: 'Change the events (or description) of an endpoint', tag: 'Integrations', auth: 'org-admin', people: true, params: endpointParam, body: updateWebhookInput, response: { schema: webhookEndpoint }, problems: ['STALE_STATE', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }),
    async (c) => {
      const { orgId, endpointId } = c.req.valid('param');
      await requireAdmin(c, orgId);
      return c.json(await changeWebhookEndpoint(deps(c), orgId, endpointId, c.req.valid('json')));
    },
  )
  .post(
    '/organisations/:orgId/webhooks/:endpointId/rotate-secret',
    route({ operationId: 'rotateWebhookSecret', summary: 'A new signing secret (shown once); the old one keeps signing beside it for 24 hours', tag: 'Integrations', auth: 'org-admin', people: true, params: endpointParam, response: { schema: webhookEndpointWithSecret }, problems: ['STALE_STATE', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }),
    async (c) => {
      const { orgId, endpointId } = c.req.valid('param');
      await requireAdmin(c, orgId);
      const rotated = await rotateWebhookSecret(deps(c), orgId, endpointId);
      c.header('cache-control', 'no-store');
      return c.json(rotated);
    },
  )
  .delete(
    '/organisations/:orgId/webhooks/:endpointId',
    route({ operationId: 'deleteWebhook', summary: 'Remove an endpoint; deliveries stop with the next event', tag: 'Integrations', auth: 'org-admin', people: true, params: endpointParam, response: { schema: webhookDeleted }, problems: ['RATE_LIMITED', 'STORE_UNAVAILABLE'] }),
    async (c) => {
      const { orgId, endpointId } = c.req.valid('param');
      await requireAdmin(c, orgId);
      await removeWebhookEndpoint(deps(c).db, orgId, endpointId);
      return c.json({ endpointId, deleted: true as const });
    },
  );

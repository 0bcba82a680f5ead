// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import { id, localDate, localTime } from './common.js';

/** What an API key may do. */
export const apiKeyScopes = ['read', 'read-write'] as const;
export const apiKeyScope = z.enum(apiKeyScopes);

export const createApiKeyInput = z.strictObject({
  name: z.string().trim().min(1, 'Name the key after the system that will use it').max(80),
  scope: apiKeyScope,
});

/** An API key as its organisation sees it: never the secret, never its hash. */
export const apiKey = z.object({
  keyId: z.string(),
  orgId: id,
  name: z.string(),
  scope: apiKeyScope,
  hint: z.string().describe('The first characters of the key, to tell keys apart'),
  createdAt: z.string(),
  createdBy: z.string(),
  revokedAt: z.string().optional(),
  revokedBy: z.string().optional(),
  lastUsedAt: z.string().optional(),
});
export const apiKeyList = z.object({ items: z.array(apiKey) });
export const apiKeyCreated = apiKey.extend({
  token: z.string().describe('The whole key, `sg_live_<keyId>_<secret>`. Shown this once; only its hash is kept.'),
});
export const apiKeyUsage = z.object({
  keyId: z.string(),
  minutes: z.array(
    z.object({
      minute: z.string().describe('UTC minute, yyyy-mm-ddThh:mm'),
      requests: z.number().int(),
      writes: z.number().int(),
      refused: z.number().int(),
      lastAt: z.string(),
      lastCall: z.string(),
      lastStatus: z.number().int(),
    }),
  ),
});

/**
 * The events a webhook endpoint can subscribe to today. Names kept for events still to come:
 * `booking.rescheduled`, `placement.booked`, `proposal.made`, `proposal.answered`.
 */
export const webhookEventKinds = [
  'booking.requested',
  'booking.confirmed',
  'booking.declined',
  'booking.withdrawn',
  'booking.cancelled',
  'booking.delivered',
  'booking.not_delivered',
] as const;
export const webhookEventKind = z.enum(webhookEventKinds);
export type WebhookEventKind = z.infer<typeof webhookEventKind>;

export const createWebhookInput = z.strictObject({
  url: z.url().max(500).describe('HTTPS; http://127.0.0.1 only on a local or test run'),
  events: z.array(webhookEventKind).min(1, 'Choose at least one event').max(webhookEventKinds.length),
  description: z.string().trim().max(200).optional(),
});
export const updateWebhookInput = z.strictObject({
  events: z.array(webhookEventKind).min(1, 'Choose at least one event').max(webhookEventKinds.length).optional(),
  description: z.string().trim().max(200).optional(),
});

/** An endpoint as its organisation sees it: never its secrets. */
export const webhookEndpoint = z.object({
  endpointId: z.string(),
  orgId: id,
  url: z.string(),
  events: z.array(z.string()),
  description: z.string().optional(),
  createdAt: z.string(),
  createdBy: z.string(),
  version: z.number().int(),
  /** While an old secret still signs (after a rotation), when it stops. */
  previousSecretExpiresAt: z.string().optional(),
});
export const webhookEndpointList = z.object({ items: z.array(webhookEndpoint), events: z.array(webhookEventKind) });
export const webhookEndpointWithSecret = webhookEndpoint.extend({
  secret: z.string().describe('The signing secret (`whsec_…`). Shown this once.'),
});
export const webhookDeleted = z.object({ endpointId: z.string(), deleted: z.literal(true) });

/** The JSON body of every webhook delivery. */
export const webhookPayload = z.object({
  id: z.string().describe('The event id (also in Schoolgate-Event-Id): de-duplicate on it'),
  type: webhookEventKind,
  createdAt: z.string(),
  data: z.object({
    booking: z.object({
      bookingId: z.string(),
      status: z.string(),
      schoolId: z.string(),
      schoolName: z.string(),
      requesterOrgId: z.string(),
      requesterName: z.string(),
      slotId: z.string(),
      date: localDate,
      start: localTime,
      end: localTime,
      title: z.string(),
      format: z.string(),
      yearGroups: z.array(z.number().int()),
      statutory: z.boolean(),
      venueName: z.string(),
      declineGround: z.string().optional(),
      reason: z.string().optional(),
      actorSide: z.enum(['school', 'requester']).optional(),
    }),
  }),
});
export type WebhookPayload = z.infer<typeof webhookPayload>;

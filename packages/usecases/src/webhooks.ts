import { randomBytes } from 'node:crypto';
import {
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookEndpoints,
  NotFoundError,
  putWebhookEndpoint,
  updateWebhookEndpoint,
  type Db,
  type MembershipRecord,
  type WebhookEndpointRecord,
  type OutboxCommand,
  type OutboxEvent,
  type WebhookSecret,
} from '@schoolgate/store';
import { webhookEventKinds, type WebhookEventKind, type WebhookPayload } from '@schoolgate/contracts';
import type { UseCaseContext } from './context.js';
import { InvalidInput } from './errors.js';

/** After a rotation the old secret keeps signing (beside the new one) this long. */
export const SECRET_OVERLAP_HOURS = 24;

/** What the organisation sees of an endpoint: never its secrets. */
export interface WebhookEndpointView {
  endpointId: string;
  orgId: string;
  url: string;
  events: string[];
  description?: string;
  createdAt: string;
  createdBy: string;
  version: number;
  previousSecretExpiresAt?: string;
}

const newSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

/** The secrets that still sign at `now`, newest first. */
export const liveSecrets = (endpoint: Pick<WebhookEndpointRecord, 'secrets'>, now: Date): string[] =>
  endpoint.secrets.filter((s) => !s.expiresAt || s.expiresAt > now.toISOString()).map((s) => s.secret);

export function endpointView(endpoint: WebhookEndpointRecord, now: Date): WebhookEndpointView {
  const { secrets, ...rest } = endpoint;
  const overlapping = secrets.find((s) => s.expiresAt && s.expiresAt > now.toISOString());
  return { ...rest, ...(overlapping?.expiresAt ? { previousSecretExpiresAt: overlapping.expiresAt } : {}) };
}

/**
 * HTTPS only; plain http to this machine's loopback address only on a local or test run
 * (`allowLocal`), so a test receiver can listen on 127.0.0.1.
 *
 * @example
 * checkWebhookUrl('https://crm.example/hooks', false); // passes
 */
export function checkWebhookUrl(raw: string, allowLocal: boolean): void {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidInput([{ field: 'url', message: 'Use a full https:// address' }]);
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  if (url.username || url.password) throw new InvalidInput([{ field: 'url', message: 'Leave credentials out of the address; deliveries are signed instead' }]);
  if (url.protocol === 'https:' && !(loopback && !allowLocal)) return;
  if (url.protocol === 'http:' && loopback && allowLocal) return;
  throw new InvalidInput([{ field: 'url', message: allowLocal ? 'Use https://, or http://127.0.0.1 on this local run' : 'Use an https:// address on the internet' }]);
}

/**
 * Registers an endpoint for the admin's organisation; its signing secret is returned this once.
 *
 * @example
 * const { secret } = await addWebhookEndpoint(ctx, membership, { url, events: ['booking.confirmed'] }, false);
 */
export async function addWebhookEndpoint(
  ctx: UseCaseContext,
  admin: MembershipRecord,
  input: { url: string; events: string[]; description?: string },
  allowLocal: boolean,
): Promise<WebhookEndpointView & { secret: string }> {
  checkWebhookUrl(input.url, allowLocal);
  const now = ctx.now();
  const secret = newSecret();
  const record: WebhookEndpointRecord = {
    endpointId: ctx.newId(),
    orgId: admin.orgId,
    url: input.url,
    events: [...new Set(input.events)],
    ...(input.description ? { description: input.description } : {}),
    secrets: [{ secret, createdAt: now.toISOString() }],
    version: 1,
    createdAt: now.toISOString(),
    createdBy: admin.email,
  };
  await putWebhookEndpoint(ctx.db, record);
  return { ...endpointView(record, now), secret };
}

/** An organisation's endpoints (without secrets). */
export async function listWebhookEndpointsOf(db: Db, orgId: string, now: Date): Promise<WebhookEndpointView[]> {
  return (await listWebhookEndpoints(db, orgId)).map((e) => endpointView(e, now));
}

async function endpointOf(db: Db, orgId: string, endpointId: string): Promise<WebhookEndpointRecord> {
  const endpoint = await getWebhookEndpoint(db, orgId, endpointId);
  if (!endpoint) throw new NotFoundError('No such webhook endpoint');
  return endpoint;
}

/**
 * A new signing secret, returned this once. The one in use keeps signing beside it for
 * {@link SECRET_OVERLAP_HOURS} (deliveries carry both signatures), so the receiver can switch
 * without missing one; older secrets are dropped. Conditional on the version read (409 if two
 * people rotate at once).
 *
 * @example
 * const { secret, previousSecretExpiresAt } = await rotateWebhookSecret(ctx, 'prv_1', '01J...');
 */
export async function rotateWebhookSecret(ctx: UseCaseContext, orgId: string, endpointId: string): Promise<WebhookEndpointView & { secret: string }> {
  const current = await endpointOf(ctx.db, orgId, endpointId);
  const now = ctx.now();
  const overlapEnds = new Date(now.getTime() + SECRET_OVERLAP_HOURS * 3600_000).toISOString();
  const inUse = current.secrets.find((s) => !s.expiresAt);
  const secret = newSecret();
  const secrets: WebhookSecret[] = [{ secret, createdAt: now.toISOString() }, ...(inUse ? [{ ...inUse, expiresAt: overlapEnds }] : [])];
  const saved = await updateWebhookEndpoint(ctx.db, current, { secrets });
  return { ...endpointView(saved, now), secret };
}

/**
 * Changes the events (or description) of an endpoint, conditional on the version read.
 *
 * @example
 * await changeWebhookEndpoint(ctx, 'prv_1', '01J...', { events: ['booking.confirmed'] });
 */
export async function changeWebhookEndpoint(ctx: UseCaseContext, orgId: string, endpointId: string, changes: { events?: string[]; description?: string }): Promise<WebhookEndpointView> {
  const current = await endpointOf(ctx.db, orgId, endpointId);
  const saved = await updateWebhookEndpoint(ctx.db, current, {
    ...(changes.events ? { events: [...new Set(changes.events)] } : {}),
    ...(changes.description !== undefined ? { description: changes.description } : {}),
  });
  return endpointView(saved, ctx.now());
}

/** Removes an endpoint. */
export async function removeWebhookEndpoint(db: Db, orgId: string, endpointId: string): Promise<void> {
  await deleteWebhookEndpoint(db, orgId, endpointId);
}

/**
 * The body a webhook delivery carries for an outbox event, or undefined when the event is not one
 * endpoints can subscribe to. Names and ids only: no contact addresses, no reminder settings.
 *
 * @example
 * const payload = webhookPayloadOf(event); // { id, type: 'booking.confirmed', createdAt, data: { booking } }
 */
export function webhookPayloadOf(event: OutboxEvent | OutboxCommand): WebhookPayload | undefined {
  if (!('booking' in event) || !(webhookEventKinds as readonly string[]).includes(event.kind)) return undefined;
  const b = event.booking;
  return {
    id: event.eventId,
    type: event.kind as WebhookEventKind,
    createdAt: event.occurredAt,
    data: {
      booking: {
        bookingId: b.bookingId,
        status: b.status,
        schoolId: b.school.orgId,
        schoolName: b.school.name,
        requesterOrgId: b.requester.orgId,
        requesterName: b.requester.name,
        slotId: b.slotId,
        date: b.date,
        start: b.start,
        end: b.end,
        title: b.title,
        format: b.format,
        yearGroups: b.yearGroups,
        statutory: b.statutory,
        venueName: b.venueName,
        ...(b.declineGround ? { declineGround: b.declineGround } : {}),
        ...(b.reason ? { reason: b.reason } : {}),
        ...(b.actorSide ? { actorSide: b.actorSide } : {}),
      },
    },
  };
}

/** The organisations an event concerns (each may have endpoints): both parties to a booking. */
export const webhookOrgsOf = (payload: WebhookPayload): string[] => [...new Set([payload.data.booking.schoolId, payload.data.booking.requesterOrgId])];
export type { WebhookPayload, WebhookEventKind } from '@schoolgate/contracts';

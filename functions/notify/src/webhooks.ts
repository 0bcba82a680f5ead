import {
  claimDelivery,
  getWebhookEndpoint,
  listWebhookEndpoints,
  markDeliveryFailed,
  markDeliveryFailureResent,
  markDeliverySent,
  putDeliveryFailure,
  releaseDelivery,
  type DeliveryFailure,
  type OutboxCommand,
  type OutboxEvent,
  type WebhookEndpointRecord,
} from '@schoolgate/store';
import { checkWebhookUrl, EVENT_ID_HEADER, liveSecrets, signatureHeader, SIGNATURE_HEADER, webhookOrgsOf, webhookPayloadOf } from '@schoolgate/usecases';
import type { WebhookPayload } from '@schoolgate/usecases';
import type { NotifyDeps, RetryPolicy } from './deps.js';
import type { DeliveryOutcome } from './deliver.js';
import { logger } from './observability.js';
import { SendFailedError, withRetry } from './send.js';

/**
 * Webhook deliveries, beside email, from the same outbox events: each endpoint of the school and
 * of the requester that subscribed to the event gets one signed POST, claimed once per event and
 * endpoint exactly as an email is per recipient, retried with jittered backoff, and recorded as an
 * undelivered message (with "send again") when it gives up.
 */

/** Three tries, 0.5 s then up to 2 s apart, each given 3 s: one event's worst case stays well inside the stream handler's minute. */
export const defaultWebhookRetry: RetryPolicy = { attempts: 3, baseDelayMs: 500, maxDelayMs: 2_000 };
export const WEBHOOK_TIMEOUT_MS = 3_000;
/** How long a delivery claim stays exclusive (as for email). */
const LEASE_MS = 2 * 60_000;

/** What the notifier needs for webhooks; every field has a default for AWS. */
export interface WebhookOptions {
  fetch?: typeof fetch;
  retry?: RetryPolicy;
  timeoutMs?: number;
  /** Allows http://127.0.0.1 endpoints (local runs and tests only). */
  allowLocal?: boolean;
}

/** The recipient a webhook delivery is claimed and recorded under. */
export const webhookRecipient = (endpointId: string) => `webhook:${endpointId}`;

/** What a failure record keeps to send the same delivery again. */
interface WebhookSource {
  kind: 'webhook';
  endpointId: string;
  payload: WebhookPayload;
}

/**
 * Delivers an outbox event to every subscribed endpoint of the organisations it concerns.
 *
 * @example
 * const outcomes = await deliverWebhooks(deps, event, new Date());
 */
export async function deliverWebhooks(deps: NotifyDeps, event: OutboxEvent | OutboxCommand, now: Date): Promise<DeliveryOutcome[]> {
  const payload = webhookPayloadOf(event);
  if (!payload) return [];
  const endpoints = (await Promise.all(webhookOrgsOf(payload).map((orgId) => listWebhookEndpoints(deps.db, orgId))))
    .flat()
    .filter((endpoint) => endpoint.events.includes(payload.type));
  // Endpoints are independent: one slow receiver must not hold up another.
  return Promise.all(endpoints.map((endpoint) => deliverToEndpoint(deps, endpoint, payload, now)));
}

async function deliverToEndpoint(deps: NotifyDeps, endpoint: WebhookEndpointRecord, payload: WebhookPayload, now: Date): Promise<DeliveryOutcome> {
  const recipient = webhookRecipient(endpoint.endpointId);
  const messageKind = 'webhook';
  const claim = await claimDelivery(deps.db, payload.id, recipient, now, LEASE_MS);
  if (claim.outcome === 'done') return { status: 'skipped', recipient, messageKind, reason: `already ${claim.state}` };
  if (claim.outcome === 'missing') return { status: 'skipped', recipient, messageKind, reason: 'outbox item no longer exists' };
  if (claim.outcome === 'busy') return { status: 'busy', recipient, messageKind };
  let outcome: DeliveryOutcome;
  try {
    outcome = await postOrRecord(deps, endpoint, payload, now);
  } catch (error) {
    await releaseDelivery(deps.db, payload.id, recipient).catch(() => undefined);
    throw error;
  }
  if (outcome.status === 'sent') await markDeliverySent(deps.db, payload.id, recipient, outcome.messageId, new Date());
  else await markDeliveryFailed(deps.db, payload.id, recipient, new Date());
  return outcome;
}

/** Posts with retries; when it gives up, records the failure under the endpoint's organisation. */
async function postOrRecord(deps: NotifyDeps, endpoint: WebhookEndpointRecord, payload: WebhookPayload, now: Date): Promise<DeliveryOutcome> {
  const recipient = webhookRecipient(endpoint.endpointId);
  try {
    const { status, attempts } = await postWebhook(deps, endpoint, payload);
    return { status: 'sent', recipient, messageKind: 'webhook', messageId: `http ${status}`, attempts };
  } catch (error) {
    const attempts = error instanceof SendFailedError ? error.attempts : 1;
    const cause = error instanceof SendFailedError ? error.cause : error;
    const message = cause instanceof Error ? cause.message : String(cause);
    const source: WebhookSource = { kind: 'webhook', endpointId: endpoint.endpointId, payload };
    await putDeliveryFailure(deps.db, {
      orgId: endpoint.orgId,
      eventId: payload.id,
      recipient,
      recipientName: endpoint.url,
      eventKind: payload.type,
      messageKind: 'webhook',
      bookingId: payload.data.booking.bookingId,
      summary: `Webhook ${payload.type} for ${payload.data.booking.title} at ${payload.data.booking.schoolName}, ${payload.data.booking.date}, to ${endpoint.url}`,
      error: message,
      errorName: cause instanceof Error ? cause.name : 'Error',
      attempts,
      failedAt: now.toISOString(),
      status: 'failed',
      source: source as unknown as Record<string, unknown>,
    });
    logger.error('webhook delivery failed', { correlation_id: payload.id, endpointId: endpoint.endpointId, orgId: endpoint.orgId, attempts, error: message });
    return { status: 'failed', recipient, messageKind: 'webhook', attempts, error: message };
  }
}

/** A delivery the receiver did not accept; every one is worth another try. */
class WebhookRejected extends Error {
  readonly $retryable = true;
  constructor(message: string) {
    super(message);
    this.name = 'WebhookRejected';
  }
}

/**
 * One signed POST, tried as the retry policy says. Signed afresh on each try (a new timestamp),
 * with every secret still in use; the event id is the same on every try and resend.
 */
async function postWebhook(deps: NotifyDeps, endpoint: WebhookEndpointRecord, payload: WebhookPayload): Promise<{ status: number; attempts: number }> {
  const options = deps.webhooks ?? {};
  const doFetch = options.fetch ?? fetch;
  const body = JSON.stringify(payload);
  const { value, attempts } = await withRetry(async () => {
    // A stored address is checked again at send time (an http endpoint saved locally never goes out on AWS).
    checkWebhookUrl(endpoint.url, options.allowLocal ?? false);
    const sentAt = new Date();
    let response: Response;
    try {
      response = await doFetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Schoolgate-Webhooks/1',
          [EVENT_ID_HEADER]: payload.id,
          'Schoolgate-Event-Type': payload.type,
          [SIGNATURE_HEADER]: signatureHeader(liveSecrets(endpoint, sentAt), Math.floor(sentAt.getTime() / 1000), body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs ?? WEBHOOK_TIMEOUT_MS),
      });
    } catch (error) {
      throw new WebhookRejected(`Could not reach ${new URL(endpoint.url).host}: ${error instanceof Error ? error.message : String(error)}`);
    }
    await response.body?.cancel().catch(() => undefined);
    if (response.status < 200 || response.status > 299) throw new WebhookRejected(`The endpoint answered HTTP ${response.status}`);
    return response.status;
  }, options.retry ?? defaultWebhookRetry).catch((error: unknown) => {
    // An address refused by checkWebhookUrl is not retried (InvalidInput is not transient).
    if (error instanceof SendFailedError) throw error;
    throw new SendFailedError(error, 1);
  });
  return { status: value, attempts };
}

/**
 * Sends a failed webhook delivery again (a person asked, through the outbox's `delivery.resend`):
 * the same event id and body, signed now with the endpoint's current secrets.
 *
 * @example
 * const outcome = await resendWebhook(deps, failure, new Date());
 */
export async function resendWebhook(deps: NotifyDeps, failure: DeliveryFailure, now: Date): Promise<DeliveryOutcome> {
  const source = failure.source as unknown as WebhookSource;
  const endpoint = await getWebhookEndpoint(deps.db, failure.orgId, source.endpointId);
  if (!endpoint) {
    await putDeliveryFailure(deps.db, { ...failure, status: 'failed', error: 'The endpoint has been removed', errorName: 'EndpointRemoved', failedAt: now.toISOString() });
    return { status: 'failed', recipient: failure.recipient, messageKind: 'webhook', attempts: 0, error: 'The endpoint has been removed' };
  }
  const outcome = await postOrRecord(deps, endpoint, source.payload, now);
  if (outcome.status === 'sent') {
    await markDeliveryFailureResent(deps.db, failure.orgId, failure.eventId, failure.recipient, now);
    await markDeliverySent(deps.db, failure.eventId, failure.recipient, outcome.messageId, now);
  }
  return outcome;
}

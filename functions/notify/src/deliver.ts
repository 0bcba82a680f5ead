import type { OutboxCommand, OutboxEvent, PlacementEvent } from '@schoolgate/store';
import { placementMessagesFor, placementSnapshot } from './placement-messages.js';
import type { NotifyDeps } from './deps.js';
import {
  claimDelivery,
  getDeliveryFailure,
  markDeliveryFailed,
  markDeliveryFailureResent,
  markDeliverySent,
  putDeliveryFailure,
  releaseDelivery,
  type DeliveryFailure,
} from '@schoolgate/store';
import { composeMessage, messagesForEvent, whenText, type MessageSource, type PlannedMessage } from './messages.js';
import { count, logger } from './observability.js';
import { SendFailedError, sendComposed } from './send.js';
import { resendWebhook } from './webhooks.js';

/** How long a claim on a send stays exclusive before a redelivery may assume its owner died. */
export const SEND_LEASE_MS = 2 * 60_000;

export type DeliveryOutcome =
  | { status: 'sent'; recipient: string; messageKind: string; messageId: string; attempts: number }
  | { status: 'failed'; recipient: string; messageKind: string; attempts: number; error: string }
  /** Sent or failed by an earlier delivery of the same record. */
  | { status: 'skipped'; recipient: string; messageKind: string; reason: string }
  /** Another invocation holds the send; the record must be retried. */
  | { status: 'busy'; recipient: string; messageKind: string };

/**
 * Composes and sends one planned message; on a permanent failure (or retries exhausted) records it
 * under the causing organisation, keyed by `failureId`. Never throws for an SES failure: an email
 * problem must not hold up anything else. Throws only if DynamoDB itself fails.
 *
 * @example
 * const outcome = await sendPlanned(deps, planned, 'reminder#bkg_1#before-7#school', new Date());
 */
export async function sendPlanned(deps: NotifyDeps, planned: PlannedMessage, failureId: string, now: Date): Promise<DeliveryOutcome> {
  const recipient = planned.recipient.email;
  const messageKind = planned.source.kind;
  try {
    const composed = composeMessage(planned, deps.webBaseUrl);
    const { messageId, attempts } = await sendComposed(deps, composed, now);
    return { status: 'sent', recipient, messageKind, messageId, attempts };
  } catch (error) {
    // Rendering errors land here too: they are permanent, and the organisation should see them.
    const attempts = error instanceof SendFailedError ? error.attempts : 1;
    const cause = error instanceof SendFailedError ? error.cause : error;
    await putDeliveryFailure(deps.db, {
      orgId: planned.causingOrgId,
      eventId: failureId,
      recipient,
      recipientName: planned.recipient.name,
      recipientOrgId: planned.recipient.orgId,
      eventKind: planned.source.eventKind,
      messageKind,
      bookingId: 'booking' in planned.source ? planned.source.booking.bookingId : 'placement' in planned.source ? planned.source.placement.id : undefined,
      summary: failureSummary(planned.source),
      error: cause instanceof Error ? cause.message : String(cause),
      errorName: cause instanceof Error ? cause.name : 'Error',
      attempts,
      failedAt: now.toISOString(),
      status: 'failed',
      source: planned.source as unknown as Record<string, unknown>,
    });
    logger.error('email delivery failed', { correlation_id: failureId, messageKind, causingOrgId: planned.causingOrgId, attempts, error: String(cause) });
    count('EmailDeliveryFailed');
    return { status: 'failed', recipient, messageKind, attempts, error: cause instanceof Error ? cause.message : String(cause) };
  }
}

/**
 * Sends every message an outbox event calls for, each at most once per recipient however often the
 * stream delivers the record (see `claimDelivery` for the race).
 *
 * @example
 * const outcomes = await deliverEvent(deps, event, new Date());
 * const mustRetry = outcomes.some((o) => o.status === 'busy');
 */
export async function deliverEvent(deps: NotifyDeps, event: OutboxEvent, now: Date): Promise<DeliveryOutcome[]> {
  return deliverPlanned(deps, event.eventId, messagesForEvent(event), now);
}

/**
 * A work experience placement event (issue 12): both sides read as they stand (contacts,
 * supervisor), then each recipient's email claimed, sent and recorded exactly as a booking's.
 *
 * @example
 * const outcomes = await deliverPlacementEvent(deps, event, new Date());
 */
export async function deliverPlacementEvent(deps: NotifyDeps, event: PlacementEvent, now: Date): Promise<DeliveryOutcome[]> {
  const snapshot = await placementSnapshot(deps.db, event.placement);
  if (!snapshot) return [];
  return deliverPlanned(deps, event.eventId, placementMessagesFor(event.kind, snapshot), now);
}

/** Sends planned messages of one outbox event, each claimed once per recipient (see {@link deliverEvent}). */
async function deliverPlanned(deps: NotifyDeps, eventId: string, plannedMessages: PlannedMessage[], now: Date): Promise<DeliveryOutcome[]> {
  const event = { eventId };
  const outcomes: DeliveryOutcome[] = [];
  for (const planned of plannedMessages) {
    const recipient = planned.recipient.email;
    const messageKind = planned.source.kind;
    const claim = await claimDelivery(deps.db, event.eventId, recipient, now, SEND_LEASE_MS);
    if (claim.outcome === 'done') {
      outcomes.push({ status: 'skipped', recipient, messageKind, reason: `already ${claim.state}` });
      continue;
    }
    if (claim.outcome === 'missing') {
      outcomes.push({ status: 'skipped', recipient, messageKind, reason: 'outbox item no longer exists' });
      continue;
    }
    if (claim.outcome === 'busy') {
      outcomes.push({ status: 'busy', recipient, messageKind });
      continue;
    }
    let outcome: DeliveryOutcome;
    try {
      outcome = await sendPlanned(deps, planned, event.eventId, now);
    } catch (error) {
      // The failure could not even be recorded: free the claim so the record's redelivery retries.
      await releaseDelivery(deps.db, event.eventId, recipient).catch(() => undefined);
      throw error;
    }
    if (outcome.status === 'sent') await markDeliverySent(deps.db, event.eventId, recipient, outcome.messageId, new Date());
    else await markDeliveryFailed(deps.db, event.eventId, recipient, new Date());
    outcomes.push(outcome);
  }
  return outcomes;
}

/**
 * Sends a failed message again, as the organisation that caused it asks from the web app. On
 * success the failure is marked resent; on another failure the record is updated with the new error.
 *
 * @example
 * const outcome = await resendFailedDelivery(deps, { orgId: 'sch_1', eventId: 'evt_1', recipient: 'a@b.example' });
 */
export async function resendFailedDelivery(
  deps: NotifyDeps,
  ref: { orgId: string; eventId: string; recipient: string },
  now: Date = new Date(),
): Promise<DeliveryOutcome> {
  const failure = await getDeliveryFailure(deps.db, ref.orgId, ref.eventId, ref.recipient);
  if (!failure) throw new Error(`No delivery failure ${ref.eventId} for ${ref.recipient} under ${ref.orgId}`);
  if (failure.messageKind === 'webhook') return resendWebhook(deps, failure, now);
  const planned: PlannedMessage = {
    source: failure.source as unknown as MessageSource,
    recipient: { email: failure.recipient, name: failure.recipientName ?? failure.recipient, orgId: failure.recipientOrgId },
    causingOrgId: failure.orgId,
  };
  const outcome = await sendPlanned(deps, planned, failure.eventId, now);
  if (outcome.status === 'sent') {
    await markDeliveryFailureResent(deps.db, failure.orgId, failure.eventId, failure.recipient, now);
    await markDeliverySent(deps.db, failure.eventId, failure.recipient, outcome.messageId, now);
  }
  return outcome;
}

/**
 * Carries out a `delivery.resend` command once however often the stream delivers it: the send is
 * claimed on the command's own outbox item, as {@link deliverEvent} claims each booking event's
 * recipients, and marked sent or failed after.
 *
 * @example
 * const outcome = await deliverResend(deps, command, new Date());
 */
export async function deliverResend(deps: NotifyDeps, command: OutboxCommand, now: Date): Promise<DeliveryOutcome> {
  const { orgId, failedEventId, recipient } = command.resend;
  const messageKind = 'resend';
  const claim = await claimDelivery(deps.db, command.eventId, recipient, now, SEND_LEASE_MS);
  if (claim.outcome === 'done') return { status: 'skipped', recipient, messageKind, reason: `already ${claim.state}` };
  if (claim.outcome === 'missing') return { status: 'skipped', recipient, messageKind, reason: 'outbox item no longer exists' };
  if (claim.outcome === 'busy') return { status: 'busy', recipient, messageKind };
  let outcome: DeliveryOutcome;
  try {
    outcome = await resendFailedDelivery(deps, { orgId, eventId: failedEventId, recipient }, now);
  } catch (error) {
    await releaseDelivery(deps.db, command.eventId, recipient).catch(() => undefined);
    throw error;
  }
  if (outcome.status === 'sent') await markDeliverySent(deps.db, command.eventId, recipient, outcome.messageId, new Date());
  else await markDeliveryFailed(deps.db, command.eventId, recipient, new Date());
  return outcome;
}

function failureSummary(source: MessageSource): string {
  const label: Record<MessageSource['kind'], string> = {
    'request-received': 'New request notice',
    'request-withdrawn': 'Withdrawal notice',
    'booking-confirmed': 'Booking confirmation',
    'school-booking-confirmed': 'Booking confirmation (calendar invite)',
    'school-cancellation-recorded': 'Cancellation record (calendar update)',
    'request-declined': 'Decline notice',
    'booking-cancelled-by-school': 'Cancellation notice',
    'booking-cancelled-by-requester': 'Cancellation notice',
    'cancellation-confirmed': 'Cancellation confirmation',
    'attendance-recorded': 'Attendance notice',
    reminder: 'Reminder',
    'attendance-prompt': 'Attendance prompt',
    invitation: 'Invitation',
    'risk-alert': 'At-risk alert',
    'offer-booking-update': 'Offer booking notice',
    'policy-review': 'Policy review reminder',
    'insurance-expiring': 'Insurance reminder',
    'placement-requested': 'Placement request notice',
    'placement-withdrawn': 'Placement withdrawal notice',
    'placement-declined': 'Placement decline notice',
    'placement-confirmed': 'Placement confirmation (calendar invite)',
    'placement-cancelled': 'Placement cancellation (calendar update)',
    'placement-reminder': 'Placement reminder',
  };
  if ('placement' in source) return `${label[source.kind]} for ${source.placement.title} (${source.placement.schoolName} with ${source.placement.hostName}) from ${source.placement.days[0]}`;
  if (source.kind === 'invitation') return `${label.invitation} to join ${source.invitation.orgName}`;
  if (source.kind === 'risk-alert') return `${label['risk-alert']} for ${source.alert.schoolName}`;
  if (source.kind === 'policy-review') return `${label['policy-review']} for ${source.review.schoolName}`;
  if (source.kind === 'insurance-expiring') return `${label['insurance-expiring']} for ${source.expiry.hostName}`;
  return `${label[source.kind]} for ${source.booking.title} at ${source.booking.school.name}, ${whenText(source.booking)}`;
}

export type { DeliveryFailure };

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { keys } from './keys.js';
import { outboxItem, type ResendRequest } from './outbox.js';
import { queryItems } from './query.js';
import { ConflictError, NotFoundError, transact } from './transact.js';

/**
 * Delivery bookkeeping for the notifier: per-recipient send claims on outbox items, records of
 * messages that could not be delivered (shown to the organisation whose action caused them), and
 * once-only markers for reminders and AT_RISK alerts.
 */

/** How a claim on one recipient of one outbox event ended up. */
export type DeliveryClaim =
  /** This caller now owns the send. */
  | { outcome: 'claimed' }
  /** Already sent, or already recorded as failed (a person resends those, not the stream). */
  | { outcome: 'done'; state: 'sent' | 'failed' }
  /** Another invocation is sending right now; retry the record later. */
  | { outcome: 'busy' }
  /** The outbox item is gone (expired by TTL): there is nothing to claim. */
  | { outcome: 'missing' };

type DeliveryState = { state: 'sending' | 'sent' | 'failed'; at: string; messageId?: string };

/** The attribute on the outbox item that holds one recipient's delivery state. */
const deliveryAttribute = (recipient: string) => `delivery:${recipient.toLowerCase()}`;

/**
 * Claims the send of one outbox event to one recipient. The claim is a lease on an attribute of the
 * outbox item itself (so it expires with it) and is updated, never inserted, so a MODIFY, not an
 * INSERT, reaches the stream and the notifier's filter ignores it.
 *
 * The race it guards: the stream delivers at least once, and the local poller and a retried Lambda
 * can see one record twice. Two callers both pass `attribute_not_exists` only if they write at the
 * same instant, and DynamoDB serialises conditional writes on one item, so exactly one wins; the
 * loser sees `sending` and backs off. A caller that crashes after sending but before
 * {@link markDeliverySent} leaves a `sending` lease; once it is older than `leaseMs` a redelivery
 * takes over and sends again. That duplicate (rare, after a crash) is the price of never losing a
 * message: claiming as `sent` before sending would lose it instead.
 *
 * @example
 * const claim = await claimDelivery(db, event.eventId, 'head@school.example', new Date(), 120_000);
 * if (claim.outcome === 'claimed') { await send(); await markDeliverySent(db, event.eventId, 'head@school.example', id, new Date()); }
 */
export async function claimDelivery(db: Db, eventId: string, recipient: string, now: Date, leaseMs: number): Promise<DeliveryClaim> {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.outbox(eventId),
        UpdateExpression: 'SET #d = :claim',
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(#d) OR (#d.#state = :sending AND #d.#at < :staleBefore))',
        ExpressionAttributeNames: { '#d': deliveryAttribute(recipient), '#state': 'state', '#at': 'at' },
        ExpressionAttributeValues: {
          ':claim': { state: 'sending', at: now.toISOString() } satisfies DeliveryState,
          ':sending': 'sending',
          ':staleBefore': new Date(now.getTime() - leaseMs).toISOString(),
        },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return { outcome: 'claimed' };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    // ALL_OLD comes back raw (AttributeValue form) even through the document client.
    const old = error.Item as Record<string, { S?: string; M?: Record<string, { S?: string }> }> | undefined;
    if (!old) return { outcome: 'missing' };
    const state = old[deliveryAttribute(recipient)]?.M?.state?.S;
    if (state === 'sent' || state === 'failed') return { outcome: 'done', state };
    return { outcome: 'busy' };
  }
}

/**
 * Records that the message went (SES accepted it).
 *
 * @example
 * await markDeliverySent(db, eventId, 'head@school.example', '0100018c...', new Date());
 */
export async function markDeliverySent(db: Db, eventId: string, recipient: string, messageId: string, now: Date): Promise<void> {
  await setDeliveryState(db, eventId, recipient, { state: 'sent', at: now.toISOString(), messageId });
}

/**
 * Records that the send failed for good; the failure record itself is {@link putDeliveryFailure}.
 *
 * @example
 * await markDeliveryFailed(db, eventId, 'head@school.example', new Date());
 */
export async function markDeliveryFailed(db: Db, eventId: string, recipient: string, now: Date): Promise<void> {
  await setDeliveryState(db, eventId, recipient, { state: 'failed', at: now.toISOString() });
}

/**
 * Drops a claim so a redelivery of the record can try again at once (used when the failure could
 * not even be recorded).
 *
 * @example
 * await releaseDelivery(db, eventId, 'head@school.example');
 */
export async function releaseDelivery(db: Db, eventId: string, recipient: string): Promise<void> {
  await db.doc.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: keys.outbox(eventId),
      UpdateExpression: 'REMOVE #d',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#d': deliveryAttribute(recipient) },
    }),
  ).catch((error: unknown) => {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  });
}

async function setDeliveryState(db: Db, eventId: string, recipient: string, value: DeliveryState): Promise<void> {
  await db.doc.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: keys.outbox(eventId),
      UpdateExpression: 'SET #d = :value',
      // Never resurrect an expired outbox item as a key-only stub.
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#d': deliveryAttribute(recipient) },
      ExpressionAttributeValues: { ':value': value },
    }),
  ).catch((error: unknown) => {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  });
}

/** A message that did not reach its recipient, kept under the organisation whose action caused it. */
export interface DeliveryFailure {
  /** The organisation that caused the message (and sees this record). */
  orgId: string;
  /** The outbox event id, or a reminder's synthetic id (`reminder#<bookingId>#<kind>`). */
  eventId: string;
  recipient: string;
  recipientName?: string;
  recipientOrgId?: string;
  /** The outbox event kind or `reminder`, `attendance-prompt`, `risk-alert`. */
  eventKind: string;
  /** Which message it was, so a resend renders the same one. */
  messageKind: string;
  bookingId?: string;
  /** Human summary for the UI, e.g. "Booking confirmation for Hartfield Academy, 3 March 2026". */
  summary: string;
  error: string;
  errorName: string;
  attempts: number;
  failedAt: string;
  /** `queued` between someone asking to resend and the consumer sending it. */
  status: 'failed' | 'queued' | 'resent';
  resentAt?: string;
  /**
   * What the notifier needs to render the message again (the event or booking snapshot). Opaque to
   * the store; the notifier owns its shape.
   */
  source: Record<string, unknown>;
}

/**
 * Writes (or overwrites, on a second failure of the same message) a failure record.
 *
 * @example
 * await putDeliveryFailure(db, { orgId: 'sch_1', eventId: 'evt_1', recipient: 'a@b.example', ... });
 */
export async function putDeliveryFailure(db: Db, failure: DeliveryFailure): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: { ...keys.deliveryFailure(failure.orgId, failure.eventId, failure.recipient), type: 'delivery-failure', ...failure },
    }),
  );
}

/**
 * One failure record, read consistently.
 *
 * @example
 * const failure = await getDeliveryFailure(db, 'sch_1', 'evt_1', 'a@b.example');
 */
export async function getDeliveryFailure(db: Db, orgId: string, eventId: string, recipient: string): Promise<DeliveryFailure | undefined> {
  const got = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.deliveryFailure(orgId, eventId, recipient), ConsistentRead: true }),
  );
  return got.Item ? toFailure(got.Item) : undefined;
}

/**
 * Every delivery failure an organisation caused, newest first; resent ones included, marked.
 *
 * @example
 * const open = (await listDeliveryFailures(db, 'sch_1')).filter((f) => f.status === 'failed');
 */
export async function listDeliveryFailures(db: Db, orgId: string): Promise<DeliveryFailure[]> {
  const failures: DeliveryFailure[] = [];
  const items = queryItems(db, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.organisation(orgId).pk, ':prefix': keys.deliveryFailuresPrefix },
  });
  for await (const item of items) failures.push(toFailure(item));
  return failures.sort((a, b) => b.failedAt.localeCompare(a.failedAt));
}

/**
 * Marks a failure as dealt with after a successful resend.
 *
 * @example
 * await markDeliveryFailureResent(db, 'sch_1', 'evt_1', 'a@b.example', new Date());
 */
export async function markDeliveryFailureResent(db: Db, orgId: string, eventId: string, recipient: string, now: Date): Promise<void> {
  await db.doc.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: keys.deliveryFailure(orgId, eventId, recipient),
      UpdateExpression: 'SET #status = :resent, resentAt = :now',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':resent': 'resent', ':now': now.toISOString() },
    }),
  );
}

function toFailure(item: Record<string, unknown>): DeliveryFailure {
  const { pk: _pk, sk: _sk, type: _type, ...rest } = item;
  return rest as unknown as DeliveryFailure;
}

/**
 * Claims a once-only marker (a reminder for one booking, or an AT_RISK alert for one cohort phase).
 * Returns false when it was already claimed, so a re-run of the daily schedule sends nothing twice.
 * Claimed before sending: a crash between the two loses one reminder rather than sending two,
 * which is the right way round for a message that is a courtesy, not a transaction.
 *
 * @example
 * if (await claimReminder(db, 'bkg_1', 'before-7#requester', new Date())) await sendReminder();
 */
export async function claimReminder(db: Db, bookingId: string, kind: string, now: Date): Promise<boolean> {
  return claimMarker(db, { ...keys.reminderSent(bookingId, kind), type: 'reminder-sent', bookingId, kind, sentAt: now.toISOString() });
}

/**
 * Gives a reminder marker back after its send failed outright, so tomorrow's run does not think it
 * went (the failure is also recorded for the organisation).
 *
 * @example
 * await releaseReminder(db, 'bkg_1', 'before-7#requester');
 */
export async function releaseReminder(db: Db, bookingId: string, kind: string): Promise<void> {
  await db.doc.send(new DeleteCommand({ TableName: db.tableName, Key: keys.reminderSent(bookingId, kind) }));
}

/**
 * Gives an AT_RISK alert marker back after its send failed outright, so the next run tries again.
 *
 * @example
 * await releaseRiskAlert(db, 'sch_1', 2024, 1);
 */
export async function releaseRiskAlert(db: Db, schoolId: string, cohort: number, phase: number): Promise<void> {
  await db.doc.send(new DeleteCommand({ TableName: db.tableName, Key: keys.riskAlertSent(schoolId, cohort, phase) }));
}

/**
 * Claims the AT_RISK alert of one cohort phase; false when it already went.
 *
 * @example
 * if (await claimRiskAlert(db, 'sch_1', 2024, 1, new Date())) await sendAlert();
 */
export async function claimRiskAlert(db: Db, schoolId: string, cohort: number, phase: number, now: Date): Promise<boolean> {
  return claimMarker(db, { ...keys.riskAlertSent(schoolId, cohort, phase), type: 'risk-alert-sent', cohort, phase, sentAt: now.toISOString() });
}

async function claimMarker(db: Db, item: Record<string, unknown>): Promise<boolean> {
  try {
    await db.doc.send(new PutCommand({ TableName: db.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * Queues a resend of a failed message, on condition that the failure is on record for this
 * organisation and not already resent: the stream consumer, which holds the SES permission, sends it.
 */
export async function requestResend(db: Db, request: ResendRequest, eventId: string, at: string): Promise<void> {
  await transact(db, [
    {
      item: {
        // Marked queued in the same transaction, so a second click cannot queue a second send.
        Update: {
          TableName: db.tableName,
          Key: keys.deliveryFailure(request.orgId, request.failedEventId, request.recipient),
          UpdateExpression: 'SET #status = :queued, resendRequestedBy = :by, resendRequestedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND #status = :failed',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':failed': 'failed', ':queued': 'queued', ':by': request.requestedBy, ':at': at },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      onConditionFailed: (current) =>
        current ? new ConflictError('ALREADY_RESENT', 'That message has already been queued or sent again.') : new NotFoundError('No such undelivered message'),
    },
    { item: { Put: { TableName: db.tableName, Item: outboxItem({ eventId, kind: 'delivery.resend', occurredAt: at, resend: request }) } } },
  ]);
}

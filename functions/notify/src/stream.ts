import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { outboxOfImage, type OutboxCommand, type OutboxEvent, type PlacementEvent, type StreamImage } from '@schoolgate/store';
import type { NotifyDeps } from './deps.js';
import { deliverEvent, deliverPlacementEvent, deliverResend, type DeliveryOutcome } from './deliver.js';
import { count, inSubsegment, logger } from './observability.js';
import { deliverWebhooks } from './webhooks.js';

/**
 * The outbox event an INSERT stream record carries, or undefined for anything else. The event
 * source mapping already filters to INSERTs of `type = outbox`; this check keeps the handler safe
 * when it is fed unfiltered records (the local poller, a misconfigured mapping).
 *
 * @example
 * const event = outboxEventOf(record);
 */
export function outboxEventOf(record: DynamoDBRecord): OutboxEvent | OutboxCommand | undefined {
  if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) return undefined;
  // aws-lambda's AttributeValue and the SDK's describe the same JSON.
  return outboxOfImage(record.dynamodb.NewImage as StreamImage);
}

/** Carries out an outbox item: announce a change to the people it concerns, or resend a failed message. */
async function act(deps: NotifyDeps, outbox: OutboxEvent | OutboxCommand, now: Date): Promise<DeliveryOutcome[]> {
  // Work experience placement events (issue 12): email only (webhooks carry bookings of slots and offers).
  if ((outbox.kind as string).startsWith('placement.')) return deliverPlacementEvent(deps, outbox as unknown as PlacementEvent, now);
  // Email and webhooks from the same event, each claimed on the outbox item per recipient or endpoint.
  if (outbox.kind !== 'delivery.resend') return [...(await deliverEvent(deps, outbox, now)), ...(await deliverWebhooks(deps, outbox, now))];
  return [await deliverResend(deps, outbox, now)];
}

/**
 * Turns a batch of stream records into emails. A failed email is recorded, not retried by Lambda
 * (it has had its retries); only records the notifier could not process at all (DynamoDB down, a
 * send in flight elsewhere) go back as `batchItemFailures`, and redelivering them is safe because
 * each recipient's send is claimed once.
 *
 * @example
 * export const handler = (event: DynamoDBStreamEvent) => handleStreamEvent(deps, event);
 */
export async function handleStreamEvent(deps: NotifyDeps, event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const outbox = outboxEventOf(record);
    if (!outbox) continue;
    let outcomes: DeliveryOutcome[];
    try {
      outcomes = await inSubsegment(`### outbox ${outbox.kind}`, outbox.eventId, () => act(deps, outbox, new Date()));
    } catch (error) {
      logger.error('outbox record not processed', { correlation_id: outbox.eventId, kind: outbox.kind, error: String(error) });
      count('OutboxRecordsNotProcessed');
      batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
      continue;
    }
    logger.info('outbox event delivered', { correlation_id: outbox.eventId, kind: outbox.kind, outcomes: outcomes.map(({ status, messageKind }) => ({ status, messageKind })) });
    count('OutboxEventsDelivered');
    count('EmailsSent', outcomes.filter((outcome) => outcome.status === 'sent').length);
    if (outcomes.some((outcome) => outcome.status === 'busy')) {
      batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
    }
  }
  return { batchItemFailures };
}

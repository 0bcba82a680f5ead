import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { keys } from './keys.js';
import { queryAll } from './query.js';
import { ConflictError, NotFoundError } from './transact.js';

/** A signing secret of a webhook endpoint; an old one lives on until `expiresAt` after a rotation. */
export interface WebhookSecret {
  secret: string;
  createdAt: string;
  expiresAt?: string;
}

/**
 * An HTTPS endpoint an organisation registered, the events it wants, and the secrets its
 * deliveries are signed with. The secrets are kept as written (HMAC needs them; the table is
 * encrypted at rest) and shown to people once.
 */
export interface WebhookEndpointRecord {
  endpointId: string;
  orgId: string;
  url: string;
  events: string[];
  description?: string;
  secrets: WebhookSecret[];
  /** Moved on by every change; a change is conditional on the version read. */
  version: number;
  createdAt: string;
  createdBy: string;
}

/**
 * Registers an endpoint.
 *
 * @example
 * await putWebhookEndpoint(db, { endpointId, orgId, url: 'https://crm.example/hooks', events: ['booking.confirmed'], secrets, version: 1, createdAt, createdBy });
 */
export async function putWebhookEndpoint(db: Db, record: WebhookEndpointRecord): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: { ...keys.webhookEndpoint(record.orgId, record.endpointId), type: 'webhook-endpoint', ...record },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/**
 * One endpoint, read consistently.
 *
 * @example
 * const endpoint = await getWebhookEndpoint(db, 'prv_1', '01J...');
 */
export async function getWebhookEndpoint(db: Db, orgId: string, endpointId: string): Promise<WebhookEndpointRecord | undefined> {
  const got = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.webhookEndpoint(orgId, endpointId), ConsistentRead: true }));
  return got.Item ? toEndpoint(got.Item) : undefined;
}

/**
 * Every endpoint of an organisation, with secrets (one consistent Query of its own partition).
 *
 * @example
 * const endpoints = await listWebhookEndpoints(db, 'prv_1');
 */
export async function listWebhookEndpoints(db: Db, orgId: string): Promise<WebhookEndpointRecord[]> {
  const { pk, skPrefix } = keys.webhookEndpointsOf(orgId);
  const items = await queryAll<Record<string, unknown>>(db, { pk, skPrefix });
  return items.map(toEndpoint).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/**
 * Replaces the events and secrets of an endpoint, on condition that it is still at the version
 * read: two people rotating at once cannot both think their new secret is the one in use.
 *
 * @example
 * const saved = await updateWebhookEndpoint(db, current, { secrets: [...] });
 */
export async function updateWebhookEndpoint(
  db: Db,
  current: WebhookEndpointRecord,
  changes: Partial<Pick<WebhookEndpointRecord, 'events' | 'secrets' | 'url' | 'description'>>,
): Promise<WebhookEndpointRecord> {
  const next = { ...current, ...changes, version: current.version + 1 };
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...keys.webhookEndpoint(current.orgId, current.endpointId), type: 'webhook-endpoint', ...next },
        ConditionExpression: 'attribute_exists(pk) AND #version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':version': current.version },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    if (!error.Item) throw new NotFoundError('No such webhook endpoint');
    throw new ConflictError('STALE_STATE', 'Someone changed this endpoint at the same moment; look again and retry.');
  }
  return next;
}

/**
 * Removes an endpoint; deliveries stop with the next event.
 *
 * @example
 * await deleteWebhookEndpoint(db, 'prv_1', '01J...');
 */
export async function deleteWebhookEndpoint(db: Db, orgId: string, endpointId: string): Promise<void> {
  try {
    await db.doc.send(
      new DeleteCommand({ TableName: db.tableName, Key: keys.webhookEndpoint(orgId, endpointId), ConditionExpression: 'attribute_exists(pk)' }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new NotFoundError('No such webhook endpoint');
    throw error;
  }
}

function toEndpoint(item: Record<string, unknown>): WebhookEndpointRecord {
  const { pk: _pk, sk: _sk, type: _type, ...rest } = item;
  return rest as unknown as WebhookEndpointRecord;
}

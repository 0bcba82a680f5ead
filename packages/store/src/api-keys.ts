import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { keys } from './keys.js';
import type { OrganisationKind } from './organisations.js';
import { queryAll, queryItems } from './query.js';
import { ConflictError, NotFoundError } from './transact.js';

/** What an API key may do: read only, or read and write. */
export type ApiKeyScope = 'read' | 'read-write';

/**
 * An organisation's API key. Only the SHA-256 of its secret is stored; the whole key
 * (`sg_live_<keyId>_<secret>`) is shown once, when it is created.
 */
export interface ApiKeyRecord {
  keyId: string;
  orgId: string;
  orgName: string;
  orgKind: OrganisationKind;
  name: string;
  scope: ApiKeyScope;
  /** Hex SHA-256 of the secret part. */
  secretHash: string;
  /** The first characters of the key, so people can tell keys apart (`sg_live_01J…`). */
  hint: string;
  createdAt: string;
  createdBy: string;
  revokedAt?: string;
  revokedBy?: string;
}

/** One key's use in one clock minute. */
export interface ApiKeyUse {
  minute: string;
  requests: number;
  writes: number;
  /** Answers of 400 or more (refused, not found, invalid). */
  refused: number;
  lastAt: string;
  /** `GET /v1/...` of the last call in the minute, and its status. */
  lastCall: string;
  lastStatus: number;
}

/** Use counters are kept 90 days, then DynamoDB's TTL removes them. */
export const API_KEY_USE_RETENTION_SECONDS = 90 * 24 * 3600;

/**
 * Stores a new key (never overwriting one).
 *
 * @example
 * await putApiKey(db, { keyId, orgId, orgName, orgKind: 'provider', name: 'CRM', scope: 'read', secretHash, hint, createdAt, createdBy });
 */
export async function putApiKey(db: Db, record: ApiKeyRecord): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: { ...keys.apiKey(record.keyId), ...keys.apiKeyIndex(record.orgId, record.keyId), type: 'api-key', ...record },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/**
 * One key, read consistently: a revocation a moment ago is seen by the very next call.
 *
 * @example
 * const key = await getApiKey(db, '01J...');
 */
export async function getApiKey(db: Db, keyId: string): Promise<ApiKeyRecord | undefined> {
  const got = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.apiKey(keyId), ConsistentRead: true }));
  return got.Item ? toKey(got.Item) : undefined;
}

/**
 * An organisation's keys, revoked ones included (newest first), from gsi1.
 *
 * @example
 * const live = (await listApiKeys(db, 'prv_1')).filter((k) => !k.revokedAt);
 */
export async function listApiKeys(db: Db, orgId: string): Promise<ApiKeyRecord[]> {
  const items = await queryAll<Record<string, unknown>>(db, { index: 'gsi1', pk: keys.apiKeysOfOrg(orgId) });
  return items.map(toKey).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/**
 * Revokes a key of this organisation, once: `orgId = :org` stops one organisation revoking
 * another's key, `attribute_not_exists(revokedAt)` makes a second revocation a 409.
 *
 * @example
 * const revoked = await revokeApiKey(db, 'prv_1', '01J...', 'admin@college.example', new Date().toISOString());
 */
export async function revokeApiKey(db: Db, orgId: string, keyId: string, by: string, at: string): Promise<ApiKeyRecord> {
  try {
    const updated = await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.apiKey(keyId),
        UpdateExpression: 'SET revokedAt = :at, revokedBy = :by',
        ConditionExpression: 'attribute_exists(pk) AND orgId = :org AND attribute_not_exists(revokedAt)',
        ExpressionAttributeValues: { ':at': at, ':by': by, ':org': orgId },
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return toKey(updated.Attributes ?? {});
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const old = error.Item as Record<string, { S?: string }> | undefined;
    if (!old || old.orgId?.S !== orgId) throw new NotFoundError('No such API key');
    throw new ConflictError('ALREADY_REVOKED', 'That API key was already revoked.');
  }
}

/**
 * Counts one call of a key in its clock minute (one UpdateItem, no read), with the last call made.
 * The counters live under the key's own partition, never the organisation's.
 *
 * @example
 * await recordApiKeyUse(db, '01J...', new Date(), { call: 'GET /v1/organisations/prv_1/bookings', status: 200, write: false });
 */
export async function recordApiKeyUse(db: Db, keyId: string, at: Date, use: { call: string; status: number; write: boolean }): Promise<void> {
  const minute = at.toISOString().slice(0, 16);
  await db.doc.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: keys.apiKeyUse(keyId, minute),
      UpdateExpression: 'SET #type = :type, #minute = :minute, lastAt = :at, lastCall = :call, lastStatus = :status, expiresAt = :expires ADD requests :one, writes :write, refused :refused',
      ExpressionAttributeNames: { '#type': 'type', '#minute': 'minute' },
      ExpressionAttributeValues: {
        ':type': 'api-key-use',
        ':minute': minute,
        ':at': at.toISOString(),
        ':call': use.call.slice(0, 300),
        ':status': use.status,
        ':expires': Math.floor(at.getTime() / 1000) + API_KEY_USE_RETENTION_SECONDS,
        ':one': 1,
        ':write': use.write ? 1 : 0,
        ':refused': use.status >= 400 ? 1 : 0,
      },
    }),
  );
}

/**
 * A key's most recent minutes of use, newest first.
 *
 * @example
 * const [latest] = await listApiKeyUses(db, '01J...', 1);
 */
export async function listApiKeyUses(db: Db, keyId: string, limit: number): Promise<ApiKeyUse[]> {
  const uses: ApiKeyUse[] = [];
  for await (const item of queryItems(db, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.apiKey(keyId).pk, ':prefix': keys.apiKeyUsesPrefix },
    ScanIndexForward: false,
    Limit: limit,
  })) {
    uses.push({
      minute: String(item.minute),
      requests: Number(item.requests ?? 0),
      writes: Number(item.writes ?? 0),
      refused: Number(item.refused ?? 0),
      lastAt: String(item.lastAt),
      lastCall: String(item.lastCall),
      lastStatus: Number(item.lastStatus),
    });
    if (uses.length >= limit) break;
  }
  return uses;
}

function toKey(item: Record<string, unknown>): ApiKeyRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _type, ...rest } = item;
  return rest as unknown as ApiKeyRecord;
}

import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { keys } from './keys.js';
import { strip } from './strip.js';
import { BUMP_VERSION, BUMP_VERSION_NAMES, BUMP_VERSION_VALUES, StaleVersionError, versionCondition, versionOf } from './versions.js';
import { callCounter, ConflictError, NotFoundError, transact, type GuardedWrite } from './transact.js';

/** The calendar as the school entered it (the API turns it into the rules engine's type). */
export type CalendarRecord = Record<string, unknown>;

export interface StoredCalendar {
  calendar: CalendarRecord;
  /** Moves on with every save: decisions judged on this calendar check it (see versions.ts). */
  version: number;
  updatedAt?: string;
}

/**
 * Saves the school's calendar and moves its version on. With `expectedVersion` (the version the
 * editor loaded, from If-Match) it refuses to overwrite a save made meanwhile.
 */
export async function putCalendar(db: Db, schoolId: string, calendar: CalendarRecord, at: string, expectedVersion?: number): Promise<StoredCalendar> {
  const expected = expectedVersion === undefined ? undefined : versionCondition(expectedVersion);
  try {
    const result = await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.calendar(schoolId),
        UpdateExpression: `SET #type = :type, calendar = :calendar, updatedAt = :at, ${BUMP_VERSION}`,
        ...(expected ? { ConditionExpression: expected.ConditionExpression } : {}),
        ExpressionAttributeNames: { '#type': 'type', ...BUMP_VERSION_NAMES },
        ExpressionAttributeValues: { ':type': 'calendar', ':calendar': calendar, ':at': at, ...BUMP_VERSION_VALUES, ...expected?.ExpressionAttributeValues },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { calendar, version: result.Attributes!.version as number, updatedAt: at };
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') throw new StaleVersionError();
    throw error;
  }
}

/** The calendar with its version, for decisions that must commit on the calendar they read. */
export async function getStoredCalendar(db: Db, schoolId: string): Promise<StoredCalendar | undefined> {
  callCounter.reads++;
  const result = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.calendar(schoolId), ConsistentRead: true }));
  if (!result.Item) return undefined;
  return { calendar: result.Item.calendar as CalendarRecord, version: versionOf(result.Item) ?? 0, updatedAt: result.Item.updatedAt as string | undefined };
}

export async function getCalendar(db: Db, schoolId: string): Promise<CalendarRecord | undefined> {
  return (await getStoredCalendar(db, schoolId))?.calendar;
}

export interface PolicyRecord extends Record<string, unknown> {
  version: number;
  createdAt: string;
  createdBy: string;
  publishedAt?: string;
  noticePeriodSchoolDays: number;
  minimumDurationMinutes: number;
  refusalGrounds: Array<{ id: string; label: string; description: string }>;
}

/**
 * Saves a new draft version; a version number is claimed once, so two editors cannot overwrite
 * each other. With `basedOnVersion` (the version the editor loaded, from If-Match) the new version
 * is the next after it, so a save made meanwhile makes this one fail instead of being buried.
 */
export async function saveDraftPolicy(db: Db, schoolId: string, policy: Omit<PolicyRecord, 'version'>, basedOnVersion?: number): Promise<PolicyRecord> {
  const latest = basedOnVersion === undefined ? await getLatestPolicy(db, schoolId) : { version: basedOnVersion };
  const record = { ...policy, version: (latest?.version ?? 0) + 1 } as PolicyRecord;
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...keys.policyVersion(schoolId, record.version), type: 'policy', ...record },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') {
      throw new ConflictError('STALE_STATE', 'Someone saved the policy at the same moment; reload and try again.');
    }
    throw error;
  }
  return record;
}

export async function getLatestPolicy(db: Db, schoolId: string): Promise<PolicyRecord | undefined> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.organisation(schoolId).pk, ':prefix': keys.policyVersionsPrefix },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  return result.Items?.[0] ? strip<PolicyRecord>(result.Items[0]) : undefined;
}

export async function getPublishedPolicy(db: Db, schoolId: string): Promise<PolicyRecord | undefined> {
  callCounter.reads++;
  const pointer = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.publishedPolicy(schoolId), ConsistentRead: true }),
  );
  return pointer.Item ? strip<PolicyRecord>(pointer.Item.policy as Record<string, unknown>) : undefined;
}

/**
 * Publishes a version: stamps it and points the public statement at it, in one transaction that
 * fails if the version vanished.
 */
export async function publishPolicy(db: Db, schoolId: string, version: number, at: string, also: GuardedWrite[] = []): Promise<PolicyRecord> {
  const found = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.policyVersion(schoolId, version), ConsistentRead: true }),
  );
  if (!found.Item) throw new NotFoundError('No such policy version');
  const policy = { ...strip<PolicyRecord>(found.Item), publishedAt: at };
  await transact(db, [
    {
      item: {
        Update: {
          TableName: db.tableName,
          Key: keys.policyVersion(schoolId, version),
          UpdateExpression: 'SET publishedAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': at },
        },
      },
      onConditionFailed: () => new NotFoundError('No such policy version'),
    },
    {
      item: {
        Put: {
          TableName: db.tableName,
          Item: { ...keys.publishedPolicy(schoolId), type: 'published-policy', version, publishedAt: at, policy },
          // A slow publish of an older version must not replace a newer one published meanwhile.
          ConditionExpression: 'attribute_not_exists(pk) OR version <= :version',
          ExpressionAttributeValues: { ':version': version },
        },
      },
      onConditionFailed: () => new ConflictError('STALE_STATE', 'A newer version of the policy has been published meanwhile.'),
    },
    // The school directory's entry says the policy is published (school-directory.ts).
    ...also,
  ]);
  return policy;
}

export interface IdempotencyRecord {
  state: 'in_progress' | 'done';
  /** Epoch seconds until which an in-progress claim blocks replays. */
  lockedUntil?: number;
  fingerprint: string;
  status?: number;
  body?: string;
  contentType?: string;
}

const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
/**
 * How long a claim blocks a replay while its first request runs: a little over the API Lambda's
 * 15-second timeout (infra/src/api.ts), so a request that is still running is never doubled. A
 * claim whose request died, or could not be released because the table was down, is taken over
 * after this, so the key is not stuck for a day; the API says when in Retry-After.
 */
export const IDEMPOTENCY_LEASE_SECONDS = 20;

/**
 * Claims an Idempotency-Key for one caller. Returns undefined when this call now owns it, or the
 * record another call left (finished, or still in progress).
 */
export async function claimIdempotencyKey(
  db: Db,
  userId: string,
  key: string,
  fingerprint: string,
  nowSeconds: number,
): Promise<IdempotencyRecord | undefined> {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: {
          ...keys.idempotency(userId, key),
          type: 'idempotency',
          state: 'in_progress',
          fingerprint,
          lockedUntil: nowSeconds + IDEMPOTENCY_LEASE_SECONDS,
          expiresAt: nowSeconds + IDEMPOTENCY_TTL_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now OR (#state = :inProgress AND lockedUntil < :now)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':now': nowSeconds, ':inProgress': 'in_progress' },
      }),
    );
    return undefined;
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    const existing = await db.doc.send(
      new GetCommand({ TableName: db.tableName, Key: keys.idempotency(userId, key), ConsistentRead: true }),
    );
    return existing.Item as IdempotencyRecord;
  }
}

export async function completeIdempotencyKey(db: Db, userId: string, key: string, answer: Required<Pick<IdempotencyRecord, 'status' | 'body' | 'contentType'>>) {
  await db.doc.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: keys.idempotency(userId, key),
      UpdateExpression: 'SET #state = :done, #status = :status, body = :body, contentType = :ct',
      ExpressionAttributeNames: { '#state': 'state', '#status': 'status' },
      ExpressionAttributeValues: { ':done': 'done', ':status': answer.status, ':body': answer.body, ':ct': answer.contentType },
    }),
  );
}

/** A call that failed on our side releases its key so the client can retry it. */
export async function releaseIdempotencyKey(db: Db, userId: string, key: string) {
  await db.doc.send(new DeleteCommand({ TableName: db.tableName, Key: keys.idempotency(userId, key) }));
}

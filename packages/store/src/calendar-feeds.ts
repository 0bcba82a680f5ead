import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { keys } from './keys.js';
import { strip } from './organisations.js';
import { callCounter, ConflictError, NotFoundError, transact, type GuardedWrite } from './transact.js';

/**
 * An organisation's private calendar feed: one live token per organisation, stored only as its
 * SHA-256. Two items, written together:
 *   ORG#<orgId> / CALFEED           → { tokenHash, createdAt }   (which feed is live)
 *   CALFEED#<tokenHash> / FEED      → { orgId, createdAt }       (what the public URL reads)
 * Rotating deletes the old token item and writes the new one in one transaction conditioned on the
 * pointer still naming the old hash, so two rotations at once leave exactly one live feed and no
 * orphaned token that still opens.
 */
export interface CalendarFeedRecord {
  orgId: string;
  tokenHash: string;
  createdAt: string;
}

const t = (db: Db) => db.tableName;

/** Which feed is live for the organisation (consistent read), if any. */
export async function getCalendarFeedOf(db: Db, orgId: string): Promise<CalendarFeedRecord | undefined> {
  callCounter.reads++;
  const result = await db.doc.send(new GetCommand({ TableName: t(db), Key: keys.calendarFeedOf(orgId), ConsistentRead: true }));
  return result.Item ? strip<CalendarFeedRecord>(result.Item) : undefined;
}

/** The feed a token's hash opens (consistent read: a revoked feed stops at once). */
export async function getCalendarFeedByHash(db: Db, tokenHash: string): Promise<CalendarFeedRecord | undefined> {
  callCounter.reads++;
  const result = await db.doc.send(new GetCommand({ TableName: t(db), Key: keys.calendarFeed(tokenHash), ConsistentRead: true }));
  return result.Item ? strip<CalendarFeedRecord>(result.Item) : undefined;
}

const changedMeanwhile = () => new ConflictError('STALE_STATE', 'Someone else changed this calendar feed at the same moment; reload to see their change.');

/**
 * Makes `next` the organisation's live feed. `previousHash` is the feed the caller saw (none when
 * there was none): the old token stops opening in the same transaction.
 */
export async function replaceCalendarFeed(db: Db, next: CalendarFeedRecord, previousHash: string | undefined): Promise<void> {
  const writes: GuardedWrite[] = [
    {
      item: {
        Put: {
          TableName: t(db),
          Item: { ...keys.calendarFeedOf(next.orgId), type: 'calendar-feed', ...next },
          ...(previousHash
            ? { ConditionExpression: 'tokenHash = :previous', ExpressionAttributeValues: { ':previous': previousHash } }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
      onConditionFailed: changedMeanwhile,
    },
    {
      item: { Put: { TableName: t(db), Item: { ...keys.calendarFeed(next.tokenHash), type: 'calendar-feed', ...next }, ConditionExpression: 'attribute_not_exists(pk)' } },
      onConditionFailed: changedMeanwhile,
    },
  ];
  if (previousHash) writes.push({ item: { Delete: { TableName: t(db), Key: keys.calendarFeed(previousHash) } } });
  await transact(db, writes);
}

/** Revokes the live feed the caller saw: its URL answers 404 from the moment this returns. */
export async function deleteCalendarFeed(db: Db, orgId: string, tokenHash: string): Promise<void> {
  await transact(db, [
    {
      item: { Delete: { TableName: t(db), Key: keys.calendarFeedOf(orgId), ConditionExpression: 'tokenHash = :hash', ExpressionAttributeValues: { ':hash': tokenHash }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
      onConditionFailed: (current) => (current ? changedMeanwhile() : new NotFoundError()),
    },
    { item: { Delete: { TableName: t(db), Key: keys.calendarFeed(tokenHash) } } },
  ]);
}

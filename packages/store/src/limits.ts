import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { keys } from './keys.js';
import type { GuardedWrite } from './transact.js';

/**
 * Every limit one caller or organisation meets, in one place:
 * - {@link LIVE_LIMITS}: live requests and proposals per organisation (counters in the transactions);
 * - {@link WRITES_PER_MINUTE_PER_USER}: writes per signed-in user per clock minute ({@link takeWrite}).
 */

/**
 * The most writes (POST, PUT, PATCH, DELETE) one user may make in one clock minute. A person
 * deciding a morning's requests makes a few dozen; a script makes hundreds.
 */
export const WRITES_PER_MINUTE_PER_USER = 60;

/**
 * How many live asks one organisation may have open at once (OWASP API6, slot hoarding: one
 * provider once requested 94 of 110 open slots in four seconds). A request is live while
 * `requested`; a proposal while `proposed`. Every limit lives here.
 */
export const LIVE_LIMITS = {
  request: { perSchool: 10, overall: 50 },
  proposal: { perSchool: 5, overall: 20 },
} as const;

export type LiveKind = keyof typeof LIVE_LIMITS;

/** An organisation is at one of its {@link LIVE_LIMITS}: the API answers 429 naming it. */
export class LiveLimitError extends Error {
  constructor(
    readonly code: string,
    readonly limit: number,
    message: string,
  ) {
    super(message);
    this.name = 'LiveLimitError';
  }
}

const words = { request: 'requests', proposal: 'proposals' } as const;
const waiting = { request: 'the school decides, or you withdraw one', proposal: 'the school answers one' } as const;

/**
 * The two counter updates that take one live ask for `orgId` at `schoolId`, for the transaction
 * that creates the request or proposal. Each counter is incremented only while below its limit,
 * so DynamoDB itself refuses the ask that would go over, however many race:
 *
 *   30 requests at once ─► TransactWriteItems ─┬─ LIVE#request#SCHOOL#s  n < 10
 *                                              └─ LIVE#request#ALL       n < 50
 *
 * @example
 * await transact(db, [putBooking, ...claimLive(db, 'request', providerId, schoolId)]);
 */
export function claimLive(db: Db, kind: LiveKind, orgId: string, schoolId: string): GuardedWrite[] {
  const limits = LIVE_LIMITS[kind];
  const counter = (key: { pk: string; sk: string }, limit: number, code: string, message: string): GuardedWrite => ({
    item: {
      Update: {
        TableName: db.tableName,
        Key: key,
        UpdateExpression: 'SET live = if_not_exists(live, :zero) + :one, #type = :type',
        ConditionExpression: 'attribute_not_exists(live) OR live < :limit',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':limit': limit, ':type': 'live-counter' },
      },
    },
    onConditionFailed: () => new LiveLimitError(code, limit, message),
  });
  const upper = kind.toUpperCase();
  return [
    counter(
      keys.liveCounter(orgId, kind, schoolId),
      limits.perSchool,
      `LIVE_${upper}S_PER_SCHOOL`,
      `You already have ${limits.perSchool} live ${words[kind]} with this school, the most one organisation may have; wait until ${waiting[kind]}.`,
    ),
    counter(
      keys.liveCounter(orgId, kind),
      limits.overall,
      `LIVE_${upper}S_OVERALL`,
      `You already have ${limits.overall} live ${words[kind]} across all schools, the most one organisation may have; wait until ${waiting[kind]}.`,
    ),
  ];
}

/**
 * The two counter updates that give back one live ask, for the transaction that moves a request
 * out of `requested` or a proposal out of `proposed` (that move is itself conditional on the old
 * status, so it happens once and the counters go down once).
 *
 * @example
 * await transact(db, [updateBooking, ...releaseLive(db, 'request', providerId, schoolId)]);
 */
export function releaseLive(db: Db, kind: LiveKind, orgId: string, schoolId: string): GuardedWrite[] {
  return [keys.liveCounter(orgId, kind, schoolId), keys.liveCounter(orgId, kind)].map((key) => ({
    item: {
      Update: {
        TableName: db.tableName,
        Key: key,
        UpdateExpression: 'ADD live :minusOne',
        ExpressionAttributeValues: { ':minusOne': -1 },
      },
    },
  }));
}

/**
 * Counts one write for a user in the current clock minute, refusing it once the minute holds
 * `limit`. One conditional UpdateItem on `RATE#<userId>` / `<minute>` (TTL two minutes later), so
 * every Lambda container shares the count and racing writes cannot slip past it.
 *
 * @example
 * const { allowed, retryAfterSeconds } = await takeWrite(db, userId, Date.now(), WRITES_PER_MINUTE_PER_USER);
 */
export async function takeWrite(db: Db, userId: string, nowMs: number, limit: number): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const nowSeconds = Math.floor(nowMs / 1000);
  const minute = new Date(nowSeconds * 1000).toISOString().slice(0, 16);
  const retryAfterSeconds = 60 - (nowSeconds % 60);
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.writeRate(userId, minute),
        UpdateExpression: 'SET #n = if_not_exists(#n, :zero) + :one, expiresAt = :expires, #type = :type',
        ConditionExpression: 'attribute_not_exists(#n) OR #n < :limit',
        ExpressionAttributeNames: { '#n': 'writes', '#type': 'type' },
        ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':limit': limit, ':expires': nowSeconds + 120, ':type': 'write-rate' },
      }),
    );
    return { allowed: true, retryAfterSeconds };
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return { allowed: false, retryAfterSeconds };
    throw error;
  }
}

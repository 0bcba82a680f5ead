import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { claimIdempotencyKey, completeIdempotencyKey, IDEMPOTENCY_LEASE_SECONDS, releaseIdempotencyKey } from '@schoolgate/store/schools';
import type { AppEnv } from './context.js';
import { count, logger } from './observability.js';
import { invalid, ProblemError } from './problem.js';

const KEY_PATTERN = /^[\w.:-]{8,100}$/;

/**
 * POSTs with an `Idempotency-Key` run once per caller and key: a replay gets the first answer and
 * writes nothing. The key is claimed with a conditional put before the handler runs, so two
 * identical requests racing each other cannot both act.
 */
export const idempotency: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = c.req.header('idempotency-key');
  if (c.req.method !== 'POST' || key === undefined) return next();
  if (!KEY_PATTERN.test(key)) {
    throw invalid([
      { field: 'Idempotency-Key', message: 'Use 8 to 100 letters, digits, dots, colons, hyphens or underscores (a UUID is ideal)' },
    ], 'headers');
  }
  const { db, now } = c.get('deps');
  const userId = c.get('caller')?.userId ?? 'anonymous';
  const fingerprint = createHash('sha256').update(`${c.req.method} ${c.req.path}\n${await c.req.text()}`).digest('base64url');
  const claimedAt = Math.floor(now().getTime() / 1000);
  const previous = await claimIdempotencyKey(db, userId, key, fingerprint, claimedAt);
  if (previous) {
    if (previous.fingerprint !== fingerprint) {
      throw new ProblemError(422, 'Idempotency-Key reused', [
        { code: 'IDEMPOTENCY_KEY_REUSED', message: 'This Idempotency-Key was used for a different request; use a new key.' },
      ]);
    }
    if (previous.state !== 'done') {
      c.header('retry-after', String(Math.max(1, (previous.lockedUntil ?? claimedAt + IDEMPOTENCY_LEASE_SECONDS) - claimedAt)));
      throw new ProblemError(409, 'Request in progress', [
        { code: 'IDEMPOTENCY_IN_PROGRESS', message: 'The first request with this key is still running; retry in a moment.' },
      ]);
    }
    return new Response(previous.body, {
      status: previous.status,
      headers: { 'content-type': previous.contentType ?? 'application/json', 'idempotent-replayed': 'true' },
    }) as never;
  }
  await next();
  if (c.res.status >= 500) {
    // Free the key so the client's retry runs. If the table is down the release fails too: the
    // claim then lapses with its lease, and Retry-After tells the client to wait that long.
    if (!(await withRetries(() => releaseIdempotencyKey(db, userId, key), c.get('requestId')))) {
      const wait = Math.max(1, claimedAt + IDEMPOTENCY_LEASE_SECONDS - Math.floor(now().getTime() / 1000));
      c.header('retry-after', String(Math.max(wait, Number(c.res.headers.get('retry-after')) || 0)));
    }
    return;
  }
  const body = await c.res.clone().text();
  // The action is done: if its answer cannot be recorded the caller still gets it, and a replay
  // after the lease runs again against the same conditional writes (which refuse a duplicate).
  await withRetries(
    () => completeIdempotencyKey(db, userId, key, { status: c.res.status, body, contentType: c.res.headers.get('content-type') ?? 'application/json' }),
    c.get('requestId'),
  );
};

/** Three quick tries of a bookkeeping write; false when all failed (logged, never thrown). */
async function withRetries(write: () => Promise<unknown>, correlationId: string): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await write();
      return true;
    } catch (error) {
      if (attempt === 2) {
        logger.error('idempotency bookkeeping failed', { correlation_id: correlationId, error: String(error) });
        count('IdempotencyBookkeepingFailed');
        return false;
      }
      await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
    }
  }
  return false;
}



import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from '@schoolgate/store';
import type { AppEnv } from './context.js';
import { ProblemError } from './problem.js';

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
    throw new ProblemError(400, 'Your request has problems', [
      { field: 'Idempotency-Key', message: 'Use 8 to 100 letters, digits, dots, colons, hyphens or underscores (a UUID is ideal)' },
    ]);
  }
  const { db, now } = c.get('deps');
  const userId = c.get('caller')?.userId ?? 'anonymous';
  const fingerprint = createHash('sha256').update(`${c.req.method} ${c.req.path}\n${await c.req.text()}`).digest('base64url');
  const previous = await claimIdempotencyKey(db, userId, key, fingerprint, Math.floor(now().getTime() / 1000));
  if (previous) {
    if (previous.fingerprint !== fingerprint) {
      throw new ProblemError(422, 'Idempotency-Key reused', [
        { code: 'IDEMPOTENCY_KEY_REUSED', message: 'This Idempotency-Key was used for a different request; use a new key.' },
      ]);
    }
    if (previous.state !== 'done') {
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
    await releaseIdempotencyKey(db, userId, key);
    return;
  }
  const body = await c.res.clone().text();
  await completeIdempotencyKey(db, userId, key, {
    status: c.res.status,
    body,
    contentType: c.res.headers.get('content-type') ?? 'application/json',
  });
};

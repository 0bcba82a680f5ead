import { Hono, type Context, type ErrorHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
// Narrow modules, not the barrels: whatever this file imports is evaluated at every cold start.
import { ConflictError, ContentionError, NotFoundError } from '@schoolgate/store/transact';
import { InvalidCursorError } from '@schoolgate/store/query';
import { isStoreUnavailable } from '@schoolgate/store/outage';
import { LiveLimitError, takeWrite, WRITES_PER_MINUTE_PER_USER } from '@schoolgate/store/limits';
import type { AppEnv } from './context.js';
import type { ApiDeps } from './deps.js';
import { InvalidInput, Refused } from '@schoolgate/usecases/errors';
import { invalid, ProblemError, problemResponse, titleFor } from './problem.js';
import { idempotency } from './idempotency.js';
import { count, logger } from './observability.js';
import { authenticate } from './machine-auth.js';
import { registerLazyRoutes } from './lazy-routes.js';

/** Routes anyone may call without signing in. */
const PUBLIC_PREFIXES = ['/v1/health', '/v1/public/', '/v1/openapi.json', '/v1/docs'];

/** How long a client should wait after the store was unavailable (throttled, down, unreachable). */
const STORE_RETRY_AFTER_SECONDS = 5;

/** Below DynamoDB's 400 KB item size, so a stored body (and its idempotent replay) always fits. */
export const MAX_BODY_BYTES = 300 * 1024;
/**
 * A register extract (Get Information about Schools) the platform admin uploads is larger: its
 * bytes arrive base64-encoded in Lambda's 6 MB request payload, so at most 4 MB of file.
 */
export const MAX_EXTRACT_BYTES = 4 * 1024 * 1024;
const EXTRACT_PATHS = ['/v1/admin/gias/imports'];

/**
 * The whole API as one Hono app, the same on Lambda and locally.
 *
 * @example
 * const app = createApp(deps);
 * const res = await app.request('/v1/health');
 */
export function createApp(deps: ApiDeps) {
  const app = new Hono<AppEnv>();

  // The correlation id of every log line about this request, echoed as X-Request-Id: on Lambda
  // API Gateway's own request id (its access log names the same), elsewhere a new UUID.
  app.use('*', requestId({ generator: (c) => (c.env as LambdaBindings | undefined)?.event?.requestContext?.requestId ?? crypto.randomUUID() }));
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  const limitTo = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new ProblemError(413, 'Request too large', [], `Send at most ${maxSize / 1024} KB.`);
      },
    });
  const usualLimit = limitTo(MAX_BODY_BYTES);
  const extractLimit = limitTo(MAX_EXTRACT_BYTES);
  app.use('/v1/*', (c, next) => (EXTRACT_PATHS.includes(c.req.path) ? extractLimit : usualLimit)(c, next));
  app.use('/v1/*', async (c, next) => {
    if (PUBLIC_PREFIXES.some((prefix) => c.req.path === prefix || c.req.path.startsWith(prefix))) return next();
    // A Cognito ID token, or an organisation's API key (machine-auth.ts), which is audited per use.
    return authenticate(c, deps, next);
  });
  app.use('/v1/*', async (c, next) => {
    // Per-caller write limit, shared by every container through one DynamoDB counter per user and
    // minute; reads are left to API Gateway's stage and route throttles (see docs/data-model.md).
    const who = c.get('caller');
    if (!who || ['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) return next();
    const limit = deps.writesPerMinute ?? WRITES_PER_MINUTE_PER_USER;
    const { allowed, retryAfterSeconds } = await takeWrite(deps.db, who.userId, Date.now(), limit);
    if (!allowed) {
      c.header('retry-after', String(retryAfterSeconds));
      throw new ProblemError(429, 'Too many requests', [{ code: 'RATE_LIMITED', message: `At most ${limit} changes a minute per person; try again in ${retryAfterSeconds} seconds.` }]);
    }
    return next();
  });
  app.use('/v1/*', idempotency);

  // Every route of every group, each group's module loaded on its first request (lazy-routes.ts).
  registerLazyRoutes(app, answerError);

  // Unknown /v1 routes answer problem+json however the app is mounted: on Lambda, and inside the
  // local server's root app (whose own not-found handler would answer text/plain).
  app.all('/v1/*', (c) => notFoundProblem(c));
  app.notFound((c) => (c.req.path.startsWith('/v1/') ? notFoundProblem(c) : c.text('Not found', 404)));
  app.onError(answerError);
  return app;
}

export type App = ReturnType<typeof createApp>;

/** The typed client's view of every /v1 route, from the eager chain (v1.ts; types only, nothing loaded). */
export type { ApiRoutes } from './v1.js';

const answerError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof ContentionError) c.header('retry-after', '1');
  if (isStoreUnavailable(error)) c.header('retry-after', String(STORE_RETRY_AFTER_SECONDS));
  const problem = toProblem(error, c.get('requestId'));
  // The rest of an oversized body is still on its way: close the connection rather than leave
  // the client to send its next request down a socket the server is about to drop.
  if (problem.status === 413) c.header('connection', 'close');
  return problemResponse(c, problem);
};


const notFoundProblem = (c: Context) => problemResponse(c, new ProblemError(404, 'Not found', [], `No route for ${c.req.method} ${c.req.path}`));

/** What hono/aws-lambda passes as the app's env: the API Gateway event. */
type LambdaBindings = { event?: { requestContext?: { requestId?: string } } };

function toProblem(error: unknown, correlationId: string): ProblemError {
  if (error instanceof ProblemError) return error;
  if (error instanceof Refused) {
    const reasons = error.reasons.map((r) => ({ code: r.code, message: r.message, ...(r.yearGroup === undefined ? {} : { yearGroup: r.yearGroup }) }));
    return new ProblemError(error.status, titleFor(reasons[0]?.code, 'Refused'), reasons, error.detail ?? reasons[0]?.message);
  }
  if (error instanceof InvalidInput) {
    return invalid(error.problems, error.where);
  }
  if (error instanceof ConflictError) return new ProblemError(409, titleFor(error.code, 'Conflict'), [{ code: error.code, message: error.message }], error.message);
  if (error instanceof LiveLimitError) return new ProblemError(429, 'Too many live requests', [{ code: error.code, message: error.message }], error.message);
  if (error instanceof NotFoundError) return new ProblemError(404, 'Not found', [], error.message);
  if (error instanceof InvalidCursorError) return invalid([{ field: 'cursor', message: error.message }], 'query');
  if (error instanceof ContentionError) return new ProblemError(503, 'Busy', [{ code: 'CONTENTION', message: error.message }], error.message);
  if (isStoreUnavailable(error)) {
    logger.error('store unavailable', { correlation_id: correlationId, error: String(error), name: (error as Error).name });
    count('StoreUnavailable');
    return new ProblemError(503, 'Service unavailable', [{ code: 'STORE_UNAVAILABLE', message: 'Our database is not answering just now; nothing was changed. Try again shortly.' }], 'Try again in a few seconds.');
  }
  if (error instanceof HTTPException) {
    // Hono raises these for malformed JSON bodies, among others.
    const status = error.status >= 400 && error.status < 500 ? error.status : 400;
    return new ProblemError(status, status === 400 ? 'Malformed request' : error.message, [], error.message);
  }
  logger.error('unhandled', { correlation_id: correlationId, error: error instanceof Error ? error : String(error) });
  count('ServerError');
  return new ProblemError(500, 'Something went wrong on our side', [], 'The error has been logged.');
}

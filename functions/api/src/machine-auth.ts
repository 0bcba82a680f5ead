import type { Context, Next } from 'hono';
import { auditApiKeyUse, authenticateApiKey, looksLikeApiKey } from '@schoolgate/usecases/api-keys';
import type { AppEnv } from './context.js';
import type { ApiDeps } from './deps.js';
import { logger } from './observability.js';
import { ProblemError } from './problem.js';

const signInRequired = () =>
  new ProblemError(401, 'Sign in required', [], 'Send `Authorization: Bearer <ID token>`, or an API key as `Authorization: Bearer sg_live_…` (or `X-Api-Key`).');

/** The API key an unknown, malformed or revoked key gets: the same answer for each, so it tells a guesser nothing. */
const keyRefused = () => new ProblemError(401, 'API key not accepted', [], 'The API key is unknown or has been revoked.');

/**
 * Who is calling: a person with a Cognito ID token, or an organisation's own system with an API
 * key (`Authorization: Bearer sg_live_…` or `X-Api-Key: sg_live_…`). A key is checked with one
 * consistent read (so a revocation holds from the next call) and every call it makes is counted
 * in its audit, with the answer's status, under the key's own partition.
 */
export async function authenticate(c: Context<AppEnv>, deps: ApiDeps, next: Next): Promise<void> {
  const bearer = /^Bearer (\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
  const token = bearer ?? c.req.header('x-api-key');
  if (!token) throw signInRequired();
  if (!looksLikeApiKey(token)) {
    c.set('caller', await deps.verifier.verify(token));
    return next();
  }
  const key = await authenticateApiKey(deps.db, token);
  if (!key) throw keyRefused();
  c.set('caller', { userId: `apikey:${key.keyId}`, email: `api-key:${key.name}`, platformAdmin: false, apiKey: key });
  await next();
  const write = !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method);
  try {
    await auditApiKeyUse(deps.db, key, deps.now(), { call: `${c.req.method} ${c.req.path}`, status: c.res.status, write });
  } catch (error) {
    // The answer stands; a lost count is logged so it can be seen.
    logger.error('api key audit not written', { correlation_id: c.get('requestId'), keyId: key.keyId, error: String(error) });
  }
}

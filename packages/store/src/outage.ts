/**
 * Errors that mean "DynamoDB could not be reached or would not serve us right now" rather than "our
 * code is wrong": the API answers them 503 with Retry-After, never 500, and a client may retry.
 */
const UNAVAILABLE_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ThrottlingException',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'LimitExceededException',
  // The table itself is missing (deleted, or the stage not yet deployed): nothing a caller did.
  'ResourceNotFoundException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * True when an error from the AWS SDK says the store is unavailable (throttled, down, unreachable).
 *
 * @example
 * try { await getSlot(db, s, id) } catch (e) { if (isStoreUnavailable(e)) return answer503() }
 */
export function isStoreUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { name?: string; code?: string; $fault?: string; $metadata?: { httpStatusCode?: number }; cause?: unknown; CancellationReasons?: Array<{ Code?: string }> };
  if (e.name && UNAVAILABLE_NAMES.has(e.name)) return true;
  if (e.code && NETWORK_CODES.has(e.code)) return true;
  if (e.$fault === 'server' || (e.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  if (e.name === 'TransactionCanceledException' && e.CancellationReasons?.some((r) => r.Code === 'ThrottlingError' || r.Code === 'ProvisionedThroughputExceeded')) return true;
  return e.cause !== undefined && e.cause !== error && isStoreUnavailable(e.cause);
}

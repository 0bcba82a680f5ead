import { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';

const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'schoolgate-api';

/**
 * Structured JSON logs (Powertools Logger). On Lambda every line also carries the function's
 * request id, cold start, X-Ray trace id and the request's correlation id (lambda.ts sets them);
 * log calls made while answering a request pass `correlation_id` themselves, because the local
 * server answers many requests at once through this one logger.
 *
 * @example
 * logger.error('store unavailable', { correlation_id: c.get('requestId'), error });
 */
export const logger = new Logger({ serviceName });

/**
 * CloudWatch metrics in Embedded Metric Format: written to the log stream after each invocation
 * (lambda.ts), no API call. Counted only on Lambda: the local server has nowhere to send them.
 * Powertools Metrics is imported on the first count, not at a cold start (most invocations count
 * nothing); `publishMetrics` waits for the counts still on their way, so none is lost or carried
 * into the next invocation.
 */
let metrics: Promise<Metrics> | undefined;
const counting = new Set<Promise<void>>();
const onLambda = Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME);

const loadMetrics = (): Promise<Metrics> =>
  (metrics ??= import('@aws-lambda-powertools/metrics').then(
    ({ Metrics }) => new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Schoolgate', serviceName }),
  ));

/** Adds one to a count metric (on Lambda; a no-op elsewhere). */
export function count(name: 'ServerError' | 'StoreUnavailable' | 'IdempotencyBookkeepingFailed' | 'HealthCheckFailed', value = 1): void {
  if (!onLambda) return;
  const added: Promise<void> = loadMetrics()
    .then((m) => void m.addMetric(name, 'Count', value))
    .catch((error: unknown) => logger.error('metric not counted', { metric: name, error }))
    .finally(() => counting.delete(added));
  counting.add(added);
}

/** Writes the invocation's metrics, if any, to the log stream. */
export async function publishMetrics(): Promise<void> {
  if (!metrics) return;
  await Promise.all(counting);
  const loaded = await metrics.catch(() => undefined);
  if (loaded?.hasStoredMetrics()) loaded.publishStoredMetrics();
}

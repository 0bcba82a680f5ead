import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

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
 */
export const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Schoolgate', serviceName });
const onLambda = Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME);

/** Adds one to a count metric (on Lambda; a no-op elsewhere). */
export function count(name: 'ServerError' | 'StoreUnavailable' | 'IdempotencyBookkeepingFailed' | 'HealthCheckFailed', value = 1): void {
  if (onLambda) metrics.addMetric(name, MetricUnit.Count, value);
}

/** Writes the invocation's metrics, if any, to the log stream. */
export function publishMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}

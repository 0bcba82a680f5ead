import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'schoolgate-notify';

/**
 * Structured JSON logs (Powertools Logger). The Lambda entries add the invocation's context; each
 * line about an outbox event carries its id as `correlation_id`, the id the API's transaction wrote.
 *
 * @example
 * logger.info('outbox event delivered', { correlation_id: outbox.eventId });
 */
export const logger = new Logger({ serviceName });

/** CloudWatch metrics in Embedded Metric Format, written when an invocation ends; counted only on Lambda. */
export const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Schoolgate', serviceName });
const onLambda = Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME);

/** Adds to a count metric (on Lambda; a no-op elsewhere). */
export function count(name: 'OutboxEventsDelivered' | 'OutboxRecordsNotProcessed' | 'EmailsSent' | 'EmailDeliveryFailed', value = 1): void {
  if (onLambda && value > 0) metrics.addMetric(name, MetricUnit.Count, value);
}

/** Writes the invocation's metrics, if any, to the log stream. */
export function publishMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}

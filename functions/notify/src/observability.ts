import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

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

/**
 * X-Ray traces (Powertools Tracer) on top of Lambda's active tracing (infra/src/function.ts). Off
 * wherever `AWS_EXECUTION_ENV` is unset (the local server, the poller, tests: no X-Ray daemon
 * there) or `POWERTOOLS_TRACE_ENABLED=false`; then every call below is a no-op and the X-Ray SDK
 * is told to ignore a missing context, so nothing is printed.
 */
export const tracer = new Tracer({ serviceName });

/**
 * Records the SDK calls of these clients (DynamoDB, SES, SQS) as subsegments of the trace, each
 * with its operation, table or queue and answer status. A no-op when tracing is off.
 *
 * @example
 * traceClients(deps.db.doc, deps.ses);
 */
export function traceClients(...clients: object[]): void {
  for (const client of clients) tracer.captureAWSv3Client(client);
}

/**
 * A Lambda entry traced as Powertools' `captureLambdaHandler` does (its documented manual form,
 * without middy or a class decorator): a `## <handler>` subsegment with the ColdStart and Service
 * annotations, the answer or the error as metadata. Logs and metrics are handled here too.
 *
 * @example
 * export const handler = tracedHandler('stream', (event: DynamoDBStreamEvent) => handleStreamEvent(deps, event));
 */
export function tracedHandler<E, R>(name: string, run: (event: E) => Promise<R>, using: Tracer = tracer) {
  return async (event: E, context?: { awsRequestId: string } & object): Promise<R> => {
    if (context) logger.addContext(context as Parameters<typeof logger.addContext>[0]);
    try {
      if (!using.isTracingEnabled()) return await run(event);
      return await inSubsegment(`## ${name}`, undefined, async () => {
        using.annotateColdStart();
        using.addServiceNameAnnotation();
        const answer = await run(event);
        using.addResponseAsMetadata(answer, name);
        return answer;
      }, using);
    } finally {
      publishMetrics();
    }
  };
}

/**
 * Runs `work` in a subsegment of its own, annotated `correlation_id` (the outbox event id the
 * API's transaction wrote, or the sweep task's message id) so that X-Ray's filter
 * `annotation.correlation_id = "<id>"` finds the trace of one booking change. Concurrent calls
 * each get their own subsegment (the X-Ray SDK's async context). A no-op wrapper when tracing is off.
 *
 * @example
 * await inSubsegment('### outbox booking.confirmed', outbox.eventId, () => act(deps, outbox, now));
 */
export async function inSubsegment<T>(name: string, correlationId: string | undefined, work: () => Promise<T>, using: Tracer = tracer): Promise<T> {
  if (!using.isTracingEnabled() || !using.getSegment()) return work();
  return (await using.provider.captureAsyncFunc(name, async (subsegment) => {
    if (correlationId) using.putAnnotation('correlation_id', correlationId);
    try {
      return await work();
    } catch (error) {
      using.addErrorAsMetadata(error as Error);
      throw error;
    } finally {
      subsegment?.close();
    }
  })) as T;
}

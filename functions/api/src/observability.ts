import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';

const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'schoolgate-api';

type LambdaContext = Parameters<Logger['addContext']>[0];

/**
 * Powertools Logger is imported on the first line logged, not at a cold start: the API logs only
 * errors, and most invocations log nothing. Until then the invocation's Lambda context and
 * correlation id are kept here and given to the Logger when it is made; `flushLogs` (awaited by
 * lambda.ts) waits for lines still on their way, so none is lost or written in a later invocation.
 */
let loaded: Logger | undefined;
let loading: Promise<Logger> | undefined;
let invocations = 0;
let invocationContext: LambdaContext | undefined;
let correlationId: string | undefined;
const writing = new Set<Promise<void>>();

const loadLogger = (): Promise<Logger> =>
  (loading ??= import('@aws-lambda-powertools/logger').then(({ Logger }) => {
    // Powertools marks the first addContext of the process as the cold start: a Logger made in a
    // later invocation must not (getColdStart() reads and clears that mark).
    const made = new (class extends Logger {
      notColdStart(): void {
        this.getColdStart();
      }
    })({ serviceName });
    if (invocations > 1) made.notColdStart();
    if (invocationContext) made.addContext(invocationContext);
    if (correlationId !== undefined) made.setCorrelationId(correlationId);
    return (loaded = made);
  }));

/**
 * Structured JSON logs (Powertools Logger). On Lambda every line also carries the function's
 * request id, cold start, X-Ray trace id and the request's correlation id (lambda.ts sets them);
 * log calls made while answering a request pass `correlation_id` themselves, because the local
 * server answers many requests at once through this one logger.
 *
 * @example
 * logger.error('store unavailable', { correlation_id: c.get('requestId'), error });
 */
export const logger = {
  error(message: string, attributes: Record<string, unknown> = {}): void {
    if (loaded) return loaded.error(message, attributes);
    const written: Promise<void> = loadLogger()
      .then(
        (made) => made.error(message, attributes),
        (error: unknown) => {
          loading = undefined;
          // The line is not lost if the Logger cannot be loaded.
          console.error(JSON.stringify({ level: 'ERROR', message, service: serviceName, ...attributes, ...(attributes.error instanceof Error ? { error: String(attributes.error) } : {}), logger_not_loaded: String(error) }));
        },
      )
      .finally(() => writing.delete(written));
    writing.add(written);
  },
  /** The invocation's Lambda context (lambda.ts, at the start of each invocation). */
  addContext(context: LambdaContext): void {
    invocations++;
    invocationContext = context;
    loaded?.addContext(context);
  },
  /** The invocation's correlation id, on every line it logs. */
  setCorrelationId(id: string | undefined): void {
    correlationId = id;
    loaded?.setCorrelationId(id);
  },
};

/** Waits for the log lines still on their way (the Logger's first import). */
export async function flushLogs(): Promise<void> {
  await Promise.all(writing);
}

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

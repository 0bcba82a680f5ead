import { SESClient, type SESClientConfig } from '@aws-sdk/client-ses';
import { dbFromEnv, type Db } from '@schoolgate/store';
import type { WebhookOptions } from './webhooks.js';

/** How a send is retried inside one invocation before it is recorded as failed. */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Three tries with jittered exponential backoff: long enough for SES throttling, short enough for a stream batch. */
export const defaultRetryPolicy: RetryPolicy = { attempts: 3, baseDelayMs: 200, maxDelayMs: 2_000 };

/** Everything the notifier needs; the Lambda entries and the local poller build the same shape. */
export interface NotifyDeps {
  db: Db;
  ses: SESClient;
  fromAddress: string;
  /** Without a trailing slash, e.g. https://schoolgate.example. */
  webBaseUrl: string;
  configurationSet?: string;
  retry?: RetryPolicy;
  /** Webhook deliveries (webhooks.ts); defaults suit AWS. */
  webhooks?: WebhookOptions;
}

/**
 * An SES client, pointed at aws-ses-v2-local when an endpoint is given.
 *
 * @example
 * const ses = createSes({ endpoint: 'http://127.0.0.1:8005' });
 */
export function createSes(options: { endpoint?: string; region?: string } = {}): SESClient {
  // One try per call: the notifier retries itself (send.ts) so the count and backoff are known
  // and tested, instead of multiplying with the SDK's own three attempts.
  const config: SESClientConfig = { region: options.region ?? process.env.AWS_REGION ?? 'eu-west-2', maxAttempts: 1 };
  if (options.endpoint) {
    config.endpoint = options.endpoint;
    // The local stand-in ignores signatures; fixed credentials stop the SDK searching for real ones.
    config.credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  }
  return new SESClient(config);
}

/**
 * Reads TABLE_NAME, SES_FROM_ADDRESS, WEB_BASE_URL and the optional SES_CONFIGURATION_SET,
 * SES_ENDPOINT (local) and DYNAMODB_ENDPOINT (local).
 *
 * @example
 * const deps = depsFromEnv(process.env);
 */
export function depsFromEnv(env: NodeJS.ProcessEnv): NotifyDeps {
  const fromAddress = env.SES_FROM_ADDRESS;
  const webBaseUrl = env.WEB_BASE_URL;
  if (!fromAddress) throw new Error('SES_FROM_ADDRESS is not set');
  if (!webBaseUrl) throw new Error('WEB_BASE_URL is not set');
  return {
    db: dbFromEnv(env),
    ses: createSes({ endpoint: env.SES_ENDPOINT, region: env.AWS_REGION }),
    fromAddress,
    webBaseUrl: webBaseUrl.replace(/\/+$/, ''),
    configurationSet: env.SES_CONFIGURATION_SET || undefined,
  };
}

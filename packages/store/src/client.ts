import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface StoreConfig {
  tableName: string;
  /** Set locally to DynamoDB Local's address; unset on AWS. */
  endpoint?: string;
  region?: string;
  /** The SDK's retry strategy (`adaptive` for a bulk job such as the backfill, so it slows down when throttled). */
  retryMode?: 'standard' | 'adaptive';
  maxAttempts?: number;
}

export interface Db {
  doc: DynamoDBDocumentClient;
  tableName: string;
}

/**
 * One document client per process (a Lambda container reuses it across invocations).
 *
 * @example
 * const db = createDb({ tableName: 'schoolgate', endpoint: 'http://127.0.0.1:8000' });
 */
export function createDb(config: StoreConfig): Db {
  const clientConfig: DynamoDBClientConfig = { region: config.region ?? process.env.AWS_REGION ?? 'eu-west-2' };
  if (config.retryMode) clientConfig.retryMode = config.retryMode;
  if (config.maxAttempts) clientConfig.maxAttempts = config.maxAttempts;
  if (config.endpoint) {
    clientConfig.endpoint = config.endpoint;
    // DynamoDB Local keeps tables per access key; fixed local credentials keep them shared.
    clientConfig.credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  }
  const client = new DynamoDBClient(clientConfig);
  // The SDK's logging middleware copies every response through its sensitive-field filter even
  // with no logger set (about 30% of client CPU on a 1,000-item Query page); we log our own way.
  client.middlewareStack.remove('loggerMiddleware');
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { doc, tableName: config.tableName };
}

/** Reads the store's configuration from the environment the Lambda or the local server sets. */
export function dbFromEnv(env: NodeJS.ProcessEnv = process.env): Db {
  const tableName = env.TABLE_NAME;
  if (!tableName) throw new Error('TABLE_NAME is not set');
  return createDb({ tableName, endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION });
}

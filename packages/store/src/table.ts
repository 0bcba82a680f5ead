import { CreateTableCommand, DescribeTableCommand, ResourceInUseException, UpdateTimeToLiveCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import type { Db } from './client.js';

/**
 * The table as the CDK stack declares it (infra/src/data.ts). Local runs and tests create it
 * with this; on AWS the stack owns it.
 */
export const tableDefinition = {
  AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk'].map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' as const },
    { AttributeName: 'sk', KeyType: 'RANGE' as const },
  ],
  GlobalSecondaryIndexes: (['gsi1', 'gsi2', 'gsi3'] as const).map((index) => ({
    IndexName: index,
    KeySchema: [
      { AttributeName: `${index}pk`, KeyType: 'HASH' as const },
      { AttributeName: `${index}sk`, KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'ALL' as const },
  })),
  BillingMode: 'PAY_PER_REQUEST' as const,
  StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' as const },
};

export const TTL_ATTRIBUTE = 'expiresAt';

/** Creates the table unless it exists. Returns true when it was created now. */
export async function ensureTable(db: Db): Promise<boolean> {
  try {
    await db.doc.send(new DescribeTableCommand({ TableName: db.tableName }));
    return false;
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  }
  try {
    await db.doc.send(new CreateTableCommand({ TableName: db.tableName, ...tableDefinition }));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    return false;
  }
  await waitUntilTableExists({ client: db.doc, maxWaitTime: 30 }, { TableName: db.tableName });
  await db.doc.send(
    new UpdateTimeToLiveCommand({ TableName: db.tableName, TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true } }),
  );
  return true;
}

/**
 * The ARN of the table's current stream (the outbox), or undefined when it has none. The local
 * stream poller reads it once at start; on AWS the event source mapping knows it already.
 *
 * @example
 * const arn = await tableStreamArn(db); // 'arn:aws:dynamodb:ddblocal:000000000000:table/schoolgate/stream/…'
 */
/** The table's status as DynamoDB reports it (`ACTIVE` when all is well); throws when the store does not answer. */
export async function tableStatus(db: Db): Promise<string> {
  const table = await db.doc.send(new DescribeTableCommand({ TableName: db.tableName }));
  return table.Table?.TableStatus ?? 'UNKNOWN';
}

export async function tableStreamArn(db: Db): Promise<string | undefined> {
  const table = await db.doc.send(new DescribeTableCommand({ TableName: db.tableName }));
  return table.Table?.LatestStreamArn;
}

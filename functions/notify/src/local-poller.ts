import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { tableStreamArn, type Db } from '@schoolgate/store';
import { createSes, type NotifyDeps } from './deps.js';
import { runReminders, type ReminderRunSummary } from './reminders.js';
import { handleStreamEvent } from './stream.js';

/** What a local run needs to send mail: the table, the local SES and the addresses. */
export interface LocalNotifyOptions {
  db: Db;
  sesEndpoint: string;
  fromAddress: string;
  webBaseUrl: string;
}

export interface LocalStreamPollerOptions extends LocalNotifyOptions {
  /** DynamoDB Local's address (it serves the Streams API on the same port). */
  streamsEndpoint: string;
  pollMs?: number;
  /** How often a record the handler reported as failed is retried before it is dropped (with a log line). */
  maxRecordRetries?: number;
}

export interface LocalStreamPoller {
  /** Resolves once the poller holds an iterator on every open shard: writes after this are seen. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Builds the notifier's dependencies for a local run.
 *
 * @example
 * const deps = localNotifyDeps({ db, sesEndpoint: 'http://127.0.0.1:8005', fromAddress, webBaseUrl });
 */
export function localNotifyDeps(options: LocalNotifyOptions): NotifyDeps {
  return {
    db: options.db,
    ses: createSes({ endpoint: options.sesEndpoint }),
    fromAddress: options.fromAddress,
    webBaseUrl: options.webBaseUrl.replace(/\/+$/, ''),
    // A local run may deliver webhooks to a receiver on http://127.0.0.1.
    webhooks: { allowLocal: true },
  };
}

/** A Streams API record in the shape Lambda hands the stream handler. */
function toLambdaRecord(record: StreamRecord): DynamoDBRecord {
  const { dynamodb, ...rest } = record;
  const created = dynamodb?.ApproximateCreationDateTime;
  return {
    ...rest,
    dynamodb: {
      ...dynamodb,
      ApproximateCreationDateTime: created ? Math.floor(new Date(created).getTime() / 1000) : undefined,
    },
  } as DynamoDBRecord;
}

interface ShardCursor {
  iterator: string | undefined;
  /** Records the handler reported as failed, retried before reading further (Lambda's behaviour). */
  pending: DynamoDBRecord[];
  retries: number;
  /** The sequence number of the last record read from the shard, to read on after it. */
  lastRead?: string;
}

/**
 * Reads DynamoDB Local's stream of the table and feeds it to the same `handleStreamEvent` the
 * Lambda runs, so `npm start` sends the same mail as AWS would. Starts at LATEST on the shards
 * open now, follows NextShardIterator, and picks up shards that open later from TRIM_HORIZON.
 *
 * @example
 * const poller = startLocalStreamPoller({ db, streamsEndpoint: dynamo.endpoint, sesEndpoint: ses.endpoint, fromAddress, webBaseUrl, pollMs: 250 });
 * await poller.ready;
 * // ...
 * await poller.stop();
 */
export function startLocalStreamPoller(options: LocalStreamPollerOptions): LocalStreamPoller {
  const deps = localNotifyDeps(options);
  const pollMs = options.pollMs ?? 500;
  const maxRetries = options.maxRecordRetries ?? 5;
  // DynamoDB Local keeps tables per access key and region: use exactly the table client's.
  const streams = new DynamoDBStreamsClient({
    endpoint: options.streamsEndpoint,
    region: options.db.doc.config.region,
    credentials: options.db.doc.config.credentials,
  });
  const cursors = new Map<string, ShardCursor>();
  let streamArn: string | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  async function listShards(arn: string) {
    const shards: Array<{ id: string; open: boolean }> = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const page = await streams.send(new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: exclusiveStartShardId }));
      for (const shard of page.StreamDescription?.Shards ?? []) {
        if (shard.ShardId) shards.push({ id: shard.ShardId, open: !shard.SequenceNumberRange?.EndingSequenceNumber });
      }
      exclusiveStartShardId = page.StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    return shards;
  }

  async function iteratorFor(arn: string, shardId: string, type: 'LATEST' | 'TRIM_HORIZON') {
    const got = await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shardId, ShardIteratorType: type }));
    return got.ShardIterator;
  }

  async function start() {
    streamArn = await tableStreamArn(options.db);
    if (!streamArn) throw new Error(`Table ${options.db.tableName} has no stream`);
    for (const shard of await listShards(streamArn)) {
      // Closed shards at start hold only history; LATEST on open ones means "from now on".
      cursors.set(shard.id, { iterator: shard.open ? await iteratorFor(streamArn, shard.id, 'LATEST') : undefined, pending: [], retries: 0 });
    }
  }

  async function deliver(shardId: string, cursor: ShardCursor, records: DynamoDBRecord[]) {
    if (records.length === 0) return;
    const { batchItemFailures } = await handleStreamEvent(deps, { Records: records } satisfies DynamoDBStreamEvent);
    if (batchItemFailures.length === 0) {
      cursor.pending = [];
      cursor.retries = 0;
      return;
    }
    const failed = new Set(batchItemFailures.map((failure) => failure.itemIdentifier));
    const firstFailed = records.findIndex((record) => failed.has(record.dynamodb?.SequenceNumber ?? ''));
    cursor.retries += 1;
    if (cursor.retries > maxRetries) {
      console.error(JSON.stringify({ msg: 'local stream poller dropped records after retries', shardId, count: records.length - firstFailed }));
      cursor.pending = [];
      cursor.retries = 0;
      return;
    }
    cursor.pending = records.slice(Math.max(0, firstFailed));
  }

  async function tick() {
    if (!streamArn) {
      await start();
    } else {
      // Shards roll over (every few hours on AWS, on restart locally): follow new ones from their start.
      for (const shard of await listShards(streamArn)) {
        if (!cursors.has(shard.id) && shard.open) {
          cursors.set(shard.id, { iterator: await iteratorFor(streamArn, shard.id, 'TRIM_HORIZON'), pending: [], retries: 0 });
        }
      }
    }
    for (const [shardId, cursor] of cursors) {
      if (stopped) return;
      if (cursor.pending.length > 0) {
        await deliver(shardId, cursor, cursor.pending);
        if (cursor.pending.length > 0) continue;
      }
      if (!cursor.iterator) continue;
      let page;
      try {
        page = await streams.send(new GetRecordsCommand({ ShardIterator: cursor.iterator }));
      } catch (error) {
        if ((error as Error).name !== 'TrimmedDataAccessException') throw error;
        // DynamoDB Local answers this for a LATEST iterator taken while the shard was still empty,
        // once the first record is written (aws/aws-sdk-java#2923); the iterator never recovers.
        // Read on after the last record read or, if none was, from the shard's start: then it was
        // empty when the poller started, so everything in it is new.
        const got = await streams.send(
          new GetShardIteratorCommand(
            cursor.lastRead
              ? { StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: cursor.lastRead }
              : { StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' },
          ),
        );
        cursor.iterator = got.ShardIterator;
        continue;
      }
      // No NextShardIterator: the shard is closed and fully read.
      cursor.iterator = page.NextShardIterator;
      cursor.lastRead = page.Records?.at(-1)?.dynamodb?.SequenceNumber ?? cursor.lastRead;
      await deliver(shardId, cursor, (page.Records ?? []).map(toLambdaRecord));
    }
  }

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      inFlight = tick()
        .catch((error: unknown) => console.error(JSON.stringify({ msg: 'local stream poller error', error: String(error) })))
        .finally(schedule);
    }, pollMs);
  };

  const ready = start().then(schedule, (error: unknown) => {
    // Table not there yet (start script still creating it): keep trying from the loop.
    console.error(JSON.stringify({ msg: 'local stream poller waiting for the table', error: String(error) }));
    schedule();
  });

  return {
    ready,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await ready;
      await inFlight;
      streams.destroy();
    },
  };
}

/**
 * Runs the daily reminder job once, for local use (a button or a script instead of the scheduler).
 *
 * @example
 * const summary = await runRemindersOnce({ db, sesEndpoint, fromAddress, webBaseUrl }, new Date());
 */
export async function runRemindersOnce(deps: NotifyDeps | LocalNotifyOptions, now: Date = new Date()): Promise<ReminderRunSummary> {
  return runReminders('ses' in deps ? deps : localNotifyDeps(deps), now);
}

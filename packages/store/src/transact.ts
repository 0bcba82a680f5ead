import { TransactionCanceledException, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * A conditional write that lost: the rule it guards, in words a person understands. The API
 * answers it with 409 and the code.
 */
export class ConflictError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** DynamoDB kept cancelling for contention after every retry: worth retrying a moment later. */
export class ContentionError extends Error {
  constructor() {
    super('Too many people are changing this at once; try again in a moment.');
    this.name = 'ContentionError';
  }
}

/** The target item vanished or is not in the state the caller saw. */
export class NotFoundError extends Error {
  constructor(message = 'Not found') {
    super(message);
    this.name = 'NotFoundError';
  }
}

export interface GuardedWrite {
  item: TransactItem;
  /**
   * What a failed condition on this item means. Receives the item as it stood when the write set
   * `ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`, to tell apart the reasons one condition covers.
   */
  onConditionFailed?: (current?: Record<string, unknown>) => Error;
}

/** Counts calls per operation so the benchmark can report DynamoDB calls per confirmation. */
export const callCounter = { transactWrites: 0, reads: 0, reset() { this.transactWrites = 0; this.reads = 0; } };

const MAX_CONFLICT_RETRIES = 5;

/**
 * Runs one TransactWriteItems and turns a cancelled transaction into the error of the first item
 * whose condition failed. Retries TransactionConflict (another transaction touched an item at the
 * same moment): DynamoDB Local never raises it, AWS does under contention.
 *
 * @example
 * await transact(db, [
 *   { item: { Put: { TableName, Item, ConditionExpression: 'attribute_not_exists(pk)' } },
 *     onConditionFailed: () => new ConflictError('ALREADY_BOOKED', '...') },
 * ]);
 */
export async function transact(db: Db, writes: GuardedWrite[], clientRequestToken?: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      callCounter.transactWrites++;
      await db.doc.send(
        new TransactWriteCommand({
          TransactItems: writes.map((w) => w.item),
          ...(clientRequestToken ? { ClientRequestToken: clientRequestToken } : {}),
        }),
      );
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failedIndex = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
      if (failedIndex >= 0) {
        // Returned in raw AttributeValue form even through the document client.
        const old = reasons[failedIndex]?.Item as Record<string, AttributeValue> | undefined;
        throw (
          writes[failedIndex]?.onConditionFailed?.(old ? unmarshall(old) : undefined) ??
          new ConflictError('CONFLICT', 'The record changed while you were working on it')
        );
      }
      const conflicted = reasons.some((r) => r.Code === 'TransactionConflict');
      if (conflicted && attempt < MAX_CONFLICT_RETRIES) {
        await new Promise((r) => setTimeout(r, 10 * 2 ** attempt + Math.random() * 10));
        continue;
      }
      if (conflicted) throw new ContentionError();
      throw error;
    }
  }
}

import type { Db } from './client.js';
import { ConflictError, type GuardedWrite } from './transact.js';

/**
 * A fact item a decision read (a school's profile or calendar, its published policy pointer, a
 * provider's profile), with the version it had. A write that was decided on these facts carries a
 * ConditionCheck per fact, so the decision and the facts it read commit together or not at all:
 *
 *   approver ── reads calendar v3 ── evaluates ── TransactWrite [booking, …, calendar.version = 3]
 *   careers leader ─────────── adds an INSET day: calendar v4 ──┘  → the approval is cancelled
 */
export interface FactVersion {
  key: { pk: string; sk: string };
  /** The `version` read; 0 for an item written before items carried one; null when absent. */
  version: number | null;
  /** What the fact is, for the error a person reads. */
  what: string;
}

/** A fact a decision read changed before the decision could commit. */
export class FactsChangedError extends ConflictError {
  constructor(readonly what: string) {
    super('FACTS_CHANGED', `The ${what} changed while this was being decided. Reload and try again.`);
    this.name = 'FactsChangedError';
  }
}

/** The version an item read from the table has (items from before versions count as 0). */
export const versionOf = (item: Record<string, unknown> | undefined): number | null =>
  item ? (typeof item.version === 'number' ? item.version : 0) : null;

/**
 * The condition that an item is still at `version` (null: absent; 0: written before items carried
 * a version, or never changed since), with its placeholder names and values.
 */
export function versionCondition(version: number | null): {
  ConditionExpression: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
} {
  if (version === null) return { ConditionExpression: 'attribute_not_exists(pk)' };
  return {
    ConditionExpression: version === 0 ? 'attribute_exists(pk) AND (attribute_not_exists(#version) OR #version = :version)' : '#version = :version',
    ExpressionAttributeNames: { '#version': 'version' },
    ExpressionAttributeValues: { ':version': version },
  };
}

/** One ConditionCheck that fails the transaction if the fact moved on from the version read. */
export function factCheck(db: Db, fact: FactVersion): GuardedWrite {
  return {
    item: { ConditionCheck: { TableName: db.tableName, Key: fact.key, ...versionCondition(fact.version) } },
    onConditionFailed: () => new FactsChangedError(fact.what),
  };
}

/** `SET`-clause fragment that moves an item's version on by one, starting items without one at 1. */
export const BUMP_VERSION = '#version = if_not_exists(#version, :zeroVersion) + :oneVersion';
export const BUMP_VERSION_NAMES = { '#version': 'version' } as const;
export const BUMP_VERSION_VALUES = { ':zeroVersion': 0, ':oneVersion': 1 } as const;

/** Someone changed the item between the read and a write conditional on the version read. */
export class StaleVersionError extends ConflictError {
  constructor() {
    super('STALE_STATE', 'Someone else changed this at the same moment; reload to see their change.');
    this.name = 'StaleVersionError';
  }
}

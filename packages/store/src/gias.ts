import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import pMap from 'p-map';
import type { Db } from './client.js';
import type { GroupRecord } from './groups.js';
import { keys } from './keys.js';
import { strip } from './organisations.js';
import { queryAll } from './query.js';

/**
 * Get Information about Schools (issue 14): the register's reference data, one item per URN,
 * written as the platform admin imports an extract. A re-import overwrites each URN's item with
 * what the newer extract says, so importing the same file twice leaves the same items.
 */
export interface GiasEstablishmentRecord {
  urn: string;
  name: string;
  /** TypeOfEstablishment (`type` is the item's own type attribute). */
  establishmentType?: string;
  phase?: string;
  statutoryLowAge?: number;
  statutoryHighAge?: number;
  postcode?: string;
  trustName?: string;
  /** As the register writes it: "Open", "Closed", "Open, but proposed to close", "Proposed to open". */
  status: string;
  /** False once the register says "Closed": such a school is not pre-filled. */
  open: boolean;
  importedAt: string;
}

const BATCH = 25;
const PARALLEL_BATCHES = 4;
const MAX_ATTEMPTS = 8;

/** Writes one batch of up to 25 Puts, retrying what DynamoDB leaves unprocessed (throttling) with backoff. */
async function writeBatch(db: Db, records: readonly GiasEstablishmentRecord[]): Promise<void> {
  let requests: Array<Record<string, unknown>> = records.map((record) => ({ PutRequest: { Item: { ...keys.giasEstablishment(record.urn), type: 'gias-school', ...record } } }));
  for (let attempt = 0; requests.length; attempt++) {
    if (attempt >= MAX_ATTEMPTS) throw new Error(`GIAS import: ${requests.length} items still unprocessed after ${MAX_ATTEMPTS} attempts`);
    if (attempt) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt + Math.random() * 20));
    const answer = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.tableName]: requests as never } }));
    requests = (answer.UnprocessedItems?.[db.tableName] ?? []) as Array<Record<string, unknown>>;
  }
}

/**
 * Stores register entries with BatchWriteItem, 25 to a request and a few requests at once. Not a
 * transaction: an import cut short by an outage leaves some entries new and some old, and running
 * it again completes it (each item is keyed by URN and simply overwritten).
 */
export async function putGiasEstablishments(db: Db, records: readonly GiasEstablishmentRecord[]): Promise<{ batches: number }> {
  const batches: GiasEstablishmentRecord[][] = [];
  for (let i = 0; i < records.length; i += BATCH) batches.push(records.slice(i, i + BATCH));
  await pMap(batches, (batch) => writeBatch(db, batch), { concurrency: PARALLEL_BATCHES });
  return { batches: batches.length };
}

export async function getGiasEstablishment(db: Db, urn: string): Promise<GiasEstablishmentRecord | undefined> {
  const found = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.giasEstablishment(urn), ConsistentRead: true }));
  return found.Item ? strip<GiasEstablishmentRecord>(found.Item) : undefined;
}

/** Every group of a kind (gsi1 `GROUPS#<kind>`): a few thousand trusts at most, read to match a name. */
export const listGroupsOfKind = (db: Db, kind: 'trust' | 'hub') => queryAll<GroupRecord>(db, { index: 'gsi1', pk: keys.groupsOfKind(kind) });

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { showSlotInSearch, slotItem, type SlotRecord } from './bookings.js';
import type { Db } from './client.js';
import { keys } from './keys.js';
import { claimLive, releaseLive } from './limits.js';
import { strip } from './organisations.js';
import { queryAll } from './query.js';
import { ConflictError, transact } from './transact.js';
import { factCheck, type FactVersion } from './versions.js';

/** A provider's suggested time within the school's published access times. */
export interface ProposalRecord {
  id: string;
  schoolId: string;
  schoolName?: string;
  requesterOrgId: string;
  requesterName: string;
  date: string;
  start: string;
  end: string;
  yearGroups: number[];
  format: string;
  message: string;
  status: 'proposed' | 'accepted' | 'declined';
  slotId?: string;
  declineGround?: { id: string; label: string };
  note?: string;
  createdAt: string;
}

/** Stores a new proposal and takes one of the proposer's LIVE_LIMITS live proposals, together. */
export async function createProposal(db: Db, proposal: ProposalRecord): Promise<void> {
  await transact(db, [
    {
      item: {
        Put: {
          TableName: db.tableName,
          Item: {
            ...keys.proposal(proposal.schoolId, proposal.id),
            ...keys.proposalByRequester(proposal.requesterOrgId, proposal.id),
            type: 'proposal',
            ...proposal,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    },
    ...claimLive(db, 'proposal', proposal.requesterOrgId, proposal.schoolId),
  ]);
}

export async function listProposalsOfSchool(db: Db, schoolId: string): Promise<ProposalRecord[]> {
  return queryAll<ProposalRecord>(db, { pk: keys.organisation(schoolId).pk, skPrefix: keys.proposalsPrefix });
}

/** A provider's own proposals, across schools (gsi1: a list, eventually consistent). */
export async function listProposalsOfRequester(db: Db, requesterOrgId: string): Promise<ProposalRecord[]> {
  return queryAll<ProposalRecord>(db, { index: 'gsi1', pk: keys.proposalByRequester(requesterOrgId, '').gsi1pk });
}

export async function getProposal(db: Db, schoolId: string, proposalId: string): Promise<ProposalRecord | undefined> {
  const result = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.proposal(schoolId, proposalId), ConsistentRead: true }));
  return result.Item ? strip<ProposalRecord>(result.Item) : undefined;
}

const stillProposed = () => new ConflictError('STALE_STATE', 'This proposal has already been answered.');

/**
 * Turns a proposal into a slot: both in one transaction, so a proposal makes at most one slot, and
 * only if the facts the slot's rules were judged on are unchanged.
 */
export async function acceptProposal(db: Db, proposal: ProposalRecord, slot: SlotRecord, facts: FactVersion[] = []): Promise<void> {
  await transact(db, [
    {
      item: {
        Update: {
          TableName: db.tableName,
          Key: keys.proposal(proposal.schoolId, proposal.id),
          UpdateExpression: 'SET #status = :accepted, slotId = :slot',
          ConditionExpression: '#status = :proposed',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':accepted': 'accepted', ':proposed': 'proposed', ':slot': slot.id },
        },
      },
      onConditionFailed: stillProposed,
    },
    { item: { Put: { TableName: db.tableName, Item: slotItem(slot), ConditionExpression: 'attribute_not_exists(pk)' } } },
    ...showSlotInSearch(db, slot),
    ...facts.map((fact) => factCheck(db, fact)),
    ...releaseLive(db, 'proposal', proposal.requesterOrgId, proposal.schoolId),
  ]);
}

/** Declines a proposal still proposed, giving back one of the proposer's live proposals with it. */
export async function declineProposal(db: Db, proposal: ProposalRecord, ground: { id: string; label: string }, note: string): Promise<ProposalRecord> {
  await transact(db, [
    {
      item: {
        Update: {
          TableName: db.tableName,
          Key: keys.proposal(proposal.schoolId, proposal.id),
          UpdateExpression: 'SET #status = :declined, declineGround = :ground, note = :note',
          ConditionExpression: '#status = :proposed',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':declined': 'declined', ':proposed': 'proposed', ':ground': ground, ':note': note },
        },
      },
      onConditionFailed: stillProposed,
    },
    ...releaseLive(db, 'proposal', proposal.requesterOrgId, proposal.schoolId),
  ]);
  return { ...proposal, status: 'declined', declineGround: ground, note };
}

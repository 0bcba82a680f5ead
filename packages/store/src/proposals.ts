import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { showSlotInSearch, slotItem, type SlotRecord } from './bookings.js';
import type { Db } from './client.js';
import { keys } from './keys.js';
import { claimLive, releaseLive } from './limits.js';
import { strip } from './organisations.js';
import { ConflictError, transact } from './transact.js';
import { factCheck, type FactVersion } from './versions.js';
import { outboxItem, type Party, type ProposalEventKind, type ProposalSnapshot } from './outbox.js';
import type { GuardedWrite } from './transact.js';

/**
 * The parties of a proposal as its emails need them, given by the use case that read them; the
 * outbox item goes in the same transaction as the change it announces (issue 15).
 */
export interface ProposalParties {
  school: Party;
  requester: Party;
  eventId: string;
  at: string;
}

function proposalOutbox(db: Db, kind: ProposalEventKind, proposal: ProposalRecord, parties: ProposalParties | undefined, extra: Partial<ProposalSnapshot> = {}): GuardedWrite[] {
  if (!parties) return [];
  const snapshot: ProposalSnapshot = {
    proposalId: proposal.id,
    date: proposal.date,
    start: proposal.start,
    end: proposal.end,
    yearGroups: proposal.yearGroups,
    format: proposal.format,
    message: proposal.message,
    school: parties.school,
    requester: parties.requester,
    ...extra,
  };
  return [{ item: { Put: { TableName: db.tableName, Item: outboxItem({ eventId: parties.eventId, kind, occurredAt: parties.at, proposal: snapshot }) } } }];
}

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
export async function createProposal(db: Db, proposal: ProposalRecord, parties?: ProposalParties): Promise<void> {
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
    ...proposalOutbox(db, 'proposal.made', proposal, parties),
  ]);
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
export async function acceptProposal(db: Db, proposal: ProposalRecord, slot: SlotRecord, facts: FactVersion[] = [], parties?: ProposalParties): Promise<void> {
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
    ...proposalOutbox(db, 'proposal.accepted', proposal, parties, { slotId: slot.id }),
  ]);
}

/** Declines a proposal still proposed, giving back one of the proposer's live proposals with it. */
export async function declineProposal(db: Db, proposal: ProposalRecord, ground: { id: string; label: string }, note: string, parties?: ProposalParties): Promise<ProposalRecord> {
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
    ...proposalOutbox(db, 'proposal.declined', proposal, parties, { declineGround: ground.label, ...(note ? { note } : {}) }),
  ]);
  return { ...proposal, status: 'declined', declineGround: ground, note };
}

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { keys } from './keys.js';
import { membershipItem, strip, type MembershipRecord, type OrganisationKind } from './organisations.js';
import { outboxItem } from './outbox.js';
import { queryAll } from './query.js';
import { ConflictError, NotFoundError, transact } from './transact.js';

export interface InvitationRecord {
  orgId: string;
  orgName: string;
  kind: OrganisationKind;
  email: string;
  role: string;
  invitedBy: string;
  createdAt: string;
}

/** Records an invitation and its email in one transaction; re-inviting the same address replaces it. */
export async function createInvitation(db: Db, invitation: InvitationRecord & { eventId: string }): Promise<InvitationRecord> {
  const { eventId, ...record } = invitation;
  await transact(db, [
    {
      item: {
        Put: {
          TableName: db.tableName,
          Item: {
            ...keys.invitation(record.orgId, record.email),
            ...keys.invitationIndex(record.email, record.orgId),
            type: 'invitation',
            ...record,
          },
        },
      },
    },
    {
      item: {
        Put: {
          TableName: db.tableName,
          Item: outboxItem({
            eventId,
            kind: 'invitation.created',
            occurredAt: record.createdAt,
            invitation: { orgId: record.orgId, orgName: record.orgName, email: record.email, role: record.role, invitedBy: record.invitedBy },
          }),
        },
      },
    },
  ]);
  return record;
}

export async function listInvitationsForEmail(db: Db, email: string): Promise<InvitationRecord[]> {
  return queryAll<InvitationRecord>(db, { index: 'gsi1', pk: keys.invitationIndex(email, '').gsi1pk });
}

/**
 * Turns an invitation addressed to the signed-in user's verified email into a membership. The
 * invitation is deleted on condition it still exists, so one invitation makes one membership.
 */
export async function acceptInvitation(db: Db, orgId: string, email: string, userId: string, at: string): Promise<MembershipRecord> {
  const found = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.invitation(orgId, email), ConsistentRead: true }),
  );
  if (!found.Item) throw new NotFoundError('No invitation for you from that organisation');
  const invitation = strip<InvitationRecord>(found.Item);
  const membership: MembershipRecord = {
    userId,
    email: email.toLowerCase(),
    orgId,
    orgName: invitation.orgName,
    kind: invitation.kind,
    role: invitation.role,
    createdAt: at,
  };
  await transact(db, [
    {
      item: {
        Delete: { TableName: db.tableName, Key: keys.invitation(orgId, email), ConditionExpression: 'attribute_exists(pk)' },
      },
      onConditionFailed: () => new NotFoundError('That invitation has already been used'),
    },
    {
      item: { Put: { TableName: db.tableName, Item: membershipItem(membership), ConditionExpression: 'attribute_not_exists(pk)' } },
      onConditionFailed: () => new ConflictError('ALREADY_MEMBER', 'You are already a member of that organisation'),
    },
  ]);
  return membership;
}

import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { keys } from './keys.js';
import { strip } from './organisations.js';
import { queryAll } from './query.js';
import { ConflictError, NotFoundError, transact } from './transact.js';

/**
 * Trusts and careers hubs (issue 14): a group of schools that join by invitation and consent.
 * A trust's careers lead sees each academy's status per phase and can push a policy template
 * into each academy's draft; a hub lead sees opted-in schools' status, refusals and concerns.
 */

export type GroupKind = 'trust' | 'hub';

export interface GroupRecord {
  id: string;
  kind: GroupKind;
  name: string;
  createdAt: string;
}

export interface GroupMemberRecord {
  userId: string;
  email: string;
  groupId: string;
  groupName: string;
  kind: GroupKind;
  role: 'lead';
  createdAt: string;
}

export interface GroupSchoolRecord {
  groupId: string;
  groupName: string;
  kind: GroupKind;
  schoolId: string;
  schoolName: string;
  status: 'invited' | 'consented';
  invitedAt: string;
  invitedBy: string;
  consentedAt?: string;
  consentedBy?: string;
}

/** Creates a group and makes its creator the lead, in one transaction. */
export async function createGroup(db: Db, group: GroupRecord, lead: { userId: string; email: string }): Promise<void> {
  const member: GroupMemberRecord = { userId: lead.userId, email: lead.email, groupId: group.id, groupName: group.name, kind: group.kind, role: 'lead', createdAt: group.createdAt };
  await transact(db, [
    {
      item: { Put: { TableName: db.tableName, Item: { ...keys.group(group.id), ...keys.groupIndex(group.kind, group.id), type: 'group', ...group }, ConditionExpression: 'attribute_not_exists(pk)' } },
      onConditionFailed: () => new ConflictError('DUPLICATE', 'A group with this id already exists.'),
    },
    { item: { Put: { TableName: db.tableName, Item: { ...keys.groupMember(lead.userId, group.id), type: 'group-member', ...member } } } },
  ]);
}

export async function getGroup(db: Db, groupId: string): Promise<GroupRecord | undefined> {
  const found = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.group(groupId), ConsistentRead: true }));
  return found.Item ? strip<GroupRecord>(found.Item) : undefined;
}

/** Read with a consistent GetItem on every group request, as memberships of organisations are. */
export async function getGroupMembership(db: Db, userId: string, groupId: string): Promise<GroupMemberRecord | undefined> {
  const found = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.groupMember(userId, groupId), ConsistentRead: true }));
  return found.Item ? strip<GroupMemberRecord>(found.Item) : undefined;
}

/** Invites a school once (`attribute_not_exists`); it joins when its careers leader consents. */
export async function inviteSchoolToGroup(db: Db, link: GroupSchoolRecord): Promise<void> {
  await transact(db, [
    {
      item: {
        Put: {
          TableName: db.tableName,
          Item: { ...keys.groupSchool(link.groupId, link.schoolId), ...keys.groupSchoolIndex(link.schoolId, link.groupId), type: 'group-school', ...link },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      onConditionFailed: () => new ConflictError('DUPLICATE', `${link.schoolName} has already been invited to ${link.groupName}.`),
    },
  ]);
}

/**
 * The school's careers leader consents: `invited` → `consented`, conditional on the invitation
 * standing as invited, so the group sees the school only from this write on.
 */
export async function consentToGroup(db: Db, groupId: string, schoolId: string, at: string, by: string): Promise<GroupSchoolRecord> {
  try {
    const result = await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.groupSchool(groupId, schoolId),
        UpdateExpression: 'SET #status = :consented, consentedAt = :at, consentedBy = :by',
        ConditionExpression: '#status = :invited',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':consented': 'consented', ':invited': 'invited', ':at': at, ':by': by },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return strip<GroupSchoolRecord>(result.Attributes!);
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') throw new NotFoundError('No open invitation from this group');
    throw error;
  }
}

/** The schools of a group, invited and consented (consistent Query of the group's partition). */
export const listGroupSchools = (db: Db, groupId: string) => queryAll<GroupSchoolRecord>(db, { pk: keys.group(groupId).pk, skPrefix: keys.groupSchoolsPrefix });

/** The groups a school is invited to or in (gsi1: a list for the school's own page). */
export const listGroupsOfSchool = (db: Db, schoolId: string) => queryAll<GroupSchoolRecord>(db, { index: 'gsi1', pk: keys.groupsOfSchool(schoolId) });

/** The groups a user leads (`USER#<sub>`, `begins_with(sk, 'GROUP#')`). */
export const listGroupMemberships = (db: Db, userId: string) => queryAll<GroupMemberRecord>(db, keys.groupMembershipsOfUser(userId));

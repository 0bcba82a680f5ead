import { GetCommand, paginatedBatchGet, paginateQuery, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { keys } from './keys.js';
import { queryAll, setExpression } from './query.js';
import { callCounter, ConflictError, ContentionError, NotFoundError, transact, type GuardedWrite } from './transact.js';
import { BUMP_VERSION, BUMP_VERSION_NAMES, BUMP_VERSION_VALUES, factCheck, FactsChangedError, StaleVersionError, versionCondition, versionOf } from './versions.js';
import { strip } from './strip.js';
import { directoryEntryChanged, readPublishedPolicyFact, schoolDirectoryWrites } from './school-directory.js';

export type OrganisationKind = 'school' | 'provider' | 'employer';

export interface Venue {
  id: string;
  name: string;
  capacity: number;
  facilities: string[];
}

export interface NotificationSettings {
  contactEmail: string;
  reminderDaysBefore: number[];
}

/** What every organisation has; the kind-specific fields sit beside these on the same item. */
export interface OrganisationRecord {
  id: string;
  kind: OrganisationKind;
  name: string;
  verified: boolean;
  postcode: string;
  address?: string;
  location?: { latitude: number; longitude: number };
  notifications: NotificationSettings;
  createdAt: string;
  /** Moves on with every change: decisions judged on this profile check it (see versions.ts). */
  version?: number;
  /** While not verified: when it started waiting (registration, or a change that needs checking again). */
  waitingSince?: string;
  // school
  urn?: string;
  yearGroups?: { from: number; to: number };
  /** Roll per year group per academic year: { "2026": { "9": 180 } }. */
  rolls?: Record<string, Record<string, number>>;
  venues?: Venue[];
  // provider
  ukprn?: string;
  providerType?: string;
  offers?: string[];
  website?: string;
  // employer
  sector?: string;
  companiesHouseNumber?: string;
  registeredApprenticeshipProvider?: boolean;
}

export interface MembershipRecord {
  userId: string;
  email: string;
  orgId: string;
  orgName: string;
  kind: OrganisationKind;
  role: string;
  createdAt: string;
}

// strip and StaleVersionError live in small modules of their own (the API's init code, query.ts
// and schools.ts use them without this module); exported here for the existing importers.
export { strip } from './strip.js';
export { StaleVersionError } from './versions.js';

/** The URN or UKPRN an organisation stands for, with the guard item that makes it unique. */
function identityClaims(org: Pick<OrganisationRecord, 'urn' | 'ukprn'>) {
  return [
    org.urn && { key: keys.urnGuard(org.urn), type: 'urn-guard', code: 'DUPLICATE_URN', message: `A school with URN ${org.urn} is already registered and verified` },
    org.ukprn && { key: keys.ukprnGuard(org.ukprn), type: 'ukprn-guard', code: 'DUPLICATE_UKPRN', message: `A provider with UKPRN ${org.ukprn} is already registered and verified` },
  ].filter((claim) => !!claim);
}

/**
 * Creates an organisation and makes its creator a member, in one transaction.
 *
 * A URN or UKPRN is claimed only when the organisation is verified ({@link verifyOrganisation}):
 * anyone may sign up for a URN, so a stranger's unverified sign-up must not lock the real school
 * out. Creation only checks, in the same transaction, that no verified organisation holds it.
 * (An organisation created already verified, as a seed may, claims it here.)
 */
export async function createOrganisation(
  db: Db,
  org: OrganisationRecord,
  creator: { userId: string; email: string; role: string },
): Promise<void> {
  const writes: GuardedWrite[] = [
    {
      item: {
        Put: {
          TableName: db.tableName,
          Item: {
            ...keys.organisation(org.id),
            ...keys.organisationIndex(org.kind, org.id),
            // Waiting for the platform admin: in the verification queue from the moment it registers.
            ...(org.verified ? {} : keys.verificationQueue(org.waitingSince ?? org.createdAt, org.id)),
            type: 'organisation',
            ...org,
            ...(org.verified ? {} : { waitingSince: org.waitingSince ?? org.createdAt }),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      onConditionFailed: () => new ConflictError('DUPLICATE', 'That organisation already exists'),
    },
    { item: { Put: { TableName: db.tableName, Item: membershipItem({ ...creator, orgId: org.id, orgName: org.name, kind: org.kind, createdAt: org.createdAt }) } } },
  ];
  // A school created verified (a seed) is findable at once; it has no policy yet.
  if (org.verified) writes.push(...schoolDirectoryWrites(db, org, false));
  for (const claim of identityClaims(org)) {
    writes.push({
      item: org.verified
        ? { Put: { TableName: db.tableName, Item: { ...claim.key, type: claim.type, orgId: org.id }, ConditionExpression: 'attribute_not_exists(pk)' } }
        : { ConditionCheck: { TableName: db.tableName, Key: claim.key, ConditionExpression: 'attribute_not_exists(pk)' } },
      onConditionFailed: () => new ConflictError(claim.code, claim.message),
    });
  }
  await transact(db, writes);
}

/**
 * The platform admin verifies an organisation, and in the same transaction it claims its URN or
 * UKPRN: refused (DUPLICATE_URN / DUPLICATE_UKPRN) if another organisation already holds it.
 * Verifying again (after a provider changed its offer) keeps its own claim.
 *
 * Race it guards: two sign-ups for one URN verified at once both try to Put the guard; DynamoDB
 * lets exactly one succeed, and the other stays unverified.
 *
 * @example
 * const org = await verifyOrganisation(db, 'sch_1');
 */
export async function verifyOrganisation(db: Db, orgId: string): Promise<OrganisationRecord> {
  for (let attempt = 0; attempt < MAX_MERGE_ATTEMPTS; attempt++) {
    // The URN / UKPRN never changes after creation, so reading it first decides no rule.
    const org = await getOrganisation(db, orgId);
    if (!org) throw new NotFoundError();
    const verified = { ...org, verified: true };
    // A school becomes findable in the directory here: its entry copies the profile and whether its
    // policy is published, so this commits only on the profile version and pointer it read.
    const policy = org.kind === 'school' ? await readPublishedPolicyFact(db, orgId) : undefined;
    const versioned = versionCondition(versionOf(org as unknown as Record<string, unknown>));
    const writes: GuardedWrite[] = [
      {
        item: {
          Update: {
            TableName: db.tableName,
            Key: keys.organisation(orgId),
            // Verification is a fact requests are judged on: it moves the version on like any change.
            // It leaves the verification queue (gsi2) in the same write.
            UpdateExpression: `SET verified = :true, ${BUMP_VERSION} REMOVE gsi2pk, gsi2sk, waitingSince`,
            ConditionExpression: versioned.ConditionExpression,
            ExpressionAttributeNames: { ...BUMP_VERSION_NAMES, ...versioned.ExpressionAttributeNames },
            ExpressionAttributeValues: { ':true': true, ...BUMP_VERSION_VALUES, ...versioned.ExpressionAttributeValues },
          },
        },
        onConditionFailed: () => new StaleVersionError(),
      },
    ];
    if (policy) writes.push(factCheck(db, policy.fact), ...schoolDirectoryWrites(db, verified, policy.published));
    for (const claim of identityClaims(org)) {
      writes.push({
        item: {
          Put: {
            TableName: db.tableName,
            Item: { ...claim.key, type: claim.type, orgId },
            ConditionExpression: 'attribute_not_exists(pk) OR orgId = :org',
            ExpressionAttributeValues: { ':org': orgId },
          },
        },
        onConditionFailed: () => new ConflictError(claim.code, claim.message),
      });
    }
    try {
      await transact(db, writes);
    } catch (error) {
      // Someone changed the profile or published the policy between the read and the write: read again.
      if (error instanceof StaleVersionError || error instanceof FactsChangedError) continue;
      throw error;
    }
    const { waitingSince: _waited, ...rest } = verified;
    return { ...rest, version: (org.version ?? 0) + 1 };
  }
  throw new ContentionError();
}

export function membershipItem(m: MembershipRecord): Record<string, unknown> {
  return { ...keys.membership(m.userId, m.orgId), ...keys.membershipIndex(m.orgId, m.userId), type: 'membership', ...m };
}

export async function getOrganisation(db: Db, orgId: string): Promise<OrganisationRecord | undefined> {
  callCounter.reads++;
  const result = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.organisation(orgId), ConsistentRead: true }));
  return result.Item ? strip<OrganisationRecord>(result.Item) : undefined;
}

export async function getOrganisations(db: Db, orgIds: string[]): Promise<Map<string, OrganisationRecord>> {
  const unique = [...new Set(orgIds)];
  const found = new Map<string, OrganisationRecord>();
  for (let i = 0; i < unique.length; i += 100) {
    const chunk = unique.slice(i, i + 100);
    // The SDK's paginatedBatchGet asks again for UnprocessedKeys until none are left.
    const pages = paginatedBatchGet({ client: db.doc }, { RequestItems: { [db.tableName]: { Keys: chunk.map((id) => keys.organisation(id)) } } });
    for await (const page of pages) {
      for (const item of page.Responses?.[db.tableName] ?? []) {
        const org = strip<OrganisationRecord>(item);
        found.set(org.id, org);
      }
    }
  }
  return found;
}

export async function getOrganisationByUrn(db: Db, urn: string): Promise<OrganisationRecord | undefined> {
  const guard = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.urnGuard(urn) }));
  const orgId = guard.Item?.orgId as string | undefined;
  return orgId ? getOrganisation(db, orgId) : undefined;
}

const UPDATABLE = new Set([
  'name', 'address', 'postcode', 'location', 'yearGroups', 'rolls', 'venues', 'offers', 'providerType', 'website', 'sector',
  'companiesHouseNumber', 'registeredApprenticeshipProvider', 'notifications', 'verified', 'waitingSince',
]);

/**
 * The fields to SET for a change: a change that sends the organisation back for verification
 * (`verified: false` with `waitingSince`) also puts it in the verification queue (gsi2).
 */
function changedFields(orgId: string, changes: Partial<OrganisationRecord>): Record<string, unknown> {
  const entries = Object.entries(changes).filter(([key, value]) => UPDATABLE.has(key) && value !== undefined);
  const fields: Record<string, unknown> = Object.fromEntries(entries);
  if (changes.verified === false && changes.waitingSince) Object.assign(fields, keys.verificationQueue(changes.waitingSince, orgId));
  return fields;
}

/**
 * Updates named top-level attributes of an organisation that exists, moving its version on.
 * Pass `expectedVersion` to write only if nobody changed the organisation since it was read.
 */
export async function updateOrganisation(
  db: Db,
  orgId: string,
  changes: Partial<OrganisationRecord>,
  expectedVersion?: number,
): Promise<OrganisationRecord> {
  const fields = changedFields(orgId, changes);
  if (!Object.keys(fields).length) {
    const current = await getOrganisation(db, orgId);
    if (!current) throw new NotFoundError();
    return current;
  }
  const set = setExpression(fields);
  const versioned = expectedVersion === undefined ? { ConditionExpression: 'attribute_exists(pk)' } : versionCondition(expectedVersion);
  try {
    const result = await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.organisation(orgId),
        UpdateExpression: `${set.expression}, ${BUMP_VERSION}`,
        ConditionExpression: versioned.ConditionExpression,
        ExpressionAttributeNames: { ...set.names, ...BUMP_VERSION_NAMES },
        ExpressionAttributeValues: { ...set.values, ...BUMP_VERSION_VALUES, ...versioned.ExpressionAttributeValues },
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return strip<OrganisationRecord>(result.Attributes!);
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    if (!(error as { Item?: unknown }).Item) throw new NotFoundError();
    throw new StaleVersionError();
  }
}

const MAX_MERGE_ATTEMPTS = 8;

/**
 * A lost-update-free read-modify-write: reads the organisation, asks `change` what to write given
 * what is there now, and writes it only if the version is still the one read; if someone else
 * wrote first, it reads again and merges again. Two careers leaders saving Year 7's and Year 8's
 * rolls at the same moment both keep theirs.
 */
export async function changeOrganisation(
  db: Db,
  orgId: string,
  change: (current: OrganisationRecord) => Partial<OrganisationRecord>,
): Promise<{ before: OrganisationRecord; after: OrganisationRecord }> {
  for (let attempt = 0; attempt < MAX_MERGE_ATTEMPTS; attempt++) {
    const before = await getOrganisation(db, orgId);
    if (!before) throw new NotFoundError();
    try {
      const changes = change(before);
      const after =
        before.kind === 'school' ? await updateSchoolAndDirectory(db, before, changes) : await updateOrganisation(db, orgId, changes, before.version ?? 0);
      return { before, after };
    } catch (error) {
      if (!(error instanceof StaleVersionError) && !(error instanceof FactsChangedError)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * (attempt + 1)));
    }
  }
  throw new ContentionError();
}

/**
 * A school's change, with its directory entry rewritten in the same transaction when what the
 * directory shows changed (name, postcode, location, year groups): on the version read, and on the
 * published-policy pointer the entry copies. Any other change is the plain versioned update.
 */
async function updateSchoolAndDirectory(db: Db, before: OrganisationRecord, changes: Partial<OrganisationRecord>): Promise<OrganisationRecord> {
  const fields = changedFields(before.id, changes);
  const merged = { ...before, ...(fields as Partial<OrganisationRecord>) };
  if (!Object.keys(fields).length || !directoryEntryChanged(before, merged)) return updateOrganisation(db, before.id, changes, before.version ?? 0);
  const policy = await readPublishedPolicyFact(db, before.id);
  const set = setExpression(fields);
  const versioned = versionCondition(before.version ?? 0);
  await transact(db, [
    {
      item: {
        Update: {
          TableName: db.tableName,
          Key: keys.organisation(before.id),
          UpdateExpression: `${set.expression}, ${BUMP_VERSION}`,
          ConditionExpression: versioned.ConditionExpression,
          ExpressionAttributeNames: { ...set.names, ...BUMP_VERSION_NAMES, ...versioned.ExpressionAttributeNames },
          ExpressionAttributeValues: { ...set.values, ...BUMP_VERSION_VALUES, ...versioned.ExpressionAttributeValues },
        },
      },
      onConditionFailed: () => new StaleVersionError(),
    },
    factCheck(db, policy.fact),
    ...schoolDirectoryWrites(db, merged, policy.published),
  ]);
  return { ...merged, version: (before.version ?? 0) + 1 };
}

/** Consistent read: decides every authorisation, so it must see a membership granted a moment ago. */
export async function getMembership(db: Db, userId: string, orgId: string): Promise<MembershipRecord | undefined> {
  callCounter.reads++;
  const result = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.membership(userId, orgId), ConsistentRead: true }),
  );
  return result.Item ? strip<MembershipRecord>(result.Item) : undefined;
}

export async function listMembershipsOfUser(db: Db, userId: string): Promise<MembershipRecord[]> {
  const k = keys.membershipsOfUser(userId);
  return queryAll<MembershipRecord>(db, { pk: k.pk, skPrefix: k.skPrefix });
}

export async function listMembersOfOrganisation(db: Db, orgId: string): Promise<MembershipRecord[]> {
  return queryAll<MembershipRecord>(db, { index: 'gsi1', pk: keys.membershipIndex(orgId, '').gsi1pk });
}

/**
 * The ids of every school a page at a time (gsi1 `ORGS#school`), so the daily fan-out can send
 * each page to the queue as it reads, never holding the nation's list.
 *
 * @example
 * for await (const ids of schoolIdPages(db)) await queue.send(ids.map(riskTask));
 */
export async function* schoolIdPages(db: Db, pageSize = 500): AsyncGenerator<string[]> {
  for await (const page of paginateQuery(
    { client: db.doc, pageSize },
    {
      TableName: db.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.organisationIndex('school', '').gsi1pk },
      ProjectionExpression: 'gsi1sk',
    },
  )) {
    const ids = (page.Items ?? []).map((item) => String(item.gsi1sk));
    if (ids.length) yield ids;
  }
}


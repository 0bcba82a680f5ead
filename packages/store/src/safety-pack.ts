import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { SAFETY_CHECK_KINDS, type SafetyCheckKind, type SafetyClearanceFacts } from '@schoolgate/domain';
import type { Db } from './client.js';
import { keys } from './keys.js';
import { StaleVersionError, strip } from './organisations.js';
import { queryAll } from './query.js';
import { callCounter, type GuardedWrite } from './transact.js';
import { FactsChangedError, versionCondition, versionOf } from './versions.js';

/**
 * The employer's safety pack (issue 12): one item per host organisation, entered once and read by
 * every school; and one sign-off item per school, host and academic year under the school.
 *
 *   host edits pack ── Update SAFETYPACK if packVersion = read ── packVersion + 1
 *   coordinator signs a check ── TransactWrite [ConditionCheck SAFETYPACK.packVersion = read,
 *                                               Put SAFETY#year#host if version = read]
 *   placement confirmation ── TransactWrite [..., safetyClearanceCheck(...) (2 ConditionChecks)]
 */

/** A file in the bucket, as the pack refers to it: a new upload is a new id. */
export interface StoredFile {
  fileId: string;
  /** S3 VersionId when the bucket is versioned; the ETag otherwise (the local stand-in). */
  fileVersion: string;
  /** Set when `fileVersion` is an S3 VersionId. */
  versionId?: string;
  fileName: string;
  contentType: string;
  size: number;
  uploadedAt: string;
}

export interface SafetyPackContent {
  insurance?: { insurer: string; policyNumber: string; expiresOn: string; certificate?: StoredFile };
  healthAndSafety?: { policy?: StoredFile };
  /** A general risk assessment (no placementId) and/or ones for named placements. */
  riskAssessments?: { placementId?: string; file: StoredFile }[];
  safeguarding?: { contactName: string; contactEmail?: string; contactPhone?: string; supervisorSelection: string };
}

export interface SafetyPackRecord extends SafetyPackContent {
  hostOrgId: string;
  /** Moves on with every change; sign-offs are for one packVersion. */
  packVersion: number;
  updatedAt: string;
  updatedBy: string;
}

/** One signed check: who, when, and which file (id and version) of which pack version. */
export interface SignedCheck {
  signedBy: string;
  signedByEmail?: string;
  signedAt: string;
  packVersion: number;
  fileId?: string;
  fileVersion?: string;
}

export interface SafetyClearanceRecord {
  schoolId: string;
  hostOrgId: string;
  academicYear: string;
  checks: Partial<Record<SafetyCheckKind, SignedCheck>>;
  /** True when every check is signed against `packVersion`. */
  signedOff: boolean;
  packVersion: number;
  insuranceExpiresOn: string;
  version: number;
  updatedAt: string;
}

export async function getSafetyPack(db: Db, hostOrgId: string): Promise<SafetyPackRecord | undefined> {
  callCounter.reads++;
  const result = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.safetyPack(hostOrgId), ConsistentRead: true }));
  return result.Item ? strip<SafetyPackRecord>(result.Item) : undefined;
}

/**
 * Saves the host's pack when it is still at `expectedPackVersion` (0: no pack yet) and moves
 * `packVersion` on, so every sign-off of the old version stops passing. Two editors who read the
 * same version: one wins, the other gets StaleVersionError (409).
 */
export async function putSafetyPack(
  db: Db,
  hostOrgId: string,
  content: SafetyPackContent,
  expectedPackVersion: number,
  at: string,
  by: string,
): Promise<SafetyPackRecord> {
  const packVersion = expectedPackVersion + 1;
  const record: SafetyPackRecord = { ...content, hostOrgId, packVersion, updatedAt: at, updatedBy: by };
  const expiry = content.insurance?.expiresOn;
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.safetyPack(hostOrgId),
        UpdateExpression:
          'SET #type = :type, gsi1pk = :gsi1pk, gsi1sk = :host, hostOrgId = :host, packVersion = :next, updatedAt = :at, updatedBy = :by, insurance = :insurance, healthAndSafety = :hs, riskAssessments = :ra, safeguarding = :sg' +
          (expiry ? ', gsi2pk = :gsi2pk, gsi2sk = :gsi2sk' : ' REMOVE gsi2pk, gsi2sk'),
        ConditionExpression: expectedPackVersion === 0 ? 'attribute_not_exists(pk)' : 'packVersion = :expected',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':type': 'safety-pack',
          ':host': hostOrgId,
          ':gsi1pk': keys.safetyPacksPartition,
          ':next': packVersion,
          ':at': at,
          ':by': by,
          ':insurance': content.insurance ?? null,
          ':hs': content.healthAndSafety ?? null,
          ':ra': content.riskAssessments ?? [],
          ':sg': content.safeguarding ?? null,
          ...(expectedPackVersion === 0 ? {} : { ':expected': expectedPackVersion }),
          ...(expiry ? { ':gsi2pk': keys.packsExpiringOn(expiry), ':gsi2sk': hostOrgId } : {}),
        },
      }),
    );
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') throw new StaleVersionError();
    throw error;
  }
  return record;
}

async function getClearanceItem(db: Db, schoolId: string, hostOrgId: string, academicYear: string): Promise<SafetyClearanceRecord | undefined> {
  callCounter.reads++;
  const result = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.safetyClearance(schoolId, hostOrgId, academicYear), ConsistentRead: true }),
  );
  if (!result.Item) return undefined;
  return { ...strip<SafetyClearanceRecord>(result.Item), version: versionOf(result.Item) ?? 0 };
}

/** The school's sign-off item as stored (checks may be for an older pack version), with its version. */
export const getSafetyClearance = getClearanceItem;

/**
 * The facts a placement confirmation judges SAFETY_CHECKS and INSURANCE_EXPIRED on: the school's
 * sign-off for the academic year (`2026-27`) read with its version, judged against the host's pack
 * as it is now. `signedOff` is false when any check was signed against an older pack version;
 * `packVersion` and `insuranceExpiresOn` are the pack's current ones. Undefined when the school
 * has signed nothing off for that year or the host has no pack.
 */
export async function readSafetyClearance(
  db: Db,
  schoolId: string,
  employerOrgId: string,
  academicYear: string,
): Promise<(SafetyClearanceFacts & { version: number }) | undefined> {
  const [clearance, pack] = await Promise.all([getClearanceItem(db, schoolId, employerOrgId, academicYear), getSafetyPack(db, employerOrgId)]);
  if (!clearance || !pack) return undefined;
  return {
    signedOff: clearance.signedOff && clearance.packVersion === pack.packVersion,
    insuranceExpiresOn: pack.insurance?.expiresOn ?? clearance.insuranceExpiresOn,
    packVersion: pack.packVersion,
    version: clearance.version,
  };
}

/**
 * The ConditionChecks a confirming transaction carries for SAFETY_CHECKS / INSURANCE_EXPIRED:
 * the sign-off item is still at the `version` read, signed off, for the same `packVersion` and
 * insurance expiry; and the host's pack is still at that `packVersion` (a pack change moves it
 * on, so a sign-off of the old pack stops passing). Either failing cancels the transaction with
 * FactsChangedError (409 FACTS_CHANGED). Two items, because the sign-off and the pack are two.
 *
 *   school reads sign-off v3 + pack v2 ── judges ── TransactWrite [placement day, …, these two]
 *   employer uploads a new insurance certificate: pack v3 ──┘ → the confirmation is cancelled
 *
 * @example
 * const facts = await readSafetyClearance(db, schoolId, hostId, '2026-27');
 * await transact(db, [...writes, ...safetyClearanceCheck(db, schoolId, hostId, '2026-27', facts!)]);
 */
export function safetyClearanceCheck(
  db: Db,
  schoolId: string,
  employerOrgId: string,
  academicYear: string,
  facts: SafetyClearanceFacts & { version: number },
): GuardedWrite[] {
  return [
    {
      item: {
        ConditionCheck: {
          TableName: db.tableName,
          Key: keys.safetyClearance(schoolId, employerOrgId, academicYear),
          ConditionExpression: '#version = :version AND signedOff = :true AND packVersion = :packVersion AND insuranceExpiresOn = :expiresOn',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':version': facts.version, ':true': true, ':packVersion': facts.packVersion, ':expiresOn': facts.insuranceExpiresOn },
        },
      },
      onConditionFailed: () => new FactsChangedError('school’s safety pack sign-off'),
    },
    {
      item: {
        ConditionCheck: {
          TableName: db.tableName,
          Key: keys.safetyPack(employerOrgId),
          ConditionExpression: 'packVersion = :packVersion',
          ExpressionAttributeValues: { ':packVersion': facts.packVersion },
        },
      },
      onConditionFailed: () => new FactsChangedError('host’s safety pack'),
    },
  ];
}

/**
 * The writes of one sign-off: the new sign-off item (Put only if still at the version read, or
 * absent) and a check that the pack is still the version the coordinator reviewed.
 */
export function signOffWrites(db: Db, clearance: Omit<SafetyClearanceRecord, 'version'>, readVersion: number | null): GuardedWrite[] {
  const condition = versionCondition(readVersion);
  return [
    {
      item: {
        ConditionCheck: {
          TableName: db.tableName,
          Key: keys.safetyPack(clearance.hostOrgId),
          ConditionExpression: 'packVersion = :packVersion',
          ExpressionAttributeValues: { ':packVersion': clearance.packVersion },
        },
      },
      onConditionFailed: () => new FactsChangedError('host’s safety pack'),
    },
    {
      item: {
        Put: {
          TableName: db.tableName,
          Item: {
            ...keys.safetyClearance(clearance.schoolId, clearance.hostOrgId, clearance.academicYear),
            ...keys.safetyClearanceByHost(clearance.hostOrgId, clearance.academicYear, clearance.schoolId),
            type: 'safety-clearance',
            ...clearance,
            version: (readVersion ?? 0) + 1,
          },
          ...condition,
        },
      },
      onConditionFailed: () => new StaleVersionError(),
    },
  ];
}

/** Every school's sign-off of a host's pack (for the host's page); from an index, so for display only. */
export async function listClearancesOfHost(db: Db, hostOrgId: string): Promise<SafetyClearanceRecord[]> {
  return queryAll<SafetyClearanceRecord>(db, { index: 'gsi1', pk: keys.clearancesOfHost(hostOrgId) });
}

/** Packs whose insurance expires on a day (for the daily reminder); from an index. */
export async function packsExpiringOn(db: Db, expiresOn: string): Promise<SafetyPackRecord[]> {
  return queryAll<SafetyPackRecord>(db, { index: 'gsi2', pk: keys.packsExpiringOn(expiresOn) });
}

/** Every host's pack (the school's "find a host" list); from an index, so for display only. */
export async function listSafetyPacks(db: Db): Promise<SafetyPackRecord[]> {
  return queryAll<SafetyPackRecord>(db, { index: 'gsi1', pk: keys.safetyPacksPartition });
}

/** A school's sign-offs for one academic year (strongly consistent: its own partition). */
export async function listClearancesOfSchool(db: Db, schoolId: string, academicYear: string): Promise<SafetyClearanceRecord[]> {
  return queryAll<SafetyClearanceRecord>(db, { pk: keys.safetyClearance(schoolId, '', academicYear).pk, skPrefix: `SAFETY#${academicYear}#` });
}

/** True when every check is signed against `packVersion`. */
export const allChecksSigned = (checks: SafetyClearanceRecord['checks'], packVersion: number): boolean =>
  SAFETY_CHECK_KINDS.every((kind) => checks[kind]?.packVersion === packVersion);

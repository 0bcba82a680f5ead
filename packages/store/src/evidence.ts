import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { NativeAttributeValue } from '@aws-sdk/util-dynamodb';
import { ruleMessage, type Encounter, type KeyPhase, type Violation, type YearGroup } from '@schoolgate/domain';
import type { Db } from './client.js';
import type { PhaseTargetKey } from './bookings.js';
import { keys } from './keys.js';
import { strip } from './organisations.js';
import { queryAll, queryItems, queryPage } from './query.js';
import { ConflictError, transact, type GuardedWrite } from './transact.js';
import { recordedEncounterWrites } from './encounters.js';
import type { Page, PageRequest } from './lists.js';
import { factCheck, versionCondition, versionOf, type FactVersion } from './versions.js';

/**
 * Evidence (issue 14): encounters a school records itself, frozen report snapshots and the
 * policy-review reminder's sent marker. Everything lives in the school's partition.
 */

/** An encounter that took place before the school joined, or off the platform, as the school recorded it. */
export interface RecordedEncounterRecord {
  id: string;
  schoolId: string;
  date: string;
  start: string;
  end: string;
  yearGroups: number[];
  /** An organisation on Schoolgate (its id) or `ukprn:<ukprn>` for one named by the school. */
  providerId: string;
  providerName: string;
  providerUkprn?: string;
  /** True when the provider is an organisation on Schoolgate. */
  onSchoolgate: boolean;
  /** The provider as the school named it (kind, what it offers), when named by UKPRN. */
  providerAsNamed?: { name: string; ukprn: string; providerType?: string; offers: string[]; registeredApprenticeshipProvider?: boolean };
  format: string;
  audience: 'whole_year_groups' | 'selected_pupils';
  /** Pupils present, as the school counted them. */
  attendance?: number;
  /** Statutory when it met every rule when recorded; otherwise supplementary, with why. */
  statutory: boolean;
  violations: Violation[];
  /** The cohort phases a statutory record holds, with their DISTINCT_PROVIDERS guards. */
  countsToward: PhaseTargetKey[];
  notes?: string;
  recordedBy: string;
  recordedAt: string;
  /** Moves on with every correction; absent on records made before corrections (read as 0). */
  version?: number;
  /** Who last corrected it, when and why. */
  correctedBy?: string;
  correctedAt?: string;
  correctionReason?: string;
}

/** The provider id a school-named provider stands under, so two records of one UKPRN share it. */
export const offPlatformProviderId = (ukprn: string) => `ukprn:${ukprn}`;

/**
 * Saves a recorded encounter in one transaction: the record (`attribute_not_exists`), one
 * DISTINCT_PROVIDERS guard per cohort phase it counts toward (the same guard items bookings
 * claim, so a booking and a record from one provider cannot both count in a phase), and a
 * ConditionCheck per fact it was judged on.
 *
 *   recorder A ─┐                     ┌─ GUARD#cohort#phase#provider not exists
 *   recorder B ─┼─ TransactWriteItems ┤
 *   approver  ──┘                     └─ calendar / profile / policy at the version read
 */
export async function putRecordedEncounter(db: Db, record: RecordedEncounterRecord, facts: readonly FactVersion[]): Promise<void> {
  const writes: GuardedWrite[] = [
    {
      item: {
        Put: {
          TableName: db.tableName,
          Item: { ...keys.recordedEncounter(record.schoolId, record.id), type: 'recorded-encounter', ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      onConditionFailed: () => new ConflictError('STALE_STATE', 'This encounter has already been recorded.'),
    },
  ];
  for (const guard of record.statutory ? record.countsToward : []) {
    writes.push({
      item: {
        Put: {
          TableName: db.tableName,
          Item: {
            ...keys.phaseGuard(record.schoolId, guard.cohort, guard.phase, record.providerId),
            type: 'phase-guard',
            // The guard's holder; bookings only ever release guards holding their own id.
            bookingId: record.id,
            recorded: true,
            date: record.date,
            yearGroups: record.yearGroups,
            cohort: guard.cohort,
            phase: guard.phase,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      onConditionFailed: () =>
        new ConflictError(
          'DISTINCT_PROVIDERS',
          ruleMessage('DISTINCT_PROVIDERS', { providerName: record.providerName, phase: guard.phase as KeyPhase, yearGroup: record.yearGroups[0] }),
        ),
    });
  }
  // Its open items and phase-summary entries (issue 16), so compliance never reads the record itself.
  writes.push(...recordedEncounterWrites(db, undefined, record));
  writes.push(...facts.map((fact) => factCheck(db, fact)));
  await transact(db, writes);
}

/**
 * Recorded encounters as the rules engine's encounters: they took place, so they are delivered
 * (and, like every delivered encounter, never judged again).
 */
export function recordedEncountersOf(records: readonly RecordedEncounterRecord[]): Encounter[] {
  return records.map((record) => ({
    id: record.id,
    providerId: record.providerId,
    date: record.date,
    start: record.start,
    end: record.end,
    yearGroups: record.yearGroups as YearGroup[],
    designation: record.statutory ? 'statutory' : 'supplementary',
    status: 'delivered',
  }));
}

/** What a frozen report holds besides the report itself. */
export interface ReportSnapshotMeta {
  id: string;
  schoolId: string;
  academicYear: number;
  /** The date the report was computed as of. */
  asOf: string;
  frozenAt: string;
  frozenBy: string;
  label?: string;
}

export interface ReportSnapshotRecord<R = unknown> extends ReportSnapshotMeta {
  report: R;
}

/**
 * Stores a report as it stands, once: a Put with `attribute_not_exists(pk)`, and no code path
 * ever updates or deletes it, so what governors saw in March reads the same in July.
 */
export async function putReportSnapshot<R>(db: Db, snapshot: ReportSnapshotRecord<R>): Promise<void> {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...keys.reportSnapshot(snapshot.schoolId, snapshot.academicYear, snapshot.id), type: 'report-snapshot', ...snapshot },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') throw new ConflictError('SNAPSHOT_EXISTS', 'A snapshot with this id already exists; snapshots are never overwritten.');
    throw error;
  }
}

export async function getReportSnapshot<R>(db: Db, schoolId: string, academicYear: number, snapshotId: string): Promise<ReportSnapshotRecord<R> | undefined> {
  const found = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.reportSnapshot(schoolId, academicYear, snapshotId), ConsistentRead: true }));
  return found.Item ? strip<ReportSnapshotRecord<R>>(found.Item) : undefined;
}

/** A school's snapshots (without their reports), oldest first. */
export async function listReportSnapshots(db: Db, schoolId: string, academicYear?: number): Promise<ReportSnapshotMeta[]> {
  const found: ReportSnapshotMeta[] = [];
  for await (const item of queryItems(db, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.organisation(schoolId).pk, ':prefix': keys.reportSnapshotsPrefix(academicYear) },
    ProjectionExpression: 'id, schoolId, academicYear, asOf, frozenAt, frozenBy, #label',
    ExpressionAttributeNames: { '#label': 'label' },
    ConsistentRead: true,
  })) {
    found.push(item as unknown as ReportSnapshotMeta);
  }
  return found;
}

/**
 * Claims the policy-review reminder for one review date: true once, false on every re-run of the
 * daily job (and for every later run once a new review date has its own marker).
 */
export async function claimPolicyReviewReminder(db: Db, schoolId: string, nextReviewOn: string, at: string): Promise<boolean> {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...keys.policyReviewReminderSent(schoolId, nextReviewOn), type: 'policy-review-sent', sentAt: at },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** The verified organisation that holds a UKPRN, if any (its guard item exists once verified). */
export async function getProviderIdByUkprn(db: Db, ukprn: string): Promise<string | undefined> {
  const guard = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.ukprnGuard(ukprn), ConsistentRead: true }));
  return guard.Item?.orgId as string | undefined;
}

/** Gives the policy-review reminder back after a failed send, so tomorrow's run tries again. */
export async function releasePolicyReviewReminder(db: Db, schoolId: string, nextReviewOn: string): Promise<void> {
  await db.doc.send(new DeleteCommand({ TableName: db.tableName, Key: keys.policyReviewReminderSent(schoolId, nextReviewOn) }));
}

/**
 * A school's recorded encounters a page at a time, newest recorded first (the ids are ULIDs): the
 * evidence page's list, read by their own sort-key prefix and never through the standing.
 */
export const pageRecordedEncounters = (db: Db, schoolId: string, page: PageRequest): Promise<Page<RecordedEncounterRecord>> =>
  queryPage<RecordedEncounterRecord>(db, { pk: keys.organisation(schoolId).pk, skPrefix: keys.recordedEncountersPrefix, newestFirst: true, ...page });

/** The encounters a school recorded itself, read whole by their own sort-key prefix (not the partition); compliance reads `readOpenRecordedEncounters` and the phase summaries instead. */
export const readRecordedEncounters = (db: Db, schoolId: string): Promise<RecordedEncounterRecord[]> =>
  queryAll<RecordedEncounterRecord>(db, { pk: keys.organisation(schoolId).pk, skPrefix: keys.recordedEncountersPrefix });

// ---- Correcting a recorded encounter ----

/** One line of a recorded encounter's history: what it was before each correction or deletion. */
export interface RecordAuditRecord {
  recordId: string;
  at: string;
  actor: string;
  action: 'corrected' | 'deleted';
  reason?: string;
  /** The record as it stood before. */
  before: RecordedEncounterRecord;
  /** The record after a correction. */
  after?: RecordedEncounterRecord;
}

/** One recorded encounter, read strongly consistent (with the version it is at). */
export async function getRecordedEncounter(db: Db, schoolId: string, recordId: string): Promise<RecordedEncounterRecord | undefined> {
  const found = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.recordedEncounter(schoolId, recordId), ConsistentRead: true }));
  if (!found.Item) return undefined;
  return { ...strip<RecordedEncounterRecord>(found.Item), version: versionOf(found.Item) ?? 0 };
}

const guardKeyOf = (schoolId: string, providerId: string, guard: PhaseTargetKey) => keys.phaseGuard(schoolId, guard.cohort, guard.phase, providerId);
const keyString = (key: { pk: string; sk: string }) => `${key.pk}|${key.sk}`;

/** Releases a guard only its holder (this record) may release; a guard already gone is no loss. */
function releaseGuard(db: Db, key: { pk: string; sk: string }, recordId: string): GuardedWrite {
  return {
    item: {
      Delete: {
        TableName: db.tableName,
        Key: key,
        ConditionExpression: 'attribute_not_exists(pk) OR bookingId = :holder',
        ExpressionAttributeValues: { ':holder': recordId },
      },
    },
    onConditionFailed: () => new ConflictError('STALE_STATE', 'The phase this encounter counted toward is held by another encounter. Reload and try again.'),
  };
}

/** The record itself, conditional on the version the careers leader corrected from. */
function recordAtVersion(version: number): { ConditionExpression: string; ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, NativeAttributeValue> } {
  const condition = versionCondition(version);
  return { ...condition, ConditionExpression: `attribute_exists(pk) AND (${condition.ConditionExpression})` };
}

const staleRecord = () => new ConflictError('STALE_STATE', 'Someone changed or deleted this recorded encounter since you loaded it. Reload and try again.');

/**
 * Replaces a recorded encounter with its correction in one TransactWriteItems, so the record and
 * the DISTINCT_PROVIDERS guards it holds never disagree:
 *
 *   record RECORDED#id  `version = :read` → version + 1 (409 STALE_STATE to the second of two editors)
 *   Delete each GUARD#cohort#phase#provider it held and no longer counts toward (holder = this record)
 *   Put each guard it now counts toward, `attribute_not_exists(pk) OR bookingId = :self` (DISTINCT_PROVIDERS)
 *   ConditionCheck per fact it was judged on again (profile, calendar, policy, provider)
 *   Put an audit line AUDIT#<schoolId>#<recordId> with the record as it was
 *
 * A report snapshot holds its own copy of the report, so nothing here reaches it.
 */
export async function correctRecordedEncounter(
  db: Db,
  before: RecordedEncounterRecord,
  after: RecordedEncounterRecord,
  facts: readonly FactVersion[],
  audit: { at: string; actor: string; reason?: string; seq: string },
): Promise<void> {
  const version = before.version ?? 0;
  const writes: GuardedWrite[] = [
    {
      item: {
        Put: {
          TableName: db.tableName,
          Item: { ...keys.recordedEncounter(after.schoolId, after.id), type: 'recorded-encounter', ...after, version: version + 1 },
          ...recordAtVersion(version),
        },
      },
      onConditionFailed: staleRecord,
    },
  ];
  const held = before.statutory ? before.countsToward.map((g) => guardKeyOf(before.schoolId, before.providerId, g)) : [];
  const wanted = after.statutory ? after.countsToward : [];
  const wantedKeys = new Set(wanted.map((g) => keyString(guardKeyOf(after.schoolId, after.providerId, g))));
  for (const key of held) if (!wantedKeys.has(keyString(key))) writes.push(releaseGuard(db, key, before.id));
  for (const guard of wanted) {
    writes.push({
      item: {
        Put: {
          TableName: db.tableName,
          Item: {
            ...guardKeyOf(after.schoolId, after.providerId, guard),
            type: 'phase-guard',
            bookingId: after.id,
            recorded: true,
            date: after.date,
            yearGroups: after.yearGroups,
            cohort: guard.cohort,
            phase: guard.phase,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR bookingId = :self',
          ExpressionAttributeValues: { ':self': after.id },
        },
      },
      onConditionFailed: () =>
        new ConflictError(
          'DISTINCT_PROVIDERS',
          ruleMessage('DISTINCT_PROVIDERS', { providerName: after.providerName, phase: guard.phase as KeyPhase, yearGroup: after.yearGroups[0] }),
        ),
    });
  }
  writes.push(...recordedEncounterWrites(db, before, after));
  writes.push(...facts.map((fact) => factCheck(db, fact)));
  writes.push(auditLine(db, before.schoolId, { recordId: before.id, at: audit.at, actor: audit.actor, action: 'corrected', ...(audit.reason ? { reason: audit.reason } : {}), before, after: { ...after, version: version + 1 } }, audit.seq));
  await transact(db, writes);
}

/**
 * Deletes a recorded encounter, with the reason, in one TransactWriteItems: the record at the
 * version read, every guard it held (holder = this record), and an audit line keeping what it was.
 */
export async function deleteRecordedEncounter(db: Db, before: RecordedEncounterRecord, audit: { at: string; actor: string; reason: string; seq: string }): Promise<void> {
  const version = before.version ?? 0;
  const writes: GuardedWrite[] = [
    { item: { Delete: { TableName: db.tableName, Key: keys.recordedEncounter(before.schoolId, before.id), ...recordAtVersion(version) } }, onConditionFailed: staleRecord },
    ...(before.statutory ? before.countsToward : []).map((g) => releaseGuard(db, guardKeyOf(before.schoolId, before.providerId, g), before.id)),
    ...recordedEncounterWrites(db, before, undefined),
    auditLine(db, before.schoolId, { recordId: before.id, at: audit.at, actor: audit.actor, action: 'deleted', reason: audit.reason, before }, audit.seq),
  ];
  await transact(db, writes);
}

function auditLine(db: Db, schoolId: string, entry: RecordAuditRecord, seq: string): GuardedWrite {
  return { item: { Put: { TableName: db.tableName, Item: { ...keys.audit(schoolId, entry.recordId, entry.at, seq), type: 'record-audit', ...entry } } } };
}

/** A recorded encounter's corrections and deletion, oldest first. */
export const listRecordAudit = (db: Db, schoolId: string, recordId: string) => queryAll<RecordAuditRecord>(db, { pk: keys.auditOf(schoolId, recordId) });

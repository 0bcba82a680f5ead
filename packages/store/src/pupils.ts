import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { keys } from './keys.js';
import { strip } from './organisations.js';
import { queryAll, queryItems } from './query.js';
import { callCounter, ConflictError, NotFoundError, transact, type GuardedWrite } from './transact.js';

/**
 * Pupils a school places on work experience (issue 12): the least personal data that does the
 * job. Each lives under the school (`ORG#<schoolId>` / `PUPIL#<id>`) with a reference guard
 * (`PUPILREF#<reference>`), so one reference is one pupil. `expiresAt` (TTL) is the end of the
 * academic year after the pupil's last placement day: set when the pupil is entered (the year
 * after the one they are entered in) and moved on by each confirmation that books a later day.
 */
export interface PupilRecord {
  id: string;
  schoolId: string;
  /** The school's own reference (admission number or similar); unique within the school. */
  reference: string;
  firstName: string;
  lastName: string;
  /** The year group in `academicYear` (the year the record was entered for). */
  yearGroup: number;
  /** Start year of the academic year the year group is for (2026 for 2026/27). */
  academicYear: number;
  /** Cohort (the year the pupil started Year 7), so the year group follows the pupil up the school. */
  cohort: number;
  /** Support the school chooses to share with a host that confirms the pupil (SEND, access). */
  supportNotes?: string;
  createdAt: string;
  /** The day after which DynamoDB's TTL removes the record (`yyyy-mm-dd`). */
  removeAfter: string;
}

const epochOf = (date: string) => Math.floor(Date.parse(`${date}T23:59:59Z`) / 1000);

function pupilItem(pupil: PupilRecord) {
  return { ...keys.pupil(pupil.schoolId, pupil.id), type: 'pupil', ...pupil, expiresAt: epochOf(pupil.removeAfter) };
}

/**
 * Enters pupils, each with its reference guard, in transactions of up to 50 pupils (100 items).
 * A reference already used answers DUPLICATE naming it, and nothing of that batch is written.
 */
export async function createPupils(db: Db, pupils: PupilRecord[]): Promise<void> {
  for (let i = 0; i < pupils.length; i += 50) {
    const writes: GuardedWrite[] = [];
    for (const pupil of pupils.slice(i, i + 50)) {
      writes.push(
        {
          item: {
            Put: {
              TableName: db.tableName,
              Item: { ...keys.pupilReference(pupil.schoolId, pupil.reference), type: 'pupil-reference', pupilId: pupil.id, expiresAt: epochOf(pupil.removeAfter) },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          onConditionFailed: () => new ConflictError('DUPLICATE', `A pupil with reference ${pupil.reference} is already on your list.`),
        },
        { item: { Put: { TableName: db.tableName, Item: pupilItem(pupil), ConditionExpression: 'attribute_not_exists(pk)' } } },
      );
    }
    await transact(db, writes);
  }
}

export async function getPupil(db: Db, schoolId: string, pupilId: string): Promise<PupilRecord | undefined> {
  callCounter.reads++;
  const result = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.pupil(schoolId, pupilId), ConsistentRead: true }));
  return result.Item ? strip<PupilRecord>(result.Item) : undefined;
}

/** Pupils by id, read consistently (point reads, in parallel). */
export async function getPupils(db: Db, schoolId: string, pupilIds: readonly string[]): Promise<Map<string, PupilRecord>> {
  const found = await Promise.all(pupilIds.map((id) => getPupil(db, schoolId, id)));
  return new Map(found.filter((pupil): pupil is PupilRecord => !!pupil).map((pupil) => [pupil.id, pupil]));
}

export const listPupils = (db: Db, schoolId: string) => queryAll<PupilRecord>(db, { pk: keys.organisation(schoolId).pk, skPrefix: keys.pupilsPrefix });

/** The dates a pupil is confirmed on a placement (their PUPIL_DOUBLE_BOOKED guards), consistent. */
export async function confirmedDaysOfPupil(db: Db, schoolId: string, pupilId: string): Promise<Array<{ date: string; bookingId: string }>> {
  const days: Array<{ date: string; bookingId: string }> = [];
  for await (const item of queryItems(db, {
    ConsistentRead: true,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.organisation(schoolId).pk, ':prefix': keys.pupilDaysPrefix(pupilId) },
  })) {
    days.push({ date: item.date as string, bookingId: item.bookingId as string });
  }
  return days;
}

/**
 * The writes that keep a pupil's record until `removeAfter` at least: moved on when later (and
 * the pupil must still exist: an erased pupil cannot be confirmed), or only checked to exist when
 * the record already lasts as long. A racing confirmation that moved it meanwhile cancels this
 * one with PUPIL_CHANGED; the use case decides once more.
 */
export function keepPupilUntil(db: Db, pupil: PupilRecord, removeAfter: string): GuardedWrite {
  const gone = () => new ConflictError('PUPIL_CHANGED', `${pupil.firstName} ${pupil.lastName}’s record changed or was erased while this was being decided. Reload and try again.`);
  if (removeAfter <= pupil.removeAfter) {
    return {
      item: {
        ConditionCheck: { TableName: db.tableName, Key: keys.pupil(pupil.schoolId, pupil.id), ConditionExpression: 'attribute_exists(pk) AND removeAfter >= :after', ExpressionAttributeValues: { ':after': removeAfter } },
      },
      onConditionFailed: gone,
    };
  }
  return {
    item: {
      Update: {
        TableName: db.tableName,
        Key: keys.pupil(pupil.schoolId, pupil.id),
        UpdateExpression: 'SET removeAfter = :after, expiresAt = :expires',
        ConditionExpression: 'attribute_exists(pk) AND removeAfter <= :after',
        ExpressionAttributeValues: { ':after': removeAfter, ':expires': epochOf(removeAfter) },
      },
    },
    onConditionFailed: gone,
  };
}

/**
 * Erases a pupil: the record and its reference guard go, and every placement booking of the
 * school that names the pupil keeps its place counts but loses the name, notes and feedback
 * (see scrubPupilFromBookings in placements.ts). The pupil's day guards stay (they name no one,
 * only an id that no longer leads anywhere) until their TTL, so places stay consistent.
 */
export async function deletePupil(db: Db, pupil: PupilRecord): Promise<void> {
  await transact(db, [
    {
      item: { Delete: { TableName: db.tableName, Key: keys.pupil(pupil.schoolId, pupil.id), ConditionExpression: 'attribute_exists(pk)' } },
      onConditionFailed: () => new NotFoundError('No such pupil'),
    },
    { item: { Delete: { TableName: db.tableName, Key: keys.pupilReference(pupil.schoolId, pupil.reference) } } },
  ]);
}

export { epochOf as pupilExpiryEpoch };

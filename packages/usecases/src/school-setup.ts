import type { CalendarInput, PolicyInput } from '@schoolgate/contracts';
import { schoolWeekConflicts } from '@schoolgate/domain';
import {
  directoryWritesOnPublish,
  FactsChangedError,
  getLatestPolicy,
  getOrganisation,
  getOrganisationByUrn,
  NotFoundError,
  getPublishedPolicy,
  getStoredCalendar,
  publishPolicy,
  putCalendar,
  saveDraftPolicy,
  schoolWeekOf,
  type Db,
  type PolicyRecord,
} from '@schoolgate/store';
import type { UseCaseContext } from './context.js';
import { bookingsBrokenAtSchool, tellOtherSideOfBrokenBookings } from './school-standing.js';

/** The school's calendar with its version (the ETag an editor sends back), or undefined. */
export const readCalendar = (db: Db, schoolId: string) => getStoredCalendar(db, schoolId);

/** Field problems a calendar has that its schema cannot see: ranges that end before they start, school-week overrides that clash. */
export function calendarProblems(calendar: CalendarInput): Array<{ field: string; message: string }> {
  const problems = [...calendar.terms.map((x, i) => ({ x, field: `terms.${i}.end` })), ...calendar.closures.map((x, i) => ({ x, field: `closures.${i}.end` }))]
    .filter(({ x }) => x.end < x.start)
    .map(({ field }) => ({ field, message: 'The end date must not be before the start date' }));
  // A year group's every-weekday hours that share no time with a changed weekday: the school must say which it means.
  for (const conflict of schoolWeekConflicts(schoolWeekOf(calendar))) problems.push({ field: `yearGroupOverrides.${conflict.index}.start`, message: conflict.message });
  return problems;
}

/**
 * Saves the calendar (only over the version the editor loaded, when it says one) and answers the
 * confirmed bookings it breaks, read after the write, for the school to move, re-designate or cancel.
 */
export async function saveCalendar(ctx: UseCaseContext, schoolId: string, calendar: CalendarInput, expectedVersion?: number) {
  const stored = await putCalendar(ctx.db, schoolId, calendar, ctx.now().toISOString(), expectedVersion);
  const affectedBookings = await bookingsBrokenAtSchool(ctx.db, schoolId, ctx.now());
  await tellOtherSideOfBrokenBookings(ctx.db, affectedBookings, 'school', ctx.now());
  return { version: stored.version, affectedBookings };
}

/** The latest draft and the published policy. */
export async function readPolicyState(db: Db, schoolId: string): Promise<{ draft: PolicyRecord | null; published: PolicyRecord | null }> {
  const [draft, published] = await Promise.all([getLatestPolicy(db, schoolId), getPublishedPolicy(db, schoolId)]);
  return { draft: draft ?? null, published: published ?? null };
}

/** Saves a new draft version (over the version the editor loaded, when it says one). */
export const saveDraft = (ctx: UseCaseContext, schoolId: string, input: PolicyInput, createdBy: string, basedOnVersion?: number): Promise<PolicyRecord> =>
  saveDraftPolicy(ctx.db, schoolId, { ...input, createdAt: ctx.now().toISOString(), createdBy } as Omit<PolicyRecord, 'version'>, basedOnVersion);

/**
 * Publishes the latest draft; undefined when there is none. The school directory's entry says
 * "policy published" in the same transaction, on the school profile read (a profile change or the
 * verification racing it makes this read again).
 */
export async function publishLatestDraft(ctx: UseCaseContext, schoolId: string): Promise<PolicyRecord | undefined> {
  const latest = await getLatestPolicy(ctx.db, schoolId);
  if (!latest) return undefined;
  for (let attempt = 0; ; attempt++) {
    const school = await getOrganisation(ctx.db, schoolId);
    if (!school) throw new NotFoundError();
    try {
      return await publishPolicy(ctx.db, schoolId, latest.version, ctx.now().toISOString(), directoryWritesOnPublish(ctx.db, school));
    } catch (error) {
      if (!(error instanceof FactsChangedError) || attempt >= 4) throw error;
    }
  }
}

/**
 * A school's published statement for anyone to read, by URN: only once Schoolgate has verified
 * the school (a URN is claimed at sign-up), and without the author's email.
 */
export async function publicPolicyStatement(db: Db, urn: string) {
  const school = await getOrganisationByUrn(db, urn);
  const policy = school ? await getPublishedPolicy(db, school.id) : undefined;
  if (!school || !school.verified || !policy) return undefined;
  const { createdBy: _author, ...statement } = policy;
  return { ...statement, school: { name: school.name, urn: school.urn, address: school.address ?? '', postcode: school.postcode } };
}

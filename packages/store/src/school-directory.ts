import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { phaseOfEducation, type PhaseOfEducation } from '@schoolgate/contracts/phase';
import type { Location } from '@schoolgate/places';
import { deleteAreaEntry, putAreaEntry, searchArea } from './area-index.js';
import type { Db } from './client.js';
import { keys } from './keys.js';
import type { OrganisationRecord } from './organisations.js';
import { callCounter, type GuardedWrite } from './transact.js';
import { factCheck, versionOf, type FactVersion } from './versions.js';

/**
 * The school directory (issue 15): a verified school with a location has one undated `school`
 * entry in the area index (gsi3 `AREA#school#<cell>#ALL`, ordered by name then id). Schools are
 * not dated things, so the month component of the key is the fixed period `ALL`: a directory
 * search reads one partition per covering cell, whatever the date.
 *
 * The entry is written in the transaction that makes the school findable or changes what the
 * entry shows: verification, a profile change of name, postcode, location or year groups, and the
 * policy's publication. Each of those writes checks, in the same transaction, the version of the
 * other fact it copied (the profile's version, or the published-policy pointer), so a publish and
 * a verification racing cannot leave an entry that says "no policy" for a school that has one.
 * Whether the school has open slots changes with every approval, so it is not copied: a search
 * reads it for the page's schools (one small Query each; see {@link searchSchools}).
 */
export interface SchoolDirectoryData {
  name: string;
  urn?: string;
  postcode: string;
  phase: PhaseOfEducation;
  yearGroups: { from: number; to: number };
  policyPublished: boolean;
}

type DirectorySchoolFacts = Pick<OrganisationRecord, 'id' | 'kind' | 'verified' | 'location' | 'name' | 'urn' | 'postcode' | 'yearGroups'>;

/** Findable: a verified school that has a place. */
export const findableSchool = (org: DirectorySchoolFacts): boolean => org.kind === 'school' && org.verified && Boolean(org.location);

export function schoolDirectoryData(school: DirectorySchoolFacts, policyPublished: boolean): SchoolDirectoryData {
  const yearGroups = school.yearGroups ?? { from: 7, to: 11 };
  return {
    name: school.name,
    ...(school.urn ? { urn: school.urn } : {}),
    postcode: school.postcode,
    phase: phaseOfEducation(yearGroups),
    yearGroups,
    policyPublished,
  };
}

/** The entry put (findable) or deleted (not, or no longer), for the transaction that decides it. */
export function schoolDirectoryWrites(db: Db, school: DirectorySchoolFacts, policyPublished: boolean): GuardedWrite[] {
  if (!findableSchool(school)) return school.kind === 'school' ? [deleteAreaEntry(db, { kind: 'school', id: school.id, ownerOrgId: school.id })] : [];
  return [
    putAreaEntry<SchoolDirectoryData>(db, {
      kind: 'school',
      id: school.id,
      ownerOrgId: school.id,
      sortKey: school.name,
      location: school.location!,
      data: schoolDirectoryData(school, policyPublished),
    }),
  ];
}

/** Whether the directory shows something else after a change (so the entry must be rewritten). */
export function directoryEntryChanged(before: DirectorySchoolFacts, after: DirectorySchoolFacts): boolean {
  if (findableSchool(before) !== findableSchool(after)) return true;
  if (!findableSchool(after)) return false;
  return (
    JSON.stringify([before.location, schoolDirectoryData(before, false)]) !== JSON.stringify([after.location, schoolDirectoryData(after, false)])
  );
}

/** The school's published-policy pointer as a fact (null version: nothing published), read consistently. */
export async function readPublishedPolicyFact(db: Db, schoolId: string): Promise<{ fact: FactVersion; published: boolean }> {
  callCounter.reads++;
  const pointer = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.publishedPolicy(schoolId), ConsistentRead: true }));
  return { fact: { key: keys.publishedPolicy(schoolId), version: versionOf(pointer.Item), what: 'published policy' }, published: Boolean(pointer.Item) };
}

/**
 * The writes a policy publication adds for the directory: the entry now says "published", on the
 * condition that the school's profile is still the one read (a racing verification or profile
 * change rewrites the entry itself, from what it read).
 */
export function directoryWritesOnPublish(db: Db, school: OrganisationRecord): GuardedWrite[] {
  if (!findableSchool(school)) {
    // Not findable yet: the verification that makes it so reads the pointer this publish writes.
    return [factCheck(db, { key: keys.organisation(school.id), version: versionOf(school as unknown as Record<string, unknown>), what: 'school profile' })];
  }
  return [
    factCheck(db, { key: keys.organisation(school.id), version: versionOf(school as unknown as Record<string, unknown>), what: 'school profile' }),
    ...schoolDirectoryWrites(db, school, true),
  ];
}

export interface SchoolSearch {
  centre: Location;
  withinKm: number;
  limit: number;
  /** The last position of the previous page (`<name>#<schoolId>`). */
  after?: string;
  accept: (school: SchoolDirectoryData) => boolean;
  /** Only schools with a slot a provider can still request (open, not full, not past its notice period). */
  onlyWithOpenSlots?: boolean;
  /** Today in London (`yyyy-mm-dd`): past slots and slots past their last day to request do not count. */
  today: string;
}

export type SchoolHit = SchoolDirectoryData & { id: string; distanceKm: number; hasOpenSlots: boolean };

/** How many of a school's slot entries are read to find one that is still requestable. */
const OPEN_SLOT_PROBE = 25;

/**
 * Schools within `withinKm` of `centre`, in name order, a page at a time, from the area index
 * (kind `school`, period `ALL`): at most cells × 4 index Queries per round, plus one small Query per
 * school on the page for its open slots (the slot entries in the school's own partition exist only
 * while a slot is open and not full). Filtering on open slots can leave a round short; up to three
 * rounds are read, so the cost stays bounded whatever the national total, and the cursor goes on.
 * (Beside searchOpenSlots, searchOffers and searchPlacementDays; the same shape.)
 *
 * @example
 * const page = await searchSchools(db, { centre, withinKm: 50, limit: 20, today: '2026-11-02', accept: (s) => s.phase === 'secondary' });
 */
export async function searchSchools(db: Db, search: SchoolSearch): Promise<{ items: SchoolHit[]; lastKey?: string }> {
  const items: SchoolHit[] = [];
  let after = search.after;
  for (let round = 0; round < 3; round++) {
    const page = await searchArea<SchoolDirectoryData>(db, {
      kind: 'school',
      centre: search.centre,
      withinKm: search.withinKm,
      limit: search.limit - items.length,
      // Undated entries sort by name: start below every name (a key condition needs a non-empty bound).
      from: ' ',
      ...(after ? { after } : {}),
      accept: search.accept,
    });
    const open = await Promise.all(page.items.map((hit) => hasRequestableSlot(db, hit.id, search.today)));
    page.items.forEach((hit, i) => {
      if (search.onlyWithOpenSlots && !open[i]) return;
      items.push({ ...hit.data, id: hit.id, distanceKm: hit.distanceKm, hasOpenSlots: open[i]! });
    });
    if (!page.lastKey || items.length >= search.limit) return { items, ...(page.lastKey ? { lastKey: page.lastKey } : {}) };
    after = page.lastKey;
  }
  return { items, ...(after ? { lastKey: after } : {}) };
}

/** Whether any of the school's findable slot entries is today or later and still inside its notice period. */
async function hasRequestableSlot(db: Db, schoolId: string, today: string): Promise<boolean> {
  callCounter.reads++;
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeNames: { '#date': 'date', '#data': 'data', '#requestBy': 'requestBy' },
      ExpressionAttributeValues: { ':pk': keys.organisation(schoolId).pk, ':prefix': keys.areaEntriesPrefix('slot') },
      ProjectionExpression: '#date, #data.#requestBy',
      Limit: OPEN_SLOT_PROBE,
    }),
  );
  return (result.Items ?? []).some((entry) => {
    const requestBy = (entry.data as { requestBy?: string } | undefined)?.requestBy;
    return String(entry.date) >= today && (!requestBy || requestBy >= today);
  });
}

import { MAX_SEARCH_KM } from '@schoolgate/places';
import {
  countOrganisationsByState,
  pageVerificationQueue,
  readWaitingRequestsOfSchool,
  searchSchools,
  type Db,
  type OrganisationKind,
  type OrganisationRecord,
  type PageRequest,
  type SchoolHit,
} from '@schoolgate/store';
import type { PhaseOfEducation } from '@schoolgate/contracts';
import { DEFAULT_SEARCH_KM, searchCentre } from './slots.js';

export interface SchoolDirectoryFilter {
  withinKm?: number;
  /** Search around this postcode instead of the searcher's own location. */
  near?: string;
  phase?: PhaseOfEducation;
  yearGroup?: number;
  policyPublished?: 'true' | 'false';
  openSlots?: 'true' | 'false';
  limit: number;
  after?: string;
  /** Today in London: slots past, or past their last day to request, are not open slots. */
  today: string;
}

/**
 * The school directory for a provider or employer: verified schools near its location (or a
 * postcode), in name order, with each school's distance, phase, year groups, whether its policy is
 * published and whether it has a slot the searcher could still request.
 */
export function searchSchoolDirectory(db: Db, searcher: OrganisationRecord, filter: SchoolDirectoryFilter): Promise<{ items: SchoolHit[]; lastKey?: string }> {
  return searchSchools(db, {
    centre: searchCentre(searcher, filter.near),
    withinKm: Math.min(filter.withinKm ?? DEFAULT_SEARCH_KM, MAX_SEARCH_KM),
    limit: filter.limit,
    today: filter.today,
    ...(filter.after ? { after: filter.after } : {}),
    ...(filter.openSlots === 'true' ? { onlyWithOpenSlots: true } : {}),
    accept: (school) =>
      (!filter.phase || school.phase === filter.phase) &&
      (!filter.yearGroup || (school.yearGroups.from <= filter.yearGroup && filter.yearGroup <= school.yearGroups.to)) &&
      (!filter.policyPublished || String(school.policyPublished) === filter.policyPublished),
  }).then((found) =>
    // "Without open slots" cannot be read from the index either: it is the page's complement.
    filter.openSlots === 'false' ? { ...found, items: found.items.filter((school) => !school.hasOpenSlots) } : found,
  );
}

/** The platform admin's verification queue (longest waiting first) with counts per kind and state. */
export async function verificationQueueOf(db: Db, page: PageRequest, kind?: OrganisationKind) {
  const [queue, counts] = await Promise.all([pageVerificationQueue(db, page, kind), countOrganisationsByState(db)]);
  return { counts, ...queue };
}

/**
 * The overview's list of requests waiting for the school's decision, most urgent first (the
 * soonest event: its notice runs out first), the first `limit` of them and how many there are in all,
 * so the overview never silently stops at its first few.
 */
export async function waitingRequestsOverview(db: Db, schoolId: string, limit: number) {
  const waiting = await readWaitingRequestsOfSchool(db, schoolId);
  const ordered = waiting.sort((a, b) => `${a.date}T${a.start}#${a.id}`.localeCompare(`${b.date}T${b.start}#${b.id}`));
  return { total: ordered.length, items: ordered.slice(0, limit) };
}

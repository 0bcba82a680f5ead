import { locationOfPostcode, MAX_SEARCH_KM, type Location } from '@schoolgate/places';
import { searchOpenSlots, withdrawSlot, type Db, type OrganisationRecord, type SlotRecord } from '@schoolgate/store';
import { providerEligibility } from '@schoolgate/domain';
import { InvalidInput } from './errors.js';
import { providerFactsOf } from './facts.js';

/** Withdraws a slot nobody has requested; SLOT_HAS_BOOKINGS (409) otherwise. */
export const withdrawUnrequestedSlot = (db: Db, schoolId: string, slotId: string): Promise<SlotRecord> => withdrawSlot(db, schoolId, slotId);

/** How far a search reaches when the searcher does not say. */
export const DEFAULT_SEARCH_KM = 50;

export interface SlotSearchFilter {
  from: string;
  to: string;
  limit: number;
  yearGroup?: number;
  format?: string;
  withinKm?: number;
  /** Search around this postcode instead of the searcher's own location. */
  near?: string;
  statutory?: 'true' | 'false';
  /** The position after which the page starts (from the previous page's cursor). */
  after?: string;
  /** Today in London: slots whose last day to request (the notice period) has passed are not shown. */
  today?: string;
}

/**
 * Where a search is measured from: another postcode when the searcher names one, else the
 * searcher's own location (which comes from its postcode). Answers a 400 naming the field to fill
 * when there is neither.
 */
export function searchCentre(searcher: Pick<OrganisationRecord, 'location'>, near: string | undefined, where: 'query' | 'body' = 'query'): Location {
  if (near) {
    const place = locationOfPostcode(near);
    if (!place) throw new InvalidInput([{ field: 'near', message: `We do not know where ${near.toUpperCase()} is: try a neighbouring postcode` }], where);
    return place;
  }
  if (!searcher.location) {
    throw new InvalidInput([{ field: 'near', message: 'Your organisation has no location yet: enter a postcode to search near, or add your location in settings' }], where);
  }
  return searcher.location;
}

/**
 * Open slots for a provider or employer near a place, in date order, a page at a time, with each
 * slot's distance from that place.
 */
export function searchSlotsFor(db: Db, searcher: OrganisationRecord, filter: SlotSearchFilter): Promise<{ items: Array<SlotRecord & { distanceKm: number }>; lastKey?: string }> {
  // An employer that is not itself a provider (ELIGIBLE_PROVIDER) sees only what it can request:
  // supplementary slots, where its visit is recorded as an employer encounter.
  const onlySupplementary = !providerEligibility(providerFactsOf(searcher)).eligible;
  return searchOpenSlots(db, {
    centre: searchCentre(searcher, filter.near),
    withinKm: Math.min(filter.withinKm ?? DEFAULT_SEARCH_KM, MAX_SEARCH_KM),
    from: filter.from,
    to: filter.to,
    limit: filter.limit,
    ...(filter.after ? { after: filter.after } : {}),
    accept: (slot) =>
      (!filter.yearGroup || slot.yearGroups.includes(filter.yearGroup)) &&
      (!filter.format || slot.format === filter.format) &&
      (!filter.statutory || String(slot.statutory) === filter.statutory) &&
      (!onlySupplementary || !slot.statutory) &&
      // A provider can no longer request a slot inside the school's notice period: do not offer it.
      (!filter.today || !slot.requestBy || slot.requestBy >= filter.today),
  });
}

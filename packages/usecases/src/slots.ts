import { searchOpenSlots, withdrawSlot, type Db, type OrganisationRecord, type SlotRecord } from '@schoolgate/store';
import { distanceKm } from './distance.js';

/** Withdraws a slot nobody has requested; SLOT_HAS_BOOKINGS (409) otherwise. */
export const withdrawUnrequestedSlot = (db: Db, schoolId: string, slotId: string): Promise<SlotRecord> => withdrawSlot(db, schoolId, slotId);

export interface SlotSearchFilter {
  from: string;
  to: string;
  limit: number;
  yearGroup?: number;
  format?: string;
  withinKm?: number;
  statutory?: 'true' | 'false';
  /** The position after which the page starts (from the previous page's cursor). */
  after?: string;
}

/**
 * Open slots for a provider or employer, in date order, a page at a time; `withinKm` is measured
 * from the searcher's own location (the caller checks it has one).
 */
export function searchSlotsFor(db: Db, searcher: OrganisationRecord, filter: SlotSearchFilter): Promise<{ items: SlotRecord[]; lastKey?: string }> {
  return searchOpenSlots(db, {
    from: filter.from,
    to: filter.to,
    limit: filter.limit,
    ...(filter.after ? { after: filter.after } : {}),
    accept: (slot) =>
      (!filter.yearGroup || slot.yearGroups.includes(filter.yearGroup)) &&
      (!filter.format || slot.format === filter.format) &&
      (!filter.statutory || String(slot.statutory) === filter.statutory) &&
      (!filter.withinKm || (slot.location !== undefined && searcher.location !== undefined && distanceKm(searcher.location, slot.location) <= filter.withinKm)),
  });
}

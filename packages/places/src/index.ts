/**
 * Places: where an organisation is, from its postcode, and the area cells search is bucketed by.
 * Pure (the district table is imported, never read from disk), so the API, the store and the
 * browser can all use it.
 */
import districts from './postcode-districts.json' with { type: 'json' };
import type { Location } from './geometry.js';

export * from './geometry.js';

const table = districts as unknown as Record<string, [number, number]>;

/**
 * The outward code (postcode district) of a UK postcode, upper case: `ls6 2ab` → `LS6`. A bare
 * district (`LS6`) is accepted too. Undefined when it does not look like a postcode.
 */
export function outwardCode(postcode: string): string | undefined {
  const compact = postcode.toUpperCase().replace(/\s+/g, '');
  // A full postcode ends in a 3-character inward code (digit, letter, letter).
  const full = /^([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})$/.exec(compact);
  if (full) return full[1];
  return /^[A-Z]{1,2}\d[A-Z\d]?$/.test(compact) ? compact : undefined;
}

/**
 * The centroid of the postcode's district (a few kilometres across, which is the precision "within
 * 25 km of us" needs). Undefined for a district the table does not know (some are newer than the
 * data): ask the person for their location then, never block them.
 *
 * @example
 * locationOfPostcode('LS6 2AB'); // { latitude: 53.82…, longitude: -1.57… }
 */
export function locationOfPostcode(postcode: string): Location | undefined {
  const district = outwardCode(postcode);
  const found = district ? table[district] : undefined;
  return found ? { latitude: found[0], longitude: found[1] } : undefined;
}


import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { districtsFromCsv } from '../scripts/districts-csv.js';
import districts from './postcode-districts.json' with { type: 'json' };
import { areaCellOf, areaCellsCovering, distanceKm, locationOfPostcode, outwardCode } from './index.js';

describe('locationOfPostcode', () => {
  it('places a full postcode at its district centroid, whatever its spacing and case', () => {
    const leeds = locationOfPostcode('ls6 2ab');
    expect(leeds).toEqual(locationOfPostcode('LS62AB'));
    expect(leeds!.latitude).toBeCloseTo(53.82, 1);
    expect(leeds!.longitude).toBeCloseTo(-1.58, 1);
  });

  it('tells the outward code apart from the inward one for every shape of district', () => {
    expect(outwardCode('SW1A 1AA')).toBe('SW1A');
    expect(outwardCode('M1 1AE')).toBe('M1');
    expect(outwardCode('B33 8TH')).toBe('B33');
    expect(outwardCode('CR2 6XH')).toBe('CR2');
    expect(outwardCode('DN55 1PT')).toBe('DN55');
    expect(outwardCode('W1A 0AX')).toBe('W1A');
    expect(outwardCode('LS6')).toBe('LS6');
    expect(outwardCode('not a postcode')).toBeUndefined();
  });

  it('answers undefined for a district it does not know, so the person is asked instead of refused', () => {
    expect(locationOfPostcode('ZZ99 9ZZ')).toBeUndefined();
  });

  it('carries every row of the shipped CSV (regenerate with npm run generate -w @schoolgate/places)', () => {
    const csv = readFileSync(new URL('../data/postcode-districts.csv', import.meta.url), 'utf8');
    expect(districts).toEqual(districtsFromCsv(csv));
    expect(Object.keys(districts)).toHaveLength(2848);
  });
});

describe('area cells', () => {
  const leeds = { latitude: 53.8, longitude: -1.55 };

  it('covers a 25 km search with at most 4 cells and a 50 km one with at most 9, across England', () => {
    for (const postcode of ['LS6 2AB', 'SW1A 1AA', 'TR1 1AA', 'NE1 1AA', 'NR1 1AA', 'CA1 1AA']) {
      const centre = locationOfPostcode(postcode)!;
      expect(areaCellsCovering(centre, 25).length).toBeLessThanOrEqual(4);
      expect(areaCellsCovering(centre, 50).length).toBeLessThanOrEqual(9);
    }
  });

  it('never misses a place inside the radius (the covering cells contain every point within it)', () => {
    for (const postcode of Object.keys(districts).slice(0, 400)) {
      const place = locationOfPostcode(postcode)!;
      const cells = new Set(areaCellsCovering(leeds, 120));
      if (distanceKm(leeds, place) <= 120) expect(cells.has(areaCellOf(place)), postcode).toBe(true);
    }
  });

  it('measures distances like a map does', () => {
    const london = locationOfPostcode('SW1A 1AA')!;
    expect(distanceKm(leeds, london)).toBeGreaterThan(260);
    expect(distanceKm(leeds, london)).toBeLessThan(280);
  });
});

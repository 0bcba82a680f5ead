/**
 * Places' geometry: distances and the area cells search is bucketed by. No postcode table, so the
 * store's area index can import it without loading the district table at a Lambda's init (the
 * table loads with the first module that looks a postcode up).
 */
export interface Location {
  latitude: number;
  longitude: number;
}

const EARTH_RADIUS_KM = 6371.0088;
const rad = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle (haversine) distance: good to a few metres at the scale of a county. */
export function distanceKm(a: Location, b: Location): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
}

/**
 * Search is bucketed by a fixed latitude/longitude grid. A cell is 0.5° of latitude by 0.8° of
 * longitude, about 55 × 55 km across England, so a 25 km search covers at most 4 cells and a 50 km
 * one at most 9: few enough to query in parallel, large enough that a cell-month is one partition
 * even in London. (A geohash's cells are 39 × 20 km or 156 × 156 km; neither fits that radius.)
 */
export const AREA_CELL_DEGREES = { latitude: 0.5, longitude: 0.8 } as const;
/** The largest radius a search may ask for: 200 km covers at most 7 × 9 cells. */
export const MAX_SEARCH_KM = 200;

const rowOf = (latitude: number) => Math.floor(latitude / AREA_CELL_DEGREES.latitude);
const columnOf = (longitude: number) => Math.floor(longitude / AREA_CELL_DEGREES.longitude);
const cellName = (row: number, column: number) => `${row}:${column}`;

/** The area cell a place is in, e.g. `107:-2` for Leeds. */
export function areaCellOf(place: Location): string {
  return cellName(rowOf(place.latitude), columnOf(place.longitude));
}

/**
 * Every cell that a circle of `radiusKm` around `centre` touches (its bounding box, so a superset:
 * the caller still measures each result's distance).
 */
export function areaCellsCovering(centre: Location, radiusKm: number): string[] {
  const latitudeSpan = radiusKm / 111.2;
  // Widest at the circle's edge nearest the pole, where a degree of longitude is shortest.
  const widestLatitude = Math.min(89, Math.abs(centre.latitude) + latitudeSpan);
  const longitudeSpan = radiusKm / (111.32 * Math.cos(rad(widestLatitude)));
  const cells: string[] = [];
  for (let row = rowOf(centre.latitude - latitudeSpan); row <= rowOf(centre.latitude + latitudeSpan); row++) {
    for (let column = columnOf(centre.longitude - longitudeSpan); column <= columnOf(centre.longitude + longitudeSpan); column++) {
      cells.push(cellName(row, column));
    }
  }
  return cells;
}

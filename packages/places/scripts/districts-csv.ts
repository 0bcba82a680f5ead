import { parse } from 'csv-parse/sync';

/** outcode → [latitude, longitude], from the reference CSV (`outcode,latitude,longitude,country`). */
export function districtsFromCsv(csv: string): Record<string, [number, number]> {
  const rows = parse(csv, { columns: true, skip_empty_lines: true, trim: true }) as Array<{ outcode: string; latitude: string; longitude: string }>;
  return Object.fromEntries(rows.map((row) => [row.outcode.toUpperCase(), [Number(row.latitude), Number(row.longitude)]]));
}

/**
 * Rebuilds src/postcode-districts.json from data/postcode-districts.csv (the shipped copy of the
 * reference data). The JSON is what the code imports, so no file is read at run time and the
 * Lambda bundle carries the table; `places.test.ts` fails when the two disagree.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { districtsFromCsv } from './districts-csv.js';

const here = new URL('..', import.meta.url);
const table = districtsFromCsv(readFileSync(new URL('data/postcode-districts.csv', here), 'utf8'));
writeFileSync(new URL('src/postcode-districts.json', here), `${JSON.stringify(table)}\n`);
console.log(`wrote ${Object.keys(table).length} districts`);

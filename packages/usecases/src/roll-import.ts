import Papa from 'papaparse';
import type { UseCaseContext } from './context.js';
import { InvalidInput } from './errors.js';
import { changeSchoolProfile } from './organisations.js';

/** Header words as written by a person or a management information system: "Year group", "year_group", "NumberOnRoll". */
const normalise = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');
const YEAR_HEADERS = ['yeargroup', 'year', 'ncyeargroup'];
const ROLL_HEADERS = ['numberonroll', 'roll', 'pupils', 'count', 'nor'];

/**
 * Reads a CSV of year group and number on roll (papaparse does the parsing; a header row names the
 * two columns) into one academic year's roll. Every bad row is named (`csv.row 3`), and nothing is
 * saved unless every row is good.
 * @example parseRollCsv('Year group,Number on roll\nYear 9,180\n10,176') // { '9': 180, '10': 176 }
 */
export function parseRollCsv(text: string): Record<string, number> {
  const parsed = Papa.parse<Record<string, string>>(text.trim(), { header: true, skipEmptyLines: 'greedy', transformHeader: normalise });
  const fields = parsed.meta.fields ?? [];
  const yearColumn = fields.find((f) => YEAR_HEADERS.includes(f));
  const rollColumn = fields.find((f) => ROLL_HEADERS.includes(f));
  if (!yearColumn || !rollColumn) throw new InvalidInput([{ field: 'csv', message: 'The first row must name two columns: year group and number on roll' }]);
  const problems: Array<{ field: string; message: string }> = parsed.errors.map((e) => ({ field: `csv.row ${(e.row ?? 0) + 2}`, message: e.message }));
  const roll: Record<string, number> = {};
  parsed.data.forEach((row, i) => {
    const line = i + 2;
    const year = /^\s*(?:year\s*)?(\d{1,2})\s*$/i.exec(row[yearColumn] ?? '')?.[1];
    const count = /^\s*(\d{1,4})\s*$/.exec(row[rollColumn] ?? '')?.[1];
    if (!year || Number(year) < 1 || Number(year) > 13) problems.push({ field: `csv.row ${line}`, message: `"${row[yearColumn] ?? ''}" is not a year group from 1 to 13` });
    else if (!count || Number(count) > 2000) problems.push({ field: `csv.row ${line}`, message: `"${row[rollColumn] ?? ''}" is not a number on roll from 0 to 2000` });
    else if (String(Number(year)) in roll) problems.push({ field: `csv.row ${line}`, message: `Year ${Number(year)} appears twice` });
    else roll[String(Number(year))] = Number(count);
  });
  if (problems.length) throw new InvalidInput(problems);
  if (Object.keys(roll).length === 0) throw new InvalidInput([{ field: 'csv', message: 'The file has no rows after its header' }]);
  return roll;
}

/** Imports one academic year's roll from CSV, merged into the school's roll like a save from the profile page. */
export async function importRoll(ctx: UseCaseContext, schoolId: string, csv: string, rollYear: number) {
  return changeSchoolProfile(ctx, schoolId, { profile: {}, roll: parseRollCsv(csv), rollYear: String(rollYear) });
}

import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { trustNameKey, yearGroupsFromStatutoryAges } from '@schoolgate/domain';
import { locationOfPostcode } from '@schoolgate/places';
import {
  ConflictError,
  getGiasEstablishment,
  inviteSchoolToGroup,
  listGroupsOfKind,
  putGiasEstablishments,
  type Db,
  type GiasEstablishmentRecord,
  type GroupSchoolRecord,
  type OrganisationRecord,
} from '@schoolgate/store';
import type { UseCaseContext } from './context.js';
import { InvalidInput } from './errors.js';

/*
 * Get Information about Schools (issue 14): a platform admin imports the register's extract; a
 * school that registers with a URN in it is pre-filled and matched to its trust by invitation.
 */

/** Who invites a school matched to its trust from the register (the invitation's `invitedBy`). */
export const GIAS_INVITER = 'Get Information about Schools';

/** The columns the import reads; an extract's other ~100 columns are ignored. */
const COLUMNS = {
  urn: 'URN',
  name: 'EstablishmentName',
  type: 'TypeOfEstablishment (name)',
  phase: 'PhaseOfEducation (name)',
  lowAge: 'StatutoryLowAge',
  highAge: 'StatutoryHighAge',
  postcode: 'Postcode',
  trust: 'Trusts (name)',
  status: 'EstablishmentStatus (name)',
} as const;
const REQUIRED = [COLUMNS.urn, COLUMNS.name, COLUMNS.status] as const;
export const MAX_GIAS_ROWS = 60_000;

/**
 * The register's extracts are Windows-1252 ("St Mary’s" is byte 0x92); a file someone re-saved
 * as UTF-8 (with or without a byte-order mark) is read as UTF-8.
 */
export function decodeExtract(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not TextDecoder('windows-1252'): Node 20's reads it as Latin-1, turning ’ (0x92) into a control character.
    return iconv.decode(Buffer.from(bytes), 'win1252');
  }
}

const age = (text: string | undefined) => (text && /^\d{1,2}$/.test(text.trim()) ? Number(text.trim()) : undefined);
const text = (value: string | undefined) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

/**
 * Reads an extract (papaparse does the parsing; the header row names the columns) into one entry
 * per URN. Every bad row is named (`csv.row 7`) and nothing is stored unless every row is good.
 */
export function parseGiasExtract(bytes: Uint8Array, importedAt: string): GiasEstablishmentRecord[] {
  const parsed = Papa.parse<Record<string, string>>(decodeExtract(bytes).trim(), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim() });
  const fields = parsed.meta.fields ?? [];
  const missing = REQUIRED.filter((column) => !fields.includes(column));
  if (missing.length) throw new InvalidInput([{ field: 'csv', message: `The extract has no ${missing.map((m) => `"${m}"`).join(', ')} column: download it from Get Information about Schools with its standard columns` }]);
  if (parsed.data.length > MAX_GIAS_ROWS) throw new InvalidInput([{ field: 'csv', message: `At most ${MAX_GIAS_ROWS} establishments in one import` }]);
  const problems = parsed.errors.slice(0, 20).map((e) => ({ field: `csv.row ${(e.row ?? 0) + 2}`, message: e.message }));
  const seen = new Set<string>();
  const records: GiasEstablishmentRecord[] = [];
  parsed.data.forEach((row, i) => {
    const line = i + 2;
    const urn = row[COLUMNS.urn]?.trim() ?? '';
    const name = text(row[COLUMNS.name]);
    if (!/^\d{6,7}$/.test(urn)) return void problems.push({ field: `csv.row ${line}`, message: `"${urn}" is not a URN (6 or 7 digits)` });
    if (!name) return void problems.push({ field: `csv.row ${line}`, message: `URN ${urn} has no establishment name` });
    if (seen.has(urn)) return void problems.push({ field: `csv.row ${line}`, message: `URN ${urn} appears twice` });
    seen.add(urn);
    const status = text(row[COLUMNS.status]) ?? 'Open';
    const lowAge = age(row[COLUMNS.lowAge]);
    const highAge = age(row[COLUMNS.highAge]);
    const type = text(row[COLUMNS.type]);
    const phase = text(row[COLUMNS.phase]);
    const postcode = text(row[COLUMNS.postcode])?.toUpperCase();
    const trustName = text(row[COLUMNS.trust]);
    records.push({
      urn,
      name,
      ...(type ? { establishmentType: type } : {}),
      ...(phase ? { phase } : {}),
      ...(lowAge === undefined ? {} : { statutoryLowAge: lowAge }),
      ...(highAge === undefined ? {} : { statutoryHighAge: highAge }),
      ...(postcode ? { postcode } : {}),
      ...(trustName ? { trustName } : {}),
      status,
      open: status.toLowerCase() !== 'closed',
      importedAt,
    });
  });
  if (problems.length) throw new InvalidInput(problems.slice(0, 50));
  if (!records.length) throw new InvalidInput([{ field: 'csv', message: 'The extract has no rows after its header' }]);
  return records;
}

/** Imports an extract: one reference item per URN, written in batches; a re-import overwrites. */
export async function importGiasExtract(ctx: UseCaseContext, bytes: Uint8Array) {
  const records = parseGiasExtract(bytes, ctx.now().toISOString());
  await putGiasEstablishments(ctx.db, records);
  const closed = records.filter((r) => !r.open).length;
  return { establishments: records.length, open: records.length - closed, closed, trusts: new Set(records.flatMap((r) => (r.trustName ? [r.trustName] : []))).size };
}

/** The trust on Schoolgate whose name is the register's trust name, if there is one. */
async function trustNamed(db: Db, name: string) {
  const key = trustNameKey(name);
  return (await listGroupsOfKind(db, 'trust')).find((group) => trustNameKey(group.name) === key);
}

/**
 * What the sign-up form fills in for a URN: the register's name, phase, year groups (from the
 * statutory ages), postcode and place, and its trust (and whether that trust is on Schoolgate).
 * Undefined for a URN the register does not have; a closed school says so.
 */
export async function giasSchoolFor(db: Db, urn: string) {
  const entry = await getGiasEstablishment(db, urn);
  if (!entry) return undefined;
  const yearGroups = yearGroupsFromStatutoryAges(entry.statutoryLowAge, entry.statutoryHighAge);
  const location = entry.postcode ? locationOfPostcode(entry.postcode) : undefined;
  const trust = entry.trustName ? await trustNamed(db, entry.trustName) : undefined;
  return {
    urn: entry.urn,
    name: entry.name,
    open: entry.open,
    status: entry.status,
    ...(entry.establishmentType ? { type: entry.establishmentType } : {}),
    ...(entry.phase ? { phase: entry.phase } : {}),
    ...(yearGroups ? { yearGroups } : {}),
    ...(entry.postcode ? { postcode: entry.postcode } : {}),
    ...(location ? { location } : {}),
    ...(entry.trustName ? { trustName: entry.trustName, trustOnSchoolgate: Boolean(trust) } : {}),
  };
}

/**
 * Matches a newly registered school to its trust: when the register names a trust that is on
 * Schoolgate, the school is invited to it as a trust lead would invite it, and joins only when its
 * careers leader consents. Never an automatic join; a second registration's invitation is the same one.
 */
export async function matchSchoolToTrust(ctx: UseCaseContext, school: Pick<OrganisationRecord, 'id' | 'name' | 'urn' | 'kind'>): Promise<GroupSchoolRecord | undefined> {
  if (school.kind !== 'school' || !school.urn) return undefined;
  const entry = await getGiasEstablishment(ctx.db, school.urn);
  if (!entry?.trustName || !entry.open) return undefined;
  const trust = await trustNamed(ctx.db, entry.trustName);
  if (!trust) return undefined;
  const link: GroupSchoolRecord = { groupId: trust.id, groupName: trust.name, kind: 'trust', schoolId: school.id, schoolName: school.name, status: 'invited', invitedAt: ctx.now().toISOString(), invitedBy: GIAS_INVITER };
  try {
    await inviteSchoolToGroup(ctx.db, link);
  } catch (error) {
    if (error instanceof ConflictError && error.code === 'DUPLICATE') return undefined;
    throw error;
  }
  return link;
}

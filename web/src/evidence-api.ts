import type { z } from 'zod';
import type {
  concernSummary,
  groupOverview,
  groupSchoolList,
  myGroupList,
  providerRecord,
  recordedEncounter,
  recordedEncounterInput,
  recordedEncounterList,
  reportSnapshot,
  schoolReport,
  snapshotMeta,
  templatePushed,
  giasImportResult,
  giasSchool,
} from '@schoolgate/contracts';
import type { PolicyInput } from '@schoolgate/contracts';
import { request } from './api';

/** Evidence (issue 14): recorded encounters, the governors' and Ofsted report, a provider's record. */

export type SchoolReport = z.infer<typeof schoolReport>;
export type GridCell = SchoolReport['grid'][number];
export type RecordedEncounter = z.infer<typeof recordedEncounter>;
export type RecordedEncounterInput = z.input<typeof recordedEncounterInput>;
export type RecordedEncounterList = z.infer<typeof recordedEncounterList>;
export type ReportSnapshot = z.infer<typeof reportSnapshot>;
export type SnapshotMeta = z.infer<typeof snapshotMeta>;
export type ProviderRecord = z.infer<typeof providerRecord>;
export type ConcernSummary = z.infer<typeof concernSummary>;

const e = encodeURIComponent;
const query = (params: Record<string, string | undefined>) => {
  const search = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const s = search.toString();
  return s ? `?${s}` : '';
};

export const evidenceApi = {
  /** Every recorded encounter, following the list's cursor a page at a time, newest encounter first. */
  recorded: async (schoolId: string): Promise<RecordedEncounterList> => {
    const first = await request<RecordedEncounterList>('GET', `/v1/schools/${e(schoolId)}/recorded-encounters${query({ limit: '100' })}`);
    const items = [...first.items];
    for (let cursor = first.nextCursor; cursor; ) {
      const next = await request<RecordedEncounterList>('GET', `/v1/schools/${e(schoolId)}/recorded-encounters${query({ limit: '100', cursor })}`);
      items.push(...next.items);
      cursor = next.nextCursor;
    }
    items.sort((a, b) => b.date.localeCompare(a.date) || b.recordedAt.localeCompare(a.recordedAt));
    return { ...first, items, nextCursor: null };
  },
  record: (schoolId: string, body: RecordedEncounterInput) => request<RecordedEncounter>('POST', `/v1/schools/${e(schoolId)}/recorded-encounters`, body),
  /** Corrects a record from the version the form loaded; someone else's change meanwhile answers 409 STALE_STATE. */
  correct: (schoolId: string, recordId: string, body: RecordedEncounterInput & { reason?: string }, version: number) =>
    request<RecordedEncounter>('PUT', `/v1/schools/${e(schoolId)}/recorded-encounters/${e(recordId)}`, body, 'application/json', { 'if-match': `"${version}"` }),
  deleteRecord: (schoolId: string, recordId: string, reason: string, version: number) =>
    request<{ deleted: true }>('POST', `/v1/schools/${e(schoolId)}/recorded-encounters/${e(recordId)}/delete`, { reason }, 'application/json', { 'if-match': `"${version}"` }),
  report: (schoolId: string, year: number, asOf?: string) => request<SchoolReport>('GET', `/v1/schools/${e(schoolId)}/reports/${year}${query({ asOf })}`),
  reportCsv: (schoolId: string, year: number, asOf?: string) =>
    request<string>('GET', `/v1/schools/${e(schoolId)}/reports/${year}/csv${query({ asOf })}`, undefined, 'text/csv'),
  freeze: (schoolId: string, year: number, body: { asOf?: string; label?: string }) =>
    request<SnapshotMeta>('POST', `/v1/schools/${e(schoolId)}/reports/${year}/snapshots`, body),
  snapshots: (schoolId: string, year: number) => request<{ items: SnapshotMeta[] }>('GET', `/v1/schools/${e(schoolId)}/reports/${year}/snapshots`),
  snapshot: (schoolId: string, year: number, id: string) => request<ReportSnapshot>('GET', `/v1/schools/${e(schoolId)}/reports/${year}/snapshots/${e(id)}`),
  snapshotCsv: (schoolId: string, year: number, id: string) =>
    request<string>('GET', `/v1/schools/${e(schoolId)}/reports/${year}/snapshots/${e(id)}/csv`, undefined, 'text/csv'),
  providerRecord: (orgId: string, filter: { schoolId?: string; outcome?: string; from?: string; to?: string }) =>
    request<ProviderRecord>('GET', `/v1/organisations/${e(orgId)}/request-record${query(filter)}`),
  providerRecordCsv: (orgId: string, filter: { schoolId?: string; outcome?: string; from?: string; to?: string }) =>
    request<string>('GET', `/v1/organisations/${e(orgId)}/request-record/csv${query(filter)}`, undefined, 'text/csv'),
  concern: (orgId: string, schoolId: string) => request<ConcernSummary>('GET', `/v1/organisations/${e(orgId)}/concerns/${e(schoolId)}`),
};

/** Hands a text the API answered to the browser as a file to save. */
export function saveText(text: string, filename: string, type = 'text/csv') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ---- Trusts and careers hubs ----
export type GroupOverview = z.infer<typeof groupOverview>;
export type GroupSchoolList = z.infer<typeof groupSchoolList>;
export type MyGroups = z.infer<typeof myGroupList>;
export type TemplatePushed = z.infer<typeof templatePushed>;

export const groupsApi = {
  mine: () => request<MyGroups>('GET', '/v1/groups'),
  overview: (groupId: string) => request<GroupOverview>('GET', `/v1/groups/${e(groupId)}/overview`),
  ofSchool: (schoolId: string) => request<GroupSchoolList>('GET', `/v1/schools/${e(schoolId)}/groups`),
  consent: (schoolId: string, groupId: string) => request('POST', `/v1/schools/${e(schoolId)}/groups/${e(groupId)}/consent`, {}),
  pushTemplate: (groupId: string, body: PolicyInput) => request<TemplatePushed>('POST', `/v1/groups/${e(groupId)}/policy-template`, body),
};

// ---- Get Information about Schools ----
export type GiasSchool = z.infer<typeof giasSchool>;
export type GiasImportResult = z.infer<typeof giasImportResult>;

export const giasApi = {
  school: (urn: string) => request<GiasSchool>('GET', `/v1/gias/schools/${e(urn)}`),
  /** The extract's bytes as they are (the register writes Windows-1252; the API decodes it). */
  import: (file: Blob) => request<GiasImportResult>('POST', '/v1/admin/gias/imports', file, 'application/json', { 'content-type': 'application/octet-stream' }),
};

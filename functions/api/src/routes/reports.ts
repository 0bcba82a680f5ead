import { Hono } from 'hono';
// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import {
  listPage,
  concernSummary as concernSummarySchema,
  providerRecord,
  providerRequestQuery,
  recordedEncounter,
  recordedEncounterInput,
  recordedEncounterList,
  recordedEncounterCorrection,
  recordedEncounterDeletion,
  recordedEncounterHistory,
  organisationChanged,
  reportQuery,
  rollImportInput,
  reportSnapshot,
  schoolReport,
  snapshotInput,
  snapshotList,
  snapshotMeta,
} from '@schoolgate/contracts';
import {
  buildSchoolReport,
  concernSummary,
  freezeReport,
  listRecordedEncounters,
  providerRecordCsv,
  providerRequestRecord,
  readReportSnapshot,
  readReportSnapshots,
  recordEncounter,
  correctRecordedEncounterFor,
  deleteRecordedEncounterFor,
  recordedEncounterHistory as readRecordedEncounterHistory,
  reportCsv,
  importRoll,
  Refused,
} from '@schoolgate/usecases';
import { academicYearOf, todayInLondon } from '@schoolgate/domain';
import { caller, deps, requireMember, type AppContext, type AppEnv } from '../context.js';
import { notFound } from '../problem.js';
import { route } from '../declare.js';
import { decodeListCursor, encodeListCursor } from '../cursor.js';
import { ADMIN_ROLES, ROLES } from './organisations.js';
import { etagOf, ifMatch } from './school-setup.js';

/*
 * Evidence (issue 14): encounters recorded by the school, the governors' and Ofsted report with
 * its frozen snapshots, and a provider's record of its requests.
 */

const schoolParam = z.strictObject({ id: z.string().min(1).max(64) });
const yearParam = schoolParam.extend({ year: z.coerce.number().int().min(2000).max(2100) });
const recordParam = schoolParam.extend({ recordId: z.string().min(1).max(64) });
const snapshotParam = yearParam.extend({ snapshotId: z.string().min(1).max(64) });
const csvText = z.string().describe('text/csv (RFC 4180), one header line');

const calendarMissing = () =>
  new Refused(422, [{ code: 'CALENDAR_MISSING', message: 'Enter your terms, closures and school day: compliance is judged on them.' }]);

const csv = (c: AppContext, body: string, filename: string) =>
  c.body(body, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"` });

const partnerKinds = ['provider', 'employer'] as const;

export const reports = new Hono<AppEnv>()
  .post(
    '/schools/:id/recorded-encounters',
    route({
      operationId: 'recordEncounter',
      summary: 'Record an encounter that took place before joining or off the platform; judged by the rules, it counts if it meets them',
      tag: 'Evidence',
      auth: 'school-leader',
      params: schoolParam,
      body: recordedEncounterInput,
      response: { status: 201, schema: recordedEncounter },
      problems: ['RECORD_NOT_PAST', 'UNKNOWN_PROVIDER', 'CALENDAR_MISSING', 'DISTINCT_PROVIDERS', 'FACTS_CHANGED', 'RATE_LIMITED', 'STORE_UNAVAILABLE'],
      idempotent: true,
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireMember(c, id, ADMIN_ROLES.school, ['school']);
      return c.json(await recordEncounter(deps(c), id, c.req.valid('json'), caller(c).email), 201);
    },
  )
  .put(
    '/schools/:id/recorded-encounters/:recordId',
    route({
      operationId: 'correctRecordedEncounter',
      summary: 'Correct an encounter the school recorded (If-Match: its version); judged by the rules again, the audit keeps what it was',
      tag: 'Evidence',
      auth: 'school-leader',
      params: recordParam,
      body: recordedEncounterCorrection,
      response: { schema: recordedEncounter },
      problems: ['RECORD_NOT_PAST', 'UNKNOWN_PROVIDER', 'CALENDAR_MISSING', 'DISTINCT_PROVIDERS', 'STALE_STATE', 'FACTS_CHANGED', 'RATE_LIMITED', 'STORE_UNAVAILABLE'],
    }),
    async (c) => {
      const { id, recordId } = c.req.valid('param');
      await requireMember(c, id, ADMIN_ROLES.school, ['school']);
      const corrected = await correctRecordedEncounterFor(deps(c), id, recordId, c.req.valid('json'), ifMatch(c), caller(c).email);
      c.header('ETag', etagOf(corrected.version ?? 0));
      return c.json(corrected);
    },
  )
  .post(
    '/schools/:id/recorded-encounters/:recordId/delete',
    route({
      operationId: 'deleteRecordedEncounter',
      summary: 'Delete an encounter the school recorded, saying why (If-Match: its version); the audit keeps what it was',
      tag: 'Evidence',
      auth: 'school-leader',
      params: recordParam,
      body: recordedEncounterDeletion,
      response: { schema: z.object({ deleted: z.literal(true) }) },
      problems: ['STALE_STATE', 'RATE_LIMITED', 'STORE_UNAVAILABLE'],
    }),
    async (c) => {
      const { id, recordId } = c.req.valid('param');
      await requireMember(c, id, ADMIN_ROLES.school, ['school']);
      await deleteRecordedEncounterFor(deps(c), id, recordId, c.req.valid('json').reason, ifMatch(c), caller(c).email);
      return c.json({ deleted: true as const });
    },
  )
  .get(
    '/schools/:id/recorded-encounters/:recordId/history',
    route({ operationId: 'getRecordedEncounterHistory', summary: 'A recorded encounter as it is now, and what it was before each correction or its deletion', tag: 'Evidence', auth: 'school-member', params: recordParam, response: { schema: recordedEncounterHistory }, problems: ['STORE_UNAVAILABLE'] }),
    async (c) => {
      const { id, recordId } = c.req.valid('param');
      await requireMember(c, id, ROLES.school, ['school']);
      return c.json(await readRecordedEncounterHistory(deps(c), id, recordId));
    },
  )
  .get(
    '/schools/:id/recorded-encounters',
    route({ operationId: 'listRecordedEncounters', summary: "Encounters the school recorded (a page, newest recorded first), and the past phases with nothing on record", tag: 'Evidence', auth: 'school-member', params: schoolParam, query: z.strictObject(listPage), response: { schema: recordedEncounterList }, problems: ['CALENDAR_MISSING', 'STORE_UNAVAILABLE'] }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireMember(c, id, ROLES.school, ['school']);
      const { limit, cursor } = c.req.valid('query');
      const found = await listRecordedEncounters(deps(c), id, { limit, after: decodeListCursor(cursor) });
      if (!found) throw calendarMissing();
      return c.json({ items: found.items, unrecordedPastPhases: found.unrecordedPastPhases, nextCursor: encodeListCursor(found.lastKey) });
    },
  )
  .get(
    '/schools/:id/reports/:year',
    route({ operationId: 'getSchoolReport', summary: "The governors' and Ofsted report for an academic year (its start year), as of a date", tag: 'Evidence', auth: 'school-member', params: yearParam, query: reportQuery, response: { schema: schoolReport }, problems: ['CALENDAR_MISSING', 'STORE_UNAVAILABLE'] }),
    async (c) => {
      const { id, year } = c.req.valid('param');
      await requireMember(c, id, ROLES.school, ['school']);
      const report = await buildSchoolReport(deps(c), id, year, c.req.valid('query').asOf);
      if (!report) throw calendarMissing();
      return c.json(report);
    },
  )
  .get(
    '/schools/:id/reports/:year/csv',
    route({ operationId: 'getSchoolReportCsv', summary: "The governors' and Ofsted report as CSV", tag: 'Evidence', auth: 'school-member', params: yearParam, query: reportQuery, response: { schema: csvText, contentType: 'text/csv' }, problems: ['CALENDAR_MISSING', 'STORE_UNAVAILABLE'] }),
    async (c) => {
      const { id, year } = c.req.valid('param');
      await requireMember(c, id, ROLES.school, ['school']);
      const report = await buildSchoolReport(deps(c), id, year, c.req.valid('query').asOf);
      if (!report) throw calendarMissing();
      return csv(c, reportCsv(report), `schoolgate-report-${year}-${report.asOf}.csv`);
    },
  )
  .post(
    '/schools/:id/reports/:year/snapshots',
    route({ operationId: 'freezeSchoolReport', summary: 'Freeze the report as a dated snapshot that never changes afterwards', tag: 'Evidence', auth: 'school-leader', params: yearParam, body: snapshotInput, response: { status: 201, schema: snapshotMeta }, problems: ['CALENDAR_MISSING', 'RATE_LIMITED', 'STORE_UNAVAILABLE'], idempotent: true }),
    async (c) => {
      const { id, year } = c.req.valid('param');
      await requireMember(c, id, ADMIN_ROLES.school, ['school']);
      const { asOf, label } = c.req.valid('json');
      const frozen = await freezeReport(deps(c), id, year, caller(c).email, { ...(asOf ? { asOf } : {}), ...(label ? { label } : {}) });
      if (!frozen) throw calendarMissing();
      return c.json(frozen, 201);
    },
  )
  .get(
    '/schools/:id/reports/:year/snapshots',
    route({ operationId: 'listReportSnapshots', summary: "The year's frozen reports", tag: 'Evidence', auth: 'school-member', params: yearParam, response: { schema: snapshotList }, problems: ['STORE_UNAVAILABLE'] }),
    async (c) => {
      const { id, year } = c.req.valid('param');
      await requireMember(c, id, ROLES.school, ['school']);
      return c.json({ items: await readReportSnapshots(deps(c).db, id, year) });
    },
  )
  .get(
    '/schools/:id/reports/:year/snapshots/:snapshotId',
    route({ operationId: 'getReportSnapshot', summary: 'A frozen report, exactly as it was frozen', tag: 'Evidence', auth: 'school-member', params: snapshotParam, response: { schema: reportSnapshot }, problems: ['STORE_UNAVAILABLE'] }),
    async (c) => {
      const { id, year, snapshotId } = c.req.valid('param');
      await requireMember(c, id, ROLES.school, ['school']);
      const snapshot = await readReportSnapshot(deps(c).db, id, year, snapshotId);
      if (!snapshot) throw notFound();
      return c.json(snapshot);
    },
  )
  .get(
    '/schools/:id/reports/:year/snapshots/:snapshotId/csv',
    route({ operationId: 'getReportSnapshotCsv', summary: 'A frozen report as CSV', tag: 'Evidence', auth: 'school-member', params: snapshotParam, response: { schema: csvText, contentType: 'text/csv' }, problems: ['STORE_UNAVAILABLE'] }),
    async (c) => {
      const { id, year, snapshotId } = c.req.valid('param');
      await requireMember(c, id, ROLES.school, ['school']);
      const snapshot = await readReportSnapshot(deps(c).db, id, year, snapshotId);
      if (!snapshot) throw notFound();
      return csv(c, reportCsv(snapshot.report), `schoolgate-report-${year}-${snapshot.asOf}-snapshot.csv`);
    },
  )
  .post(
    '/schools/:id/roll-import',
    route({ operationId: 'importRoll', summary: 'Import one academic year’s roll from CSV (year group, number on roll); answers the confirmed bookings it breaks', tag: 'Evidence', auth: 'school-leader', params: schoolParam, body: rollImportInput, response: { schema: organisationChanged }, problems: ['RATE_LIMITED', 'STORE_UNAVAILABLE'] }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireMember(c, id, ADMIN_ROLES.school, ['school']);
      const { csv: text, rollYear } = c.req.valid('json');
      const year = rollYear ?? academicYearOf(todayInLondon(deps(c).now()));
      return c.json(await importRoll(deps(c), id, text, year));
    },
  )
  .get(
    '/organisations/:id/request-record',
    route({ operationId: 'getProviderRecord', summary: 'Every request the organisation made: to which school, when, the outcome and the ground of each refusal', tag: 'Evidence', auth: 'partner-member', params: schoolParam, query: providerRequestQuery, response: { schema: providerRecord }, problems: ['STORE_UNAVAILABLE'] }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireMember(c, id, undefined, partnerKinds);
      return c.json({ items: await providerRequestRecord(deps(c).db, id, c.req.valid('query')) });
    },
  )
  .get(
    '/organisations/:id/request-record/csv',
    route({ operationId: 'getProviderRecordCsv', summary: "The organisation's record of requests as CSV", tag: 'Evidence', auth: 'partner-member', params: schoolParam, query: providerRequestQuery, response: { schema: csvText, contentType: 'text/csv' }, problems: ['STORE_UNAVAILABLE'] }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireMember(c, id, undefined, partnerKinds);
      return csv(c, providerRecordCsv(await providerRequestRecord(deps(c).db, id, c.req.valid('query'))), 'schoolgate-requests.csv');
    },
  )
  .get(
    '/organisations/:id/concerns/:schoolId',
    route({
      operationId: 'getConcernSummary',
      summary: "For one school, the organisation's requests and refusals with the school's published grounds: the evidence for a concern to the Careers & Enterprise Company",
      tag: 'Evidence',
      auth: 'partner-member',
      params: schoolParam.extend({ schoolId: z.string().min(1).max(64) }),
      response: { schema: concernSummarySchema },
      problems: ['STORE_UNAVAILABLE'],
    }),
    async (c) => {
      const { id, schoolId } = c.req.valid('param');
      await requireMember(c, id, undefined, partnerKinds);
      // Only the provider's own requests: a school it never asked answers 404.
      const summary = await concernSummary(deps(c), id, schoolId);
      if (!summary) throw notFound();
      return c.json(summary);
    },
  );

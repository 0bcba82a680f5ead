import type { SchoolReport } from '@schoolgate/contracts';
import {
  academicYearBounds,
  academicYearLabel,
  complianceGrid,
  computeCompliance,
  countsToward,
  describeMissing,
  policyReviewState,
  todayInLondon,
  type LocalDate,
} from '@schoolgate/domain';
import {
  getOrganisation,
  getPublishedPolicy,
  getReportSnapshot,
  getSchoolBookingsAndRecords,
  listBookingIdsOfSchoolBetween,
  listBookingsOfRequesterFrom,
  listReportSnapshots,
  putReportSnapshot,
  type BookingRecord,
  type Db,
  type PolicyRecord,
  type ReportSnapshotRecord,
} from '@schoolgate/store';
import Papa from 'papaparse';
import type { UseCaseContext } from './context.js';
import { readSchoolStanding, type SchoolStanding } from './school-standing.js';

type ReportSection = SchoolReport['sections'][number];

/**
 * A section another part of the product adds to the governors' and Ofsted report: employer
 * encounters (Benchmark 5) and work-experience placements (Benchmark 6) register one here. It
 * is given the school's standing (read once for the whole report) and answers rows of text, which
 * the page shows as a table and the CSV as lines of its own section; null leaves it out.
 *
 * @example
 * REPORT_EXTENSIONS.push({ id: 'employer-encounters', title: 'Employer encounters (Benchmark 5)',
 *   build: async (ctx, standing, year, asOf) => ({ id: 'employer-encounters', title: '…', columns: ['Date', 'Employer'], rows: [] }) });
 */
export interface ReportExtension {
  id: string;
  title: string;
  build(ctx: UseCaseContext, standing: SchoolStanding, academicYear: number, asOf: LocalDate): Promise<ReportSection | null>;
}

/** Benchmark 5 (branch `offers`) and Benchmark 6 (branch `we-place`) add their sections here. */
export const REPORT_EXTENSIONS: ReportExtension[] = [];

/** The date a report for an academic year is computed as of: today, or the year's last day once it has ended. */
export function reportDate(academicYear: number, today: LocalDate, asOf?: LocalDate): LocalDate {
  if (asOf) return asOf;
  const { end } = academicYearBounds(academicYear);
  return today < end ? today : end;
}

const groundOf = (policy: PolicyRecord | undefined, ground: { id: string; label: string } | undefined) =>
  ground ? { id: ground.id, label: ground.label, description: policy?.refusalGrounds.find((g) => g.id === ground.id)?.description ?? '' } : null;

/**
 * The governors' and Ofsted report for one academic year: the policy in force, each cohort's
 * status per key phase with its encounters, the grid of year groups × phases (most urgent first),
 * requests received and their outcomes, refusals with the published ground each relied on, and
 * the sections other features add. Its statuses are the compliance API's for the same date: both
 * are `computeCompliance` over `readSchoolStanding`.
 *
 * Its reads do not grow with the school's history: the standing (itself flat with history, and
 * the published policy's point read) beside the ids of the academic year's bookings from the
 * school's date index (gsi3, a range bounded by the year); then one strongly consistent BatchGet
 * of those bookings and of the bookings and recorded encounters behind the encounters shown.
 *
 * @example
 * const report = await buildSchoolReport(ctx, schoolId, 2026, '2027-03-10');
 */
export async function buildSchoolReport(ctx: UseCaseContext, schoolId: string, academicYear: number, asOfInput?: LocalDate): Promise<SchoolReport | undefined> {
  const asOf = reportDate(academicYear, todayInLondon(ctx.now()), asOfInput);
  const year = academicYearBounds(academicYear);
  const [standing, yearBookingIds] = await Promise.all([readSchoolStanding(ctx.db, schoolId, asOf), listBookingIdsOfSchoolBetween(ctx.db, schoolId, year.start, year.end)]);
  if (!standing) return undefined;
  const { school } = standing;
  const cohorts = computeCompliance(standing.facts, standing.encounters, asOf);
  const missing = describeMissing(cohorts);
  const missingOf = (cohort: number, phase: number) => missing.find((m) => m.cohort === cohort && m.phase === phase)?.message ?? null;
  const shown = standing.encounters.filter((e) => e.status === 'confirmed' || e.status === 'delivered');
  const recordedIds = new Set(standing.recorded.map((r) => r.id));
  // The year's requests, the bookings behind the encounters shown and those no longer counting,
  // and the recorded encounters shown: read together, as the table holds them now.
  const { bookings, recorded } = await getSchoolBookingsAndRecords(
    ctx.db,
    schoolId,
    [...yearBookingIds, ...shown.filter((e) => !recordedIds.has(e.id)).map((e) => e.id), ...standing.lapsed.keys()],
    shown.filter((e) => recordedIds.has(e.id)).map((e) => e.id),
  );
  const nameOf = (providerId: string) =>
    standing.providers.get(providerId)?.name ?? standing.settled.find((s) => s.requesterOrgId === providerId)?.requesterName ?? standing.recorded.find((r) => r.providerId === providerId)?.providerName ?? 'Unknown provider';
  const taught = standing.facts.yearGroupsTaught;
  const encountersIn = (cohort: number, phase: number, windowStart: LocalDate, deadline: LocalDate) =>
    shown
      .filter(
        (e) =>
          e.date >= windowStart &&
          e.date <= deadline &&
          e.yearGroups.some((yg) => {
            const target = countsToward(e.date, yg, taught);
            return target.phase === phase && target.cohort === cohort;
          }),
      )
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((e) => {
        const booking = bookings.get(e.id);
        const record = recorded.get(e.id);
        return {
          id: e.id,
          date: e.date,
          providerName: nameOf(e.providerId),
          format: booking?.format ?? record?.format ?? '',
          statutory: e.designation === 'statutory',
          source: record ? ('recorded' as const) : ('booked' as const),
          status: e.status,
          yearGroups: e.yearGroups,
        };
      });

  const inYear = (b: BookingRecord) => b.date >= year.start && b.date <= year.end && b.createdAt.slice(0, 10) <= asOf;
  const requests = yearBookingIds.map((id) => bookings.get(id)).filter((b): b is BookingRecord => b !== undefined && inYear(b)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const byOutcome: Record<string, number> = {};
  for (const b of requests) byOutcome[b.status] = (byOutcome[b.status] ?? 0) + 1;
  const policy = standing.policy;

  const sections: ReportSection[] = [];
  for (const extension of REPORT_EXTENSIONS) {
    const section = await extension.build(ctx, standing, academicYear, asOf);
    if (section) sections.push(section);
  }

  return {
    school: { id: school.id, name: school.name, ...(school.urn ? { urn: school.urn } : {}) },
    academicYear,
    academicYearLabel: academicYearLabel(academicYear),
    asOf,
    policy: policy
      ? {
          version: policy.version,
          agreedByGovernorsOn: policy.agreedByGovernorsOn as string,
          nextReviewOn: policy.nextReviewOn as string,
          ...(policy.publishedAt ? { publishedAt: policy.publishedAt } : {}),
          review: policyReviewState(policy.nextReviewOn as string, asOf),
        }
      : null,
    grid: complianceGrid(cohorts).map((cell) => ({ ...cell, missing: missingOf(cell.cohort, cell.phase) })),
    cohorts: cohorts.map((cohort) => ({
      cohort: cohort.cohort,
      yearGroup: cohort.yearGroup,
      phases: cohort.phases.map((phase) => ({
        phase: phase.phase,
        status: phase.status,
        windowStart: phase.window.start,
        deadline: phase.deadline,
        windowState: phase.windowState,
        providers: {
          delivered: phase.deliveredProviderIds.map(nameOf),
          confirmed: phase.plannedProviderIds.filter((p) => !phase.deliveredProviderIds.includes(p)).map(nameOf),
        },
        encounters: phase.status === 'NOT_APPLICABLE' ? [] : encountersIn(cohort.cohort, phase.phase, phase.window.start, phase.deadline),
        missing: missingOf(cohort.cohort, phase.phase),
      })),
    })),
    requests: {
      received: requests.length,
      byOutcome,
      items: requests.map((b) => ({ id: b.id, requestedOn: b.createdAt.slice(0, 10), date: b.date, providerName: b.requesterName, title: b.title, outcome: b.status })),
    },
    refusals: requests
      .filter((b) => b.status === 'declined' && b.declineGround)
      .map((b) => ({ id: b.id, requestedOn: b.createdAt.slice(0, 10), date: b.date, providerName: b.requesterName, ground: groundOf(policy, b.declineGround)!, note: b.note ?? '' })),
    noLongerCounting: [...standing.lapsed].map(([id, violations]) => {
      const booking = bookings.get(id)!;
      return { id, date: booking.date, providerName: booking.requesterName, violations };
    }),
    sections,
  };
}

const REPORT_COLUMNS = ['section', 'year_group', 'key_phase', 'status', 'date', 'provider', 'format', 'designation', 'source', 'outcome', 'ground', 'detail'];

/**
 * The report as one CSV (papaparse does the quoting): a line per grid cell, encounter, request,
 * refusal and extension row, each naming its section, after a line for the policy.
 */
export function reportCsv(report: SchoolReport): string {
  const rows: Array<Record<string, string | number>> = [];
  const row = (fields: Record<string, string | number>) => rows.push(Object.fromEntries(REPORT_COLUMNS.map((c) => [c, fields[c] ?? ''])));
  row({
    section: 'policy',
    date: report.policy?.agreedByGovernorsOn ?? '',
    detail: report.policy
      ? `version ${report.policy.version}; agreed with governors ${report.policy.agreedByGovernorsOn}; next review ${report.policy.nextReviewOn} (${report.policy.review})`
      : 'no published policy',
  });
  for (const cell of report.grid) {
    row({ section: 'grid', year_group: cell.yearGroup, key_phase: cell.phase, status: cell.status, date: cell.deadline, detail: cell.missing ?? '' });
  }
  for (const cohort of report.cohorts) {
    for (const phase of cohort.phases) {
      for (const e of phase.encounters) {
        row({
          section: 'encounter',
          year_group: cohort.yearGroup,
          key_phase: phase.phase,
          status: phase.status,
          date: e.date,
          provider: e.providerName,
          format: e.format,
          designation: e.statutory ? 'statutory' : 'supplementary',
          source: e.source,
          outcome: e.status,
        });
      }
    }
  }
  for (const r of report.requests.items) row({ section: 'request', date: r.date, provider: r.providerName, outcome: r.outcome, detail: `requested ${r.requestedOn}: ${r.title}` });
  for (const r of report.refusals) row({ section: 'refusal', date: r.date, provider: r.providerName, outcome: 'declined', ground: r.ground.label, detail: [r.ground.description, r.note].filter(Boolean).join(' — ') });
  for (const section of report.sections) {
    for (const values of section.rows) row({ section: section.id, detail: section.columns.map((c, i) => `${c}: ${values[i] ?? ''}`).join('; ') });
  }
  return Papa.unparse({ fields: REPORT_COLUMNS, data: rows.map((r) => REPORT_COLUMNS.map((c) => r[c])) });
}

/**
 * Freezes the report as it stands: stored once, never updated, so what governors saw in March
 * can be shown again in July whatever has changed since.
 */
export async function freezeReport(ctx: UseCaseContext, schoolId: string, academicYear: number, by: string, options: { asOf?: LocalDate; label?: string } = {}) {
  const report = await buildSchoolReport(ctx, schoolId, academicYear, options.asOf);
  if (!report) return undefined;
  const snapshot: ReportSnapshotRecord<SchoolReport> = {
    id: ctx.newId(),
    schoolId,
    academicYear,
    asOf: report.asOf,
    frozenAt: ctx.now().toISOString(),
    frozenBy: by,
    ...(options.label ? { label: options.label } : {}),
    report,
  };
  await putReportSnapshot(ctx.db, snapshot);
  const { report: _report, ...meta } = snapshot;
  return meta;
}

export const readReportSnapshot = (db: Db, schoolId: string, academicYear: number, snapshotId: string) =>
  getReportSnapshot<SchoolReport>(db, schoolId, academicYear, snapshotId);
export const readReportSnapshots = (db: Db, schoolId: string, academicYear?: number) => listReportSnapshots(db, schoolId, academicYear);

/** A provider's record: one row per request it made. */
export interface ProviderRequestRow {
  id: string;
  schoolId: string;
  schoolName: string;
  requestedOn: string;
  date: string;
  title: string;
  yearGroups: number[];
  outcome: string;
  ground: { id: string; label: string; description: string } | null;
  note: string;
}

export interface ProviderRecordFilter {
  schoolId?: string;
  outcome?: string;
  from?: string;
  to?: string;
}

/**
 * Every request a provider or employer made, to which school, when, its outcome and the published
 * ground of each refusal (the description as the school publishes it now), filtered, newest first.
 * Read from the provider's index (a list, not a rule).
 */
export async function providerRequestRecord(db: Db, requesterOrgId: string, filter: ProviderRecordFilter = {}): Promise<ProviderRequestRow[]> {
  const bookings = (await listBookingsOfRequesterFrom(db, requesterOrgId, filter.from ?? '0000-00-00')).filter(
    (b) =>
      (!filter.schoolId || b.schoolId === filter.schoolId) &&
      (!filter.outcome || b.status === filter.outcome) &&
      (!filter.from || b.createdAt.slice(0, 10) >= filter.from) &&
      (!filter.to || b.createdAt.slice(0, 10) <= filter.to),
  );
  const refusedAt = [...new Set(bookings.filter((b) => b.declineGround).map((b) => b.schoolId))];
  const policies = new Map(await Promise.all(refusedAt.map(async (id) => [id, await getPublishedPolicy(db, id)] as const)));
  return bookings
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map((b) => ({
      id: b.id,
      schoolId: b.schoolId,
      schoolName: b.schoolName,
      requestedOn: b.createdAt.slice(0, 10),
      date: b.date,
      title: b.title,
      yearGroups: b.yearGroups,
      outcome: b.status,
      ground: groundOf(policies.get(b.schoolId), b.declineGround),
      note: b.note ?? '',
    }));
}

const RECORD_COLUMNS = ['requested_on', 'school', 'event_date', 'title', 'year_groups', 'outcome', 'refusal_ground', 'ground_description', 'note'];

/** The provider's record as CSV (papaparse does the quoting). */
export function providerRecordCsv(rows: readonly ProviderRequestRow[]): string {
  return Papa.unparse({
    fields: RECORD_COLUMNS,
    data: rows.map((r) => [r.requestedOn, r.schoolName, r.date, r.title, r.yearGroups.join(' '), r.outcome, r.ground?.label ?? '', r.ground?.description ?? '', r.note]),
  });
}

/**
 * For one school: the provider's requests and refusals, with the school's published request
 * procedure and refusal grounds, shaped as the evidence for a concern to the Careers & Enterprise
 * Company ("register a concern") and the DfE's ladder of support.
 */
export async function concernSummary(ctx: UseCaseContext, requesterOrgId: string, schoolId: string) {
  const [provider, school, policy, requests] = await Promise.all([
    getOrganisation(ctx.db, requesterOrgId),
    getOrganisation(ctx.db, schoolId),
    getPublishedPolicy(ctx.db, schoolId),
    providerRequestRecord(ctx.db, requesterOrgId, { schoolId }),
  ]);
  if (!provider || !school || school.kind !== 'school' || requests.length === 0) return undefined;
  return {
    provider: { id: provider.id, name: provider.name, ...(provider.ukprn ? { ukprn: provider.ukprn } : {}) },
    school: { id: school.id, name: school.name, ...(school.urn ? { urn: school.urn } : {}) },
    preparedOn: todayInLondon(ctx.now()),
    policy: policy
      ? {
          version: policy.version,
          ...(policy.publishedAt ? { publishedAt: policy.publishedAt } : {}),
          requestProcedure: String(policy.requestProcedure ?? ''),
          refusalGrounds: policy.refusalGrounds.map((g) => ({ id: g.id, label: g.label, description: g.description ?? '' })),
        }
      : null,
    requests,
    counts: {
      requests: requests.length,
      refused: requests.filter((r) => r.outcome === 'declined').length,
      confirmed: requests.filter((r) => ['confirmed', 'delivered', 'not_delivered'].includes(r.outcome)).length,
    },
  };
}

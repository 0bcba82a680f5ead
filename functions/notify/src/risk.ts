import { DateTime } from 'luxon';
import type { CohortCompliance } from '@schoolgate/domain';
import { claimRiskAlert, releaseRiskAlert, schoolIdPages } from '@schoolgate/store';
import type { NotifyDeps } from './deps.js';
import { sendPlanned, type DeliveryOutcome } from './deliver.js';
import type { RiskAlertItem } from './messages.js';

/** An AT_RISK phase is worth an email only this close to its deadline (six weeks). */
export const RISK_ALERT_WINDOW_DAYS = 42;
/** Distinct providers a cohort needs per phase (the law's "2 different providers"). */
const REQUIRED_PROVIDERS = 2;

/**
 * Which cohort phases call for an AT_RISK alert on `asOf`: status AT_RISK, window open, deadline
 * within {@link RISK_ALERT_WINDOW_DAYS} days. Pure; the once-per-phase guard is applied when sending.
 *
 * @example
 * riskAlertsDue(computeCompliance(school, encounters, '2026-01-20'), '2026-01-20')
 * // [{ cohort: 2017, phase: 1, yearGroup: 9, deadline: '2026-02-28', confirmed: 1, required: 2 }]
 */
export function riskAlertsDue(compliance: readonly CohortCompliance[], asOf: string, windowDays = RISK_ALERT_WINDOW_DAYS): RiskAlertItem[] {
  const today = DateTime.fromISO(asOf, { zone: 'utc' });
  const due: RiskAlertItem[] = [];
  for (const cohort of compliance) {
    for (const phase of cohort.phases) {
      if (phase.status !== 'AT_RISK' || phase.windowState !== 'open') continue;
      const daysLeft = DateTime.fromISO(phase.deadline, { zone: 'utc' }).diff(today, 'days').days;
      if (daysLeft < 0 || daysLeft > windowDays) continue;
      due.push({
        cohort: cohort.cohort,
        phase: phase.phase,
        yearGroup: cohort.yearGroup,
        deadline: phase.deadline,
        deadlineReason: phase.deadlineReason,
        confirmed: phase.plannedProviderIds.length,
        required: REQUIRED_PROVIDERS,
      });
    }
  }
  return due.sort((a, b) => a.deadline.localeCompare(b.deadline) || a.yearGroup - b.yearGroup);
}

export interface RiskAlertSchool {
  schoolId: string;
  schoolName: string;
  contactEmail: string;
}

/**
 * Sends one school one email listing the phases that newly need an alert; each phase is claimed
 * first (keys.riskAlertSent) so it is alerted at most once, however often the daily job runs. If
 * the send fails the claims are given back and the failure is recorded for the school.
 *
 * @example
 * await sendRiskAlerts(deps, { schoolId, schoolName, contactEmail }, compliance, new Date());
 */
export async function sendRiskAlerts(
  deps: NotifyDeps,
  school: RiskAlertSchool,
  compliance: readonly CohortCompliance[],
  now: Date,
): Promise<DeliveryOutcome | undefined> {
  const asOf = DateTime.fromJSDate(now).setZone('Europe/London').toISODate() ?? '';
  const claimed: RiskAlertItem[] = [];
  for (const item of riskAlertsDue(compliance, asOf)) {
    if (await claimRiskAlert(deps.db, school.schoolId, item.cohort, item.phase, now)) claimed.push(item);
  }
  if (claimed.length === 0) return undefined;
  const outcome = await sendPlanned(
    deps,
    {
      source: { kind: 'risk-alert', eventKind: 'risk-alert', alert: { ...school, items: claimed } },
      recipient: { email: school.contactEmail, name: school.schoolName, orgId: school.schoolId },
      causingOrgId: school.schoolId,
    },
    `risk#${asOf}#${claimed.map((item) => `${item.cohort}-${item.phase}`).join('+')}`,
    now,
  );
  if (outcome.status === 'failed') {
    for (const item of claimed) await releaseRiskAlert(deps.db, school.schoolId, item.cohort, item.phase);
  }
  return outcome;
}

/**
 * Loads one school's name, contact and compliance. `schoolComplianceLoader` (compliance-loader.ts)
 * makes one from the use case `readSchoolStanding` and the domain's `computeCompliance`; it is a
 * parameter so tests can give a school any compliance.
 */
export type SchoolComplianceLoader = (schoolId: string, asOf: string) => Promise<(RiskAlertSchool & { compliance: CohortCompliance[] }) | undefined>;

/**
 * The AT_RISK sweep over every school in this process, one after another (listed through gsi1
 * `ORGS#school`): for local use and tests. On AWS the daily job sends one queue message per
 * school instead (fanout.ts), so the schools are checked in parallel and a failure retries alone.
 *
 * @example
 * await runRiskAlerts(deps, new Date(), schoolComplianceLoader(deps.db));
 */
export async function runRiskAlerts(deps: NotifyDeps, now: Date, load: SchoolComplianceLoader): Promise<{ schools: number; alerts: number; failed: number }> {
  const asOf = DateTime.fromJSDate(now).setZone('Europe/London').toISODate() ?? '';
  const summary = { schools: 0, alerts: 0, failed: 0 };
  for await (const ids of schoolIdPages(deps.db)) {
    for (const schoolId of ids) {
      const loaded = await load(schoolId, asOf);
      if (!loaded) continue;
      summary.schools += 1;
      const outcome = await sendRiskAlerts(deps, loaded, loaded.compliance, now);
      if (outcome?.status === 'sent') summary.alerts += 1;
      if (outcome?.status === 'failed') summary.failed += 1;
    }
  }
  return summary;
}

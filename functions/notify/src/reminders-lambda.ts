import { computeCompliance } from '@schoolgate/domain';
import { readSchoolStanding } from '@schoolgate/usecases';
import { depsFromEnv } from './deps.js';
import { runReminders, type ReminderRunSummary } from './reminders.js';
import { runRiskAlerts, type SchoolComplianceLoader } from './risk.js';
import { runInsuranceReminders, type InsuranceReminderSummary } from './insurance.js';

const deps = depsFromEnv(process.env);

/** Each school's compliance, its encounters judged on the facts as they are now, for the AT_RISK sweep. */
export const loadSchoolCompliance: SchoolComplianceLoader = async (schoolId, asOf) => {
  const found = await readSchoolStanding(deps.db, schoolId);
  if (!found) return undefined;
  return {
    schoolId,
    schoolName: found.school.name,
    contactEmail: found.school.notifications.contactEmail,
    compliance: computeCompliance(found.facts, found.encounters, asOf),
  };
};

/**
 * Lambda entry invoked daily by EventBridge Scheduler: due reminders, attendance prompts, and
 * alerts for cohort phases at risk within six weeks of their deadline.
 */
export async function handler(): Promise<ReminderRunSummary & { riskAlerts: Awaited<ReturnType<typeof runRiskAlerts>>; insurance: InsuranceReminderSummary }> {
  const now = new Date();
  const reminders = await runReminders(deps, now);
  const riskAlerts = await runRiskAlerts(deps, now, loadSchoolCompliance);
  // Work experience: hosts whose employers' liability insurance expires within 30 days.
  const insurance = await runInsuranceReminders(deps, now);
  return { ...reminders, riskAlerts, insurance };
}

import { computeCompliance } from '@schoolgate/domain';
import { readSchoolStanding } from '@schoolgate/usecases';
import { depsFromEnv } from './deps.js';
import { runReminders, type ReminderRunSummary } from './reminders.js';
import { runRiskAlerts, type SchoolComplianceLoader } from './risk.js';
import { runPolicyReviewReminders } from './policy-review.js';

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
export async function handler(): Promise<
  ReminderRunSummary & { riskAlerts: Awaited<ReturnType<typeof runRiskAlerts>>; policyReviews: Awaited<ReturnType<typeof runPolicyReviewReminders>> }
> {
  const now = new Date();
  const reminders = await runReminders(deps, now);
  const riskAlerts = await runRiskAlerts(deps, now, loadSchoolCompliance);
  // Evidence (issue 14): the careers leader is reminded 30 days before the policy's review date.
  const policyReviews = await runPolicyReviewReminders(deps, now);
  return { ...reminders, riskAlerts, policyReviews };
}

import { DateTime } from 'luxon';
import { policyReviewReminderDate, policyReviewState } from '@schoolgate/domain';
import { claimPolicyReviewReminder, getOrganisation, getPublishedPolicy, releasePolicyReviewReminder, schoolIdPages } from '@schoolgate/store';
import type { NotifyDeps } from './deps.js';
import { sendPlanned, type DeliveryOutcome } from './deliver.js';
import type { PolicyReviewSource } from './messages.js';

/** What the reminder needs to know about one school: its contact and its published policy's review date. */
export interface PolicyReviewSchool {
  schoolId: string;
  schoolName: string;
  contactEmail: string;
  policyVersion: number;
  nextReviewOn: string;
}

/**
 * Emails the careers leader once per review date, from 30 days before it (`policyReviewState`
 * due or overdue): the marker `POLICYREVIEW#<date>` is claimed first, so a re-run of the daily job
 * sends nothing, and given back if the send fails so the next run tries again. A new policy with
 * a new review date gets its own reminder.
 *
 * @example
 * await sendPolicyReviewReminder(deps, { schoolId, schoolName, contactEmail, policyVersion: 3, nextReviewOn: '2027-07-09' }, new Date());
 */
export async function sendPolicyReviewReminder(deps: NotifyDeps, school: PolicyReviewSchool, now: Date): Promise<DeliveryOutcome | undefined> {
  const asOf = DateTime.fromJSDate(now).setZone('Europe/London').toISODate() ?? '';
  const state = policyReviewState(school.nextReviewOn, asOf);
  if (state === 'current' || asOf < policyReviewReminderDate(school.nextReviewOn)) return undefined;
  if (!(await claimPolicyReviewReminder(deps.db, school.schoolId, school.nextReviewOn, now.toISOString()))) return undefined;
  const review: PolicyReviewSource = { ...school, state };
  const outcome = await sendPlanned(
    deps,
    {
      source: { kind: 'policy-review', eventKind: 'policy-review', review },
      recipient: { email: school.contactEmail, name: school.schoolName, orgId: school.schoolId },
      causingOrgId: school.schoolId,
    },
    `policy-review#${school.nextReviewOn}`,
    now,
  );
  if (outcome.status === 'failed') await releasePolicyReviewReminder(deps.db, school.schoolId, school.nextReviewOn);
  return outcome;
}

/** One school's contact and published policy, or undefined when it has none published. */
export async function loadPolicyReviewSchool(deps: NotifyDeps, schoolId: string): Promise<PolicyReviewSchool | undefined> {
  const [school, policy] = await Promise.all([getOrganisation(deps.db, schoolId), getPublishedPolicy(deps.db, schoolId)]);
  const nextReviewOn = policy?.nextReviewOn;
  if (!school || !policy || typeof nextReviewOn !== 'string') return undefined;
  return { schoolId, schoolName: school.name, contactEmail: school.notifications.contactEmail, policyVersion: policy.version, nextReviewOn };
}

/**
 * One school's policy review reminder, as the daily job's per-school sweep task runs it
 * (fanout.ts): its contact and published policy read, and the reminder sent when due.
 *
 * @example
 * await runPolicyReviewForSchool(deps, new Date(), 'sch_1');
 */
export async function runPolicyReviewForSchool(deps: NotifyDeps, now: Date, schoolId: string, load = loadPolicyReviewSchool): Promise<{ school: boolean; outcome?: DeliveryOutcome }> {
  const school = await load(deps, schoolId);
  if (!school) return { school: false };
  const outcome = await sendPolicyReviewReminder(deps, school, now);
  return { school: true, ...(outcome ? { outcome } : {}) };
}

/**
 * Every school (gsi1 `ORGS#school`) in series, in this process: for tests and local runs. The
 * deployed daily job sends one sweep task per school instead (fanout.ts), so a failure retries alone.
 */
export async function runPolicyReviewReminders(deps: NotifyDeps, now: Date, load = loadPolicyReviewSchool): Promise<{ schools: number; sent: number; failed: number }> {
  const summary = { schools: 0, sent: 0, failed: 0 };
  for await (const page of schoolIdPages(deps.db)) for (const schoolId of page) {
    const { school, outcome } = await runPolicyReviewForSchool(deps, now, schoolId, load);
    if (!school) continue;
    summary.schools += 1;
    if (outcome?.status === 'sent') summary.sent += 1;
    if (outcome?.status === 'failed') summary.failed += 1;
  }
  return summary;
}

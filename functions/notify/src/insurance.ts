import { DateTime } from 'luxon';
import { INSURANCE_REMINDER_DAYS } from '@schoolgate/domain';
import { claimInsuranceReminder, getOrganisation, packsExpiringOn, releaseInsuranceReminder } from '@schoolgate/store';
import { SCHOOL_TIME_ZONE } from '@schoolgate/calendar-files';
import type { NotifyDeps } from './deps.js';
import { sendPlanned, type DeliveryOutcome } from './deliver.js';

export interface InsuranceReminderSummary {
  sent: number;
  failed: number;
}

/** The expiry dates the daily insurance reminder looks at: today and the next 30 days (school time). */
export function insuranceReminderDates(now: Date): string[] {
  const today = DateTime.fromJSDate(now).setZone(SCHOOL_TIME_ZONE).startOf('day');
  return Array.from({ length: INSURANCE_REMINDER_DAYS + 1 }, (_, daysAhead) => today.plus({ days: daysAhead }).toISODate() ?? '');
}

/**
 * The insurance reminder for one expiry date (work experience safety pack): each host whose
 * employers' liability insurance expires that day (gsi2 `INSURANCEEXPIRY#<date>`) is emailed once per
 * expiry date, so a pack entered with 20 days left is still reminded, and a re-run sends nothing
 * twice (keys.insuranceReminderSent). A failed send gives the claim back and is shown to the host,
 * as other reminders are. The daily job runs one of these per date as a sweep task (fanout.ts).
 *
 * @example
 * await runInsuranceRemindersForDate(deps, new Date(), '2027-01-19');
 */
export async function runInsuranceRemindersForDate(deps: NotifyDeps, now: Date, date: string): Promise<InsuranceReminderSummary> {
  const summary: InsuranceReminderSummary = { sent: 0, failed: 0 };
  for (const pack of await packsExpiringOn(deps.db, date)) {
    // The index is eventually consistent: skip a pack whose expiry moved on since it was indexed.
    if (!pack.insurance || pack.insurance.expiresOn !== date) continue;
    const host = await getOrganisation(deps.db, pack.hostOrgId);
    if (!host) continue;
    if (!(await claimInsuranceReminder(deps.db, pack.hostOrgId, date, now))) continue;
    const outcome: DeliveryOutcome = await sendPlanned(
      deps,
      {
        source: {
          kind: 'insurance-expiring',
          eventKind: 'insurance-expiring',
          expiry: { hostOrgId: host.id, hostName: host.name, insurer: pack.insurance.insurer, policyNumber: pack.insurance.policyNumber, expiresOn: date },
        },
        recipient: { email: host.notifications.contactEmail, name: host.name, orgId: host.id },
        causingOrgId: host.id,
      },
      `insurance#${host.id}#${date}`,
      now,
    );
    if (outcome.status === 'sent') summary.sent += 1;
    if (outcome.status === 'failed') {
      summary.failed += 1;
      await releaseInsuranceReminder(deps.db, pack.hostOrgId, date);
    }
  }
  return summary;
}

/**
 * Every date's insurance reminders in series, in this process: for tests and local runs. The
 * deployed daily job sends one sweep task per date instead (fanout.ts), so a failure retries alone.
 *
 * @example
 * await runInsuranceReminders(deps, new Date());
 */
export async function runInsuranceReminders(deps: NotifyDeps, now: Date): Promise<InsuranceReminderSummary> {
  const summary: InsuranceReminderSummary = { sent: 0, failed: 0 };
  for (const date of insuranceReminderDates(now)) {
    const day = await runInsuranceRemindersForDate(deps, now, date);
    summary.sent += day.sent;
    summary.failed += day.failed;
  }
  return summary;
}

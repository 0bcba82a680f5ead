import { DateTime } from 'luxon';
import { claimReminder, listConfirmedBookingsOn, releaseReminder } from '@schoolgate/store';
import type { NotifyDeps } from './deps.js';
import { sendPlanned, type DeliveryOutcome } from './deliver.js';
import { SCHOOL_TIME_ZONE } from '@schoolgate/calendar-files';
import type { PlannedMessage } from './messages.js';

/** Reminders further ahead than this are not looked for (the settings page offers up to 30 days). */
export const MAX_REMINDER_DAYS = 30;
/** How far back a missed attendance prompt is still sent (covers a schedule that did not run for a while). */
export const ATTENDANCE_LOOKBACK_DAYS = 14;

export interface ReminderRunSummary {
  /** The school-local date the run treated as today. */
  today: string;
  reminders: number;
  attendancePrompts: number;
  failed: number;
}

/**
 * The daily run: reminders N days before each confirmed booking, for each side whose
 * `reminderDaysBefore` holds N (an empty list switches them off), and one attendance prompt to the
 * school for each past booking still only `confirmed`. Each goes once, guarded by a marker, so
 * re-running a day sends nothing twice.
 *
 * @example
 * const summary = await runReminders(deps, new Date());
 */
export async function runReminders(deps: NotifyDeps, now: Date): Promise<ReminderRunSummary> {
  const today = DateTime.fromJSDate(now).setZone(SCHOOL_TIME_ZONE).startOf('day');
  const summary: ReminderRunSummary = { today: today.toISODate() ?? '', reminders: 0, attendancePrompts: 0, failed: 0 };
  const count = (outcome: DeliveryOutcome, field: 'reminders' | 'attendancePrompts') => {
    if (outcome.status === 'sent') summary[field] += 1;
    else if (outcome.status === 'failed') summary.failed += 1;
  };

  for (let daysAhead = 0; daysAhead <= MAX_REMINDER_DAYS; daysAhead += 1) {
    const date = today.plus({ days: daysAhead }).toISODate() ?? '';
    for (const snapshot of await listConfirmedBookingsOn(deps.db, date)) {
      for (const audience of ['school', 'requester'] as const) {
        const party = snapshot[audience];
        if (!party.reminderDaysBefore.includes(daysAhead)) continue;
        const marker = `before-${daysAhead}#${audience}`;
        const planned: PlannedMessage = {
          source: { kind: 'reminder', audience, booking: snapshot, eventKind: 'reminder', daysBefore: daysAhead },
          recipient: { email: party.contactEmail, name: party.name, orgId: party.orgId },
          // Nobody acted: a failed reminder is shown to the organisation that expected it.
          causingOrgId: party.orgId,
        };
        count(await sendOnce(deps, snapshot.bookingId, marker, planned, now), 'reminders');
      }
    }
  }

  for (let daysAgo = 1; daysAgo <= ATTENDANCE_LOOKBACK_DAYS; daysAgo += 1) {
    const date = today.minus({ days: daysAgo }).toISODate() ?? '';
    for (const snapshot of await listConfirmedBookingsOn(deps.db, date)) {
      const planned: PlannedMessage = {
        source: { kind: 'attendance-prompt', audience: 'school', booking: snapshot, eventKind: 'attendance-prompt' },
        recipient: { email: snapshot.school.contactEmail, name: snapshot.school.name, orgId: snapshot.school.orgId },
        causingOrgId: snapshot.school.orgId,
      };
      count(await sendOnce(deps, snapshot.bookingId, 'attendance', planned, now), 'attendancePrompts');
    }
  }
  return summary;
}

async function sendOnce(deps: NotifyDeps, bookingId: string, marker: string, planned: PlannedMessage, now: Date): Promise<DeliveryOutcome> {
  if (!(await claimReminder(deps.db, bookingId, marker, now))) {
    return { status: 'skipped', recipient: planned.recipient.email, messageKind: planned.source.kind, reason: 'already sent' };
  }
  const outcome = await sendPlanned(deps, planned, `reminder#${bookingId}#${marker}`, now);
  // A failed reminder is recorded for the organisation; giving the marker back lets a re-run today try again.
  if (outcome.status === 'failed') await releaseReminder(deps.db, bookingId, marker);
  return outcome;
}

import { DateTime } from 'luxon';
import { BOOKING_DATE_SHARDS, claimReminder, listConfirmedBookingsOnShard, listConfirmedPlacementsOnShard, placementEventData, releaseReminder } from '@schoolgate/store';
import type { NotifyDeps } from './deps.js';
import { sendPlanned, type DeliveryOutcome } from './deliver.js';
import { SCHOOL_TIME_ZONE } from '@schoolgate/calendar-files';
import type { PlannedMessage } from './messages.js';
import { placementSnapshot } from './placement-messages.js';

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

/** The school-local day a run treats as today, from the moment it runs. */
export const runDay = (now: Date) => DateTime.fromJSDate(now).setZone(SCHOOL_TIME_ZONE).startOf('day');

/**
 * The dates one daily run looks at: today and the next {@link MAX_REMINDER_DAYS} days for
 * reminders, the past {@link ATTENDANCE_LOOKBACK_DAYS} days for attendance prompts.
 *
 * @example
 * reminderDates(new Date('2026-03-10T07:00:00Z'))[0] // '2026-03-10'
 */
export function reminderDates(now: Date): string[] {
  const today = runDay(now);
  const dates: string[] = [];
  for (let daysAhead = 0; daysAhead <= MAX_REMINDER_DAYS; daysAhead += 1) dates.push(today.plus({ days: daysAhead }).toISODate() ?? '');
  for (let daysAgo = 1; daysAgo <= ATTENDANCE_LOOKBACK_DAYS; daysAgo += 1) dates.push(today.minus({ days: daysAgo }).toISODate() ?? '');
  return dates;
}

/**
 * One date in one shard of the by-date index: reminders N days before each confirmed booking
 * (for each side whose `reminderDaysBefore` holds N; an empty list switches them off) when the
 * date is today or later, or one attendance prompt to the school for each booking still only
 * `confirmed` when the date has passed. Each goes once, guarded by a marker, so re-running a day
 * (or a retried queue message) sends nothing twice. The daily job fans these out through a queue.
 *
 * @example
 * const summary = await runRemindersForShard(deps, new Date(), '2026-03-17', 3);
 */
export async function runRemindersForShard(deps: NotifyDeps, now: Date, date: string, shard: number): Promise<ReminderRunSummary> {
  const today = runDay(now);
  const summary: ReminderRunSummary = { today: today.toISODate() ?? '', reminders: 0, attendancePrompts: 0, failed: 0 };
  const count = (outcome: DeliveryOutcome, field: 'reminders' | 'attendancePrompts') => {
    if (outcome.status === 'sent') summary[field] += 1;
    else if (outcome.status === 'failed') summary.failed += 1;
  };
  const daysAhead = Math.round(DateTime.fromISO(date, { zone: SCHOOL_TIME_ZONE }).diff(today, 'days').days);
  if (daysAhead > MAX_REMINDER_DAYS || daysAhead < -ATTENDANCE_LOOKBACK_DAYS) return summary;
  for (const snapshot of await listConfirmedBookingsOnShard(deps.db, date, shard)) {
    if (daysAhead < 0) {
      const planned: PlannedMessage = {
        source: { kind: 'attendance-prompt', audience: 'school', booking: snapshot, eventKind: 'attendance-prompt' },
        recipient: { email: snapshot.school.contactEmail, name: snapshot.school.name, orgId: snapshot.school.orgId },
        causingOrgId: snapshot.school.orgId,
      };
      count(await sendOnce(deps, snapshot.bookingId, 'attendance', planned, now), 'attendancePrompts');
      continue;
    }
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
  if (daysAhead >= 0) {
    // Work experience placements starting on this date (gsi2 by first day, same shard): each side's
    // contacts are reminded N days before, as that side's reminderDaysBefore asks.
    for (const booking of await listConfirmedPlacementsOnShard(deps.db, date, shard)) {
      const placement = await placementSnapshot(deps.db, placementEventData(booking));
      if (!placement) continue;
      for (const audience of ['school', 'host'] as const) {
        const party = placement[audience];
        if (!party.reminderDaysBefore.includes(daysAhead)) continue;
        for (const email of audience === 'school' ? placement.schoolContacts : placement.hostContacts) {
          const planned: PlannedMessage = {
            source: { kind: 'placement-reminder', audience, placement, eventKind: 'placement-reminder', daysBefore: daysAhead },
            recipient: { email, name: party.name, orgId: party.orgId },
            causingOrgId: party.orgId,
          };
          count(await sendOnce(deps, booking.id, `placement-before-${daysAhead}#${audience}#${email}`, planned, now), 'reminders');
        }
      }
    }
  }
  return summary;
}

/**
 * The whole daily run in this process, each date's shards in parallel: for local use and tests.
 * On AWS the daily job fans the same (date, shard) tasks out through a queue (see fanout.ts).
 *
 * @example
 * const summary = await runReminders(deps, new Date());
 */
export async function runReminders(deps: NotifyDeps, now: Date): Promise<ReminderRunSummary> {
  const summary: ReminderRunSummary = { today: runDay(now).toISODate() ?? '', reminders: 0, attendancePrompts: 0, failed: 0 };
  const dates = reminderDates(now);
  // Every shard of a date in parallel, as the by-date index is meant to be read, four dates at a time.
  for (let i = 0; i < dates.length; i += 4) {
    const tasks = dates.slice(i, i + 4).flatMap((date) => Array.from({ length: BOOKING_DATE_SHARDS }, (_, shard) => ({ date, shard })));
    const parts = await Promise.all(tasks.map(({ date, shard }) => runRemindersForShard(deps, now, date, shard)));
    for (const part of parts) {
      summary.reminders += part.reminders;
      summary.attendancePrompts += part.attendancePrompts;
      summary.failed += part.failed;
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

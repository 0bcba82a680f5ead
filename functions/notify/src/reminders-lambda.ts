import { depsFromEnv } from './deps.js';
import { runReminders, type ReminderRunSummary } from './reminders.js';

const deps = depsFromEnv(process.env);

/** Lambda entry invoked daily by EventBridge Scheduler: sends due reminders and attendance prompts. */
export async function handler(): Promise<ReminderRunSummary> {
  return runReminders(deps, new Date());
}

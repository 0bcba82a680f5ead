// The notifier's public surface for the API (failure list, resend) and for local runs
// (scripts/start.ts). The Lambda entries (stream-lambda.ts, reminders-lambda.ts) do not import this
// file, so the local SES server and poller stay out of the Lambda bundles.
export { createSes, depsFromEnv, defaultRetryPolicy, type NotifyDeps, type RetryPolicy } from './deps.js';
export { handleStreamEvent, outboxEventOf } from './stream.js';
export { deliverWebhooks, defaultWebhookRetry, webhookRecipient, type WebhookOptions } from './webhooks.js';
export { deliverEvent, resendFailedDelivery, sendPlanned, SEND_LEASE_MS, type DeliveryOutcome } from './deliver.js';
export { listDeliveryFailures, getDeliveryFailure, type DeliveryFailure } from '@schoolgate/store';
export { runReminders, runRemindersForShard, reminderDates, MAX_REMINDER_DAYS, ATTENDANCE_LOOKBACK_DAYS, type ReminderRunSummary } from './reminders.js';
export { bookingInvite, bookingUid, type InviteMethod } from '@schoolgate/calendar-files';
export { composeMessage, messagesForEvent, type MessageKind, type MessageSource, type PlannedMessage } from './messages.js';
export { renderEmail, type EmailContent, type RenderedEmail } from './templates.js';
export { startLocalSes, readLocalMail, sendLocalEmail, type LocalSentEmail } from './local-ses.js';
export {
  startLocalStreamPoller,
  runRemindersOnce,
  localNotifyDeps,
  type LocalNotifyOptions,
  type LocalStreamPoller,
  type LocalStreamPollerOptions,
} from './local-poller.js';
export { riskAlertsDue, sendRiskAlerts, runRiskAlerts, RISK_ALERT_WINDOW_DAYS, type RiskAlertSchool, type SchoolComplianceLoader } from './risk.js';
export {
  dispatchDailySweep,
  handleSweepBatch,
  inProcessTaskQueue,
  runSweepTask,
  sqsTaskQueue,
  type SweepDispatch,
  type SweepTask,
  type TaskQueue,
} from './fanout.js';
export { schoolComplianceLoader } from './compliance-loader.js';
export { insuranceReminderDates, runInsuranceReminders, runInsuranceRemindersForDate, type InsuranceReminderSummary } from './insurance.js';

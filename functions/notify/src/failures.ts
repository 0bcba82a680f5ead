// The part of the notifier the API Lambda needs (list and resend failed deliveries). Import this
// entry ('@schoolgate/notify/failures') from Lambda code: the package index also exports the local
// SES server and stream poller, which must not end up in a Lambda bundle.
export { createSes, depsFromEnv, type NotifyDeps } from './deps.js';
export { resendFailedDelivery, type DeliveryOutcome } from './deliver.js';
export { listDeliveryFailures, getDeliveryFailure, type DeliveryFailure } from '@schoolgate/store';

import { requestResend } from '@schoolgate/store';
import type { UseCaseContext } from './context.js';

/** Queues an undelivered email to be sent again; the stream consumer does the sending. */
export async function resendFailedEmail(ctx: UseCaseContext, input: { orgId: string; eventId: string; recipient: string; requestedBy: string }): Promise<void> {
  await requestResend(
    ctx.db,
    { orgId: input.orgId, failedEventId: input.eventId, recipient: input.recipient.toLowerCase(), requestedBy: input.requestedBy },
    ctx.newId(),
    ctx.now().toISOString(),
  );
}

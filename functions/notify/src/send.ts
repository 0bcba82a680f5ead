import { SendEmailCommand, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { defaultRetryPolicy, type NotifyDeps, type RetryPolicy } from './deps.js';
import { bookingInvite, placementInvite } from '@schoolgate/calendar-files';
import type { ComposedMessage } from './messages.js';
import { buildRawEmail } from './mime.js';
import { renderEmail } from './templates.js';

/** SES errors that mean "try again shortly"; anything else (a rejected address, an unverified sender) will not get better. */
const TRANSIENT_NAMES = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalFailure',
  'InternalServerError',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
]);

/**
 * True for errors worth another try: throttling, 5xx and network failures.
 *
 * @example
 * isTransient(Object.assign(new Error('slow down'), { name: 'Throttling' })) // true
 */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const meta = error as Error & { $retryable?: unknown; $metadata?: { httpStatusCode?: number }; code?: string };
  if (meta.$retryable) return true;
  const status = meta.$metadata?.httpStatusCode;
  if (status !== undefined && (status >= 500 || status === 429)) return true;
  return TRANSIENT_NAMES.has(error.name) || (meta.code !== undefined && TRANSIENT_NAMES.has(meta.code));
}

/** A send that gave up, with how many tries it took. */
export class SendFailedError extends Error {
  constructor(
    cause: unknown,
    readonly attempts: number,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = cause instanceof Error ? cause.name : 'SendFailed';
  }
}

const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

/**
 * Runs `attempt` until it succeeds, fails permanently, or the policy's tries run out; waits with
 * full-jitter exponential backoff between tries so a throttled burst spreads out.
 *
 * @example
 * const { value, attempts } = await withRetry(() => ses.send(command), defaultRetryPolicy);
 */
export async function withRetry<T>(attempt: () => Promise<T>, policy: RetryPolicy): Promise<{ value: T; attempts: number }> {
  for (let tries = 1; ; tries += 1) {
    try {
      return { value: await attempt(), attempts: tries };
    } catch (error) {
      if (tries >= policy.attempts || !isTransient(error)) throw new SendFailedError(error, tries);
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (tries - 1));
      await sleep(Math.random() * ceiling);
    }
  }
}

/**
 * Renders and sends one message through SES: SendEmail for plain messages, SendRawEmail when a
 * calendar invite is attached. Throws {@link SendFailedError} when it gives up.
 *
 * @example
 * const { messageId, attempts } = await sendComposed(deps, composed, new Date());
 */
export async function sendComposed(deps: NotifyDeps, composed: ComposedMessage, now: Date): Promise<{ messageId: string; attempts: number }> {
  const rendered = renderEmail(composed.content);
  const to = composed.recipient;
  const configuration = deps.configurationSet ? { ConfigurationSetName: deps.configurationSet } : {};
  const policy = deps.retry ?? defaultRetryPolicy;
  if (composed.invite) {
    const ics = 'placement' in composed.invite ? placementInvite(composed.invite.placement, composed.invite.method, now) : bookingInvite(composed.invite.booking, composed.invite.method, now);
    const raw = await buildRawEmail({ from: deps.fromAddress, to, ...rendered, invite: { method: composed.invite.method, ics } });
    const command = new SendRawEmailCommand({ Source: deps.fromAddress, Destinations: [to.email], RawMessage: { Data: raw }, ...configuration });
    const { value, attempts } = await withRetry(() => deps.ses.send(command), policy);
    return { messageId: value.MessageId ?? '', attempts };
  }
  {
    const command = new SendEmailCommand({
      Source: deps.fromAddress,
      Destination: { ToAddresses: [to.email] },
      Message: {
        Subject: { Data: rendered.subject, Charset: 'UTF-8' },
        Body: { Text: { Data: rendered.text, Charset: 'UTF-8' }, Html: { Data: rendered.html, Charset: 'UTF-8' } },
      },
      ...configuration,
    });
    const { value, attempts } = await withRetry(() => deps.ses.send(command), policy);
    return { messageId: value.MessageId ?? '', attempts };
  }
}

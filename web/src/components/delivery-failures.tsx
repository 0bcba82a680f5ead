import { useState } from 'react';
import { api, type DeliveryFailure, type FieldError } from '../api';
import { formatInstant } from '../format';
import { errorsFrom } from '../validation';
import { Button } from './forms';
import { NotificationBanner } from './ui';

/**
 * Emails this organisation's actions caused that never arrived, so nobody believes a message got
 * through when it did not; each can be sent again once the address is checked.
 */
/** How many failures the banner lists before it says how many more there are. */
const SHOWN = 5;

export function DeliveryFailures({ orgId, items }: { orgId: string; items: DeliveryFailure[] }) {
  const [queued, setQueued] = useState<ReadonlySet<string>>(new Set());
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [all, setAll] = useState(false);
  // The longest unnoticed first; the rest are one click away, never silently left off.
  const open = items.filter((f) => f.status !== 'resent').sort((a, b) => a.failedAt.localeCompare(b.failedAt));
  if (!open.length) return null;
  const key = (f: DeliveryFailure) => `${f.eventId}|${f.recipient}`;
  async function resend(f: DeliveryFailure) {
    try {
      await api.resendDelivery(orgId, { eventId: f.eventId, recipient: f.recipient });
      setQueued((done) => new Set(done).add(key(f)));
      setErrors([]);
    } catch (error) {
      setErrors(errorsFrom(error));
    }
  }
  return (
    <NotificationBanner heading={`${open.length === 1 ? 'An email' : `${open.length} emails`} could not be delivered`}>
      <ul className="govuk-list">
        {(all ? open : open.slice(0, SHOWN)).map((f) => (
          <li key={key(f)}>
            {formatInstant(f.failedAt)}: {f.summary} to {f.recipient} failed ({f.error}).{' '}
            {f.status === 'queued' || queued.has(key(f)) ? (
              <strong>Sending again</strong>
            ) : (
              <Button secondary type="button" onClick={() => void resend(f)}>
                Send again<span className="govuk-visually-hidden"> to {f.recipient}</span>
              </Button>
            )}
          </li>
        ))}
      </ul>
      {!all && open.length > SHOWN ? (
        <p className="govuk-body" data-testid="more-failures">
          And {open.length - SHOWN} more.{' '}
          <Button secondary type="button" onClick={() => setAll(true)}>
            Show all {open.length}
          </Button>
        </p>
      ) : null}
      {errors.length ? <p className="govuk-error-message">{errors.map((e) => e.message).join(' ')}</p> : null}
      <p className="govuk-body">Check the email address first; if it still fails, contact the person another way.</p>
    </NotificationBanner>
  );
}

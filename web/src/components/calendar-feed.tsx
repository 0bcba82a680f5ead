import { useState } from 'react';
import { api, type FieldError } from '../api';
import { formatInstant } from '../format';
import { errorsFrom } from '../validation';
import { Button, ErrorSummary } from './forms';
import { Loaded, useLoad } from './states';
import { Inset } from './ui';

/**
 * The organisation's private calendar feed: an address Outlook or Google Calendar subscribes to,
 * serving its confirmed bookings. The address is shown once, when made; making a new one stops the
 * old one; stopping it asks first.
 */
export function CalendarFeedSection({ orgId }: { orgId: string }) {
  const load = useLoad(() => api.calendarFeed(orgId), [orgId]);
  const [made, setMade] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [stopped, setStopped] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  async function act(action: () => Promise<void>) {
    setBusy(true);
    try {
      await action();
      setErrors([]);
    } catch (error) {
      setErrors(errorsFrom(error));
    } finally {
      setBusy(false);
    }
  }
  const make = () =>
    act(async () => {
      setMade((await api.makeCalendarFeed(orgId)).url);
      setStopped(false);
      load.reload();
    });
  const stop = () =>
    act(async () => {
      await api.stopCalendarFeed(orgId);
      setMade(null);
      setConfirming(false);
      setStopped(true);
      load.reload();
    });

  return (
    <section aria-labelledby="calendar-feed" data-testid="calendar-feed">
      <h2 className="govuk-heading-m" id="calendar-feed">
        Calendar feed
      </h2>
      <p className="govuk-body">Subscribe to your confirmed bookings from Outlook, Google Calendar or Apple Calendar. Changes appear there on their own.</p>
      <ErrorSummary errors={errors} title="The calendar feed could not be changed" />
      <Loaded load={load} what="Checking your calendar feed">
        {(feed) => (
          <>
            {made ? (
              <Inset>
                <p className="govuk-body">
                  <label className="govuk-label govuk-label--s" htmlFor="calendar-feed-url">
                    Your calendar address
                  </label>
                </p>
                <input className="govuk-input" id="calendar-feed-url" readOnly value={made} spellCheck={false} onFocus={(event) => event.currentTarget.select()} />
                <p className="govuk-body govuk-!-margin-top-3">
                  Copy it now: we show it only once. Anyone with it can see your bookings, so share it only with your own calendar.
                </p>
              </Inset>
            ) : feed.live ? (
              <p className="govuk-body">Your calendar feed is on (address made {formatInstant(feed.createdAt!)}). Make a new address if you have lost it or shared it by mistake.</p>
            ) : (
              <p className="govuk-body">{stopped ? 'Your calendar feed is stopped: calendars subscribed to it no longer update.' : 'You have no calendar feed yet.'}</p>
            )}
            {confirming ? (
              <div className="govuk-warning-text" role="alert">
                <span className="govuk-warning-text__icon" aria-hidden="true">
                  !
                </span>
                <strong className="govuk-warning-text__text">
                  <span className="govuk-visually-hidden">Warning</span>
                  Calendars subscribed to this address will stop updating. Stop the calendar feed?
                </strong>
                <div className="govuk-button-group govuk-!-margin-top-3">
                  <Button type="button" warning disabled={busy} onClick={stop}>
                    Yes, stop the feed
                  </Button>
                  <Button type="button" secondary onClick={() => setConfirming(false)}>
                    Keep it
                  </Button>
                </div>
              </div>
            ) : (
              <div className="govuk-button-group">
                <Button type="button" secondary disabled={busy} onClick={make}>
                  {feed.live ? 'Make a new address (the old one stops)' : 'Make a calendar address'}
                </Button>
                {feed.live ? (
                  <Button type="button" secondary disabled={busy} onClick={() => setConfirming(true)}>
                    Stop the calendar feed
                  </Button>
                ) : null}
              </div>
            )}
          </>
        )}
      </Loaded>
    </section>
  );
}

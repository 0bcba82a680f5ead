import { useEffect } from 'react';
import { useLocation } from 'react-router';
import type { DaysAfterInsuranceExpiry } from '../work-experience-api';
import { formatDate } from '../format';
import { Table } from './ui';

/**
 * Work experience pieces both sides show (issue 12): bookings already confirmed for days after the
 * host's insurance expires, and the scroll to `#placement-<id>` an email's link asks for once the
 * list it names has loaded.
 */

/** Scrolls to and focuses the element the URL's fragment names once `ready` (the list has loaded). */
export function useScrollToHash(ready: boolean) {
  const { hash } = useLocation();
  useEffect(() => {
    if (!ready || !hash) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) return;
    target.scrollIntoView();
    target.focus({ preventScroll: true });
  }, [ready, hash]);
}

/** The list (or nothing, when it is empty): who, which placement, which days fall after which expiry. */
export function DaysAfterExpiryList({ list, side }: { list: DaysAfterInsuranceExpiry; side: 'host' | 'school' }) {
  if (!list.items.length) return null;
  return (
    <section className="govuk-!-margin-bottom-6" id="after-insurance-expiry" aria-labelledby="after-insurance-expiry-heading">
      <div>
        <h2 className="govuk-heading-m" id="after-insurance-expiry-heading">Placements confirmed after the insurance expires</h2>
        <p className="govuk-body">
          {side === 'host'
            ? 'These days were confirmed before your employers’ liability insurance changed. Upload the renewed certificate so the schools can review your pack again, or talk to them.'
            : 'These days were confirmed before the employer’s insurance date changed. Ask the employer for its renewed certificate, or cancel the placement.'}
        </p>
        <Table
          caption={<span className="govuk-visually-hidden">Placements confirmed after the insurance expires</span>}
          captionSize="s"
          head={[side === 'host' ? 'School' : 'Employer', 'Placement', 'Insurance expires', 'Days after it']}
          rows={list.items.map((item) => [
            side === 'host' ? item.schoolName : (item.hostName ?? ''),
            item.title,
            formatDate(item.insuranceExpiresOn),
            item.days.map(formatDate).join('; '),
          ])}
        />
      </div>
    </section>
  );
}

import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDate, timeRange } from '../format';

/** A confirmed statutory booking that no longer meets a rule, as the API lists it. */
export interface BrokenBooking {
  bookingId: string;
  title: string;
  date: string;
  start?: string;
  end?: string;
  /** Who is coming: the provider or employer. */
  providerName: string;
  violations: { code: string; message: string }[];
}

/**
 * The confirmed bookings a change of the school's facts has broken (an INSET day on their date, a
 * roll grown past their hall), each with why and a link to the booking, where the careers leader
 * can keep it as supplementary or cancel it with a reason the provider is told.
 */
export function BrokenBookings({ schoolId, bookings, heading, children }: { schoolId: string; bookings: BrokenBooking[]; heading: string; children?: ReactNode }) {
  if (!bookings.length) return null;
  return (
    <div className="govuk-notification-banner" role="region" aria-labelledby="broken-bookings-title" data-testid="broken-bookings">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="broken-bookings-title">
          Important
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{heading}</p>
        <p className="govuk-body">
          {bookings.length === 1
            ? 'It no longer counts toward the provider access duty. Open it to keep it as a supplementary encounter or to cancel it.'
            : 'They no longer count toward the provider access duty. Open each to keep it as a supplementary encounter or to cancel it.'}
        </p>
        <ul className="govuk-list govuk-list--spaced">
          {bookings.map((booking) => (
            <li key={booking.bookingId}>
              <Link className="govuk-notification-banner__link" to={`/schools/${schoolId}/bookings/${booking.bookingId}`}>
                {booking.title}, {formatDate(booking.date)}
                {booking.start && booking.end ? `, ${timeRange(booking.start, booking.end)}` : ''} with {booking.providerName}
              </Link>
              {booking.violations.map((violation) => (
                <p className="govuk-body govuk-!-margin-bottom-0" key={violation.code + violation.message}>
                  {violation.message}
                </p>
              ))}
            </li>
          ))}
        </ul>
        {children}
      </div>
    </div>
  );
}

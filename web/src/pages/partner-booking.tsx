import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../api';
import { ErrorSummary } from '../components/forms';
import { Column, Page } from '../components/Page';
import { useAction } from '../components/use-action';
import { Loaded, useLoad } from '../components/states';
import { BackLink, BookingStatusTag, NotificationBanner, SummaryList } from '../components/ui';
import { FORMAT_LABELS, formatDate, yearGroupList } from '../format';
import { requesterStatusText } from './partner';
import { Audit, CancelForm } from './school-bookings';
import { Reschedule, WithdrawForm } from '../components/reschedule';

/**
 * One request or booking as the provider or employer that made it sees it: what, when and where,
 * the school's decision, and what they can still do (withdraw a request, cancel a booking). Emails
 * to the requester link here.
 */
export function RequesterBookingPage() {
  const { orgId = '', schoolId = '', bookingId = '' } = useParams();
  const load = useLoad(() => api.booking(schoolId, bookingId), [schoolId, bookingId]);
  const { errors, setErrors, busy, attempt } = useAction();
  const [notice, setNotice] = useState<string | null>(null);

  async function run(action: () => Promise<unknown>, message: string) {
    if (!(await attempt(action))) return;
    setNotice(message);
    load.reload();
  }

  const title =
    load.state === 'ok' ? `${load.data.status === 'requested' || load.data.status === 'withdrawn' || load.data.status === 'declined' ? 'Your request to' : 'Your booking at'} ${load.data.schoolName}` : 'Your booking';
  return (
    <Page title={title} before={<BackLink to={`/organisations/${orgId}/bookings`}>All my bookings</BackLink>}>
      <Loaded load={load}>
        {(booking) => (
          <Column>
            {notice ? <NotificationBanner success title="Success" heading={notice} /> : null}
            <ErrorSummary errors={errors} />
            <SummaryList
              rows={[
                {
                  key: 'Status',
                  value: (
                    <>
                      <BookingStatusTag status={booking.status} /> <span className="govuk-body-s">{requesterStatusText(booking.status)}</span>
                    </>
                  ),
                },
                { key: 'School', value: booking.schoolName },
                { key: 'Slot', value: `${booking.title} (${FORMAT_LABELS[booking.format] ?? booking.format})` },
                { key: 'When', value: `${formatDate(booking.date)}, ${booking.start} to ${booking.end}` },
                { key: 'Year groups', value: yearGroupList(booking.yearGroups) },
                { key: 'Venue', value: booking.venueName },
                { key: 'Counts toward the duty', value: booking.statutory ? 'Yes' : 'No, supplementary' },
                { key: 'Your message', value: booking.message || 'None' },
                ...(booking.declineGround ? [{ key: 'Declined because', value: booking.declineGround.label }] : []),
                ...(booking.note ? [{ key: 'Note from the school', value: booking.note }] : []),
                ...(booking.reason ? [{ key: 'Reason', value: booking.reason }] : []),
              ]}
            />
            {booking.status === 'requested' && booking.offerId ? (
              <p className="govuk-body">
                {booking.schoolName} booked your offer.{' '}
                <Link className="govuk-link" to={`/organisations/${orgId}/offers`}>
                  Confirm or decline it on your offers page
                </Link>
                .
              </p>
            ) : booking.status === 'requested' ? (
              <WithdrawForm busy={busy} errors={errors} setErrors={setErrors} onWithdraw={(reason) => void run(() => api.withdraw(schoolId, bookingId, reason), 'Your request is withdrawn')} />
            ) : null}
            <Reschedule
              booking={booking}
              side="requester"
              onDone={(message) => {
                setNotice(message);
                load.reload();
              }}
            />
            {booking.status === 'confirmed' ? (
              <CancelForm busy={busy} errors={errors} setErrors={setErrors} onCancel={(reason) => void run(() => api.cancel(schoolId, bookingId, reason), 'The booking is cancelled')} />
            ) : null}
            <Audit booking={booking} />
            <p className="govuk-body">
              <Link className="govuk-link" to={`/organisations/${orgId}/slots`}>
                Find other slots
              </Link>
            </p>
          </Column>
        )}
      </Loaded>
    </Page>
  );
}

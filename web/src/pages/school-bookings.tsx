import { OfferBookingWaiting } from './offers-school';
import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, ApiError, type Booking, type BookingDetail, type FieldError, type PolicyState, type Proposal } from '../api';
import { Button, ErrorSummary, Radios, Textarea, errorFor } from '../components/forms';
import { DeclineFields } from '../components/decline-fields';
import { Column, Page } from '../components/Page';
import { Empty, Loaded, useLoad } from '../components/states';
import { MoreLinks, useListCursor } from '../components/more';
import { BackLink, BookingStatusTag, NotificationBanner, SummaryList, Table } from '../components/ui';
import { FORMAT_LABELS, formatDate, formatInstant, todayInLondon, yearGroupList } from '../format';
import { errorsFrom } from '../validation';
import { isOpenProposal, proposalWhen } from './school-proposals';
import { Reschedule } from '../components/reschedule';
import { ReasonedAction, type ReasonedActionProps } from '../components/reasoned-action';

function whenText(b: Pick<Booking, 'date' | 'start' | 'end'>) {
  return `${formatDate(b.date)}, ${b.start} to ${b.end}`;
}

export function RequestsPage() {
  const { schoolId = '' } = useParams();
  const cursor = useListCursor();
  const proposalsCursor = useListCursor('proposals');
  const load = useLoad(
    () =>
      Promise.all([
        // The school's own bookings of offers wait for the host, not for the school (offers-school.tsx).
        api.schoolBookings(schoolId, 'requested', cursor).then((r) => ({ ...r, items: r.items.filter((b) => !b.offerId) })),
        api.proposals(schoolId, proposalsCursor).catch(() => ({ items: [] as Proposal[], nextCursor: null })),
      ]),
    [schoolId, cursor, proposalsCursor],
  );
  return (
    <Page title="Requests" wide before={<BackLink to={`/schools/${schoolId}`}>Back to overview</BackLink>}>
      <Loaded load={load}>
        {([requests, proposals]) => (
          <>
            {requests.items.length ? (
              <Table
                caption="Waiting for your decision"
                head={['Requested by', 'Slot', 'When', 'Message', 'Received', 'Action']}
                rows={[...requests.items]
                  .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
                  .map((b) => [
                    <>
                      {b.requesterName}
                      {b.accompanyingEmployer ? <span className="govuk-body-s"> with {b.accompanyingEmployer}</span> : null}
                    </>,
                    `${b.title} (${yearGroupList(b.yearGroups)})`,
                    whenText(b),
                    // The whole message is on the request's own page; the inbox shows its start.
                    b.message ? (b.message.length > 140 ? `${b.message.slice(0, 139)}…` : b.message) : 'None',
                    formatInstant(b.createdAt),
                    <Link className="govuk-link" to={`/schools/${schoolId}/bookings/${b.id}`}>
                      Decide<span className="govuk-visually-hidden"> on the request from {b.requesterName} for {b.title}</span>
                    </Link>,
                  ])}
              />
            ) : (
              <Empty>There are no requests waiting for a decision. When a provider requests one of your slots it appears here.</Empty>
            )}
            {proposals.items.filter(isOpenProposal).length ? (
              <Table
                caption="Times proposed by providers"
                head={['Proposed by', 'When', 'Year groups', 'Format', 'Message', 'Action']}
                rows={proposals.items.filter(isOpenProposal).map((p) => [
                  p.requesterName,
                  proposalWhen(p),
                  yearGroupList(p.yearGroups),
                  FORMAT_LABELS[p.format] ?? p.format,
                  p.message || 'None',
                  <Link className="govuk-link" to={`/schools/${schoolId}/requests/proposals/${p.id}`}>
                    Decide<span className="govuk-visually-hidden"> on the time proposed by {p.requesterName} for {formatDate(p.date)}</span>
                  </Link>,
                ])}
              />
            ) : (
              <Empty>There are no proposed times waiting. A provider can propose a time within your published access times when none of your slots suit.</Empty>
            )}
          </>
        )}
      </Loaded>
      {load.state === 'ok' ? <MoreLinks nextCursor={load.data[0].nextCursor} what="requests" /> : null}
      {load.state === 'ok' ? <MoreLinks nextCursor={load.data[1].nextCursor} what="proposals" name="proposals" /> : null}
    </Page>
  );
}

export function SchoolBookingsPage() {
  const { schoolId = '' } = useParams();
  const cursor = useListCursor();
  const load = useLoad(() => api.schoolBookings(schoolId, undefined, cursor), [schoolId, cursor]);
  const today = todayInLondon();
  return (
    <Page title="Bookings" wide before={<BackLink to={`/schools/${schoolId}`}>Back to overview</BackLink>}>
      <Loaded load={load}>
        {({ items }) => {
          const live = items.filter((b) => b.status !== 'withdrawn');
          const upcoming = live.filter((b) => b.date >= today).sort((a, b) => (a.date + a.start).localeCompare(b.date + b.start));
          const past = live.filter((b) => b.date < today).sort((a, b) => (b.date + b.start).localeCompare(a.date + a.start));
          const rows = (list: Booking[], pastList: boolean) =>
            list.map((b) => [
              whenText(b),
              `${b.title} (${yearGroupList(b.yearGroups)})`,
              b.requesterName,
              <BookingStatusTag status={b.status} />,
              <Link className="govuk-link" to={`/schools/${schoolId}/bookings/${b.id}`}>
                {pastList && b.status === 'confirmed' ? 'Record attendance' : 'View'}
                <span className="govuk-visually-hidden"> booking with {b.requesterName} on {formatDate(b.date)}</span>
              </Link>,
            ]);
          if (!live.length) return <Empty>No bookings yet. Requests you approve appear here.</Empty>;
          return (
            <>
              {upcoming.length ? (
                <Table caption="Coming up" head={['When', 'Slot', 'Provider', 'Status', 'Action']} rows={rows(upcoming, false)} />
              ) : (
                <Empty>Nothing is booked from today onwards.</Empty>
              )}
              {past.length ? <Table caption="Past" head={['When', 'Slot', 'Provider', 'Status', 'Action']} rows={rows(past, true)} /> : null}
            </>
          );
        }}
      </Loaded>
      {load.state === 'ok' ? <MoreLinks nextCursor={load.data.nextCursor} what="bookings" /> : null}
    </Page>
  );
}

export function BookingPage() {
  const { schoolId = '', bookingId = '' } = useParams();
  const [params] = useSearchParams();
  const load = useLoad(
    () =>
      Promise.all([
        api.booking(schoolId, bookingId),
        api.policy(schoolId).catch(() => null),
        // Reschedule (issue 15): the school's other open slots it may offer instead.
        api.slots(schoolId).then((page) => page.items).catch(() => []),
      ]),
    [schoolId, bookingId],
  );
  const [notice, setNotice] = useState<string | null>(null);
  const title = load.state === 'ok' ? (load.data[0].status === 'requested' ? `Request from ${load.data[0].requesterName}` : `Booking with ${load.data[0].requesterName}`) : 'Booking';
  return (
    <Page title={title} before={<BackLink to={params.get('from') === 'bookings' ? `/schools/${schoolId}/bookings` : `/schools/${schoolId}/requests`} />}>
      <Loaded load={load}>
        {([booking, policy, slots]) => (
          <Column>
            {notice ? (
              <NotificationBanner success title="Success" heading={notice}>
                <p className="govuk-body">
                  <Link className="govuk-notification-banner__link" to={`/schools/${schoolId}/requests`}>
                    Back to requests
                  </Link>
                </p>
              </NotificationBanner>
            ) : null}
            <BookingSummary booking={booking} />
            <Reschedule
              booking={booking}
              side="school"
              otherSlots={slots
                .filter((s) => s.id !== booking.slotId && s.status === 'open' && s.confirmedCount < s.places && s.date > todayInLondon())
                .map((s) => ({ id: s.id, text: `${s.title}: ${whenText(s)}` }))}
              onDone={(message) => {
                setNotice(message);
                load.reload();
              }}
            />
            <Decide
              booking={booking}
              policy={policy}
              onDone={(message) => {
                setNotice(message);
                load.reload();
              }}
            />
            <Audit booking={booking} />
          </Column>
        )}
      </Loaded>
    </Page>
  );
}

function BookingSummary({ booking }: { booking: Booking }) {
  return (
    <SummaryList
      rows={[
        { key: 'Status', value: <BookingStatusTag status={booking.status} /> },
        { key: booking.offerId ? 'Offered by' : 'Requested by', value: `${booking.requesterName} (${booking.requesterKind})` },
        ...(booking.groupName ? [{ key: 'Group', value: `${booking.groupName}, ${booking.pupils} pupils` }] : []),
        ...(booking.accompanyingEmployer ? [{ key: 'Bringing an employer', value: booking.accompanyingEmployer }] : []),
        { key: 'Slot', value: booking.title },
        { key: 'When', value: whenText(booking) },
        { key: 'Year groups', value: yearGroupList(booking.yearGroups) },
        { key: 'Venue', value: booking.venueName },
        { key: 'Counts toward the duty', value: booking.statutory ? 'Yes' : 'No, supplementary' },
        { key: 'Message', value: booking.message || 'None' },
        ...(booking.declineGround ? [{ key: 'Declined because', value: booking.declineGround.label }] : []),
        ...(booking.note ? [{ key: 'Note', value: booking.note }] : []),
        ...(booking.reason ? [{ key: 'Reason', value: booking.reason }] : []),
      ]}
    />
  );
}

function Decide({ booking, policy, onDone }: { booking: BookingDetail; policy: PolicyState | null; onDone: (message: string) => void }) {
  const [choice, setChoice] = useState('');
  const [groundId, setGroundId] = useState('');
  const [note, setNote] = useState('');
  const [delivered, setDelivered] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  // Set when approval was refused because, on the facts as they are now, the booking cannot count
  // toward the duty: a repeat provider in the phase (409) or a rule of the law it breaks (422).
  const [cannotCount, setCannotCount] = useState<'repeat' | 'rule' | null>(null);
  const grounds = (policy?.published ?? policy?.draft)?.refusalGrounds ?? [];

  async function run(action: () => Promise<unknown>, message: string) {
    setBusy(true);
    try {
      await action();
      setErrors([]);
      setChoice('');
      setCannotCount(null);
      onDone(message);
    } catch (error) {
      setErrors(errorsFrom(error));
      setCannotCount(
        error instanceof ApiError && error.status === 409 && error.code === 'DISTINCT_PROVIDERS'
          ? 'repeat'
          : error instanceof ApiError && error.status === 422
            ? 'rule'
            : null,
      );
    } finally {
      setBusy(false);
    }
  }

  async function submitDecision(event: FormEvent) {
    event.preventDefault();
    if (!choice) return setErrors([{ field: 'decision', message: 'Choose whether to approve or decline the request' }]);
    if (choice === 'approve') return run(() => api.approve(booking.schoolId, booking.id), `You approved the request from ${booking.requesterName}`);
    if (!groundId) return setErrors([{ field: 'groundId', message: 'Choose the published ground for declining' }]);
    return run(() => api.decline(booking.schoolId, booking.id, { groundId, note }), `You declined the request from ${booking.requesterName}`);
  }

  if (booking.status === 'requested' && booking.offerId) return <OfferBookingWaiting booking={booking} onDone={onDone} />;
  if (booking.status === 'requested') {
    return (
      <>
        <ErrorSummary errors={errors} title={cannotCount ? 'This request cannot count toward the duty' : 'There is a problem'} />
        {cannotCount ? (
          <div className="govuk-inset-text" data-testid="supplementary-choice">
            <p className="govuk-body">
              {cannotCount === 'repeat'
                ? 'Within one key phase, a year group’s two statutory encounters must come from two different providers.'
                : 'On your calendar, roll, venues and policy as they are now, this encounter breaks the rule shown above.'}{' '}
              You can still confirm {booking.requesterName}’s visit: it is recorded, but does not count toward the six encounters.
            </p>
            <Button
              type="button"
              disabled={busy}
              onClick={() =>
                void run(
                  () => api.approve(booking.schoolId, booking.id, { asSupplementary: true }),
                  `You approved the request from ${booking.requesterName} as a supplementary encounter`,
                )
              }
            >
              Confirm as a supplementary encounter (it will not count toward the six)
            </Button>
            <p className="govuk-body">Or decline it below on one of your published grounds.</p>
          </div>
        ) : null}
        <form onSubmit={submitDecision} noValidate>
          <Radios
            name="decision"
            legend="What is your decision?"
            legendClass="govuk-fieldset__legend--m"
            value={choice}
            onChange={setChoice}
            error={errorFor(errors, 'decision')}
            choices={[
              { value: 'approve', text: 'Approve', hint: 'The booking is confirmed and both sides get a calendar invitation' },
              { value: 'decline', text: 'Decline', hint: 'You must give one of your published grounds; the provider sees it' },
            ]}
          />
          {choice === 'decline' ? (
            <DeclineFields grounds={grounds} groundId={groundId} onGroundChange={setGroundId} note={note} onNoteChange={setNote} errors={errors} what="request" />
          ) : null}
          <Button disabled={busy}>Confirm decision</Button>
        </form>
      </>
    );
  }

  if (booking.status === 'confirmed') {
    const past = booking.date < todayInLondon() || (booking.date === todayInLondon() && booking.end <= new Date().toTimeString().slice(0, 5));
    return (
      <>
        <ErrorSummary errors={errors} />
        {past ? (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (!delivered) return setErrors([{ field: 'delivered', message: 'Choose whether the encounter took place' }]);
              void run(() => api.attendance(booking.schoolId, booking.id, { delivered: delivered === 'yes', note }), 'Attendance recorded');
            }}
          >
            <Radios
              name="delivered"
              legend="Did this encounter take place?"
              legendClass="govuk-fieldset__legend--m"
              hint="Only delivered encounters count toward the duty"
              inline
              value={delivered}
              onChange={setDelivered}
              error={errorFor(errors, 'delivered')}
              choices={[
                { value: 'yes', text: 'Yes' },
                { value: 'no', text: 'No' },
              ]}
            />
            <Textarea name="note" label="Note (optional)" rows={3} value={note} onChange={setNote} />
            <Button disabled={busy}>Record attendance</Button>
          </form>
        ) : (
          <>
            {booking.statutory ? (
              <div data-testid="keep-as-supplementary">
                <h2 className="govuk-heading-m">Keep it without counting it</h2>
                <p className="govuk-body">
                  If this booking no longer meets the rules (after a change to your term dates, roll or venues), you can keep the visit as a supplementary
                  encounter: it stays booked, but stops counting toward the six encounters, and {booking.requesterName} can be booked again in the phase.
                </p>
                <Button
                  type="button"
                  secondary
                  disabled={busy}
                  onClick={() => void run(() => api.redesignate(booking.schoolId, booking.id), 'The booking is kept as a supplementary encounter')}
                >
                  Keep as a supplementary encounter
                </Button>
              </div>
            ) : null}
            <CancelForm busy={busy} errors={errors} setErrors={setErrors} onCancel={(reason) => run(() => api.cancel(booking.schoolId, booking.id, reason), 'The booking is cancelled')} />
          </>
        )}
      </>
    );
  }
  return null;
}

/** Cancel a confirmed booking, from the booking itself: a reason and a confirm button in one step. */
export function CancelForm({ onCancel, ...props }: Omit<ReasonedActionProps, 'onConfirm'> & { onCancel: (reason: string) => void }) {
  return (
    <ReasonedAction
      {...props}
      onConfirm={onCancel}
      field="reason"
      open="Cancel this booking"
      label="Why are you cancelling?"
      hint="The other side sees this"
      missing="Enter why you are cancelling"
      confirm="Cancel booking"
      keep="Keep booking"
    />
  );
}

export function Audit({ booking }: { booking: BookingDetail }) {
  if (!booking.audit?.length) return null;
  return (
    <Table
      caption="History"
      captionSize="s"
      head={['When', 'Who', 'Change']}
      rows={booking.audit.map((a) => [formatInstant(a.at), a.actor, `${a.from ? `${a.from} to ` : ''}${a.to}${a.reason ? `: ${a.reason}` : ''}`])}
    />
  );
}

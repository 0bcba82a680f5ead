import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useParams, useSearchParams, useNavigate } from 'react-router';
import { proposalInput, slotFormats } from '@schoolgate/contracts';
import { api, ApiError, type Booking, type FieldError, type Proposal, type PublicPolicy, type SearchSlot } from '../api';
import { DEFAULT_WITHIN_KM, DistanceFields, distanceErrors } from '../components/place';
import { Button, DateInput, ErrorSummary, Select, TextInput, Textarea, errorFor } from '../components/forms';
import { Column, Page } from '../components/Page';
import { weekdayList } from '../components/PolicyStatement';
import { useAction } from '../components/use-action';
import { Empty, Loaded, useLoad } from '../components/states';
import { NearUnknown, NeedsLocation, SearchColumns, SearchResults, dateRangeErrors, placeProblem } from '../components/search-results';
import { FormatSelect, TimeFields, YearGroupFields } from '../components/slot-fields';
import { MoreLinks, useListCursor } from '../components/more';
import { BackLink, BookingStatusTag, Inset, NotificationBanner, SummaryList, Table, Tag } from '../components/ui';
import { FORMAT_LABELS, addDays, formatDate, formatInstant, fromDateParts, toDateParts, todayInLondon, yearGroupList, YEAR_GROUPS, yearsTaught, type DateParts } from '../format';
import { useMe } from '../session';
import { errorsFrom, zodErrors } from '../validation';
import { CancelForm } from './school-bookings';
import { DeliveryFailures } from '../components/delivery-failures';
import { InvitedBanner, InviteLink } from './invite';

/** What the requester sees for each status, in words that cannot be mistaken for a confirmed booking. */
export function requesterStatusText(status: string): string {
  switch (status) {
    case 'requested':
      return 'Requested — awaiting the school’s decision';
    case 'confirmed':
      return 'Confirmed by the school';
    case 'declined':
      return 'Declined by the school';
    case 'withdrawn':
      return 'You withdrew this request';
    case 'cancelled':
      return 'Cancelled';
    case 'delivered':
      return 'Took place';
    case 'not_delivered':
      return 'Did not take place';
    default:
      return status;
  }
}

export function PartnerDashboardPage() {
  const { orgId = '' } = useParams();
  const me = useMe();
  const membership = me.memberships.find((m) => m.orgId === orgId);
  const load = useLoad(() => Promise.all([api.myBookings(orgId), api.deliveryFailures(orgId).catch(() => null)]), [orgId]);
  return (
    <Page title={membership?.orgName ?? 'Your organisation'} caption={membership?.kind === 'employer' ? 'Employer' : 'Provider'}>
      <Column>
        <InvitedBanner membership={membership} />
        {membership && !membership.verified ? (
          <NotificationBanner heading="Your organisation is waiting to be verified">
            <p className="govuk-body">A Schoolgate administrator will check your details. You can search for slots in the meantime.</p>
          </NotificationBanner>
        ) : null}
        <Loaded load={load}>
          {([bookings, failures]) => {
            const requested = bookings.items.filter((b) => b.status === 'requested').length;
            const confirmed = bookings.items.filter((b) => b.status === 'confirmed').length;
            return (
              <>
                <DeliveryFailures orgId={orgId} items={failures?.items ?? []} />
                <ul className="govuk-list govuk-list--bullet">
                  <li>{requested === 1 ? '1 request is' : `${requested} requests are`} awaiting a school’s decision</li>
                  <li>{confirmed === 1 ? '1 booking is' : `${confirmed} bookings are`} confirmed</li>
                </ul>
              </>
            );
          }}
        </Loaded>
        <p className="govuk-body">
          <Link className="govuk-button govuk-!-margin-right-2" to={`/organisations/${orgId}/slots`} role="button" draggable={false}>
            Find slots
          </Link>
          <Link className="govuk-button govuk-button--secondary govuk-!-margin-right-2" to={`/organisations/${orgId}/schools`} role="button" draggable={false}>
            Find schools
          </Link>
          <Link className="govuk-button govuk-button--secondary" to={`/organisations/${orgId}/bookings`} role="button" draggable={false}>
            My bookings
          </Link>
        </p>
        <h2 className="govuk-heading-m">Your organisation</h2>
        <p className="govuk-body">
          <Link className="govuk-link" to={`/organisations/${orgId}/settings`}>
            Organisation settings
          </Link>{' '}
          – your details, location for searching by distance, and email notifications.
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to={`/organisations/${orgId}/safety-pack`}>
            Safety pack
          </Link>{' '}
          – your insurance, health and safety policy, risk assessment and safeguarding, for schools placing pupils on work experience.
        </p>
        <InviteLink membership={membership} />
      </Column>
    </Page>
  );
}

export function SearchPage() {
  const { orgId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const today = todayInLondon();
  const criteria = {
    from: params.get('from') ?? today,
    to: params.get('to') ?? addDays(today, 180),
    yearGroup: params.get('yearGroup') ?? '',
    format: params.get('format') ?? '',
    // Distance is always part of a search: 50 km unless the searcher says otherwise, shown in the form.
    withinKm: params.get('withinKm') ?? String(DEFAULT_WITHIN_KM),
    near: params.get('near') ?? '',
  };
  const [form, setForm] = useState({ ...criteria, fromParts: toDateParts(criteria.from), toParts: toDateParts(criteria.to) });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const key = params.toString();
  const load = useLoad(() => api.searchSlots({ orgId, ...criteria, limit: 20, cursor }), [orgId, key, cursor]);
  // The API refuses a search from an organisation it cannot place unless it names a postcode to
  // search near; a postcode it cannot place is named back on the field.
  const { noLocation, nearUnknown, onField } = placeProblem(load, criteria.near);

  function submit(event: FormEvent) {
    event.preventDefault();
    const from = fromDateParts(form.fromParts);
    const to = fromDateParts(form.toParts);
    const withinKm = form.withinKm.trim();
    const near = form.near.trim();
    const found = [...dateRangeErrors(from, to), ...distanceErrors(withinKm, near)];
    setErrors(found);
    if (found.length) return;
    setCursor(undefined);
    const next = new URLSearchParams();
    next.set('from', from!);
    next.set('to', to!);
    if (form.yearGroup) next.set('yearGroup', form.yearGroup);
    if (form.format) next.set('format', form.format);
    next.set('withinKm', withinKm);
    if (near) next.set('near', near.toUpperCase());
    setParams(next);
  }

  return (
    <Page title="Find slots" wide>
      <SearchColumns
        label="Filter slots"
        errors={errors}
        onSubmit={submit}
        filters={
          <>
            <DateInput name="from" legend="From" hint="" value={form.fromParts} onChange={(v) => setForm({ ...form, fromParts: v })} error={errorFor(errors, 'from')} />
            <DateInput name="to" legend="To" hint="" value={form.toParts} onChange={(v) => setForm({ ...form, toParts: v })} error={errorFor(errors, 'to')} />
            <Select
              name="yearGroup"
              label="Year group"
              value={form.yearGroup}
              onChange={(v) => setForm({ ...form, yearGroup: v })}
              options={[{ value: '', text: 'Any year group' }, ...YEAR_GROUPS.map((y) => ({ value: String(y), text: `Year ${y}` }))]}
            />
            <Select
              name="format"
              label="Format"
              value={form.format}
              onChange={(v) => setForm({ ...form, format: v })}
              options={[{ value: '', text: 'Any format' }, ...slotFormats.map((f) => ({ value: f, text: FORMAT_LABELS[f] ?? f }))]}
            />
            <DistanceFields
              withinKm={form.withinKm}
              near={form.near}
              onChange={(change) => setForm({ ...form, ...change })}
              errors={errors}
              placeProblem={onField}
            />
          </>
        }
      >
        {noLocation ? (
          <NeedsLocation orgId={orgId} returnTo={`/organisations/${orgId}/slots?${key}`} />
        ) : nearUnknown ? (
          <NearUnknown near={criteria.near} message={nearUnknown} />
        ) : (
          <SearchResults
            load={load}
            finding="Finding slots"
            noun={['slot', 'slots']}
            onMore={setCursor}
            empty={
              <>
                No slots match. Try a wider date range or distance, or{' '}
                <Link className="govuk-link" to="/">
                  go back
                </Link>
                .
              </>
            }
          >
            {(s) => <SlotResult key={`${s.schoolId}-${s.id}`} slot={s} orgId={orgId} />}
          </SearchResults>
        )}
      </SearchColumns>
    </Page>
  );
}

function placesLeft(s: SearchSlot) {
  return s.placesLeft;
}

function SlotResult({ slot, orgId }: { slot: SearchSlot; orgId: string }) {
  const left = placesLeft(slot);
  return (
    <li className="sg-result">
      <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
        <Link className="govuk-link" to={`/organisations/${orgId}/slots/${slot.schoolId}/${slot.id}`}>
          {slot.title}
          <span className="govuk-visually-hidden">, {slot.schoolName}</span>
        </Link>
      </h3>
      <p className="govuk-body govuk-!-margin-bottom-1">
        {slot.schoolName}
        {slot.distanceKm !== undefined ? `, ${slot.distanceKm.toFixed(1)} km away` : ''}
      </p>
      {slot.schoolUrn ? (
        <p className="govuk-body-s govuk-!-margin-bottom-1">
          <Link className="govuk-link" to={`/policies/${encodeURIComponent(slot.schoolUrn)}`}>
            Read {slot.schoolName}’s access policy
          </Link>
        </p>
      ) : null}
      <p className="govuk-body-s govuk-!-margin-bottom-1">
        {formatDate(slot.date)}, {slot.start} to {slot.end}. {FORMAT_LABELS[slot.format]} for {yearGroupList(slot.yearGroups)}.
      </p>
      <p className="govuk-body-s">
        {left > 0 ? <Tag colour="green">{left === 1 ? '1 place left' : `${left} places left`}</Tag> : <Tag colour="grey">Full</Tag>}{' '}
        {slot.statutory ? <Tag colour="blue">Counts toward the duty</Tag> : null}
      </p>
    </li>
  );
}

export function SlotRequestPage() {
  const { orgId = '', schoolId = '', slotId = '' } = useParams();
  const me = useMe();
  const membership = me.memberships.find((m) => m.orgId === orgId);
  const load = useLoad(async () => {
    const [slot, school] = await Promise.all([api.slot(schoolId, slotId), api.school(schoolId)]);
    const policy: PublicPolicy | null = school.urn ? await api.publicPolicy(school.urn).catch(() => null) : null;
    return { slot, school, policy };
  }, [schoolId, slotId]);
  const [message, setMessage] = useState('');
  const [employer, setEmployer] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [booking, setBooking] = useState<Booking | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (message.length > 2000) return setErrors([{ field: 'message', message: 'Your message must be 2,000 characters or fewer' }]);
    setBusy(true);
    try {
      setBooking(
        await api.requestSlot(orgId, {
          schoolId,
          slotId,
          message: message.trim(),
          ...(employer.trim() ? { accompanyingEmployer: employer.trim() } : {}),
        }),
      );
      setErrors([]);
    } catch (error) {
      setErrors(errorsFrom(error));
    } finally {
      setBusy(false);
    }
  }

  const title = booking ? 'Request sent' : load.state === 'ok' ? load.data.slot.title : 'Slot';
  return (
    <Page title={title} caption={load.state === 'ok' ? load.data.slot.schoolName : undefined} before={<BackLink to={`/organisations/${orgId}/slots`}>Back to search</BackLink>}>
      <Loaded load={load}>
        {({ slot, school, policy }) => (
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-two-thirds-from-desktop">
              {booking ? (
                <div className="sg-requested" data-testid="requested">
                  <p className="govuk-body-l">
                    <Tag colour="blue">Requested</Tag> <strong>Requested — awaiting the school’s decision.</strong>
                  </p>
                  <p className="govuk-body">
                    This is not a booking yet. {slot.schoolName} will approve or decline your request. We will email you when they decide, and you
                    can follow it in <Link className="govuk-link" to={`/organisations/${orgId}/bookings`}>my bookings</Link>.
                  </p>
                </div>
              ) : null}
              <SummaryList
                rows={[
                  { key: 'School', value: `${slot.schoolName}${school.postcode ? `, ${school.postcode}` : ''}` },
                  { key: 'When', value: `${formatDate(slot.date)}, ${slot.start} to ${slot.end}` },
                  { key: 'Format', value: FORMAT_LABELS[slot.format] },
                  { key: 'Year groups', value: yearGroupList(slot.yearGroups) },
                  { key: 'Venue', value: slot.venueName },
                  { key: 'Places', value: `${placesLeft(slot)} of ${slot.places} left` },
                  { key: 'Counts toward the duty', value: slot.statutory ? 'Yes' : 'No, supplementary' },
                  ...(slot.description ? [{ key: 'Details', value: slot.description }] : []),
                ]}
              />
              {booking ? null : membership?.kind === 'school' ? null : (
                <>
                  <h2 className="govuk-heading-m">Request this slot</h2>
                  <ErrorSummary errors={errors} title={errors.some((e) => e.code) ? 'You cannot request this slot' : 'There is a problem'} />
                  <form onSubmit={submit} noValidate>
                    <Textarea name="message" label="Message to the school (optional)" hint="What you would like to cover and who will come" rows={4} value={message} onChange={setMessage} error={errorFor(errors, 'message')} />
                    {membership?.kind === 'provider' ? (
                      <TextInput
                        name="accompanyingEmployer"
                        label="Employer coming with you (optional)"
                        hint="You may bring an employer with you; the school may not unreasonably refuse that"
                        value={employer}
                        onChange={setEmployer}
                        error={errorFor(errors, 'accompanyingEmployer')}
                      />
                    ) : null}
                    <Button disabled={busy}>Send request</Button>
                  </form>
                  <p className="govuk-body">
                    None of these times work?{' '}
                    <Link className="govuk-link" to={`/organisations/${orgId}/propose/${schoolId}`}>
                      Propose a time to {slot.schoolName}
                    </Link>
                  </p>
                </>
              )}
            </div>
            <aside className="govuk-grid-column-one-third-from-desktop" aria-labelledby="policy-heading">
              <div className="sg-aside">
                <h2 className="govuk-heading-s" id="policy-heading">
                  {slot.schoolName}’s access policy
                </h2>
                {policy ? (
                  <>
                    <p className="govuk-body-s">Notice: at least {policy.noticePeriodSchoolDays} school days.</p>
                    <p className="govuk-body-s">
                      Visits: {policy.accessTimes.map((t) => `${weekdayList(t.weekdays)} ${t.start} to ${t.end}`).join('; ')}.
                    </p>
                    <p className="govuk-body-s">The school may refuse a request only on a published ground:</p>
                    <ul className="govuk-list govuk-list--bullet govuk-body-s">
                      {policy.refusalGrounds.map((g) => (
                        <li key={g.id}>{g.label}</li>
                      ))}
                    </ul>
                    <p className="govuk-body-s">
                      Contact: {policy.contact.name}, {policy.contact.role}.{' '}
                      <Link className="govuk-link" to={`/policies/${policy.school.urn}`}>
                        Read the full policy
                      </Link>
                    </p>
                  </>
                ) : (
                  <p className="govuk-body-s">This school has not published its provider access policy yet.</p>
                )}
              </div>
            </aside>
          </div>
        )}
      </Loaded>
    </Page>
  );
}

/** The proposer's view of a proposal's outcome; an accepted one is only a slot, still to be requested. */
export function ProposalOutcomeTag({ proposal }: { proposal: Pick<Proposal, 'status' | 'declineGround'> }) {
  if (proposal.status === 'accepted') return <Tag colour="green">Accepted — request the new slot</Tag>;
  if (proposal.status === 'declined') return <Tag colour="red">Declined{proposal.declineGround ? `: ${proposal.declineGround.label}` : ''}</Tag>;
  return <Tag colour="blue">Proposed — awaiting the school’s decision</Tag>;
}

/** Proposals carry only the school's id; names come from each school's public record. */
async function loadMyProposals(orgId: string) {
  const { items } = await api.myProposals(orgId);
  const ids = [...new Set(items.map((p) => p.schoolId))];
  const names = new Map(
    await Promise.all(ids.map(async (id) => [id, await api.school(id).then((s) => s.name, () => null)] as const)),
  );
  return items.map((p) => ({ ...p, schoolName: names.get(p.schoolId) ?? null }));
}

function MyProposals({ orgId }: { orgId: string }) {
  const load = useLoad(() => loadMyProposals(orgId), [orgId]);
  const { hash } = useLocation();
  const section = useRef<HTMLElement>(null);
  // The "Proposal sent" page links here; the router does not scroll to a hash, and the section only exists once loaded.
  useEffect(() => {
    if (hash !== '#proposals' || load.state === 'loading' || !section.current) return;
    section.current.scrollIntoView();
    section.current.focus();
  }, [hash, load.state]);
  return (
    <section id="proposals" ref={section} tabIndex={-1} aria-labelledby="proposals-heading" className="govuk-!-margin-top-6" data-testid="my-proposals">
      <Loaded load={load} what="Loading times you proposed">
        {(items) =>
          items.length ? (
            <Table
              caption={<span id="proposals-heading">Times you proposed</span>}
              head={['Proposed time', 'School', 'Year groups and format', 'Status', 'Actions']}
              rows={items.map((p) => {
                const school = p.schoolName ?? 'The school';
                return [
                  `${formatDate(p.date)}, ${p.start} to ${p.end}`,
                  school,
                  `${yearGroupList(p.yearGroups)}, ${FORMAT_LABELS[p.format] ?? p.format}`,
                  <div data-testid={`proposal-${p.id}`}>
                    <ProposalOutcomeTag proposal={p} />
                    {p.note ? <p className="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">The school said: “{p.note}”</p> : null}
                  </div>,
                  p.status === 'accepted' && p.slotId ? (
                    <Link className="govuk-link" to={`/organisations/${orgId}/slots/${p.schoolId}/${p.slotId}`}>
                      Request the new slot<span className="govuk-visually-hidden"> at {school} on {formatDate(p.date)}</span>
                    </Link>
                  ) : (
                    ''
                  ),
                ];
              })}
            />
          ) : (
            <>
              <h2 className="govuk-heading-m" id="proposals-heading">
                Times you proposed
              </h2>
              <Empty>
                You have not proposed any times. When no slot suits you,{' '}
                <Link className="govuk-link" to={`/organisations/${orgId}/slots`}>
                  find a school’s slots
                </Link>{' '}
                and propose a time from there.
              </Empty>
            </>
          )
        }
      </Loaded>
    </section>
  );
}

export function MyBookingsPage() {
  const { orgId = '' } = useParams();
  const cursor = useListCursor();
  const load = useLoad(() => api.myBookings(orgId, cursor), [orgId, cursor]);
  const { errors, setErrors, busy, attempt } = useAction();
  const [notice, setNotice] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<string | null>(null);

  async function run(action: () => Promise<unknown>, message: string) {
    if (!(await attempt(action))) return;
    setNotice(message);
    setCancelling(null);
    load.reload();
  }

  async function downloadIcs(b: Booking) {
    try {
      const text = await api.bookingIcs(b.schoolId, b.id);
      const url = URL.createObjectURL(new Blob([text], { type: 'text/calendar' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `schoolgate-${b.date}-${b.schoolName.replace(/[^A-Za-z0-9]+/g, '-')}.ics`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      setErrors(errorsFrom(error));
    }
  }

  return (
    <Page title="My bookings" wide>
      {notice ? <NotificationBanner success title="Success" heading={notice} /> : null}
      <ErrorSummary errors={errors} />
      <Loaded load={load}>
        {({ items }) =>
          items.length ? (
            <>
              <Table
                caption="Requests and bookings"
                head={['When', 'School and slot', 'Status', 'Actions']}
                rows={[...items]
                  .sort((a, b) => (a.date + a.start).localeCompare(b.date + b.start))
                  .map((b) => [
                    `${formatDate(b.date)}, ${b.start} to ${b.end}`,
                    <>
                      <strong>{b.schoolName}</strong>
                      <br />
                      {b.title} ({yearGroupList(b.yearGroups)})
                    </>,
                    <>
                      <BookingStatusTag status={b.status} />
                      <br />
                      <span className="govuk-body-s" data-testid={`status-${b.id}`}>
                        {requesterStatusText(b.status)}
                        {b.declineGround ? `: ${b.declineGround.label}` : ''}
                        {b.note ? `. “${b.note}”` : ''}
                        {b.status === 'cancelled' && b.reason ? `: ${b.reason}` : ''}
                      </span>
                    </>,
                    <div className="sg-actions">
                      <Link className="govuk-link" to={`/organisations/${orgId}/bookings/${b.schoolId}/${b.id}`}>
                        View<span className="govuk-visually-hidden"> {b.status === 'requested' ? 'request to' : 'booking at'} {b.schoolName} on {formatDate(b.date)}</span>
                      </Link>
                      {b.status === 'confirmed' ? (
                        <button type="button" className="govuk-link sg-link-button" onClick={() => void downloadIcs(b)}>
                          Add to calendar (.ics)<span className="govuk-visually-hidden"> for {b.schoolName} on {formatDate(b.date)}</span>
                        </button>
                      ) : null}
                      {b.status === 'requested' ? (
                        <button type="button" className="govuk-link sg-link-button" disabled={busy} onClick={() => void run(() => api.withdraw(b.schoolId, b.id), 'Your request is withdrawn')}>
                          Withdraw request<span className="govuk-visually-hidden"> to {b.schoolName} for {formatDate(b.date)}</span>
                        </button>
                      ) : null}
                      {b.status === 'confirmed' && cancelling !== b.id ? (
                        <button type="button" className="govuk-link sg-link-button" onClick={() => setCancelling(b.id)}>
                          Cancel booking<span className="govuk-visually-hidden"> with {b.schoolName} on {formatDate(b.date)}</span>
                        </button>
                      ) : null}
                    </div>,
                  ])}
              />
              {cancelling ? (
                <Column>
                  <h2 className="govuk-heading-m">Cancel a booking</h2>
                  <CancelForm
                    busy={busy}
                    errors={errors}
                    setErrors={setErrors}
                    onCancel={(reason) => {
                      const b = items.find((i) => i.id === cancelling);
                      if (b) void run(() => api.cancel(b.schoolId, b.id, reason), 'The booking is cancelled');
                    }}
                  />
                </Column>
              ) : null}
              <p className="govuk-body-s">Every request and decision is recorded with its time. Last checked {formatInstant(new Date().toISOString())}.</p>
            </>
          ) : (
            <Empty>
              You have not requested any slots yet.{' '}
              <Link className="govuk-link" to={`/organisations/${orgId}/slots`}>
                Find slots
              </Link>
            </Empty>
          )
        }
      </Loaded>
      {load.state === 'ok' ? <MoreLinks nextCursor={load.data.nextCursor} what="requests and bookings" /> : null}
      <MyProposals orgId={orgId} />
    </Page>
  );
}

export function ProposePage() {
  const { orgId = '', schoolId = '' } = useParams();
  const navigate = useNavigate();
  const school = useLoad(() => api.school(schoolId), [schoolId]);
  const [f, setF] = useState({ date: { day: '', month: '', year: '' } as DateParts, start: '', end: '', yearGroups: [] as string[], format: 'talk', message: '' });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [sent, setSent] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const date = fromDateParts(f.date);
    const parsed = proposalInput.safeParse({ date: date || undefined, start: f.start.trim(), end: f.end.trim(), yearGroups: f.yearGroups.map(Number), format: f.format, message: f.message });
    const found = parsed.success
      ? []
      : zodErrors(parsed.error, {
          date: 'Enter a real date, like 3 3 2027',
          start: 'Enter a start time in 24-hour format, like 09:15',
          end: 'Enter an end time in 24-hour format, like 10:00',
          yearGroups: 'Choose at least one year group',
        });
    setErrors(found);
    if (!parsed.success) return;
    try {
      await api.propose(orgId, { ...parsed.data, schoolId });
      setSent(true);
    } catch (error) {
      setErrors(errorsFrom(error));
      if (error instanceof ApiError && error.status === 401) navigate('/sign-in');
    }
  }

  return (
    <Page title={sent ? 'Proposal sent' : 'Propose a time'} caption={school.state === 'ok' ? school.data.name : undefined} before={<BackLink to={`/organisations/${orgId}/slots`} />}>
      <Column>
        {sent ? (
          <>
            <p className="govuk-body">
              <strong>Proposed — awaiting the school’s decision.</strong> The school will accept it as a slot or decline it on one of its published grounds.
            </p>
            <p className="govuk-body">
              You can follow it, and see the school’s decision, under{' '}
              <Link className="govuk-link" to={`/organisations/${orgId}/bookings#proposals`}>
                times you proposed in my bookings
              </Link>
              .
            </p>
          </>
        ) : (
          <>
            <Inset>Check the school’s access policy for its notice period and the times it can take visits.</Inset>
            <ErrorSummary errors={errors} />
            <form onSubmit={submit} noValidate>
              <DateInput name="date" legend="Date" value={f.date} onChange={(v) => setF({ ...f, date: v })} error={errorFor(errors, 'date')} />
              <TimeFields start={f.start} end={f.end} onStart={(v) => setF({ ...f, start: v })} onEnd={(v) => setF({ ...f, end: v })} errors={errors} />
              <YearGroupFields
                years={yearsTaught(school.state === 'ok' ? school.data.yearGroups : undefined)}
                values={f.yearGroups}
                onChange={(v) => setF({ ...f, yearGroups: v })}
                error={errorFor(errors, 'yearGroups')}
              />
              <FormatSelect value={f.format} onChange={(v) => setF({ ...f, format: v })} />
              <Textarea name="message" label="Message to the school (optional)" rows={4} value={f.message} onChange={(v) => setF({ ...f, message: v })} />
              <Button>Send proposal</Button>
            </form>
          </>
        )}
      </Column>
    </Page>
  );
}

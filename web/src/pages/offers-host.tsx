import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { OFFER_FORMAT_LABELS, SECTOR_LABELS, SECTORS, offerFormats } from '@schoolgate/contracts';
import { api, offersApi, type Booking, type FieldError, type HostOffer } from '../api';
import { Button, Checkboxes, DateInput, ErrorSummary, Radios, Select, TextInput, Textarea, errorFor } from '../components/forms';
import { Page } from '../components/Page';
import { useAction } from '../components/use-action';
import { Empty, Loaded, useLoad } from '../components/states';
import { BackLink, SummaryList, Table, Tag } from '../components/ui';
import { formatDate, formatShortDate, fromDateParts, toDateParts, yearGroupList, type DateParts } from '../format';

/** A provider's or employer's offers: what it publishes for schools to book, and the bookings waiting for it. */
export function HostOffersPage() {
  const { orgId = '' } = useParams();
  const [version, setVersion] = useState(0);
  const load = useLoad(async () => {
    const [offers, bookings] = await Promise.all([offersApi.mine(orgId), api.myBookings(orgId)]);
    return { offers: offers.items, bookings: bookings.items.filter((b) => b.offerId) };
  }, [orgId, version]);
  return (
    <Page title="Your offers" wide>
      <p className="govuk-body">
        Publish a talk, workshop or other encounter you bring to schools, or a visit to your own premises, on the dates you can do. Schools near
        you find it and book a year group onto a date; a provider’s offer booked for a whole year group in the school day counts toward the
        school’s provider access duty.
      </p>
      <p className="govuk-body">
        <Link className="govuk-button" to={`/organisations/${orgId}/offers/new`} role="button" draggable="false">
          Publish an offer
        </Link>
      </p>
      <Loaded load={load} what="Loading your offers">
        {({ offers, bookings }) => (
          <>
            <WaitingBookings orgId={orgId} bookings={bookings.filter((b) => b.status === 'requested')} onChange={() => setVersion((v) => v + 1)} />
            <h2 className="govuk-heading-m">Published offers</h2>
            {offers.length ? offers.map((offer) => <OfferCard key={offer.id} offer={offer} />) : <Empty>You have not published an offer yet.</Empty>}
            <h2 className="govuk-heading-m">Bookings of your offers</h2>
            {bookings.length ? (
              <Table
                caption="Every school’s booking of your offers"
                captionSize="s"
                head={['School', 'Offer', 'Date', 'Pupils', 'Status']}
                rows={bookings.map((b) => [
                  <Link className="govuk-link" to={`/organisations/${orgId}/bookings/${b.schoolId}/${b.id}`}>
                    {b.schoolName}
                  </Link>,
                  b.title,
                  formatShortDate(b.date),
                  `${b.pupils ?? ''} (${b.groupName ?? yearGroupList(b.yearGroups)})`,
                  <BookingTag booking={b} />,
                ])}
              />
            ) : (
              <Empty>No school has booked your offers yet.</Empty>
            )}
          </>
        )}
      </Loaded>
    </Page>
  );
}

function BookingTag({ booking }: { booking: Booking }) {
  const words: Record<string, string> = { requested: 'Waiting for you', confirmed: 'Confirmed', declined: 'Declined', withdrawn: 'Withdrawn by the school', cancelled: 'Cancelled', delivered: 'Took place', not_delivered: 'Did not take place' };
  return <Tag colour={booking.status === 'confirmed' || booking.status === 'delivered' ? 'green' : booking.status === 'requested' ? 'yellow' : 'grey'}>{words[booking.status] ?? booking.status}</Tag>;
}

function OfferCard({ offer }: { offer: HostOffer }) {
  return (
    <section className="sg-result govuk-!-margin-bottom-6" aria-labelledby={`offer-${offer.id}`}>
      <h3 className="govuk-heading-s govuk-!-margin-bottom-1" id={`offer-${offer.id}`}>
        {offer.title} {offer.status === 'withdrawn' ? <Tag colour="grey">Withdrawn</Tag> : null}
      </h3>
      <p className="govuk-body-s govuk-!-margin-bottom-2">
        {OFFER_FORMAT_LABELS[offer.format]}, {offer.mode === 'virtual' ? 'virtual' : offer.visit ? 'at your premises' : 'at the school'}, {offer.start} to {offer.end},{' '}
        for {yearGroupList(offer.yearGroups)}. {SECTOR_LABELS[offer.sector]}. {offer.instantConfirmation ? 'Bookings are confirmed at once.' : 'You confirm each booking.'}
      </p>
      <Table
        caption={`Dates of ${offer.title}`}
        captionSize="s"
        head={['Date', 'Places left', 'Confirmed', 'Waiting']}
        rows={offer.dateCounts.map((d) => [formatShortDate(d.date), String(d.remaining), String(d.confirmedCount), String(d.pendingCount)])}
      />
    </section>
  );
}

function WaitingBookings({ orgId, bookings, onChange }: { orgId: string; bookings: Booking[]; onChange: () => void }) {
  if (!bookings.length) return null;
  return (
    <section aria-labelledby="waiting-heading">
      <h2 className="govuk-heading-m" id="waiting-heading">
        Bookings waiting for you to confirm
      </h2>
      {bookings.map((b) => (
        <WaitingBooking key={b.id} orgId={orgId} booking={b} onChange={onChange} />
      ))}
    </section>
  );
}

function WaitingBooking({ orgId, booking, onChange }: { orgId: string; booking: Booking; onChange: () => void }) {
  const { errors, busy, attempt } = useAction();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const prefix = `booking-${booking.id}`;
  return (
    <div className="sg-result govuk-!-margin-bottom-6" data-testid={prefix}>
      <ErrorSummary errors={errors} />
      <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
        {booking.schoolName}: {booking.title}
      </h3>
      <SummaryList
        rows={[
          { key: 'When', value: `${formatDate(booking.date)}, ${booking.start} to ${booking.end}` },
          { key: 'Who', value: `${booking.groupName ? `${booking.groupName} (${yearGroupList(booking.yearGroups)})` : `The whole of ${yearGroupList(booking.yearGroups)}`}, ${booking.pupils} pupils` },
          { key: 'Counts toward the duty', value: booking.statutory ? 'Yes, if it still meets every rule when you confirm' : 'No, supplementary' },
          ...(booking.message ? [{ key: 'Message from the school', value: booking.message }] : []),
        ]}
      />
      {declining ? (
        <form
          noValidate
          onSubmit={async (event: FormEvent) => {
            event.preventDefault();
            if (await attempt(() => offersApi.decline(orgId, booking.schoolId, booking.id, reason))) onChange();
          }}
        >
          <Textarea name={`${prefix}-reason`} label="Why are you declining?" hint="The school reads this" value={reason} onChange={setReason} error={errorFor(errors, 'reason')} />
          <div className="govuk-button-group">
            <Button warning disabled={busy}>
              Decline booking
            </Button>
            <button type="button" className="govuk-link sg-link-button" onClick={() => setDeclining(false)}>
              Keep it
            </button>
          </div>
        </form>
      ) : (
        <div className="govuk-button-group">
          <Button disabled={busy} onClick={async () => (await attempt(() => offersApi.confirm(orgId, booking.schoolId, booking.id))) && onChange()}>
            Confirm booking<span className="govuk-visually-hidden"> from {booking.schoolName}</span>
          </Button>
          <Button secondary disabled={busy} onClick={() => setDeclining(true)}>
            Decline<span className="govuk-visually-hidden"> booking from {booking.schoolName}</span>
          </Button>
        </div>
      )}
    </div>
  );
}

const VISIT_WORDS = new Set(['campus_taster', 'workplace_tour', 'technical_demo']);

/** Publish an offer: what, where, when, for whom and how many. */
export function NewOfferPage() {
  const { orgId = '' } = useParams();
  const navigate = useNavigate();
  const { errors, setErrors, busy, attempt } = useAction();
  const [form, setForm] = useState({
    title: '',
    format: '',
    first: toDateParts(undefined) as DateParts,
    last: toDateParts(undefined) as DateParts,
    start: '',
    end: '',
    capacity: '',
    yearGroups: [] as string[],
    sector: '',
    mode: 'in_person',
    description: '',
    instantConfirmation: [] as string[],
  });
  const set = <K extends keyof typeof form>(key: K) => (value: (typeof form)[K]) => setForm({ ...form, [key]: value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const first = fromDateParts(form.first);
    const last = fromDateParts(form.last);
    const found: FieldError[] = [];
    if (!form.title.trim()) found.push({ field: 'title', message: 'Enter a title' });
    if (!form.format) found.push({ field: 'format', message: 'Choose what it is' });
    if (!first) found.push({ field: 'first', message: 'Enter the first date, like 12 1 2027' });
    if (form.last.day || form.last.month || form.last.year) {
      if (!last) found.push({ field: 'last', message: 'Enter a real last date, like 14 1 2027, or leave it blank' });
      else if (first && last < first) found.push({ field: 'last', message: 'The last date must be on or after the first' });
    }
    if (!/^\d{2}:\d{2}$/.test(form.start)) found.push({ field: 'start', message: 'Enter a start time, like 09:30' });
    if (!/^\d{2}:\d{2}$/.test(form.end)) found.push({ field: 'end', message: 'Enter an end time, like 14:30' });
    if (!/^\d+$/.test(form.capacity.trim())) found.push({ field: 'capacity', message: 'Enter how many pupils you can take on each date, like 200' });
    if (!form.yearGroups.length) found.push({ field: 'yearGroups', message: 'Choose at least one year group' });
    if (!form.sector) found.push({ field: 'sector', message: 'Choose a sector' });
    if (!form.description.trim()) found.push({ field: 'description', message: 'Say what the pupils will do' });
    setErrors(found);
    if (found.length) return;
    const ok = await attempt(() =>
      offersApi.publish(orgId, {
        title: form.title.trim(),
        format: form.format as never,
        ...(last && last !== first ? { from: first!, to: last } : { dates: [first!] }),
        start: form.start,
        end: form.end,
        capacity: Number(form.capacity.trim()),
        yearGroups: form.yearGroups.map(Number),
        sector: form.sector as never,
        mode: form.mode as 'in_person' | 'virtual',
        description: form.description.trim(),
        instantConfirmation: form.instantConfirmation.includes('yes'),
      }),
    );
    if (ok) navigate(`/organisations/${orgId}/offers`);
  }

  const visit = VISIT_WORDS.has(form.format);
  return (
    <Page title="Publish an offer" before={<BackLink to={`/organisations/${orgId}/offers`}>Back to your offers</BackLink>}>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate>
        <TextInput name="title" label="Title" hint="Schools see this first, like “T Level taster day: engineering”" value={form.title} onChange={set('title')} error={errorFor(errors, 'title')} />
        <Select
          name="format"
          label="What is it?"
          value={form.format}
          onChange={set('format')}
          error={errorFor(errors, 'format')}
          options={[
            { value: '', text: 'Choose' },
            ...offerFormats.map((f) => ({ value: f, text: `${OFFER_FORMAT_LABELS[f]}${VISIT_WORDS.has(f) ? ' (pupils visit you)' : ' (at the school)'}` })),
          ]}
        />
        <DateInput name="first" legend="First date" hint="For example, 12 1 2027" value={form.first} onChange={set('first')} error={errorFor(errors, 'first') ?? errorFor(errors, 'dates')} />
        <DateInput name="last" legend="Last date (optional)" hint="Every weekday from the first date to this one is offered. Leave blank for one date." value={form.last} onChange={set('last')} error={errorFor(errors, 'last')} />
        <TextInput name="start" label="Start time" hint="24-hour clock, like 09:30" width={5} value={form.start} onChange={set('start')} error={errorFor(errors, 'start')} />
        <TextInput name="end" label="End time" hint="Like 14:30" width={5} value={form.end} onChange={set('end')} error={errorFor(errors, 'end')} />
        <TextInput
          name="capacity"
          label={visit ? 'How many pupils can your venue take on each date?' : 'How many pupils can you take on each date?'}
          hint="A school books a whole year group, or names a smaller group"
          width={5}
          inputMode="numeric"
          value={form.capacity}
          onChange={set('capacity')}
          error={errorFor(errors, 'capacity')}
        />
        <Checkboxes
          name="yearGroups"
          legend="Year groups"
          small
          values={form.yearGroups}
          onChange={set('yearGroups')}
          error={errorFor(errors, 'yearGroups')}
          choices={[7, 8, 9, 10, 11, 12, 13].map((y) => ({ value: String(y), text: `Year ${y}` }))}
        />
        <Select
          name="sector"
          label="Sector"
          value={form.sector}
          onChange={set('sector')}
          error={errorFor(errors, 'sector')}
          options={[{ value: '', text: 'Choose' }, ...SECTORS.map((s) => ({ value: s, text: SECTOR_LABELS[s] }))]}
        />
        <Radios
          name="mode"
          legend="In person or virtual?"
          inline
          value={form.mode}
          onChange={set('mode')}
          choices={[
            { value: 'in_person', text: 'In person' },
            { value: 'virtual', text: 'Virtual' },
          ]}
        />
        <Textarea name="description" label="What will the pupils do?" value={form.description} onChange={set('description')} error={errorFor(errors, 'description')} />
        <Checkboxes
          name="instantConfirmation"
          legend="Confirming bookings"
          small
          values={form.instantConfirmation}
          onChange={set('instantConfirmation')}
          choices={[{ value: 'yes', text: 'Confirm schools’ bookings at once, without me deciding each' }]}
        />
        <Button disabled={busy}>Publish offer</Button>
      </form>
    </Page>
  );
}

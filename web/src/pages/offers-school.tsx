import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { OFFER_FORMAT_LABELS, SECTOR_LABELS, SECTORS, offerFormats } from '@schoolgate/contracts';
import { api, offersApi, type Benchmark5Report, type FieldError, type OfferHit } from '../api';
import { Button, Checkboxes, DateInput, ErrorSummary, Radios, Select, TextInput, Textarea, errorFor } from '../components/forms';
import { Page } from '../components/Page';
import { useAction } from '../components/use-action';
import { Empty, Loaded, useLoad } from '../components/states';
import { SearchColumns, SearchResults, dateRangeErrors, placeProblem } from '../components/search-results';
import { VenueRadios } from '../components/slot-fields';
import { BackLink, Inset, SummaryList, Table, Tag, type TagColour } from '../components/ui';
import { addDays, formatDate, fromDateParts, toDateParts, todayInLondon, yearGroupList } from '../format';

function offerWhere(offer: Pick<OfferHit, 'visit' | 'mode' | 'hostName' | 'postcode'>) {
  if (offer.mode === 'virtual') return 'Virtual';
  return offer.visit ? `At ${offer.hostName}, ${offer.postcode}` : 'At your school';
}

/** A school finds offers near it: by date, year group, sector, format and distance. */
export function FindOffersPage() {
  const { schoolId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const today = todayInLondon();
  const criteria = {
    from: params.get('from') ?? today,
    to: params.get('to') ?? addDays(today, 180),
    yearGroup: params.get('yearGroup') ?? '',
    sector: params.get('sector') ?? '',
    format: params.get('format') ?? '',
    withinKm: params.get('withinKm') ?? '',
  };
  const [form, setForm] = useState({ ...criteria, fromParts: toDateParts(criteria.from), toParts: toDateParts(criteria.to) });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const key = params.toString();
  const load = useLoad(
    () =>
      offersApi.search({
        orgId: schoolId,
        from: criteria.from,
        to: criteria.to,
        ...(criteria.yearGroup ? { yearGroup: criteria.yearGroup } : {}),
        ...(criteria.sector ? { sector: criteria.sector } : {}),
        ...(criteria.format ? { format: criteria.format } : {}),
        ...(criteria.withinKm ? { withinKm: criteria.withinKm } : {}),
        limit: 20,
        ...(cursor ? { cursor } : {}),
      }),
    [schoolId, key, cursor],
  );
  // An offer search always measures from the school: it names no postcode to search near.
  const { noLocation } = placeProblem(load, '');

  function submit(event: FormEvent) {
    event.preventDefault();
    const from = fromDateParts(form.fromParts);
    const to = fromDateParts(form.toParts);
    const found = dateRangeErrors(from, to);
    if (form.withinKm && !/^\d+$/.test(form.withinKm.trim())) found.push({ field: 'withinKm', message: 'Enter a distance in whole kilometres, like 25' });
    setErrors(found);
    if (found.length) return;
    setCursor(undefined);
    const next = new URLSearchParams();
    next.set('from', from!);
    next.set('to', to!);
    for (const name of ['yearGroup', 'sector', 'format'] as const) if (form[name]) next.set(name, form[name]);
    if (form.withinKm.trim()) next.set('withinKm', form.withinKm.trim());
    setParams(next);
  }

  return (
    <Page title="Find offers" wide before={<BackLink to={`/schools/${schoolId}`}>Back to overview</BackLink>}>
      <p className="govuk-body">
        Talks, workshops, taster days and workplace visits that colleges, training providers and employers near you have offered. Book a date for
        a whole year group (a provider’s offer then counts toward your provider access duty if it meets every rule), or for a smaller group.
      </p>
      <SearchColumns
        label="Filter offers"
        errors={errors}
        onSubmit={submit}
        filters={
          <>
            <DateInput name="from" legend="From" value={form.fromParts} onChange={(v) => setForm({ ...form, fromParts: v })} error={errorFor(errors, 'from')} />
            <DateInput name="to" legend="To" value={form.toParts} onChange={(v) => setForm({ ...form, toParts: v })} error={errorFor(errors, 'to')} />
            <Select
              name="yearGroup"
              label="Year group"
              value={form.yearGroup}
              onChange={(v) => setForm({ ...form, yearGroup: v })}
              options={[{ value: '', text: 'Any year group' }, ...[7, 8, 9, 10, 11, 12, 13].map((y) => ({ value: String(y), text: `Year ${y}` }))]}
            />
            <Select name="sector" label="Sector" value={form.sector} onChange={(v) => setForm({ ...form, sector: v })} options={[{ value: '', text: 'Any sector' }, ...SECTORS.map((s) => ({ value: s, text: SECTOR_LABELS[s] }))]} />
            <Select
              name="format"
              label="Format"
              value={form.format}
              onChange={(v) => setForm({ ...form, format: v })}
              options={[{ value: '', text: 'Any format' }, ...offerFormats.map((f) => ({ value: f, text: OFFER_FORMAT_LABELS[f] }))]}
            />
            <TextInput name="withinKm" label="Within (km)" hint="Distance from your school" width={4} inputMode="numeric" value={form.withinKm} onChange={(v) => setForm({ ...form, withinKm: v })} error={errorFor(errors, 'withinKm')} />
          </>
        }
      >
        {noLocation ? (
          <div className="sg-error-state" role="alert">
            <h2 className="govuk-heading-m">Add your school’s location to search by distance</h2>
            <p className="govuk-body">
              <Link className="govuk-link" to={`/schools/${schoolId}/profile`}>
                Add your postcode in your school profile
              </Link>
              .
            </p>
          </div>
        ) : (
          <SearchResults load={load} finding="Finding offers" noun={['date offered', 'dates offered']} more="offers" onMore={setCursor} empty="No offers match. Try a wider date range or distance.">
            {(hit) => <OfferResult key={`${hit.id}-${hit.date}`} hit={hit} schoolId={schoolId} />}
          </SearchResults>
        )}
      </SearchColumns>
    </Page>
  );
}

function OfferResult({ hit, schoolId }: { hit: OfferHit; schoolId: string }) {
  return (
    <li className="sg-result">
      <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
        <Link className="govuk-link" to={`/schools/${schoolId}/offers/${hit.hostOrgId}/${hit.id}/${hit.date}`}>
          {hit.title}
          <span className="govuk-visually-hidden">, {formatDate(hit.date)}</span>
        </Link>
      </h3>
      <p className="govuk-body govuk-!-margin-bottom-1">
        {hit.hostName} ({hit.hostKind === 'employer' ? 'employer' : 'provider'}), {hit.distanceKm.toFixed(1)} km away
      </p>
      <p className="govuk-body-s govuk-!-margin-bottom-1">
        {formatDate(hit.date)}, {hit.start} to {hit.end}. {OFFER_FORMAT_LABELS[hit.format]} for {yearGroupList(hit.yearGroups)}. {offerWhere(hit)}.
      </p>
      <p className="govuk-body-s">
        <Tag colour="green">{`${hit.remaining} pupil places left`}</Tag> <Tag colour="grey">{SECTOR_LABELS[hit.sector]}</Tag>{' '}
        {hit.hostKind === 'employer' ? <Tag colour="purple">Employer encounter</Tag> : null}
      </p>
    </li>
  );
}

/** Book one offered date: which year groups (or a named group), where, and the journey for a visit. */
export function BookOfferPage() {
  const { schoolId = '', hostOrgId = '', offerId = '', date = '' } = useParams();
  const navigate = useNavigate();
  const load = useLoad(async () => {
    const [found, school] = await Promise.all([offersApi.search({ orgId: schoolId, from: date, to: date, withinKm: '200', limit: 100 }), api.school(schoolId)]);
    const hit = found.items.find((h) => h.id === offerId && h.hostOrgId === hostOrgId);
    return { hit, school };
  }, [schoolId, hostOrgId, offerId, date]);
  return (
    <Page title="Book an offer" before={<BackLink to={`/schools/${schoolId}/offers`}>Back to offers</BackLink>}>
      <Loaded load={load} what="Loading the offer">
        {({ hit, school }) =>
          hit ? (
            <BookOfferForm hit={hit} schoolId={schoolId} venues={(school as { venues?: Array<{ id: string; name: string; capacity: number }> }).venues ?? []} onBooked={(id) => navigate(`/schools/${schoolId}/bookings/${id}`)} />
          ) : (
            <Empty>This date is no longer offered, or is fully booked.</Empty>
          )
        }
      </Loaded>
    </Page>
  );
}

function BookOfferForm({ hit, schoolId, venues, onBooked }: { hit: OfferHit; schoolId: string; venues: Array<{ id: string; name: string; capacity: number }>; onBooked: (id: string) => void }) {
  const { errors, setErrors, busy, attempt } = useAction();
  const [form, setForm] = useState({
    yearGroups: hit.yearGroups.length === 1 ? [String(hit.yearGroups[0])] : ([] as string[]),
    audience: 'whole_year_groups',
    groupName: '',
    groupSize: '',
    venueId: venues.length === 1 ? venues[0]!.id : '',
    travelMinutes: '',
    supplementary: [] as string[],
    message: '',
  });
  const set = <K extends keyof typeof form>(key: K) => (value: (typeof form)[K]) => setForm({ ...form, [key]: value });
  const employer = hit.hostKind === 'employer';
  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldError[] = [];
    if (!form.yearGroups.length) found.push({ field: 'yearGroups', message: 'Choose the year group coming' });
    const named = form.audience === 'named_group';
    if (named && !form.groupName.trim()) found.push({ field: 'groupName', message: 'Name the group, like “Year 8 STEM club”' });
    if (named && !/^\d+$/.test(form.groupSize.trim())) found.push({ field: 'groupSize', message: 'Enter how many pupils are in the group, like 24' });
    if (hit.visit && form.travelMinutes && !/^\d+$/.test(form.travelMinutes.trim())) found.push({ field: 'travelMinutes', message: 'Enter the journey in whole minutes, like 30' });
    if (!hit.visit && !form.venueId) found.push({ field: 'venueId', message: 'Choose where in school it will be' });
    setErrors(found);
    if (found.length) return;
    let id = '';
    const ok = await attempt(async () => {
      const booking = await offersApi.book(schoolId, {
        hostOrgId: hit.hostOrgId,
        offerId: hit.id,
        date: hit.date,
        yearGroups: form.yearGroups.map(Number),
        audience: form.audience as 'whole_year_groups' | 'named_group',
        ...(named ? { groupName: form.groupName.trim(), groupSize: Number(form.groupSize.trim()) } : {}),
        ...(hit.visit ? { travelMinutes: Number(form.travelMinutes.trim() || '0') } : { venueId: form.venueId }),
        asSupplementary: form.supplementary.includes('yes'),
        message: form.message.trim(),
      });
      id = booking.id;
    });
    if (ok) onBooked(id);
  }
  return (
    <>
      <ErrorSummary errors={errors} />
      <h2 className="govuk-heading-m">{hit.title}</h2>
      <SummaryList
        rows={[
          { key: 'From', value: `${hit.hostName} (${hit.hostKind === 'employer' ? 'employer' : 'provider'})` },
          { key: 'When', value: `${formatDate(hit.date)}, ${hit.start} to ${hit.end}` },
          { key: 'Where', value: offerWhere(hit) },
          { key: 'What pupils will do', value: hit.description },
          { key: 'Places left', value: `${hit.remaining} pupils` },
          { key: 'Confirmation', value: hit.instantConfirmation ? 'Confirmed as soon as you book' : `${hit.hostName} confirms your booking` },
        ]}
      />
      {hit.hostKind === 'employer' ? (
        <Inset>An employer’s visit is recorded as an employer encounter (Gatsby Benchmark 5). It does not count toward the provider access duty.</Inset>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Checkboxes name="yearGroups" legend="Which year group is coming?" small values={form.yearGroups} onChange={set('yearGroups')} error={errorFor(errors, 'yearGroups')} choices={hit.yearGroups.map((y) => ({ value: String(y), text: `Year ${y}` }))} />
        <Radios
          name="audience"
          legend="Who in the year group?"
          value={form.audience}
          onChange={set('audience')}
          choices={[
            employer
              ? { value: 'whole_year_groups', text: 'The whole year group', hint: 'Every pupil in it meets the employer' }
              : { value: 'whole_year_groups', text: 'The whole year group', hint: 'Needed for it to count toward the provider access duty' },
            { value: 'named_group', text: 'A smaller, named group', hint: employer ? 'Counts for that group only' : 'Recorded as supplementary' },
          ]}
        />
        {form.audience === 'named_group' ? (
          <>
            <TextInput name="groupName" label="Name of the group" value={form.groupName} onChange={set('groupName')} error={errorFor(errors, 'groupName')} />
            <TextInput name="groupSize" label="Pupils in the group" width={4} inputMode="numeric" value={form.groupSize} onChange={set('groupSize')} error={errorFor(errors, 'groupSize')} />
          </>
        ) : null}
        {hit.visit ? (
          <TextInput
            name="travelMinutes"
            label="Journey time each way, in minutes"
            hint="The journey must fit inside your school day for the visit to count"
            width={4}
            inputMode="numeric"
            value={form.travelMinutes}
            onChange={set('travelMinutes')}
            error={errorFor(errors, 'travelMinutes')}
          />
        ) : (
          <VenueRadios legend="Where in school?" venues={venues} value={form.venueId} onChange={set('venueId')} error={errorFor(errors, 'venueId')} />
        )}
        {employer ? null : (
          <Checkboxes name="supplementary" legend="Counting toward the duty" small values={form.supplementary} onChange={set('supplementary')} choices={[{ value: 'yes', text: 'Book as supplementary (it will not count toward the six encounters)' }]} />
        )}
        <Textarea name="message" label="Message to the host (optional)" value={form.message} onChange={set('message')} error={errorFor(errors, 'message')} />
        <Button disabled={busy}>Book this date</Button>
      </form>
    </>
  );
}

const B5_TAGS: Record<string, { text: string; colour: TagColour }> = {
  MET: { text: 'Met', colour: 'green' },
  PLANNED: { text: 'Planned', colour: 'blue' },
  PARTIAL: { text: 'Partly met', colour: 'yellow' },
  NOT_MET: { text: 'Not met', colour: 'red' },
};

/** Benchmark 5 on the compliance page: every pupil meets an employer every year from Year 7. */
export function Benchmark5Section({ schoolId }: { schoolId: string }) {
  const load = useLoad(() => offersApi.benchmark5(schoolId), [schoolId]);
  return (
    <section aria-labelledby="benchmark5-heading" data-testid="benchmark5">
      <h2 className="govuk-heading-l" id="benchmark5-heading">
        Employer encounters (Gatsby Benchmark 5)
      </h2>
      <p className="govuk-body">
        Every year from Year 7, every pupil should have at least one meaningful encounter with an employer. An encounter open to the whole year
        group counts for all of it; one for a named group counts for that group only.
      </p>
      <p className="govuk-body">Earlier years show only the pupils who are still at the school: year groups that have since left are not listed.</p>
      <Loaded load={load} what="Loading employer encounters">
        {(report: Benchmark5Report) => (
          <>
            {[...report.years].reverse().map((year) => (
              <Table
                key={year.academicYear}
                caption={`Employer encounters in ${year.label}`}
                captionSize="m"
                head={['Year group', 'Status', 'Employers met', 'Sectors met', 'What happens next']}
                rows={year.yearGroups.map((row) => [
                  `Year ${row.yearGroup}`,
                  <span data-testid={`b5-${year.academicYear}-${row.yearGroup}`}>
                    <Tag colour={B5_TAGS[row.status]!.colour}>{B5_TAGS[row.status]!.text}</Tag>
                  </span>,
                  row.employers.join(', ') || 'None yet',
                  row.sectors.map((s) => SECTOR_LABELS[s]).join(', ') || 'None yet',
                  row.explanation,
                ])}
              />
            ))}
            <Table
              caption="Sectors each cohort has met, across its years"
              captionSize="s"
              head={['Pupils now in', 'Years with every pupil meeting an employer', 'Sectors met']}
              rows={report.cohorts.map((c) => [`Year ${c.yearGroupNow}`, `${c.yearsMet} of ${c.yearsCounted}`, c.sectors.map((s) => SECTOR_LABELS[s]).join(', ') || 'None yet'])}
            />
          </>
        )}
      </Loaded>
    </section>
  );
}


/** On the school's booking page: its booking of an offer waits for the host, and the school may withdraw it. */
export function OfferBookingWaiting({ booking, onDone }: { booking: { schoolId: string; id: string; requesterName: string }; onDone: (message: string) => void }) {
  const { errors, busy, attempt } = useAction();
  return (
    <>
      <ErrorSummary errors={errors} />
      <Inset>Waiting for {booking.requesterName} to confirm your booking of their offer. It shows here as confirmed when they do, with its calendar invitation.</Inset>
      <Button secondary disabled={busy} onClick={async () => (await attempt(() => offersApi.withdrawBooking(booking.schoolId, booking.id))) && onDone('You withdrew your booking')}>
        Withdraw booking
      </Button>
    </>
  );
}

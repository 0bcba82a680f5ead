import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Button, Checkboxes, DateInput, ErrorSummary, Select, TextInput, Textarea, errorFor } from '../components/forms';
import { Column, Page } from '../components/Page';
import { Empty, Loaded, useLoad } from '../components/states';
import { useAction } from '../components/use-action';
import { BackLink, NotificationBanner, SummaryList, Table, Tag } from '../components/ui';
import { addDays, formatDate, fromDateParts, todayInLondon, toDateParts, type DateParts } from '../format';
import { SECTOR_LABELS, weApi, type PlacementBooking, type PlacementHit } from '../work-experience-api';
import { DaysAfterExpiryList, useScrollToHash } from '../components/placements-shared';

/** A school's work experience (issue 12, we-place): Benchmark 6, requests and consent, pupils, finding placements. */

const STATUS_COLOURS: Record<string, 'blue' | 'green' | 'red' | 'grey'> = { requested: 'blue', confirmed: 'green', declined: 'red', withdrawn: 'grey', cancelled: 'grey' };

function WorkExperienceLinks({ schoolId }: { schoolId: string }) {
  const base = `/schools/${schoolId}/work-experience`;
  return (
    <ul className="govuk-list">
      <li><Link className="govuk-link" to={base}>Benchmark 6 and requests</Link></li>
      <li><Link className="govuk-link" to={`${base}/pupils`}>Pupils</Link></li>
      <li><Link className="govuk-link" to={`${base}/find`}>Find placements</Link></li>
      <li><Link className="govuk-link" to={`/schools/${schoolId}/safety-packs`}>Employers’ safety packs</Link></li>
    </ul>
  );
}

export function SchoolWorkExperiencePage() {
  const { schoolId = '' } = useParams();
  const [params] = useSearchParams();
  const standing = useLoad(() => weApi.standing(schoolId), [schoolId]);
  const bookings = useLoad(() => weApi.schoolBookings(schoolId), [schoolId]);
  const afterExpiry = useLoad(() => weApi.schoolAfterExpiry(schoolId), [schoolId]);
  const { errors, busy, attempt } = useAction();
  const [done, setDone] = useState<string | null>(null);
  useScrollToHash(bookings.state === 'ok');
  async function consent(bookingId: string, pupilId: string) {
    if (await attempt(() => weApi.consent(schoolId, bookingId, pupilId, true))) bookings.reload();
  }
  async function cancel(booking: PlacementBooking, reason: string) {
    if (await attempt(() => weApi.cancelBySchool(schoolId, booking.id, reason))) {
      setDone(`You cancelled ${booking.title} with ${booking.hostName}`);
      bookings.reload();
      afterExpiry.reload();
    }
  }
  return (
    <Page title="Work experience" wide before={<BackLink to={`/schools/${schoolId}`}>Back to overview</BackLink>}>
      <ErrorSummary errors={errors} />
      {params.get('requested') ? (
        <NotificationBanner success title="Success" heading="Your request has been sent">
          <p className="govuk-body">The employer will confirm or decline it. Record each parent’s consent below.</p>
        </NotificationBanner>
      ) : null}
      {done ? <NotificationBanner success title="Success" heading={done}><p className="govuk-body">The employer has been told why, and the calendar invites are cancelled.</p></NotificationBanner> : null}
      <WorkExperienceLinks schoolId={schoolId} />
      {afterExpiry.state === 'ok' ? <DaysAfterExpiryList list={afterExpiry.data} side="school" /> : null}
      <h2 className="govuk-heading-m">Benchmark 6</h2>
      <p className="govuk-body">Every pupil should have a week’s worth (5 days) of work experience activities in Years 7–9 and of placements in Years 10–11, with one or more employers.</p>
      <Loaded load={standing}>
        {(view) =>
          view.yearGroups.length ? (
            <Table
              caption={`Pupils on your list, ${view.academicYear}/${String((view.academicYear + 1) % 100).padStart(2, '0')}`}
              head={['Year group', 'Pupils', '5 days delivered', '5 days delivered or confirmed', 'Short of 5 days']}
              rows={view.yearGroups.map((g) => [
                `Year ${g.yearGroup}`,
                String(g.pupils),
                String(g.met),
                String(g.onTrack),
                g.short.length ? g.short.map((s) => `${s.name} (${s.days} ${s.days === 1 ? 'day' : 'days'})`).join(', ') : 'None',
              ])}
            />
          ) : (
            <Empty>Add your pupils to see who has a week of work experience.</Empty>
          )
        }
      </Loaded>
      <h2 className="govuk-heading-m">Requests and placements</h2>
      <Loaded load={bookings}>
        {({ items }) =>
          items.length ? (
            <Table
              caption="Your placement requests"
              captionSize="s"
              head={['Placement', 'Days', 'Status', 'Pupils and consent']}
              rows={[...items].sort((a, b) => a.days[0]!.localeCompare(b.days[0]!)).map((b) => [
                <span id={`placement-${b.id}`} tabIndex={-1}>{b.title}<br /><span className="govuk-body-s">{b.hostName}, {SECTOR_LABELS[b.sector]}</span></span>,
                `${formatDate(b.days[0]!)}${b.days.length > 1 ? ` and ${b.days.length - 1} more` : ''}`,
                <>
                  <Tag colour={STATUS_COLOURS[b.status]}>{b.status[0]!.toUpperCase() + b.status.slice(1)}</Tag>
                  {b.declineReason ? <><br /><span className="govuk-body-s">{b.declineReason}</span></> : null}
                  {b.cancelReason ? <><br /><span className="govuk-body-s">{b.cancelledBy === 'host' ? `${b.hostName} cancelled: ` : 'You cancelled: '}{b.cancelReason}</span></> : null}
                  {b.status === 'confirmed' && b.days[0]! >= todayInLondon() ? <CancelForm booking={b} busy={busy} onCancel={(reason) => void cancel(b, reason)} /> : null}
                </>,
                <PupilsCell booking={b} busy={busy} onConsent={(pupilId) => void consent(b.id, pupilId)} />,
              ])}
            />
          ) : (
            <Empty>No requests yet. <Link className="govuk-link" to={`/schools/${schoolId}/work-experience/find`}>Find a placement</Link>.</Empty>
          )
        }
      </Loaded>
    </Page>
  );
}

/** One step: the reason and the button in one form; the employer is told the reason. */
function CancelForm({ booking, busy, onCancel }: { booking: PlacementBooking; busy: boolean; onCancel: (reason: string) => void }) {
  const [reason, setReason] = useState('');
  const what = `${booking.title} with ${booking.hostName}`;
  return (
    <form
      noValidate
      className="govuk-!-margin-top-2"
      onSubmit={(event) => {
        event.preventDefault();
        onCancel(reason);
      }}
    >
      <Textarea name={`cancel-${booking.id}`} label={<>Reason to cancel<span className="govuk-visually-hidden"> {what}</span></>} labelClass="govuk-label--s" rows={2} value={reason} onChange={setReason} />
      <Button warning disabled={busy}>
        Cancel placement<span className="govuk-visually-hidden"> {what}</span>
      </Button>
    </form>
  );
}

function PupilsCell({ booking, busy, onConsent }: { booking: PlacementBooking; busy: boolean; onConsent: (pupilId: string) => void }) {
  return (
    <ul className="govuk-list govuk-!-margin-bottom-0">
      {booking.pupils.map((p) => {
        const name = p.erased ? 'Erased pupil' : `${p.firstName} ${p.lastName}`;
        return (
          <li key={p.pupilId}>
            {name}
            {booking.status === 'requested' && !p.erased ? (
              p.consent?.given ? (
                <> <Tag colour="green">Consent recorded</Tag></>
              ) : (
                <>
                  {' '}
                  <Button secondary type="button" disabled={busy} onClick={() => onConsent(p.pupilId)}>
                    Record consent<span className="govuk-visually-hidden"> for {name}</span>
                  </Button>
                </>
              )
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

export function PupilsPage() {
  const { schoolId = '' } = useParams();
  const load = useLoad(() => weApi.pupils(schoolId), [schoolId]);
  const { errors, busy, attempt } = useAction();
  const [form, setForm] = useState({ reference: '', firstName: '', lastName: '', yearGroup: '10', supportNotes: '' });
  const [csv, setCsv] = useState('');
  const [done, setDone] = useState<string | null>(null);
  async function add(event: FormEvent) {
    event.preventDefault();
    const ok = await attempt(() =>
      weApi.addPupils(schoolId, [{ reference: form.reference, firstName: form.firstName, lastName: form.lastName, yearGroup: Number(form.yearGroup), ...(form.supportNotes ? { supportNotes: form.supportNotes } : {}) }]),
    );
    if (ok) {
      setDone(`${form.firstName} ${form.lastName} added`);
      setForm({ reference: '', firstName: '', lastName: '', yearGroup: form.yearGroup, supportNotes: '' });
      load.reload();
    }
  }
  async function importCsv(event: FormEvent) {
    event.preventDefault();
    if (await attempt(() => weApi.importPupils(schoolId, csv))) {
      setDone('Pupils imported');
      setCsv('');
      load.reload();
    }
  }
  async function exportCsv() {
    await attempt(async () => {
      const text = await weApi.exportPupils(schoolId);
      const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = 'pupils.csv';
      a.click();
      URL.revokeObjectURL(url);
    });
  }
  async function erase(pupilId: string, name: string) {
    if (!window.confirm(`Erase ${name}? Their record goes now; their placements keep the day counts without their name.`)) return;
    if (await attempt(() => weApi.erasePupil(schoolId, pupilId))) {
      setDone(`${name} erased`);
      load.reload();
    }
  }
  const fieldErrors = errors.map((e) => ({ ...e, field: e.field?.replace(/^pupils\[0\]\./, '') }));
  return (
    <Page title="Pupils" wide before={<BackLink to={`/schools/${schoolId}/work-experience`}>Back to work experience</BackLink>}>
      <ErrorSummary errors={fieldErrors} />
      {done ? <NotificationBanner success title="Success" heading={done} /> : null}
      <p className="govuk-body">Keep only what placing a pupil needs. A host sees a pupil’s name and the support notes you share only once it confirms them on a placement. Records are removed automatically after the academic year following a pupil’s last placement.</p>
      <Loaded load={load}>
        {({ items }) =>
          items.length ? (
            <Table
              caption="Your pupils"
              head={['Reference', 'Name', 'Year group', 'Support notes shared', 'Removed after', 'Action']}
              rows={[...items].sort((a, b) => a.lastName.localeCompare(b.lastName)).map((p) => [
                p.reference,
                `${p.firstName} ${p.lastName}`,
                `Year ${p.yearGroup}`,
                p.supportNotes ?? 'None',
                formatDate(p.removeAfter),
                <Button warning type="button" disabled={busy} onClick={() => void erase(p.id, `${p.firstName} ${p.lastName}`)}>
                  Erase<span className="govuk-visually-hidden"> {p.firstName} {p.lastName}</span>
                </Button>,
              ])}
            />
          ) : (
            <Empty>No pupils yet.</Empty>
          )
        }
      </Loaded>
      <p className="govuk-body">
        <Button secondary type="button" disabled={busy} onClick={() => void exportCsv()}>Download all pupils (CSV)</Button>
      </p>
      <Column>
        <form onSubmit={(e) => void add(e)} noValidate>
          <h2 className="govuk-heading-m">Add a pupil</h2>
          <TextInput name="reference" label="Your reference for the pupil" hint="For example, their admission number" width={10} value={form.reference} onChange={(reference) => setForm({ ...form, reference })} error={errorFor(fieldErrors, 'reference')} />
          <TextInput name="firstName" label="First name" autoComplete="off" value={form.firstName} onChange={(firstName) => setForm({ ...form, firstName })} error={errorFor(fieldErrors, 'firstName')} />
          <TextInput name="lastName" label="Last name" autoComplete="off" value={form.lastName} onChange={(lastName) => setForm({ ...form, lastName })} error={errorFor(fieldErrors, 'lastName')} />
          <Select name="yearGroup" label="Year group" value={form.yearGroup} onChange={(yearGroup) => setForm({ ...form, yearGroup })} options={[7, 8, 9, 10, 11].map((y) => ({ value: String(y), text: `Year ${y}` }))} />
          <Textarea name="supportNotes" label="Support to share with a host (optional)" hint="For example, access needs or what helps the pupil; shared only once a host confirms the pupil" rows={3} value={form.supportNotes} onChange={(supportNotes) => setForm({ ...form, supportNotes })} error={errorFor(fieldErrors, 'supportNotes')} />
          <Button disabled={busy}>Add pupil</Button>
        </form>
        <form onSubmit={(e) => void importCsv(e)} noValidate>
          <h2 className="govuk-heading-m">Import pupils from a spreadsheet</h2>
          <Textarea name="csv" label="Paste CSV" hint="First row: reference,firstName,lastName,yearGroup,supportNotes (the last column is optional)" rows={6} value={csv} onChange={setCsv} error={errorFor(fieldErrors, 'csv')} />
          <Button secondary disabled={busy}>Import pupils</Button>
        </form>
      </Column>
    </Page>
  );
}

export function FindPlacementsPage() {
  const { schoolId = '' } = useParams();
  const today = todayInLondon();
  const [from, setFrom] = useState<DateParts>(toDateParts(addDays(today, 1)));
  const [to, setTo] = useState<DateParts>(toDateParts(addDays(today, 180)));
  const [yearGroup, setYearGroup] = useState('10');
  const [sector, setSector] = useState('');
  const [results, setResults] = useState<PlacementHit[] | null>(null);
  const { errors, setErrors, busy, attempt } = useAction();
  async function search(event: FormEvent) {
    event.preventDefault();
    const f = fromDateParts(from);
    const t = fromDateParts(to);
    if (!f || !t) {
      setErrors([...(!f ? [{ field: 'from', message: 'Enter a real date, like 14 6 2027' }] : []), ...(!t ? [{ field: 'to', message: 'Enter a real date, like 18 6 2027' }] : [])]);
      return;
    }
    await attempt(async () => setResults((await weApi.search({ orgId: schoolId, from: f, to: t, yearGroup, sector })).items));
  }
  const grouped = useMemo(() => {
    const map = new Map<string, PlacementHit[]>();
    for (const hit of results ?? []) map.set(`${hit.hostOrgId}/${hit.placementId}`, [...(map.get(`${hit.hostOrgId}/${hit.placementId}`) ?? []), hit]);
    return [...map.entries()];
  }, [results]);
  return (
    <Page title="Find placements" wide before={<BackLink to={`/schools/${schoolId}/work-experience`}>Back to work experience</BackLink>}>
      <ErrorSummary errors={errors} />
      <Column>
        <form onSubmit={(e) => void search(e)} noValidate>
          <DateInput name="from" legend="From" value={from} onChange={setFrom} error={errorFor(errors, 'from')} />
          <DateInput name="to" legend="To" value={to} onChange={setTo} error={errorFor(errors, 'to')} />
          <Select name="yearGroup" label="Year group" value={yearGroup} onChange={setYearGroup} options={[7, 8, 9, 10, 11].map((y) => ({ value: String(y), text: `Year ${y}` }))} />
          <Select name="sector" label="Sector" value={sector} onChange={setSector} options={[{ value: '', text: 'Any sector' }, ...Object.entries(SECTOR_LABELS).map(([value, text]) => ({ value, text }))]} />
          <Button disabled={busy}>Search</Button>
        </form>
      </Column>
      {results === null ? null : grouped.length ? (
        <>
          <h2 className="govuk-heading-m">{grouped.length === 1 ? '1 placement' : `${grouped.length} placements`} with places left</h2>
          {grouped.map(([key, days]) => {
            const first = days[0]!;
            return (
              <div className="govuk-summary-card" key={key}>
                <div className="govuk-summary-card__title-wrapper">
                  <h3 className="govuk-summary-card__title">{first.title}</h3>
                </div>
                <div className="govuk-summary-card__content">
                  <SummaryList
                    rows={[
                      { key: 'Host', value: `${first.hostName} (${first.distanceKm} km away)` },
                      { key: 'Sector', value: SECTOR_LABELS[first.sector] },
                      { key: 'Days with places', value: days.map((d) => `${formatDate(d.date)} (${d.placesLeft} left)`).join('; ') },
                      { key: 'Hours', value: `${first.dailyStart} to ${first.dailyEnd}` },
                    ]}
                  />
                  <Link className="govuk-link" to={`/schools/${schoolId}/work-experience/placements/${first.hostOrgId}/${first.placementId}`}>
                    Request days<span className="govuk-visually-hidden"> on {first.title}</span>
                  </Link>
                </div>
              </div>
            );
          })}
        </>
      ) : (
        <Empty>No placements with places left match. Try a wider date range or any sector.</Empty>
      )}
    </Page>
  );
}

export function RequestPlacementPage() {
  const { schoolId = '', hostId = '', placementId = '' } = useParams();
  const navigate = useNavigate();
  const load = useLoad(() => Promise.all([weApi.placement(hostId, placementId), weApi.pupils(schoolId)]), [hostId, placementId, schoolId]);
  const [days, setDays] = useState<string[]>([]);
  const [pupilIds, setPupilIds] = useState<string[]>([]);
  const [message, setMessage] = useState('');
  const { errors, busy, attempt } = useAction();
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await attempt(() => weApi.requestPlacement(schoolId, { hostOrgId: hostId, placementId, days, pupilIds, message }))) navigate(`/schools/${schoolId}/work-experience?requested=1`);
  }
  return (
    <Page title="Request placement days" before={<BackLink to={`/schools/${schoolId}/work-experience/find`}>Back to search</BackLink>}>
      <ErrorSummary errors={errors} />
      <Loaded load={load}>
        {([placement, { items: pupils }]) => (
          <Column>
            <h2 className="govuk-heading-m">{placement.title}</h2>
            <SummaryList
              rows={[
                { key: 'Host', value: placement.hostName },
                { key: 'Sector', value: SECTOR_LABELS[placement.sector] },
                { key: 'What pupils will do', value: placement.tasks },
                { key: 'Who they will meet', value: placement.whoTheyMeet },
                { key: 'Feedback they get', value: placement.feedback },
                { key: 'Where', value: `${placement.address}, ${placement.postcode}` },
                { key: 'Hours', value: `${placement.dailyStart} to ${placement.dailyEnd}` },
                { key: 'In person', value: placement.attendance === 'hybrid' ? `Hybrid: ${placement.hybridReason ?? ''}` : 'Yes' },
                { key: 'Accessibility and SEND support', value: placement.accessibility || 'Not stated' },
                { key: 'Travel', value: placement.travel || 'Not stated' },
                { key: 'Dress code', value: placement.dressCode || 'Not stated' },
                { key: 'Notice needed', value: `${placement.minimumNoticeDays} days` },
                { key: 'Supervisor', value: placement.supervisor.name },
              ]}
            />
            <form onSubmit={(e) => void submit(e)} noValidate>
              <Checkboxes
                name="days"
                legend="Days"
                legendClass="govuk-fieldset__legend--m"
                values={days}
                onChange={setDays}
                error={errorFor(errors, 'days')}
                choices={placement.dayPlaces.filter((d) => d.placesLeft > 0).map((d) => ({ value: d.date, text: formatDate(d.date), hint: `${d.placesLeft} of ${d.places} places left` }))}
              />
              <Checkboxes
                name="pupilIds"
                legend="Pupils"
                legendClass="govuk-fieldset__legend--m"
                hint={`For Year ${placement.yearGroups.join(' and Year ')}`}
                values={pupilIds}
                onChange={setPupilIds}
                error={errorFor(errors, 'pupilIds')}
                choices={pupils.filter((p) => placement.yearGroups.includes(p.yearGroup)).map((p) => ({ value: p.id, text: `${p.firstName} ${p.lastName}`, hint: `Year ${p.yearGroup}` }))}
              />
              <Textarea name="message" label="Message to the host (optional)" hint="Do not include pupils’ names or personal details" rows={3} value={message} onChange={setMessage} />
              <Button disabled={busy}>Send request</Button>
            </form>
          </Column>
        )}
      </Loaded>
    </Page>
  );
}

import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Button, Checkboxes, DateInput, ErrorSummary, Radios, Select, TextInput, Textarea, errorFor } from '../components/forms';
import { Column, Page } from '../components/Page';
import { Empty, Loaded, useLoad } from '../components/states';
import { useAction } from '../components/use-action';
import { BackLink, NotificationBanner, SummaryList, Table, Tag } from '../components/ui';
import { formatDate, fromDateParts, todayInLondon, toDateParts, type DateParts } from '../format';
import { SECTOR_LABELS, weApi, type PlacementBooking } from '../work-experience-api';

/** A host's work experience (issue 12, we-place): its offers, requests to confirm or decline, attendance and feedback. */

export function HostWorkExperiencePage() {
  const { orgId = '' } = useParams();
  const [params] = useSearchParams();
  const placements = useLoad(() => weApi.placements(orgId), [orgId]);
  const bookings = useLoad(() => weApi.hostBookings(orgId), [orgId]);
  const { errors, busy, attempt } = useAction();
  const [done, setDone] = useState<string | null>(null);
  async function act(booking: PlacementBooking, action: 'confirm' | 'decline' | 'attendance' | 'feedback', body: unknown, message: string) {
    if (await attempt(() => weApi.hostAct(orgId, booking.schoolId, booking.id, action, body))) {
      setDone(message);
      bookings.reload();
      placements.reload();
    }
  }
  return (
    <Page title="Work experience" wide before={<BackLink to={`/organisations/${orgId}`}>Back to overview</BackLink>}>
      <ErrorSummary errors={errors} />
      {params.get('published') ? <NotificationBanner success title="Success" heading="Your placement is published"><p className="govuk-body">Schools nearby can now find it and ask for days.</p></NotificationBanner> : null}
      {done ? <NotificationBanner success title="Success" heading={done} /> : null}
      <p className="govuk-body">
        <Link className="govuk-button" to={`/organisations/${orgId}/work-experience/new`} role="button" draggable={false}>Offer a placement</Link>
      </p>
      <h2 className="govuk-heading-m">Requests and placements</h2>
      <Loaded load={bookings}>
        {({ items }) =>
          items.length ? (
            <>
              {[...items].sort((a, b) => a.days[0]!.localeCompare(b.days[0]!)).map((b) => (
                <BookingCard key={b.id} booking={b} busy={busy} onAct={(action, body, message) => void act(b, action, body, message)} />
              ))}
            </>
          ) : (
            <Empty>No requests yet.</Empty>
          )
        }
      </Loaded>
      <h2 className="govuk-heading-m">Your offers</h2>
      <Loaded load={placements}>
        {({ items }) =>
          items.length ? (
            <Table
              caption="Placements you offer"
              captionSize="s"
              head={['Placement', 'Days', 'Places a day', 'Year groups', 'Status']}
              rows={items.map((p) => [
                <>{p.title}<br /><span className="govuk-body-s">{SECTOR_LABELS[p.sector]}</span></>,
                `${formatDate(p.days[0]!)}${p.days.length > 1 ? ` and ${p.days.length - 1} more` : ''}`,
                String(p.placesPerDay),
                p.yearGroups.map((y) => `Year ${y}`).join(', '),
                <Tag colour={p.status === 'published' ? 'green' : 'grey'}>{p.status === 'published' ? 'Published' : 'Withdrawn'}</Tag>,
              ])}
            />
          ) : (
            <Empty>You have not offered a placement yet.</Empty>
          )
        }
      </Loaded>
    </Page>
  );
}

function BookingCard({ booking: b, busy, onAct }: { booking: PlacementBooking; busy: boolean; onAct: (action: 'confirm' | 'decline' | 'attendance' | 'feedback', body: unknown, message: string) => void }) {
  const [reason, setReason] = useState('');
  const [feedback, setFeedback] = useState<Record<string, string>>({});
  const today = todayInLondon();
  const pastDays = b.days.filter((d) => d <= today);
  const title = `${b.title}: ${b.schoolName}`;
  return (
    <div className="govuk-summary-card">
      <div className="govuk-summary-card__title-wrapper">
        <h3 className="govuk-summary-card__title">{title}</h3>
      </div>
      <div className="govuk-summary-card__content">
        <SummaryList
          rows={[
            { key: 'Status', value: <Tag colour={b.status === 'confirmed' ? 'green' : b.status === 'requested' ? 'blue' : 'grey'}>{b.status[0]!.toUpperCase() + b.status.slice(1)}</Tag> },
            { key: 'Days', value: b.days.map(formatDate).join('; ') },
            {
              key: 'Pupils',
              value:
                b.status === 'confirmed'
                  ? b.pupils.map((p) => (p.erased ? `A Year ${p.yearGroup} pupil (record erased by the school)` : `${p.firstName} ${p.lastName}, Year ${p.yearGroup}${p.supportNotes ? ` — ${p.supportNotes}` : ''}`)).join('; ')
                  : `${b.pupils.length} ${b.pupils.length === 1 ? 'pupil' : 'pupils'} in Year ${[...new Set(b.pupils.map((p) => p.yearGroup))].join(' and ')} (names shown once you confirm)`,
            },
            ...(b.message ? [{ key: 'Message from the school', value: b.message }] : []),
            ...(b.declineReason ? [{ key: 'Why you declined', value: b.declineReason }] : []),
          ]}
        />
        {b.status === 'requested' ? (
          <>
            <Button disabled={busy} type="button" onClick={() => onAct('confirm', {}, `You confirmed ${title}`)}>
              Confirm<span className="govuk-visually-hidden"> {title}</span>
            </Button>
            <Textarea name={`reason-${b.id}`} label={<>Reason to decline<span className="govuk-visually-hidden"> {title}</span></>} rows={2} value={reason} onChange={setReason} />
            <Button secondary disabled={busy} type="button" onClick={() => onAct('decline', { reason }, `You declined ${title}`)}>
              Decline<span className="govuk-visually-hidden"> {title}</span>
            </Button>
          </>
        ) : null}
        {b.status === 'confirmed' && pastDays.length ? (
          <>
            <h4 className="govuk-heading-s">Attendance</h4>
            <Table
              caption={<span className="govuk-visually-hidden">Attendance for {title}</span>}
              captionSize="s"
              head={['Pupil', ...pastDays.map((d) => formatDate(d))]}
              rows={b.pupils.filter((p) => !p.erased).map((p) => [
                `${p.firstName} ${p.lastName}`,
                ...pastDays.map((date) => {
                  const recorded = p.attendance?.[date];
                  return recorded ? (
                    recorded === 'attended' ? 'Attended' : 'Absent'
                  ) : (
                    <>
                      <Button secondary type="button" disabled={busy} onClick={() => onAct('attendance', { pupilId: p.pupilId, date, attended: true }, 'Attendance recorded')}>
                        Attended<span className="govuk-visually-hidden"> {p.firstName} {p.lastName} on {formatDate(date)}</span>
                      </Button>{' '}
                      <Button secondary type="button" disabled={busy} onClick={() => onAct('attendance', { pupilId: p.pupilId, date, attended: false }, 'Absence recorded')}>
                        Absent<span className="govuk-visually-hidden"> {p.firstName} {p.lastName} on {formatDate(date)}</span>
                      </Button>
                    </>
                  );
                }),
              ])}
            />
            <h4 className="govuk-heading-s">Feedback for each pupil</h4>
            {b.pupils.filter((p) => !p.erased).map((p) =>
              p.feedback ? (
                <p className="govuk-body" key={p.pupilId}><strong>{p.firstName} {p.lastName}:</strong> {p.feedback.text}</p>
              ) : (
                <div key={p.pupilId}>
                  <Textarea name={`feedback-${b.id}-${p.pupilId}`} label={`Feedback for ${p.firstName} ${p.lastName}`} rows={2} value={feedback[p.pupilId] ?? ''} onChange={(text) => setFeedback({ ...feedback, [p.pupilId]: text })} />
                  <Button secondary type="button" disabled={busy} onClick={() => onAct('feedback', { pupilId: p.pupilId, text: feedback[p.pupilId] ?? '' }, `Feedback saved for ${p.firstName} ${p.lastName}`)}>
                    Save feedback<span className="govuk-visually-hidden"> for {p.firstName} {p.lastName}</span>
                  </Button>
                </div>
              ),
            )}
          </>
        ) : null}
      </div>
    </div>
  );
}

interface OfferForm {
  title: string;
  sector: string;
  kind: string;
  tasks: string;
  whoTheyMeet: string;
  feedback: string;
  address: string;
  postcode: string;
  from: DateParts;
  to: DateParts;
  dailyStart: string;
  dailyEnd: string;
  placesPerDay: string;
  yearGroups: string[];
  minimumNoticeDays: string;
  accessibility: string;
  travel: string;
  dressCode: string;
  supervisorName: string;
  supervisorEmail: string;
}

export function NewPlacementPage() {
  const { orgId = '' } = useParams();
  const navigate = useNavigate();
  const { errors, setErrors, busy, attempt } = useAction();
  const [form, setForm] = useState<OfferForm>({
    title: '', sector: 'advanced_manufacturing', kind: 'placement', tasks: '', whoTheyMeet: '', feedback: '', address: '', postcode: '',
    from: toDateParts(undefined), to: toDateParts(undefined), dailyStart: '09:00', dailyEnd: '15:00', placesPerDay: '2', yearGroups: ['10', '11'],
    minimumNoticeDays: '14', accessibility: '', travel: '', dressCode: '', supervisorName: '', supervisorEmail: '',
  });
  const set = <K extends keyof OfferForm>(key: K) => (value: OfferForm[K]) => setForm({ ...form, [key]: value });
  async function submit(event: FormEvent) {
    event.preventDefault();
    const from = fromDateParts(form.from);
    const to = fromDateParts(form.to);
    if (!from || !to) {
      setErrors([...(!from ? [{ field: 'from', message: 'Enter the first day, like 14 6 2027' }] : []), ...(!to ? [{ field: 'to', message: 'Enter the last day, like 18 6 2027' }] : [])]);
      return;
    }
    const ok = await attempt(() =>
      weApi.publishPlacement(orgId, {
        kind: form.kind as 'placement' | 'activity',
        title: form.title,
        sector: form.sector as 'other',
        tasks: form.tasks,
        whoTheyMeet: form.whoTheyMeet,
        feedback: form.feedback,
        address: form.address,
        postcode: form.postcode,
        attendance: 'in_person',
        days: { kind: 'block', from, to },
        dailyStart: form.dailyStart,
        dailyEnd: form.dailyEnd,
        placesPerDay: Number(form.placesPerDay),
        yearGroups: form.yearGroups.map(Number),
        minimumNoticeDays: Number(form.minimumNoticeDays),
        accessibility: form.accessibility,
        travel: form.travel,
        dressCode: form.dressCode,
        supervisor: { name: form.supervisorName, email: form.supervisorEmail },
      }),
    );
    if (ok) navigate(`/organisations/${orgId}/work-experience?published=1`);
  }
  const fieldErrors = errors.map((e) => ({ ...e, field: e.field === 'days' ? 'from' : e.field?.startsWith('supervisor.') ? `supervisor${e.field[11]!.toUpperCase()}${e.field.slice(12)}` : e.code === 'PLACEMENT_YEAR_GROUP' ? 'yearGroups' : e.field }));
  return (
    <Page title="Offer a placement" before={<BackLink to={`/organisations/${orgId}/work-experience`}>Back to work experience</BackLink>}>
      <ErrorSummary errors={fieldErrors} />
      <Column>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Radios name="kind" legend="What are you offering?" value={form.kind} onChange={set('kind')} choices={[{ value: 'placement', text: 'A placement for Years 10–11' }, { value: 'activity', text: 'A work experience activity for Years 7–9', hint: 'A work visit, shadowing, or a talk and tour in the workplace' }]} />
          <TextInput name="title" label="Title" value={form.title} onChange={set('title')} error={errorFor(fieldErrors, 'title')} />
          <Select name="sector" label="Sector" value={form.sector} onChange={set('sector')} options={Object.entries(SECTOR_LABELS).map(([value, text]) => ({ value, text }))} />
          <Textarea name="tasks" label="What pupils will do" hint="The tasks you will set them" value={form.tasks} onChange={set('tasks')} error={errorFor(fieldErrors, 'tasks')} />
          <Textarea name="whoTheyMeet" label="Who they will meet" rows={3} value={form.whoTheyMeet} onChange={set('whoTheyMeet')} error={errorFor(fieldErrors, 'whoTheyMeet')} />
          <Textarea name="feedback" label="The feedback they will get" rows={3} value={form.feedback} onChange={set('feedback')} error={errorFor(fieldErrors, 'feedback')} />
          <Textarea name="address" label="Address" rows={2} value={form.address} onChange={set('address')} error={errorFor(fieldErrors, 'address')} />
          <TextInput name="postcode" label="Postcode" width={10} autoComplete="postal-code" value={form.postcode} onChange={set('postcode')} error={errorFor(fieldErrors, 'postcode')} />
          <DateInput name="from" legend="First day" value={form.from} onChange={set('from')} error={errorFor(fieldErrors, 'from')} />
          <DateInput name="to" legend="Last day" hint="Every weekday from the first to the last day is offered" value={form.to} onChange={set('to')} error={errorFor(fieldErrors, 'to')} />
          <TextInput name="dailyStart" label="Start time" hint="24-hour clock, like 09:00" width={5} value={form.dailyStart} onChange={set('dailyStart')} error={errorFor(fieldErrors, 'dailyStart')} />
          <TextInput name="dailyEnd" label="End time" width={5} value={form.dailyEnd} onChange={set('dailyEnd')} error={errorFor(fieldErrors, 'dailyEnd')} />
          <TextInput name="placesPerDay" label="Pupils a day" width={3} inputMode="numeric" value={form.placesPerDay} onChange={set('placesPerDay')} error={errorFor(fieldErrors, 'placesPerDay')} />
          <Checkboxes name="yearGroups" legend="Year groups" values={form.yearGroups} onChange={set('yearGroups')} error={errorFor(fieldErrors, 'yearGroups')} choices={[7, 8, 9, 10, 11].map((y) => ({ value: String(y), text: `Year ${y}` }))} />
          <TextInput name="minimumNoticeDays" label="Notice you need, in days" width={3} inputMode="numeric" value={form.minimumNoticeDays} onChange={set('minimumNoticeDays')} error={errorFor(fieldErrors, 'minimumNoticeDays')} />
          <Textarea name="accessibility" label="Accessibility and support for pupils with SEND" rows={3} value={form.accessibility} onChange={set('accessibility')} />
          <Textarea name="travel" label="Getting there" rows={2} value={form.travel} onChange={set('travel')} />
          <TextInput name="dressCode" label="Dress code" value={form.dressCode} onChange={set('dressCode')} />
          <TextInput name="supervisorName" label="Supervisor’s name" value={form.supervisorName} onChange={set('supervisorName')} error={errorFor(fieldErrors, 'supervisorName')} />
          <TextInput name="supervisorEmail" label="Supervisor’s email" type="email" value={form.supervisorEmail} onChange={set('supervisorEmail')} error={errorFor(fieldErrors, 'supervisorEmail')} />
          <Button disabled={busy}>Publish placement</Button>
        </form>
      </Column>
    </Page>
  );
}

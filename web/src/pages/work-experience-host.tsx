import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Button, Checkboxes, DateInput, ErrorSummary, Radios, Select, TextInput, Textarea, errorFor } from '../components/forms';
import { Column, Page } from '../components/Page';
import { Empty, Loaded, useLoad } from '../components/states';
import { useAction } from '../components/use-action';
import { BackLink, NotificationBanner, SummaryList, Table, Tag } from '../components/ui';
import { formatDate, fromDateParts, todayInLondon, toDateParts, type DateParts } from '../format';
import { SECTOR_LABELS, weApi, type PlacementBooking } from '../work-experience-api';
import { useScrollToHash } from '../components/placements-shared';

/** A host's work experience (issue 12, we-place): its offers, requests to confirm or decline, attendance and feedback. */

export function HostWorkExperiencePage() {
  const { orgId = '' } = useParams();
  const [params] = useSearchParams();
  const placements = useLoad(() => weApi.placements(orgId), [orgId]);
  const bookings = useLoad(() => weApi.hostBookings(orgId), [orgId]);
  const { errors, busy, attempt } = useAction();
  const [done, setDone] = useState<string | null>(null);
  useScrollToHash(bookings.state === 'ok');
  async function act(booking: PlacementBooking, action: 'confirm' | 'decline' | 'attendance' | 'feedback' | 'cancel', body: unknown, message: string) {
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
      <p className="govuk-body">
        Schools confirm pupils only once they have signed off your <Link className="govuk-link" to={`/organisations/${orgId}/safety-pack`}>safety pack</Link> for the academic year.
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

function BookingCard({ booking: b, busy, onAct }: { booking: PlacementBooking; busy: boolean; onAct: (action: 'confirm' | 'decline' | 'attendance' | 'feedback' | 'cancel', body: unknown, message: string) => void }) {
  const [reason, setReason] = useState('');
  const [cancelReason, setCancelReason] = useState('');
  const [feedback, setFeedback] = useState<Record<string, string>>({});
  const today = todayInLondon();
  const pastDays = b.days.filter((d) => d <= today);
  const title = `${b.title}: ${b.schoolName}`;
  return (
    <div className="govuk-summary-card" id={`placement-${b.id}`} tabIndex={-1}>
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
            ...(b.cancelReason ? [{ key: b.cancelledBy === 'host' ? 'Why you cancelled' : `Why ${b.schoolName} cancelled`, value: b.cancelReason }] : []),
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
        {b.status === 'confirmed' && b.days[0]! >= today ? (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              onAct('cancel', { reason: cancelReason }, `You cancelled ${title}`);
            }}
          >
            <Textarea
              name={`cancel-${b.id}`}
              label={<>Reason to cancel<span className="govuk-visually-hidden"> {title}</span></>}
              hint="The school is told this, and its calendar invite is cancelled. The places are offered again."
              rows={2}
              value={cancelReason}
              onChange={setCancelReason}
            />
            <Button warning disabled={busy}>
              Cancel placement<span className="govuk-visually-hidden"> {title}</span>
            </Button>
          </form>
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
  /** How the days are offered: a block of weekdays, single days, or the same weekdays every week. */
  pattern: 'block' | 'dates' | 'weekly';
  from: DateParts;
  to: DateParts;
  dates: DateParts[];
  weekdays: string[];
  attendance: 'in_person' | 'hybrid';
  hybridReason: string;
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
    pattern: 'block', from: toDateParts(undefined), to: toDateParts(undefined), dates: [toDateParts(undefined)], weekdays: [], attendance: 'in_person', hybridReason: '', dailyStart: '09:00', dailyEnd: '15:00', placesPerDay: '2', yearGroups: ['10', '11'],
    minimumNoticeDays: '14', accessibility: '', travel: '', dressCode: '', supervisorName: '', supervisorEmail: '',
  });
  const set = <K extends keyof OfferForm>(key: K) => (value: OfferForm[K]) => setForm({ ...form, [key]: value });
  async function submit(event: FormEvent) {
    event.preventDefault();
    const from = fromDateParts(form.from);
    const to = fromDateParts(form.to);
    const dates = form.dates.map(fromDateParts);
    const problems: Array<{ field: string; message: string }> = [];
    if (form.pattern !== 'dates') {
      if (!from) problems.push({ field: 'from', message: 'Enter the first day, like 14 6 2027' });
      if (!to) problems.push({ field: 'to', message: 'Enter the last day, like 18 6 2027' });
    }
    if (form.pattern === 'weekly' && !form.weekdays.length) problems.push({ field: 'weekdays', message: 'Choose the weekdays you offer each week' });
    if (form.pattern === 'dates') dates.forEach((date, i) => { if (!date) problems.push({ field: `dates-${i}`, message: `Enter day ${i + 1}, like 14 6 2027` }); });
    if (form.attendance === 'hybrid' && !form.hybridReason.trim()) problems.push({ field: 'hybridReason', message: 'Say why this placement cannot be wholly in person' });
    if (problems.length) {
      setErrors(problems);
      return;
    }
    const days =
      form.pattern === 'dates'
        ? { kind: 'dates' as const, dates: dates as string[] }
        : form.pattern === 'weekly'
          ? { kind: 'weekly' as const, weekdays: form.weekdays as Array<'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday'>, from: from!, to: to! }
          : { kind: 'block' as const, from: from!, to: to! };
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
        attendance: form.attendance,
        ...(form.attendance === 'hybrid' ? { hybridReason: form.hybridReason } : {}),
        days,
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
  const daysField = form.pattern === 'dates' ? 'dates-0' : 'from';
  const fieldErrors = errors.map((e) => ({
    ...e,
    field:
      e.field === 'days' || e.field?.startsWith('days.')
        ? daysField
        : e.field?.startsWith('supervisor.')
          ? `supervisor${e.field[11]!.toUpperCase()}${e.field.slice(12)}`
          : e.code === 'PLACEMENT_YEAR_GROUP'
            ? 'yearGroups'
            : e.code === 'IN_PERSON'
              ? 'hybridReason'
              : e.field,
  }));
  const setDate = (i: number) => (value: DateParts) => setForm({ ...form, dates: form.dates.map((d, j) => (j === i ? value : d)) });
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
          <Radios
            name="attendance"
            legend="Where does it take place?"
            hint="Work experience is in person. Hybrid is only for exceptional cases, alongside time in person; online only is not offered."
            value={form.attendance}
            onChange={(value) => set('attendance')(value as OfferForm['attendance'])}
            choices={[{ value: 'in_person', text: 'In person' }, { value: 'hybrid', text: 'Hybrid: in person with some days or hours online (exceptional)' }]}
          />
          {form.attendance === 'hybrid' ? (
            <Textarea name="hybridReason" label="Why it cannot be wholly in person" rows={3} value={form.hybridReason} onChange={set('hybridReason')} error={errorFor(fieldErrors, 'hybridReason')} />
          ) : null}
          <Radios
            name="pattern"
            legend="Which days do you offer?"
            value={form.pattern}
            onChange={(value) => set('pattern')(value as OfferForm['pattern'])}
            choices={[
              { value: 'block', text: 'A block of weekdays', hint: 'Every weekday from the first to the last day, like a week' },
              { value: 'dates', text: 'Single days', hint: 'Days you choose one by one' },
              { value: 'weekly', text: 'The same weekdays every week', hint: 'Like every Wednesday in the spring term' },
            ]}
          />
          {form.pattern === 'dates' ? (
            <>
              {form.dates.map((date, i) => (
                <DateInput key={i} name={`dates-${i}`} legend={`Day ${i + 1}`} value={date} onChange={setDate(i)} error={errorFor(fieldErrors, `dates-${i}`)} />
              ))}
              <div className="govuk-button-group">
                {form.dates.length < 40 ? (
                  <Button secondary type="button" onClick={() => setForm({ ...form, dates: [...form.dates, toDateParts(undefined)] })}>Add another day</Button>
                ) : null}
                {form.dates.length > 1 ? (
                  <Button secondary type="button" onClick={() => setForm({ ...form, dates: form.dates.slice(0, -1) })}>Remove day {form.dates.length}</Button>
                ) : null}
              </div>
            </>
          ) : (
            <>
              {form.pattern === 'weekly' ? (
                <Checkboxes
                  name="weekdays"
                  legend="Weekdays"
                  values={form.weekdays}
                  onChange={set('weekdays')}
                  error={errorFor(fieldErrors, 'weekdays')}
                  choices={['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((d) => ({ value: d, text: d[0]!.toUpperCase() + d.slice(1) }))}
                />
              ) : null}
              <DateInput name="from" legend="First day" value={form.from} onChange={set('from')} error={errorFor(fieldErrors, 'from')} />
              <DateInput name="to" legend="Last day" hint={form.pattern === 'weekly' ? 'The chosen weekdays from the first to the last day are offered' : 'Every weekday from the first to the last day is offered'} value={form.to} onChange={set('to')} error={errorFor(fieldErrors, 'to')} />
            </>
          )}
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

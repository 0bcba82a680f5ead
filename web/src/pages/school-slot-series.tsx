import { useMemo, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { slotSeriesInput } from '@schoolgate/contracts';
import { api, type FieldError, type OrganisationView } from '../api';
import { Button, DateInput, ErrorSummary, Select, TextInput, errorFor } from '../components/forms';
import { CountsTowardDuty, FormatSelect, TimeFields, VenueRadios, YearGroupFields } from '../components/slot-fields';
import { Page } from '../components/Page';
import { Loaded, useLoad } from '../components/states';
import { BackLink, Table, Tag } from '../components/ui';
import { formatDate, fromDateParts, yearsTaught, type DateParts } from '../format';
import { errorsFrom, zodErrors } from '../validation';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
const blankDate: DateParts = { day: '', month: '', year: '' };

type Report = Awaited<ReturnType<typeof api.createSlotSeries>>;

/** Recurring slots (issue 15): the same slot every chosen weekday between two dates, with the rules report per date. */
export function SlotSeriesPage() {
  const { schoolId = '' } = useParams();
  const load = useLoad(() => api.school(schoolId), [schoolId]);
  return (
    <Page title="Create a series of slots" before={<BackLink to={`/schools/${schoolId}/slots`}>Back to slots</BackLink>}>
      <Loaded load={load}>{(school) => <SeriesForm school={school} />}</Loaded>
    </Page>
  );
}

function SeriesForm({ school }: { school: OrganisationView }) {
  const venues = school.venues ?? [];
  // One key per form: sending it again (a retry, a double click) creates nothing twice.
  const seriesId = useMemo(() => crypto.randomUUID().replaceAll('-', ''), []);
  const [f, setF] = useState({
    title: '',
    weekday: 'tuesday',
    from: blankDate,
    to: blankDate,
    start: '',
    end: '',
    yearGroups: [] as string[],
    format: 'assembly',
    venueId: venues.length === 1 ? venues[0]!.id : '',
    places: '1',
    statutory: 'yes',
  });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [report, setReport] = useState<Report | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof typeof f>(key: K) => (value: (typeof f)[K]) => setF((old) => ({ ...old, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const from = fromDateParts(f.from);
    const to = fromDateParts(f.to);
    const input = {
      seriesId,
      title: f.title,
      start: f.start,
      end: f.end,
      yearGroups: f.yearGroups.map(Number),
      format: f.format,
      venueId: f.venueId,
      places: Number(f.places),
      statutory: f.statutory === 'yes',
      description: '',
      every: { weekday: f.weekday, from: from ?? '', to: to ?? '' },
    };
    const parsed = slotSeriesInput.safeParse(input);
    const found: FieldError[] = [
      ...(from ? [] : [{ field: 'from', message: 'Enter the first date, like 2 11 2026' }]),
      ...(to ? [] : [{ field: 'to', message: 'Enter the last date, like 18 12 2026' }]),
      ...(parsed.success ? [] : zodErrors(parsed.error).map((e) => (e.field === 'every.to' ? { ...e, field: 'to' } : e)).filter((e) => !e.field?.startsWith('every.'))),
    ];
    setErrors(found);
    if (found.length || !parsed.success) return;
    setBusy(true);
    try {
      setReport(await api.createSlotSeries(school.id, parsed.data));
    } catch (error) {
      setErrors(errorsFrom(error).map((e) => (e.field === 'every.to' ? { ...e, field: 'to' } : e)));
    } finally {
      setBusy(false);
    }
  }

  if (report) {
    return (
      <>
        <h2 className="govuk-heading-m" data-testid="series-summary">
          {report.created} {report.created === 1 ? 'slot' : 'slots'} created{report.refused ? `, ${report.refused} not created` : ''}
        </h2>
        <Table
          caption="Each date, as the rules judged it"
          head={['Date', 'Outcome', 'Rules']}
          rows={report.dates.map((d) => [
            formatDate(d.date),
            d.outcome === 'created' ? <Tag colour="green">Created</Tag> : <Tag colour="red">Not created</Tag>,
            d.violations.length ? d.violations.map((v) => `${v.message} (${v.code})`).join(' ') : 'Meets every rule',
          ])}
        />
        <p className="govuk-body">
          <Link className="govuk-link" to={`/schools/${school.id}/slots`}>
            See your slots
          </Link>
        </p>
      </>
    );
  }

  return (
    <>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate>
        <TextInput name="title" label="Title" hint="The same on every date, for example “Year 9 assembly: routes after 16”" value={f.title} onChange={set('title')} error={errorFor(errors, 'title')} />
        <Select name="weekday" label="Repeat every" value={f.weekday} onChange={set('weekday')} options={WEEKDAYS.map((w) => ({ value: w, text: w[0]!.toUpperCase() + w.slice(1) }))} />
        <DateInput name="from" legend="From" legendClass="govuk-fieldset__legend--s" value={f.from} onChange={set('from')} error={errorFor(errors, 'from')} />
        <DateInput name="to" legend="To" legendClass="govuk-fieldset__legend--s" value={f.to} onChange={set('to')} error={errorFor(errors, 'to')} />
        <TimeFields start={f.start} end={f.end} onStart={set('start')} onEnd={set('end')} errors={errors} />
        <YearGroupFields years={yearsTaught(school.yearGroups)} values={f.yearGroups} onChange={set('yearGroups')} error={errorFor(errors, 'yearGroups')} />
        <FormatSelect value={f.format} onChange={set('format')} />
        <VenueRadios venues={venues} value={f.venueId} onChange={set('venueId')} error={errorFor(errors, 'venueId')} />
        <TextInput name="places" label="How many providers can take part on each date?" width={3} inputMode="numeric" value={f.places} onChange={set('places')} error={errorFor(errors, 'places')} />
        <CountsTowardDuty
          legend="Should these count toward the provider access duty?"
          hint="A date that breaks a rule of the duty is not created; the report says why"
          value={f.statutory}
          onChange={set('statutory')}
        />
        <Button disabled={busy}>Create the slots</Button>
      </form>
    </>
  );
}

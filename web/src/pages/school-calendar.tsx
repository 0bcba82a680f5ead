import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { calendarInput } from '@schoolgate/contracts';
import { api, ApiError, type CalendarInput, type FieldError, type IcsPreview } from '../api';
import { Button, DateInput, ErrorSummary, Select, TextInput, errorFor } from '../components/forms';
import { Column, Page } from '../components/Page';
import { Loaded, useLoad } from '../components/states';
import { BackLink, Inset, Table } from '../components/ui';
import { formatDate, fromDateParts, toDateParts, type DateParts } from '../format';
import { errorsFrom, zodErrors } from '../validation';

interface Range {
  name: string;
  start: DateParts;
  end: DateParts;
  kind?: 'holiday' | 'inset' | 'other';
}

const EMPTY_CALENDAR: CalendarInput = { terms: [], closures: [], schoolDay: { start: '08:45', end: '15:15' }, weekdayOverrides: [], yearGroupOverrides: [] };

export function CalendarPage() {
  const { schoolId = '' } = useParams();
  const load = useLoad(
    () =>
      api.calendar(schoolId).catch((error) => {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }),
    [schoolId],
  );
  return (
    <Page title="Term dates and school day" before={<BackLink to={`/schools/${schoolId}`}>Back to overview</BackLink>}>
      <Loaded load={load}>{(calendar) => <CalendarForm schoolId={schoolId} calendar={calendar ?? EMPTY_CALENDAR} />}</Loaded>
    </Page>
  );
}

const toRange = (r: { name: string; start: string; end: string; kind?: 'holiday' | 'inset' | 'other' }): Range => ({
  name: r.name,
  start: toDateParts(r.start),
  end: toDateParts(r.end),
  ...(r.kind ? { kind: r.kind } : {}),
});

function CalendarForm({ schoolId, calendar }: { schoolId: string; calendar: CalendarInput }) {
  const navigate = useNavigate();
  const [terms, setTerms] = useState<Range[]>(calendar.terms.length ? calendar.terms.map(toRange) : [{ name: 'Autumn term', start: toDateParts(''), end: toDateParts('') }]);
  const [closures, setClosures] = useState<Range[]>(calendar.closures.map(toRange));
  const [day, setDay] = useState(calendar.schoolDay);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [preview, setPreview] = useState<IcsPreview | null>(null);
  const [busy, setBusy] = useState(false);

  async function importIcs(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    try {
      const text = await file.text();
      setPreview(await api.previewIcs(schoolId, text));
      setErrors([]);
    } catch (error) {
      setErrors(errorsFrom(error).map((e) => ({ ...e, field: 'ics' })));
    } finally {
      setBusy(false);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const dateErrors: FieldError[] = [];
    const conv = (parts: DateParts, field: string) => {
      const v = fromDateParts(parts);
      if (!v) dateErrors.push({ field, message: 'Enter a real date, like 1 9 2026' });
      return v || undefined;
    };
    const body = {
      ...calendar,
      terms: terms.map((t, i) => ({ name: t.name, start: conv(t.start, `terms.${i}.start`), end: conv(t.end, `terms.${i}.end`) })),
      closures: closures.map((c, i) => ({ name: c.name, kind: c.kind ?? 'holiday', start: conv(c.start, `closures.${i}.start`), end: conv(c.end, `closures.${i}.end`) })),
      schoolDay: { start: day.start.trim(), end: day.end.trim() },
    };
    const parsed = calendarInput.safeParse(body);
    const found = [
      ...dateErrors,
      ...(parsed.success
        ? []
        : zodErrors(parsed.error, {
            'terms.*.name': 'Enter the term’s name, like Autumn term',
            'closures.*.name': 'Enter what the closure is, like INSET day',
            'schoolDay.start': 'Enter when the school day starts, in 24-hour format like 08:45',
            'schoolDay.end': 'Enter when the school day ends, in 24-hour format like 15:15',
          }).filter((e) => !dateErrors.some((d) => d.field === e.field))),
    ];
    setErrors(found);
    if (found.length || !parsed.success) return;
    setBusy(true);
    try {
      await api.saveCalendar(schoolId, parsed.data);
      navigate(`/schools/${schoolId}`);
    } catch (error) {
      setErrors(errorsFrom(error));
    } finally {
      setBusy(false);
    }
  }

  const rangeFields = (list: Range[], setList: (r: Range[]) => void, prefix: 'terms' | 'closures', noun: string) =>
    list.map((r, i) => (
      <fieldset className="govuk-fieldset sg-repeat" key={i}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
          {noun} {i + 1}
        </legend>
        <TextInput name={`${prefix}.${i}.name`} label="Name" value={r.name} onChange={(v) => setList(list.map((x, j) => (j === i ? { ...x, name: v } : x)))} error={errorFor(errors, `${prefix}.${i}.name`)} />
        {prefix === 'closures' ? (
          <Select
            name={`${prefix}.${i}.kind`}
            label="Kind"
            value={r.kind ?? 'holiday'}
            onChange={(v) => setList(list.map((x, j) => (j === i ? { ...x, kind: v as Range['kind'] } : x)))}
            options={[
              { value: 'holiday', text: 'Holiday' },
              { value: 'inset', text: 'INSET day' },
              { value: 'other', text: 'Other closure' },
            ]}
          />
        ) : null}
        <DateInput name={`${prefix}.${i}.start`} legend="First day" hint="" value={r.start} onChange={(v) => setList(list.map((x, j) => (j === i ? { ...x, start: v } : x)))} error={errorFor(errors, `${prefix}.${i}.start`)} />
        <DateInput name={`${prefix}.${i}.end`} legend="Last day" hint="" value={r.end} onChange={(v) => setList(list.map((x, j) => (j === i ? { ...x, end: v } : x)))} error={errorFor(errors, `${prefix}.${i}.end`)} />
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setList(list.filter((_, j) => j !== i))}>
          Remove<span className="govuk-visually-hidden"> {noun.toLowerCase()} {i + 1}</span>
        </button>
      </fieldset>
    ));

  return (
    <Column>
      <ErrorSummary errors={errors} />
      <h2 className="govuk-heading-m">Import your school’s calendar</h2>
      <p className="govuk-body">If your school publishes its term dates as a calendar file (.ics), import it here. We show you what we found before anything is saved.</p>
      <div className={`govuk-form-group${errorFor(errors, 'ics') ? ' govuk-form-group--error' : ''}`}>
        <label className="govuk-label" htmlFor="ics">
          Calendar file (.ics)
        </label>
        {errorFor(errors, 'ics') ? (
          <p className="govuk-error-message" id="ics-error">
            <span className="govuk-visually-hidden">Error:</span> {errorFor(errors, 'ics')}
          </p>
        ) : null}
        <input className="govuk-file-upload" id="ics" name="ics" type="file" accept=".ics,text/calendar" onChange={(e) => void importIcs(e.target.files?.[0])} aria-describedby={errorFor(errors, 'ics') ? 'ics-error' : undefined} />
      </div>
      {preview ? (
        <div className="sg-preview" role="region" aria-label="Dates found in the calendar file">
          <h3 className="govuk-heading-s">We found</h3>
          <Table caption="Terms" captionSize="s" head={['Term', 'From', 'To']} rows={preview.terms.map((t) => [t.name, formatDate(t.start), formatDate(t.end)])} />
          <Table caption="Closures" captionSize="s" head={['Closure', 'Kind', 'From', 'To']} rows={preview.closures.map((c) => [c.name, c.kind, formatDate(c.start), formatDate(c.end)])} />
          {preview.unclassified.length ? (
            <Inset>
              We could not tell what these are, so they are not included: {preview.unclassified.map((u) => `${u.summary} (${formatDate(u.start)})`).join('; ')}.
            </Inset>
          ) : null}
          <div className="govuk-button-group">
            <Button
              type="button"
              onClick={() => {
                setTerms(preview.terms.map(toRange));
                setClosures(preview.closures.map(toRange));
                setPreview(null);
              }}
            >
              Use these dates
            </Button>
            <Button type="button" secondary onClick={() => setPreview(null)}>
              Discard
            </Button>
          </div>
        </div>
      ) : null}
      <form onSubmit={submit} noValidate>
        <h2 className="govuk-heading-m">Terms</h2>
        {rangeFields(terms, setTerms, 'terms', 'Term')}
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setTerms([...terms, { name: '', start: toDateParts(''), end: toDateParts('') }])}>
          Add a term
        </button>
        <h2 className="govuk-heading-m">Holidays, INSET days and closures</h2>
        {closures.length ? null : <p className="govuk-body">No closures entered.</p>}
        {rangeFields(closures, setClosures, 'closures', 'Closure')}
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setClosures([...closures, { name: '', kind: 'inset', start: toDateParts(''), end: toDateParts('') }])}>
          Add a closure
        </button>
        <h2 className="govuk-heading-m" id="school-day">
          School day
        </h2>
        <p className="govuk-body">Encounters count toward the duty only within the standard school day.</p>
        <div className="sg-inline-selects">
          <TextInput name="schoolDay.start" label="Starts" hint="24-hour, like 08:45" width={5} value={day.start} onChange={(v) => setDay({ ...day, start: v })} error={errorFor(errors, 'schoolDay.start')} />
          <TextInput name="schoolDay.end" label="Ends" hint="24-hour, like 15:15" width={5} value={day.end} onChange={(v) => setDay({ ...day, end: v })} error={errorFor(errors, 'schoolDay.end')} />
        </div>
        <div>
          <Button disabled={busy}>Save calendar</Button>
        </div>
      </form>
    </Column>
  );
}

import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { calendarInput } from '@schoolgate/contracts';
import { api, ApiError, type AffectedBooking, type CalendarInput, type FieldError, type IcsPreview } from '../api';
import { Button, Checkboxes, DateInput, ErrorSummary, Select, TextInput, errorFor } from '../components/forms';
import { Column, Page } from '../components/Page';
import { Loaded, useLoad } from '../components/states';
import { BrokenBookings } from '../components/affected-bookings';
import { BackLink, Inset, Table } from '../components/ui';
import { formatDate, fromDateParts, toDateParts, type DateParts } from '../format';
import { errorsFrom, zodErrors } from '../validation';

interface Range {
  name: string;
  start: DateParts;
  end: DateParts;
  kind?: 'holiday' | 'inset' | 'other';
}

/** A weekday's whole-school hours as typed: the weekday as a string for the select. */
interface WeekdayHours {
  weekday: string;
  start: string;
  end: string;
}

/** Some year groups' own hours as typed; no weekday ticked means every weekday. */
interface YearGroupHours {
  yearGroups: string[];
  weekdays: string[];
  start: string;
  end: string;
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'].map((text, i) => ({ value: String(i + 1), text }));
/** Years 1 to 13 (Reception is not a year group here); narrowed to the school's own range when known. */
const ALL_YEARS = Array.from({ length: 13 }, (_, i) => i + 1);

const EMPTY_CALENDAR: CalendarInput = { terms: [], closures: [], schoolDay: { start: '08:45', end: '15:15' }, weekdayOverrides: [], yearGroupOverrides: [] };

export function CalendarPage() {
  const { schoolId = '' } = useParams();
  const load = useLoad(
    () =>
      Promise.all([
        api.calendarForEditing(schoolId).catch((error) => {
          if (error instanceof ApiError && error.status === 404) return null;
          throw error;
        }),
        // Only to offer the year groups the school teaches; every year group is offered if it cannot be read.
        api.school(schoolId).catch(() => null),
      ]),
    [schoolId],
  );
  return (
    <Page title="Term dates and school day" before={<BackLink to={`/schools/${schoolId}`}>Back to overview</BackLink>}>
      <Loaded load={load}>
        {([loaded, school]) => {
          const taught = school?.yearGroups;
          const years = taught ? ALL_YEARS.filter((y) => y >= taught.from && y <= taught.to) : ALL_YEARS;
          return <CalendarForm schoolId={schoolId} calendar={loaded?.body ?? EMPTY_CALENDAR} etag={loaded?.etag} years={years} />;
        }}
      </Loaded>
    </Page>
  );
}

const toRange = (r: { name: string; start: string; end: string; kind?: 'holiday' | 'inset' | 'other' }): Range => ({
  name: r.name,
  start: toDateParts(r.start),
  end: toDateParts(r.end),
  ...(r.kind ? { kind: r.kind } : {}),
});

function CalendarForm({ schoolId, calendar, etag, years }: { schoolId: string; calendar: CalendarInput; etag?: string | undefined; years: number[] }) {
  const navigate = useNavigate();
  // The version this form was loaded at: a colleague's save in between is not overwritten.
  const [loadedAt, setLoadedAt] = useState(etag);
  const [broken, setBroken] = useState<AffectedBooking[]>([]);
  const [terms, setTerms] = useState<Range[]>(calendar.terms.length ? calendar.terms.map(toRange) : [{ name: 'Autumn term', start: toDateParts(''), end: toDateParts('') }]);
  const [closures, setClosures] = useState<Range[]>(calendar.closures.map(toRange));
  const [day, setDay] = useState(calendar.schoolDay);
  const [weekdayHours, setWeekdayHours] = useState<WeekdayHours[]>(
    (calendar.weekdayOverrides ?? []).map((o) => ({ weekday: String(o.weekday), start: o.start, end: o.end })),
  );
  const [yearGroupHours, setYearGroupHours] = useState<YearGroupHours[]>(
    (calendar.yearGroupOverrides ?? []).map((o) => ({ yearGroups: o.yearGroups.map(String), weekdays: (o.weekdays ?? []).map(String), start: o.start, end: o.end })),
  );
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [preview, setPreview] = useState<IcsPreview | null>(null);
  const [busy, setBusy] = useState(false);

  async function importIcs(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    try {
      // Read here, not by the API: ical.js loads only when a school picks a file.
      const [text, { parseTermDatesIcs }] = await Promise.all([file.text(), import('@schoolgate/domain/ics')]);
      setPreview(parseTermDatesIcs(text));
      setErrors([]);
    } catch (error) {
      setErrors(
        error instanceof RangeError
          ? [{ field: 'ics', message: 'That file could not be read as a calendar: choose the .ics file your school or local authority publishes' }]
          : errorsFrom(error).map((e) => ({ ...e, field: 'ics' })),
      );
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
      weekdayOverrides: weekdayHours.map((w) => ({ weekday: Number(w.weekday), start: w.start.trim(), end: w.end.trim() })),
      yearGroupOverrides: yearGroupHours.map((y) => ({
        yearGroups: y.yearGroups.map(Number).sort((a, b) => a - b),
        ...(y.weekdays.length ? { weekdays: y.weekdays.map(Number).sort((a, b) => a - b) } : {}),
        start: y.start.trim(),
        end: y.end.trim(),
      })),
    };
    const parsed = calendarInput.safeParse(body);
    const found = [
      ...dateErrors,
      ...(parsed.success
        ? []
        : zodErrors(parsed.error, {
            'terms.*.name': 'Enter the term’s name, like Autumn term',
            'closures.*.name': 'Enter what the closure is, like INSET day',
            'schoolDay.start': 'Enter when the school day starts, in 24-hour format like 08:45, between 06:00 and 20:00',
            'weekdayOverrides.*.start': 'Enter when that day starts, in 24-hour format like 08:45, between 06:00 and 20:00',
            'yearGroupOverrides.*.start': 'Enter when these year groups start, in 24-hour format like 09:00, between 06:00 and 20:00',
          }).filter((e) => !dateErrors.some((d) => d.field === e.field))),
    ];
    setErrors(found);
    if (found.length || !parsed.success) return;
    setBusy(true);
    try {
      const saved = await api.saveCalendar(schoolId, parsed.data, loadedAt);
      setLoadedAt(saved.etag);
      // Stay here while confirmed bookings need the careers leader's attention; otherwise back to the overview.
      if (saved.body.affectedBookings.length) {
        setBroken(saved.body.affectedBookings);
        window.scrollTo(0, 0);
      } else navigate(`/schools/${schoolId}`);
    } catch (error) {
      setErrors(
        error instanceof ApiError && error.status === 409 && error.code === 'STALE_STATE'
          ? [{ message: 'Someone else saved these term dates while you were editing. Reload the page to see their changes, then make yours again.' }]
          : errorsFrom(error),
      );
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
      <BrokenBookings
        schoolId={schoolId}
        heading={`Your term dates are saved. ${broken.length === 1 ? 'One confirmed booking no longer meets' : `${broken.length} confirmed bookings no longer meet`} the rules.`}
        bookings={broken.map((b) => ({ ...b, providerName: b.requesterName }))}
      >
        <p className="govuk-body">
          <Link className="govuk-notification-banner__link" to={`/schools/${schoolId}`}>
            Back to the overview
          </Link>
        </p>
      </BrokenBookings>
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
        <h3 className="govuk-heading-s">Weekdays with different hours</h3>
        <p className="govuk-body">For example, the whole school finishes at 13:30 on Fridays.</p>
        {weekdayHours.map((w, i) => (
          <fieldset className="govuk-fieldset sg-repeat" key={i}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Different weekday {i + 1}</legend>
            <Select
              name={`weekdayOverrides.${i}.weekday`}
              label="Weekday"
              value={w.weekday}
              onChange={(v) => setWeekdayHours(weekdayHours.map((x, j) => (j === i ? { ...x, weekday: v } : x)))}
              options={WEEKDAYS}
              error={errorFor(errors, `weekdayOverrides.${i}.weekday`)}
            />
            <div className="sg-inline-selects">
              <TextInput name={`weekdayOverrides.${i}.start`} label="Starts" hint="24-hour, like 08:45" width={5} value={w.start} onChange={(v) => setWeekdayHours(weekdayHours.map((x, j) => (j === i ? { ...x, start: v } : x)))} error={errorFor(errors, `weekdayOverrides.${i}.start`)} />
              <TextInput name={`weekdayOverrides.${i}.end`} label="Ends" hint="24-hour, like 13:30" width={5} value={w.end} onChange={(v) => setWeekdayHours(weekdayHours.map((x, j) => (j === i ? { ...x, end: v } : x)))} error={errorFor(errors, `weekdayOverrides.${i}.end`)} />
            </div>
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setWeekdayHours(weekdayHours.filter((_, j) => j !== i))}>
              Remove<span className="govuk-visually-hidden"> different weekday {i + 1}</span>
            </button>
          </fieldset>
        ))}
        {weekdayHours.length < 5 ? (
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setWeekdayHours([...weekdayHours, { weekday: '5', start: day.start, end: '' }])}>
            Add a weekday with different hours
          </button>
        ) : null}
        <h3 className="govuk-heading-s">Year groups with different hours</h3>
        <p className="govuk-body">
          For example, Years 7 and 8 run 09:00 to 15:05. If you tick no weekday, these hours apply every weekday, and on a weekday with different
          hours for the whole school these year groups start at the later time and finish at the earlier one: with a 13:30 Friday finish, Years 7
          and 8 finish at 13:30 on Fridays. Tick weekdays to set exactly what these year groups do on those days.
        </p>
        {yearGroupHours.map((y, i) => {
          const update = (change: Partial<YearGroupHours>) => setYearGroupHours(yearGroupHours.map((x, j) => (j === i ? { ...x, ...change } : x)));
          return (
            <fieldset className="govuk-fieldset sg-repeat" key={i}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Year group hours {i + 1}</legend>
              <Checkboxes
                name={`yearGroupOverrides.${i}.yearGroups`}
                legend="Year groups"
                small
                values={y.yearGroups}
                onChange={(v) => update({ yearGroups: v })}
                choices={years.map((year) => ({ value: String(year), text: `Year ${year}` }))}
                error={errorFor(errors, `yearGroupOverrides.${i}.yearGroups`)}
              />
              <Checkboxes
                name={`yearGroupOverrides.${i}.weekdays`}
                legend="On these weekdays only (optional)"
                hint="Leave all unticked for every weekday."
                small
                values={y.weekdays}
                onChange={(v) => update({ weekdays: v })}
                choices={WEEKDAYS}
                error={errorFor(errors, `yearGroupOverrides.${i}.weekdays`)}
              />
              <div className="sg-inline-selects">
                <TextInput name={`yearGroupOverrides.${i}.start`} label="Starts" hint="24-hour, like 09:00" width={5} value={y.start} onChange={(v) => update({ start: v })} error={errorFor(errors, `yearGroupOverrides.${i}.start`)} />
                <TextInput name={`yearGroupOverrides.${i}.end`} label="Ends" hint="24-hour, like 15:05" width={5} value={y.end} onChange={(v) => update({ end: v })} error={errorFor(errors, `yearGroupOverrides.${i}.end`)} />
              </div>
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setYearGroupHours(yearGroupHours.filter((_, j) => j !== i))}>
                Remove<span className="govuk-visually-hidden"> year group hours {i + 1}</span>
              </button>
            </fieldset>
          );
        })}
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setYearGroupHours([...yearGroupHours, { yearGroups: [], weekdays: [], start: day.start, end: day.end }])}>
          Add year group hours
        </button>
        <div>
          <Button disabled={busy}>Save calendar</Button>
        </div>
      </form>
    </Column>
  );
}

import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { slotInput } from '@schoolgate/contracts';
import { api, ApiError, type FieldError, type OrganisationView, type SlotCheck, type SlotInput } from '../api';
import { Button, DateInput, ErrorSummary, TextInput, Textarea, errorFor } from '../components/forms';
import { CountsTowardDuty, FormatSelect, TimeFields, VenueRadios, YearGroupFields } from '../components/slot-fields';
import { Column, Page } from '../components/Page';
import { Empty, Loaded, useLoad } from '../components/states';
import { MoreLinks, useListCursor } from '../components/more';
import { BackLink, NotificationBanner, Table, Tag } from '../components/ui';
import { FORMAT_LABELS, formatDate, fromDateParts, todayInLondon, yearGroupList, yearsTaught, type DateParts } from '../format';
import { errorsFrom, toInt, zodErrors } from '../validation';

/** Which input a broken rule is about, so the error summary can link to it. */
export const RULE_FIELDS: Record<string, string> = {
  SCHOOL_HOURS: 'start',
  MIN_DURATION: 'end',
  PHASE_WINDOW: 'date',
  WHOLE_YEAR_GROUP: 'venueId',
};

/**
 * What publishing did: a slot inside the school's own notice period cannot be requested by anyone,
 * so search does not show it; say so rather than let the school wait for requests.
 */
function PublishedBanner({ requestBy }: { requestBy: string | null }) {
  if (requestBy && requestBy < todayInLondon()) {
    return (
      <NotificationBanner title="Important" heading="Your slot is published, but it is inside your notice period">
        <p className="govuk-body" data-testid="inside-notice">
          Providers can no longer request it in time, so it does not appear in their search. To fill it, choose a later date or shorten the notice period in your policy.
        </p>
      </NotificationBanner>
    );
  }
  return (
    <NotificationBanner success title="Success" heading="Your slot is published">
      <p className="govuk-body">Providers can now find and request it{requestBy ? ` until ${formatDate(requestBy)}, the last day your notice period allows` : ''}.</p>
    </NotificationBanner>
  );
}

export function withRuleFields(errors: FieldError[]): FieldError[] {
  return errors.map((e) => (e.field || !e.code || !RULE_FIELDS[e.code] ? e : { ...e, field: RULE_FIELDS[e.code] }));
}

export function SlotsPage() {
  const { schoolId = '' } = useParams();
  const [params] = useSearchParams();
  const cursor = useListCursor();
  const load = useLoad(() => api.slots(schoolId, cursor), [schoolId, cursor]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [withdrawn, setWithdrawn] = useState<string | null>(null);
  async function withdraw(slotId: string, title: string) {
    try {
      await api.withdrawSlot(schoolId, slotId);
      setErrors([]);
      setWithdrawn(title);
      load.reload();
    } catch (error) {
      setWithdrawn(null);
      setErrors(errorsFrom(error));
    }
  }
  return (
    <Page title="Slots" wide before={<BackLink to={`/schools/${schoolId}`}>Back to overview</BackLink>}>
      <ErrorSummary errors={errors} />
      {withdrawn ? (
        <NotificationBanner success title="Success" heading={`“${withdrawn}” is withdrawn`}>
          <p className="govuk-body">Providers can no longer find or request it.</p>
        </NotificationBanner>
      ) : null}
      {params.get('created') ? <PublishedBanner requestBy={params.get('requestBy')} /> : null}
      <p className="govuk-body">
        <Link className="govuk-button" to={`/schools/${schoolId}/slots/new`} role="button" draggable={false}>
          Create a slot
        </Link>
      </p>
      <Loaded load={load}>
        {({ items }) =>
          items.length ? (
            <Table
              caption="Your slots"
              head={['Date', 'Time', 'Slot', 'Year groups', 'Places', 'Counts toward the duty', 'Action']}
              rows={[...items]
                .sort((a, b) => (a.date + a.start).localeCompare(b.date + b.start))
                .map((s) => [
                  formatDate(s.date),
                  `${s.start} to ${s.end}`,
                  <>
                    {s.title}
                    <br />
                    <span className="govuk-body-s">
                      {FORMAT_LABELS[s.format]}, {s.venueName}
                    </span>
                    {s.status !== 'open' ? (
                      <>
                        {' '}
                        <Tag colour="grey">{s.status === 'cancelled' ? 'Cancelled' : 'Closed'}</Tag>
                      </>
                    ) : null}
                  </>,
                  yearGroupList(s.yearGroups),
                  `${s.confirmedCount} of ${s.places} confirmed${s.pendingCount ? `, ${s.pendingCount} requested` : ''}`,
                  s.statutory ? 'Yes' : 'No, supplementary',
                  // Only a slot nobody holds can go: providers with requests or bookings must each be told why.
                  s.status === 'open' && s.confirmedCount === 0 && s.pendingCount === 0 ? (
                    <Button secondary type="button" onClick={() => void withdraw(s.id, s.title)}>
                      Withdraw<span className="govuk-visually-hidden"> {s.title} on {formatDate(s.date)}</span>
                    </Button>
                  ) : (
                    ''
                  ),
                ])}
            />
          ) : (
            <Empty>You have not created any slots yet. A slot is a time when providers can come in, for example a Year 9 assembly.</Empty>
          )
        }
      </Loaded>
      {load.state === 'ok' ? <MoreLinks nextCursor={load.data.nextCursor} what="slots" /> : null}
    </Page>
  );
}

interface SlotForm {
  title: string;
  date: DateParts;
  start: string;
  end: string;
  yearGroups: string[];
  format: string;
  venueId: string;
  places: string;
  statutory: string;
  description: string;
}

const MESSAGES: Record<string, string> = {
  title: 'Enter a title, for example “Year 9 assembly: routes after 16”',
  date: 'Enter the date of the slot, like 3 3 2027',
  start: 'Enter a start time in 24-hour format, like 09:15',
  end: 'Enter an end time in 24-hour format, like 10:00',
  yearGroups: 'Choose at least one year group',
  format: 'Choose the format',
  venueId: 'Choose a venue',
  places: 'Enter how many providers can take part, from 1 to 50',
  statutory: 'Choose whether this slot should count toward the provider access duty',
};

function toInput(f: SlotForm): { input: unknown; dateError: boolean } {
  const date = fromDateParts(f.date);
  return {
    input: {
      title: f.title,
      date: date || undefined,
      start: f.start.trim(),
      end: f.end.trim(),
      yearGroups: f.yearGroups.map(Number).sort((a, b) => a - b),
      format: f.format || undefined,
      venueId: f.venueId || undefined,
      places: toInt(f.places),
      statutory: f.statutory === '' ? undefined : f.statutory === 'yes',
      description: f.description,
    },
    dateError: date === null,
  };
}

export function NewSlotPage() {
  const { schoolId = '' } = useParams();
  const load = useLoad(() => api.school(schoolId), [schoolId]);
  return (
    <Page title="Create a slot" before={<BackLink to={`/schools/${schoolId}/slots`}>Back to slots</BackLink>}>
      <Loaded load={load}>{(school) => <SlotFormView school={school} />}</Loaded>
    </Page>
  );
}

type CheckState = { state: 'idle' } | { state: 'checking' } | { state: 'done'; result: SlotCheck } | { state: 'failed' };

function SlotFormView({ school }: { school: OrganisationView }) {
  const navigate = useNavigate();
  const venues = school.venues ?? [];
  const years = yearsTaught(school.yearGroups);
  const [f, setF] = useState<SlotForm>({
    title: '',
    date: { day: '', month: '', year: '' },
    start: '',
    end: '',
    yearGroups: [],
    format: 'assembly',
    venueId: venues.length === 1 ? venues[0]!.id : '',
    places: '1',
    statutory: 'yes',
    description: '',
  });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [check, setCheck] = useState<CheckState>({ state: 'idle' });
  const set = <K extends keyof SlotForm>(key: K) => (value: SlotForm[K]) => setF((old) => ({ ...old, [key]: value }));

  const candidate = useMemo(() => {
    const { input, dateError } = toInput(f);
    const parsed = slotInput.safeParse(input);
    return !dateError && parsed.success ? parsed.data : null;
  }, [f]);
  const candidateKey = candidate ? JSON.stringify(candidate) : '';

  // Ask the rules engine as soon as the slot is complete, so problems show before submitting.
  useEffect(() => {
    if (!candidate) {
      setCheck({ state: 'idle' });
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      setCheck({ state: 'checking' });
      api.checkSlot(school.id, candidate).then(
        (result) => live && setCheck({ state: 'done', result }),
        () => live && setCheck({ state: 'failed' }),
      );
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [candidateKey, school.id]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const { input, dateError } = toInput(f);
    const parsed = slotInput.safeParse(input);
    const found = [
      ...(dateError ? [{ field: 'date', message: 'The date must be a real date, like 3 3 2027' }] : []),
      ...(parsed.success ? [] : zodErrors(parsed.error, MESSAGES).filter((e) => !(dateError && e.field === 'date'))),
    ];
    setErrors(found);
    if (found.length || !parsed.success) return;
    setBusy(true);
    try {
      const created = await api.createSlot(school.id, parsed.data as SlotInput);
      navigate(`/schools/${school.id}/slots?created=1${created.requestBy ? `&requestBy=${created.requestBy}` : ''}`);
    } catch (error) {
      setErrors(withRuleFields(errorsFrom(error)));
      if (error instanceof ApiError && error.status === 422) {
        setCheck({ state: 'done', result: { violations: error.errors.map((e) => ({ code: e.code ?? '', message: e.message })), countsToward: [], targets: [] } });
      }
    } finally {
      setBusy(false);
    }
  }

  if (!venues.length) {
    return (
      <Column>
        <p className="govuk-body">Before you create a slot, add at least one venue, such as your main hall, with how many people it holds.</p>
        <p className="govuk-body">
          <Link className="govuk-link" to={`/schools/${school.id}/profile#venues`}>
            Add a venue
          </Link>
        </p>
      </Column>
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds-from-desktop">
        <ErrorSummary errors={errors} title={errors.some((e) => e.code) ? 'This slot breaks the rules' : 'There is a problem'} />
        <form onSubmit={submit} noValidate>
          <TextInput name="title" label="Title" hint="Providers see this, for example “Year 9 assembly: routes after 16”" value={f.title} onChange={set('title')} error={errorFor(errors, 'title')} />
          <DateInput name="date" legend="Date" legendClass="govuk-fieldset__legend--s" value={f.date} onChange={set('date')} error={errorFor(errors, 'date')} />
          <TimeFields start={f.start} end={f.end} onStart={set('start')} onEnd={set('end')} errors={errors} />
          <YearGroupFields
            years={years}
            hint="To count toward the duty, the whole of each year group must be invited"
            values={f.yearGroups}
            onChange={set('yearGroups')}
            error={errorFor(errors, 'yearGroups')}
          />
          <FormatSelect value={f.format} onChange={set('format')} error={errorFor(errors, 'format')} />
          <VenueRadios venues={venues} value={f.venueId} onChange={set('venueId')} error={errorFor(errors, 'venueId')} />
          <TextInput name="places" label="How many providers can take part?" hint="For example, 3 for an assembly shared by three colleges" width={3} inputMode="numeric" value={f.places} onChange={set('places')} error={errorFor(errors, 'places')} />
          <CountsTowardDuty hint="Choose no for optional or after-school events; they are still recorded" value={f.statutory} onChange={set('statutory')} error={errorFor(errors, 'statutory')} />
          <Textarea name="description" label="Details for providers (optional)" rows={3} value={f.description} onChange={set('description')} />
          <RuleCheck check={check} />
          <Button disabled={busy}>Publish slot</Button>
        </form>
      </div>
    </div>
  );
}

function RuleCheck({ check }: { check: CheckState }) {
  let body;
  if (check.state === 'idle') body = <p className="govuk-body">When you have filled in the slot, we check it against the law and your policy here.</p>;
  else if (check.state === 'checking') body = <p className="govuk-body">Checking…</p>;
  else if (check.state === 'failed') body = <p className="govuk-body">We could not check this slot just now. We will check it again when you publish it.</p>;
  else {
    const { violations, targets } = check.result;
    body = (
      <>
        {violations.length ? (
          <>
            <p className="govuk-body govuk-!-font-weight-bold" data-testid="rule-problems">
              <Tag colour="red">Problem</Tag> This slot cannot be published as it is:
            </p>
            <ul className="govuk-list govuk-list--bullet" data-testid="violations">
              {violations.map((v, i) => (
                <li key={i} data-code={v.code}>
                  {v.message}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="govuk-body" data-testid="rule-ok">
            <Tag colour="green">No problems</Tag> This slot meets the rules.
          </p>
        )}
        {targets.length ? (
          <ul className="govuk-list govuk-list--bullet">
            {targets.map((c) => (
              <li key={`${c.yearGroup}-${c.cohort}`}>
                Year {c.yearGroup}: {c.phase ? `counts toward key phase ${c.phase}` : `does not count toward a key phase${c.explanation ? ` (${c.explanation})` : ''}`}
              </li>
            ))}
          </ul>
        ) : null}
      </>
    );
  }
  return (
    <div className="sg-rule-check" aria-live="polite" data-testid="rule-check">
      <h2 className="govuk-heading-s">Rules check</h2>
      {body}
    </div>
  );
}

import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { recordedEncounterInput } from '@schoolgate/contracts';
import { api } from '../api';
import { evidenceApi, type RecordedEncounter } from '../evidence-api';
import { Button, Checkboxes, DateInput, ErrorSummary, Radios, Select, TextInput, Textarea, errorFor } from '../components/forms';
import { Page } from '../components/Page';
import { FormatSelect, TimeFields, YearGroupFields } from '../components/slot-fields';
import { Loaded, useLoad } from '../components/states';
import { BackLink, NotificationBanner, Table, Tag } from '../components/ui';
import { FORMAT_LABELS, formatShortDate, fromDateParts, yearGroupList, yearsTaught, type DateParts } from '../format';
import { errorsFrom, toInt, zodErrors } from '../validation';
import type { FieldError } from '../api';

const MESSAGES: Record<string, string> = {
  date: 'Enter the date the encounter took place',
  start: 'Enter the start time in 24-hour HH:mm, like 09:15',
  end: 'Enter the end time in 24-hour HH:mm, like 09:45',
  yearGroups: 'Choose at least one year group',
  'provider.name': 'Enter the provider’s name',
  'provider.ukprn': 'Enter the provider’s UKPRN: 8 digits starting with 1',
  attendance: 'Enter the number of pupils present as a whole number',
};

interface RecordForm {
  date: DateParts;
  start: string;
  end: string;
  yearGroups: string[];
  providerName: string;
  ukprn: string;
  providerType: string;
  offers: string[];
  format: string;
  audience: string;
  attendance: string;
  notes: string;
  /** Set when correcting a record whose provider is on Schoolgate and was chosen by id. */
  providerOrgId?: string;
}

const empty: RecordForm = {
  date: { day: '', month: '', year: '' },
  start: '',
  end: '',
  yearGroups: [],
  providerName: '',
  ukprn: '',
  providerType: 'fe_college',
  offers: [],
  format: 'assembly',
  audience: 'whole_year_groups',
  attendance: '',
  notes: '',
};

const PROVIDER_TYPES = [
  ['fe_college', 'FE college'],
  ['sixth_form_college', 'Sixth-form college'],
  ['itp', 'Independent training provider'],
  ['utc', 'University technical college'],
  ['institute_of_technology', 'Institute of Technology'],
  ['university', 'University'],
  ['other_school', 'Another school'],
] as const;

function toInput(f: RecordForm) {
  const date = fromDateParts(f.date);
  return {
    dateError: date === null,
    input: {
      date: date ?? '',
      start: f.start.trim(),
      end: f.end.trim(),
      yearGroups: f.yearGroups.map(Number),
      provider: f.providerOrgId
        ? { orgId: f.providerOrgId }
        : {
            name: f.providerName,
            ukprn: f.ukprn.trim(),
            providerType: f.providerType,
            offers: f.offers,
          },
      format: f.format,
      audience: f.audience,
      ...(f.attendance.trim() ? { attendance: toInt(f.attendance) } : {}),
      ...(f.notes.trim() ? { notes: f.notes } : {}),
    },
  };
}

/** The form as the record stands, to correct it. */
function formOf(r: RecordedEncounter): RecordForm {
  const [year, month, day] = r.date.split('-');
  const named = r.providerAsNamed;
  return {
    date: { day: String(Number(day)), month: String(Number(month)), year: year ?? '' },
    start: r.start,
    end: r.end,
    yearGroups: r.yearGroups.map(String),
    providerName: named?.name ?? r.providerName,
    ukprn: named?.ukprn ?? r.providerUkprn ?? '',
    providerType: named?.providerType ?? 'fe_college',
    offers: named?.offers ?? [],
    format: r.format,
    audience: r.audience,
    attendance: r.attendance === undefined ? '' : String(r.attendance),
    notes: r.notes ?? '',
    ...(r.onSchoolgate && !r.providerUkprn ? { providerOrgId: r.providerId } : {}),
  };
}

function Outcome({ record, verb = 'Recorded' }: { record: RecordedEncounter; verb?: string }) {
  if (verb === 'Deleted') {
    return (
      <NotificationBanner heading="Deleted from the record" success>
        <p className="govuk-body">
          {record.providerName} on {formatShortDate(record.date)} no longer counts. Its history keeps what it was and why it was deleted.
        </p>
      </NotificationBanner>
    );
  }
  return record.statutory ? (
    <NotificationBanner heading={`${verb}: it counts toward the duty`} success>
      <p className="govuk-body">
        {record.providerName} on {formatShortDate(record.date)} for {yearGroupList(record.yearGroups)} met every rule and now counts in your compliance.
      </p>
    </NotificationBanner>
  ) : (
    <NotificationBanner heading={`${verb} as supplementary: it does not count toward the duty`}>
      <p className="govuk-body">
        {record.providerName} on {formatShortDate(record.date)} for {yearGroupList(record.yearGroups)} is on record, but breaks these rules:
      </p>
      <ul className="govuk-list govuk-list--bullet">
        {record.violations.map((v, i) => (
          <li key={i}>{v.message}</li>
        ))}
      </ul>
    </NotificationBanner>
  );
}

/** Encounters that took place before the school joined Schoolgate, or off it: recorded, judged by the rules, counted. */
export function RecordedEncountersPage() {
  const { schoolId = '' } = useParams();
  const [refresh, setRefresh] = useState(0);
  const load = useLoad(() => Promise.all([evidenceApi.recorded(schoolId), api.school(schoolId)]), [schoolId, refresh]);
  const [f, setF] = useState<RecordForm>(empty);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<{ record: RecordedEncounter; verb: string } | null>(null);
  const [editing, setEditing] = useState<RecordedEncounter | null>(null);
  const [reason, setReason] = useState('');
  const [deleteReason, setDeleteReason] = useState('');
  const set = <K extends keyof RecordForm>(key: K) => (value: RecordForm[K]) => setF((old) => ({ ...old, [key]: value, ...(key === 'providerName' || key === 'ukprn' ? { providerOrgId: undefined } : {}) }));

  function startCorrecting(record: RecordedEncounter) {
    setEditing(record);
    setF(formOf(record));
    setReason('');
    setDeleteReason('');
    setErrors([]);
    setLast(null);
    requestAnimationFrame(() => document.getElementById('record-form')?.focus());
  }
  function stopCorrecting() {
    setEditing(null);
    setF(empty);
    setErrors([]);
  }

  async function remove() {
    if (!editing) return;
    if (deleteReason.trim().length < 3) {
      setErrors([{ field: 'deleteReason', message: 'Say why you are deleting this encounter' }]);
      return;
    }
    setBusy(true);
    try {
      await evidenceApi.deleteRecord(schoolId, editing.id, deleteReason.trim(), editing.version ?? 0);
      setLast({ record: editing, verb: 'Deleted' });
      stopCorrecting();
      setRefresh((n) => n + 1);
    } catch (error) {
      setErrors(errorsFrom(error).map((e) => (e.field === 'reason' ? { ...e, field: 'deleteReason' } : e)));
    } finally {
      setBusy(false);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const { input, dateError } = toInput(f);
    const parsed = recordedEncounterInput.safeParse(input);
    const found = [
      ...(dateError ? [{ field: 'date', message: 'The date must be a real date, like 14 10 2025' }] : []),
      ...(parsed.success ? [] : zodErrors(parsed.error, MESSAGES).filter((e) => !(dateError && e.field === 'date'))),
    ];
    setErrors(found);
    if (found.length || !parsed.success) return;
    setBusy(true);
    try {
      if (editing) {
        const corrected = await evidenceApi.correct(schoolId, editing.id, { ...parsed.data, ...(reason.trim() ? { reason: reason.trim() } : {}) }, editing.version ?? 0);
        setLast({ record: corrected, verb: 'Corrected' });
        setEditing(null);
      } else {
        setLast({ record: await evidenceApi.record(schoolId, parsed.data), verb: 'Recorded' });
      }
      setF(empty);
      setRefresh((n) => n + 1);
    } catch (error) {
      setErrors(errorsFrom(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title="Encounters recorded by the school" wide before={<BackLink to={`/schools/${schoolId}`}>Back to overview</BackLink>}>
      <Loaded load={load}>
        {([list, school]) => (
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-two-thirds-from-desktop">
              <p className="govuk-body">
                Record encounters that took place before you joined Schoolgate, or that were arranged outside it. Each one is checked against the same rules
                as a booking: one that meets them all counts toward the duty; one that does not (an evening or Saturday careers fair, say) is kept as
                supplementary.
              </p>
              {list.unrecordedPastPhases.length ? (
                <div className="govuk-inset-text" data-testid="unrecorded-phases">
                  <p className="govuk-body">These key phases have begun and have nothing on record. If encounters took place before you joined, record them below:</p>
                  <ul className="govuk-list govuk-list--bullet">
                    {list.unrecordedPastPhases.map((p) => (
                      <li key={`${p.cohort}-${p.phase}`}>{p.message}</li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {last ? <Outcome record={last.record} verb={last.verb} /> : null}
              <ErrorSummary errors={errors} />
              <h2 className="govuk-heading-m" id="record-form" tabIndex={-1}>
                {editing ? `Correct the encounter of ${formatShortDate(editing.date)} with ${editing.providerName}` : 'Record an encounter'}
              </h2>
              {editing ? (
                <p className="govuk-body">The correction is checked against the rules again. What the record was before is kept in its history; a report you froze earlier does not change.</p>
              ) : null}
              <form onSubmit={submit} noValidate>
                <DateInput name="date" legend="Date it took place" legendClass="govuk-fieldset__legend--s" value={f.date} onChange={set('date')} error={errorFor(errors, 'date')} />
                <TimeFields start={f.start} end={f.end} onStart={set('start')} onEnd={set('end')} errors={errors} endHint="24-hour, like 09:45" />
                <YearGroupFields years={yearsTaught(school.yearGroups)} values={f.yearGroups} onChange={set('yearGroups')} error={errorFor(errors, 'yearGroups')} small />
                <TextInput name="provider.name" label="Provider" hint="The college, training provider or other provider that spoke to pupils" value={f.providerName} onChange={set('providerName')} error={errorFor(errors, 'provider.name')} />
                <TextInput
                  name="provider.ukprn"
                  label="UKPRN"
                  hint="The provider’s UK Provider Reference Number, 8 digits. If the provider is on Schoolgate, we match it by this number."
                  width={10}
                  inputMode="numeric"
                  value={f.ukprn}
                  onChange={set('ukprn')}
                  error={errorFor(errors, 'provider.ukprn') ?? errorFor(errors, 'provider')}
                />
                <Select name="provider.providerType" label="Kind of provider" value={f.providerType} onChange={set('providerType')} options={PROVIDER_TYPES.map(([value, text]) => ({ value, text }))} />
                <Checkboxes
                  name="provider.offers"
                  legend="What it offers"
                  hint="Only a provider of technical education or apprenticeships counts toward the duty"
                  values={f.offers}
                  onChange={set('offers')}
                  choices={[
                    { value: 'apprenticeships', text: 'Apprenticeships' },
                    { value: 't_levels', text: 'T Levels' },
                    { value: 'htqs', text: 'Higher Technical Qualifications' },
                    { value: 'approved_technical_qualifications', text: 'Other approved technical qualifications' },
                  ]}
                  small
                />
                <FormatSelect value={f.format} onChange={set('format')} />
                <Radios
                  name="audience"
                  legend="Who was invited"
                  value={f.audience}
                  onChange={set('audience')}
                  choices={[
                    { value: 'whole_year_groups', text: 'Every pupil in the year groups' },
                    { value: 'selected_pupils', text: 'Selected pupils only', hint: 'Does not count toward the duty' },
                  ]}
                />
                <TextInput name="attendance" label="Pupils present (optional)" width={5} inputMode="numeric" value={f.attendance} onChange={set('attendance')} error={errorFor(errors, 'attendance')} />
                <Textarea name="notes" label="Notes (optional)" rows={3} value={f.notes} onChange={set('notes')} error={errorFor(errors, 'notes')} />
                {editing ? (
                  <>
                    <Textarea name="reason" label="Why are you correcting it? (optional)" rows={2} value={reason} onChange={setReason} error={errorFor(errors, 'reason')} />
                    <div className="govuk-button-group">
                      <Button disabled={busy}>Save correction</Button>
                      <button type="button" className="govuk-button govuk-button--secondary" onClick={stopCorrecting}>
                        Cancel
                      </button>
                    </div>
                  </>
                ) : (
                  <Button disabled={busy}>Record encounter</Button>
                )}
              </form>
              {editing ? (
                <section aria-labelledby="delete-record">
                  <h2 className="govuk-heading-m" id="delete-record">
                    Delete this encounter instead
                  </h2>
                  <p className="govuk-body">If it did not take place, delete it. It will no longer count; its history keeps what it was.</p>
                  <Textarea name="deleteReason" label="Why are you deleting it?" rows={2} value={deleteReason} onChange={setDeleteReason} error={errorFor(errors, 'deleteReason')} />
                  <button type="button" className="govuk-button govuk-button--warning" disabled={busy} onClick={remove}>
                    Delete encounter
                  </button>
                </section>
              ) : null}
            </div>
            <div className="govuk-grid-column-full">
              <h2 className="govuk-heading-m">Recorded so far</h2>
              {list.items.length ? (
                <Table
                  caption="Encounters recorded by the school"
                  captionSize="s"
                  head={['Date', 'Provider', 'Year groups', 'Format', 'Counts as', '']}
                  rows={list.items.map((r) => [
                    formatShortDate(r.date),
                    `${r.providerName}${r.providerUkprn ? ` (UKPRN ${r.providerUkprn})` : ''}`,
                    yearGroupList(r.yearGroups),
                    FORMAT_LABELS[r.format] ?? r.format,
                    r.statutory ? <Tag colour="green">Statutory</Tag> : <Tag colour="grey">Supplementary</Tag>,
                    <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => startCorrecting(r)}>
                      Correct<span className="govuk-visually-hidden"> the encounter of {formatShortDate(r.date)} with {r.providerName}</span>
                    </button>,
                  ])}
                />
              ) : (
                <p className="govuk-body">Nothing recorded yet.</p>
              )}
            </div>
          </div>
        )}
      </Loaded>
    </Page>
  );
}

import { useState } from 'react';
import { policyInput } from '@schoolgate/contracts';
import type { FieldError, PolicyInput } from '../api';
import { fromDateParts, toDateParts, type DateParts } from '../format';
import { toInt, zodErrors } from '../validation';
import { Checkboxes, DateInput, TextInput, Textarea, errorFor } from './forms';
import { useAction } from './use-action';

interface Ground {
  id: string;
  label: string;
  description: string;
}
interface AccessTimeForm {
  weekdays: string[];
  start: string;
  end: string;
  note: string;
}

export interface PolicyForm {
  contact: { name: string; role: string; email: string; telephone: string };
  requestProcedure: string;
  grantingGrounds: string;
  refusalGrounds: Ground[];
  premisesAndFacilities: string;
  accessTimes: AccessTimeForm[];
  howWeMeetTheDuty: string;
  safeguardingPolicyUrl: string;
  noticePeriodSchoolDays: string;
  minimumDurationMinutes: string;
  agreedByGovernorsOn: DateParts;
  nextReviewOn: DateParts;
  careersProgramme: {
    leaderName: string;
    leaderEmail: string;
    leaderTelephone: string;
    summary: string;
    impactMeasurement: string;
    nextReviewOn: DateParts;
  };
}

/** Grounds schools commonly publish; a careers leader edits rather than starts from nothing. */
export const SUGGESTED_GROUNDS: Ground[] = [
  { id: 'exams', label: 'Clash with exams', description: 'The date falls during public or internal examinations for the year groups asked for.' },
  { id: 'need-met', label: 'The need is being met elsewhere', description: 'The year group already has enough encounters of this kind planned this term.' },
  { id: 'staffing', label: 'Unable to provide staff', description: 'We cannot provide the staff needed to supervise the session on that date.' },
];

export function fromPolicy(p: PolicyInput | null, email: string, schoolName: string): PolicyForm {
  return {
    contact: { name: p?.contact.name ?? '', role: p?.contact.role ?? 'Careers leader', email: p?.contact.email ?? email, telephone: p?.contact.telephone ?? '' },
    requestProcedure:
      p?.requestProcedure ??
      `Providers who want to speak to our pupils should request a published slot on Schoolgate, or propose a time, giving the year groups and what they would like to cover.`,
    grantingGrounds:
      p?.grantingGrounds ??
      `We will agree a request when it fits an open slot or a time below, gives the notice we ask for, and meets the needs of the year groups concerned.`,
    refusalGrounds: p?.refusalGrounds.map((g) => ({ ...g, description: g.description ?? '' })) ?? SUGGESTED_GROUNDS.map((g) => ({ ...g })),
    premisesAndFacilities:
      p?.premisesAndFacilities ?? `We will provide a room suitable for the audience, with a projector and screen. Tell us in advance about any other equipment you need.`,
    accessTimes: p?.accessTimes.map((t) => ({ weekdays: t.weekdays.map(String), start: t.start, end: t.end, note: t.note ?? '' })) ?? [
      { weekdays: ['1', '2', '3', '4', '5'], start: '09:00', end: '15:00', note: '' },
    ],
    howWeMeetTheDuty:
      p?.howWeMeetTheDuty ??
      `${schoolName} gives every pupil at least two encounters with providers of technical education or apprenticeships in each key phase (Years 8–9, 10–11 and, where we teach them, 12–13), each from a different provider, during the school day.`,
    safeguardingPolicyUrl: p?.safeguardingPolicyUrl ?? '',
    noticePeriodSchoolDays: String(p?.noticePeriodSchoolDays ?? 10),
    minimumDurationMinutes: String(p?.minimumDurationMinutes ?? 20),
    agreedByGovernorsOn: toDateParts(p?.agreedByGovernorsOn),
    nextReviewOn: toDateParts(p?.nextReviewOn),
    careersProgramme: {
      leaderName: p?.careersProgramme.leaderName ?? '',
      leaderEmail: p?.careersProgramme.leaderEmail ?? email,
      leaderTelephone: p?.careersProgramme.leaderTelephone ?? '',
      summary: p?.careersProgramme.summary ?? '',
      impactMeasurement: p?.careersProgramme.impactMeasurement ?? '',
      nextReviewOn: toDateParts(p?.careersProgramme.nextReviewOn),
    },
  };
}

const slug = (label: string) =>
  label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .padEnd(2, '-');

export const MESSAGES: Record<string, string> = {
  'contact.name': 'Enter the name of the person providers should contact',
  'contact.role': 'Enter the contact’s role',
  'contact.email': 'Enter the contact’s email address, like name@school.org.uk',
  'contact.telephone': 'Enter the contact’s telephone number',
  requestProcedure: 'Say how providers should ask for access',
  grantingGrounds: 'Say when you will grant a request',
  refusalGrounds: 'Add at least one ground for refusing a request',
  'refusalGrounds.*.label': 'Enter the ground, for example “Clash with exams”',
  premisesAndFacilities: 'Describe the premises and facilities you give visiting providers',
  accessTimes: 'Add at least one time when providers can visit',
  'accessTimes.*.weekdays': 'Choose at least one day',
  'accessTimes.*.start': 'Enter a start time in 24-hour format, like 09:00',
  'accessTimes.*.end': 'Enter an end time in 24-hour format, like 15:00',
  howWeMeetTheDuty: 'Say how you meet the duty to give 6 encounters',
  safeguardingPolicyUrl: 'Enter the web address of your safeguarding policy, starting with https://',
  noticePeriodSchoolDays: 'Enter the notice period as a whole number of school days, from 0 to 60',
  minimumDurationMinutes: 'Enter the shortest encounter in minutes, from 10 to 240',
  agreedByGovernorsOn: 'Enter the date the governing body agreed the policy, like 14 9 2026',
  nextReviewOn: 'Enter the date of the next review, like 1 9 2027',
  'careersProgramme.leaderName': 'Enter the careers leader’s name',
  'careersProgramme.leaderEmail': 'Enter the careers leader’s email address',
  'careersProgramme.leaderTelephone': 'Enter the careers leader’s telephone number',
  'careersProgramme.summary': 'Summarise your careers programme',
  'careersProgramme.impactMeasurement': 'Say how you measure the programme’s impact',
  'careersProgramme.nextReviewOn': 'Enter the date of the programme’s next review, like 1 9 2027',
};

export function toInput(f: PolicyForm): { value: unknown; dateErrors: FieldError[] } {
  const dateErrors: FieldError[] = [];
  const date = (parts: DateParts, field: string) => {
    const value = fromDateParts(parts);
    if (value === null) dateErrors.push({ field, message: `${MESSAGES[field]}. The date must be a real date` });
    return value || undefined;
  };
  return {
    value: {
      contact: f.contact,
      requestProcedure: f.requestProcedure,
      grantingGrounds: f.grantingGrounds,
      refusalGrounds: f.refusalGrounds.map((g) => ({ id: g.id || slug(g.label), label: g.label, description: g.description })),
      premisesAndFacilities: f.premisesAndFacilities,
      accessTimes: f.accessTimes.map((t) => ({ weekdays: t.weekdays.map(Number).sort(), start: t.start.trim(), end: t.end.trim(), note: t.note })),
      howWeMeetTheDuty: f.howWeMeetTheDuty,
      safeguardingPolicyUrl: f.safeguardingPolicyUrl.trim(),
      noticePeriodSchoolDays: toInt(f.noticePeriodSchoolDays),
      minimumDurationMinutes: toInt(f.minimumDurationMinutes),
      agreedByGovernorsOn: date(f.agreedByGovernorsOn, 'agreedByGovernorsOn'),
      nextReviewOn: date(f.nextReviewOn, 'nextReviewOn'),
      careersProgramme: { ...f.careersProgramme, nextReviewOn: date(f.careersProgramme.nextReviewOn, 'careersProgramme.nextReviewOn') },
    },
    dateErrors,
  };
}

/**
 * A provider access policy form's state: the fields (`f`, changed with `up`), their errors, and
 * `validated()`, which shows what is wrong and gives the policy as the API takes it, or null.
 * Shared by a school's policy editor and a trust's policy template.
 *
 * @example
 * const form = usePolicyForm(() => fromPolicy(null, me.email, school.name));
 * const body = form.validated();
 * if (body) await form.attempt(() => api.savePolicy(school.id, body, version));
 */
export function usePolicyForm(initial: () => PolicyForm) {
  const [f, setF] = useState<PolicyForm>(initial);
  const { errors, setErrors, busy, attempt } = useAction();
  const err = (field: string) => errorFor(errors, field);
  const up = (change: (draft: PolicyForm) => void) =>
    setF((old) => {
      const copy = structuredClone(old);
      change(copy);
      return copy;
    });
  function validated(): PolicyInput | null {
    const { value, dateErrors } = toInput(f);
    const parsed = policyInput.safeParse(value);
    const found = [...dateErrors, ...(parsed.success ? [] : zodErrors(parsed.error, MESSAGES).filter((e) => !dateErrors.some((d) => d.field === e.field)))];
    setErrors(found);
    return found.length || !parsed.success ? null : parsed.data;
  }
  return { f, up, err, errors, busy, attempt, validated };
}

/** The policy statement's fields, shared by a school's editor and a trust's template. */
export function PolicyFields({ f, up, err }: { f: PolicyForm; up: (change: (draft: PolicyForm) => void) => void; err: (field: string) => string | undefined }) {
  return (
    <>
      <h2 className="govuk-heading-m">Who providers should contact</h2>
      <TextInput name="contact.name" label="Full name" autoComplete="name" value={f.contact.name} onChange={(v) => up((d) => void (d.contact.name = v))} error={err('contact.name')} />
      <TextInput name="contact.role" label="Role" value={f.contact.role} onChange={(v) => up((d) => void (d.contact.role = v))} error={err('contact.role')} />
      <TextInput name="contact.email" label="Email address" type="email" spellCheck={false} value={f.contact.email} onChange={(v) => up((d) => void (d.contact.email = v))} error={err('contact.email')} />
      <TextInput name="contact.telephone" label="Telephone" type="tel" width={20} autoComplete="tel" value={f.contact.telephone} onChange={(v) => up((d) => void (d.contact.telephone = v))} error={err('contact.telephone')} />

      <h2 className="govuk-heading-m">Requests</h2>
      <Textarea name="requestProcedure" label="How providers should ask for access" value={f.requestProcedure} onChange={(v) => up((d) => void (d.requestProcedure = v))} error={err('requestProcedure')} />
      <TextInput
        name="noticePeriodSchoolDays"
        label="Notice period, in school days"
        hint="Requests with less notice than this are not accepted"
        width={3}
        inputMode="numeric"
        value={f.noticePeriodSchoolDays}
        onChange={(v) => up((d) => void (d.noticePeriodSchoolDays = v))}
        error={err('noticePeriodSchoolDays')}
      />
      <TextInput
        name="minimumDurationMinutes"
        label="Shortest encounter that counts, in minutes"
        hint="The law asks for a “reasonable period of time”. 20 minutes is the usual minimum."
        width={3}
        inputMode="numeric"
        value={f.minimumDurationMinutes}
        onChange={(v) => up((d) => void (d.minimumDurationMinutes = v))}
        error={err('minimumDurationMinutes')}
      />
      <Textarea name="grantingGrounds" label="When you will grant a request" value={f.grantingGrounds} onChange={(v) => up((d) => void (d.grantingGrounds = v))} error={err('grantingGrounds')} />

      <h2 className="govuk-heading-m">Grounds for refusing a request</h2>
      <p className="govuk-body">When you decline a request you must choose one of these. Providers see which one you used.</p>
      {err('refusalGrounds') && !f.refusalGrounds.length ? <p className="govuk-error-message" id="refusalGrounds">{err('refusalGrounds')}</p> : null}
      {f.refusalGrounds.map((g, i) => (
        <fieldset className="govuk-fieldset sg-repeat" key={i}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Ground {i + 1}</legend>
          <TextInput name={`refusalGrounds.${i}.label`} label="Ground" value={g.label} onChange={(v) => up((d) => void (d.refusalGrounds[i]!.label = v))} error={err(`refusalGrounds.${i}.label`)} />
          <Textarea name={`refusalGrounds.${i}.description`} label="What it means (optional)" rows={2} value={g.description} onChange={(v) => up((d) => void (d.refusalGrounds[i]!.description = v))} />
          {f.refusalGrounds.length > 1 ? (
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => up((d) => void d.refusalGrounds.splice(i, 1))}>
              Remove<span className="govuk-visually-hidden"> ground {i + 1}</span>
            </button>
          ) : null}
        </fieldset>
      ))}
      <button type="button" className="govuk-button govuk-button--secondary" onClick={() => up((d) => void d.refusalGrounds.push({ id: '', label: '', description: '' }))}>
        Add another ground
      </button>

      <h2 className="govuk-heading-m">When providers can visit</h2>
      {f.accessTimes.map((t, i) => (
        <fieldset className="govuk-fieldset sg-repeat" key={i}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Time {i + 1}</legend>
          <Checkboxes
            name={`accessTimes.${i}.weekdays`}
            legend="Days"
            small
            values={t.weekdays}
            onChange={(v) => up((d) => void (d.accessTimes[i]!.weekdays = v))}
            error={err(`accessTimes.${i}.weekdays`)}
            choices={['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'].map((day, n) => ({ value: String(n + 1), text: day }))}
          />
          <div className="sg-inline-selects">
            <TextInput name={`accessTimes.${i}.start`} label="From" hint="24-hour, like 09:00" width={5} value={t.start} onChange={(v) => up((d) => void (d.accessTimes[i]!.start = v))} error={err(`accessTimes.${i}.start`)} />
            <TextInput name={`accessTimes.${i}.end`} label="To" hint="24-hour, like 15:00" width={5} value={t.end} onChange={(v) => up((d) => void (d.accessTimes[i]!.end = v))} error={err(`accessTimes.${i}.end`)} />
          </div>
          <TextInput name={`accessTimes.${i}.note`} label="Note (optional)" hint="For example, assemblies only" value={t.note} onChange={(v) => up((d) => void (d.accessTimes[i]!.note = v))} />
          {f.accessTimes.length > 1 ? (
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => up((d) => void d.accessTimes.splice(i, 1))}>
              Remove<span className="govuk-visually-hidden"> time {i + 1}</span>
            </button>
          ) : null}
        </fieldset>
      ))}
      <button type="button" className="govuk-button govuk-button--secondary" onClick={() => up((d) => void d.accessTimes.push({ weekdays: [], start: '', end: '', note: '' }))}>
        Add another time
      </button>

      <h2 className="govuk-heading-m">Premises, duty and safeguarding</h2>
      <Textarea name="premisesAndFacilities" label="Premises and facilities you give visiting providers" value={f.premisesAndFacilities} onChange={(v) => up((d) => void (d.premisesAndFacilities = v))} error={err('premisesAndFacilities')} />
      <Textarea name="howWeMeetTheDuty" label="How you meet the duty to give 6 encounters" value={f.howWeMeetTheDuty} onChange={(v) => up((d) => void (d.howWeMeetTheDuty = v))} error={err('howWeMeetTheDuty')} />
      <TextInput name="safeguardingPolicyUrl" label="Web address of your safeguarding policy" hint="Starting with https://" type="url" spellCheck={false} value={f.safeguardingPolicyUrl} onChange={(v) => up((d) => void (d.safeguardingPolicyUrl = v))} error={err('safeguardingPolicyUrl')} />

      <h2 className="govuk-heading-m">Approval</h2>
      <DateInput name="agreedByGovernorsOn" legend="Date the governing body agreed this policy" value={f.agreedByGovernorsOn} onChange={(v) => up((d) => void (d.agreedByGovernorsOn = v))} error={err('agreedByGovernorsOn')} />
      <DateInput name="nextReviewOn" legend="Date of the next review" hint="The policy should be reviewed every year. For example, 1 9 2027" value={f.nextReviewOn} onChange={(v) => up((d) => void (d.nextReviewOn = v))} error={err('nextReviewOn')} />

      <h2 className="govuk-heading-m">Careers programme information</h2>
      <TextInput name="careersProgramme.leaderName" label="Careers leader’s name" value={f.careersProgramme.leaderName} onChange={(v) => up((d) => void (d.careersProgramme.leaderName = v))} error={err('careersProgramme.leaderName')} />
      <TextInput name="careersProgramme.leaderEmail" label="Careers leader’s email address" type="email" spellCheck={false} value={f.careersProgramme.leaderEmail} onChange={(v) => up((d) => void (d.careersProgramme.leaderEmail = v))} error={err('careersProgramme.leaderEmail')} />
      <TextInput name="careersProgramme.leaderTelephone" label="Careers leader’s telephone" type="tel" width={20} value={f.careersProgramme.leaderTelephone} onChange={(v) => up((d) => void (d.careersProgramme.leaderTelephone = v))} error={err('careersProgramme.leaderTelephone')} />
      <Textarea name="careersProgramme.summary" label="Summary of your careers programme" value={f.careersProgramme.summary} onChange={(v) => up((d) => void (d.careersProgramme.summary = v))} error={err('careersProgramme.summary')} />
      <Textarea name="careersProgramme.impactMeasurement" label="How you measure its impact" value={f.careersProgramme.impactMeasurement} onChange={(v) => up((d) => void (d.careersProgramme.impactMeasurement = v))} error={err('careersProgramme.impactMeasurement')} />
      <DateInput name="careersProgramme.nextReviewOn" legend="Date of the programme’s next review" value={f.careersProgramme.nextReviewOn} onChange={(v) => up((d) => void (d.careersProgramme.nextReviewOn = v))} error={err('careersProgramme.nextReviewOn')} />

    </>
  );
}

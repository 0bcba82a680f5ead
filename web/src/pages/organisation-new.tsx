import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { createEmployer, createProvider, createSchool, offerings, providerTypes } from '@schoolgate/contracts';
import { api, type FieldError } from '../api';
import { Button, Checkboxes, ErrorSummary, Radios, Select, TextInput, errorFor } from '../components/forms';
import { BackLink, Inset } from '../components/ui';
import { giasApi, type GiasSchool } from '../evidence-api';
import { ApiError } from '../api';
import { Column, Page } from '../components/Page';
import { useMe } from '../session';
import { errorsFrom, zodErrors } from '../validation';
import { YEAR_GROUPS } from '../format';

export const PROVIDER_TYPE_LABELS: Record<(typeof providerTypes)[number], string> = {
  fe_college: 'Further education college',
  sixth_form_college: 'Sixth-form college',
  itp: 'Independent training provider',
  utc: 'University technical college (UTC)',
  studio_school: 'Studio school',
  institute_of_technology: 'Institute of Technology',
  university: 'University (degree apprenticeships or HTQs)',
  apprenticeship_provider: 'Apprenticeship training provider',
  other_school: 'Other school offering T Levels or technical qualifications',
};
export const OFFERING_LABELS: Record<(typeof offerings)[number], string> = {
  apprenticeships: 'Apprenticeships',
  t_levels: 'T Levels',
  htqs: 'Higher technical qualifications (HTQs)',
  approved_technical_qualifications: 'Other approved technical qualifications',
};
const YEARS = YEAR_GROUPS.map((y) => ({ value: String(y), text: `Year ${y}` }));

const MESSAGES = {
  urn: 'Enter the school’s URN, 6 or 7 digits',
  name: 'Enter the name',
  postcode: 'Enter a full UK postcode, like LS6 2AB',
  ukprn: 'Enter a UKPRN: 8 digits starting with 1',
  sector: 'Enter the sector you work in, for example engineering',
  companiesHouseNumber: 'A Companies House number is 8 letters or digits',
  website: 'Enter a web address starting with https://',
  'yearGroups.to': 'The last year group must not be before the first',
};

export function NewOrganisationPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [kind, setKind] = useState('');
  const [f, setF] = useState({
    urn: '',
    name: '',
    address: '',
    postcode: '',
    from: '7',
    to: '11',
    ukprn: '',
    providerType: 'fe_college',
    offers: [] as string[],
    website: '',
    sector: '',
    companiesHouseNumber: '',
    registeredApprenticeshipProvider: 'no',
  });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [register, setRegister] = useState<{ urn: string; found: GiasSchool | null } | null>(null);
  const set = <K extends keyof typeof f>(key: K) => (value: (typeof f)[K]) => setF((old) => ({ ...old, [key]: value }));

  /** Fills the school's details in from its entry on Get Information about Schools. */
  async function findOnRegister() {
    const urn = f.urn.trim();
    if (!/^\d{6,7}$/.test(urn)) return setErrors([{ field: 'urn', message: MESSAGES.urn }]);
    setErrors([]);
    setBusy(true);
    try {
      const found = await giasApi.school(urn);
      setRegister({ urn, found });
      setF((old) => ({
        ...old,
        name: found.name,
        postcode: found.postcode ?? old.postcode,
        ...(found.yearGroups ? { from: String(found.yearGroups.from), to: String(found.yearGroups.to) } : {}),
      }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) setRegister({ urn, found: null });
      else setErrors(errorsFrom(error));
    } finally {
      setBusy(false);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!kind) return setErrors([{ field: 'kind', message: 'Choose what kind of organisation you are setting up' }]);
    const body =
      kind === 'school'
        ? createSchool.safeParse({ urn: f.urn.trim(), name: f.name, address: f.address, postcode: f.postcode, yearGroups: { from: Number(f.from), to: Number(f.to) } })
        : kind === 'provider'
          ? createProvider.safeParse({
              ukprn: f.ukprn.trim(),
              name: f.name,
              providerType: f.providerType,
              offers: f.offers,
              address: f.address,
              postcode: f.postcode,
              ...(f.website.trim() ? { website: f.website.trim() } : {}),
            })
          : createEmployer.safeParse({
              name: f.name,
              sector: f.sector,
              postcode: f.postcode,
              registeredApprenticeshipProvider: f.registeredApprenticeshipProvider === 'yes',
              ...(f.companiesHouseNumber.trim() ? { companiesHouseNumber: f.companiesHouseNumber.trim().toUpperCase() } : {}),
            });
    if (!body.success) return setErrors(zodErrors(body.error, MESSAGES));
    setErrors([]);
    setBusy(true);
    try {
      const org =
        kind === 'school'
          ? await api.createSchool(body.data as never)
          : kind === 'provider'
            ? await api.createProvider(body.data as never)
            : await api.createEmployer(body.data as never);
      me.reload();
      const overview = kind === 'school' ? `/schools/${org.id}` : `/organisations/${org.id}`;
      // A postcode in a district we cannot place: ask where the organisation is, on its settings.
      navigate(org.location ? overview : kind === 'school' ? `/schools/${org.id}/profile#place` : `/organisations/${org.id}/settings#place`);
    } catch (error) {
      setErrors(errorsFrom(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title="Set up your organisation" before={<BackLink to="/" />}>
      <Column>
        <ErrorSummary errors={errors} />
        <form onSubmit={submit} noValidate>
          <Radios
            name="kind"
            legend="What are you setting up?"
            legendClass="govuk-fieldset__legend--m"
            value={kind}
            onChange={setKind}
            error={errorFor(errors, 'kind')}
            choices={[
              { value: 'school', text: 'A school', hint: 'You are the careers leader and will publish the provider access policy' },
              { value: 'provider', text: 'A college or training provider', hint: 'You offer technical education or apprenticeships' },
              { value: 'employer', text: 'An employer', hint: 'You want to give talks or host work experience' },
            ]}
          />
          {kind === 'school' ? (
            <>
              <TextInput name="urn" label="URN" hint="The unique reference number from Get Information about Schools, 6 or 7 digits. We fill in what the register says." width={10} inputMode="numeric" value={f.urn} onChange={set('urn')} error={errorFor(errors, 'urn')} />
              <button type="button" className="govuk-button govuk-button--secondary" disabled={busy} onClick={findOnRegister}>
                Find the school on the register
              </button>
              <div aria-live="polite" data-testid="register-result">
                {register && register.urn === f.urn.trim() ? (
                  register.found ? (
                    <Inset>
                      <p className="govuk-body">
                        Filled in from Get Information about Schools: {register.found.name}
                        {register.found.phase ? `, ${register.found.phase.toLowerCase()}` : ''}
                        {register.found.type ? ` (${register.found.type})` : ''}. Check the details below.
                      </p>
                      {!register.found.open ? <p className="govuk-body govuk-!-font-weight-bold">The register lists this school as {register.found.status.toLowerCase()}.</p> : null}
                      {register.found.trustName ? (
                        <p className="govuk-body">
                          Trust: {register.found.trustName}.{' '}
                          {register.found.trustOnSchoolgate
                            ? 'It is on Schoolgate: once you set up, you will be invited to join it, and you choose whether to consent.'
                            : 'It is not on Schoolgate yet.'}
                        </p>
                      ) : null}
                    </Inset>
                  ) : (
                    <Inset>URN {register.urn} is not on the register we hold. Fill in the school’s details yourself.</Inset>
                  )
                ) : null}
              </div>
            </>
          ) : null}
          {kind ? (
            <>
              <TextInput name="name" label={kind === 'school' ? 'School name' : 'Organisation name'} value={f.name} onChange={set('name')} error={errorFor(errors, 'name')} autoComplete="organization" />
              {kind === 'school' ? (
                <>
                  <div className="sg-inline-selects">
                    <Select name="yearGroups.from" label="First year group taught" value={f.from} onChange={set('from')} options={YEARS} error={errorFor(errors, 'yearGroups.from')} />
                    <Select name="yearGroups.to" label="Last year group taught" value={f.to} onChange={set('to')} options={YEARS} error={errorFor(errors, 'yearGroups.to')} />
                  </div>
                </>
              ) : null}
              {kind === 'provider' ? (
                <>
                  <TextInput name="ukprn" label="UKPRN" hint="Your UK provider reference number: 8 digits starting with 1" width={10} inputMode="numeric" value={f.ukprn} onChange={set('ukprn')} error={errorFor(errors, 'ukprn')} />
                  <Select
                    name="providerType"
                    label="Type of provider"
                    value={f.providerType}
                    onChange={set('providerType')}
                    options={providerTypes.map((t) => ({ value: t, text: PROVIDER_TYPE_LABELS[t] }))}
                  />
                  <Checkboxes
                    name="offers"
                    legend="What do you offer?"
                    hint="Select all that apply. Schools must give access to providers of technical education and apprenticeships."
                    values={f.offers}
                    onChange={set('offers')}
                    choices={offerings.map((o) => ({ value: o, text: OFFERING_LABELS[o] }))}
                    error={errorFor(errors, 'offers')}
                  />
                  <TextInput name="website" label="Website (optional)" type="url" value={f.website} onChange={set('website')} error={errorFor(errors, 'website')} />
                </>
              ) : null}
              {kind === 'employer' ? (
                <>
                  <TextInput name="sector" label="Sector" hint="For example, engineering or health and social care" value={f.sector} onChange={set('sector')} error={errorFor(errors, 'sector')} />
                  <TextInput name="companiesHouseNumber" label="Companies House number (optional)" width={10} value={f.companiesHouseNumber} onChange={set('companiesHouseNumber')} error={errorFor(errors, 'companiesHouseNumber')} />
                  <Radios
                    name="registeredApprenticeshipProvider"
                    legend="Are you on the register of apprenticeship training providers?"
                    inline
                    value={f.registeredApprenticeshipProvider}
                    onChange={set('registeredApprenticeshipProvider')}
                    choices={[
                      { value: 'yes', text: 'Yes' },
                      { value: 'no', text: 'No' },
                    ]}
                  />
                </>
              ) : null}
              {kind !== 'employer' ? <TextInput name="address" label="Address (optional)" value={f.address} onChange={set('address')} autoComplete="street-address" /> : null}
              <TextInput name="postcode" label="Postcode" hint="Used to show distances between schools and providers" width={10} autoComplete="postal-code" value={f.postcode} onChange={set('postcode')} error={errorFor(errors, 'postcode')} />
              <p className="govuk-body">A Schoolgate administrator will check your organisation before it can take part.</p>
              <Button disabled={busy}>Create organisation</Button>
            </>
          ) : (
            <Button>Continue</Button>
          )}
        </form>
      </Column>
    </Page>
  );
}

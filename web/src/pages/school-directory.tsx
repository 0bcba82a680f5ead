import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { phasesOfEducation } from '@schoolgate/contracts';
import { api, type DirectorySchool, type FieldError } from '../api';
import { DEFAULT_WITHIN_KM, DistanceFields, distanceErrors } from '../components/place';
import { Select } from '../components/forms';
import { Page } from '../components/Page';
import { NearUnknown, NeedsLocation, SearchColumns, SearchResults, placeProblem } from '../components/search-results';
import { useLoad } from '../components/states';
import { Tag } from '../components/ui';
import { YEAR_GROUPS } from '../format';

export const PHASE_LABELS: Record<(typeof phasesOfEducation)[number], string> = {
  primary: 'Primary',
  secondary: 'Secondary',
  sixteen_plus: 'Sixteen plus',
  all_through: 'All-through',
};

/** The school directory: providers and employers find verified schools near them (issue 15). */
export function SchoolDirectoryPage() {
  const { orgId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const criteria = {
    phase: params.get('phase') ?? '',
    yearGroup: params.get('yearGroup') ?? '',
    policyPublished: params.get('policyPublished') ?? '',
    openSlots: params.get('openSlots') ?? '',
    withinKm: params.get('withinKm') ?? String(DEFAULT_WITHIN_KM),
    near: params.get('near') ?? '',
  };
  const [form, setForm] = useState(criteria);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const key = params.toString();
  const load = useLoad(() => api.searchSchools({ orgId, ...criteria, limit: 20, cursor }), [orgId, key, cursor]);
  const { noLocation, nearUnknown, onField } = placeProblem(load, criteria.near);

  function submit(event: FormEvent) {
    event.preventDefault();
    const withinKm = form.withinKm.trim();
    const near = form.near.trim();
    const found = distanceErrors(withinKm, near);
    setErrors(found);
    if (found.length) return;
    setCursor(undefined);
    const next = new URLSearchParams();
    for (const name of ['phase', 'yearGroup', 'policyPublished', 'openSlots'] as const) if (form[name]) next.set(name, form[name]);
    next.set('withinKm', withinKm);
    if (near) next.set('near', near.toUpperCase());
    setParams(next);
  }

  return (
    <Page title="Find schools" wide>
      <SearchColumns
        label="Filter schools"
        errors={errors}
        onSubmit={submit}
        filters={
          <>
            <Select
              name="phase"
              label="Phase of education"
              value={form.phase}
              onChange={(v) => setForm({ ...form, phase: v })}
              options={[{ value: '', text: 'Any phase' }, ...phasesOfEducation.map((p) => ({ value: p, text: PHASE_LABELS[p] }))]}
            />
            <Select
              name="yearGroup"
              label="Teaches year group"
              value={form.yearGroup}
              onChange={(v) => setForm({ ...form, yearGroup: v })}
              options={[{ value: '', text: 'Any year group' }, ...YEAR_GROUPS.map((y) => ({ value: String(y), text: `Year ${y}` }))]}
            />
            <Select
              name="policyPublished"
              label="Provider access policy"
              value={form.policyPublished}
              onChange={(v) => setForm({ ...form, policyPublished: v })}
              options={[
                { value: '', text: 'Published or not' },
                { value: 'true', text: 'Published' },
                { value: 'false', text: 'Not published yet' },
              ]}
            />
            <Select
              name="openSlots"
              label="Open slots"
              value={form.openSlots}
              onChange={(v) => setForm({ ...form, openSlots: v })}
              options={[
                { value: '', text: 'With or without' },
                { value: 'true', text: 'Has open slots' },
                { value: 'false', text: 'No open slots' },
              ]}
            />
            <DistanceFields
              withinKm={form.withinKm}
              near={form.near}
              onChange={(change) => setForm({ ...form, ...change })}
              errors={errors}
              placeProblem={onField}
            />
          </>
        }
      >
        {noLocation ? (
          <NeedsLocation orgId={orgId} returnTo={`/organisations/${orgId}/schools?${key}`} />
        ) : nearUnknown ? (
          <NearUnknown near={criteria.near} message={nearUnknown} />
        ) : (
          <SearchResults
            load={load}
            finding="Finding schools"
            noun={['school', 'schools']}
            order="in name order"
            onMore={setCursor}
            empty="No schools match. Try a wider distance or fewer filters."
          >
            {(s) => <SchoolResult key={s.id} school={s} orgId={orgId} />}
          </SearchResults>
        )}
      </SearchColumns>
    </Page>
  );
}

function SchoolResult({ school, orgId }: { school: DirectorySchool; orgId: string }) {
  return (
    <li className="sg-result" data-testid="directory-school">
      <h3 className="govuk-heading-s govuk-!-margin-bottom-1">{school.name}</h3>
      <p className="govuk-body govuk-!-margin-bottom-1">
        {PHASE_LABELS[school.phase]}, Years {school.yearGroups.from} to {school.yearGroups.to}. {school.postcode}, {school.distanceKm.toFixed(1)} km away.
      </p>
      <p className="govuk-body-s govuk-!-margin-bottom-1">
        {school.policyPublished ? <Tag colour="green">Policy published</Tag> : <Tag colour="grey">No policy yet</Tag>}{' '}
        {school.hasOpenSlots ? <Tag colour="blue">Has open slots</Tag> : <Tag colour="grey">No open slots</Tag>}
      </p>
      <ul className="govuk-list govuk-body-s">
        {school.policyPublished && school.urn ? (
          <li>
            <Link className="govuk-link" to={`/policies/${encodeURIComponent(school.urn)}`}>
              Read {school.name}’s provider access policy
            </Link>
          </li>
        ) : null}
        <li>
          <Link className="govuk-link" to={`/organisations/${orgId}/propose/${school.id}`}>
            Propose a time<span className="govuk-visually-hidden"> to {school.name}</span>
          </Link>
        </li>
        {school.hasOpenSlots ? (
          <li>
            <Link className="govuk-link" to={`/organisations/${orgId}/slots`}>
              Find open slots<span className="govuk-visually-hidden"> near you, including {school.name}’s</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </li>
  );
}

import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../api';
import { Column } from '../components/Page';
import { PolicyStatement } from '../components/PolicyStatement';
import { Loading, useLoad, ErrorState } from '../components/states';
import { formatInstant } from '../format';

/** Public, no sign-in, printable: the school's own heading is the page's h1. */
export function PublicPolicyPage() {
  const { urn = '' } = useParams();
  const load = useLoad(() => api.publicPolicy(urn), [urn]);
  const name = load.state === 'ok' ? load.data.school.name : null;
  useEffect(() => {
    document.title = name ? `${name}: provider access policy – Schoolgate` : 'Provider access policy – Schoolgate';
  }, [name]);

  if (load.state === 'loading') {
    return (
      <Column>
        <h1 className="govuk-heading-l" tabIndex={-1}>
          Provider access policy
        </h1>
        <Loading />
      </Column>
    );
  }
  if (load.state === 'error') {
    const missing = load.error instanceof ApiError && load.error.status === 404;
    return (
      <Column>
        <h1 className="govuk-heading-l" tabIndex={-1}>
          {missing ? 'No published policy for this school' : 'Provider access policy'}
        </h1>
        {missing ? (
          <>
            <p className="govuk-body">We could not find a published provider access policy for the school with URN {urn}.</p>
            <p className="govuk-body">Check the URN, or contact the school directly.</p>
          </>
        ) : (
          <ErrorState error={load.error} retry={load.reload} />
        )}
      </Column>
    );
  }
  const policy = load.data;
  return (
    <Column>
      <span className="govuk-caption-l">
        {policy.school.name}
        {policy.school.address ? `, ${policy.school.address}` : ''} {policy.school.postcode}
      </span>
      <h1 className="govuk-heading-l" tabIndex={-1}>
        {policy.school.name}: provider access policy
      </h1>
      <p className="govuk-body-s">
        URN {policy.school.urn}. {policy.publishedAt ? `Published ${formatInstant(policy.publishedAt)}.` : ''} Version {policy.version}.
      </p>
      <p className="govuk-body sg-no-print">
        <button type="button" className="govuk-link sg-link-button" onClick={() => window.print()}>
          Print this page
        </button>
      </p>
      <PolicyStatement policy={policy} schoolName={policy.school.name} />
      <p className="govuk-body sg-no-print">
        Are you a college, training provider or employer?{' '}
        <Link className="govuk-link" to="/sign-in">
          Sign in to request a visit
        </Link>
        .
      </p>
    </Column>
  );
}

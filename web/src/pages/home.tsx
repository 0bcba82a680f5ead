import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, type Membership } from '../api';
import { Button, ErrorSummary, TextInput, errorFor } from '../components/forms';
import { Column, Page } from '../components/Page';
import { Tag } from '../components/ui';
import { RequireSignIn, useMe, useSession } from '../session';
import { errorsFrom } from '../validation';
import type { FieldError } from '../api';

export function HomePage() {
  const session = useSession();
  if (session) {
    return (
      <RequireSignIn>
        <YourOrganisations />
      </RequireSignIn>
    );
  }
  return <Landing />;
}

export const orgHome = (m: Pick<Membership, 'kind' | 'orgId'>) => (m.kind === 'school' ? `/schools/${m.orgId}` : `/organisations/${m.orgId}`);

const KIND_LABEL: Record<string, string> = { school: 'School', provider: 'Provider', employer: 'Employer' };

/** The invitations sent to the signed-in address, each with a button to join. */
function Invitations({ setErrors, heading = true }: { setErrors: (errors: FieldError[]) => void; heading?: boolean }) {
  const me = useMe();
  if (!me.invitations.length) return null;
  return (
    <>
      {heading ? <h2 className="govuk-heading-m">Invitations</h2> : null}
      <ul className="govuk-list">
        {me.invitations.map((invitation) => (
          <li key={invitation.orgId} className="sg-row">
            <span>
              {invitation.orgName} invited you as {invitation.role.replace('_', ' ')}.
            </span>{' '}
            <button
              type="button"
              className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
              onClick={async () => {
                try {
                  await api.acceptInvitation(invitation.orgId);
                  me.reload();
                } catch (error) {
                  setErrors(errorsFrom(error));
                }
              }}
            >
              Join {invitation.orgName}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * Where an invitation email leads: behind sign-in (or sign-up, which comes back here), the
 * invitations for the signed-in address, and the organisations already joined.
 */
export function InvitationsPage() {
  const me = useMe();
  const [errors, setErrors] = useState<FieldError[]>([]);
  return (
    <Page title="Your invitations" caption={me.email}>
      <Column>
        <ErrorSummary errors={errors} />
        {me.invitations.length ? (
          <Invitations setErrors={setErrors} heading={false} />
        ) : (
          <p className="govuk-body">
            There are no invitations waiting for {me.email}. If the invitation was sent to another address, sign out and sign in or create an account with
            that address.
          </p>
        )}
        {me.memberships.length ? (
          <>
            <h2 className="govuk-heading-m">Organisations you belong to</h2>
            <ul className="govuk-list">
              {me.memberships.map((m) => (
                <li key={m.orgId}>
                  <Link className="govuk-link" to={orgHome(m)}>
                    {m.orgName}
                  </Link>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Column>
    </Page>
  );
}

function YourOrganisations() {
  const me = useMe();
  const [errors, setErrors] = useState<FieldError[]>([]);
  return (
    <Page title="Your organisations" caption={me.email}>
      <Column>
        <ErrorSummary errors={errors} />
        <Invitations setErrors={setErrors} />
        {me.memberships.length ? (
          <ul className="govuk-list govuk-list--spaced">
            {me.memberships.map((m) => (
              <li key={m.orgId}>
                <Link className="govuk-link govuk-!-font-weight-bold" to={orgHome(m)}>
                  {m.orgName}
                </Link>{' '}
                <span className="govuk-body-s">
                  {KIND_LABEL[m.kind]}, {m.role.replace('_', ' ')}
                </span>{' '}
                {m.verified ? null : <Tag colour="yellow">Awaiting verification</Tag>}
              </li>
            ))}
          </ul>
        ) : (
          <p className="govuk-body">You are not part of a school or organisation on Schoolgate yet.</p>
        )}
        <p className="govuk-body">
          <Link className="govuk-link" to="/organisations/new">
            Set up a school, provider or employer
          </Link>
        </p>
        {me.platformAdmin ? (
          <p className="govuk-body">
            <Link className="govuk-link" to="/admin">
              Verify organisations (platform admin)
            </Link>
          </p>
        ) : null}
        {me.memberships.length === 0 && me.invitations.length === 0 ? (
          <p className="govuk-body">If a colleague has already set up your school, ask them to invite {me.email}.</p>
        ) : null}
      </Column>
    </Page>
  );
}

function Landing() {
  const navigate = useNavigate();
  const [urn, setUrn] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  function find(event: FormEvent) {
    event.preventDefault();
    if (!/^\d{6,7}$/.test(urn.trim())) return setErrors([{ field: 'urn', message: 'Enter the school’s URN, 6 or 7 digits' }]);
    navigate(`/policies/${urn.trim()}`);
  }
  return (
    <Page title="Careers encounters between schools, colleges and employers">
      <Column>
        <p className="govuk-body-l">Schools publish times when colleges, training providers and employers can speak to pupils. Providers find them and ask to come in.</p>
        <ul className="govuk-list govuk-list--bullet">
          <li>Careers leaders: publish your provider access policy, offer slots and see each year group’s progress against the law.</li>
          <li>Colleges, training providers and employers: find slots near you and keep a record of every request.</li>
        </ul>
        <p className="govuk-body">
          <Link className="govuk-button govuk-!-margin-right-2" to="/sign-in" role="button" draggable={false}>
            Sign in
          </Link>
          <Link className="govuk-button govuk-button--secondary" to="/sign-up" role="button" draggable={false}>
            Create an account
          </Link>
        </p>
        <h2 className="govuk-heading-m">Read a school’s provider access policy</h2>
        <ErrorSummary errors={errors} />
        <form onSubmit={find} noValidate>
          <TextInput name="urn" label="School URN" hint="The school’s unique reference number, 6 or 7 digits" width={10} inputMode="numeric" value={urn} onChange={setUrn} error={errorFor(errors, 'urn')} />
          <Button secondary>Find policy</Button>
        </form>
      </Column>
    </Page>
  );
}

export function NotFoundPage() {
  return (
    <Page title="Page not found">
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/">
          Go to the Schoolgate home page
        </Link>
      </p>
    </Page>
  );
}

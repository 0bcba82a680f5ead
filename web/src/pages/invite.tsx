import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { api, type FieldError, type Membership, type OrgKind } from '../api';
import { Button, ErrorSummary, Radios, TextInput, errorFor } from '../components/forms';
import { Column, Page } from '../components/Page';
import { BackLink, NotificationBanner } from '../components/ui';
import { useMe } from '../session';
import { errorsFrom } from '../validation';

const ROLE_CHOICES: Record<OrgKind, { value: string; text: string; hint: string }[]> = {
  school: [
    { value: 'careers_leader', text: 'Careers leader', hint: 'Can publish the policy, create slots, decide on requests and invite colleagues' },
    { value: 'staff', text: 'Staff', hint: 'Can see requests, bookings and compliance' },
    { value: 'placement_coordinator', text: 'Placement coordinator', hint: 'Can review employers’ safety packs and sign them off for work experience' },
  ],
  provider: [
    { value: 'admin', text: 'Administrator', hint: 'Can change the organisation’s settings and invite colleagues, as well as request slots' },
    { value: 'staff', text: 'Staff', hint: 'Can find and request slots and propose times' },
  ],
  employer: [
    { value: 'admin', text: 'Administrator', hint: 'Can change the organisation’s settings and invite colleagues, as well as request slots' },
    { value: 'staff', text: 'Staff', hint: 'Can find and request slots and propose times' },
  ],
};

export const roleName = (kind: OrgKind, role: string) => ROLE_CHOICES[kind].find((r) => r.value === role)?.text ?? role.replace(/_/g, ' ');

/** Only these roles may invite: the API answers 403 to anyone else, so the link is not shown to them. */
export const canInvite = (m: Membership | undefined) => m !== undefined && (m.kind === 'school' ? m.role === 'careers_leader' : m.role === 'admin');

const overviewOf = (m: Pick<Membership, 'kind' | 'orgId'>) => (m.kind === 'school' ? `/schools/${m.orgId}` : `/organisations/${m.orgId}`);

export interface InvitedState {
  invited: { email: string; role: string };
}

export function InvitePage() {
  const { schoolId, orgId } = useParams();
  const id = schoolId ?? orgId ?? '';
  const me = useMe();
  const navigate = useNavigate();
  const membership = me.memberships.find((m) => m.orgId === id);
  const kind: OrgKind = membership?.kind ?? (schoolId ? 'school' : 'provider');
  const back = overviewOf({ kind, orgId: id });
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldError[] = [];
    const address = email.trim();
    if (!address) found.push({ field: 'email', message: 'Enter your colleague’s email address' });
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) found.push({ field: 'email', message: 'Enter an email address in the correct format, like name@example.org' });
    if (!role) found.push({ field: 'role', message: 'Choose what your colleague can do' });
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    try {
      await api.invite(id, { email: address, role });
      navigate(back, { state: { invited: { email: address, role } } satisfies InvitedState });
    } catch (error) {
      setErrors(errorsFrom(error));
      setBusy(false);
    }
  }

  return (
    <Page title="Invite a colleague" caption={membership?.orgName} before={<BackLink to={back}>Back to overview</BackLink>}>
      <Column>
        {canInvite(membership) ? (
          <>
            <p className="govuk-body">We email them an invitation. They join when they sign in to Schoolgate with that email address.</p>
            <ErrorSummary errors={errors} />
            <form onSubmit={submit} noValidate>
              <TextInput name="email" label="Email address" type="email" autoComplete="off" spellCheck={false} value={email} onChange={setEmail} error={errorFor(errors, 'email')} />
              <Radios name="role" legend="What can they do?" value={role} onChange={setRole} error={errorFor(errors, 'role')} choices={ROLE_CHOICES[kind]} />
              <Button disabled={busy}>Send invitation</Button>
            </form>
          </>
        ) : (
          <p className="govuk-body">Only {kind === 'school' ? 'a careers leader' : 'an administrator'} can invite colleagues. Ask one of them to invite the person.</p>
        )}
      </Column>
    </Page>
  );
}

/** On an overview: the success banner after an invitation, and the link to send one. */
export function InvitedBanner({ membership }: { membership: Membership | undefined }) {
  const location = useLocation();
  const navigate = useNavigate();
  const [invited] = useState(() => (location.state as InvitedState | null)?.invited);
  // Kept for this visit only: a reload or a return to the overview must not announce it again.
  useEffect(() => {
    if (location.state) navigate(location.pathname, { replace: true, state: null });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  if (!membership) return null;
  return (
    <>
      {invited ? (
        <NotificationBanner success title="Success" heading={`Invitation sent to ${invited.email}`}>
          <p className="govuk-body">
            They join {membership.orgName} as {roleName(membership.kind, invited.role).toLowerCase()} when they sign in with that email address.
          </p>
        </NotificationBanner>
      ) : null}
    </>
  );
}

export function InviteLink({ membership }: { membership: Membership | undefined }) {
  if (!canInvite(membership)) return null;
  return (
    <>
      <h2 className="govuk-heading-m">Colleagues</h2>
      <p className="govuk-body">
        <Link className="govuk-link" to={`${overviewOf(membership!)}/invite`}>
          Invite a colleague
        </Link>{' '}
        to {membership!.orgName}.
      </p>
    </>
  );
}

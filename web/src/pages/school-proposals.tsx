import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError, type FieldError, type OrganisationView, type PolicyState, type Proposal, type Slot } from '../api';
import { Button, ErrorSummary, Radios, TextInput, errorFor } from '../components/forms';
import { DeclineFields } from '../components/decline-fields';
import { CountsTowardDuty, VenueRadios } from '../components/slot-fields';
import { Column, Page } from '../components/Page';
import { Loaded, useLoad } from '../components/states';
import { BackLink, NotificationBanner, SummaryList, Tag } from '../components/ui';
import { FORMAT_LABELS, formatDate, formatInstant, yearGroupList } from '../format';
import { errorsFrom, toInt } from '../validation';

/**
 * The accept form has no date or time inputs (the provider chose them), so only the venue can be
 * linked from a broken rule; the others are listed without a link.
 */
const PROPOSAL_RULE_FIELDS: Record<string, string> = { WHOLE_YEAR_GROUP: 'venueId' };

export function proposalWhen(p: Pick<Proposal, 'date' | 'start' | 'end'>) {
  return `${formatDate(p.date)}, ${p.start} to ${p.end}`;
}

export function ProposalStatusTag({ status }: { status: string }) {
  if (status === 'accepted') return <Tag colour="green">Accepted</Tag>;
  if (status === 'declined') return <Tag colour="red">Declined</Tag>;
  return <Tag colour="blue">Waiting for your decision</Tag>;
}

export function ProposalPage() {
  const { schoolId = '', proposalId = '' } = useParams();
  const load = useLoad(
    () => Promise.all([api.proposal(schoolId, proposalId), api.school(schoolId), api.policy(schoolId).catch(() => null)]),
    [schoolId, proposalId],
  );
  const notFound = load.state === 'error' && load.error instanceof ApiError && load.error.status === 404;
  const title = load.state === 'ok' ? `Time proposed by ${load.data[0].requesterName}` : notFound ? 'Proposal not found' : 'Proposed time';
  return (
    <Page title={title} before={<BackLink to={`/schools/${schoolId}/requests`}>Back to requests</BackLink>}>
      {notFound ? (
        <Column>
          <p className="govuk-body">We could not find this proposal. The link may be wrong, or it may have been made to another school.</p>
        </Column>
      ) : (
        <Loaded load={load}>{([proposal, school, policy]) => <ProposalDecision proposal={proposal} school={school} policy={policy} />}</Loaded>
      )}
    </Page>
  );
}

type Outcome = { kind: 'accepted'; slot: Slot } | { kind: 'declined'; ground: string };

function ProposalDecision({ proposal, school, policy }: { proposal: Proposal; school: OrganisationView; policy: PolicyState | null }) {
  const venues = school.venues ?? [];
  const grounds = policy?.published?.refusalGrounds ?? [];
  const [choice, setChoice] = useState('');
  const [f, setF] = useState({
    title: `${FORMAT_LABELS[proposal.format] ?? 'Encounter'} with ${proposal.requesterName} for ${yearGroupList(proposal.yearGroups)}`,
    venueId: venues.length === 1 ? venues[0]!.id : '',
    places: '1',
    statutory: 'yes',
    groundId: '',
    note: '',
  });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const set = (key: keyof typeof f) => (value: string) => setF((old) => ({ ...old, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldError[] = [];
    if (!choice) found.push({ field: 'decision', message: 'Choose whether to accept or decline the proposed time' });
    if (choice === 'accept') {
      if (!f.title.trim()) found.push({ field: 'title', message: 'Enter a title for the slot' });
      if (!f.venueId) found.push({ field: 'venueId', message: 'Choose a venue' });
      const places = toInt(f.places);
      if (!(places >= 1 && places <= 50)) found.push({ field: 'places', message: 'Enter how many providers can take part, from 1 to 50' });
    }
    if (choice === 'decline' && !f.groundId) found.push({ field: 'groundId', message: 'Choose the published ground for declining' });
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    try {
      if (choice === 'accept') {
        const slot = await api.acceptProposal(proposal.schoolId, proposal.id, {
          venueId: f.venueId,
          title: f.title.trim(),
          places: toInt(f.places),
          statutory: f.statutory === 'yes',
        });
        setOutcome({ kind: 'accepted', slot });
      } else {
        await api.declineProposal(proposal.schoolId, proposal.id, { groundId: f.groundId, note: f.note.trim() });
        setOutcome({ kind: 'declined', ground: grounds.find((g) => g.id === f.groundId)?.label ?? f.groundId });
      }
      setErrors([]);
    } catch (error) {
      setErrors(errorsFrom(error).map((e) => (e.field || !e.code || !PROPOSAL_RULE_FIELDS[e.code] ? e : { ...e, field: PROPOSAL_RULE_FIELDS[e.code] })));
    } finally {
      setBusy(false);
    }
  }

  const status = outcome ? (outcome.kind === 'accepted' ? 'accepted' : 'declined') : proposal.status;
  const ruleBroken = errors.some((e) => e.code && e.code !== 'STALE_STATE');
  return (
    <Column>
      {outcome?.kind === 'accepted' ? (
        <NotificationBanner success title="Success" heading={`A slot was created: ${outcome.slot.title}`}>
          <p className="govuk-body">
            {proposal.requesterName} can now request it. The slot is not booked yet: you will see their request in{' '}
            <Link className="govuk-notification-banner__link" to={`/schools/${proposal.schoolId}/requests`}>
              requests
            </Link>{' '}
            and decide on it there.
          </p>
          <p className="govuk-body">
            <Link className="govuk-notification-banner__link" to={`/schools/${proposal.schoolId}/slots`}>
              See your slots
            </Link>
          </p>
        </NotificationBanner>
      ) : null}
      {outcome?.kind === 'declined' ? (
        <NotificationBanner success title="Success" heading={`You declined the time proposed by ${proposal.requesterName}`}>
          <p className="govuk-body">They can see that you declined it because of: {outcome.ground}.</p>
        </NotificationBanner>
      ) : null}
      <SummaryList
        rows={[
          { key: 'Status', value: <ProposalStatusTag status={status} /> },
          { key: 'Proposed by', value: proposal.requesterName },
          { key: 'When', value: proposalWhen(proposal) },
          { key: 'Year groups', value: yearGroupList(proposal.yearGroups) },
          { key: 'Format', value: FORMAT_LABELS[proposal.format] ?? proposal.format },
          { key: 'Message', value: proposal.message || 'None' },
          { key: 'Received', value: formatInstant(proposal.createdAt) },
          ...(proposal.declineGround ? [{ key: 'Declined because', value: proposal.declineGround.label }] : []),
          ...(proposal.note ? [{ key: 'Note', value: proposal.note }] : []),
        ]}
      />
      {status === 'proposed' ? (
        <>
          <ErrorSummary errors={errors} title={ruleBroken ? 'This slot cannot count toward the duty' : 'There is a problem'} />
          {ruleBroken ? (
            <p className="govuk-body">Choose another venue, or answer no to counting toward the duty to accept it as a supplementary encounter.</p>
          ) : null}
          <form onSubmit={submit} noValidate>
            <Radios
              name="decision"
              legend="What is your decision?"
              legendClass="govuk-fieldset__legend--m"
              value={choice}
              onChange={setChoice}
              error={errorFor(errors, 'decision')}
              choices={[
                { value: 'accept', text: 'Accept', hint: 'We create a slot at this time that the provider can then request' },
                { value: 'decline', text: 'Decline', hint: 'You must give one of your published grounds; the provider sees it' },
              ]}
            />
            {choice === 'accept' ? (
              <>
                <TextInput name="title" label="Title of the slot" hint="Providers see this" value={f.title} onChange={set('title')} error={errorFor(errors, 'title')} />
                {venues.length ? (
                  <VenueRadios venues={venues} value={f.venueId} onChange={set('venueId')} error={errorFor(errors, 'venueId')} />
                ) : (
                  <p className="govuk-body">
                    <Link className="govuk-link" to={`/schools/${proposal.schoolId}/profile#venues`}>
                      Add a venue
                    </Link>{' '}
                    before you accept a proposed time.
                  </p>
                )}
                <TextInput
                  name="places"
                  label="How many providers can take part?"
                  hint="Other providers can request any places beyond the first"
                  width={3}
                  inputMode="numeric"
                  value={f.places}
                  onChange={set('places')}
                  error={errorFor(errors, 'places')}
                />
                <CountsTowardDuty hint="Choose no for an optional or supplementary encounter; it is still recorded" value={f.statutory} onChange={set('statutory')} />
              </>
            ) : null}
            {choice === 'decline' ? (
              <DeclineFields grounds={grounds} groundId={f.groundId} onGroundChange={set('groundId')} note={f.note} onNoteChange={set('note')} errors={errors} what="proposal" />
            ) : null}
            <Button disabled={busy}>Confirm decision</Button>
          </form>
        </>
      ) : null}
    </Column>
  );
}

/** For the requests inbox: a proposal still waiting is one the school has to answer. */
export const isOpenProposal = (p: Proposal) => p.status === 'proposed';

import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, type AffectedBooking, type OrganisationView, type PolicyState } from '../api';
import { Button, ErrorSummary } from '../components/forms';
import { Column, Page } from '../components/Page';
import { PolicyStatement } from '../components/PolicyStatement';
import { PolicyFields, fromPolicy, usePolicyForm } from '../components/policy-fields';
import { useAction } from '../components/use-action';
import { BrokenBookings } from '../components/affected-bookings';
import { Loaded, useLoad } from '../components/states';
import { BackLink, Inset, NotificationBanner, SummaryList, Tag } from '../components/ui';
import { formatInstant } from '../format';
import { useMe } from '../session';

export function PolicyEditorPage() {
  const { schoolId = '' } = useParams();
  const load = useLoad(() => Promise.all([api.school(schoolId), api.policy(schoolId)]), [schoolId]);
  return (
    <Page title="Provider access policy" before={<BackLink to={`/schools/${schoolId}`} />}>
      <Loaded load={load}>{([school, policy]) => <PolicyEditor school={school} policy={policy} />}</Loaded>
    </Page>
  );
}

function PolicyStatus({ policy, school }: { policy: PolicyState; school: OrganisationView }) {
  const hasNewerDraft = policy.draft && (!policy.published || policy.draft.version > policy.published.version);
  return (
    <SummaryList
      rows={[
        {
          key: 'Status',
          value: policy.published ? (
            <>
              <Tag colour="green">Published</Tag> {policy.published.publishedAt ? `on ${formatInstant(policy.published.publishedAt)}` : ''}
            </>
          ) : (
            <Tag colour="yellow">Not published</Tag>
          ),
        },
        ...(hasNewerDraft
          ? [
              {
                key: 'Draft',
                value: `Version ${policy.draft!.version}, saved ${formatInstant(policy.draft!.createdAt)}`,
                action: (
                  <Link className="govuk-link" to={`/schools/${school.id}/policy/preview`}>
                    Preview and publish<span className="govuk-visually-hidden"> the draft policy</span>
                  </Link>
                ),
              },
            ]
          : []),
        ...(policy.published && school.urn
          ? [
              {
                key: 'Public page',
                value: (
                  <Link className="govuk-link" to={`/policies/${school.urn}`}>
                    {window.location.origin}/policies/{school.urn}
                  </Link>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

function PolicyEditor({ school, policy }: { school: OrganisationView; policy: PolicyState }) {
  const me = useMe();
  const navigate = useNavigate();
  const latest = policy.draft && (!policy.published || policy.draft.version > policy.published.version) ? policy.draft : (policy.published ?? policy.draft);
  const { f, up, err, errors, busy, attempt, validated } = usePolicyForm(() => fromPolicy(latest, me.email, school.name));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = validated();
    if (!body) return;
    // Saved as the version after the one this editor loaded: a colleague's save in between is refused, not buried.
    if (await attempt(() => api.savePolicy(school.id, body, policy.draft?.version ?? 0))) navigate(`/schools/${school.id}/policy/preview`);
  }

  return (
    <Column>
      <PolicyStatus policy={policy} school={school} />
      <Inset>
        Every school must publish a provider access policy statement. We have started you with common wording; change it to describe your
        school. Saving keeps a draft; nothing is public until you publish.
      </Inset>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate>
        <PolicyFields f={f} up={up} err={err} />
        <Button disabled={busy}>Save and preview</Button>
      </form>
    </Column>
  );
}

export function PolicyPreviewPage() {
  const { schoolId = '' } = useParams();
  const load = useLoad(() => Promise.all([api.school(schoolId), api.policy(schoolId)]), [schoolId]);
  const { errors, busy, attempt } = useAction();
  const [published, setPublished] = useState(false);
  const [broken, setBroken] = useState<AffectedBooking[]>([]);
  const hasDraft =
    load.state === 'ok' ? Boolean(load.data[1].draft && (!load.data[1].published || load.data[1].draft.version > load.data[1].published.version)) : undefined;
  return (
    <Page title={published ? 'Policy published' : hasDraft === false ? 'Your published policy' : 'Check your policy before publishing'} before={<BackLink to={`/schools/${schoolId}/policy`}>Back to the editor</BackLink>}>
      <Loaded load={load}>
        {([school, policy]) => {
          const draft = policy.draft && (!policy.published || policy.draft.version > policy.published.version) ? policy.draft : null;
          const shown = draft ?? policy.published;
          if (!shown) {
            return (
              <Column>
                <p className="govuk-body">There is no policy to preview yet.</p>
                <p className="govuk-body">
                  <Link className="govuk-link" to={`/schools/${schoolId}/policy`}>
                    Write your policy
                  </Link>
                </p>
              </Column>
            );
          }
          return (
            <Column>
              <ErrorSummary errors={errors} />
              <BrokenBookings
                schoolId={schoolId}
                heading={`${broken.length === 1 ? 'One confirmed booking no longer meets' : `${broken.length} confirmed bookings no longer meet`} the policy you published.`}
                bookings={broken.map((b) => ({ ...b, providerName: b.requesterName }))}
              />
              {published ? (
                <NotificationBanner success title="Success" heading="Your provider access policy is published">
                  <p className="govuk-body">
                    Anyone can read it at{' '}
                    <Link className="govuk-notification-banner__link" to={`/policies/${school.urn}`}>
                      {window.location.origin}/policies/{school.urn}
                    </Link>
                    . Providers can now request your slots.
                  </p>
                </NotificationBanner>
              ) : draft ? (
                <>
                  <p className="govuk-body">This is how providers and the public will see your policy. Version {draft.version}.</p>
                  <div className="govuk-button-group">
                    <Button
                      type="button"
                      disabled={busy}
                      onClick={async () => {
                        const done = await attempt(async () => setBroken((await api.publishPolicy(schoolId)).affectedBookings));
                        if (!done) return;
                        setPublished(true);
                        load.reload();
                      }}
                    >
                      Publish policy
                    </Button>
                    <Link className="govuk-link" to={`/schools/${schoolId}/policy`}>
                      Change the policy
                    </Link>
                  </div>
                </>
              ) : (
                <p className="govuk-body">
                  This version is published{shown.publishedAt ? ` (${formatInstant(shown.publishedAt)})` : ''}. There is no newer draft.
                </p>
              )}
              <div className="sg-preview" aria-label="Preview of the policy statement" role="region">
                <h2 className="govuk-heading-l">{school.name}: provider access policy</h2>
                <PolicyStatement policy={shown} schoolName={school.name} headingLevel={3} />
              </div>
            </Column>
          );
        }}
      </Loaded>
    </Page>
  );
}

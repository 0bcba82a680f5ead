import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { groupsApi, type TemplatePushed } from '../evidence-api';
import { Button, ErrorSummary } from '../components/forms';
import { Column, Page } from '../components/Page';
import { Empty, Loaded, useLoad } from '../components/states';
import { BackLink, Inset, NotificationBanner, PhaseStatusTag, Table } from '../components/ui';
import { useAction } from '../components/use-action';
import { PolicyFields, fromPolicy, usePolicyForm } from '../components/policy-fields';
import { formatShortDate } from '../format';
import { useMe } from '../session';

const KIND_WORDS = { trust: 'Trust', hub: 'Careers hub' } as const;

/** The trusts and hubs the signed-in person leads. */
export function MyGroupsPage() {
  const load = useLoad(() => groupsApi.mine(), []);
  return (
    <Page title="Your trusts and hubs">
      <Loaded load={load}>
        {(mine) =>
          mine.items.length ? (
            <ul className="govuk-list">
              {mine.items.map((g) => (
                <li key={g.groupId}>
                  <Link className="govuk-link" to={`/groups/${g.groupId}`}>
                    {g.groupName}
                  </Link>{' '}
                  ({KIND_WORDS[g.kind]})
                </li>
              ))}
            </ul>
          ) : (
            <Empty>You do not lead a trust or careers hub on Schoolgate.</Empty>
          )
        }
      </Loaded>
    </Page>
  );
}

/** One page: each consenting school's status per key phase; a hub also sees refusals and concerns. */
export function GroupOverviewPage() {
  const { groupId = '' } = useParams();
  const load = useLoad(() => groupsApi.overview(groupId), [groupId]);
  const title = load.state === 'ok' ? load.data.group.name : 'Trust or hub';
  return (
    <Page title={title} caption={load.state === 'ok' ? KIND_WORDS[load.data.group.kind] : undefined} wide before={<BackLink to="/groups">Your trusts and hubs</BackLink>}>
      <Loaded load={load}>
        {(overview) => (
          <>
            <p className="govuk-body">
              Schools that have consented to join, as of {formatShortDate(overview.asOf)}. Each school publishes its own provider access policy.
            </p>
            {overview.group.kind === 'trust' ? (
              <p className="govuk-body">
                <Link className="govuk-link" to={`/groups/${overview.group.id}/policy-template`}>
                  Put a policy template into every academy’s draft
                </Link>
              </p>
            ) : null}
            {overview.schools.length ? null : <Empty>No school has consented to join yet.</Empty>}
            {overview.schools.map((school) => (
              <section key={school.schoolId} aria-labelledby={`school-${school.schoolId}`} data-testid="group-school">
                <h2 className="govuk-heading-m" id={`school-${school.schoolId}`}>
                  {school.schoolName}
                </h2>
                <Table
                  caption={`${school.schoolName}: status per key phase, most urgent first`}
                  captionSize="s"
                  head={['Year group now', 'Key phase', 'Status', 'Deadline']}
                  rows={school.status.map((s) => [`Year ${s.yearGroup}`, `Phase ${s.phase}`, <PhaseStatusTag status={s.status} windowState={s.windowState} />, formatShortDate(s.deadline)])}
                />
                {'refusals' in school ? (
                  <>
                    <h3 className="govuk-heading-s">Concerns</h3>
                    {school.concerns.length ? (
                      <ul className="govuk-list govuk-list--bullet">
                        {school.concerns.map((c) => (
                          <li key={c}>{c}</li>
                        ))}
                      </ul>
                    ) : (
                      <p className="govuk-body">None.</p>
                    )}
                    <h3 className="govuk-heading-s">Refusals in {overview.refusalsPeriod?.label ?? 'this academic year'}</h3>
                    {overview.refusalsPeriod ? (
                      <p className="govuk-body">
                        Requests for events dated {formatShortDate(overview.refusalsPeriod.from)} to {formatShortDate(overview.refusalsPeriod.to)} that the school refused.
                      </p>
                    ) : null}
                    {school.refusals.length ? (
                      <Table caption={`${school.schoolName}: refused requests, ${overview.refusalsPeriod?.label ?? 'this academic year'}`} captionSize="s" head={['Date asked for', 'Provider', 'Published ground']} rows={school.refusals.map((r) => [formatShortDate(r.date), r.providerName, r.ground])} />
                    ) : (
                      <p className="govuk-body">None.</p>
                    )}
                  </>
                ) : null}
              </section>
            ))}
          </>
        )}
      </Loaded>
    </Page>
  );
}

/** A school's invitations from trusts and hubs; its careers leader consents to join. */
export function SchoolGroupsPage() {
  const { schoolId = '' } = useParams();
  const [refresh, setRefresh] = useState(0);
  const load = useLoad(() => groupsApi.ofSchool(schoolId), [schoolId, refresh]);
  const { errors, busy, attempt } = useAction();
  return (
    <Page title="Trusts and careers hubs" before={<BackLink to={`/schools/${schoolId}`}>Back to overview</BackLink>}>
      <p className="govuk-body">
        A trust’s careers lead sees your status per key phase and can put a policy template into your draft. A careers hub sees your status per key phase,
        this academic year’s refusals and concerns. Neither sees anything until you consent.
      </p>
      <ErrorSummary errors={errors} />
      <Loaded load={load}>
        {(list) =>
          list.items.length ? (
            <Table
              caption="Invitations"
              captionSize="s"
              head={['Name', 'Kind', 'Status', '']}
              rows={list.items.map((g) => [
                g.groupName,
                KIND_WORDS[g.kind],
                g.status === 'consented' ? `Joined ${g.consentedAt ? formatShortDate(g.consentedAt.slice(0, 10)) : ''}` : 'Invited',
                g.status === 'invited' ? (
                  <Button type="button" secondary disabled={busy} onClick={async () => (await attempt(() => groupsApi.consent(schoolId, g.groupId))) && setRefresh((n) => n + 1)}>
                    Consent to join<span className="govuk-visually-hidden"> {g.groupName}</span>
                  </Button>
                ) : null,
              ])}
            />
          ) : (
            <Empty>No trust or careers hub has invited your school.</Empty>
          )
        }
      </Loaded>
    </Page>
  );
}

/**
 * A trust's careers lead writes a provider access policy template and puts it into every
 * consenting academy's draft (a new draft version each); each academy still publishes its own.
 */
export function TrustPolicyTemplatePage() {
  const { groupId = '' } = useParams();
  const load = useLoad(() => groupsApi.overview(groupId), [groupId]);
  return (
    <Page title="Policy template for your academies" before={<BackLink to={`/groups/${groupId}`}>Back to the trust</BackLink>}>
      <Loaded load={load}>
        {(overview) =>
          overview.group.kind === 'trust' ? (
            <TemplateForm groupId={groupId} trustName={overview.group.name} academies={overview.schools.length} />
          ) : (
            <p className="govuk-body">Only a trust can put a policy template into its schools’ drafts.</p>
          )
        }
      </Loaded>
    </Page>
  );
}

function TemplateForm({ groupId, trustName, academies }: { groupId: string; trustName: string; academies: number }) {
  const me = useMe();
  const { f, up, err, errors, busy, attempt, validated } = usePolicyForm(() => {
    const start = fromPolicy(null, me.email, trustName);
    start.howWeMeetTheDuty = `Each academy in ${trustName} gives every pupil at least two encounters with providers of technical education or apprenticeships in each key phase (Years 8–9, 10–11 and, where we teach them, 12–13), each from a different provider, during the school day.`;
    return start;
  });
  const [pushed, setPushed] = useState<TemplatePushed | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = validated();
    if (!body) return;
    await attempt(async () => setPushed(await groupsApi.pushTemplate(groupId, body)));
  }

  if (pushed) {
    return (
      <Column>
        <NotificationBanner success title="Success" heading={pushed.items.length === 1 ? 'The template is in 1 academy’s draft' : `The template is in ${pushed.items.length} academies’ drafts`}>
          <p className="govuk-body">Each academy’s careers leader reviews the draft and publishes their own statement.</p>
        </NotificationBanner>
        {pushed.items.length ? (
          <Table
            caption="Result per academy"
            captionSize="s"
            head={['Academy', 'Result']}
            rows={pushed.items.map((item) => [item.schoolName, `Saved as draft version ${item.draftVersion}`])}
          />
        ) : (
          <Empty>No academy has consented to join yet, so no draft was changed.</Empty>
        )}
        <p className="govuk-body">
          <Link className="govuk-link" to={`/groups/${groupId}`}>
            Back to the trust
          </Link>
        </p>
      </Column>
    );
  }

  return (
    <Column>
      <Inset>
        Saving puts this template into the draft policy of each of the {academies === 1 ? '1 academy' : `${academies} academies`} that have consented to join.
        Nothing is published: each academy’s careers leader reviews it and publishes their own statement.
      </Inset>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate>
        <PolicyFields f={f} up={up} err={err} />
        <Button disabled={busy}>Put the template into every academy’s draft</Button>
      </form>
    </Column>
  );
}

import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { groupsApi } from '../evidence-api';
import { Button, ErrorSummary } from '../components/forms';
import { Page } from '../components/Page';
import { Empty, Loaded, useLoad } from '../components/states';
import { BackLink, PhaseStatusTag, Table } from '../components/ui';
import { useAction } from '../components/use-action';
import { formatShortDate } from '../format';

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
                    <h3 className="govuk-heading-s">Refusals</h3>
                    {school.refusals.length ? (
                      <Table caption={`${school.schoolName}: refused requests`} captionSize="s" head={['Date asked for', 'Provider', 'Published ground']} rows={school.refusals.map((r) => [formatShortDate(r.date), r.providerName, r.ground])} />
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
        refusals and concerns. Neither sees anything until you consent.
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

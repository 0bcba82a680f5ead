import { Link, useParams } from 'react-router';
import { api, ApiError, type Compliance, type OrganisationView, type PolicyState, type SchoolCalendar } from '../api';
import { DeliveryFailures } from '../components/delivery-failures';
import { Page } from '../components/Page';
import { Loaded, useLoad } from '../components/states';
import { NotificationBanner, TaskList, WarningText, type Task } from '../components/ui';
import { formatDate, todayInLondon } from '../format';
import { useMe } from '../session';
import { InvitedBanner, InviteLink } from './invite';
import { EvidenceOverview } from '../components/evidence-summary';
import { evidenceApi } from '../evidence-api';

/** A missing part of the dashboard becomes an empty section, not a broken page. */
const soft = <T,>(p: Promise<T>): Promise<T | null> => p.catch(() => null);
const orNullOn404 = <T,>(p: Promise<T>): Promise<T | null> =>
  p.catch((error) => {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  });

export function academicYearStart(today: string): number {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m >= 9 ? y : y - 1;
}

export function onboardingTasks(
  school: OrganisationView,
  calendar: SchoolCalendar | null,
  policy: PolicyState | null,
  today: string,
): Task[] {
  const base = `/schools/${school.id}`;
  const rollYear = String(academicYearStart(today));
  const roll = school.rolls?.[rollYear] ?? {};
  const years = school.yearGroups ? Array.from({ length: school.yearGroups.to - school.yearGroups.from + 1 }, (_, i) => school.yearGroups!.from + i) : [];
  const rollsEntered = years.filter((y) => (roll[String(y)] ?? 0) > 0).length;
  return [
    { title: 'School profile', href: `${base}/profile`, status: school.name && school.postcode ? 'done' : 'incomplete', hint: 'Name, address and postcode' },
    {
      title: 'Year groups and roll',
      href: `${base}/profile#roll`,
      status: rollsEntered === years.length && years.length > 0 ? 'done' : rollsEntered > 0 ? 'incomplete' : 'not_started',
      hint: 'Pupils in each year group, so we can check a venue holds the whole year',
    },
    {
      title: 'Term dates and closures',
      href: `${base}/calendar`,
      status: calendar?.terms.length ? 'done' : 'not_started',
      hint: 'Enter your terms or import your school’s calendar file (.ics)',
    },
    {
      title: 'School day',
      href: `${base}/calendar#school-day`,
      status: calendar?.schoolDay ? 'done' : calendar === null ? 'not_started' : 'incomplete',
      hint: 'When the standard school day starts and ends',
    },
    { title: 'Venues', href: `${base}/profile#venues`, status: school.venues?.length ? 'done' : 'not_started', hint: 'Halls and rooms with their capacity' },
    {
      title: 'Provider access policy',
      href: policy?.published ? `${base}/policy` : policy?.draft ? `${base}/policy/preview` : `${base}/policy`,
      status: policy?.published ? 'done' : policy?.draft ? 'incomplete' : 'not_started',
      hint: policy?.published ? 'Published' : policy?.draft ? 'Saved as a draft: preview and publish it' : 'Write and publish your policy statement',
    },
  ];
}


export function SchoolDashboardPage() {
  const { schoolId = '' } = useParams();
  const membership = useMe().memberships.find((m) => m.orgId === schoolId);
  const load = useLoad(
    () =>
      Promise.all([
        api.school(schoolId),
        orNullOn404(api.calendar(schoolId)),
        soft(api.policy(schoolId)),
        soft(api.waitingRequests(schoolId, OVERVIEW_LIMIT)),
        soft(api.compliance(schoolId)),
        soft(api.deliveryFailures(schoolId)),
        // evidence (issue 14): the grid, the policy's review and past phases with no record
        soft(evidenceApi.report(schoolId, academicYearStart(todayInLondon()))),
        soft(evidenceApi.recorded(schoolId)),
      ]),
    [schoolId],
  );
  const title = load.state === 'ok' ? load.data[0].name : 'Your school';
  return (
    <Page title={title} caption="Careers leader overview" wide>
      <Loaded load={load}>
        {([school, calendar, policy, requests, compliance, failures, report, recorded]) => {
          const tasks = onboardingTasks(school, calendar, policy, todayInLondon());
          const done = tasks.filter((t) => t.status === 'done').length;
          return (
            <div className="govuk-grid-row">
              <div className="govuk-grid-column-two-thirds-from-desktop">
                <InvitedBanner membership={membership} />
                <DeliveryFailures orgId={schoolId} items={failures?.items ?? []} />
                {school.verified ? null : (
                  <NotificationBanner heading="Your school is waiting to be verified">
                    <p className="govuk-body">A Schoolgate administrator checks every school against its URN. You can set everything up in the meantime.</p>
                  </NotificationBanner>
                )}
                <WaitingRequests schoolId={schoolId} requests={requests} />
                <ComplianceSummary schoolId={schoolId} compliance={compliance} hasCalendar={Boolean(calendar?.terms.length)} />
                <EvidenceOverview schoolId={schoolId} report={report} recorded={recorded} />
                <h2 className="govuk-heading-m">Get set up</h2>
                <p className="govuk-body">
                  You have completed {done} of {tasks.length} sections.
                </p>
                <TaskList tasks={tasks} />
                <h2 className="govuk-heading-m">Offer a slot</h2>
                <p className="govuk-body">
                  <Link className="govuk-link" to={`/schools/${schoolId}/slots/new`}>
                    Create a slot
                  </Link>{' '}
                  for an assembly, talk or careers fair that providers can request, or{' '}
                  <Link className="govuk-link" to={`/schools/${schoolId}/slots/series`}>
                    create a series
                  </Link>{' '}
                  (the same slot every week of a half term).
                </p>
                <h2 className="govuk-heading-m">Work experience</h2>
                <p className="govuk-body">
                  <Link className="govuk-link" to={`/schools/${schoolId}/safety-packs`}>
                    Employers’ safety packs
                  </Link>{' '}
                  – review and sign off each host’s insurance, policies, risk assessment and safeguarding.
                </p>
                <InviteLink membership={membership} />
              </div>
            </div>
          );
        }}
      </Loaded>
    </Page>
  );
}

/** How many items an overview list shows before saying how many more there are. */
const OVERVIEW_LIMIT = 5;

/**
 * The requests waiting for a decision, soonest event first (its notice runs out first), the first
 * few of them and how many more there are: the list never silently stops at five.
 */
export function WaitingRequests({ schoolId, requests }: { schoolId: string; requests: Awaited<ReturnType<typeof api.waitingRequests>> | null }) {
  return (
    <>
      <h2 className="govuk-heading-m">Requests</h2>
      {requests === null ? (
        <p className="govuk-body">We could not load your requests just now.</p>
      ) : requests.total ? (
        <>
          <p className="govuk-body">
            <Link className="govuk-link govuk-!-font-weight-bold" to={`/schools/${schoolId}/requests`}>
              {requests.total} {requests.total === 1 ? 'request is' : 'requests are'} waiting for your decision
            </Link>
            , the soonest first:
          </p>
          <ul className="govuk-list govuk-list--bullet" data-testid="waiting-requests">
            {requests.items.map((r) => (
              <li key={r.id}>
                <Link className="govuk-link" to={`/schools/${schoolId}/bookings/${r.id}`}>
                  {r.requesterName}: {r.title}
                </Link>
                , {formatDate(r.date)} at {r.start}
              </li>
            ))}
          </ul>
          {requests.total > requests.items.length ? (
            <p className="govuk-body" data-testid="more-requests">
              And {requests.total - requests.items.length} more:{' '}
              <Link className="govuk-link" to={`/schools/${schoolId}/requests`}>
                see every request
              </Link>
              .
            </p>
          ) : null}
        </>
      ) : (
        <p className="govuk-body">No requests are waiting for a decision.</p>
      )}
    </>
  );
}

export function ComplianceSummary({ schoolId, compliance, hasCalendar }: { schoolId: string; compliance: Compliance | null; hasCalendar: boolean }) {
  // Most urgent first: the nearest deadline leads, and the list says how many more there are.
  const missing = (compliance?.cohorts ?? [])
    .flatMap((c) => c.phases.filter((p) => p.missing && (p.status === 'AT_RISK' || p.status === 'MISSED')))
    .sort((a, b) => a.deadline.localeCompare(b.deadline))
    .map((p) => p.missing!);
  const shown = missing.slice(0, OVERVIEW_LIMIT);
  return (
    <>
      <h2 className="govuk-heading-m">Provider access duty</h2>
      {compliance === null ? (
        <p className="govuk-body">
          {hasCalendar ? 'We could not work out your compliance just now. Try again later.' : 'We can show each year group’s progress once you have entered your term dates.'}
        </p>
      ) : missing.length ? (
        <>
          <WarningText>Some year groups still need encounters.</WarningText>
          <ul className="govuk-list govuk-list--bullet">
            {shown.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
          {missing.length > shown.length ? (
            <p className="govuk-body" data-testid="more-missing">
              And {missing.length - shown.length} more: see them on the compliance page.
            </p>
          ) : null}
        </>
      ) : (
        <p className="govuk-body">No year group is at risk right now.</p>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to={`/schools/${schoolId}/compliance`}>
          See every cohort’s progress
        </Link>
      </p>
    </>
  );
}

import { useParams } from 'react-router';
import { api, type CompliancePhase } from '../api';
import { Page } from '../components/Page';
import { Empty, Loaded, useLoad } from '../components/states';
import { BrokenBookings } from '../components/affected-bookings';
import { BackLink, PhaseStatusTag, Table } from '../components/ui';
import { formatDate, formatShortDate } from '../format';
import { Benchmark5Section } from './offers-school';

const PHASE_YEARS: Record<number, string> = { 1: 'Years 8 and 9', 2: 'Years 10 and 11', 3: 'Years 12 and 13' };

function providersText(p: CompliancePhase) {
  const parts = [];
  if (p.providers.delivered.length) parts.push(`Delivered: ${p.providers.delivered.join(', ')}`);
  if (p.providers.confirmed.length) parts.push(`Confirmed: ${p.providers.confirmed.join(', ')}`);
  return parts.length ? parts.join('. ') : 'None yet';
}

export function CompliancePage() {
  const { schoolId = '' } = useParams();
  const load = useLoad(() => api.compliance(schoolId), [schoolId]);
  return (
    <Page title="Provider access compliance" wide before={<BackLink to={`/schools/${schoolId}`}>Back to overview</BackLink>}>
      <p className="govuk-body">
        Every pupil in Years 8 to 13 must meet providers of technical education or apprenticeships at least twice in each key phase, from two
        different providers, before 28 February of Year 9, Year 11 and Year 13. If your pupils leave your school before a key phase ends
        (for example, a middle school’s Year 8), the deadline is the last day you teach them.
      </p>
      <Loaded load={load}>
        {(compliance) => {
          const cohorts = compliance.cohorts.filter((c) => c.phases.some((p) => p.status !== 'NOT_APPLICABLE'));
          if (!cohorts.length) return <Empty>There are no year groups in a key phase to report on. Check your year groups in your school profile.</Empty>;
          return (
            <>
              <p className="govuk-body-s">As of {formatDate(compliance.asOf.slice(0, 10))}.</p>
              <BrokenBookings
                schoolId={schoolId}
                heading={`${compliance.noLongerCounting.length === 1 ? 'One confirmed booking is' : `${compliance.noLongerCounting.length} confirmed bookings are`} not counted below: on your calendar, roll, venues and policy as they are now, they break a rule.`}
                bookings={compliance.noLongerCounting}
              />
              {[...cohorts]
                .sort((a, b) => a.yearGroupNow - b.yearGroupNow)
                .map((c) => (
                  <section key={c.cohort} aria-labelledby={`cohort-${c.cohort}`} data-testid={`cohort-${c.yearGroupNow}`}>
                    <h2 className="govuk-heading-m" id={`cohort-${c.cohort}`}>
                      {c.yearGroupNow >= 7 && c.yearGroupNow <= 13 ? `Year ${c.yearGroupNow}` : `Cohort ${c.cohort}`}
                      <span className="govuk-caption-m">Started Year 7 in September {c.cohort}</span>
                    </h2>
                    <Table
                      caption={`Key phases for the pupils now in Year ${c.yearGroupNow}`}
                      captionSize="s"
                      head={['Key phase', 'Status', 'Deadline', 'Providers', 'What is missing']}
                      rows={c.phases
                        .filter((p) => p.status !== 'NOT_APPLICABLE')
                        .map((p) => [
                          `Phase ${p.phase} (${PHASE_YEARS[p.phase] ?? ''})`,
                          <PhaseStatusTag status={p.status} windowState={p.windowState} />,
                          <>
                            {formatShortDate(p.deadline)}
                            <br />
                            <span className="govuk-body-s">from {formatShortDate(p.windowStart)}</span>
                            {p.deadlineReason === 'cohort_leaves' ? (
                              <>
                                <br />
                                <strong className="govuk-tag govuk-tag--yellow">Pupils leave first</strong>
                                <br />
                                <span className="govuk-body-s" data-testid={`deadline-reason-${c.yearGroupNow}-${p.phase}`}>
                                  {p.deadlineExplanation}
                                </span>
                              </>
                            ) : null}
                          </>,
                          providersText(p),
                          p.missing ??
                            (p.status === 'MET'
                              ? 'Nothing: duty met'
                              : p.status === 'ON_TRACK'
                                ? 'Nothing if the confirmed visits happen'
                                : p.windowState === 'not_started'
                                  ? `Opens ${formatShortDate(p.windowStart)}: plan two different providers`
                                  : 'None'),
                        ])}
                    />
                  </section>
                ))}
            </>
          );
        }}
      </Loaded>
      <Benchmark5Section schoolId={schoolId} />
    </Page>
  );
}

import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { evidenceApi, saveText, type SchoolReport } from '../evidence-api';
import { ComplianceGrid } from '../components/compliance-grid';
import { ErrorSummary, TextInput, Button } from '../components/forms';
import { Page } from '../components/Page';
import { Empty, Loaded, useLoad } from '../components/states';
import { BackLink, NotificationBanner, PhaseStatusTag, SummaryList, Table, Tag } from '../components/ui';
import { useAction } from '../components/use-action';
import { formatInstant, formatShortDate, todayInLondon } from '../format';
import { academicYearStart } from './school-dashboard';

const OUTCOME_WORDS: Record<string, string> = {
  requested: 'Awaiting a decision',
  confirmed: 'Confirmed',
  declined: 'Refused',
  withdrawn: 'Withdrawn by the provider',
  cancelled: 'Cancelled',
  delivered: 'Took place',
  not_delivered: 'Did not take place',
};
const FORMAT_WORDS: Record<string, string> = { assembly: 'Assembly', talk: 'Talk', workshop: 'Workshop', careers_fair: 'Careers fair', taster: 'Taster', other: 'Other' };
const REVIEW_WORDS = { current: 'Not yet due', due: 'Due for review', overdue: 'Review overdue' } as const;

/** The report itself: what the page shows, prints (A4, no navigation) and what a snapshot shows again. */
export function ReportView({ report }: { report: SchoolReport }) {
  const cohorts = report.cohorts.filter((c) => c.phases.some((p) => p.status !== 'NOT_APPLICABLE')).sort((a, b) => a.yearGroup - b.yearGroup);
  return (
    <div className="sg-report" data-testid="report">
      <p className="govuk-body">
        {report.school.name}
        {report.school.urn ? ` (URN ${report.school.urn})` : ''}: provider access (Education Act 1997, section 42B), academic year {report.academicYearLabel}, as of{' '}
        {formatShortDate(report.asOf)}.
      </p>

      <h2 className="govuk-heading-m">Provider access policy in force</h2>
      {report.policy ? (
        <SummaryList
          rows={[
            { key: 'Version', value: String(report.policy.version) },
            { key: 'Agreed with governors', value: formatShortDate(report.policy.agreedByGovernorsOn) },
            {
              key: 'Next review',
              value: (
                <>
                  {formatShortDate(report.policy.nextReviewOn)}{' '}
                  <Tag colour={report.policy.review === 'current' ? 'green' : report.policy.review === 'due' ? 'yellow' : 'red'}>{REVIEW_WORDS[report.policy.review]}</Tag>
                </>
              ),
            },
            ...(report.policy.publishedAt ? [{ key: 'Published', value: formatInstant(report.policy.publishedAt) }] : []),
          ]}
        />
      ) : (
        <p className="govuk-body">No provider access policy had been published.</p>
      )}

      <h2 className="govuk-heading-m">Each year group at a glance</h2>
      <ComplianceGrid cells={report.grid} />

      <h2 className="govuk-heading-m">Encounters by year group and key phase</h2>
      {cohorts.length ? null : <p className="govuk-body">No year group was in a key phase.</p>}
      {cohorts.map((cohort) => (
        <section key={cohort.cohort} className="sg-report__cohort" aria-labelledby={`report-cohort-${cohort.cohort}`}>
          <h3 className="govuk-heading-s" id={`report-cohort-${cohort.cohort}`}>
            Year {cohort.yearGroup} <span className="govuk-caption-s">(started Year 7 in September {cohort.cohort})</span>
          </h3>
          {cohort.phases
            .filter((p) => p.status !== 'NOT_APPLICABLE')
            .map((phase) => (
              <div key={phase.phase}>
                <p className="govuk-body-s govuk-!-margin-bottom-1">
                  <strong>Key phase {phase.phase}</strong> ({formatShortDate(phase.windowStart)} to {formatShortDate(phase.deadline)}): <PhaseStatusTag status={phase.status} windowState={phase.windowState} />
                  {phase.missing ? <> {phase.missing}</> : null}
                </p>
                {phase.encounters.length ? (
                  <Table
                    caption={`Year ${cohort.yearGroup}, key phase ${phase.phase}: encounters`}
                    captionSize="s"
                    head={['Date', 'Provider', 'Format', 'Counts as', 'Record']}
                    rows={phase.encounters.map((e) => [
                      formatShortDate(e.date),
                      e.providerName,
                      FORMAT_WORDS[e.format] ?? e.format,
                      e.statutory ? 'Statutory' : 'Supplementary',
                      e.source === 'recorded' ? 'Recorded by the school' : e.status === 'delivered' ? 'Booked, took place' : 'Booked, confirmed',
                    ])}
                  />
                ) : (
                  <p className="govuk-body-s">No encounters.</p>
                )}
              </div>
            ))}
        </section>
      ))}

      <h2 className="govuk-heading-m">Requests received from providers</h2>
      <p className="govuk-body">
        {report.requests.received} {report.requests.received === 1 ? 'request' : 'requests'} for encounters in {report.academicYearLabel}
        {report.requests.received
          ? `: ${Object.entries(report.requests.byOutcome)
              .map(([outcome, n]) => `${n} ${(OUTCOME_WORDS[outcome] ?? outcome).toLowerCase()}`)
              .join(', ')}.`
          : '.'}
      </p>
      {report.requests.items.length ? (
        <Table
          caption="Every request and its outcome"
          captionSize="s"
          head={['Requested', 'Provider', 'For', 'Outcome']}
          rows={report.requests.items.map((r) => [formatShortDate(r.requestedOn), r.providerName, `${formatShortDate(r.date)}: ${r.title}`, OUTCOME_WORDS[r.outcome] ?? r.outcome])}
        />
      ) : null}

      <h2 className="govuk-heading-m">Refusals and the published grounds relied on</h2>
      {report.refusals.length ? (
        <Table
          caption="Refused requests"
          captionSize="s"
          head={['Requested', 'Provider', 'Date asked for', 'Ground (as published)', 'Note']}
          rows={report.refusals.map((r) => [
            formatShortDate(r.requestedOn),
            r.providerName,
            formatShortDate(r.date),
            <>
              <strong>{r.ground.label}</strong>
              {r.ground.description ? <>: {r.ground.description}</> : null}
            </>,
            r.note || '—',
          ])}
        />
      ) : (
        <p className="govuk-body">No request was refused.</p>
      )}

      {report.noLongerCounting.length ? (
        <>
          <h2 className="govuk-heading-m">Confirmed, but no longer counting</h2>
          <Table
            caption="Confirmed bookings that break a rule on the facts as they are now"
            captionSize="s"
            head={['Date', 'Provider', 'Why']}
            rows={report.noLongerCounting.map((n) => [formatShortDate(n.date), n.providerName, n.violations.map((v) => v.message).join(' ')])}
          />
        </>
      ) : null}

      {report.sections.map((section) => (
        <section key={section.id} aria-labelledby={`report-section-${section.id}`}>
          <h2 className="govuk-heading-m" id={`report-section-${section.id}`}>
            {section.title}
          </h2>
          {section.rows.length ? <Table caption={section.title} captionSize="s" head={section.columns} rows={section.rows} /> : <p className="govuk-body">None.</p>}
        </section>
      ))}
    </div>
  );
}

function PrintButton() {
  return (
    <button type="button" className="govuk-button govuk-button--secondary sg-no-print" data-module="govuk-button" onClick={() => window.print()}>
      Print or save as PDF
    </button>
  );
}

export function ReportPage() {
  const { schoolId = '', year: yearParam } = useParams();
  const [search] = useSearchParams();
  const asOf = search.get('asOf') ?? undefined;
  const year = Number(yearParam ?? academicYearStart(todayInLondon()));
  const [refresh, setRefresh] = useState(0);
  const load = useLoad(() => Promise.all([evidenceApi.report(schoolId, year, asOf), evidenceApi.snapshots(schoolId, year)]), [schoolId, year, asOf, refresh]);
  const [label, setLabel] = useState('');
  const [frozen, setFrozen] = useState<string | null>(null);
  const { errors, busy, attempt } = useAction();
  const csv = useAction();
  return (
    <Page title={`Governors’ and Ofsted report ${year}/${String((year + 1) % 100).padStart(2, '0')}`} wide before={<BackLink to={`/schools/${schoolId}`}>Back to overview</BackLink>}>
      <Loaded load={load}>
        {([report, snapshots]) => (
          <>
            <div className="sg-no-print">
              <ErrorSummary errors={[...errors, ...csv.errors]} />
              {frozen ? (
                <NotificationBanner heading="Snapshot saved" success>
                  <p className="govuk-body">
                    <Link className="govuk-link" to={`/schools/${schoolId}/reports/${year}/snapshots/${frozen}`}>
                      Open the snapshot
                    </Link>
                    : it will read the same whatever changes later.
                  </p>
                </NotificationBanner>
              ) : null}
              <div className="govuk-button-group">
                <PrintButton />
                <Button
                  secondary
                  disabled={csv.busy}
                  onClick={() => csv.attempt(async () => saveText(await evidenceApi.reportCsv(schoolId, year, asOf), `report-${year}-${report.asOf}.csv`))}
                >
                  Download as CSV
                </Button>
              </div>
            </div>
            <ReportView report={report} />
            <div className="sg-no-print">
              <h2 className="govuk-heading-m">Snapshots</h2>
              <p className="govuk-body">Save the report as it stands today, so you can show governors or an inspector exactly what they saw, later in the year.</p>
              <TextInput name="label" label="Label (optional)" hint="For example, Governors’ meeting, March" value={label} onChange={setLabel} width={30} />
              <Button
                disabled={busy}
                onClick={async () => {
                  let id = '';
                  if (await attempt(async () => (id = (await evidenceApi.freeze(schoolId, year, { ...(asOf ? { asOf } : {}), ...(label ? { label } : {}) })).id))) {
                    setFrozen(id);
                    setLabel('');
                    setRefresh((n) => n + 1);
                  }
                }}
              >
                Save a snapshot
              </Button>
              {snapshots.items.length ? (
                <ul className="govuk-list" data-testid="snapshots">
                  {snapshots.items.map((s) => (
                    <li key={s.id}>
                      <Link className="govuk-link" to={`/schools/${schoolId}/reports/${year}/snapshots/${s.id}`}>
                        {s.label ? `${s.label}: ` : ''}as of {formatShortDate(s.asOf)}
                      </Link>{' '}
                      <span className="govuk-body-s">(saved {formatInstant(s.frozenAt)})</span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="govuk-body">No snapshots yet.</p>
              )}
            </div>
          </>
        )}
      </Loaded>
    </Page>
  );
}

export function SnapshotPage() {
  const { schoolId = '', year = '', snapshotId = '' } = useParams();
  const load = useLoad(() => evidenceApi.snapshot(schoolId, Number(year), snapshotId), [schoolId, year, snapshotId]);
  const csv = useAction();
  return (
    <Page title="Governors’ and Ofsted report (snapshot)" wide before={<BackLink to={`/schools/${schoolId}/reports/${year}`}>Back to the report</BackLink>}>
      <Loaded load={load}>
        {(snapshot) => (
          <>
            <p className="govuk-inset-text" data-testid="snapshot-note">
              {snapshot.label ? `${snapshot.label}. ` : ''}Saved on {formatInstant(snapshot.frozenAt)} by {snapshot.frozenBy}, as of {formatShortDate(snapshot.asOf)}. A snapshot never changes.
            </p>
            <div className="sg-no-print">
              <ErrorSummary errors={csv.errors} />
              <div className="govuk-button-group">
                <PrintButton />
                <Button secondary disabled={csv.busy} onClick={() => csv.attempt(async () => saveText(await evidenceApi.snapshotCsv(schoolId, Number(year), snapshotId), `report-${year}-${snapshot.asOf}-snapshot.csv`))}>
                  Download as CSV
                </Button>
              </div>
            </div>
            <ReportView report={snapshot.report} />
          </>
        )}
      </Loaded>
    </Page>
  );
}

export function NoReport() {
  return <Empty>There is nothing to report yet.</Empty>;
}

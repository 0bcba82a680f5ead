import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { evidenceApi, saveText } from '../evidence-api';
import { Button, ErrorSummary, Select } from '../components/forms';
import { Page } from '../components/Page';
import { Loaded, useLoad } from '../components/states';
import { BackLink, BookingStatusTag, SummaryList, Table } from '../components/ui';
import { useAction } from '../components/use-action';
import { formatInstant, formatShortDate, yearGroupList } from '../format';

const OUTCOMES = [
  ['', 'Any outcome'],
  ['requested', 'Awaiting a decision'],
  ['confirmed', 'Confirmed'],
  ['declined', 'Refused'],
  ['withdrawn', 'Withdrawn'],
  ['cancelled', 'Cancelled'],
  ['delivered', 'Took place'],
  ['not_delivered', 'Did not take place'],
] as const;

/** Every request the organisation made, filterable, with the ground of each refusal; CSV for its own records. */
export function ProviderRecordPage() {
  const { orgId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const filter = { schoolId: search.get('schoolId') ?? undefined, outcome: search.get('outcome') ?? undefined };
  const load = useLoad(() => Promise.all([evidenceApi.providerRecord(orgId, filter), evidenceApi.providerRecord(orgId, {})]), [orgId, filter.schoolId, filter.outcome]);
  const csv = useAction();
  const setFilter = (key: 'schoolId' | 'outcome') => (value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearch(next, { replace: true });
  };
  return (
    <Page title="Your record of requests" wide before={<BackLink to={`/organisations/${orgId}`}>Back to overview</BackLink>}>
      <Loaded load={load}>
        {([record, all]) => {
          const schools = [...new Map(all.items.map((r) => [r.schoolId, r.schoolName])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
          return (
            <>
              <p className="govuk-body">Every request you have made through Schoolgate: to which school, when, what happened, and the published ground the school gave for each refusal.</p>
              <ErrorSummary errors={csv.errors} />
              <div className="sg-inline-selects">
                <Select
                  name="schoolId"
                  label="School"
                  value={filter.schoolId ?? ''}
                  onChange={setFilter('schoolId')}
                  options={[{ value: '', text: 'Every school' }, ...schools.map(([value, text]) => ({ value, text }))]}
                />
                <Select name="outcome" label="Outcome" value={filter.outcome ?? ''} onChange={setFilter('outcome')} options={OUTCOMES.map(([value, text]) => ({ value, text }))} />
              </div>
              <div className="govuk-button-group">
                <Button secondary type="button" disabled={csv.busy} onClick={() => csv.attempt(async () => saveText(await evidenceApi.providerRecordCsv(orgId, filter), 'requests.csv'))}>
                  Download as CSV
                </Button>
                {filter.schoolId ? (
                  <Link className="govuk-link" to={`/organisations/${orgId}/concerns/${filter.schoolId}`}>
                    Prepare evidence for a concern about this school
                  </Link>
                ) : null}
              </div>
              {record.items.length ? (
                <Table
                  caption={`${record.items.length} ${record.items.length === 1 ? 'request' : 'requests'}`}
                  captionSize="s"
                  head={['Requested', 'School', 'For', 'Outcome', 'Ground given']}
                  rows={record.items.map((r) => [
                    formatShortDate(r.requestedOn),
                    r.schoolName,
                    `${formatShortDate(r.date)}: ${r.title} (${yearGroupList(r.yearGroups)})`,
                    <BookingStatusTag status={r.outcome} />,
                    r.ground ? (
                      <>
                        <strong>{r.ground.label}</strong>
                        {r.ground.description ? <>: {r.ground.description}</> : null}
                        {r.note ? <> ({r.note})</> : null}
                      </>
                    ) : (
                      '—'
                    ),
                  ])}
                />
              ) : (
                <p className="govuk-body">No requests match.</p>
              )}
            </>
          );
        }}
      </Loaded>
    </Page>
  );
}

/**
 * For one school: the requests and refusals with the school's published procedure and grounds,
 * printable, as the evidence for a concern to the Careers & Enterprise Company.
 */
export function ConcernPage() {
  const { orgId = '', schoolId = '' } = useParams();
  const load = useLoad(() => evidenceApi.concern(orgId, schoolId), [orgId, schoolId]);
  const [shown] = useState(() => new Date().toISOString());
  return (
    <Page title="Evidence for a provider access concern" wide before={<BackLink to={`/organisations/${orgId}/request-record?schoolId=${schoolId}`}>Back to your record</BackLink>}>
      <Loaded load={load}>
        {(summary) => (
          <div className="sg-report" data-testid="concern">
            <p className="govuk-body">
              Prepared on {formatShortDate(summary.preparedOn)} from Schoolgate’s records. A provider that is refused access without a published ground, or whose
              requests go unanswered, can register a concern with the Careers &amp; Enterprise Company; the Department for Education’s ladder of support follows.
            </p>
            <button type="button" className="govuk-button govuk-button--secondary sg-no-print" onClick={() => window.print()}>
              Print or save as PDF
            </button>
            <SummaryList
              rows={[
                { key: 'Provider', value: `${summary.provider.name}${summary.provider.ukprn ? ` (UKPRN ${summary.provider.ukprn})` : ''}` },
                { key: 'School', value: `${summary.school.name}${summary.school.urn ? ` (URN ${summary.school.urn})` : ''}` },
                { key: 'Requests made', value: String(summary.counts.requests) },
                { key: 'Refused', value: String(summary.counts.refused) },
                { key: 'Confirmed', value: String(summary.counts.confirmed) },
              ]}
            />
            <h2 className="govuk-heading-m">The school’s published provider access policy</h2>
            {summary.policy ? (
              <>
                <p className="govuk-body">
                  Version {summary.policy.version}
                  {summary.policy.publishedAt ? `, published ${formatInstant(summary.policy.publishedAt)}` : ''}.
                </p>
                <h3 className="govuk-heading-s">How to make a request</h3>
                <p className="govuk-body">{summary.policy.requestProcedure}</p>
                <h3 className="govuk-heading-s">Published grounds for refusal</h3>
                <ul className="govuk-list govuk-list--bullet">
                  {summary.policy.refusalGrounds.map((g) => (
                    <li key={g.id}>
                      <strong>{g.label}</strong>
                      {g.description ? `: ${g.description}` : ''}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="govuk-body">The school has no published provider access policy on Schoolgate.</p>
            )}
            <h2 className="govuk-heading-m">Requests and their outcomes</h2>
            <Table
              caption="Every request to this school"
              captionSize="s"
              head={['Requested', 'For', 'Outcome', 'Ground given']}
              rows={summary.requests.map((r) => [
                formatShortDate(r.requestedOn),
                `${formatShortDate(r.date)}: ${r.title} (${yearGroupList(r.yearGroups)})`,
                <BookingStatusTag status={r.outcome} />,
                r.ground ? `${r.ground.label}${r.note ? ` (${r.note})` : ''}` : '—',
              ])}
            />
            <p className="govuk-body-s sg-no-print">Shown {formatInstant(shown)}.</p>
          </div>
        )}
      </Loaded>
    </Page>
  );
}

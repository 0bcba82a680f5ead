import { Link } from 'react-router';
import type { RecordedEncounterList, SchoolReport } from '../evidence-api';
import { formatShortDate } from '../format';
import { ComplianceGrid } from './compliance-grid';
import { WarningText } from './ui';

/**
 * The overview's evidence: the year groups × key phases grid (most urgent first), whether the
 * policy's review is due or overdue, and the past phases with nothing on record.
 */
export function EvidenceOverview({ schoolId, report, recorded }: { schoolId: string; report: SchoolReport | null; recorded: RecordedEncounterList | null }) {
  if (!report) return null;
  const policy = report.policy;
  const unrecorded = recorded?.unrecordedPastPhases ?? [];
  return (
    <section aria-labelledby="evidence-heading" data-testid="evidence-overview">
      <h2 className="govuk-heading-m" id="evidence-heading">
        Each year group at a glance
      </h2>
      <ComplianceGrid cells={report.grid} />
      {policy && policy.review !== 'current' ? (
        <div data-testid="policy-review">
          <WarningText>
            {policy.review === 'overdue'
              ? `Your provider access policy was due for review on ${formatShortDate(policy.nextReviewOn)}.`
              : `Your provider access policy is due for review on ${formatShortDate(policy.nextReviewOn)}.`}{' '}
            Review it with your governors and publish the new version.
          </WarningText>
          <p className="govuk-body">
            <Link className="govuk-link" to={`/schools/${schoolId}/policy`}>
              Review your policy
            </Link>
          </p>
        </div>
      ) : null}
      {unrecorded.length ? (
        <div className="govuk-inset-text" data-testid="unrecorded-overview">
          <p className="govuk-body">
            {unrecorded.length === 1 ? 'One key phase has' : `${unrecorded.length} key phases have`} begun with nothing on record. If encounters took place before you
            joined Schoolgate, or were arranged outside it,{' '}
            <Link className="govuk-link" to={`/schools/${schoolId}/recorded-encounters`}>
              record them
            </Link>{' '}
            so they count.
          </p>
        </div>
      ) : null}
      <p className="govuk-body">
        <Link className="govuk-link" to={`/schools/${schoolId}/reports/${report.academicYear}`}>
          Governors’ and Ofsted report for {report.academicYearLabel}
        </Link>
        {' · '}
        <Link className="govuk-link" to={`/schools/${schoolId}/recorded-encounters`}>
          Encounters recorded by the school
        </Link>
        {' · '}
        <Link className="govuk-link" to={`/schools/${schoolId}/groups`}>
          Trusts and careers hubs
        </Link>
      </p>
    </section>
  );
}

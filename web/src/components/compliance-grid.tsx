import type { GridCell } from '../evidence-api';
import { formatShortDate } from '../format';
import { PhaseStatusTag } from './ui';

const PHASES = [1, 2, 3] as const;

/**
 * Year groups by key phase, one status each, the row of the most urgent cell first (the order
 * the API gives: missed, at risk, on track, met, each by nearest deadline). A careers leader
 * looks rather than reads; the cells still say their status in words.
 */
export function ComplianceGrid({ cells, caption = 'Year groups by key phase, most urgent first' }: { cells: readonly GridCell[]; caption?: string }) {
  const rows: number[] = [];
  for (const cell of cells) if (!rows.includes(cell.yearGroup)) rows.push(cell.yearGroup);
  const shown = rows.filter((yearGroup) => cells.some((c) => c.yearGroup === yearGroup && c.status !== 'NOT_APPLICABLE'));
  const phases = PHASES.filter((phase) => cells.some((c) => c.phase === phase && c.status !== 'NOT_APPLICABLE'));
  if (!shown.length) return null;
  return (
    <div className="sg-table-wrap">
      <table className="govuk-table sg-grid" data-testid="compliance-grid">
        <caption className="govuk-table__caption govuk-table__caption--s">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Year group now
            </th>
            {phases.map((phase) => (
              <th scope="col" className="govuk-table__header" key={phase}>
                Key phase {phase}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {shown.map((yearGroup) => (
            <tr className="govuk-table__row" key={yearGroup}>
              <th scope="row" className="govuk-table__header">
                Year {yearGroup}
              </th>
              {phases.map((phase) => {
                const cell = cells.find((c) => c.yearGroup === yearGroup && c.phase === phase);
                return (
                  <td className="govuk-table__cell" key={phase} data-testid={`grid-${yearGroup}-${phase}`}>
                    {!cell || cell.status === 'NOT_APPLICABLE' ? (
                      <span className="govuk-body-s">Not applicable</span>
                    ) : (
                      <>
                        <PhaseStatusTag status={cell.status} windowState={cell.windowState} />
                        <br />
                        <span className="govuk-body-s">by {formatShortDate(cell.deadline)}</span>
                      </>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import { STATUS_RANK, type CohortCompliance, type CohortPhaseStatus, type WindowState } from './compliance.js';
import type { Cohort } from './cohorts.js';
import type { KeyPhase } from './phases.js';
import { addDays, formatLongDate, type LocalDate } from './time.js';

/*
 * Evidence (issue 14): the year groups × key phases grid, the policy's review state and the past
 * phases a school that has just joined has no record of. Pure: every date comes from the caller.
 */

/** One cell of the grid: a cohort (named by its year group now) in one key phase. */
export interface GridCell {
  cohort: Cohort;
  yearGroup: number;
  phase: KeyPhase;
  status: CohortPhaseStatus;
  deadline: LocalDate;
  /** A window not yet open is "at risk" only in name: a screen says "not started". */
  windowState: WindowState;
}

const URGENCY: Readonly<Record<CohortPhaseStatus, number>> = { ...STATUS_RANK, NOT_APPLICABLE: 4 };

/**
 * Every cohort's every phase, most urgent first: missed, then at risk, on track and met, each by
 * nearest deadline; phases that do not apply come last. A phase that has not opened yet and is
 * not on track is at risk only in name, so it sorts after the open ones of its status.
 * @example complianceGrid(computeCompliance(school, encounters, '2026-11-02'))[0] // { yearGroup: 10, phase: 1, status: 'MISSED', ... }
 */
export function complianceGrid(cohorts: readonly CohortCompliance[]): GridCell[] {
  const cells = cohorts.flatMap((cohort) =>
    cohort.phases.map((phase) => ({
      cell: { cohort: cohort.cohort, yearGroup: cohort.yearGroup, phase: phase.phase, status: phase.status, deadline: phase.deadline, windowState: phase.windowState },
      notStarted: phase.windowState === 'not_started' ? 1 : 0,
    })),
  );
  return cells
    .sort(
      (a, b) =>
        URGENCY[a.cell.status] - URGENCY[b.cell.status] ||
        a.notStarted - b.notStarted ||
        (a.cell.deadline < b.cell.deadline ? -1 : a.cell.deadline > b.cell.deadline ? 1 : 0) ||
        a.cell.yearGroup - b.cell.yearGroup,
    )
    .map(({ cell }) => cell);
}

/** How many days before its next review date a policy is "due for review" (and its careers leader reminded). */
export const POLICY_REVIEW_NOTICE_DAYS = 30;

export type PolicyReviewState = 'current' | 'due' | 'overdue';

/**
 * Whether a published policy's review is coming: `due` from {@link POLICY_REVIEW_NOTICE_DAYS}
 * days before `nextReviewOn`, `overdue` after it.
 * @example policyReviewState('2027-07-09', '2027-06-10') // 'due'
 */
export function policyReviewState(nextReviewOn: LocalDate, asOf: LocalDate): PolicyReviewState {
  if (asOf > nextReviewOn) return 'overdue';
  if (asOf >= addDays(nextReviewOn, -POLICY_REVIEW_NOTICE_DAYS)) return 'due';
  return 'current';
}

/** The date the policy-review reminder goes out. */
export const policyReviewReminderDate = (nextReviewOn: LocalDate): LocalDate => addDays(nextReviewOn, -POLICY_REVIEW_NOTICE_DAYS);

/** A phase whose window has begun with no encounter on record: perhaps one from before the school joined. */
export interface UnrecordedPhase {
  cohort: Cohort;
  yearGroupNow: number;
  phase: KeyPhase;
  windowStart: LocalDate;
  deadline: LocalDate;
  status: CohortPhaseStatus;
  message: string;
}

/**
 * Phases whose window opened before `asOf` and hold no encounter at all (delivered, confirmed or
 * awaiting an outcome): a school that has just joined is told these and offered to record what
 * took place before it did. Phases that do not apply or have not opened are left out.
 * @example unrecordedPastPhases(computeCompliance(school, [], '2026-09-15'), '2026-09-15')
 *   // [{ yearGroupNow: 10, phase: 1, message: 'Year 10 (key phase 1, 1 September 2024 to 28 February 2026): nothing on record.' }, ...]
 */
export function unrecordedPastPhases(cohorts: readonly CohortCompliance[], asOf: LocalDate): UnrecordedPhase[] {
  const found: UnrecordedPhase[] = [];
  for (const cohort of cohorts) {
    for (const phase of cohort.phases) {
      if (phase.status === 'NOT_APPLICABLE' || phase.window.start >= asOf) continue;
      if (phase.delivered.length + phase.confirmed.length + phase.awaitingOutcome.length > 0) continue;
      found.push({
        cohort: cohort.cohort,
        yearGroupNow: cohort.yearGroup,
        phase: phase.phase,
        windowStart: phase.window.start,
        deadline: phase.deadline,
        status: phase.status,
        message: `Year ${cohort.yearGroup} (key phase ${phase.phase}, ${formatLongDate(phase.window.start)} to ${formatLongDate(phase.deadline)}): nothing on record.`,
      });
    }
  }
  return found.sort((a, b) => URGENCY[a.status] - URGENCY[b.status] || a.windowStart.localeCompare(b.windowStart));
}

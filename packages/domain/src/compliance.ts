import { academicYearBounds, academicYearOf, cohortsTaughtIn, FIRST_SECONDARY_YEAR, yearGroupOn, type Cohort } from './cohorts.js';
import { isCountable, statutoryTargets, type Encounter, type SchoolFacts } from './encounters.js';
import { KEY_PHASES, PHASE_YEAR_GROUPS, phaseAppliesTo, phaseWindow, type KeyPhase, type PhaseWindow } from './phases.js';
import { assertLocalDate, formatLongDate, type LocalDate } from './time.js';

/** A cohort's standing in one key phase (definitions in the spec). */
export type CohortPhaseStatus = 'MET' | 'ON_TRACK' | 'AT_RISK' | 'MISSED' | 'NOT_APPLICABLE';

/**
 * Statuses ordered from worst to best, for sorting and for checking that more encounters never
 * make things look worse. NOT_APPLICABLE stands apart and has no rank.
 */
export const STATUS_RANK: Readonly<Record<Exclude<CohortPhaseStatus, 'NOT_APPLICABLE'>, number>> = {
  MISSED: 0,
  AT_RISK: 1,
  ON_TRACK: 2,
  MET: 3,
};

/**
 * Whether a phase window has opened yet, so a UI can soften AT_RISK for a phase years away. It
 * closes at the school's deadline, which is earlier than the law's when the cohort leaves first.
 */
export type WindowState = 'not_started' | 'open' | 'closed';

/**
 * Why the deadline is what it is: the key phase's window ends (28 February of Year 9, 11 or 13),
 * or the school stops teaching the cohort before then (a middle school's Year 8 leaves in July).
 */
export type DeadlineReason = 'phase_window_ends' | 'cohort_leaves';

/** An encounter as it counts toward one cohort's phase. */
export interface CountedEncounter {
  encounterId: string;
  providerId: string;
  date: LocalDate;
}

export interface PhaseCompliance {
  phase: KeyPhase;
  status: CohortPhaseStatus;
  window: PhaseWindow;
  windowState: WindowState;
  /**
   * The last day an encounter can count at this school: the window's end, or the last day the
   * school teaches the cohort when that comes first (**Decision**, see README).
   */
  deadline: LocalDate;
  deadlineReason: DeadlineReason;
  /** The deadline and its reason in a careers leader's words. */
  deadlineExplanation: string;
  /** Delivered statutory encounters on or before the date asked about. */
  delivered: CountedEncounter[];
  /** Confirmed statutory encounters from the date asked about onward. */
  confirmed: CountedEncounter[];
  /** Confirmed encounters whose date has passed with no outcome recorded; they count for nothing until marked delivered. */
  awaitingOutcome: CountedEncounter[];
  deliveredProviderIds: string[];
  /** Distinct providers across delivered and confirmed-future encounters. */
  plannedProviderIds: string[];
}

export interface CohortCompliance {
  cohort: Cohort;
  /** The cohort's year group on the date asked about. */
  yearGroup: number;
  asOf: LocalDate;
  phases: PhaseCompliance[];
}

export interface ComputeComplianceOptions {
  /** Cohorts to report on; by default those in Years 7–13 on roll in the academic year containing `asOf`. */
  cohorts?: readonly Cohort[];
}

const REQUIRED_PROVIDERS = 2;

interface PhaseBucket {
  delivered: CountedEncounter[];
  confirmed: CountedEncounter[];
  awaitingOutcome: CountedEncounter[];
}

function bucketKey(cohort: Cohort, phase: KeyPhase): string {
  return `${cohort}:${phase}`;
}

/**
 * Each cohort's status per key phase on `asOf`, with the encounters and distinct providers
 * behind it. Only confirmed and delivered statutory encounters count. An encounter marked
 * delivered but dated after `asOf` is treated as confirmed, so asking about a past date gives
 * the answer the school would have seen then.
 * @example
 * const [year8] = computeCompliance(school, encounters, '2026-01-15');
 * year8?.phases[0]?.status // 'ON_TRACK'
 */
export function computeCompliance(
  school: SchoolFacts,
  encounters: readonly Encounter[],
  asOf: LocalDate,
  options: ComputeComplianceOptions = {},
): CohortCompliance[] {
  assertLocalDate(asOf, 'asOf');
  const taught = school.yearGroupsTaught;
  const buckets = new Map<string, PhaseBucket>();
  for (const encounter of encounters) {
    if (!isCountable(encounter)) continue;
    const counted: CountedEncounter = { encounterId: encounter.id, providerId: encounter.providerId, date: encounter.date };
    for (const target of statutoryTargets(encounter.date, encounter.yearGroups, taught)) {
      const key = bucketKey(target.cohort, target.phase);
      let bucket = buckets.get(key);
      if (!bucket) {
        bucket = { delivered: [], confirmed: [], awaitingOutcome: [] };
        buckets.set(key, bucket);
      }
      if (encounter.date > asOf) bucket.confirmed.push(counted);
      else if (encounter.status === 'delivered') bucket.delivered.push(counted);
      else if (encounter.date === asOf) bucket.confirmed.push(counted);
      else bucket.awaitingOutcome.push(counted);
    }
  }

  // Only cohorts in Years 7–13 come near a key phase: an all-through school's Years 1–6 are not reported yet.
  const cohorts = options.cohorts ?? cohortsTaughtIn(taught, academicYearOf(asOf)).filter((cohort) => yearGroupOn(cohort, asOf) >= FIRST_SECONDARY_YEAR);
  return cohorts.map((cohort) => ({
    cohort,
    yearGroup: yearGroupOn(cohort, asOf),
    asOf,
    phases: KEY_PHASES.map((phase) =>
      phaseCompliance(cohort, phase, buckets.get(bucketKey(cohort, phase)), phaseAppliesTo(taught, phase), asOf, lastDayTaught(school, cohort)),
    ),
  }));
}

/**
 * The last day a school teaches a cohort: the end of its last term (one ending in June, July or
 * August) in the academic year the cohort is in the school's oldest year group, or 31 August of
 * that year when the calendar holds no such term.
 * @example lastDayTaught(middleSchool, 2025) // '2027-07-21': Year 8 in 2026/27, summer term ends 21 July
 */
export function lastDayTaught(school: Pick<SchoolFacts, 'yearGroupsTaught' | 'calendar'>, cohort: Cohort): LocalDate {
  const { end } = academicYearBounds(cohort + school.yearGroupsTaught.to - FIRST_SECONDARY_YEAR);
  // Only a summer term is a last term: a calendar holding just the autumn term says nothing about July.
  const summerStart = `${end.slice(0, 4)}-06-01`;
  const ends = school.calendar.terms.map((term) => term.end).filter((date) => date >= summerStart && date <= end);
  return ends.length ? ends.reduce((latest, date) => (date > latest ? date : latest)) : end;
}

function distinctProviders(...lists: readonly CountedEncounter[][]): string[] {
  const seen = new Set<string>();
  for (const list of lists) for (const counted of list) seen.add(counted.providerId);
  return [...seen];
}

function phaseCompliance(
  cohort: Cohort,
  phase: KeyPhase,
  bucket: PhaseBucket | undefined,
  applies: boolean,
  asOf: LocalDate,
  leaves: LocalDate,
): PhaseCompliance {
  const window = phaseWindow(cohort, phase);
  const [firstYear, lastYear] = PHASE_YEAR_GROUPS[phase];
  // A school that loses the cohort before the window ends owes what it can while it has them.
  const cohortLeaves = applies && leaves >= window.start && leaves < window.end;
  const deadline = cohortLeaves ? leaves : window.end;
  const deadlineReason: DeadlineReason = cohortLeaves ? 'cohort_leaves' : 'phase_window_ends';
  const deadlineExplanation = cohortLeaves
    ? `These pupils leave the school after Year ${yearGroupOn(cohort, leaves)}, on ${formatLongDate(leaves)}, before key phase ${phase} ends on ${formatLongDate(window.end)}: their encounters must happen while the school still teaches them.`
    : `Key phase ${phase} (Years ${firstYear}–${lastYear}) ends on ${formatLongDate(window.end)}, 28 February of Year ${lastYear}.`;
  const windowState: WindowState = asOf < window.start ? 'not_started' : asOf > deadline ? 'closed' : 'open';
  const delivered = bucket?.delivered ?? [];
  const confirmed = bucket?.confirmed ?? [];
  const awaitingOutcome = bucket?.awaitingOutcome ?? [];
  const deliveredProviderIds = distinctProviders(delivered);
  const plannedProviderIds = distinctProviders(delivered, confirmed);
  let status: CohortPhaseStatus;
  if (!applies) status = 'NOT_APPLICABLE';
  else if (deliveredProviderIds.length >= REQUIRED_PROVIDERS) status = 'MET';
  else if (windowState === 'closed') status = 'MISSED';
  else if (plannedProviderIds.length >= REQUIRED_PROVIDERS) status = 'ON_TRACK';
  else status = 'AT_RISK';
  return {
    phase,
    status,
    window,
    windowState,
    deadline,
    deadlineReason,
    deadlineExplanation,
    delivered,
    confirmed,
    awaitingOutcome,
    deliveredProviderIds,
    plannedProviderIds,
  };
}

/** Something a cohort still lacks in a phase, in a careers leader's words. */
export interface MissingItem {
  cohort: Cohort;
  yearGroup: number;
  phase: KeyPhase;
  status: 'AT_RISK' | 'MISSED';
  /** Providers still to be booked (AT_RISK) or that were lacking when the window closed (MISSED). */
  providersNeeded: number;
  deadline: LocalDate;
  deadlineReason: DeadlineReason;
  message: string;
}

const NUMBER_WORDS = ['no', 'one', 'two'];

/**
 * What each cohort still lacks, worst first (missed, then at risk by nearest deadline). Phases
 * that have not started yet are left out unless `includeUpcoming` is set.
 * @example
 * describeMissing(computeCompliance(school, encounters, '2026-11-02')).map((item) => item.message)
 * // ['Year 9: one more provider by 28 February 2027']
 */
export function describeMissing(
  cohorts: readonly CohortCompliance[],
  options: { includeUpcoming?: boolean } = {},
): MissingItem[] {
  const items: MissingItem[] = [];
  for (const cohort of cohorts) {
    for (const phase of cohort.phases) {
      if (phase.status !== 'AT_RISK' && phase.status !== 'MISSED') continue;
      if (phase.windowState === 'not_started' && !options.includeUpcoming) continue;
      const have = phase.status === 'MISSED' ? phase.deliveredProviderIds.length : phase.plannedProviderIds.length;
      const providersNeeded = REQUIRED_PROVIDERS - have;
      items.push({
        cohort: cohort.cohort,
        yearGroup: cohort.yearGroup,
        phase: phase.phase,
        status: phase.status,
        providersNeeded,
        deadline: phase.deadline,
        deadlineReason: phase.deadlineReason,
        message: missingMessage(cohort, phase, providersNeeded),
      });
    }
  }
  return items.sort(
    (a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0),
  );
}

function missingMessage(cohort: CohortCompliance, phase: PhaseCompliance, providersNeeded: number): string {
  const who = `Year ${cohort.yearGroup}`;
  const count = NUMBER_WORDS[providersNeeded] ?? String(providersNeeded);
  const deadline = formatLongDate(phase.deadline);
  const leaves = phase.deadlineReason === 'cohort_leaves';
  if (phase.status === 'MISSED') {
    const [firstYear, lastYear] = PHASE_YEAR_GROUPS[phase.phase];
    const years = `Years ${firstYear}–${lastYear}`;
    const had = phase.deliveredProviderIds.length;
    const got = had === 0 ? 'no provider' : `only ${NUMBER_WORDS[had] ?? had} provider`;
    const closed = leaves ? `ended for this school on ${deadline}, when the pupils left,` : `closed on ${deadline}`;
    return `${who}: key phase ${phase.phase} (${years}) ${closed} with ${got}; two different providers were required.`;
  }
  const providers = providersNeeded === 1 ? 'provider' : 'providers';
  const more = phase.plannedProviderIds.length > 0 ? 'more ' : '';
  const why = leaves ? ` (they leave the school then, before key phase ${phase.phase} ends on ${formatLongDate(phase.window.end)})` : '';
  if (phase.windowState === 'not_started') {
    return `${who}: ${count} ${more}${providers} between ${formatLongDate(phase.window.start)} and ${deadline} (key phase ${phase.phase})${why}.`;
  }
  return `${who}: ${count} ${more}${providers} by ${deadline}${why}`;
}

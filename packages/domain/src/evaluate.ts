import { schoolDayStatus, type SchoolDayStatus } from './calendar.js';
import { academicYearOf, isYearGroup, teaches, type YearGroup } from './cohorts.js';
import {
  countsToward,
  isCountable,
  OUTSIDE_PHASE_REASONS,
  statutoryTargets,
  type Designation,
  type Encounter,
  type PhaseTarget,
  type SchoolFacts,
  type YearGroupTarget,
} from './encounters.js';
import { checkBookingRequest, type SlotState } from './marketplace.js';
import { isSettled, phaseWindow } from './phases.js';
import { providerEligibility, type ProviderFacts } from './providers.js';
import { accessRules, ruleMessage, type AccessRules, type Violation } from './rules.js';
import { assertLocalDate, assertLocalTime, durationMinutes, minutesOfDay, type LocalDate, type LocalTime } from './time.js';

/** An encounter being proposed or approved. */
export interface ProposedEncounter {
  /** Set when re-evaluating a stored encounter, so it is not compared with itself. */
  id?: string;
  date: LocalDate;
  start: LocalTime;
  end: LocalTime;
  yearGroups: readonly number[];
  /** Seats in the venue, to check the whole roll of the named year groups fits. */
  venueCapacity: number;
  designation: Designation;
  /** Defaults to whole year groups; anything narrower cannot be statutory. */
  audience?: 'whole_year_groups' | 'selected_pupils';
}

/** The marketplace side of a request, when the caller wants those rules checked too. */
export interface RequestContext {
  requestDate: LocalDate;
  slot?: SlotState;
}

export interface EvaluateEncounterInput {
  encounter: ProposedEncounter;
  provider: ProviderFacts;
  school: SchoolFacts;
  /** The school's policy; defaults fill anything missing. */
  rules?: Partial<AccessRules>;
  /** The school's encounters already booked, in any state; only countable ones matter. */
  existing: readonly Encounter[];
  request?: RequestContext;
}

export interface EncounterEvaluation {
  designation: Designation;
  /** True when the encounter is statutory and breaks no rule of the law. */
  counts: boolean;
  /** Rules that stop the encounter being booked as proposed: the law's when statutory, plus the marketplace's. */
  violations: Violation[];
  /** The law's rules the encounter breaks, whatever its designation (tells the UI whether it could be statutory). */
  statutoryViolations: Violation[];
  /** For each named year group, the cohort and phase it would count toward, or why none. */
  targets: YearGroupTarget[];
  /** The (cohort, phase) pairs it counts toward; empty unless `counts`. */
  countsToward: PhaseTarget[];
}

/** What a school's slot decides on its own, before any provider asks for it. */
export interface SlotEvaluation {
  /** WHOLE_YEAR_GROUP, SCHOOL_HOURS, MIN_DURATION and PHASE_WINDOW, as a statutory slot would break them. */
  violations: Violation[];
  /** For each named year group, the cohort and phase it would count toward, or why none. */
  targets: YearGroupTarget[];
}

function normalised(input: ProposedEncounter): ProposedEncounter {
  assertLocalDate(input.date, 'date');
  assertLocalTime(input.start, 'start');
  assertLocalTime(input.end, 'end');
  // A year group named twice would otherwise count its roll twice against the venue.
  return { ...input, yearGroups: [...new Set(input.yearGroups)] };
}

function slotRules(encounter: ProposedEncounter, school: SchoolFacts, rules: AccessRules): SlotEvaluation {
  const targets = encounter.yearGroups.map((yearGroup) => countsToward(encounter.date, yearGroup, school.yearGroupsTaught));
  return {
    violations: [
      ...checkWholeYearGroup(encounter, school),
      ...checkSchoolHours(encounter, school),
      ...checkMinDuration(encounter, rules),
      ...checkPhaseWindow(encounter.date, targets),
    ],
    targets,
  };
}

/**
 * The rules of the law a slot can break with no provider yet: the provider-specific ones
 * (ELIGIBLE_PROVIDER, DISTINCT_PROVIDERS) are judged when a provider asks.
 * @example
 * const { violations } = evaluateSlot({ encounter, school, rules: { minDurationMinutes: 30 } });
 */
export function evaluateSlot(input: { encounter: ProposedEncounter; school: SchoolFacts; rules?: Partial<AccessRules> }): SlotEvaluation {
  return slotRules(normalised(input.encounter), input.school, accessRules(input.rules));
}

/**
 * Checks an encounter against every rule and says, per named year group, which cohort and key
 * phase it counts toward. Statutory encounters are held to the law's rules; supplementary ones
 * are always allowed, and `statutoryViolations` still says what would stop them counting.
 * Marketplace rules are checked when `request` is given (POLICY_NOT_PUBLISHED always).
 * @example
 * const result = evaluateEncounter({ encounter, provider, school, rules: { published: true }, existing: [] });
 * if (!result.counts) console.log(result.violations.map((v) => v.message));
 */
export function evaluateEncounter(input: EvaluateEncounterInput): EncounterEvaluation {
  const { provider, school } = input;
  const encounter = normalised(input.encounter);
  const rules = accessRules(input.rules);
  const taught = school.yearGroupsTaught;
  const { violations: slotViolations, targets } = slotRules(encounter, school, rules);

  const statutoryViolations = [
    ...slotViolations,
    ...checkEligibleProvider(provider),
    ...checkDistinctProviders(encounter, provider, school, input.existing),
  ];

  const marketplaceViolations = input.request
    ? checkBookingRequest({
        calendar: school.calendar,
        rules,
        slotDate: encounter.date,
        requestDate: input.request.requestDate,
        providerId: provider.id,
        ...(provider.name ? { providerName: provider.name } : {}),
        ...(school.name ? { schoolName: school.name } : {}),
        ...(input.request.slot ? { slot: input.request.slot } : {}),
      })
    : rules.published
      ? []
      : [{ code: 'POLICY_NOT_PUBLISHED' as const, message: ruleMessage('POLICY_NOT_PUBLISHED', school.name ? { schoolName: school.name } : {}) }];

  const statutory = encounter.designation === 'statutory';
  const counts = statutory && statutoryViolations.length === 0;
  return {
    designation: encounter.designation,
    counts,
    violations: [...(statutory ? statutoryViolations : []), ...marketplaceViolations],
    statutoryViolations,
    targets,
    countsToward: counts ? statutoryTargets(encounter.date, encounter.yearGroups, taught) : [],
  };
}

function checkWholeYearGroup(encounter: ProposedEncounter, school: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  if (encounter.audience === 'selected_pupils') {
    violations.push({ code: 'WHOLE_YEAR_GROUP', message: ruleMessage('WHOLE_YEAR_GROUP', { reason: 'selected_pupils' }) });
  }
  if (encounter.yearGroups.length === 0) {
    violations.push({ code: 'WHOLE_YEAR_GROUP', message: ruleMessage('WHOLE_YEAR_GROUP', { reason: 'no_year_groups' }) });
    return violations;
  }
  const academicYear = academicYearOf(encounter.date);
  const rollThisYear = school.roll[academicYear] ?? {};
  const countable: YearGroup[] = [];
  let rollUnknown = false;
  for (const yearGroup of encounter.yearGroups) {
    if (!isYearGroup(yearGroup)) {
      violations.push({ code: 'WHOLE_YEAR_GROUP', yearGroup, message: ruleMessage('WHOLE_YEAR_GROUP', { reason: 'not_a_year_group', yearGroup }) });
    } else if (!teaches(school.yearGroupsTaught, yearGroup)) {
      violations.push({ code: 'WHOLE_YEAR_GROUP', yearGroup, message: ruleMessage('WHOLE_YEAR_GROUP', { reason: 'not_taught', yearGroup }) });
    } else if (rollThisYear[yearGroup] === undefined) {
      rollUnknown = true;
      violations.push({
        code: 'WHOLE_YEAR_GROUP',
        yearGroup,
        message: ruleMessage('WHOLE_YEAR_GROUP', { reason: 'roll_unknown', yearGroup, academicYear }),
      });
    } else {
      countable.push(yearGroup);
    }
  }
  if (rollUnknown || countable.length === 0) return violations;
  const roll = countable.reduce((sum, yearGroup) => sum + (rollThisYear[yearGroup] ?? 0), 0);
  if (encounter.venueCapacity < roll) {
    violations.push({
      code: 'WHOLE_YEAR_GROUP',
      message: ruleMessage('WHOLE_YEAR_GROUP', { reason: 'capacity', capacity: encounter.venueCapacity, roll, yearGroups: countable }),
    });
  }
  return violations;
}

function closedBecause(status: Exclude<SchoolDayStatus, { open: true }>): string {
  switch (status.reason) {
    case 'weekend':
      return 'weekend';
    case 'bank_holiday':
      return `bank holiday: ${status.bankHoliday.name}`;
    case 'closure':
      return status.closure.kind === 'inset' ? `INSET day: ${status.closure.name}` : status.closure.name;
    case 'outside_term':
      return 'outside term time';
    case 'no_school_day':
      return 'no school day is set for that weekday';
  }
}

function checkSchoolHours(encounter: ProposedEncounter, school: SchoolFacts): Violation[] {
  const { date, start, end } = encounter;
  const standard = schoolDayStatus(school.calendar, date);
  if (!standard.open) {
    return [{ code: 'SCHOOL_HOURS', message: ruleMessage('SCHOOL_HOURS', { date, closedBecause: closedBecause(standard) }) }];
  }
  const fits = (dayStart: LocalTime, dayEnd: LocalTime): boolean =>
    minutesOfDay(start) >= minutesOfDay(dayStart) && minutesOfDay(end) <= minutesOfDay(dayEnd);

  const namedYearGroups = encounter.yearGroups.filter(isYearGroup);
  const violations: Violation[] = [];
  let standardDayBroken = false;
  for (const yearGroup of namedYearGroups.length > 0 ? namedYearGroups : [undefined]) {
    const status = yearGroup === undefined ? standard : schoolDayStatus(school.calendar, date, yearGroup);
    if (!status.open) continue;
    const isStandardDay = status.day.start === standard.day.start && status.day.end === standard.day.end;
    if (fits(status.day.start, status.day.end)) continue;
    // One message for everyone on the standard day; a separate one for each year group that keeps its own hours.
    if (isStandardDay) {
      if (standardDayBroken) continue;
      standardDayBroken = true;
      violations.push({
        code: 'SCHOOL_HOURS',
        message: ruleMessage('SCHOOL_HOURS', { date, start, end, dayStart: status.day.start, dayEnd: status.day.end }),
      });
    } else {
      violations.push({
        code: 'SCHOOL_HOURS',
        yearGroup,
        message: ruleMessage('SCHOOL_HOURS', { date, start, end, dayStart: status.day.start, dayEnd: status.day.end, yearGroup }),
      });
    }
  }
  return violations;
}

function checkMinDuration(encounter: ProposedEncounter, rules: AccessRules): Violation[] {
  const minutes = durationMinutes(encounter.start, encounter.end);
  if (minutes >= rules.minDurationMinutes) return [];
  return [{ code: 'MIN_DURATION', message: ruleMessage('MIN_DURATION', { minutes, minimum: rules.minDurationMinutes }) }];
}

function checkPhaseWindow(date: LocalDate, targets: readonly YearGroupTarget[]): Violation[] {
  return targets
    .filter((target) => target.phase === null && OUTSIDE_PHASE_REASONS.has(target.reason))
    .map((target) => ({
      code: 'PHASE_WINDOW' as const,
      yearGroup: target.yearGroup,
      message: ruleMessage('PHASE_WINDOW', {
        yearGroup: target.yearGroup,
        date,
        why: target.phase === null ? target.explanation : undefined,
      }),
    }));
}

function checkEligibleProvider(provider: ProviderFacts): Violation[] {
  const eligibility = providerEligibility(provider);
  if (eligibility.eligible) return [];
  return [{ code: 'ELIGIBLE_PROVIDER', message: ruleMessage('ELIGIBLE_PROVIDER', { reason: eligibility.reason }) }];
}

function checkDistinctProviders(
  encounter: ProposedEncounter,
  provider: ProviderFacts,
  school: SchoolFacts,
  existing: readonly Encounter[],
): Violation[] {
  const taught = school.yearGroupsTaught;
  const violations: Violation[] = [];
  const sameProvider = existing.filter(
    (other) => other.providerId === provider.id && other.id !== encounter.id && isCountable(other),
  );
  if (sameProvider.length === 0) return violations;
  for (const yearGroup of encounter.yearGroups) {
    const target = countsToward(encounter.date, yearGroup, taught);
    if (target.phase === null) continue;
    const clash = sameProvider.find((other) =>
      statutoryTargets(other.date, other.yearGroups, taught).some(
        (otherTarget) => otherTarget.cohort === target.cohort && otherTarget.phase === target.phase,
      ),
    );
    if (!clash) continue;
    violations.push({
      code: 'DISTINCT_PROVIDERS',
      yearGroup,
      message: ruleMessage('DISTINCT_PROVIDERS', {
        ...(provider.name ? { providerName: provider.name } : {}),
        yearGroup,
        phase: target.phase,
        otherDate: clash.date,
        deadline: phaseWindow(target.cohort, target.phase).end,
      }),
    });
  }
  return violations;
}

/** A stored encounter with what is needed to judge it again: the seats of its venue. */
export interface StandingEncounter extends Encounter {
  /** Seats in the venue now (the school may have changed it); unknown means not re-judged for seats. */
  venueCapacity?: number;
}

/** A confirmed statutory encounter that no longer meets the law's rules on the facts as they are now. */
export interface LapsedEncounter {
  encounterId: string;
  violations: Violation[];
}

export interface StandingInput {
  encounters: readonly StandingEncounter[];
  school: SchoolFacts;
  /** The school's policy now. */
  rules?: Partial<AccessRules>;
  /** The providers of the encounters, as they are now. */
  providers: ReadonlyMap<string, ProviderFacts>;
  /** The date the standing is asked about: encounters settled by then are not judged again (`isSettled`). */
  asOf: LocalDate;
}

/**
 * Judges a school's confirmed statutory encounters again on the facts as they stand now (an INSET
 * day added on their date, a roll grown past their venue, a provider no longer eligible), so
 * compliance never counts one that no longer meets the rules. Delivered encounters are judged on
 * the day they happened and kept as they are; DISTINCT_PROVIDERS is not re-judged, because the
 * store's guard items already keep a second encounter from the same provider out of a phase, and
 * no change of facts can make two encounters share a provider. Encounters settled on `asOf` (every
 * phase they fell in has closed, `isSettled`) are kept as they are too.
 * @example
 * const { encounters, lapsed } = judgeStanding({ encounters: stored, school, rules, providers, asOf });
 * computeCompliance(school, encounters, asOf); // lapsed ones count as supplementary
 */
export function judgeStanding(input: StandingInput): { encounters: Encounter[]; lapsed: LapsedEncounter[] } {
  const lapsed: LapsedEncounter[] = [];
  const encounters = input.encounters.map(({ venueCapacity, ...encounter }): Encounter => {
    const provider = input.providers.get(encounter.providerId);
    if (encounter.designation !== 'statutory' || encounter.status !== 'confirmed' || !provider) return encounter;
    if (isSettled(encounter, input.asOf)) return encounter;
    const evaluation = evaluateEncounter({
      encounter: {
        id: encounter.id,
        date: encounter.date,
        start: encounter.start,
        end: encounter.end,
        yearGroups: encounter.yearGroups,
        venueCapacity: venueCapacity ?? Number.MAX_SAFE_INTEGER,
        designation: 'statutory',
      },
      provider,
      school: input.school,
      rules: { ...input.rules, published: true },
      existing: [],
    });
    if (evaluation.statutoryViolations.length === 0) return encounter;
    lapsed.push({ encounterId: encounter.id, violations: evaluation.statutoryViolations });
    return { ...encounter, designation: 'supplementary' };
  });
  return { encounters, lapsed };
}

import { statutoryTargets } from './encounters.js';
import { evaluateEncounter, type EncounterEvaluation, type EvaluateEncounterInput } from './evaluate.js';
import { addDays, isWeekend, minutesOfDay, type LocalDate, type LocalTime } from './time.js';

/**
 * Offers: what a provider or employer publishes for schools to book (an encounter at the school or
 * a visit to its own premises), and the rules a school's booking of one must meet besides the law's.
 * Pure: dates, times and counts in, violations with stable codes out.
 */

/** Codes of the offer rules (the law's rules keep their own codes in rules.ts). */
export const OFFER_RULE_CODES = ['OFFER_DATE', 'OFFER_TIME', 'OFFER_YEAR_GROUP', 'OFFER_CAPACITY', 'OFFER_CLOSED', 'OFFER_VENUE'] as const;
export type OfferRuleCode = (typeof OFFER_RULE_CODES)[number];

export { OFFER_RULE_TITLES } from './rule-titles.js';

export interface OfferViolation {
  code: OfferRuleCode;
  message: string;
  yearGroup?: number;
}

/** Formats that take pupils to the host's premises; the rest happen at the school. */
export const VISIT_FORMATS: ReadonlySet<string> = new Set(['campus_taster', 'workplace_tour', 'technical_demo']);
export const isVisitFormat = (format: string): boolean => VISIT_FORMATS.has(format);

/** Every weekday from `from` to `to` inclusive (an offer given as a range of dates). */
export function weekdaysBetween(from: LocalDate, to: LocalDate): LocalDate[] {
  const dates: LocalDate[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) if (!isWeekend(date)) dates.push(date);
  return dates;
}

/** What the host published, as the rules read it. */
export interface OfferTerms {
  dates: readonly LocalDate[];
  start: LocalTime;
  end: LocalTime;
  yearGroups: readonly number[];
  status: 'open' | 'withdrawn';
}

/** What the school asks for. */
export interface OfferRequest {
  date: LocalDate;
  start: LocalTime;
  end: LocalTime;
  yearGroups: readonly number[];
  /** Pupils coming: the roll of the named year groups, or the named group's size. */
  pupils: number;
  /** Pupils the host can still take on that date. */
  remaining: number;
}

/**
 * The offer rules: the date is one offered (OFFER_DATE), the times lie within the offer's
 * (OFFER_TIME), each year group is one offered (OFFER_YEAR_GROUP), the pupils fit the places left
 * on that date (OFFER_CAPACITY), and the offer is still open (OFFER_CLOSED).
 * @example checkOfferRequest(terms, { date: '2026-11-10', start: '10:00', end: '12:00', yearGroups: [9], pupils: 180, remaining: 200 }) // []
 */
export function checkOfferRequest(terms: OfferTerms, request: OfferRequest): OfferViolation[] {
  const violations: OfferViolation[] = [];
  if (terms.status !== 'open') violations.push({ code: 'OFFER_CLOSED', message: 'This offer has been withdrawn and takes no more bookings.' });
  if (!terms.dates.includes(request.date)) violations.push({ code: 'OFFER_DATE', message: `${request.date} is not one of the dates offered.` });
  if (minutesOfDay(request.start) < minutesOfDay(terms.start) || minutesOfDay(request.end) > minutesOfDay(terms.end) || request.end <= request.start) {
    violations.push({ code: 'OFFER_TIME', message: `Choose a time between ${terms.start} and ${terms.end}.` });
  }
  for (const yearGroup of request.yearGroups) {
    if (!terms.yearGroups.includes(yearGroup)) violations.push({ code: 'OFFER_YEAR_GROUP', message: `Year ${yearGroup} is not among the year groups offered.`, yearGroup });
  }
  if (request.pupils > request.remaining) {
    violations.push({ code: 'OFFER_CAPACITY', message: `${request.pupils} pupils are coming and the host can take ${request.remaining} more on that date.` });
  }
  return violations;
}

/** Moves a time by some minutes, clamped to the day. */
function shift(time: LocalTime, minutes: number): LocalTime {
  const total = Math.min(23 * 60 + 59, Math.max(0, minutesOfDay(time) + minutes));
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}` as LocalTime;
}

/**
 * The law's rules for a booked offer, through the same `evaluateEncounter` as a school's own slot.
 * For a visit the school day is the school's and the journey is inside it: SCHOOL_HOURS is judged
 * on the time from leaving school (`start - travelMinutes`) to coming back (`end + travelMinutes`),
 * while MIN_DURATION is judged on the encounter itself. The capacity judged for WHOLE_YEAR_GROUP is
 * the caller's (the host venue's for a visit, the school's venue for an encounter at the school).
 * @example evaluateOfferBooking({ ...input, encounter }, { travelMinutes: 30 })
 */
export function evaluateOfferBooking(input: EvaluateEncounterInput, options: { travelMinutes: number }): EncounterEvaluation {
  if (!options.travelMinutes) return evaluateEncounter(input);
  const journey = evaluateEncounter({
    ...input,
    encounter: { ...input.encounter, start: shift(input.encounter.start, -options.travelMinutes), end: shift(input.encounter.end, options.travelMinutes) },
  });
  const itself = evaluateEncounter(input);
  const notDuration = <T extends { code: string }>(list: T[]) => list.filter((v) => v.code !== 'MIN_DURATION');
  const duration = <T extends { code: string }>(list: T[]) => list.filter((v) => v.code === 'MIN_DURATION');
  const statutoryViolations = [...notDuration(journey.statutoryViolations), ...duration(itself.statutoryViolations)];
  const violations = [...notDuration(journey.violations), ...duration(itself.violations)];
  const counts = input.encounter.designation === 'statutory' && statutoryViolations.length === 0;
  return { ...journey, violations, statutoryViolations, counts, countsToward: counts ? statutoryTargets(input.encounter.date, input.encounter.yearGroups, input.school.yearGroupsTaught) : [] };
}

import { academicYearLabel } from './cohorts.js';
import type { KeyPhase } from './phases.js';
import { formatLongDate, type LocalDate, type LocalTime } from './time.js';

/** Rules from the law: an encounter breaking any of them is not a statutory encounter. */
export const LAW_RULE_CODES = [
  'WHOLE_YEAR_GROUP',
  'SCHOOL_HOURS',
  'MIN_DURATION',
  'PHASE_WINDOW',
  'ELIGIBLE_PROVIDER',
  'DISTINCT_PROVIDERS',
] as const;

/** Rules that keep the marketplace honest; they apply to every booking, statutory or not. */
export const MARKETPLACE_RULE_CODES = [
  'SLOT_FULL',
  'ALREADY_BOOKED',
  'NOTICE_PERIOD',
  'POLICY_NOT_PUBLISHED',
  'SLOT_IN_PAST',
  'ACCESS_TIMES',
  'ALREADY_HAPPENED',
  'NOT_YET_HAPPENED',
] as const;

/** Rules of work experience placements (`work-experience.ts`): the safety pack, then placements. */
export const WORK_EXPERIENCE_RULE_CODES = [
  'SAFETY_CHECKS',
  'INSURANCE_EXPIRED',
  // placements (we-place)
  'PLACEMENT_FULL',
  'PUPIL_DOUBLE_BOOKED',
  'PLACEMENT_DAY_NOT_OFFERED',
  'SCHOOL_CLOSED_DAY',
  'PLACEMENT_YEAR_GROUP',
  'PLACEMENT_NOTICE',
  'PARENTAL_CONSENT',
  'IN_PERSON',
] as const;

export type LawRuleCode = (typeof LAW_RULE_CODES)[number];
export type MarketplaceRuleCode = (typeof MARKETPLACE_RULE_CODES)[number];
export type WorkExperienceRuleCode = (typeof WORK_EXPERIENCE_RULE_CODES)[number];
/** A stable code for each rule; the API reports violations by it. */
export type RuleCode = LawRuleCode | MarketplaceRuleCode | WorkExperienceRuleCode;

export const RULE_CODES: readonly RuleCode[] = [...LAW_RULE_CODES, ...MARKETPLACE_RULE_CODES, ...WORK_EXPERIENCE_RULE_CODES];

/** A broken rule, with a sentence a careers leader understands. */
export interface Violation {
  code: RuleCode;
  message: string;
  /** Set when the rule is broken for one named year group only. */
  yearGroup?: number;
}

/** The school's provider access policy, as far as the rules need it. */
export interface AccessRules {
  /** The shortest encounter the school counts as "a reasonable period of time". */
  minDurationMinutes: number;
  /** Clear school days between a request and the slot it asks for. */
  noticePeriodSchoolDays: number;
  /** Whether the school has published its provider access policy statement. */
  published: boolean;
}

/**
 * Defaults for a school that has not set its own: 20 minutes is the spec's default minimum;
 * five school days (a school week) is the product's default notice; a policy counts as
 * unpublished until the school says otherwise.
 */
export const DEFAULT_ACCESS_RULES: Readonly<AccessRules> = Object.freeze({
  minDurationMinutes: 20,
  noticePeriodSchoolDays: 5,
  published: false,
});

/**
 * A school's access rules with the defaults filled in.
 * @example accessRules({ published: true }).minDurationMinutes // 20
 */
export function accessRules(overrides: Partial<AccessRules> = {}): AccessRules {
  return { ...DEFAULT_ACCESS_RULES, ...overrides };
}

/** What a message can say about each rule; every field is optional so callers say what they know. */
export interface RuleMessageContexts {
  WHOLE_YEAR_GROUP: {
    reason?: 'selected_pupils' | 'capacity' | 'roll_unknown' | 'not_taught' | 'no_year_groups' | 'not_a_year_group';
    yearGroups?: readonly number[];
    yearGroup?: number;
    capacity?: number;
    roll?: number;
    academicYear?: number;
  };
  SCHOOL_HOURS: {
    date?: LocalDate;
    closedBecause?: string;
    start?: LocalTime;
    end?: LocalTime;
    dayStart?: LocalTime;
    dayEnd?: LocalTime;
    yearGroup?: number;
  };
  MIN_DURATION: { minutes?: number; minimum?: number };
  PHASE_WINDOW: { yearGroup?: number; date?: LocalDate; why?: string };
  ELIGIBLE_PROVIDER: { reason?: string };
  DISTINCT_PROVIDERS: { providerName?: string; yearGroup?: number; phase?: KeyPhase; otherDate?: LocalDate; deadline?: LocalDate };
  SLOT_FULL: { places?: number };
  ALREADY_BOOKED: { providerName?: string };
  NOTICE_PERIOD: { required?: number; given?: number; slotDate?: LocalDate };
  POLICY_NOT_PUBLISHED: { schoolName?: string };
  SLOT_IN_PAST: { slotDate?: LocalDate };
  ACCESS_TIMES: { schoolName?: string; times?: readonly string[] };
  ALREADY_HAPPENED: Record<string, never>;
  NOT_YET_HAPPENED: { date?: LocalDate };
  SAFETY_CHECKS: { hostName?: string; academicYear?: number; reason?: 'not_signed_off' | 'pack_changed' };
  INSURANCE_EXPIRED: { hostName?: string; expiresOn?: LocalDate; date?: LocalDate };
  // placements (we-place)
  PLACEMENT_FULL: { date?: LocalDate; placesLeft?: number; asked?: number };
  PUPIL_DOUBLE_BOOKED: { pupilName?: string; date?: LocalDate };
  PLACEMENT_DAY_NOT_OFFERED: { date?: LocalDate; hostName?: string };
  SCHOOL_CLOSED_DAY: { date?: LocalDate; closedBecause?: string };
  PLACEMENT_YEAR_GROUP: { yearGroup?: number; offered?: readonly number[]; reason?: 'not_offered' | 'kind' };
  PLACEMENT_NOTICE: { required?: number; given?: number; date?: LocalDate };
  PARENTAL_CONSENT: { pupilNames?: readonly string[] };
  IN_PERSON: { reason?: 'virtual' | 'hybrid_unexplained' };
}

/** One plain sentence per rule, used when nothing more specific is known. */
export const RULE_SUMMARIES: Readonly<Record<RuleCode, string>> = {
  WHOLE_YEAR_GROUP: 'A statutory encounter must be open to every pupil in each year group it names, not to selected groups.',
  SCHOOL_HOURS: 'A statutory encounter must take place within the standard school day, on a day the school is open.',
  MIN_DURATION: 'A statutory encounter must last a reasonable time, as set in the school’s policy (20 minutes unless it says otherwise).',
  PHASE_WINDOW: 'A statutory encounter must fall inside a key phase of the pupils it is for.',
  ELIGIBLE_PROVIDER: 'Only providers of technical education or apprenticeships can give a statutory encounter.',
  DISTINCT_PROVIDERS: 'Within one key phase, each statutory encounter must come from a different provider.',
  SLOT_FULL: 'Every place in this slot has been taken.',
  ALREADY_BOOKED: 'This provider already has a request or booking for this slot.',
  NOTICE_PERIOD: 'Requests must arrive at least the school’s notice period before the slot.',
  POLICY_NOT_PUBLISHED: 'The school has not published its provider access policy, so it cannot take requests yet.',
  SLOT_IN_PAST: 'That slot has already happened.',
  ACCESS_TIMES: 'A provider may propose a time only inside the access times the school’s policy publishes.',
  ALREADY_HAPPENED: 'This encounter’s date has passed: the school records whether it was delivered instead of cancelling it.',
  NOT_YET_HAPPENED: 'Record attendance on or after the day of the encounter.',
  SAFETY_CHECKS: 'The school has not signed off every check of this host’s safety pack for this academic year.',
  INSURANCE_EXPIRED: 'The host’s employers’ liability insurance expires before a day being confirmed.',
  // placements (we-place)
  PLACEMENT_FULL: 'Every place on this placement day is taken.',
  PUPIL_DOUBLE_BOOKED: 'A pupil cannot be on two placements on the same day.',
  PLACEMENT_DAY_NOT_OFFERED: 'The host does not offer this placement on that day.',
  SCHOOL_CLOSED_DAY: 'Work experience is confirmed only on days the school is open.',
  PLACEMENT_YEAR_GROUP: 'Placements are for Years 10–11 and work experience activities for Years 7–9, in the year groups the host offers.',
  PLACEMENT_NOTICE: 'The host needs more notice before the first day of a placement.',
  PARENTAL_CONSENT: 'The school records parental consent for every pupil before a placement is confirmed.',
  IN_PERSON: 'Work experience takes place in person; hybrid only in exceptional cases, and never online only.',
};

export { RULE_TITLES } from './rule-titles.js';

/** True for the codes of this engine's rules (the API also answers with codes of its own). */
export const isRuleCode = (code: string): code is RuleCode => (RULE_CODES as readonly string[]).includes(code);

function yearGroupList(yearGroups: readonly number[]): string {
  const names = yearGroups.map((yearGroup) => `Year ${yearGroup}`);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * The sentence a careers leader reads for a broken rule. Pass whatever context is known; with
 * none, the rule's general summary is returned.
 * @example ruleMessage('MIN_DURATION', { minutes: 19, minimum: 20 })
 *   // 'This encounter lasts 19 minutes; the school’s policy asks for at least 20 minutes.'
 */
export function ruleMessage<C extends RuleCode>(code: C, context: RuleMessageContexts[C] = {} as RuleMessageContexts[C]): string {
  switch (code) {
    case 'WHOLE_YEAR_GROUP':
      return wholeYearGroupMessage(context as RuleMessageContexts['WHOLE_YEAR_GROUP']);
    case 'SCHOOL_HOURS':
      return schoolHoursMessage(context as RuleMessageContexts['SCHOOL_HOURS']);
    case 'MIN_DURATION': {
      const { minutes, minimum } = context as RuleMessageContexts['MIN_DURATION'];
      if (minutes === undefined || minimum === undefined) return RULE_SUMMARIES.MIN_DURATION;
      if (minutes <= 0) return 'This encounter ends before it starts; check its start and end times.';
      return `This encounter lasts ${plural(minutes, 'minute', 'minutes')}; the school’s policy asks for at least ${plural(minimum, 'minute', 'minutes')}.`;
    }
    case 'PHASE_WINDOW': {
      const { yearGroup, date, why } = context as RuleMessageContexts['PHASE_WINDOW'];
      if (yearGroup === undefined || date === undefined) return RULE_SUMMARIES.PHASE_WINDOW;
      return `On ${formatLongDate(date)} Year ${yearGroup} is in no key phase${why ? ` (${why})` : ''}, so this encounter cannot count for them.`;
    }
    case 'ELIGIBLE_PROVIDER': {
      const { reason } = context as RuleMessageContexts['ELIGIBLE_PROVIDER'];
      return reason ?? RULE_SUMMARIES.ELIGIBLE_PROVIDER;
    }
    case 'DISTINCT_PROVIDERS': {
      const { providerName, yearGroup, phase, otherDate, deadline } = context as RuleMessageContexts['DISTINCT_PROVIDERS'];
      if (yearGroup === undefined || phase === undefined) return RULE_SUMMARIES.DISTINCT_PROVIDERS;
      const who = providerName ?? 'This provider';
      const already = otherDate
        ? ` already gave the pupils now in Year ${yearGroup} a statutory encounter on ${formatLongDate(otherDate)}`
        : ` already counts for Year ${yearGroup}`;
      const until = deadline ? ` (until ${formatLongDate(deadline)})` : '';
      return `${who}${already} in key phase ${phase}${until}; a second visit can be booked as supplementary, but the phase needs a different provider.`;
    }
    case 'SLOT_FULL': {
      const { places } = context as RuleMessageContexts['SLOT_FULL'];
      return places === undefined ? RULE_SUMMARIES.SLOT_FULL : `All ${plural(places, 'place', 'places')} in this slot have been taken.`;
    }
    case 'ALREADY_BOOKED': {
      const { providerName } = context as RuleMessageContexts['ALREADY_BOOKED'];
      return providerName ? `${providerName} already has a request or booking for this slot.` : RULE_SUMMARIES.ALREADY_BOOKED;
    }
    case 'NOTICE_PERIOD': {
      const { required, given, slotDate } = context as RuleMessageContexts['NOTICE_PERIOD'];
      if (required === undefined || given === undefined) return RULE_SUMMARIES.NOTICE_PERIOD;
      const slot = slotDate ? `before ${formatLongDate(slotDate)}` : 'before the slot';
      return `The school asks for ${plural(required, 'school day', 'school days')}’ notice; this request leaves ${plural(given, 'school day', 'school days')} ${slot}.`;
    }
    case 'SLOT_IN_PAST': {
      const { slotDate } = context as RuleMessageContexts['SLOT_IN_PAST'];
      return slotDate ? `That slot was on ${formatLongDate(slotDate)}, which has passed.` : RULE_SUMMARIES.SLOT_IN_PAST;
    }
    case 'ACCESS_TIMES': {
      const { schoolName, times } = context as RuleMessageContexts['ACCESS_TIMES'];
      if (!times) return RULE_SUMMARIES.ACCESS_TIMES;
      const listed = times.length ? ` (${times.join(', ')})` : ' (none yet)';
      return `${schoolName ?? 'The school'} gives access only at the times its policy publishes${listed}; propose a time inside one of them.`;
    }
    case 'ALREADY_HAPPENED':
      return RULE_SUMMARIES.ALREADY_HAPPENED;
    case 'NOT_YET_HAPPENED': {
      const { date } = context as RuleMessageContexts['NOT_YET_HAPPENED'];
      return date ? `This encounter is on ${formatLongDate(date)}: record whether it was delivered on or after that day.` : RULE_SUMMARIES.NOT_YET_HAPPENED;
    }
    case 'POLICY_NOT_PUBLISHED': {
      const { schoolName } = context as RuleMessageContexts['POLICY_NOT_PUBLISHED'];
      return schoolName ? `${schoolName} has not published its provider access policy, so it cannot take requests yet.` : RULE_SUMMARIES.POLICY_NOT_PUBLISHED;
    }
    case 'SAFETY_CHECKS': {
      const { hostName, academicYear, reason } = context as RuleMessageContexts['SAFETY_CHECKS'];
      if (!hostName) return RULE_SUMMARIES.SAFETY_CHECKS;
      const year = academicYear === undefined ? 'this academic year' : academicYearLabel(academicYear);
      return reason === 'pack_changed'
        ? `${hostName} changed its safety pack after the school signed it off for ${year}: review the pack again before confirming.`
        : `The school has not signed off every check of ${hostName}’s safety pack for ${year}.`;
    }
    case 'INSURANCE_EXPIRED': {
      const { hostName, expiresOn, date } = context as RuleMessageContexts['INSURANCE_EXPIRED'];
      if (!expiresOn || !date) return RULE_SUMMARIES.INSURANCE_EXPIRED;
      return `${hostName ?? 'The host'}’s employers’ liability insurance expires on ${formatLongDate(expiresOn)}, before ${formatLongDate(date)}; a new certificate is needed first.`;
    }
    // placements (we-place)
    case 'PLACEMENT_FULL':
    case 'PUPIL_DOUBLE_BOOKED':
    case 'PLACEMENT_DAY_NOT_OFFERED':
    case 'SCHOOL_CLOSED_DAY':
    case 'PLACEMENT_YEAR_GROUP':
    case 'PLACEMENT_NOTICE':
    case 'PARENTAL_CONSENT':
    case 'IN_PERSON':
      return placementMessage(code, context as never);
    default: {
      const unknown: never = code;
      throw new RangeError(`unknown rule code ${String(unknown)}`);
    }
  }
}

function wholeYearGroupMessage(context: RuleMessageContexts['WHOLE_YEAR_GROUP']): string {
  const named = context.yearGroups ? yearGroupList(context.yearGroups) : 'the year groups named';
  switch (context.reason) {
    case 'selected_pupils':
      return 'Invitations limited to selected pupils (sets, classes or interested pupils) do not count; a statutory encounter is for the whole year group.';
    case 'capacity':
      if (context.capacity === undefined || context.roll === undefined) break;
      return `The venue holds ${context.capacity} but ${named} ${context.yearGroups && context.yearGroups.length > 1 ? 'have' : 'has'} ${context.roll} pupils on roll; it is ${plural(context.roll - context.capacity, 'seat', 'seats')} short of the whole year group.`;
    case 'roll_unknown':
      if (context.yearGroup === undefined) break;
      return `The school has not recorded how many pupils are in Year ${context.yearGroup}${context.academicYear === undefined ? '' : ` in ${academicYearLabel(context.academicYear)}`}, so we cannot check the venue holds them all.`;
    case 'not_taught':
      if (context.yearGroup === undefined) break;
      return `The school does not teach Year ${context.yearGroup}.`;
    case 'not_a_year_group':
      if (context.yearGroup === undefined) break;
      return `Year ${context.yearGroup} is not a year group we know (Years 1–13).`;
    case 'no_year_groups':
      return 'This encounter names no year group; a statutory encounter is for one or more whole year groups.';
    default:
      break;
  }
  return RULE_SUMMARIES.WHOLE_YEAR_GROUP;
}

function schoolHoursMessage(context: RuleMessageContexts['SCHOOL_HOURS']): string {
  if (context.date && context.closedBecause) {
    return `The school is closed on ${formatLongDate(context.date)} (${context.closedBecause}).`;
  }
  if (context.start && context.end && context.dayStart && context.dayEnd) {
    const whose = context.yearGroup === undefined ? 'The school day' : `Year ${context.yearGroup}’s school day`;
    const on = context.date ? ` on ${formatLongDate(context.date)}` : '';
    return `${whose}${on} runs ${context.dayStart}–${context.dayEnd}; an encounter at ${context.start}–${context.end} falls outside it.`;
  }
  return RULE_SUMMARIES.SCHOOL_HOURS;
}

// ───────────── placements (we-place) ─────────────
type PlacementCode = 'PLACEMENT_FULL' | 'PUPIL_DOUBLE_BOOKED' | 'PLACEMENT_DAY_NOT_OFFERED' | 'SCHOOL_CLOSED_DAY' | 'PLACEMENT_YEAR_GROUP' | 'PLACEMENT_NOTICE' | 'PARENTAL_CONSENT' | 'IN_PERSON';

function placementMessage<C extends PlacementCode>(code: C, context: RuleMessageContexts[C]): string {
  switch (code) {
    case 'PLACEMENT_FULL': {
      const { date, placesLeft, asked } = context as RuleMessageContexts['PLACEMENT_FULL'];
      if (!date) return RULE_SUMMARIES.PLACEMENT_FULL;
      return placesLeft === undefined || placesLeft <= 0
        ? `Every place on ${formatLongDate(date)} is taken.`
        : `${formatLongDate(date)} has ${plural(placesLeft, 'place', 'places')} left, not ${asked ?? 'enough'}.`;
    }
    case 'PUPIL_DOUBLE_BOOKED': {
      const { pupilName, date } = context as RuleMessageContexts['PUPIL_DOUBLE_BOOKED'];
      if (!date) return RULE_SUMMARIES.PUPIL_DOUBLE_BOOKED;
      return `${pupilName ?? 'This pupil'} is already confirmed on a placement on ${formatLongDate(date)}.`;
    }
    case 'PLACEMENT_DAY_NOT_OFFERED': {
      const { date, hostName } = context as RuleMessageContexts['PLACEMENT_DAY_NOT_OFFERED'];
      if (!date) return RULE_SUMMARIES.PLACEMENT_DAY_NOT_OFFERED;
      return `${hostName ?? 'The host'} does not offer this placement on ${formatLongDate(date)}.`;
    }
    case 'SCHOOL_CLOSED_DAY': {
      const { date, closedBecause } = context as RuleMessageContexts['SCHOOL_CLOSED_DAY'];
      if (!date) return RULE_SUMMARIES.SCHOOL_CLOSED_DAY;
      return `The school is closed on ${formatLongDate(date)}${closedBecause ? ` (${closedBecause})` : ''}, so no placement can be confirmed that day.`;
    }
    case 'PLACEMENT_YEAR_GROUP': {
      const { yearGroup, offered, reason } = context as RuleMessageContexts['PLACEMENT_YEAR_GROUP'];
      if (reason === 'kind') return 'A placement is for Years 10–11; work experience activities (visits, shadowing, talks and tours) are for Years 7–9.';
      if (yearGroup === undefined) return RULE_SUMMARIES.PLACEMENT_YEAR_GROUP;
      return `This placement is for ${offered?.length ? yearGroupList(offered) : 'other year groups'}, not Year ${yearGroup}.`;
    }
    case 'PLACEMENT_NOTICE': {
      const { required, given, date } = context as RuleMessageContexts['PLACEMENT_NOTICE'];
      if (required === undefined || given === undefined || !date) return RULE_SUMMARIES.PLACEMENT_NOTICE;
      return `The host asks for ${plural(required, 'day', 'days')}’ notice; this request leaves ${plural(Math.max(0, given), 'day', 'days')} before ${formatLongDate(date)}.`;
    }
    case 'PARENTAL_CONSENT': {
      const { pupilNames } = context as RuleMessageContexts['PARENTAL_CONSENT'];
      if (!pupilNames?.length) return RULE_SUMMARIES.PARENTAL_CONSENT;
      return `The school needs parental consent before confirmation and has not recorded it for ${pupilNames.join(', ')}.`;
    }
    case 'IN_PERSON': {
      const { reason } = context as RuleMessageContexts['IN_PERSON'];
      if (reason === 'virtual') return 'A placement online only does not count as work experience: pupils take part in person.';
      if (reason === 'hybrid_unexplained') return 'A hybrid placement is for exceptional cases only: say why it cannot be wholly in person.';
      return RULE_SUMMARIES.IN_PERSON;
    }
  }
  return RULE_SUMMARIES[code];
}

import { academicYearOf } from './cohorts.js';
import { ruleMessage, type Violation } from './rules.js';
import { assertLocalDate, type LocalDate } from './time.js';

// ───────────────────────────── Safety pack (we-pack) ─────────────────────────────
// The employer's safety pack, entered once by the host and signed off, check by check, by each
// school that places pupils with it, once per academic year. Placement rules follow below.

/** A rule's outcome for the work experience rules: a broken rule with its sentence. */
export type RuleResult = Violation;

/** The four checks a school signs off in a host's safety pack. */
export const SAFETY_CHECK_KINDS = ['insurance', 'healthAndSafety', 'riskAssessment', 'safeguarding'] as const;
export type SafetyCheckKind = (typeof SAFETY_CHECK_KINDS)[number];

/** What each check asks the school's placement coordinator to confirm. */
export const SAFETY_CHECK_TITLES: Readonly<Record<SafetyCheckKind, string>> = {
  insurance: 'Employers’ liability insurance',
  healthAndSafety: 'Health and safety policy',
  riskAssessment: 'Risk assessment',
  safeguarding: 'Safeguarding arrangements',
};

/**
 * The guidance the safety pack puts into practice (DfE careers guidance 2025, "Implementing 2
 * weeks' worth of work experience"; KCSIE). Shown on the employer's and the school's pack pages.
 */
export const SAFETY_GUIDANCE = {
  healthAndSafety:
    'The employer has primary responsibility for the health and safety of pupils on a placement, as for its own employees.',
  schoolChecks:
    'The school (or whoever organises the placement) checks that the employer has risk management and safeguarding arrangements in place before a pupil goes.',
  dbs:
    'The school decides whether an adult supervising pupils under 16 needs a DBS check (Keeping children safe in education); the employer says how supervising adults are chosen.',
  send: 'Pupils with special educational needs and disabilities may need additional support on a placement; the school shares what the employer needs to know.',
} as const;

/**
 * A school's sign-off of a host's pack for one academic year, as a confirmation needs it.
 * `signedOff` is true only when every check is signed against the pack version now in force.
 */
export interface SafetyClearanceFacts {
  signedOff: boolean;
  /** The employers' liability insurance's last day of cover. */
  insuranceExpiresOn: string;
  /** The version of the host's pack the sign-off is for (the pack's current version when read). */
  packVersion: number;
}

/**
 * The identifier of an academic year in keys and URLs: `2026-27` for the year starting September 2026.
 * @example academicYearId(2026) // '2026-27'
 */
export function academicYearId(startYear: number): string {
  return `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/**
 * The academic year of a date, as {@link academicYearId}.
 * @example academicYearIdOf('2027-06-14') // '2026-27'
 */
export function academicYearIdOf(date: LocalDate): string {
  return academicYearId(academicYearOf(date));
}

/** Parses `2026-27` back to its start year; undefined for anything else. */
export function parseAcademicYearId(id: string): number | undefined {
  const match = /^(\d{4})-(\d{2})$/.exec(id);
  if (!match) return undefined;
  const start = Number(match[1]);
  return (start + 1) % 100 === Number(match[2]) ? start : undefined;
}

/**
 * SAFETY_CHECKS when the school has no sign-off of the host's pack for the academic year, or a
 * check is not signed against the pack as it now stands; INSURANCE_EXPIRED when the employers'
 * liability insurance ends before any of the days being confirmed (cover on its expiry day counts).
 * @example checkSafetyClearance(undefined, ['2027-06-14'])[0]?.code // 'SAFETY_CHECKS'
 * @example checkSafetyClearance({ signedOff: true, insuranceExpiresOn: '2027-03-31', packVersion: 2 }, ['2027-04-12'])[0]?.code // 'INSURANCE_EXPIRED'
 */
export function checkSafetyClearance(
  clearance: SafetyClearanceFacts | undefined,
  days: string[],
  context: { hostName?: string } = {},
): RuleResult[] {
  for (const day of days) assertLocalDate(day, 'days');
  const results: RuleResult[] = [];
  const academicYear = days.length ? academicYearOf([...days].sort()[0] as LocalDate) : undefined;
  if (!clearance?.signedOff) {
    results.push({
      code: 'SAFETY_CHECKS',
      message: ruleMessage('SAFETY_CHECKS', { ...context, ...(academicYear === undefined ? {} : { academicYear }), reason: 'not_signed_off' }),
    });
  }
  if (clearance) {
    const lapsed = days.filter((day) => day > clearance.insuranceExpiresOn).sort();
    if (lapsed.length) {
      results.push({
        code: 'INSURANCE_EXPIRED',
        message: ruleMessage('INSURANCE_EXPIRED', { ...context, expiresOn: clearance.insuranceExpiresOn, date: lapsed[0] as LocalDate }),
      });
    }
  }
  return results;
}

/**
 * Whether a school's sign-off still stands for the pack as it is now: every check signed, each
 * against the current pack version. A pack change (new `packVersion`) leaves a stale sign-off.
 * @example clearanceStanding({ insurance: 2, healthAndSafety: 2, riskAssessment: 2, safeguarding: 2 }, 2) // 'signedOff'
 */
export function clearanceStanding(
  signedAt: Partial<Record<SafetyCheckKind, number>>,
  packVersion: number,
): 'signedOff' | 'partly' | 'none' | 'packChanged' {
  const versions = SAFETY_CHECK_KINDS.map((kind) => signedAt[kind]);
  if (versions.every((v) => v === undefined)) return 'none';
  if (versions.some((v) => v !== undefined && v !== packVersion)) return 'packChanged';
  return versions.every((v) => v === packVersion) ? 'signedOff' : 'partly';
}

/** Days before expiry on which the host is reminded to renew its employers' liability insurance. */
export const INSURANCE_REMINDER_DAYS = 30;

// ───────────────────────────── Placements (we-place) ─────────────────────────────
// Rules of placements and work experience activities (DfE careers guidance 2025, Benchmark 6:
// "one week's worth of work experience activities in Years 7–9 and one week's worth (5 days) of
// placements in Years 10–11", in person, with one or more employers). Spec: the README's
// "Work experience placements" section. The store enforces PLACEMENT_FULL and PUPIL_DOUBLE_BOOKED
// again in its confirming transaction; these are the judgements on facts read.
import { academicYearBounds, cohortOf, yearGroupOn } from './cohorts.js';
import { schoolDayStatus, type SchoolCalendar, type SchoolDayStatus } from './calendar.js';
import { addDays, daysBetween, weekdayOf, type Weekday } from './time.js';

/**
 * A sector, as `@schoolgate/contracts`' `SECTORS` names it (the industrial strategy's eight growth
 * sectors and `other`: one list for offers, placements and search). The engine only carries it.
 */
export type PlacementSector = string;

/** A placement (Years 10–11) or a work experience activity (Years 7–9: visits, shadowing, talks and tours). */
export type PlacementKind = 'placement' | 'activity';
export const PLACEMENT_KIND_YEAR_GROUPS: Readonly<Record<PlacementKind, readonly number[]>> = { placement: [10, 11], activity: [7, 8, 9] };

/** One week's worth: the days a pupil needs in a phase (Years 7–9 activities, Years 10–11 placements). */
export const WEEK_OF_DAYS = 5;

/** The most days one offer may list (each is an item with its own places; a term's weekly pattern fits). */
export const MAX_PLACEMENT_DAYS = 40;

/** How the host says which days it offers: chosen dates, a block of weekdays, or a weekly pattern. */
export type PlacementDaysPattern =
  | { kind: 'dates'; dates: LocalDate[] }
  | { kind: 'block'; from: LocalDate; to: LocalDate }
  | { kind: 'weekly'; weekdays: Weekday[]; from: LocalDate; to: LocalDate };

/**
 * The dates a pattern offers, in order, without repeats. A block and a weekly pattern give
 * weekdays only (Monday–Friday); at most {@link MAX_PLACEMENT_DAYS} + 1 dates are produced, so a
 * caller can tell "too many" without expanding years of days.
 * @example expandPlacementDays({ kind: 'block', from: '2027-06-14', to: '2027-06-20' }) // 14–18 June (5 weekdays)
 */
export function expandPlacementDays(pattern: PlacementDaysPattern): LocalDate[] {
  const out = new Set<LocalDate>();
  if (pattern.kind === 'dates') {
    for (const date of pattern.dates) {
      assertLocalDate(date, 'dates');
      out.add(date);
    }
    return [...out].sort();
  }
  assertLocalDate(pattern.from, 'from');
  assertLocalDate(pattern.to, 'to');
  const weekdays: readonly Weekday[] = pattern.kind === 'block' ? ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] : pattern.weekdays;
  for (let date = pattern.from; date <= pattern.to && out.size <= MAX_PLACEMENT_DAYS; date = addDays(date, 1)) {
    if (weekdays.includes(weekdayOf(date))) out.add(date);
  }
  return [...out];
}

/** What the rules need to know about a placement offer. */
export interface PlacementOfferFacts {
  kind: PlacementKind;
  yearGroups: readonly number[];
  /** In person, or hybrid in an exceptional case (with the reason); online only is never offered. */
  attendance: 'in_person' | 'hybrid' | 'virtual';
  hybridReason?: string;
  days: readonly LocalDate[];
  /** Calendar days the host needs between the request and the first day asked for. */
  minimumNoticeDays: number;
  hostName?: string;
}

/**
 * IN_PERSON (online only never; hybrid only with a reason) and PLACEMENT_YEAR_GROUP (a placement's
 * year groups within 10–11, an activity's within 7–9) for an offer being published.
 * @example checkPlacementOffer({ kind: 'placement', yearGroups: [10], attendance: 'virtual', days: [], minimumNoticeDays: 10 })[0]?.code // 'IN_PERSON'
 */
export function checkPlacementOffer(offer: PlacementOfferFacts): RuleResult[] {
  const results: RuleResult[] = [];
  if (offer.attendance === 'virtual') results.push({ code: 'IN_PERSON', message: ruleMessage('IN_PERSON', { reason: 'virtual' }) });
  else if (offer.attendance === 'hybrid' && !offer.hybridReason?.trim()) {
    results.push({ code: 'IN_PERSON', message: ruleMessage('IN_PERSON', { reason: 'hybrid_unexplained' }) });
  }
  const allowed = PLACEMENT_KIND_YEAR_GROUPS[offer.kind];
  if (!offer.yearGroups.length || offer.yearGroups.some((yearGroup) => !allowed.includes(yearGroup))) {
    results.push({ code: 'PLACEMENT_YEAR_GROUP', message: ruleMessage('PLACEMENT_YEAR_GROUP', { reason: 'kind' }) });
  }
  return results;
}

/** Why the school is closed, in the words the rules' messages use. */
export function closedReasonOf(status: Exclude<SchoolDayStatus, { open: true }>): string {
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
      return 'no school day that weekday';
  }
}

/** A pupil as the placement rules read them. */
export interface PlacementPupilFacts {
  id: string;
  name: string;
  /** The pupil's year group on the first day asked for. */
  yearGroup: number;
  /** Dates the pupil is already confirmed on a placement (their PUPIL_DOUBLE_BOOKED guards). */
  confirmedDays?: readonly LocalDate[];
  /** Whether the school has recorded parental consent for this booking. */
  consent?: boolean;
}

export interface PlacementDayFacts {
  date: LocalDate;
  places: number;
  confirmedCount: number;
}

export interface PlacementRequestFacts {
  offer: PlacementOfferFacts;
  /** The offer's day items as read (places and confirmations), by date. */
  dayItems: readonly PlacementDayFacts[];
  days: readonly LocalDate[];
  pupils: readonly PlacementPupilFacts[];
  calendar: SchoolCalendar;
  /** Today, in London. */
  requestDate: LocalDate;
}

function dayAndPupilRules(facts: Omit<PlacementRequestFacts, 'requestDate'>): RuleResult[] {
  const results: RuleResult[] = [];
  const offered = new Set(facts.offer.days);
  const dayItems = new Map(facts.dayItems.map((day) => [day.date, day]));
  for (const date of facts.days) {
    assertLocalDate(date, 'days');
    if (!offered.has(date)) {
      results.push({ code: 'PLACEMENT_DAY_NOT_OFFERED', message: ruleMessage('PLACEMENT_DAY_NOT_OFFERED', { date, ...(facts.offer.hostName ? { hostName: facts.offer.hostName } : {}) }) });
      continue;
    }
    const status = schoolDayStatus(facts.calendar, date);
    if (!status.open) results.push({ code: 'SCHOOL_CLOSED_DAY', message: ruleMessage('SCHOOL_CLOSED_DAY', { date, closedBecause: closedReasonOf(status) }) });
    const day = dayItems.get(date);
    const placesLeft = day ? day.places - day.confirmedCount : 0;
    if (placesLeft < facts.pupils.length) {
      results.push({ code: 'PLACEMENT_FULL', message: ruleMessage('PLACEMENT_FULL', { date, placesLeft, asked: facts.pupils.length }) });
    }
  }
  for (const pupil of facts.pupils) {
    if (!facts.offer.yearGroups.includes(pupil.yearGroup)) {
      results.push({
        code: 'PLACEMENT_YEAR_GROUP',
        message: ruleMessage('PLACEMENT_YEAR_GROUP', { yearGroup: pupil.yearGroup, offered: facts.offer.yearGroups }),
        yearGroup: pupil.yearGroup,
      });
    }
    const clash = facts.days.find((date) => pupil.confirmedDays?.includes(date));
    if (clash) results.push({ code: 'PUPIL_DOUBLE_BOOKED', message: ruleMessage('PUPIL_DOUBLE_BOOKED', { pupilName: pupil.name, date: clash }) });
  }
  return results;
}

/**
 * A school's request for days on a placement for some pupils: PLACEMENT_DAY_NOT_OFFERED,
 * SCHOOL_CLOSED_DAY, PLACEMENT_FULL (places left on each day for every pupil asked for),
 * PLACEMENT_YEAR_GROUP (each pupil's year group is one the host offers), PUPIL_DOUBLE_BOOKED
 * (against the pupil's confirmed days) and PLACEMENT_NOTICE (calendar days from the request to the
 * first day asked for, at least the host's minimum notice).
 * @example checkPlacementRequest({ ...facts, days: ['2027-06-19'] })[0]?.code // 'PLACEMENT_DAY_NOT_OFFERED' (a Saturday not offered)
 */
export function checkPlacementRequest(facts: PlacementRequestFacts): RuleResult[] {
  const results = dayAndPupilRules(facts);
  const first = [...facts.days].sort()[0];
  if (first) {
    const given = daysBetween(facts.requestDate, first);
    if (given < facts.offer.minimumNoticeDays) {
      results.push({ code: 'PLACEMENT_NOTICE', message: ruleMessage('PLACEMENT_NOTICE', { required: facts.offer.minimumNoticeDays, given, date: first }) });
    }
  }
  return results;
}

/**
 * The host confirms a request: the day, year-group, places and double-booking rules again on the
 * facts as they are now (the school's calendar may have changed), PARENTAL_CONSENT when the
 * school's setting requires consent before confirmation, and the safety pack
 * ({@link checkSafetyClearance}). Notice is not judged again: it was the host's to waive.
 * @example checkPlacementConfirmation({ ...facts, consentRequired: true, clearance })
 */
export function checkPlacementConfirmation(
  facts: Omit<PlacementRequestFacts, 'requestDate'> & { consentRequired: boolean; clearance: SafetyClearanceFacts | undefined },
): RuleResult[] {
  const results = dayAndPupilRules(facts);
  if (facts.consentRequired) {
    const missing = facts.pupils.filter((pupil) => !pupil.consent).map((pupil) => pupil.name);
    if (missing.length) results.push({ code: 'PARENTAL_CONSENT', message: ruleMessage('PARENTAL_CONSENT', { pupilNames: missing }) });
  }
  results.push(...checkSafetyClearance(facts.clearance, [...facts.days], facts.offer.hostName ? { hostName: facts.offer.hostName } : {}));
  return results;
}

/**
 * The cohort of a pupil the school entered in a year group in an academic year.
 * @example pupilCohort(10, 2026) // 2023
 */
export const pupilCohort = (yearGroup: number, academicYearStart: number): number => cohortOf(yearGroup, academicYearStart);

/**
 * The day after which a pupil's record is removed: the last day (31 August) of the academic year
 * following the academic year of their last placement day.
 * @example pupilRecordEnds('2027-06-14') // '2028-08-31'
 */
export function pupilRecordEnds(lastPlacementDay: LocalDate): LocalDate {
  return academicYearBounds(academicYearOf(lastPlacementDay) + 1).end;
}

/** One day of a pupil's work experience, as the standing counts it. */
export interface WorkExperienceDay {
  pupilId: string;
  date: LocalDate;
  /** confirmed: booked, not yet recorded; attended / absent: recorded by the host after the day. */
  status: 'confirmed' | 'attended' | 'absent';
  hostOrgId: string;
  hostName: string;
  sector: PlacementSector;
  kind: PlacementKind;
}

export interface PupilStanding {
  pupilId: string;
  /** Year group in the academic year reported on. */
  yearGroup: number;
  phase: 'years_7_9' | 'years_10_11';
  /** Days attended in the phase (Years 7–9 or 10–11, any employer, any academic year of the phase). */
  delivered: number;
  /** Confirmed days not yet recorded (today or later, or past and awaiting the host's record). */
  confirmed: number;
  /** Days still needed for a week's worth once the confirmed ones are delivered. */
  short: number;
  met: boolean;
  onTrack: boolean;
  hosts: string[];
  sectors: PlacementSector[];
}

/**
 * Benchmark 6 standing for each pupil in Years 7–11 in an academic year: days delivered and
 * confirmed across employers within the pupil's phase (Years 7–9 activities, Years 10–11
 * placements; a Year 11 pupil's Year 10 days count), `met` with 5 delivered, `onTrack` with 5
 * delivered or confirmed. Absent days count for nothing; a placement day counts for the 10–11 phase
 * and an activity day for the 7–9 phase, by the pupil's year group on that day.
 * @example benchmark6Standing([{ id: 'p1', cohort: 2023 }], days, 2026)[0]?.met
 */
export function benchmark6Standing(
  pupils: ReadonlyArray<{ id: string; cohort: number }>,
  days: readonly WorkExperienceDay[],
  academicYearStart: number,
): PupilStanding[] {
  const byPupil = new Map<string, WorkExperienceDay[]>();
  for (const day of days) byPupil.set(day.pupilId, [...(byPupil.get(day.pupilId) ?? []), day]);
  const standings: PupilStanding[] = [];
  for (const pupil of pupils) {
    const yearGroup = academicYearStart - pupil.cohort + 7;
    if (yearGroup < 7 || yearGroup > 11) continue;
    const phase = yearGroup >= 10 ? 'years_10_11' : 'years_7_9';
    const phaseYears = phase === 'years_10_11' ? [10, 11] : [7, 8, 9];
    const counted = (byPupil.get(pupil.id) ?? []).filter((day) => {
      const then = yearGroupOn(pupil.cohort, day.date);
      // Days of later academic years do not count yet for the year reported on.
      return phaseYears.includes(then) && then <= yearGroup && day.kind === (phase === 'years_10_11' ? 'placement' : 'activity');
    });
    const unique = new Map<LocalDate, WorkExperienceDay>();
    for (const day of counted) if (day.status !== 'absent') unique.set(day.date, day);
    const delivered = [...unique.values()].filter((day) => day.status === 'attended').length;
    const confirmed = [...unique.values()].filter((day) => day.status === 'confirmed').length;
    standings.push({
      pupilId: pupil.id,
      yearGroup,
      phase,
      delivered,
      confirmed,
      short: Math.max(0, WEEK_OF_DAYS - delivered - confirmed),
      met: delivered >= WEEK_OF_DAYS,
      onTrack: delivered + confirmed >= WEEK_OF_DAYS,
      hosts: [...new Set([...unique.values()].map((day) => day.hostName))],
      sectors: [...new Set([...unique.values()].map((day) => day.sector))],
    });
  }
  return standings;
}

export interface YearGroupStanding {
  yearGroup: number;
  pupils: number;
  met: number;
  onTrack: number;
  /** Pupils short of a week's worth even with their confirmed days, with how many days each lacks. */
  short: Array<{ pupilId: string; days: number }>;
}

/**
 * The per-year-group summary of {@link benchmark6Standing}: how many pupils have a week's worth
 * delivered, how many will have with what is confirmed, and who is short by how many days.
 */
export function summariseStanding(standings: readonly PupilStanding[]): YearGroupStanding[] {
  const groups = new Map<number, YearGroupStanding>();
  for (const standing of standings) {
    const group = groups.get(standing.yearGroup) ?? { yearGroup: standing.yearGroup, pupils: 0, met: 0, onTrack: 0, short: [] };
    group.pupils += 1;
    if (standing.met) group.met += 1;
    if (standing.onTrack) group.onTrack += 1;
    if (standing.short > 0) group.short.push({ pupilId: standing.pupilId, days: standing.short });
    groups.set(standing.yearGroup, group);
  }
  return [...groups.values()].sort((a, b) => a.yearGroup - b.yearGroup);
}

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

import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { Problem } from '@schoolgate/contracts';
import type { RuleCode } from '@schoolgate/domain';
// The titles alone, not the engine: this file is evaluated at every cold start.
import { OFFER_RULE_TITLES, RESCHEDULE_RULE_TITLES, RULE_TITLES } from '@schoolgate/domain/rule-titles';

export interface ProblemItem {
  field?: string;
  code?: string;
  message: string;
  /** Set when a rule is broken for one named year group only. */
  yearGroup?: number;
}

/**
 * An answer the caller can act on. Thrown from handlers and repositories; `onError` turns it into
 * RFC 9457 problem+json.
 */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly title: string,
    readonly errors: ProblemItem[] = [],
    readonly detail?: string,
  ) {
    super(detail ?? title);
  }
}

const TYPE_BASE = 'https://schoolgate.example/problems/';
const typeFor = (status: number, errors: ProblemItem[]) =>
  errors[0]?.code ? `${TYPE_BASE}${errors[0].code.toLowerCase().replaceAll('_', '-')}` : `${TYPE_BASE}${status}`;

export function problemResponse(c: Context, error: ProblemError): Response {
  const body: Problem = {
    type: typeFor(error.status, error.errors),
    title: error.title,
    status: error.status,
    ...(error.detail ? { detail: error.detail } : {}),
    instance: c.req.path,
    ...(error.errors.length ? { errors: error.errors } : {}),
  };
  return c.body(JSON.stringify(body), error.status, { 'content-type': 'application/problem+json' });
}

/** Titles for the codes the API answers with besides the rules engine's own (those are in RULE_TITLES). */
export const OTHER_TITLES = {
  FACTS_CHANGED: 'The facts changed while this was being decided',
  STALE_STATE: 'Someone else acted first',
  CALENDAR_MISSING: 'Set up your calendar first',
  SCHOOL_NOT_VERIFIED: 'School not verified yet',
  NOT_VERIFIED: 'Organisation not verified yet',
  NOT_A_PROVIDER: 'Only providers and employers can do this',
  SLOT_CLOSED: 'Slot closed',
  SLOT_HAS_BOOKINGS: 'Slot has requests or bookings',
  DUPLICATE: 'Already exists',
  DUPLICATE_URN: 'URN already registered',
  DUPLICATE_UKPRN: 'UKPRN already registered',
  CONTENTION: 'Busy',
  CONFLICT: 'Conflict',
  NO_DRAFT: 'Nothing to publish',
  ALREADY_MEMBER: 'Already a member',
  ALREADY_RESENT: 'Already sent again',
  ALREADY_REVOKED: 'Already revoked',
  RATE_LIMITED: 'Too many requests',
  LIVE_REQUESTS_PER_SCHOOL: 'Too many live requests with this school',
  LIVE_REQUESTS_OVERALL: 'Too many live requests',
  LIVE_PROPOSALS_PER_SCHOOL: 'Too many live proposals to this school',
  LIVE_PROPOSALS_OVERALL: 'Too many live proposals',
  IDEMPOTENCY_KEY_REUSED: 'Idempotency-Key reused',
  IDEMPOTENCY_IN_PROGRESS: 'Request still in progress',
  STORE_UNAVAILABLE: 'Service unavailable',
  // Offers (routes/offers.ts)
  ...OFFER_RULE_TITLES,
  OFFER_HAS_BOOKINGS: 'Offer has requests or bookings',
  HOST_CONFIRMS: 'The host confirms this booking',
  FILES_UNAVAILABLE: 'File storage unavailable',
  // work experience placements (we-place)
  PUPIL_CHANGED: 'The pupil’s record changed',
  // evidence (issue 14)
  RECORD_NOT_PAST: 'Only encounters that have taken place can be recorded',
  UNKNOWN_PROVIDER: 'No such provider on Schoolgate',
  SNAPSHOT_EXISTS: 'Snapshot already exists',
  NOT_A_SCHOOL: 'Only schools can join',
  NOT_A_TRUST: 'Only a trust can do this',
  // reschedule (issue 15)
  ...RESCHEDULE_RULE_TITLES,
} as const satisfies Record<string, string>;

/** Every code a problem's `errors[].code` can carry: the rules engine's and the API's own. */
export type ProblemCode = RuleCode | keyof typeof OTHER_TITLES;

/**
 * The title of a problem answered for a rule or state code: one table, so every route that
 * refuses for the same reason gives it the same name.
 */
export function titleFor(code: string | undefined, fallback: string): string {
  if (!code) return fallback;
  // RULE_TITLES has a title for every rule code and no other key (its type says so).
  return Object.hasOwn(RULE_TITLES, code) ? RULE_TITLES[code as RuleCode] : ((OTHER_TITLES as Readonly<Record<string, string>>)[code] ?? fallback);
}

/**
 * 400: the request itself is wrong, each problem naming its field (dotted path, or a header's name).
 * @example throw invalid([{ field: 'to', message: 'The end of the range must not be before its start' }]);
 */
export const invalid = (errors: ProblemItem[], where = 'body') =>
  new ProblemError(400, 'Your request has problems', errors, `Check the ${where}: ${errors.map((e) => e.field).join(', ')}`);

export const notFound = (what = 'Not found') => new ProblemError(404, what);
export const forbidden = (detail: string) => new ProblemError(403, 'Forbidden', [], detail);
export const conflict = (code: string, message: string) => new ProblemError(409, titleFor(code, 'Conflict'), [{ code, message }], message);

/** Names each bad field by its dotted path, e.g. `roll.9` or `venues.0.capacity`. */
export function validationProblem(issues: z.core.$ZodIssue[], where: 'body' | 'query' | 'path' = 'body'): ProblemError {
  const errors = issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    if (keys.length) {
      return { field: [field, ...keys].filter(Boolean).join('.'), message: `Unknown field: ${keys.join(', ')}` };
    }
    return { field: field || where, message: issue.message };
  });
  return invalid(errors, where);
}

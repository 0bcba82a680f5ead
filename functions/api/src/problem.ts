import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { Problem } from '@schoolgate/contracts';

export interface ProblemItem {
  field?: string;
  code?: string;
  message: string;
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

export const notFound = (what = 'Not found') => new ProblemError(404, what);
export const forbidden = (detail: string) => new ProblemError(403, 'Forbidden', [], detail);
export const conflict = (code: string, message: string) => new ProblemError(409, 'Conflict', [{ code, message }], message);

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
  return new ProblemError(400, 'Your request has problems', errors, `Check the ${where}: ${errors.map((e) => e.field).join(', ')}`);
}

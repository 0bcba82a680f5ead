import type { z } from 'zod';
import { ApiError, type FieldError } from './api';

/**
 * Turns zod issues into GOV.UK error messages. `messages` holds the sentence for each field path;
 * numeric segments are matched by `*` (e.g. `refusalGrounds.*.label`). Zod's own wording is the
 * fallback only, because it is written for developers.
 */
export function zodErrors(error: z.ZodError, messages: Record<string, string> = {}): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.');
    if (seen.has(field)) continue;
    seen.add(field);
    const pattern = issue.path.map((p) => (typeof p === 'number' ? '*' : String(p))).join('.');
    out.push({ field: field || undefined, message: messages[field] ?? messages[pattern] ?? plain(issue) });
  }
  return out;
}

function plain(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small' && issue.origin === 'string') return 'Enter a value';
  if (issue.code === 'too_small' && issue.origin === 'array') return 'Choose at least one';
  if (issue.code === 'invalid_type') return 'Enter a value';
  if (issue.code === 'invalid_format' && issue.format === 'email') return 'Enter an email address in the correct format, like name@example.org';
  if (issue.code === 'invalid_format' && issue.format === 'url') return 'Enter a web address starting with https://';
  return issue.message;
}

/** Server-side errors for a form; anything that is not an ApiError is reported without a field. */
export function errorsFrom(error: unknown): FieldError[] {
  if (error instanceof ApiError) return error.errors;
  return [{ message: (error as Error)?.message || 'Something went wrong. Try again.' }];
}

/** Whole numbers typed into a text box, or NaN so the schema reports them. */
export const toInt = (value: string): number => (/^\s*-?\d+\s*$/.test(value) ? Number(value) : Number.NaN);

import { createHash } from 'node:crypto';
import { invalid } from './problem.js';

/**
 * A search cursor is a position in the public open-slot index plus a fingerprint of the filters
 * it was issued for. It names no tenant and unlocks nothing: every page re-applies the caller's
 * filters, and a cursor reused with other filters is refused.
 */
const fingerprint = (filterKey: string) => createHash('sha256').update(filterKey).digest('base64url').slice(0, 16);

/** A real calendar month and day, then a slot id: anything else is refused before it reaches a query. */
const POSITION = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])#[\w-]{1,64}$/;

export function encodeCursor(position: string, filterKey: string): string {
  return Buffer.from(JSON.stringify({ p: position, f: fingerprint(filterKey) })).toString('base64url');
}

/** A directory position: a school's name (lower case, any printable text) then its id. */
export const NAME_POSITION = /^[^\u0000-\u001f]{0,200}#[\w-]{1,64}$/;

export function decodeCursor(cursor: string, filterKey: string, position: RegExp = POSITION): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { p?: unknown; f?: unknown };
    if (typeof parsed.p === 'string' && position.test(parsed.p) && parsed.f === fingerprint(filterKey)) return parsed.p;
  } catch {
    // fall through to the 400 below
  }
  throw invalid([{ field: 'cursor', message: 'This cursor is not valid for this search; start again without it' }], 'query');
}

/**
 * A list cursor: the key the previous page ended on, opaque to the client. The store checks that
 * the key belongs to the list it is sent with (`queryPage`), so a cursor from one organisation's
 * list cannot read another's; here it only has to be our JSON.
 */
export function encodeListCursor(lastKey: Record<string, unknown> | undefined): string | null {
  return lastKey ? Buffer.from(JSON.stringify(lastKey)).toString('base64url') : null;
}

export function decodeListCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through to the 400 below
  }
  throw invalid([{ field: 'cursor', message: 'This cursor is not valid for this list; start again without it' }], 'query');
}

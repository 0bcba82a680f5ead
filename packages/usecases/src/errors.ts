/**
 * What a use case answers when it will not do what was asked. The API turns each into RFC 9457
 * problem+json; the codes are the rules engine's rule codes or the few of the use cases' own.
 */

export interface RefusalReason {
  code: string;
  message: string;
  yearGroup?: number;
}

/** A rule stops the action: 422 when the request itself cannot meet it, 409 when the state of things stops it now. */
export class Refused extends Error {
  constructor(
    readonly status: 403 | 409 | 422 | 429,
    readonly reasons: RefusalReason[],
    /** What the person can do instead, when there is something. */
    readonly detail?: string,
  ) {
    super(detail ?? reasons[0]?.message ?? 'Refused');
    this.name = 'Refused';
  }
}

/** A field of the input is wrong in a way only the stored facts reveal (an unknown venue, say). */
export class InvalidInput extends Error {
  constructor(
    readonly problems: Array<{ field: string; message: string }>,
    /** Which part of the request the fields are in. */
    readonly where: 'body' | 'query' | 'params' = 'body',
  ) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
    this.name = 'InvalidInput';
  }
}

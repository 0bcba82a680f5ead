import type { FormEvent, ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError, type FieldError } from '../api';
import { Button, ErrorSummary } from './forms';
import { Empty, Loaded, type Load } from './states';

/**
 * A search page's two columns: the filters (a search form whose fields are `filters`, with its error
 * summary and "Apply filters" button) beside the results (`children`), stacked on a phone.
 */
export function SearchColumns({
  label,
  errors,
  onSubmit,
  filters,
  children,
}: {
  /** The search form's accessible name: "Filter slots". */
  label: string;
  errors: readonly FieldError[];
  onSubmit: (event: FormEvent) => void;
  filters: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-one-third-from-desktop">
        <ErrorSummary errors={errors} />
        <form onSubmit={onSubmit} noValidate role="search" aria-label={label}>
          <h2 className="govuk-heading-m">Filter</h2>
          {filters}
          <Button secondary>Apply filters</Button>
        </form>
      </div>
      <div className="govuk-grid-column-two-thirds-from-desktop">{children}</div>
    </div>
  );
}

/** What is wrong with a search's date range (each a `YYYY-MM-DD`, or null where the date is not real). */
export function dateRangeErrors(from: string | null, to: string | null): FieldError[] {
  const found: FieldError[] = [];
  if (!from) found.push({ field: 'from', message: 'Enter a real date to search from, like 1 10 2026' });
  if (!to) found.push({ field: 'to', message: 'Enter a real date to search to, like 31 3 2027' });
  if (from && to && to < from) found.push({ field: 'to', message: 'The end date must be on or after the start date' });
  return found;
}

/**
 * What the API said when it could not place a distance search: the searching organisation has no
 * location and no postcode was given (`noLocation`), or the postcode given is one it cannot place
 * (`nearUnknown`, its message). `onField` is what the near-postcode field then says.
 */
export function placeProblem(load: Load<unknown>, near: string): { noLocation: boolean; nearUnknown?: string; onField?: string } {
  const error = load.state === 'error' && load.error instanceof ApiError && load.error.status === 400 ? load.error.errors.find((e) => e.field === 'near') : undefined;
  const noLocation = Boolean(error) && !near;
  const nearUnknown = error && near ? error.message : undefined;
  return { noLocation, nearUnknown, onField: nearUnknown ?? (noLocation ? 'Enter a postcode to search near' : undefined) };
}

/**
 * In place of results: the organisation cannot be placed and the search named no postcode. Links to
 * the organisation's settings, which come back to `returnTo` (this search) once a place is saved.
 */
export function NeedsLocation({ orgId, returnTo }: { orgId: string; returnTo: string }) {
  return (
    <div className="sg-error-state" role="alert" data-testid="needs-location">
      <h2 className="govuk-heading-m">Enter a postcode to search near</h2>
      <p className="govuk-body">We measure distance from your organisation’s postcode, and we could not place it.</p>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/organisations/${orgId}/settings?returnTo=${encodeURIComponent(returnTo)}`}>
          Choose a nearby postcode district in organisation settings
        </Link>
        , or enter a postcode to search near.
      </p>
    </div>
  );
}

/** In place of results: the postcode searched near is one the API cannot place. */
export function NearUnknown({ near, message }: { near: string; message: string }) {
  return (
    <div className="sg-error-state" role="alert" data-testid="near-unknown">
      <h2 className="govuk-heading-m">We could not place {near}</h2>
      <p className="govuk-body">{message}.</p>
    </div>
  );
}

/**
 * A search's results column: a heading that counts them (announced when it changes), the result
 * cards, a button for the next page of results, or what to say when nothing matches.
 *
 * @example
 * <SearchResults load={load} finding="Finding schools" noun={['school', 'schools']} onMore={setCursor} empty="No schools match.">
 *   {(s) => <SchoolResult key={s.id} school={s} />}
 * </SearchResults>
 */
export function SearchResults<T>({
  load,
  finding,
  noun,
  order,
  more = noun[1],
  onMore,
  empty,
  children,
}: {
  load: Load<{ items: T[]; nextCursor?: string | null }>;
  /** Said while the search runs, like "Finding schools". */
  finding: string;
  /** What one result is, and more than one: `['slot', 'slots']`. */
  noun: readonly [string, string];
  /** How the results are sorted, after the count: "in name order". */
  order?: string;
  /** What the next page holds, after "Show more": "schools". */
  more?: string;
  onMore: (cursor: string) => void;
  empty: ReactNode;
  /** One result: an `li` with its key. */
  children: (item: T) => ReactNode;
}) {
  return (
    <Loaded load={load} what={finding}>
      {({ items, nextCursor }) =>
        items.length ? (
          <>
            <h2 className="govuk-heading-m" aria-live="polite">
              {items.length} {items.length === 1 ? noun[0] : noun[1]}
              {nextCursor ? ' shown' : ''}
              {order ? `, ${order}` : ''}
            </h2>
            <ul className="govuk-list sg-results">{items.map(children)}</ul>
            {nextCursor ? (
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => onMore(nextCursor)}>
                Show more {more}
              </button>
            ) : null}
          </>
        ) : (
          <Empty>{empty}</Empty>
        )
      }
    </Loaded>
  );
}

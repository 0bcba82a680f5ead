import { Link, useSearchParams } from 'react-router';

/**
 * The page of a list the address asks for: `?<name>=<cursor>` (the API's `nextCursor`), so a
 * "more" link is an ordinary link that the back button and a shared address both respect.
 */
export function useListCursor(name = 'cursor'): string | undefined {
  const [params] = useSearchParams();
  return params.get(name) ?? undefined;
}

/**
 * "Show more" under a list when the API says there is more, and "Back to the start" once past
 * the first page. `what` names the list for screen readers ("slots", "bookings").
 */
export function MoreLinks({ nextCursor, what, name = 'cursor' }: { nextCursor: string | null; what: string; name?: string }) {
  const [params] = useSearchParams();
  const withCursor = (cursor: string | null) => {
    const next = new URLSearchParams(params);
    if (cursor) next.set(name, cursor);
    else next.delete(name);
    const s = next.toString();
    return s ? `?${s}` : '?';
  };
  if (!nextCursor && !params.get(name)) return null;
  return (
    <nav className="govuk-pagination govuk-pagination--block" aria-label={`More ${what}`}>
      {nextCursor ? (
        <div className="govuk-pagination__next">
          <Link className="govuk-link govuk-pagination__link" to={withCursor(nextCursor)} rel="next">
            <span className="govuk-pagination__link-title">
              Show more<span className="govuk-visually-hidden"> {what}</span>
            </span>
          </Link>
        </div>
      ) : null}
      {params.get(name) ? (
        <div className="govuk-pagination__prev">
          <Link className="govuk-link govuk-pagination__link" to={withCursor(null)} rel="first">
            <span className="govuk-pagination__link-title">
              Back to the start<span className="govuk-visually-hidden"> of the {what}</span>
            </span>
          </Link>
        </div>
      ) : null}
    </nav>
  );
}

import { useEffect, type ReactNode } from 'react';

/** One h1 per page, and the document title "<Page> – Schoolgate" to match it. */
export function Page({
  title,
  caption,
  children,
  before,
  wide,
}: {
  title: string;
  caption?: string;
  children?: ReactNode;
  /** Back link or banner shown above the heading. */
  before?: ReactNode;
  wide?: boolean;
}) {
  useEffect(() => {
    document.title = `${title} – Schoolgate`;
  }, [title]);
  return (
    <>
      {before}
      <div className="govuk-grid-row">
        <div className={wide ? 'govuk-grid-column-full' : 'govuk-grid-column-two-thirds-from-desktop'}>
          {caption ? <span className="govuk-caption-l">{caption}</span> : null}
          <h1 className="govuk-heading-l" tabIndex={-1}>
            {title}
          </h1>
        </div>
      </div>
      {children}
    </>
  );
}

/** Content column; full width on small screens. */
export function Column({ children, wide }: { children: ReactNode; wide?: boolean }) {
  return (
    <div className="govuk-grid-row">
      <div className={wide ? 'govuk-grid-column-full' : 'govuk-grid-column-two-thirds-from-desktop'}>{children}</div>
    </div>
  );
}

import { useCallback, useEffect, useRef, useState, type DependencyList, type ReactNode } from 'react';
import { ApiError } from '../api';

export type Load<T> =
  | { state: 'loading'; reload: () => void }
  | { state: 'error'; error: Error; reload: () => void }
  | { state: 'ok'; data: T; reload: () => void };

/** Loads data for a page; a stale answer (from before the deps changed) is dropped. */
export function useLoad<T>(fn: () => Promise<T>, deps: DependencyList): Load<T> {
  const [result, setResult] = useState<{ state: 'loading' } | { state: 'error'; error: Error } | { state: 'ok'; data: T }>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  useEffect(() => {
    let live = true;
    setResult((r) => (r.state === 'ok' && tick > 0 ? r : { state: 'loading' }));
    fnRef.current().then(
      (data) => live && setResult({ state: 'ok', data }),
      (error: Error) => live && setResult({ state: 'error', error }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...result, reload } as Load<T>;
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="govuk-body sg-loading" role="status" aria-live="polite">
      {what}…
    </p>
  );
}

export function ErrorState({ error, retry }: { error: Error; retry?: () => void }) {
  const status = error instanceof ApiError ? error.status : 0;
  const heading =
    status === 404 ? 'We could not find this' : status === 403 ? 'You do not have access to this' : 'Sorry, this could not be loaded';
  return (
    <div className="sg-error-state" role="alert">
      <h2 className="govuk-heading-m">{heading}</h2>
      <p className="govuk-body">{error.message || 'Something went wrong.'}</p>
      {retry && status !== 404 && status !== 403 ? (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** Renders loading and error states, or the children with the data. */
export function Loaded<T>({ load, children, what }: { load: Load<T>; children: (data: T) => ReactNode; what?: string }) {
  if (load.state === 'loading') return <Loading what={what} />;
  if (load.state === 'error') return <ErrorState error={load.error} retry={load.reload} />;
  return <>{children(load.data)}</>;
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="govuk-inset-text sg-empty">{children}</div>;
}

import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { api, type Me } from './api';
import { getSession, onSessionChange, type Session } from './auth';
import { Page } from './components/Page';
import { Loaded, useLoad, type Load } from './components/states';

const SessionContext = createContext<Session | null>(null);
const MeContext = createContext<Load<Me> | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState(getSession);
  useEffect(() => onSessionChange(() => setSession(getSession())), []);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export const useSession = () => useContext(SessionContext);

export function signInPath(location: { pathname: string; search: string; hash?: string }) {
  return `/sign-in?returnTo=${encodeURIComponent(location.pathname + location.search + (location.hash ?? ''))}`;
}

/** Pages behind sign-in: with no session, go to sign-in and come back here afterwards. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  const me = useLoad(() => (session ? api.me() : Promise.resolve(null as unknown as Me)), [session?.idToken]);
  if (!session) return <Navigate to={signInPath(location)} replace />;
  if (me.state !== 'ok') {
    return (
      <Page title={me.state === 'loading' ? 'Loading' : 'Sorry, there is a problem'}>
        <Loaded load={me}>{() => null}</Loaded>
      </Page>
    );
  }
  return <MeContext.Provider value={me}>{children}</MeContext.Provider>;
}

export function useMe(): Me & { reload: () => void } {
  const me = useContext(MeContext);
  if (!me || me.state !== 'ok') throw new Error('useMe outside RequireSignIn');
  return { ...me.data, reload: me.reload };
}

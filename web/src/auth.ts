/**
 * Sign-in against Cognito's JSON API directly (no SDK in the bundle). The session lives in
 * sessionStorage so it ends with the tab, as the brief asks; nothing is kept in localStorage.
 */

export interface WebConfig {
  cognitoEndpoint: string;
  cognitoClientId: string;
  region: string;
}

export interface Session {
  idToken: string;
  refreshToken?: string;
  email: string;
}

const KEY = 'schoolgate.session';
let configPromise: Promise<WebConfig> | null = null;
const listeners = new Set<() => void>();

export function loadConfig(): Promise<WebConfig> {
  configPromise ??= fetch('/config.json').then(async (res) => {
    if (!res.ok) {
      configPromise = null;
      throw new Error('Sign-in is not available right now (no configuration). Try again in a few minutes.');
    }
    return (await res.json()) as WebConfig;
  });
  return configPromise;
}

export class AuthError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Cognito's error names, in words a user can act on. */
function explain(code: string, fallback: string): string {
  switch (code) {
    case 'NotAuthorizedException':
      return 'The email address or password is not right';
    case 'UserNotFoundException':
      return 'The email address or password is not right';
    case 'UserNotConfirmedException':
      return 'Confirm your email address first: enter the code we sent you';
    case 'UsernameExistsException':
      return 'An account with this email address already exists. Sign in instead';
    case 'InvalidPasswordException':
      return 'Your password must be at least 8 characters and include upper and lower case letters, a number and a symbol';
    case 'CodeMismatchException':
      return 'The confirmation code is not right. Check the email and try again';
    case 'ExpiredCodeException':
      return 'The confirmation code has expired. Ask for a new one';
    case 'InvalidParameterException':
      return fallback || 'Check the details you entered';
    default:
      return fallback || 'Something went wrong signing in. Try again';
  }
}

async function cognito<T>(target: string, body: unknown): Promise<T> {
  const config = await loadConfig();
  let res: Response;
  try {
    res = await fetch(config.cognitoEndpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': `AWSCognitoIdentityProviderService.${target}`,
      },
      body: JSON.stringify(body),
    });
  } catch {
    throw new AuthError('Network', 'We could not reach the sign-in service. Check your connection and try again');
  }
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    const raw = String(json.__type ?? json.code ?? 'Unknown');
    const code = raw.includes('#') ? raw.slice(raw.lastIndexOf('#') + 1) : raw;
    throw new AuthError(code, explain(code, String(json.message ?? '')));
  }
  return json as T;
}

interface AuthResult {
  AuthenticationResult?: { IdToken?: string; RefreshToken?: string };
  ChallengeName?: string;
}

export function getSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

function setSession(session: Session | null) {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
  for (const listener of listeners) listener();
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function signIn(email: string, password: string): Promise<Session> {
  const config = await loadConfig();
  const result = await cognito<AuthResult>('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: config.cognitoClientId,
    AuthParameters: { USERNAME: email.trim(), PASSWORD: password },
  });
  const token = result.AuthenticationResult?.IdToken;
  if (!token) {
    throw new AuthError(result.ChallengeName ?? 'Challenge', 'Your account needs attention before you can sign in. Contact your administrator');
  }
  const session: Session = { idToken: token, refreshToken: result.AuthenticationResult?.RefreshToken, email: email.trim() };
  setSession(session);
  return session;
}

export async function signUp(email: string, password: string): Promise<void> {
  const config = await loadConfig();
  await cognito('SignUp', {
    ClientId: config.cognitoClientId,
    Username: email.trim(),
    Password: password,
    UserAttributes: [{ Name: 'email', Value: email.trim() }],
  });
}

export async function confirmSignUp(email: string, code: string): Promise<void> {
  const config = await loadConfig();
  await cognito('ConfirmSignUp', { ClientId: config.cognitoClientId, Username: email.trim(), ConfirmationCode: code.trim() });
}

export async function resendCode(email: string): Promise<void> {
  const config = await loadConfig();
  await cognito('ResendConfirmationCode', { ClientId: config.cognitoClientId, Username: email.trim() });
}

export function signOut() {
  setSession(null);
}

/** Seconds since the epoch at which a JWT expires, or 0 if it cannot be read. */
export function tokenExpiry(token: string): number {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return json.exp ?? 0;
  } catch {
    return 0;
  }
}

let refreshing: Promise<string | null> | null = null;

/** A usable ID token, refreshed when it is within a minute of expiring; null when signed out. */
export async function currentToken(): Promise<string | null> {
  const session = getSession();
  if (!session) return null;
  if (tokenExpiry(session.idToken) * 1000 > Date.now() + 60_000) return session.idToken;
  if (!session.refreshToken) return session.idToken;
  refreshing ??= (async () => {
    try {
      const config = await loadConfig();
      const result = await cognito<AuthResult>('InitiateAuth', {
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: config.cognitoClientId,
        AuthParameters: { REFRESH_TOKEN: session.refreshToken },
      });
      const token = result.AuthenticationResult?.IdToken;
      if (!token) return session.idToken;
      setSession({ ...session, idToken: token });
      return token;
    } catch {
      // The server will answer 401 and send the user to sign in again, keeping their place.
      return session.idToken;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** Only same-site paths are followed after sign-in, so a crafted link cannot send users elsewhere. */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value.startsWith('/sign-in') || value.startsWith('/sign-up')) return '/';
  return value;
}

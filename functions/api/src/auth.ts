import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { ApiKeyRecord } from '@schoolgate/store';
import { ProblemError } from './problem.js';

export interface Caller {
  userId: string;
  email: string;
  platformAdmin: boolean;
  /** Set when an organisation's API key is calling (machine-auth.ts): it acts for that organisation only. */
  apiKey?: ApiKeyRecord;
}

export interface TokenVerifier {
  verify(token: string): Promise<Caller>;
}

export interface JwtVerifierConfig {
  /** The Cognito user pool's issuer URL; its JWKS is at `<issuer>/.well-known/jwks.json`. */
  issuer: string;
  /** The web app client's id: ID tokens carry it as `aud`. */
  audience: string;
  jwks?: JWTVerifyGetKey;
}

const PLATFORM_ADMIN_GROUP = 'platform-admins';

/**
 * Verifies Cognito ID tokens against the issuer's published keys, locally (cognito-local) and on
 * AWS alike. API Gateway's authorizer checks them too; the app never trusts it alone.
 */
export function jwtVerifier(config: JwtVerifierConfig): TokenVerifier {
  // Made on the first signed-in request, not at cold start: making it touches the global `Headers`,
  // which loads Node's fetch implementation (undici), ~6% of the API's cold init.
  let jwks = config.jwks;
  return {
    async verify(token) {
      try {
        jwks ??= createRemoteJWKSet(new URL(`${config.issuer}/.well-known/jwks.json`));
        const { payload } = await jwtVerify(token, jwks, { issuer: config.issuer, audience: config.audience });
        if (payload.token_use !== 'id' || typeof payload.sub !== 'string' || typeof payload.email !== 'string') {
          throw new Error('not an ID token');
        }
        // Invitations are addressed by email: an unverified address (one a user typed into their
        // own profile) must never stand for the person who owns it.
        if (payload.email_verified !== true) throw new Error('email not verified');
        const groups = Array.isArray(payload['cognito:groups']) ? (payload['cognito:groups'] as string[]) : [];
        return { userId: payload.sub, email: payload.email.toLowerCase(), platformAdmin: groups.includes(PLATFORM_ADMIN_GROUP) };
      } catch {
        throw unauthorised();
      }
    },
  };
}

export const unauthorised = () =>
  new ProblemError(401, 'Sign in required', [], 'Send a valid Schoolgate ID token as `Authorization: Bearer <token>`.');

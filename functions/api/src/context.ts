import type { Context } from 'hono';
import { getMembership, type MembershipRecord, type OrganisationKind } from '@schoolgate/store';
import type { Caller } from './auth.js';
import type { ApiDeps } from './deps.js';
import { forbidden, notFound, ProblemError } from './problem.js';

export type AppEnv = {
  Variables: { deps: ApiDeps; caller: Caller };
};
export type AppContext = Context<AppEnv>;

export const deps = (c: AppContext) => c.get('deps');
export const caller = (c: AppContext) => {
  const value = c.get('caller');
  if (!value) throw new ProblemError(401, 'Sign in required');
  return value;
};

/**
 * The caller must belong to the organisation, with one of the roles. A non-member gets 404 (they
 * learn nothing about the organisation); a member without the role gets 403.
 */
export async function requireMember(
  c: AppContext,
  orgId: string,
  roles?: readonly string[],
  kinds?: readonly OrganisationKind[],
): Promise<MembershipRecord> {
  const membership = await getMembership(deps(c).db, caller(c).userId, orgId);
  // A route for schools treats a provider's id as unknown, whatever role its members hold.
  if (!membership || (kinds && !kinds.includes(membership.kind))) throw notFound();
  if (roles && !roles.includes(membership.role)) {
    throw forbidden(`This needs one of these roles in ${membership.orgName}: ${roles.join(', ')}.`);
  }
  return membership;
}

export function requirePlatformAdmin(c: AppContext): void {
  if (!caller(c).platformAdmin) throw forbidden('Only a platform administrator can do this.');
}

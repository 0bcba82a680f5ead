import type { Context } from 'hono';
import type { MembershipRecord, OrganisationKind } from '@schoolgate/store';
import { membershipOf } from '@schoolgate/usecases';
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
  const membership = await membershipOf(deps(c).db, caller(c).userId, orgId);
  // A route for schools treats a provider's id as unknown, whatever role its members hold.
  if (!membership || (kinds && !kinds.includes(membership.kind))) throw notFound();
  if (roles) requireRole(membership, roles);
  return membership;
}

/**
 * The caller's membership of each party to a booking or proposal, read together. A caller in
 * neither gets 404: they learn nothing about a record between two other organisations.
 */
export async function requireParty(
  c: AppContext,
  schoolId: string,
  requesterOrgId: string,
): Promise<{ asSchool?: MembershipRecord; asRequester?: MembershipRecord }> {
  const { db } = deps(c);
  const userId = caller(c).userId;
  const [asSchool, asRequester] = await Promise.all([membershipOf(db, userId, schoolId), membershipOf(db, userId, requesterOrgId)]);
  if (!asSchool && !asRequester) throw notFound();
  return { ...(asSchool ? { asSchool } : {}), ...(asRequester ? { asRequester } : {}) };
}

/** A member's role must be one of these, or 403 naming the roles. */
export function requireRole(membership: MembershipRecord, roles: readonly string[]): void {
  if (!roles.includes(membership.role)) {
    throw forbidden(`This needs one of these roles in ${membership.orgName}: ${roles.join(', ')}.`);
  }
}

export function requirePlatformAdmin(c: AppContext): void {
  if (!caller(c).platformAdmin) throw forbidden('Only a platform administrator can do this.');
}

import type { Context } from 'hono';
import type { MembershipRecord, OrganisationKind } from '@schoolgate/store';
import { apiKeyMembership, membershipOf } from '@schoolgate/usecases';
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
  const membership = await membershipFor(c, orgId);
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
  const [asSchool, asRequester] = await Promise.all([membershipFor(c, schoolId), membershipFor(c, requesterOrgId)]);
  if (!asSchool && !asRequester) throw notFound();
  return { ...(asSchool ? { asSchool } : {}), ...(asRequester ? { asRequester } : {}) };
}

/** The role an API key holds in its organisation: the admin's when it may write, staff's when it only reads. */
const API_KEY_ADMIN_ROLE: Record<OrganisationKind, string> = { school: 'careers_leader', provider: 'admin', employer: 'admin' };

/**
 * The caller's membership of an organisation: a person's from the store; an API key's is its own
 * organisation and no other (membership checks then run exactly as for a person).
 */
export async function membershipFor(c: AppContext, orgId: string): Promise<MembershipRecord | undefined> {
  const who = caller(c);
  if (who.apiKey) return who.apiKey.orgId === orgId ? apiKeyMembership(who.apiKey, API_KEY_ADMIN_ROLE[who.apiKey.orgKind], 'staff') : undefined;
  return membershipOf(deps(c).db, who.userId, orgId);
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

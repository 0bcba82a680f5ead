import {
  acceptInvitation,
  changeOrganisation,
  createInvitation,
  createOrganisation,
  getOrganisations,
  listInvitationsForEmail,
  listMembersOfOrganisation,
  listMembershipsOfUser,
  pageOrganisationsOfKind,
  NotFoundError,
  verifyOrganisation,
  type Db,
  type InvitationRecord,
  type MembershipRecord,
  type OrganisationKind,
  type OrganisationRecord,
  type Page,
  type PageRequest,
} from '@schoolgate/store';
import { locationOfPostcode, outwardCode } from '@schoolgate/places';
import type { UseCaseContext } from './context.js';
import { InvalidInput } from './errors.js';
import { bookingsBrokenAtSchool, bookingsBrokenForProvider, tellOtherSideOfBrokenBookings, type AffectedBooking } from './school-standing.js';

/** Registers an organisation with its founder as the first member (careers leader or admin). */
export async function registerOrganisation(db: Db, org: OrganisationRecord, founder: { userId: string; email: string; role: string }): Promise<OrganisationRecord> {
  const placed = withPlace(org);
  await createOrganisation(db, placed, founder);
  return placed;
}

/**
 * An organisation's location comes from its postcode (the district's centroid), so nobody types
 * coordinates; one given explicitly wins (a district the table does not know asks for it).
 */
function withPlace<T extends Partial<Pick<OrganisationRecord, 'postcode' | 'location'>>>(org: T): T {
  if (org.location || !org.postcode) return org;
  const location = locationOfPostcode(org.postcode);
  return location ? { ...org, location } : org;
}

/**
 * A change of postcode moves the organisation. When the new district is one the table does not
 * know and no location comes with it, the stored location would be the old place's: ask for the
 * location instead (400 naming `location`, which the settings page answers with a nearby district
 * or a location). A registration never asks; it is placed later.
 */
function withMovedPlace<T extends Partial<Pick<OrganisationRecord, 'postcode' | 'location'>>>(stored: Pick<OrganisationRecord, 'postcode'>, change: T): T {
  const placed = withPlace(change);
  const moved = change.postcode !== undefined && outwardCode(change.postcode) !== outwardCode(stored.postcode);
  if (moved && !placed.location) {
    const district = outwardCode(change.postcode!) ?? change.postcode!.toUpperCase();
    throw new InvalidInput([{ field: 'location', message: `We could not place ${district}: choose a nearby postcode district or enter the location` }]);
  }
  return placed;
}

/** The signed-in user's organisations (with whether each is verified) and the invitations waiting for their email. */
export async function whoAmI(db: Db, user: { userId: string; email: string; platformAdmin: boolean }) {
  const memberships = await listMembershipsOfUser(db, user.userId);
  const [orgs, invitations] = await Promise.all([getOrganisations(db, memberships.map((m) => m.orgId)), listInvitationsForEmail(db, user.email)]);
  return {
    userId: user.userId,
    email: user.email,
    platformAdmin: user.platformAdmin,
    memberships: memberships.map((m) => ({ orgId: m.orgId, orgName: m.orgName, kind: m.kind, role: m.role, verified: orgs.get(m.orgId)?.verified ?? false })),
    invitations: invitations.map((i) => ({ orgId: i.orgId, orgName: i.orgName, role: i.role })),
  };
}

export interface SchoolProfileChange {
  profile: Partial<OrganisationRecord>;
  /** One year's roll, merged into what is stored for that year. */
  roll?: Record<string, number>;
  rollYear: string;
  venues?: NonNullable<OrganisationRecord['venues']>;
  notifications?: Partial<NonNullable<OrganisationRecord['notifications']>>;
}

/**
 * Changes a school's profile, merged with what is stored at the moment of writing (a
 * version-conditioned write, retried on a clash): a change of Year 7's roll keeps Years 8–11, even
 * when a colleague saves Year 8 at once. Answers the confirmed bookings the new facts break.
 */
export async function changeSchoolProfile(ctx: UseCaseContext, schoolId: string, change: SchoolProfileChange): Promise<OrganisationRecord & { affectedBookings: AffectedBooking[] }> {
  const { roll, rollYear, venues, notifications, profile } = change;
  const { after } = await changeOrganisation(ctx.db, schoolId, (current) => {
    if (current.kind !== 'school') throw new NotFoundError();
    const changes: Partial<OrganisationRecord> = withMovedPlace(current, { ...profile });
    if (roll) changes.rolls = { ...current.rolls, [rollYear]: { ...current.rolls?.[rollYear], ...roll } };
    if (venues) changes.venues = venues;
    if (notifications) changes.notifications = { ...current.notifications, ...notifications } as OrganisationRecord['notifications'];
    return changes;
  });
  const factsChanged = Boolean(roll || venues || profile.yearGroups);
  const affectedBookings = factsChanged ? await bookingsBrokenAtSchool(ctx.db, schoolId, ctx.now()) : [];
  await tellOtherSideOfBrokenBookings(ctx.db, affectedBookings, 'school', ctx.now());
  return { ...after, affectedBookings };
}

/**
 * Changes a provider's or employer's profile. What a provider offers decides ELIGIBLE_PROVIDER, so
 * a change of it goes back to the platform admin, and the answer names the confirmed statutory
 * bookings that stop counting.
 */
export async function changePartnerProfile(
  ctx: UseCaseContext,
  orgId: string,
  changes: Partial<OrganisationRecord>,
  notifications?: Partial<NonNullable<OrganisationRecord['notifications']>>,
): Promise<OrganisationRecord & { affectedBookings: AffectedBooking[] }> {
  let eligibilityChanged = false;
  const { after } = await changeOrganisation(ctx.db, orgId, (stored) => {
    eligibilityChanged = (['providerType', 'offers', 'registeredApprenticeshipProvider'] as const).some(
      (field) => changes[field] !== undefined && JSON.stringify(changes[field]) !== JSON.stringify(stored[field]),
    );
    return {
      ...withMovedPlace(stored, changes),
      // Back to the platform admin: into the verification queue, waiting from now.
      // (One already waiting keeps its place.)
      ...(eligibilityChanged ? { verified: false, ...(stored.verified ? { waitingSince: ctx.now().toISOString() } : {}) } : {}),
      ...(notifications ? { notifications: { ...stored.notifications, ...notifications } as OrganisationRecord['notifications'] } : {}),
    };
  });
  const affectedBookings = eligibilityChanged ? await bookingsBrokenForProvider(ctx.db, after, ctx.now()) : [];
  await tellOtherSideOfBrokenBookings(ctx.db, affectedBookings, 'requester', ctx.now());
  return { ...after, affectedBookings };
}

/** Invites a colleague by email (the invitation email goes through the outbox in the same transaction). */
export function inviteColleague(ctx: UseCaseContext, org: OrganisationRecord, input: { email: string; role: string; invitedBy: string }): Promise<InvitationRecord> {
  return createInvitation(ctx.db, {
    orgId: org.id,
    orgName: org.name,
    kind: org.kind,
    email: input.email.toLowerCase(),
    role: input.role,
    invitedBy: input.invitedBy,
    createdAt: ctx.now().toISOString(),
    eventId: ctx.newId(),
  });
}

/** Accepts an invitation addressed to the user's email; the user becomes a member. */
export const acceptInvitationFor = (ctx: UseCaseContext, orgId: string, user: { userId: string; email: string }): Promise<MembershipRecord> =>
  acceptInvitation(ctx.db, orgId, user.email, user.userId, ctx.now().toISOString());

/** Who belongs to the organisation, with their roles. */
export async function listMembers(db: Db, orgId: string) {
  const members = await listMembersOfOrganisation(db, orgId);
  return members.map(({ email, role, createdAt }) => ({ email, role, since: createdAt }));
}

/** Organisations of one kind, for the platform admin. */
export const organisationsOfKind = (db: Db, kind: OrganisationKind, page: PageRequest): Promise<Page<OrganisationRecord>> => pageOrganisationsOfKind(db, kind, page);

/** The platform admin verifies an organisation. */
export const verify = (db: Db, orgId: string): Promise<OrganisationRecord> => verifyOrganisation(db, orgId);

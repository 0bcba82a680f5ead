import { Hono } from 'hono';
// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import { acceptedMembership, createEmployer, createProvider, createSchool, invitation, invite, listPage, me as meSchema, memberList, organisation, organisationChanged, organisationList, organisationView, publicOrganisation, updatePartner, updateSchool } from '@schoolgate/contracts';
import type { OrganisationKind, OrganisationRecord } from '@schoolgate/store';
import { academicYearOf, todayInLondon } from '@schoolgate/domain';
import {
  acceptInvitationFor,
  changePartnerProfile,
  changeSchoolProfile,
  inviteColleague,
  listMembers,
  organisationsOfKind,
  readOrganisation,
  registerOrganisation,
  matchSchoolToTrust,
  verify,
  whoAmI,
} from '@schoolgate/usecases';
import { caller, deps, membershipFor, requireMember, requirePlatformAdmin, type AppContext, type AppEnv } from '../context.js';
import { invalid, notFound, ProblemError } from '../problem.js';
import { decodeListCursor, encodeListCursor } from '../cursor.js';
import { route } from '../declare.js';

export const ADMIN_ROLES: Record<OrganisationKind, readonly string[]> = {
  school: ['careers_leader'],
  provider: ['admin'],
  employer: ['admin'],
};
/** Who signs off an employer's safety pack for the school (work experience). */
export const PLACEMENT_ROLES: readonly string[] = ['careers_leader', 'placement_coordinator'];
export const ROLES: Record<OrganisationKind, readonly string[]> = {
  school: ['careers_leader', 'staff', 'placement_coordinator'],
  provider: ['admin', 'staff'],
  employer: ['admin', 'staff'],
};

const idParam = z.strictObject({ id: z.string().min(1).max(64) });

/** What anyone signed in may see of an organisation: no roll numbers, no notification settings. */
export function publicView(org: OrganisationRecord) {
  const { rolls: _rolls, notifications: _notifications, ...rest } = org;
  return rest;
}

function defaultNotifications(c: AppContext, given?: { contactEmail?: string; reminderDaysBefore?: number[] }) {
  return { contactEmail: given?.contactEmail ?? caller(c).email, reminderDaysBefore: given?.reminderDaysBefore ?? [7, 1] };
}

async function create(c: AppContext, org: OrganisationRecord) {
  const me = caller(c);
  const registered = await registerOrganisation(deps(c).db, org, { userId: me.userId, email: me.email, role: ADMIN_ROLES[org.kind][0]! });
  // A school the register places in a trust on Schoolgate is invited to it; it joins only if its careers leader consents.
  if (registered.kind === 'school') await matchSchoolToTrust(deps(c), registered);
  return c.json(registered, 201, { location: `/v1/organisations/${org.id}` });
}

export const organisations = new Hono<AppEnv>()
  .get('/me', route({ operationId: 'getMe', people: true, summary: 'The signed-in user, their organisations and invitations', tag: 'Organisations', auth: 'signed-in', response: { schema: meSchema }, problems: ['STORE_UNAVAILABLE'] }), async (c) => {
    return c.json(await whoAmI(deps(c).db, caller(c)));
  })
  .post('/schools', route({ operationId: 'createSchool', people: true, summary: 'Register a school; you become its careers leader', tag: 'Organisations', auth: 'signed-in', body: createSchool, response: { status: 201, schema: organisation }, problems: ['DUPLICATE_URN', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const body = c.req.valid('json');
    const { now, newId } = deps(c);
    const rollYear = body.rollYear ?? academicYearOf(todayInLondon(now()));
    const { rollYear: _ignored, roll, venues, notifications, ...profile } = body;
    return create(c, {
      ...profile,
      id: newId(),
      kind: 'school',
      // Schools are on the register of schools: the URN itself is checked by the platform admin.
      verified: false,
      rolls: { [String(rollYear)]: roll },
      venues: venues.map((v) => ({ ...v, id: v.id ?? newId() })),
      notifications: defaultNotifications(c, notifications),
      createdAt: now().toISOString(),
    });
  })
  .post('/providers', route({ operationId: 'createProvider', people: true, summary: 'Register a provider; you become its admin', tag: 'Organisations', auth: 'signed-in', body: createProvider, response: { status: 201, schema: organisation }, problems: ['DUPLICATE_UKPRN', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { notifications, ...body } = c.req.valid('json');
    const { now, newId } = deps(c);
    return create(c, {
      ...body,
      id: newId(),
      kind: 'provider',
      verified: false,
      notifications: defaultNotifications(c, notifications),
      createdAt: now().toISOString(),
    });
  })
  .post('/employers', route({ operationId: 'createEmployer', people: true, summary: 'Register an employer; you become its admin', tag: 'Organisations', auth: 'signed-in', body: createEmployer, response: { status: 201, schema: organisation }, problems: ['RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { notifications, ...body } = c.req.valid('json');
    const { now, newId } = deps(c);
    return create(c, {
      ...body,
      id: newId(),
      kind: 'employer',
      verified: false,
      notifications: defaultNotifications(c, notifications),
      createdAt: now().toISOString(),
    });
  })
  .get('/schools/:id', route({ operationId: 'getSchool', summary: 'A school (roll numbers and notification settings for members only)', tag: 'Organisations', auth: 'signed-in', params: idParam, response: { schema: organisationView }, problems: ['STORE_UNAVAILABLE'] }), (c) => showOrganisation(c, 'school'))
  .get('/organisations/:id', route({ operationId: 'getOrganisation', summary: 'An organisation (the whole record for members and platform admins)', tag: 'Organisations', auth: 'signed-in', params: idParam, response: { schema: organisationView }, problems: ['STORE_UNAVAILABLE'] }), (c) => showOrganisation(c))
  .patch('/schools/:id', route({ operationId: 'updateSchool', summary: 'Change a school profile, roll or venues; answers the confirmed bookings the change breaks', tag: 'Organisations', auth: 'school-leader', params: idParam, body: updateSchool, response: { schema: organisationChanged }, problems: ['CONTENTION', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    await requireMember(c, id, ADMIN_ROLES.school, ['school']);
    const { roll, rollYear, venues, notifications, ...rest } = c.req.valid('json');
    const { now, newId } = deps(c);
    const changed = await changeSchoolProfile(deps(c), id, {
      profile: rest,
      rollYear: String(rollYear ?? academicYearOf(todayInLondon(now()))),
      ...(roll ? { roll } : {}),
      ...(venues ? { venues: venues.map((v) => ({ ...v, id: v.id ?? newId() })) } : {}),
      ...(notifications ? { notifications } : {}),
    });
    return c.json(changed);
  })
  .patch('/organisations/:id', route({ operationId: 'updatePartner', summary: "Change a provider's or employer's profile and notification settings (a change of offer goes back for verification)", tag: 'Organisations', auth: 'org-admin', params: idParam, body: updatePartner, response: { schema: organisationChanged }, problems: ['CONTENTION', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    const current = await readOrganisation(deps(c).db, id);
    if (!current) throw notFound();
    await requireMember(c, id, ADMIN_ROLES[current.kind]);
    if (current.kind === 'school') {
      throw new ProblemError(400, 'Use the school profile', [], `Change a school with PATCH /v1/schools/${id}.`);
    }
    const { notifications, ...changes } = c.req.valid('json');
    if (current.kind === 'employer' && (changes.providerType || changes.offers)) {
      throw invalid([{ field: changes.providerType ? 'providerType' : 'offers', message: 'Employers have no provider type or technical offer' }]);
    }
    // What a provider offers decides ELIGIBLE_PROVIDER: a change goes back to the platform admin,
    // and the answer names the confirmed statutory bookings that stop counting.
    return c.json(await changePartnerProfile(deps(c), id, changes, notifications));
  })
  .post('/organisations/:id/invitations', route({ operationId: 'inviteMember', people: true, summary: 'Invite a colleague by email', tag: 'Organisations', auth: 'org-admin', params: idParam, body: invite, response: { status: 201, schema: invitation }, problems: ['RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    const org = await readOrganisation(deps(c).db, id);
    if (!org) throw notFound();
    const membership = await requireMember(c, id, ADMIN_ROLES[org.kind]);
    const body = c.req.valid('json');
    if (!ROLES[org.kind].includes(body.role)) {
      throw invalid([
        { field: 'role', message: `Choose one of: ${ROLES[org.kind].join(', ')}` },
      ]);
    }
    const invitation = await inviteColleague(deps(c), org, { email: body.email, role: body.role, invitedBy: membership.email });
    return c.json(invitation, 201);
  })
  .get('/organisations/:id/members', route({ operationId: 'listMembers', summary: 'Who belongs to the organisation, with their roles', tag: 'Organisations', auth: 'member', params: idParam, response: { schema: memberList }, problems: ['STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    await requireMember(c, id);
    return c.json({ items: await listMembers(deps(c).db, id) });
  })
  .post('/invitations/:id/accept', route({ operationId: 'acceptInvitation', people: true, summary: 'Accept an invitation addressed to your email', tag: 'Organisations', auth: 'signed-in', params: idParam, response: { status: 201, schema: acceptedMembership }, problems: ['ALREADY_MEMBER', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    const membership = await acceptInvitationFor(deps(c), id, caller(c));
    return c.json(membership, 201);
  })
  .get('/admin/organisations', route({ operationId: 'listOrganisationsOfKind', summary: 'Organisations of a kind, for verification', tag: 'Platform admin', auth: 'platform-admin', query: z.strictObject({ kind: z.enum(['school', 'provider', 'employer']), ...listPage }), response: { schema: organisationList }, problems: ['STORE_UNAVAILABLE'] }), async (c) => {
    requirePlatformAdmin(c);
    const { kind, limit, cursor } = c.req.valid('query');
    const page = await organisationsOfKind(deps(c).db, kind, { limit, after: decodeListCursor(cursor) });
    return c.json({ items: page.items.map(publicView), nextCursor: encodeListCursor(page.lastKey) });
  })
  .post('/admin/organisations/:id/verify', route({ operationId: 'verifyOrganisation', summary: 'Verify an organisation', tag: 'Platform admin', auth: 'platform-admin', params: idParam, response: { schema: publicOrganisation }, problems: ['RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    requirePlatformAdmin(c);
    return c.json(publicView(await verify(deps(c).db, c.req.valid('param').id)));
  });

async function showOrganisation(c: AppContext, kind?: OrganisationKind) {
  const { id } = c.req.param() as { id: string };
  const org = await readOrganisation(deps(c).db, id);
  if (!org || (kind && org.kind !== kind)) throw notFound();
  const me = caller(c);
  const isMember = me.platformAdmin || Boolean(await membershipFor(c, id));
  return c.json(isMember ? org : publicView(org));
}

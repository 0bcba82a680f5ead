import { Hono } from 'hono';
// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import { group, groupInput, myGroupList, groupInviteInput, groupOverview as groupOverviewSchema, groupSchool, groupSchoolList, policyInput, templatePushed } from '@schoolgate/contracts';
import { consentToJoin, groupMembershipOf, groupOverview, inviteSchool, myGroups, pushPolicyTemplate, readGroup, schoolGroups, startGroup } from '@schoolgate/usecases';
import { caller, deps, requireMember, type AppContext, type AppEnv } from '../context.js';
import { notFound } from '../problem.js';
import { route } from '../declare.js';
import { ADMIN_ROLES, ROLES } from './organisations.js';

/* Trusts and careers hubs (issue 14): schools join by invitation and their careers leader's consent. */

const groupParam = z.strictObject({ groupId: z.string().min(1).max(64) });
const schoolParam = z.strictObject({ id: z.string().min(1).max(64) });

/** The caller must lead the group; anyone else gets 404 and learns nothing about it. */
async function requireGroupLead(c: AppContext, groupId: string) {
  const { db } = deps(c);
  const [membership, found] = await Promise.all([groupMembershipOf(db, caller(c).userId, groupId), readGroup(db, groupId)]);
  if (!membership || !found) throw notFound();
  return found;
}

export const trusts = new Hono<AppEnv>()
  .get(
    '/groups',
    route({ operationId: 'listMyGroups', summary: 'The trusts and hubs the caller leads', tag: 'Trusts and hubs', auth: 'signed-in', response: { schema: myGroupList }, problems: ['STORE_UNAVAILABLE'] }),
    async (c) => {
      const items = await myGroups(deps(c).db, caller(c).userId);
      return c.json({ items: items.map((m) => ({ groupId: m.groupId, groupName: m.groupName, kind: m.kind, role: m.role })) });
    },
  )
  .post(
    '/groups',
    route({ operationId: 'createGroup', summary: 'Start a trust (multi-academy trust) or a careers hub; the caller becomes its lead', tag: 'Trusts and hubs', auth: 'signed-in', body: groupInput, response: { status: 201, schema: group }, problems: ['RATE_LIMITED', 'STORE_UNAVAILABLE'], idempotent: true }),
    async (c) => {
      const { kind, name } = c.req.valid('json');
      const me = caller(c);
      return c.json(await startGroup(deps(c), kind, name, { userId: me.userId, email: me.email }), 201);
    },
  )
  .post(
    '/groups/:groupId/schools',
    route({ operationId: 'inviteSchoolToGroup', summary: 'Invite a school; it joins when its careers leader consents', tag: 'Trusts and hubs', auth: 'member', params: groupParam, body: groupInviteInput, response: { status: 201, schema: groupSchool }, problems: ['DUPLICATE', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }),
    async (c) => {
      const { groupId } = c.req.valid('param');
      await requireGroupLead(c, groupId);
      return c.json(await inviteSchool(deps(c), groupId, c.req.valid('json').schoolId, caller(c).email), 201);
    },
  )
  .get(
    '/groups/:groupId/overview',
    route({ operationId: 'getGroupOverview', summary: "Each consenting school's status per key phase (a hub also sees refusals and concerns)", tag: 'Trusts and hubs', auth: 'member', params: groupParam, response: { schema: groupOverviewSchema }, problems: ['STORE_UNAVAILABLE'] }),
    async (c) => {
      const { groupId } = c.req.valid('param');
      const found = await requireGroupLead(c, groupId);
      return c.json(await groupOverview(deps(c), found));
    },
  )
  .post(
    '/groups/:groupId/policy-template',
    route({ operationId: 'pushPolicyTemplate', summary: "Save a policy template as a new draft in every consenting academy (each publishes its own)", tag: 'Trusts and hubs', auth: 'member', params: groupParam, body: policyInput, response: { schema: templatePushed }, problems: ['RATE_LIMITED', 'STORE_UNAVAILABLE'] }),
    async (c) => {
      const { groupId } = c.req.valid('param');
      const found = await requireGroupLead(c, groupId);
      return c.json(await pushPolicyTemplate(deps(c), found, c.req.valid('json'), caller(c).email));
    },
  )
  .get(
    '/schools/:id/groups',
    route({ operationId: 'listSchoolGroups', summary: 'The trusts and hubs that invited the school, and whether it consented', tag: 'Trusts and hubs', auth: 'school-member', params: schoolParam, response: { schema: groupSchoolList }, problems: ['STORE_UNAVAILABLE'] }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireMember(c, id, ROLES.school, ['school']);
      return c.json({ items: await schoolGroups(deps(c).db, id) });
    },
  )
  .post(
    '/schools/:id/groups/:groupId/consent',
    route({ operationId: 'consentToGroup', summary: 'The careers leader consents to the school joining the trust or hub', tag: 'Trusts and hubs', auth: 'school-leader', params: schoolParam.extend(groupParam.shape), response: { schema: groupSchool }, problems: ['RATE_LIMITED', 'STORE_UNAVAILABLE'] }),
    async (c) => {
      const { id, groupId } = c.req.valid('param');
      await requireMember(c, id, ADMIN_ROLES.school, ['school']);
      return c.json(await consentToJoin(deps(c), groupId, id, caller(c).email));
    },
  );

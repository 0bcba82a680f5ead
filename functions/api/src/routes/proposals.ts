import { Hono } from 'hono';
// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import { declineInput, listPage, proposal as proposalSchema, proposalInput, proposalList, slot } from '@schoolgate/contracts';
import type { ProposalRecord } from '@schoolgate/store';
import { acceptProposal, declineProposedTime, listRequesterProposals, listSchoolProposals, proposeTime, readProposal } from '@schoolgate/usecases';
import { deps, requireMember, requireParty, type AppContext, type AppEnv } from '../context.js';
import { notFound } from '../problem.js';
import { decodeListCursor, encodeListCursor } from '../cursor.js';
import { route } from '../declare.js';
import { ADMIN_ROLES, ROLES } from './organisations.js';

const proposalParam = z.strictObject({ schoolId: z.string().min(1).max(64), proposalId: z.string().min(1).max(64) });

export const proposals = new Hono<AppEnv>()
  .post(
    '/organisations/:orgId/proposals',
    route({
      operationId: 'proposeTime',
      summary: "Propose a time within the school's published access times",
      tag: 'Proposals',
      auth: 'partner-member',
      params: z.strictObject({ orgId: z.string().min(1).max(64) }),
      body: proposalInput.extend({ schoolId: z.string().min(1).max(64) }),
      response: { status: 201, schema: proposalSchema },
      problems: ['NOT_A_PROVIDER', 'NOT_VERIFIED', 'SCHOOL_NOT_VERIFIED', 'POLICY_NOT_PUBLISHED', 'ACCESS_TIMES', 'LIVE_PROPOSALS_PER_SCHOOL', 'LIVE_PROPOSALS_OVERALL', 'RATE_LIMITED', 'STORE_UNAVAILABLE'],
    }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      await requireMember(c, orgId, ROLES.provider, ['provider', 'employer']);
      const proposal = await proposeTime(deps(c), orgId, c.req.valid('json'));
      return c.json(proposal, 201);
    },
  )
  .get(
    '/schools/:schoolId/proposals',
    route({
      operationId: 'listSchoolProposals',
      summary: 'Proposals made to the school, newest first across pages, each page oldest first (cursor pagination)',
      tag: 'Proposals',
      auth: 'school-member',
      params: z.strictObject({ schoolId: z.string().min(1).max(64) }),
      query: z.strictObject(listPage),
      response: { schema: proposalList },
      problems: ['STORE_UNAVAILABLE'],
    }),
    async (c) => {
    const { schoolId } = c.req.valid('param');
    await requireMember(c, schoolId, ROLES.school, ['school']);
    const { limit, cursor } = c.req.valid('query');
    const page = await listSchoolProposals(deps(c).db, schoolId, { limit, after: decodeListCursor(cursor) });
    return c.json({ items: page.items, nextCursor: encodeListCursor(page.lastKey) });
  })
  .get(
    '/organisations/:orgId/proposals',
    route({
      operationId: 'listRequesterProposals',
      summary: "A provider's own proposals and what became of them, newest first (cursor pagination)",
      tag: 'Proposals',
      auth: 'partner-member',
      params: z.strictObject({ orgId: z.string().min(1).max(64) }),
      query: z.strictObject(listPage),
      response: { schema: proposalList },
      problems: ['STORE_UNAVAILABLE'],
    }),
    async (c) => {
    const { orgId } = c.req.valid('param');
    await requireMember(c, orgId, ROLES.provider, ['provider', 'employer']);
    const { limit, cursor } = c.req.valid('query');
    const page = await listRequesterProposals(deps(c).db, orgId, { limit, after: decodeListCursor(cursor) });
    return c.json({ items: page.items, nextCursor: encodeListCursor(page.lastKey) });
  })
  .get(
    '/schools/:schoolId/proposals/:proposalId',
    route({
      operationId: 'getProposal',
      summary: 'One proposal (the school or the proposer)',
      tag: 'Proposals',
      auth: 'party',
      params: proposalParam,
      response: { schema: proposalSchema },
      problems: ['STORE_UNAVAILABLE'],
    }),
    async (c) => {
    const { schoolId, proposalId } = c.req.valid('param');
    return c.json(await proposalVisibleTo(c, schoolId, proposalId));
  })
  .post(
    '/schools/:schoolId/proposals/:proposalId/accept',
    route({
      operationId: 'acceptProposal',
      summary: 'Turn a proposal into a slot (judged by every rule, as publishing a slot is)',
      tag: 'Proposals',
      auth: 'school-leader',
      params: proposalParam,
      body: z.strictObject({ venueId: z.string().min(1).max(64), title: z.string().trim().min(1).max(200), places: z.number().int().min(1).max(50), statutory: z.boolean() }),
      response: { status: 201, schema: slot },
      problems: ['WHOLE_YEAR_GROUP', 'SCHOOL_HOURS', 'MIN_DURATION', 'PHASE_WINDOW', 'SLOT_IN_PAST', 'CALENDAR_MISSING', 'STALE_STATE', 'FACTS_CHANGED', 'RATE_LIMITED', 'STORE_UNAVAILABLE'],
    }),
    async (c) => {
      const { schoolId, proposalId } = c.req.valid('param');
      await requireMember(c, schoolId, ADMIN_ROLES.school, ['school']);
      const proposal = await readProposal(deps(c).db, schoolId, proposalId);
      if (!proposal) throw notFound();
      const slot = await acceptProposal(deps(c), { proposal, ...c.req.valid('json') });
      return c.json(slot, 201);
    },
  )
  .post(
    '/schools/:schoolId/proposals/:proposalId/decline',
    route({
      operationId: 'declineProposal',
      summary: 'Decline a proposal on one of the grounds the published policy names',
      tag: 'Proposals',
      auth: 'school-leader',
      params: proposalParam,
      body: declineInput,
      response: { schema: proposalSchema },
      problems: ['STALE_STATE', 'RATE_LIMITED', 'STORE_UNAVAILABLE'],
    }),
    async (c) => {
    const { schoolId, proposalId } = c.req.valid('param');
    await requireMember(c, schoolId, ADMIN_ROLES.school, ['school']);
    const proposal = await readProposal(deps(c).db, schoolId, proposalId);
    if (!proposal) throw notFound();
    return c.json(await declineProposedTime(deps(c), proposal, c.req.valid('json')));
  });

/** The school's members and the proposer's members may read a proposal; anyone else gets 404. */
async function proposalVisibleTo(c: AppContext, schoolId: string, proposalId: string): Promise<ProposalRecord> {
  const { db } = deps(c);
  const proposal = await readProposal(db, schoolId, proposalId);
  if (!proposal) throw notFound();
  await requireParty(c, schoolId, proposal.requesterOrgId);
  return proposal;
}

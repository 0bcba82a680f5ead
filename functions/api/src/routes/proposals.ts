import { Hono } from 'hono';
// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import { declineInput, proposalInput } from '@schoolgate/contracts';
import {
  listProposalsOfSchool,
  listProposalsOfRequester,
  getProposal,
  type ProposalRecord,
} from '@schoolgate/store';
import { acceptProposal, declineProposedTime, proposeTime } from '@schoolgate/usecases';
import { deps, requireMember, requireParty, type AppContext, type AppEnv } from '../context.js';
import { notFound } from '../problem.js';
import { validate } from '../validate.js';
import { ADMIN_ROLES, ROLES } from './organisations.js';

const proposalParam = z.strictObject({ schoolId: z.string().min(1).max(64), proposalId: z.string().min(1).max(64) });

export const proposals = new Hono<AppEnv>()
  .post(
    '/organisations/:orgId/proposals',
    validate('param', z.strictObject({ orgId: z.string().min(1).max(64) })),
    validate('json', proposalInput.extend({ schoolId: z.string().min(1).max(64) })),
    async (c) => {
      const { orgId } = c.req.valid('param');
      await requireMember(c, orgId, ROLES.provider, ['provider', 'employer']);
      const proposal = await proposeTime(deps(c), orgId, c.req.valid('json'));
      return c.json(proposal, 201);
    },
  )
  .get('/schools/:schoolId/proposals', validate('param', z.strictObject({ schoolId: z.string().min(1).max(64) })), async (c) => {
    const { schoolId } = c.req.valid('param');
    await requireMember(c, schoolId, ROLES.school, ['school']);
    const items = await listProposalsOfSchool(deps(c).db, schoolId);
    return c.json({ items: items.sort((a, b) => a.createdAt.localeCompare(b.createdAt)) });
  })
  .get('/organisations/:orgId/proposals', validate('param', z.strictObject({ orgId: z.string().min(1).max(64) })), async (c) => {
    const { orgId } = c.req.valid('param');
    await requireMember(c, orgId, ROLES.provider, ['provider', 'employer']);
    const items = await listProposalsOfRequester(deps(c).db, orgId);
    return c.json({ items: items.sort((a, b) => b.createdAt.localeCompare(a.createdAt)) });
  })
  .get('/schools/:schoolId/proposals/:proposalId', validate('param', proposalParam), async (c) => {
    const { schoolId, proposalId } = c.req.valid('param');
    return c.json(await proposalVisibleTo(c, schoolId, proposalId));
  })
  .post(
    '/schools/:schoolId/proposals/:proposalId/accept',
    validate('param', proposalParam),
    validate('json', z.strictObject({ venueId: z.string().min(1).max(64), title: z.string().trim().min(1).max(200), places: z.number().int().min(1).max(50), statutory: z.boolean() })),
    async (c) => {
      const { schoolId, proposalId } = c.req.valid('param');
      await requireMember(c, schoolId, ADMIN_ROLES.school, ['school']);
      const proposal = await getProposal(deps(c).db, schoolId, proposalId);
      if (!proposal) throw notFound();
      const slot = await acceptProposal(deps(c), { proposal, ...c.req.valid('json') });
      return c.json(slot, 201);
    },
  )
  .post('/schools/:schoolId/proposals/:proposalId/decline', validate('param', proposalParam), validate('json', declineInput), async (c) => {
    const { schoolId, proposalId } = c.req.valid('param');
    await requireMember(c, schoolId, ADMIN_ROLES.school, ['school']);
    const proposal = await getProposal(deps(c).db, schoolId, proposalId);
    if (!proposal) throw notFound();
    return c.json(await declineProposedTime(deps(c), proposal, c.req.valid('json')));
  });

/** The school's members and the proposer's members may read a proposal; anyone else gets 404. */
async function proposalVisibleTo(c: AppContext, schoolId: string, proposalId: string): Promise<ProposalRecord> {
  const { db } = deps(c);
  const proposal = await getProposal(db, schoolId, proposalId);
  if (!proposal) throw notFound();
  await requireParty(c, schoolId, proposal.requesterOrgId);
  return proposal;
}

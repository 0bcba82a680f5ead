import { Hono } from 'hono';
// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import { declineInput, proposalInput } from '@schoolgate/contracts';
import { minutesOfDay, todayInLondon, weekdayOf } from '@schoolgate/domain';
import {
  declineProposal,
  getOrganisation,
  getPublishedPolicy,
  listProposalsOfSchool,
  listProposalsOfRequester,
  getProposal,
  createProposal,
  type ProposalRecord,
} from '@schoolgate/store';
import { acceptProposal } from '@schoolgate/usecases';
import { deps, requireMember, requireParty, type AppContext, type AppEnv } from '../context.js';
import { forbidden, notFound, ProblemError } from '../problem.js';
import { validate } from '../validate.js';
import { ADMIN_ROLES, ROLES } from './organisations.js';

const WEEKDAY_NUMBER: Record<string, number> = { monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5 };
const proposalParam = z.strictObject({ schoolId: z.string().min(1).max(64), proposalId: z.string().min(1).max(64) });

const conflict = (status: 409 | 422, code: string, message: string) => new ProblemError(status, 'Conflict', [{ code, message }], message);

export const proposals = new Hono<AppEnv>()
  .post(
    '/organisations/:orgId/proposals',
    validate('param', z.strictObject({ orgId: z.string().min(1).max(64) })),
    validate('json', proposalInput.extend({ schoolId: z.string().min(1).max(64) })),
    async (c) => {
      const { orgId } = c.req.valid('param');
      await requireMember(c, orgId, ROLES.provider, ['provider', 'employer']);
      const body = c.req.valid('json');
      const { db, now, newId } = deps(c);
      const [requester, school, policy] = await Promise.all([getOrganisation(db, orgId), getOrganisation(db, body.schoolId), getPublishedPolicy(db, body.schoolId)]);
      if (!requester || !school || school.kind !== 'school') throw notFound();
      if (requester.kind === 'school') throw forbidden('Schools publish slots; only providers and employers propose times.');
      if (!school.verified) {
        throw conflict(409, 'SCHOOL_NOT_VERIFIED', `${school.name} is waiting for verification by Schoolgate and takes no proposals yet.`);
      }
      if (!requester.verified) throw forbidden(`${requester.name} is waiting for verification by Schoolgate.`);
      if (!policy) throw conflict(409, 'POLICY_NOT_PUBLISHED', `${school.name} has not published its provider access policy, so it takes no requests yet.`);
      if (body.end <= body.start) throw new ProblemError(400, 'Your request has problems', [{ field: 'end', message: 'The end time must be after the start time' }]);
      if (body.date <= todayInLondon(now())) throw new ProblemError(400, 'Your request has problems', [{ field: 'date', message: 'Propose a date in the future' }]);
      const weekday = WEEKDAY_NUMBER[weekdayOf(body.date)];
      const accessTimes = (policy.accessTimes ?? []) as Array<{ weekdays: number[]; start: string; end: string }>;
      const fits = accessTimes.some(
        (t) => weekday !== undefined && t.weekdays.includes(weekday) && minutesOfDay(t.start) <= minutesOfDay(body.start) && minutesOfDay(body.end) <= minutesOfDay(t.end),
      );
      if (!fits) {
        const times = accessTimes.map((t) => `${t.start}–${t.end}`).join(', ');
        throw conflict(422, 'ACCESS_TIMES', `${school.name} gives access only at the times its policy publishes (${times}); propose a time inside one of them.`);
      }
      const proposal: ProposalRecord = {
        ...body,
        id: newId(),
        schoolName: school.name,
        requesterOrgId: orgId,
        requesterName: requester.name,
        status: 'proposed',
        createdAt: now().toISOString(),
      };
      await createProposal(db, proposal);
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
    const { db } = deps(c);
    const proposal = await getProposal(db, schoolId, proposalId);
    if (!proposal) throw notFound();
    const { groundId, note } = c.req.valid('json');
    const ground = (await getPublishedPolicy(db, schoolId))?.refusalGrounds.find((g) => g.id === groundId);
    if (!ground) throw new ProblemError(400, 'Your request has problems', [{ field: 'groundId', message: 'Choose one of the refusal grounds your published policy names' }]);
    return c.json(await declineProposal(db, proposal, { id: ground.id, label: ground.label }, note));
  });

/** The school's members and the proposer's members may read a proposal; anyone else gets 404. */
async function proposalVisibleTo(c: AppContext, schoolId: string, proposalId: string): Promise<ProposalRecord> {
  const { db } = deps(c);
  const proposal = await getProposal(db, schoolId, proposalId);
  if (!proposal) throw notFound();
  await requireParty(c, schoolId, proposal.requesterOrgId);
  return proposal;
}

import type { ProposalInput } from '@schoolgate/contracts';
import { checkAccessTimes, todayInLondon, type AccessTime } from '@schoolgate/domain';
import { createProposal, declineProposal as storeDecline, getOrganisation, getPublishedPolicy, NotFoundError, type ProposalRecord } from '@schoolgate/store';
import type { UseCaseContext } from './context.js';
import { InvalidInput, Refused } from './errors.js';
import { requireVerifiedParties } from './facts.js';
import { partyOf } from './request-slot.js';

/**
 * A provider or employer proposes a time of its own for a whole year group: the school's policy
 * must be published and the time inside one of the access times it names (ACCESS_TIMES).
 */
export async function proposeTime(ctx: UseCaseContext, requesterOrgId: string, input: ProposalInput & { schoolId: string }): Promise<ProposalRecord> {
  const { db } = ctx;
  const [requester, school, policy] = await Promise.all([getOrganisation(db, requesterOrgId), getOrganisation(db, input.schoolId), getPublishedPolicy(db, input.schoolId)]);
  if (!requester || !school || school.kind !== 'school') throw new NotFoundError();
  requireVerifiedParties(school, requester, 'proposals');
  if (!policy) {
    throw new Refused(409, [{ code: 'POLICY_NOT_PUBLISHED', message: `${school.name} has not published its provider access policy, so it takes no requests yet.` }]);
  }
  if (input.end <= input.start) throw new InvalidInput([{ field: 'end', message: 'The end time must be after the start time' }]);
  if (input.date <= todayInLondon(ctx.now())) throw new InvalidInput([{ field: 'date', message: 'Propose a date in the future' }]);
  const outside = checkAccessTimes((policy.accessTimes ?? []) as AccessTime[], input.date, input.start, input.end, school.name);
  if (outside) throw new Refused(422, [outside]);
  const proposal: ProposalRecord = {
    ...input,
    id: ctx.newId(),
    schoolName: school.name,
    requesterOrgId,
    requesterName: requester.name,
    status: 'proposed',
    createdAt: ctx.now().toISOString(),
  };
  // The school is emailed of it (issue 15), from the same transaction.
  await createProposal(db, proposal, { school: partyOf(school), requester: partyOf(requester), eventId: ctx.newId(), at: proposal.createdAt });
  return proposal;
}

/** The school declines a proposed time on one of the grounds its published policy names. */
export async function declineProposedTime(ctx: UseCaseContext, proposal: ProposalRecord, input: { groundId: string; note: string }): Promise<ProposalRecord> {
  const [policy, school, requester] = await Promise.all([getPublishedPolicy(ctx.db, proposal.schoolId), getOrganisation(ctx.db, proposal.schoolId), getOrganisation(ctx.db, proposal.requesterOrgId)]);
  const ground = policy?.refusalGrounds.find((g) => g.id === input.groundId);
  if (!ground) throw new InvalidInput([{ field: 'groundId', message: 'Choose one of the refusal grounds your published policy names' }]);
  // The proposer is emailed the ground (issue 15), from the same transaction.
  const parties = school && requester ? { school: partyOf(school), requester: partyOf(requester), eventId: ctx.newId(), at: ctx.now().toISOString() } : undefined;
  return storeDecline(ctx.db, proposal, { id: ground.id, label: ground.label }, input.note, parties);
}

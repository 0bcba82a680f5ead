import type { CalendarInput, SlotInput } from '@schoolgate/contracts';
import { addDays, evaluateSlot, lastRequestDate, todayInLondon, type SlotEvaluation, type Violation } from '@schoolgate/domain';
import { acceptProposal as storeAcceptProposal, createSlot, getOrganisation, NotFoundError, type ProposalRecord, type SlotRecord } from '@schoolgate/store';
import { partyOf } from './request-slot.js';
import type { UseCaseContext } from './context.js';
import { InvalidInput, Refused } from './errors.js';
import { onFreshFacts, readFacts, requireSchoolFacts, type JudgedFacts } from './facts.js';

/** Slots are planned at most two school years ahead. */
const MAX_DAYS_AHEAD = 730;

export interface SlotCheck {
  facts: JudgedFacts;
  venue: { id: string; name: string; capacity: number };
  evaluation: SlotEvaluation;
  violations: Violation[];
}

/**
 * Every rule a slot decides on its own, judged by the engine's `evaluateSlot` on the school's
 * facts as they are now. Used for inline feedback as the careers leader types, and before
 * publishing.
 */
export async function checkSlot(ctx: UseCaseContext, schoolId: string, input: SlotInput): Promise<SlotCheck> {
  // Three point reads, not the whole partition: a slot's own rules need no existing bookings.
  const facts = await readFacts(ctx.db, schoolId);
  if (!facts) throw new NotFoundError();
  const venue = facts.school.venues?.find((v) => v.id === input.venueId);
  if (!venue) throw new InvalidInput([{ field: 'venueId', message: 'Choose one of your venues' }]);
  if (input.end <= input.start) throw new InvalidInput([{ field: 'end', message: 'The end time must be after the start time' }]);
  const today = todayInLondon(ctx.now());
  if (input.date < today || input.date > addDays(today, MAX_DAYS_AHEAD)) {
    throw new InvalidInput([{ field: 'date', message: 'Choose a date from today up to two years ahead' }]);
  }
  const evaluation = evaluateSlot({
    encounter: {
      date: input.date,
      start: input.start,
      end: input.end,
      yearGroups: input.yearGroups,
      venueCapacity: venue.capacity,
      designation: input.statutory ? 'statutory' : 'supplementary',
    },
    school: requireSchoolFacts(facts.school, facts.calendar?.calendar as CalendarInput | undefined),
    rules: facts.rules,
  });
  return { facts, venue, evaluation, violations: evaluation.violations };
}

export function countsTowardOf(evaluation: SlotEvaluation): SlotRecord['countsToward'] {
  return evaluation.targets.map((target) => ({ yearGroup: target.yearGroup, cohort: target.cohort, phase: target.phase }));
}

/**
 * A slot the school may publish: a statutory slot that breaks a rule is refused with 422 and each
 * violation's code (the school may publish it as supplementary instead).
 */
async function judgeSlot(ctx: UseCaseContext, schoolId: string, input: SlotInput, slotId?: string): Promise<{ slot: SlotRecord; check: SlotCheck }> {
  const check = await checkSlot(ctx, schoolId, input);
  const { facts, venue, evaluation, violations } = check;
  if (input.statutory && violations.length) {
    throw new Refused(422, violations, 'Change the slot, or publish it as supplementary (it will not count toward the six encounters).');
  }
  const school = facts.school;
  const calendar = facts.calendar?.calendar as CalendarInput | undefined;
  const lastDay = calendar && facts.rules.published ? lastRequestDate(requireSchoolFacts(school, calendar).calendar, input.date, facts.rules.noticePeriodSchoolDays) : undefined;
  const slot: SlotRecord = {
    ...input,
    id: slotId ?? ctx.newId(),
    schoolId,
    schoolName: school.name,
    ...(school.urn ? { schoolUrn: school.urn } : {}),
    venueName: venue.name,
    venueCapacity: venue.capacity,
    countsToward: input.statutory ? countsTowardOf(evaluation) : [],
    confirmedCount: 0,
    pendingCount: 0,
    status: 'open',
    postcode: school.postcode,
    ...(school.location ? { location: school.location } : {}),
    createdAt: ctx.now().toISOString(),
    // No day in the year before works (null): no request can ever be in time, so the day is past.
    ...(lastDay !== undefined ? { requestBy: lastDay ?? addDays(todayInLondon(ctx.now()), -1) } : {}),
  };
  return { slot, check };
}

/** Publishes a slot, committed only on the facts its rules were judged on. */
export function publishSlot(ctx: UseCaseContext, schoolId: string, input: SlotInput): Promise<SlotRecord> {
  return onFreshFacts(async () => {
    const { slot, check } = await judgeSlot(ctx, schoolId, input);
    // A supplementary slot is judged on nothing that can change under it.
    await createSlot(ctx.db, slot, input.statutory ? check.facts.versions : []);
    return slot;
  });
}

/**
 * Publishes one slot of a series under the id the series gives it, judged exactly as a single
 * publish (a statutory slot that breaks a rule is refused with its codes), and answers the
 * engine's violations too (a supplementary slot is published with them, as warnings).
 */
export function publishSlotWithId(ctx: UseCaseContext, schoolId: string, input: SlotInput, slotId: string): Promise<{ slot: SlotRecord; violations: Violation[] }> {
  return onFreshFacts(async () => {
    const { slot, check } = await judgeSlot(ctx, schoolId, input, slotId);
    await createSlot(ctx.db, slot, input.statutory ? check.facts.versions : []);
    return { slot, violations: check.violations };
  });
}

export interface AcceptProposal {
  proposal: ProposalRecord;
  venueId: string;
  title: string;
  places: number;
  statutory: boolean;
}

/** The school accepts a provider's proposed time into a slot, judged like any slot it publishes. */
export function acceptProposal(ctx: UseCaseContext, input: AcceptProposal): Promise<SlotRecord> {
  const { proposal } = input;
  return onFreshFacts(async () => {
    const { slot, check } = await judgeSlot(ctx, proposal.schoolId, {
      venueId: input.venueId,
      title: input.title,
      places: input.places,
      statutory: input.statutory,
      date: proposal.date,
      start: proposal.start,
      end: proposal.end,
      yearGroups: proposal.yearGroups,
      format: proposal.format as SlotInput['format'],
      description: proposal.message,
    });
    // The proposer is emailed a link to request the new slot (issue 15), from the same transaction.
    const requester = await getOrganisation(ctx.db, proposal.requesterOrgId);
    const parties = requester ? { school: partyOf(check.facts.school), requester: partyOf(requester), eventId: ctx.newId(), at: ctx.now().toISOString() } : undefined;
    await storeAcceptProposal(ctx.db, proposal, slot, input.statutory ? check.facts.versions : [], parties);
    return slot;
  });
}

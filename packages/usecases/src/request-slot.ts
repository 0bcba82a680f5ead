import { SECTORS, type CalendarInput } from '@schoolgate/contracts';
import { evaluateEncounter, todayInLondon, type Violation } from '@schoolgate/domain';
import { getSlot, NotFoundError, requestSlot as storeRequest, type Actor, type BookingRecord, type OrganisationRecord, type Party } from '@schoolgate/store';
import type { UseCaseContext } from './context.js';
import { Refused } from './errors.js';
import { onFreshFacts, providerFactsOf, readFacts, requireSchoolFacts, requireVerifiedParties } from './facts.js';

export interface RequestSlot {
  requesterOrgId: string;
  schoolId: string;
  slotId: string;
  message: string;
  accompanyingEmployer?: string;
  /** An employer's sector for this encounter (Benchmark 5); its profile's when omitted. */
  sector?: string;
  actor: Actor;
}

/** An organisation as a notification addresses it. */
export function partyOf(org: OrganisationRecord): Party {
  return {
    orgId: org.id,
    name: org.name,
    contactEmail: org.notifications.contactEmail,
    reminderDaysBefore: org.notifications.reminderDaysBefore,
  };
}

/**
 * The order a provider fixes things in, and how each is answered: a slot in the past or a
 * school not taking requests is the state of things (409); an ineligible provider asking for a
 * statutory slot is the request itself (422).
 */
const REQUEST_REFUSALS: ReadonlyArray<{ code: Violation['code']; status: 409 | 422 }> = [
  { code: 'SLOT_IN_PAST', status: 409 },
  { code: 'ELIGIBLE_PROVIDER', status: 422 },
  { code: 'POLICY_NOT_PUBLISHED', status: 409 },
  { code: 'NOTICE_PERIOD', status: 409 },
];

/**
 * A provider or employer asks for a school's slot. The rules engine judges the request (the
 * marketplace's rules, and the provider's eligibility when the slot is statutory) on facts read
 * with their versions; the request is written only if those facts are unchanged. The rules that
 * are the school's to meet (school hours, roll, phase) are judged again when it confirms.
 */
export function requestSlot(ctx: UseCaseContext, input: RequestSlot): Promise<BookingRecord> {
  return onFreshFacts(() => decideAndRequest(ctx, input));
}

async function decideAndRequest(ctx: UseCaseContext, input: RequestSlot): Promise<BookingRecord> {
  const [facts, slot] = await Promise.all([readFacts(ctx.db, input.schoolId, input.requesterOrgId), getSlot(ctx.db, input.schoolId, input.slotId)]);
  if (!facts || !facts.provider || !slot) throw new NotFoundError();
  const { school, provider: requester } = facts;
  requireVerifiedParties(school, requester, 'requests');
  const evaluation = evaluateEncounter({
    encounter: {
      date: slot.date,
      start: slot.start,
      end: slot.end,
      yearGroups: slot.yearGroups,
      venueCapacity: slot.venueCapacity,
      designation: slot.statutory ? 'statutory' : 'supplementary',
    },
    provider: providerFactsOf(requester),
    school: requireSchoolFacts(school, facts.calendar?.calendar as CalendarInput | undefined),
    rules: facts.rules,
    existing: [],
    request: { requestDate: todayInLondon(ctx.now()) },
  });
  const broken = REQUEST_REFUSALS.flatMap(({ code, status }) => evaluation.violations.filter((v) => v.code === code).map((v) => ({ ...v, status })));
  if (broken.length) throw new Refused(broken[0]!.status, broken.map(({ status: _status, ...violation }) => violation));

  const at = ctx.now().toISOString();
  const id = ctx.newId();
  // What the booking and its notification snapshot both copy from the slot.
  const { date, start, end, title, format, yearGroups, venueName } = slot;
  const encounter = { date, start, end, title, format, yearGroups, venueName };
  const booking: BookingRecord = {
    id,
    slotId: slot.id,
    schoolId: slot.schoolId,
    schoolName: school.name,
    requesterOrgId: requester.id,
    requesterName: requester.name,
    requesterKind: requester.kind,
    status: 'requested',
    statutory: slot.statutory,
    ...encounter,
    venueId: slot.venueId,
    message: input.message,
    ...(input.accompanyingEmployer ? { accompanyingEmployer: input.accompanyingEmployer } : {}),
    // The phases it counts toward are judged, and their guards claimed, when the school confirms it.
    guards: [],
    ...sectorOf(input.sector ?? requester.sector),
    createdAt: at,
    updatedAt: at,
    version: 0,
    snapshot: {
      bookingId: id,
      slotId: slot.id,
      status: 'requested',
      ...encounter,
      statutory: slot.statutory,
      schoolAddress: [school.address, school.postcode].filter(Boolean).join(', '),
      school: partyOf(school),
      requester: partyOf(requester),
      icsSequence: 0,
      actorSide: 'requester',
      // The school reads the provider's words in its email as well as on the page.
      ...(input.message ? { message: input.message } : {}),
      ...(input.accompanyingEmployer ? { accompanyingEmployer: input.accompanyingEmployer } : {}),
    },
  };
  return storeRequest(ctx.db, { booking, actor: input.actor, eventId: ctx.newId(), facts: facts.versions });
}

/** A sector from the shared list, or nothing (an employer's free-text profile sector is not one). */
function sectorOf(sector: string | undefined): { sector?: string } {
  return sector && (SECTORS as readonly string[]).includes(sector) ? { sector } : {};
}

import { Hono } from 'hono';
// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import { attendanceInput, bookingStatuses, declineInput, reasonInput, requestInput } from '@schoolgate/contracts';
import { checkBookingRequest, providerEligibility, ruleMessage, todayInLondon } from '@schoolgate/domain';
import {
  getBooking,
  getCalendar,
  getOrganisation,
  getPublishedPolicy,
  getSlot,
  listAudit,
  listBookingsOfRequester,
  listBookingsOfSchool,
  requestSlot,
  toSchoolCalendar,
  transitionBooking,
  type Actor,
  type BookingRecord,
  type BookingStatus,
  type MembershipRecord,
  type OrganisationRecord,
  type Party,
  type TransitionInput,
} from '@schoolgate/store';
import type { CalendarInput } from '@schoolgate/contracts';
import { deps, requireMember, requireParty, requireRole, type AppContext, type AppEnv } from '../context.js';
import { providerFacts, rulesOf } from '../facts.js';
import { forbidden, notFound, ProblemError } from '../problem.js';
import { validate } from '../validate.js';
import { ADMIN_ROLES, ROLES } from './organisations.js';

const bookingParam = z.strictObject({ schoolId: z.string().min(1).max(64), bookingId: z.string().min(1).max(64) });
const orgParam = z.strictObject({ orgId: z.string().min(1).max(64) });

/** The booking as the API shows it: the guard bookkeeping and notification snapshot stay inside. */
export function bookingView(booking: BookingRecord) {
  const { guards: _guards, snapshot: _snapshot, ...view } = booking;
  return view;
}

function party(org: OrganisationRecord): Party {
  return {
    orgId: org.id,
    name: org.name,
    contactEmail: org.notifications.contactEmail,
    reminderDaysBefore: org.notifications.reminderDaysBefore,
  };
}

const ruleProblem = (status: 409 | 422, code: string, message: string) => new ProblemError(status, 'Conflict', [{ code, message }], message);

/** Who may act on a booking: the school's members on the school's side, the requester's on theirs. */
async function actorFor(c: AppContext, booking: BookingRecord, side: 'school' | 'requester', roles?: readonly string[]): Promise<Actor> {
  const membership = await requireMember(c, side === 'school' ? booking.schoolId : booking.requesterOrgId, roles);
  return actorOf(membership, side);
}

const actorOf = (membership: MembershipRecord, side: Actor['side']): Actor => ({
  userId: membership.userId,
  email: membership.email,
  orgId: membership.orgId,
  side,
});

async function loadBooking(c: AppContext, schoolId: string, bookingId: string): Promise<BookingRecord> {
  const booking = await getBooking(deps(c).db, schoolId, bookingId);
  if (!booking) throw notFound();
  return booking;
}

type Move = Omit<TransitionInput, 'schoolId' | 'bookingId' | 'actor' | 'at' | 'eventId' | 'current'>;

async function move(c: AppContext, booking: BookingRecord, actor: Actor, change: Move) {
  if (booking.status !== change.from) {
    throw ruleProblem(409, 'STALE_STATE', `This booking is ${booking.status}, so it cannot move to ${change.to}.`);
  }
  const next = await transitionBooking(deps(c).db, {
    ...change,
    schoolId: booking.schoolId,
    bookingId: booking.id,
    actor,
    at: deps(c).now().toISOString(),
    eventId: deps(c).newId(),
    current: booking,
  });
  return c.json(bookingView(next));
}

export const bookings = new Hono<AppEnv>()
  .post(
    '/organisations/:orgId/requests',
    validate('param', orgParam),
    validate('json', requestInput.extend({ schoolId: z.string().min(1).max(64), slotId: z.string().min(1).max(64) })),
    async (c) => {
      const { orgId } = c.req.valid('param');
      const membership = await requireMember(c, orgId, ROLES.provider, ['provider', 'employer']);
      const body = c.req.valid('json');
      const { db, now, newId } = deps(c);
      const [requester, slot, school, policy, calendar] = await Promise.all([
        getOrganisation(db, orgId),
        getSlot(db, body.schoolId, body.slotId),
        getOrganisation(db, body.schoolId),
        getPublishedPolicy(db, body.schoolId),
        getCalendar(db, body.schoolId),
      ]);
      if (!requester || !slot || !school) throw notFound();
      if (requester.kind === 'school') throw forbidden('Schools publish slots; only providers and employers request them.');
      if (!school.verified) {
        throw ruleProblem(409, 'SCHOOL_NOT_VERIFIED', `${school.name} is waiting for verification by Schoolgate and takes no requests yet.`);
      }
      if (!requester.verified) {
        throw forbidden(`${requester.name} is waiting for verification by Schoolgate; you can browse slots, but not request them yet.`);
      }
      const today = todayInLondon(now());
      if (slot.date < today) throw ruleProblem(409, 'SLOT_IN_PAST', 'That slot has already happened.');
      const eligibility = providerEligibility(providerFacts(requester));
      if (slot.statutory && !eligibility.eligible) {
        throw ruleProblem(422, 'ELIGIBLE_PROVIDER', ruleMessage('ELIGIBLE_PROVIDER', { reason: eligibility.reason }));
      }
      const violations = calendar
        ? checkBookingRequest({
            calendar: toSchoolCalendar(calendar as CalendarInput),
            rules: rulesOf(policy),
            slotDate: slot.date,
            requestDate: today,
            providerId: orgId,
            providerName: requester.name,
            schoolName: school.name,
          })
        : [];
      if (!policy) throw ruleProblem(409, 'POLICY_NOT_PUBLISHED', ruleMessage('POLICY_NOT_PUBLISHED', { schoolName: school.name }));
      const blocking = violations.find((v) => v.code === 'NOTICE_PERIOD' || v.code === 'POLICY_NOT_PUBLISHED');
      if (blocking) throw ruleProblem(409, blocking.code, blocking.message);

      const at = now().toISOString();
      const id = newId();
      // What the booking and its notification snapshot both copy from the slot.
      const { date, start, end, title, format, yearGroups, venueName } = slot;
      const encounter = { date, start, end, title, format, yearGroups, venueName };
      const booking: BookingRecord = {
        id,
        slotId: slot.id,
        schoolId: slot.schoolId,
        schoolName: school.name,
        requesterOrgId: orgId,
        requesterName: requester.name,
        requesterKind: requester.kind,
        status: 'requested',
        statutory: slot.statutory,
        ...encounter,
        message: body.message,
        ...(body.accompanyingEmployer ? { accompanyingEmployer: body.accompanyingEmployer } : {}),
        guards: slot.statutory
          ? slot.countsToward.flatMap((t) => (t.phase === null ? [] : [{ cohort: t.cohort, phase: t.phase }]))
          : [],
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
          school: party(school),
          requester: party(requester),
          icsSequence: 0,
          actorSide: 'requester',
          ...(body.message ? { message: body.message } : {}),
          ...(body.accompanyingEmployer ? { accompanyingEmployer: body.accompanyingEmployer } : {}),
        },
      };
      await requestSlot(db, {
        booking,
        actor: { userId: membership.userId, email: membership.email, orgId, side: 'requester' },
        eventId: newId(),
      });
      return c.json(bookingView(booking), 201, { location: `/v1/schools/${slot.schoolId}/bookings/${id}` });
    },
  )
  .get('/organisations/:orgId/bookings', validate('param', orgParam), async (c) => {
    const { orgId } = c.req.valid('param');
    await requireMember(c, orgId, ROLES.provider, ['provider', 'employer']);
    const items = await listBookingsOfRequester(deps(c).db, orgId);
    return c.json({ items: items.map(bookingView) });
  })
  .get(
    '/schools/:schoolId/bookings',
    validate('param', z.strictObject({ schoolId: z.string().min(1).max(64) })),
    validate('query', z.strictObject({ status: z.enum(bookingStatuses).optional() })),
    async (c) => {
      const { schoolId } = c.req.valid('param');
      await requireMember(c, schoolId, ROLES.school, ['school']);
      const { status } = c.req.valid('query');
      const items = (await listBookingsOfSchool(deps(c).db, schoolId)).filter((b) => !status || b.status === status);
      items.sort((a, b) => `${a.date}${a.start}`.localeCompare(`${b.date}${b.start}`));
      return c.json({ items: items.map(bookingView) });
    },
  )
  .get('/schools/:schoolId/bookings/:bookingId', validate('param', bookingParam), async (c) => {
    const { schoolId, bookingId } = c.req.valid('param');
    const booking = await loadBooking(c, schoolId, bookingId);
    await requireParty(c, booking.schoolId, booking.requesterOrgId);
    const audit = await listAudit(deps(c).db, schoolId, bookingId);
    return c.json({ ...bookingView(booking), audit });
  })
  .post(
    '/schools/:schoolId/bookings/:bookingId/approve',
    validate('param', bookingParam),
    validate('json', z.strictObject({ asSupplementary: z.boolean().default(false) }).default({ asSupplementary: false })),
    async (c) => {
      const { schoolId, bookingId } = c.req.valid('param');
      const booking = await loadBooking(c, schoolId, bookingId);
      const actor = await actorFor(c, booking, 'school', ADMIN_ROLES.school);
      const { asSupplementary } = c.req.valid('json');
      const statutory = booking.statutory && !asSupplementary;
      return move(c, booking, actor, {
        from: 'requested',
        to: 'confirmed',
        changes: { statutory, guards: statutory ? booking.guards : [] },
        slot: { confirmedDelta: 1, pendingDelta: -1 },
        claimGuards: statutory ? booking.guards : [],
        outboxKind: 'booking.confirmed',
      });
    },
  )
  .post('/schools/:schoolId/bookings/:bookingId/decline', validate('param', bookingParam), validate('json', declineInput), async (c) => {
    const { schoolId, bookingId } = c.req.valid('param');
    const booking = await loadBooking(c, schoolId, bookingId);
    const actor = await actorFor(c, booking, 'school', ADMIN_ROLES.school);
    const { groundId, note } = c.req.valid('json');
    const policy = await getPublishedPolicy(deps(c).db, schoolId);
    const ground = policy?.refusalGrounds.find((g) => g.id === groundId);
    if (!ground) {
      throw new ProblemError(400, 'Your request has problems', [
        { field: 'groundId', message: 'Choose one of the refusal grounds your published policy names' },
      ]);
    }
    return move(c, booking, actor, {
      from: 'requested',
      to: 'declined',
      changes: { declineGround: { id: ground.id, label: ground.label }, ...(note ? { note } : {}) },
      slot: { confirmedDelta: 0, pendingDelta: -1 },
      releaseHold: true,
      outboxKind: 'booking.declined',
    });
  })
  .post('/schools/:schoolId/bookings/:bookingId/withdraw', validate('param', bookingParam), async (c) => {
    const { schoolId, bookingId } = c.req.valid('param');
    const booking = await loadBooking(c, schoolId, bookingId);
    const actor = await actorFor(c, booking, 'requester');
    return move(c, booking, actor, {
      from: 'requested',
      to: 'withdrawn',
      slot: { confirmedDelta: 0, pendingDelta: -1 },
      releaseHold: true,
      outboxKind: 'booking.withdrawn',
    });
  })
  .post('/schools/:schoolId/bookings/:bookingId/cancel', validate('param', bookingParam), validate('json', reasonInput), async (c) => {
    const { schoolId, bookingId } = c.req.valid('param');
    const booking = await loadBooking(c, schoolId, bookingId);
    const { asSchool, asRequester } = await requireParty(c, booking.schoolId, booking.requesterOrgId);
    // Cancelling for the school needs the careers leader; any member of the requester may cancel for it.
    if (asSchool) requireRole(asSchool, ADMIN_ROLES.school);
    const actor = asSchool ? actorOf(asSchool, 'school') : actorOf(asRequester!, 'requester');
    if (booking.date < todayInLondon(deps(c).now())) {
      throw ruleProblem(409, 'ALREADY_HAPPENED', 'This encounter’s date has passed: the school records whether it was delivered instead.');
    }
    return move(c, booking, actor, {
      from: 'confirmed',
      to: 'cancelled',
      changes: { reason: c.req.valid('json').reason, guards: [] },
      slot: { confirmedDelta: -1, pendingDelta: 0 },
      releaseGuards: booking.guards,
      releaseHold: true,
      outboxKind: 'booking.cancelled',
    });
  })
  .post('/schools/:schoolId/bookings/:bookingId/attendance', validate('param', bookingParam), validate('json', attendanceInput), async (c) => {
    const { schoolId, bookingId } = c.req.valid('param');
    const booking = await loadBooking(c, schoolId, bookingId);
    const { delivered, note } = c.req.valid('json');
    // "Not delivered" removes an encounter from the duty, as a cancellation does: the careers leader decides that.
    const actor = await actorFor(c, booking, 'school', delivered ? ROLES.school : ADMIN_ROLES.school);
    if (booking.date > todayInLondon(deps(c).now())) {
      throw ruleProblem(409, 'NOT_YET_HAPPENED', 'Record attendance on or after the day of the encounter.');
    }
    const to: BookingStatus = delivered ? 'delivered' : 'not_delivered';
    return move(c, booking, actor, {
      from: 'confirmed',
      to,
      changes: { ...(note ? { note } : {}), ...(delivered ? {} : { guards: [] }) },
      // An encounter that did not happen does not count, so the provider may be booked again in the phase.
      ...(delivered ? {} : { releaseGuards: booking.guards }),
      outboxKind: delivered ? 'booking.delivered' : 'booking.not_delivered',
    });
  });

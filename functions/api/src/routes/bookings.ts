import { Hono } from 'hono';
// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import { attendanceInput, booking as bookingSchema, bookingDetail, bookingList, bookingStatuses, declineInput, listPage, reasonInput, requestInput, withdrawInput } from '@schoolgate/contracts';
import {
  approveBooking,
  cancelBooking,
  declineBooking,
  listRequesterBookings,
  listSchoolBookings,
  readAudit,
  readBooking,
  readReschedule,
  recordAttendance,
  redesignateAsSupplementary,
  requestSlot,
  withdrawBooking,
} from '@schoolgate/usecases';
import type { Actor, BookingRecord, MembershipRecord } from '@schoolgate/store';
import { deps, requireMember, requireParty, requireRole, type AppContext, type AppEnv } from '../context.js';
import { notFound } from '../problem.js';
import { decodeListCursor, encodeListCursor } from '../cursor.js';
import { route } from '../declare.js';
import { ADMIN_ROLES, ROLES } from './organisations.js';

const bookingParam = z.strictObject({ schoolId: z.string().min(1).max(64), bookingId: z.string().min(1).max(64) });
const orgParam = z.strictObject({ orgId: z.string().min(1).max(64) });

/** The booking as the API shows it: the guard bookkeeping and notification snapshot stay inside. */
export function bookingView(booking: BookingRecord) {
  const { guards: _guards, snapshot: _snapshot, ...view } = booking;
  return view;
}

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
  const booking = await readBooking(deps(c).db, schoolId, bookingId);
  if (!booking) throw notFound();
  return booking;
}

export const bookings = new Hono<AppEnv>()
  .post(
    '/organisations/:orgId/requests',
    route({
      operationId: 'requestSlot',
      summary: 'Request a slot',
      tag: 'Bookings',
      auth: 'partner-member',
      idempotent: true,
      params: orgParam,
      body: requestInput.extend({ schoolId: z.string().min(1).max(64), slotId: z.string().min(1).max(64) }),
      response: { status: 201, schema: bookingSchema, description: 'Requested; `Location` names the booking' },
      problems: ['NOT_VERIFIED', 'NOT_A_PROVIDER', 'SCHOOL_NOT_VERIFIED', 'POLICY_NOT_PUBLISHED', 'SLOT_CLOSED', 'SLOT_FULL', 'ALREADY_BOOKED', 'NOTICE_PERIOD', 'SLOT_IN_PAST', 'ELIGIBLE_PROVIDER', 'DISTINCT_PROVIDERS', 'FACTS_CHANGED', 'LIVE_REQUESTS_PER_SCHOOL', 'LIVE_REQUESTS_OVERALL', 'RATE_LIMITED', 'IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_IN_PROGRESS', 'CONTENTION', 'STORE_UNAVAILABLE'],
    }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      const membership = await requireMember(c, orgId, ROLES.provider, ['provider', 'employer']);
      const body = c.req.valid('json');
      const booking = await requestSlot(deps(c), {
        requesterOrgId: orgId,
        schoolId: body.schoolId,
        slotId: body.slotId,
        message: body.message,
        ...(body.accompanyingEmployer ? { accompanyingEmployer: body.accompanyingEmployer } : {}),
        ...(body.sector ? { sector: body.sector } : {}),
        actor: actorOf(membership, 'requester'),
      });
      return c.json(bookingView(booking), 201, { location: `/v1/schools/${booking.schoolId}/bookings/${booking.id}` });
    },
  )
  .get(
    '/organisations/:orgId/bookings',
    route({
      operationId: 'listRequesterBookings',
      summary: "A provider's or employer's bookings, latest event date first (cursor pagination)",
      tag: 'Bookings',
      auth: 'partner-member',
      params: orgParam,
      query: z.strictObject(listPage),
      response: { schema: bookingList },
      problems: ['STORE_UNAVAILABLE'],
    }),
    async (c) => {
    const { orgId } = c.req.valid('param');
    await requireMember(c, orgId, ROLES.provider, ['provider', 'employer']);
    const { limit, cursor } = c.req.valid('query');
    const page = await listRequesterBookings(deps(c).db, orgId, { limit, after: decodeListCursor(cursor) });
    return c.json({ items: page.items.map(bookingView), nextCursor: encodeListCursor(page.lastKey) });
  })
  .get(
    '/schools/:schoolId/bookings',
    route({
      operationId: 'listSchoolBookings',
      summary: "The school's requests and bookings, newest request first, each page by date (cursor pagination)",
      tag: 'Bookings',
      auth: 'school-member',
      params: z.strictObject({ schoolId: z.string().min(1).max(64) }),
      query: z.strictObject({ status: z.enum(bookingStatuses).optional(), ...listPage }),
      response: { schema: bookingList },
      problems: ['STORE_UNAVAILABLE'],
    }),
    async (c) => {
      const { schoolId } = c.req.valid('param');
      await requireMember(c, schoolId, ROLES.school, ['school']);
      const { status, limit, cursor } = c.req.valid('query');
      const page = await listSchoolBookings(deps(c).db, schoolId, { limit, after: decodeListCursor(cursor) }, status);
      return c.json({ items: page.items.map(bookingView), nextCursor: encodeListCursor(page.lastKey) });
    },
  )
  .get(
    '/schools/:schoolId/bookings/:bookingId',
    route({
      operationId: 'getBooking',
      summary: 'A booking with its audit log',
      tag: 'Bookings',
      auth: 'party',
      params: bookingParam,
      response: { schema: bookingDetail },
      problems: ['STORE_UNAVAILABLE'],
    }),
    async (c) => {
    const { schoolId, bookingId } = c.req.valid('param');
    const booking = await loadBooking(c, schoolId, bookingId);
    await requireParty(c, booking.schoolId, booking.requesterOrgId);
    const [audit, pending] = await Promise.all([readAudit(deps(c).db, schoolId, bookingId), readReschedule(deps(c), schoolId, bookingId)]);
    // A pending move shows only while the booking is as it was when proposed.
    const reschedule = pending && pending.bookingVersion === booking.version && booking.status === 'confirmed' ? (({ proposerEmail: _e, ...view }) => view)(pending) : null;
    return c.json({ ...bookingView(booking), audit, reschedule });
  })
  .post(
    '/schools/:schoolId/bookings/:bookingId/approve',
    route({
      operationId: 'approveBooking',
      summary: 'Confirm a request (asSupplementary for a repeat visit that does not count toward the duty)',
      tag: 'Bookings',
      auth: 'school-leader',
      idempotent: true,
      params: bookingParam,
      body: z.strictObject({ asSupplementary: z.boolean().default(false) }).default({ asSupplementary: false }),
      response: { schema: bookingSchema },
      problems: ['SLOT_FULL', 'DISTINCT_PROVIDERS', 'WHOLE_YEAR_GROUP', 'SCHOOL_HOURS', 'MIN_DURATION', 'PHASE_WINDOW', 'ELIGIBLE_PROVIDER', 'NOTICE_PERIOD', 'SLOT_IN_PAST', 'STALE_STATE', 'FACTS_CHANGED', 'CALENDAR_MISSING', 'RATE_LIMITED', 'IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_IN_PROGRESS', 'CONTENTION', 'STORE_UNAVAILABLE'],
    }),
    async (c) => {
      const { schoolId, bookingId } = c.req.valid('param');
      // The membership and the booking are read together (the use case waits on both; a refused
      // membership wins).
      const actor = requireMember(c, schoolId, ADMIN_ROLES.school, ['school']).then((membership) => actorOf(membership, 'school'));
      const booking = await approveBooking(deps(c), {
        schoolId,
        bookingId,
        actor,
        asSupplementary: c.req.valid('json').asSupplementary,
      });
      return c.json(bookingView(booking));
    },
  )
  .post(
    '/schools/:schoolId/bookings/:bookingId/decline',
    route({
      operationId: 'declineBooking',
      summary: 'Decline a request on one of the grounds the published policy names',
      tag: 'Bookings',
      auth: 'school-leader',
      params: bookingParam,
      body: declineInput,
      response: { schema: bookingSchema },
      problems: ['STALE_STATE', 'RATE_LIMITED', 'CONTENTION', 'STORE_UNAVAILABLE'],
    }),
    async (c) => {
    const { schoolId, bookingId } = c.req.valid('param');
    const booking = await loadBooking(c, schoolId, bookingId);
    const actor = await actorFor(c, booking, 'school', ADMIN_ROLES.school);
    return c.json(bookingView(await declineBooking(deps(c), booking, actor, c.req.valid('json'))));
  })
  .post(
    '/schools/:schoolId/bookings/:bookingId/withdraw',
    route({
      operationId: 'withdrawBooking',
      summary: 'Withdraw a request (the requester), saying why: the school is told',
      tag: 'Bookings',
      auth: 'partner-member',
      params: bookingParam,
      body: withdrawInput.default({}),
      response: { schema: bookingSchema },
      problems: ['STALE_STATE', 'RATE_LIMITED', 'CONTENTION', 'STORE_UNAVAILABLE'],
    }),
    async (c) => {
    const { schoolId, bookingId } = c.req.valid('param');
    const booking = await loadBooking(c, schoolId, bookingId);
    const actor = await actorFor(c, booking, 'requester');
    return c.json(bookingView(await withdrawBooking(deps(c), booking, actor, c.req.valid('json').reason)));
  })
  .post(
    '/schools/:schoolId/bookings/:bookingId/cancel',
    route({
      operationId: 'cancelBooking',
      summary: 'Cancel a confirmed booking (either side), releasing the place',
      tag: 'Bookings',
      auth: 'party',
      params: bookingParam,
      body: reasonInput,
      response: { schema: bookingSchema },
      problems: ['ALREADY_HAPPENED', 'STALE_STATE', 'RATE_LIMITED', 'CONTENTION', 'STORE_UNAVAILABLE'],
    }),
    async (c) => {
    const { schoolId, bookingId } = c.req.valid('param');
    const booking = await loadBooking(c, schoolId, bookingId);
    const { asSchool, asRequester } = await requireParty(c, booking.schoolId, booking.requesterOrgId);
    // Cancelling for the school needs the careers leader; any member of the requester may cancel for it.
    if (asSchool) requireRole(asSchool, ADMIN_ROLES.school);
    const actor = asSchool ? actorOf(asSchool, 'school') : actorOf(asRequester!, 'requester');
    return c.json(bookingView(await cancelBooking(deps(c), booking, actor, c.req.valid('json').reason)));
  })
  .post(
    '/schools/:schoolId/bookings/:bookingId/attendance',
    route({
      operationId: 'recordAttendance',
      summary: 'Record whether the encounter was delivered',
      tag: 'Bookings',
      auth: 'school-member',
      params: bookingParam,
      body: attendanceInput,
      response: { schema: bookingSchema },
      problems: ['NOT_YET_HAPPENED', 'STALE_STATE', 'RATE_LIMITED', 'CONTENTION', 'STORE_UNAVAILABLE'],
    }),
    async (c) => {
    const { schoolId, bookingId } = c.req.valid('param');
    const booking = await loadBooking(c, schoolId, bookingId);
    const { delivered, note } = c.req.valid('json');
    // "Not delivered" removes an encounter from the duty, as a cancellation does: the careers leader decides that.
    const actor = await actorFor(c, booking, 'school', delivered ? ROLES.school : ADMIN_ROLES.school);
    return c.json(bookingView(await recordAttendance(deps(c), booking, actor, { delivered, ...(note ? { note } : {}) })));
  })
  .post(
    '/schools/:schoolId/bookings/:bookingId/redesignate',
    route({
      operationId: 'redesignateBooking',
      summary: 'Keep a confirmed booking that a change of facts broke, as supplementary (not counted toward the duty)',
      tag: 'Bookings',
      auth: 'school-leader',
      params: bookingParam,
      response: { schema: bookingSchema },
      problems: ['ALREADY_HAPPENED', 'STALE_STATE', 'RATE_LIMITED', 'CONTENTION', 'STORE_UNAVAILABLE'],
    }),
    async (c) => {
    const { schoolId, bookingId } = c.req.valid('param');
    const booking = await loadBooking(c, schoolId, bookingId);
    const actor = await actorFor(c, booking, 'school', ADMIN_ROLES.school);
    return c.json(bookingView(await redesignateAsSupplementary(deps(c), booking, actor)));
  });

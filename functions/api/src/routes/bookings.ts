import { Hono } from 'hono';
// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import { attendanceInput, bookingStatuses, declineInput, reasonInput, requestInput } from '@schoolgate/contracts';
import { approveBooking, cancelBooking, declineBooking, recordAttendance, redesignateAsSupplementary, requestSlot, withdrawBooking } from '@schoolgate/usecases';
import {
  getBooking,
  listAudit,
  listBookingsOfRequester,
  listBookingsOfSchool,
  type Actor,
  type BookingRecord,
  type MembershipRecord,
} from '@schoolgate/store';
import { deps, requireMember, requireParty, requireRole, type AppContext, type AppEnv } from '../context.js';
import { notFound } from '../problem.js';
import { validate } from '../validate.js';
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
  const booking = await getBooking(deps(c).db, schoolId, bookingId);
  if (!booking) throw notFound();
  return booking;
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
      const booking = await requestSlot(deps(c), {
        requesterOrgId: orgId,
        schoolId: body.schoolId,
        slotId: body.slotId,
        message: body.message,
        ...(body.accompanyingEmployer ? { accompanyingEmployer: body.accompanyingEmployer } : {}),
        actor: actorOf(membership, 'requester'),
      });
      return c.json(bookingView(booking), 201, { location: `/v1/schools/${booking.schoolId}/bookings/${booking.id}` });
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
      const membership = await requireMember(c, schoolId, ADMIN_ROLES.school, ['school']);
      const booking = await approveBooking(deps(c), {
        schoolId,
        bookingId,
        actor: actorOf(membership, 'school'),
        asSupplementary: c.req.valid('json').asSupplementary,
      });
      return c.json(bookingView(booking));
    },
  )
  .post('/schools/:schoolId/bookings/:bookingId/decline', validate('param', bookingParam), validate('json', declineInput), async (c) => {
    const { schoolId, bookingId } = c.req.valid('param');
    const booking = await loadBooking(c, schoolId, bookingId);
    const actor = await actorFor(c, booking, 'school', ADMIN_ROLES.school);
    return c.json(bookingView(await declineBooking(deps(c), booking, actor, c.req.valid('json'))));
  })
  .post('/schools/:schoolId/bookings/:bookingId/withdraw', validate('param', bookingParam), async (c) => {
    const { schoolId, bookingId } = c.req.valid('param');
    const booking = await loadBooking(c, schoolId, bookingId);
    const actor = await actorFor(c, booking, 'requester');
    return c.json(bookingView(await withdrawBooking(deps(c), booking, actor)));
  })
  .post('/schools/:schoolId/bookings/:bookingId/cancel', validate('param', bookingParam), validate('json', reasonInput), async (c) => {
    const { schoolId, bookingId } = c.req.valid('param');
    const booking = await loadBooking(c, schoolId, bookingId);
    const { asSchool, asRequester } = await requireParty(c, booking.schoolId, booking.requesterOrgId);
    // Cancelling for the school needs the careers leader; any member of the requester may cancel for it.
    if (asSchool) requireRole(asSchool, ADMIN_ROLES.school);
    const actor = asSchool ? actorOf(asSchool, 'school') : actorOf(asRequester!, 'requester');
    return c.json(bookingView(await cancelBooking(deps(c), booking, actor, c.req.valid('json').reason)));
  })
  .post('/schools/:schoolId/bookings/:bookingId/attendance', validate('param', bookingParam), validate('json', attendanceInput), async (c) => {
    const { schoolId, bookingId } = c.req.valid('param');
    const booking = await loadBooking(c, schoolId, bookingId);
    const { delivered, note } = c.req.valid('json');
    // "Not delivered" removes an encounter from the duty, as a cancellation does: the careers leader decides that.
    const actor = await actorFor(c, booking, 'school', delivered ? ROLES.school : ADMIN_ROLES.school);
    return c.json(bookingView(await recordAttendance(deps(c), booking, actor, { delivered, ...(note ? { note } : {}) })));
  })
  .post('/schools/:schoolId/bookings/:bookingId/redesignate', validate('param', bookingParam), async (c) => {
    const { schoolId, bookingId } = c.req.valid('param');
    const booking = await loadBooking(c, schoolId, bookingId);
    const actor = await actorFor(c, booking, 'school', ADMIN_ROLES.school);
    return c.json(bookingView(await redesignateAsSupplementary(deps(c), booking, actor)));
  });

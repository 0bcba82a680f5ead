import { Hono } from 'hono';
// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import { booking as bookingSchema, rescheduleAcceptInput, rescheduleDeclineInput, rescheduleInput, rescheduleProposal } from '@schoolgate/contracts';
import { acceptReschedule, declineReschedule, proposeReschedule, readBooking } from '@schoolgate/usecases';
import type { Actor, BookingRecord, MembershipRecord } from '@schoolgate/store';
import { deps, requireParty, requireRole, type AppContext, type AppEnv } from '../context.js';
import { notFound } from '../problem.js';
import { route } from '../declare.js';
import { ADMIN_ROLES } from './organisations.js';
import { bookingView } from './bookings.js';

/**
 * Reschedule (issue 15): either side of a confirmed booking proposes a new date and time; the other
 * side accepts (the booking moves, every rule judged again) or declines with a reason.
 */
const bookingParam = z.strictObject({ schoolId: z.string().min(1).max(64), bookingId: z.string().min(1).max(64) });

const actorOf = (membership: MembershipRecord, side: Actor['side']): Actor => ({ userId: membership.userId, email: membership.email, orgId: membership.orgId, side });

/** The caller's side of the booking: the school's careers leader, or any member of the requester. */
async function sideOf(c: AppContext, booking: Pick<BookingRecord, 'schoolId' | 'requesterOrgId'>): Promise<Actor> {
  const { asSchool, asRequester } = await requireParty(c, booking.schoolId, booking.requesterOrgId);
  // Moving a booking for the school is the careers leader's decision, as cancelling is.
  if (asSchool) requireRole(asSchool, ADMIN_ROLES.school);
  return asSchool ? actorOf(asSchool, 'school') : actorOf(asRequester!, 'requester');
}

async function loadBooking(c: AppContext, schoolId: string, bookingId: string): Promise<BookingRecord> {
  const booking = await readBooking(deps(c).db, schoolId, bookingId);
  if (!booking) throw notFound();
  return booking;
}

const proposalView = ({ proposerEmail: _email, ...view }: { proposerEmail: string } & z.infer<typeof rescheduleProposal>) => view;

export const reschedule = new Hono<AppEnv>()
  .post(
    '/schools/:schoolId/bookings/:bookingId/reschedule',
    route({
      operationId: 'proposeReschedule',
      summary: 'Propose a new date and time for a confirmed booking (either side); the other side is emailed',
      tag: 'Bookings',
      auth: 'party',
      params: bookingParam,
      body: rescheduleInput,
      response: { status: 201, schema: rescheduleProposal, description: 'Proposed; the other side accepts or declines' },
      problems: ['RESCHEDULE_NOT_CONFIRMED', 'RESCHEDULE_IN_PAST', 'RESCHEDULE_UNCHANGED', 'RESCHEDULE_PENDING', 'RESCHEDULE_OFFER_BOOKING', 'SLOT_CLOSED', 'STALE_STATE', 'RATE_LIMITED', 'CONTENTION', 'STORE_UNAVAILABLE'],
    }),
    async (c) => {
      const { schoolId, bookingId } = c.req.valid('param');
      const booking = await loadBooking(c, schoolId, bookingId);
      const actor = await sideOf(c, booking);
      const proposal = await proposeReschedule(deps(c), booking, actor, c.req.valid('json'));
      return c.json(proposalView(proposal), 201);
    },
  )
  .post(
    '/schools/:schoolId/bookings/:bookingId/reschedule/accept',
    route({
      operationId: 'acceptReschedule',
      summary: 'Accept the proposed time: the booking moves, judged again on the facts as they stand',
      tag: 'Bookings',
      auth: 'party',
      params: bookingParam,
      body: rescheduleAcceptInput,
      response: { schema: bookingSchema },
      problems: ['RESCHEDULE_OWN_PROPOSAL', 'RESCHEDULE_NOT_CONFIRMED', 'RESCHEDULE_IN_PAST', 'SLOT_FULL', 'SLOT_CLOSED', 'ALREADY_BOOKED', 'DISTINCT_PROVIDERS', 'WHOLE_YEAR_GROUP', 'SCHOOL_HOURS', 'MIN_DURATION', 'PHASE_WINDOW', 'ELIGIBLE_PROVIDER', 'CALENDAR_MISSING', 'STALE_STATE', 'FACTS_CHANGED', 'RATE_LIMITED', 'CONTENTION', 'STORE_UNAVAILABLE'],
    }),
    async (c) => {
      const { schoolId, bookingId } = c.req.valid('param');
      const booking = await loadBooking(c, schoolId, bookingId);
      const moved = await acceptReschedule(deps(c), { schoolId, bookingId, proposalId: c.req.valid('json').proposalId, actor: sideOf(c, booking) });
      return c.json(bookingView(moved));
    },
  )
  .post(
    '/schools/:schoolId/bookings/:bookingId/reschedule/decline',
    route({
      operationId: 'declineReschedule',
      summary: 'Decline the proposed time, saying why; the booking stays where it is',
      tag: 'Bookings',
      auth: 'party',
      params: bookingParam,
      body: rescheduleDeclineInput,
      response: { schema: rescheduleProposal },
      problems: ['RESCHEDULE_OWN_PROPOSAL', 'STALE_STATE', 'RATE_LIMITED', 'CONTENTION', 'STORE_UNAVAILABLE'],
    }),
    async (c) => {
      const { schoolId, bookingId } = c.req.valid('param');
      const booking = await loadBooking(c, schoolId, bookingId);
      const { proposalId, reason } = c.req.valid('json');
      const declined = await declineReschedule(deps(c), { schoolId, bookingId, proposalId, reason, actor: sideOf(c, booking) });
      return c.json(proposalView(declined));
    },
  );

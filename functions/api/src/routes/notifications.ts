import { Hono } from 'hono';
// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import { listDeliveryFailuresOf, readBooking, resendFailedEmail } from '@schoolgate/usecases';
import { deps, requireMember, requireParty, type AppEnv } from '../context.js';
import { notFound } from '../problem.js';
import { route } from '../declare.js';
import { deliveryFailureList, icsText, resendInput, resendQueued } from '@schoolgate/contracts';

export const notifications = new Hono<AppEnv>()
  /** Messages that could not be delivered, so nobody believes an email arrived when it did not. */
  .get(
    '/organisations/:orgId/delivery-failures',
    route({
      operationId: 'listDeliveryFailures',
      summary: 'Emails that could not be delivered',
      tag: 'Notifications',
      auth: 'member',
      params: z.strictObject({ orgId: z.string().min(1).max(64) }),
      response: { schema: deliveryFailureList },
      problems: ['STORE_UNAVAILABLE'],
    }),
    async (c) => {
    const { orgId } = c.req.valid('param');
    await requireMember(c, orgId);
    return c.json({ items: await listDeliveryFailuresOf(deps(c).db, orgId) });
  })
  /** Sends a failed message again; the stream consumer does the sending, so this answers 202. */
  .post(
    '/organisations/:orgId/delivery-failures/resend',
    route({
      operationId: 'resendDeliveryFailure',
      summary: 'Send an undelivered email again (queued; answers 202)',
      tag: 'Notifications',
      auth: 'member',
      params: z.strictObject({ orgId: z.string().min(1).max(64) }),
      body: resendInput,
      response: { status: 202, schema: resendQueued },
      problems: ['ALREADY_RESENT', 'RATE_LIMITED', 'STORE_UNAVAILABLE'],
    }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      const member = await requireMember(c, orgId);
      const { eventId, recipient } = c.req.valid('json');
      await resendFailedEmail(deps(c), { orgId, eventId, recipient, requestedBy: member.email });
      return c.json({ status: 'queued', recipient }, 202);
    },
  )
  /** The booking's calendar invite, the same UID and SEQUENCE the emails carry. */
  .get(
    '/schools/:schoolId/bookings/:bookingId/ics',
    route({
      operationId: 'getBookingInvite',
      summary: 'The calendar invite, with the UID and SEQUENCE the emails carry',
      tag: 'Bookings',
      auth: 'party',
      params: z.strictObject({ schoolId: z.string().min(1).max(64), bookingId: z.string().min(1).max(64) }),
      response: { schema: icsText, contentType: 'text/calendar' },
      problems: ['STORE_UNAVAILABLE'],
    }),
    async (c) => {
      const { schoolId, bookingId } = c.req.valid('param');
      const { db, now } = deps(c);
      const booking = await readBooking(db, schoolId, bookingId);
      if (!booking) throw notFound();
      await requireParty(c, booking.schoolId, booking.requesterOrgId);
      // Loaded on demand: the invite builder and its time-zone data are needed by this route alone.
      const { bookingInvite, inviteMethodFor } = await import('@schoolgate/calendar-files');
      const method = inviteMethodFor(booking.status);
      return c.body(bookingInvite(booking.snapshot, method, now()), 200, {
        'content-type': `text/calendar; charset=utf-8; method=${method}`,
        'content-disposition': `attachment; filename="schoolgate-${booking.date}-${bookingId}.ics"`,
      });
    },
  );

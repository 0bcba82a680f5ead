import { Hono } from 'hono';
// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import { calendarFeedCreated, calendarFeedFile, calendarFeedState as calendarFeedStateSchema, icsText } from '@schoolgate/contracts';
import { calendarFeedState, openCalendarFeed, readOrganisation, revokeCalendarFeed, rotateCalendarFeed } from '@schoolgate/usecases';
import { deps, requireMember, type AppEnv } from '../context.js';
import { notFound } from '../problem.js';
import { route } from '../declare.js';
import { ADMIN_ROLES } from './organisations.js';

const idParam = z.strictObject({ id: z.string().min(1).max(64) });

/** The careers leader (or a provider's or employer's admin) of the organisation. */
async function requireOrgAdmin(c: Parameters<typeof requireMember>[0], orgId: string) {
  const org = await readOrganisation(deps(c).db, orgId);
  if (!org) throw notFound();
  await requireMember(c, orgId, ADMIN_ROLES[org.kind]);
  return org;
}

const feedPath = (token: string) => `/v1/public/calendar-feeds/${token}.ics`;

/**
 * Arranging: the private calendar feed of an organisation (both sides subscribe to their confirmed
 * bookings from Outlook or Google Calendar).
 */
export const arranging = new Hono<AppEnv>()
  .get('/organisations/:id/calendar-feed', route({ operationId: 'getCalendarFeed', summary: "Whether the organisation's private calendar feed is live", tag: 'Calendar feed', auth: 'member', params: idParam, response: { schema: calendarFeedStateSchema }, problems: ['STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    await requireMember(c, id);
    return c.json(await calendarFeedState(deps(c).db, id));
  })
  .post('/organisations/:id/calendar-feed', route({ operationId: 'rotateCalendarFeed', summary: 'Make a new private calendar feed address (the old one, if any, stops working)', tag: 'Calendar feed', auth: 'org-admin', params: idParam, response: { status: 201, schema: calendarFeedCreated }, problems: ['STALE_STATE', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    await requireOrgAdmin(c, id);
    const { token, createdAt } = await rotateCalendarFeed(deps(c), id);
    // The address is absolute (a calendar app subscribes to it from elsewhere) and shown only now.
    return c.json({ url: new URL(feedPath(token), c.req.url).toString(), createdAt }, 201);
  })
  .delete('/organisations/:id/calendar-feed', route({ operationId: 'revokeCalendarFeed', summary: 'Stop the private calendar feed: its address answers 404 from now on', tag: 'Calendar feed', auth: 'org-admin', params: idParam, response: { schema: calendarFeedStateSchema }, problems: ['STALE_STATE', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    await requireOrgAdmin(c, id);
    await revokeCalendarFeed(deps(c).db, id);
    return c.json({ live: false });
  })
  .get('/public/calendar-feeds/:file', route({ operationId: 'getCalendarFeedFile', summary: "An organisation's confirmed bookings as iCalendar, for a calendar app to subscribe to (the address is the secret)", tag: 'Public', auth: 'public', params: calendarFeedFile, response: { schema: icsText, contentType: 'text/calendar' }, problems: ['STORE_UNAVAILABLE'] }), async (c) => {
    const { file } = c.req.valid('param');
    const { db, now } = deps(c);
    const feed = await openCalendarFeed(db, file.slice(0, -'.ics'.length));
    if (!feed) throw notFound();
    // Loaded on demand: the calendar writer and its time-zone data are needed by the ICS routes alone.
    const { calendarFeed, placementInviteFrom } = await import('@schoolgate/calendar-files');
    return c.body(calendarFeed(
        `${feed.org.name} on Schoolgate`,
        feed.items,
        now(),
        feed.placements.map((p) => placementInviteFrom(p.placement, p.host, p.school)),
      ), 200, {
      'content-type': 'text/calendar; charset=utf-8',
      // The address is a secret: keep it and the feed out of shared caches.
      'cache-control': 'private, no-store',
      'referrer-policy': 'no-referrer',
    });
  });

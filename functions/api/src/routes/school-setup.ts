import { Hono } from 'hono';
// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import { calendarInput, calendarSaved, icsImport, icsPreview, policyInput, policyState, policyVersion, publicPolicy as publicPolicySchema } from '@schoolgate/contracts';
import { parseTermDatesIcs, schoolWeekConflicts } from '@schoolgate/domain';
import {
  getStoredCalendar,
  getLatestPolicy,
  getOrganisationByUrn,
  getPublishedPolicy,
  publishPolicy,
  putCalendar,
  saveDraftPolicy,
  schoolWeekOf,
} from '@schoolgate/store';
import { bookingsBrokenAtSchool } from '@schoolgate/usecases';
import { caller, deps, requireMember, type AppContext, type AppEnv } from '../context.js';
import { notFound, ProblemError } from '../problem.js';
import { route } from '../declare.js';
import { ROLES, ADMIN_ROLES } from './organisations.js';

const schoolParam = z.strictObject({ id: z.string().min(1).max(64) });

export const etagOf = (version: number) => `"${version}"`;

/**
 * The version an editor loaded, from `If-Match: "<version>"`; absent means "overwrite whatever is
 * there" (the API's older behaviour, kept for scripts). A malformed header is a 400, not a guess.
 */
export function ifMatch(c: AppContext): number | undefined {
  const header = c.req.header('if-match');
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(header.trim());
  if (!match) throw new ProblemError(400, 'Your request has problems', [{ field: 'If-Match', message: 'Send the ETag you loaded, e.g. "3"' }]);
  return Number(match[1]);
}

export const schoolSetup = new Hono<AppEnv>()
  .get('/schools/:id/calendar', route({ operationId: 'getCalendar', summary: "The school's terms, closures and school day (ETag: send it back in If-Match)", tag: 'School setup', auth: 'school-member', params: schoolParam, response: { schema: calendarInput }, problems: ['STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    await requireMember(c, id, ROLES.school, ['school']);
    const stored = await getStoredCalendar(deps(c).db, id);
    if (!stored) throw notFound('No calendar yet');
    // Send it back in If-Match when saving, so a save made meanwhile is not overwritten.
    c.header('etag', etagOf(stored.version));
    return c.json(stored.calendar);
  })
  .put('/schools/:id/calendar', route({ operationId: 'putCalendar', summary: "Replace the school's calendar (If-Match: the ETag you loaded); answers the confirmed bookings it breaks", tag: 'School setup', auth: 'school-leader', params: schoolParam, body: calendarInput, response: { schema: calendarSaved }, problems: ['STALE_STATE', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    await requireMember(c, id, ADMIN_ROLES.school, ['school']);
    const calendar = c.req.valid('json');
    const backwards = [...calendar.terms.map((x, i) => ({ x, field: `terms.${i}.end` })), ...calendar.closures.map((x, i) => ({ x, field: `closures.${i}.end` }))]
      .filter(({ x }) => x.end < x.start)
      .map(({ field }) => ({ field, message: 'The end date must not be before the start date' }));
    // A year group's every-weekday hours that share no time with a changed weekday: the school must say which it means.
    for (const conflict of schoolWeekConflicts(schoolWeekOf(calendar))) backwards.push({ field: `yearGroupOverrides.${conflict.index}.start`, message: conflict.message });
    if (backwards.length) throw new ProblemError(400, 'Your request has problems', backwards);
    const { db, now } = deps(c);
    const stored = await putCalendar(db, id, calendar, now().toISOString(), ifMatch(c));
    c.header('etag', etagOf(stored.version));
    // Read after the write: confirmed bookings this calendar breaks, for the school to move, re-designate or cancel.
    return c.json({ ...calendar, affectedBookings: await bookingsBrokenAtSchool(db, id, now()) });
  })
  .post('/schools/:id/calendar/ics', route({ operationId: 'previewIcs', summary: 'Read term dates from an .ics file (a preview; nothing is saved)', tag: 'School setup', auth: 'school-leader', params: schoolParam, body: icsImport, response: { schema: icsPreview }, problems: ['RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    await requireMember(c, id, ADMIN_ROLES.school, ['school']);
    try {
      return c.json(parseTermDatesIcs(c.req.valid('json').ics));
    } catch (error) {
      throw new ProblemError(400, 'That file could not be read as a calendar', [{ field: 'ics', message: (error as Error).message }]);
    }
  })
  .get('/schools/:id/policy', route({ operationId: 'getPolicy', summary: 'The latest draft and the published policy', tag: 'Access policy', auth: 'school-member', params: schoolParam, response: { schema: policyState }, problems: ['STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    await requireMember(c, id, ROLES.school, ['school']);
    const { db } = deps(c);
    const [draft, published] = await Promise.all([getLatestPolicy(db, id), getPublishedPolicy(db, id)]);
    return c.json({ draft: draft ?? null, published: published ?? null });
  })
  .put('/schools/:id/policy', route({ operationId: 'saveDraftPolicy', summary: 'Save a new draft version of the access policy (If-Match: the ETag you loaded)', tag: 'Access policy', auth: 'school-leader', params: schoolParam, body: policyInput, response: { status: 201, schema: policyVersion }, problems: ['STALE_STATE', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    await requireMember(c, id, ADMIN_ROLES.school, ['school']);
    const saved = await saveDraftPolicy(
      deps(c).db,
      id,
      { ...c.req.valid('json'), createdAt: deps(c).now().toISOString(), createdBy: caller(c).email },
      ifMatch(c),
    );
    c.header('etag', etagOf(saved.version));
    return c.json(saved, 201);
  })
  .post('/schools/:id/policy/publish', route({ operationId: 'publishPolicy', summary: 'Publish the latest draft', tag: 'Access policy', auth: 'school-leader', params: schoolParam, response: { schema: policyVersion }, problems: ['NO_DRAFT', 'STALE_STATE', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    await requireMember(c, id, ADMIN_ROLES.school, ['school']);
    const latest = await getLatestPolicy(deps(c).db, id);
    if (!latest) throw new ProblemError(409, 'Nothing to publish', [{ code: 'NO_DRAFT', message: 'Write your access policy before publishing it.' }]);
    return c.json(await publishPolicy(deps(c).db, id, latest.version, deps(c).now().toISOString()));
  });

/** No sign-in: every school gets a statement it can link from its own website. */
export const publicPolicy = new Hono<AppEnv>().get(
  '/public/schools/:urn/policy',
  route({ operationId: 'getPublicPolicy', summary: "A verified school's published provider access policy statement", tag: 'Public', auth: 'public', params: z.strictObject({ urn: z.string().regex(/^\d{6,7}$/, 'A URN is 6 or 7 digits') }), response: { schema: publicPolicySchema }, problems: ['STORE_UNAVAILABLE'] }),
  async (c) => {
    const { db } = deps(c);
    const school = await getOrganisationByUrn(db, c.req.valid('param').urn);
    const policy = school ? await getPublishedPolicy(db, school.id) : undefined;
    // A URN is claimed at sign-up; only once Schoolgate has verified the school does its statement go public.
    if (!school || !school.verified || !policy) throw notFound('This school has not published a provider access policy on Schoolgate');
    const { createdBy: _author, ...statement } = policy;
    c.header('cache-control', 'public, max-age=300');
    return c.json({
      ...statement,
      school: { name: school.name, urn: school.urn, address: school.address ?? '', postcode: school.postcode },
    });
  },
);

import { Hono } from 'hono';
// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import { calendarInput, calendarSaved, policyInput, policyPublished, policyState, policyVersion, publicPolicy as publicPolicySchema } from '@schoolgate/contracts';
import { bookingsBrokenAtSchool, calendarProblems, publicPolicyStatement, publishLatestDraft, readCalendar, readPolicyState, saveCalendar, saveDraft } from '@schoolgate/usecases';
import { caller, deps, requireMember, type AppContext, type AppEnv } from '../context.js';
import { invalid, notFound, ProblemError } from '../problem.js';
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
  if (!match) throw invalid([{ field: 'If-Match', message: 'Send the ETag you loaded, e.g. "3"' }], 'headers');
  return Number(match[1]);
}

export const schoolSetup = new Hono<AppEnv>()
  .get('/schools/:id/calendar', route({ operationId: 'getCalendar', summary: "The school's terms, closures and school day (ETag: send it back in If-Match)", tag: 'School setup', auth: 'school-member', params: schoolParam, response: { schema: calendarInput }, problems: ['STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    await requireMember(c, id, ROLES.school, ['school']);
    const stored = await readCalendar(deps(c).db, id);
    if (!stored) throw notFound('No calendar yet');
    // Send it back in If-Match when saving, so a save made meanwhile is not overwritten.
    c.header('etag', etagOf(stored.version));
    return c.json(stored.calendar);
  })
  .put('/schools/:id/calendar', route({ operationId: 'putCalendar', summary: "Replace the school's calendar (If-Match: the ETag you loaded); answers the confirmed bookings it breaks", tag: 'School setup', auth: 'school-leader', params: schoolParam, body: calendarInput, response: { schema: calendarSaved }, problems: ['STALE_STATE', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    await requireMember(c, id, ADMIN_ROLES.school, ['school']);
    const calendar = c.req.valid('json');
    const problems = calendarProblems(calendar);
    if (problems.length) throw invalid(problems);
    const { version, affectedBookings } = await saveCalendar(deps(c), id, calendar, ifMatch(c));
    c.header('etag', etagOf(version));
    return c.json({ ...calendar, affectedBookings });
  })
  .get('/schools/:id/policy', route({ operationId: 'getPolicy', summary: 'The latest draft and the published policy', tag: 'Access policy', auth: 'school-member', params: schoolParam, response: { schema: policyState }, problems: ['STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    await requireMember(c, id, ROLES.school, ['school']);
    return c.json(await readPolicyState(deps(c).db, id));
  })
  .put('/schools/:id/policy', route({ operationId: 'saveDraftPolicy', summary: 'Save a new draft version of the access policy (If-Match: the ETag you loaded)', tag: 'Access policy', auth: 'school-leader', params: schoolParam, body: policyInput, response: { status: 201, schema: policyVersion }, problems: ['STALE_STATE', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    await requireMember(c, id, ADMIN_ROLES.school, ['school']);
    const saved = await saveDraft(deps(c), id, c.req.valid('json'), caller(c).email, ifMatch(c));
    c.header('etag', etagOf(saved.version));
    return c.json(saved, 201);
  })
  .post('/schools/:id/policy/publish', route({ operationId: 'publishPolicy', summary: 'Publish the latest draft', tag: 'Access policy', auth: 'school-leader', params: schoolParam, response: { schema: policyPublished }, problems: ['NO_DRAFT', 'STALE_STATE', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    await requireMember(c, id, ADMIN_ROLES.school, ['school']);
    const published = await publishLatestDraft(deps(c), id);
    if (!published) throw new ProblemError(409, 'Nothing to publish', [{ code: 'NO_DRAFT', message: 'Write your access policy before publishing it.' }]);
    // A new minimum duration can break confirmed bookings: say which, as a calendar change does.
    return c.json({ ...published, affectedBookings: await bookingsBrokenAtSchool(deps(c).db, id, deps(c).now()) });
  });

/** No sign-in: every school gets a statement it can link from its own website. */
export const publicPolicy = new Hono<AppEnv>().get(
  '/public/schools/:urn/policy',
  route({ operationId: 'getPublicPolicy', summary: "A verified school's published provider access policy statement", tag: 'Public', auth: 'public', params: z.strictObject({ urn: z.string().regex(/^\d{6,7}$/, 'A URN is 6 or 7 digits') }), response: { schema: publicPolicySchema }, problems: ['STORE_UNAVAILABLE'] }),
  async (c) => {
    // A URN is claimed at sign-up; only once Schoolgate has verified the school does its statement go public.
    const statement = await publicPolicyStatement(deps(c).db, c.req.valid('param').urn);
    if (!statement) throw notFound('This school has not published a provider access policy on Schoolgate');
    c.header('cache-control', 'public, max-age=300');
    return c.json(statement);
  },
);

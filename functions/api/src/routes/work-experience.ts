import { Hono } from 'hono';
// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import {
  benchmark6View as benchmark6Schema,
  consentInput,
  daysAfterInsuranceExpiry,
  feedbackInput,
  placement as placementSchema,
  placementAttendanceInput,
  placementBooking,
  placementBookingList,
  placementCancelInput,
  placementDeclineInput,
  placementInput,
  placementList,
  placementPage,
  placementRequestInput,
  placementSearch,
  placementWithDays,
  pupilExport,
  pupilList,
  pupilsImport,
  pupilsInput,
  workExperienceSettings,
} from '@schoolgate/contracts';
import { academicYearOf, daysBetween, todayInLondon } from '@schoolgate/domain';
import {
  addPupils,
  bookingForHost,
  cancelPlacement,
  hostDaysAfterInsuranceExpiry,
  isSchoolUser,
  benchmark6View,
  confirmPlacement,
  declinePlacement,
  erasePupil,
  exportPupilsCsv,
  leavePlacementFeedback,
  listHostPlacementBookings,
  listHostPlacements,
  listSchoolPlacementBookings,
  listSchoolPupils,
  membershipOf,
  parsePupilsCsv,
  publishPlacement,
  pupilRecord,
  readOrganisation,
  readPlacementBookingForHost,
  readPlacementWithDays,
  readWorkExperienceSettings,
  recordConsent,
  recordPlacementAttendance,
  requestPlacement,
  saveWorkExperienceSettings,
  schoolDaysAfterInsuranceExpiry,
  searchPlacementsFor,
  withdrawPlacementOffer,
  withdrawPlacementRequest,
} from '@schoolgate/usecases';
import { caller, deps, requireMember, type AppEnv } from '../context.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { route } from '../declare.js';
import { invalid, notFound } from '../problem.js';
import { ROLES } from './organisations.js';

/**
 * Work experience placements (issue 12, we-place): hosts (employers, and providers that host)
 * publish offers and answer requests; schools keep their pupils, search, request days, record
 * consent and see Benchmark 6. Pupils' names reach a host only on a confirmed booking.
 */

const orgParam = z.strictObject({ id: z.string().min(1).max(64) });
const placementParam = z.strictObject({ id: z.string().min(1).max(64), placementId: z.string().min(1).max(64) });
const hostBookingParam = z.strictObject({ id: z.string().min(1).max(64), schoolId: z.string().min(1).max(64), bookingId: z.string().min(1).max(64) });
const schoolBookingParam = z.strictObject({ id: z.string().min(1).max(64), bookingId: z.string().min(1).max(64) });
const pupilParam = z.strictObject({ id: z.string().min(1).max(64), pupilId: z.string().min(1).max(64) });
const TAG = 'Work experience';
const HOSTS = ['employer', 'provider'] as const;
const HOST_ROLES = [...new Set([...ROLES.employer, ...ROLES.provider])];
/** A school year and a bit, as slot search. */
const MAX_SEARCH_DAYS = 400;

export const workExperience = new Hono<AppEnv>()
  // ── the host ──
  .post('/organisations/:id/placements', route({ operationId: 'publishPlacement', summary: 'Publish a work experience placement offer (422 IN_PERSON or PLACEMENT_YEAR_GROUP)', tag: TAG, auth: 'partner-member', params: orgParam, body: placementInput, response: { status: 201, schema: placementSchema }, problems: ['IN_PERSON', 'PLACEMENT_YEAR_GROUP', 'NOT_VERIFIED', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    await requireMember(c, id, HOST_ROLES, HOSTS);
    const placement = await publishPlacement(deps(c), id, c.req.valid('json'));
    return c.json(placement, 201, { location: `/v1/organisations/${id}/placements/${placement.id}` });
  })
  .get('/organisations/:id/placements', route({ operationId: 'listPlacements', summary: "The host's placement offers", tag: TAG, auth: 'partner-member', params: orgParam, response: { schema: placementList }, problems: ['STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    await requireMember(c, id, HOST_ROLES, HOSTS);
    return c.json({ items: await listHostPlacements(deps(c).db, id) });
  })
  .get(
    '/organisations/:id/placements/:placementId',
    route({ operationId: 'getPlacement', summary: 'One placement offer with each day’s places left: for its host, or a school member (a published offer)', tag: TAG, auth: 'signed-in', params: placementParam, response: { schema: placementWithDays }, problems: ['STORE_UNAVAILABLE'] }),
    async (c) => {
      const { id, placementId } = c.req.valid('param');
      const { db } = deps(c);
      const userId = caller(c).userId;
      const [placement, asHost, schoolUser] = await Promise.all([readPlacementWithDays(db, id, placementId), membershipOf(db, userId, id), isSchoolUser(db, userId)]);
      if (!placement) throw notFound();
      if (asHost && (HOSTS as readonly string[]).includes(asHost.kind)) return c.json(placement);
      if (!schoolUser || placement.status !== 'published') throw notFound();
      return c.json(placement);
    },
  )
  .post('/organisations/:id/placements/:placementId/withdraw', route({ operationId: 'withdrawPlacement', summary: 'Withdraw a placement offer: it leaves search and takes no more requests or confirmations', tag: TAG, auth: 'partner-member', params: placementParam, response: { schema: placementSchema }, problems: ['STALE_STATE', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id, placementId } = c.req.valid('param');
    await requireMember(c, id, HOST_ROLES, HOSTS);
    return c.json(await withdrawPlacementOffer(deps(c), id, placementId));
  })
  .get('/organisations/:id/placement-bookings', route({ operationId: 'listHostPlacementBookings', summary: "The host's placement requests and bookings (pupils' names only on confirmed ones)", tag: TAG, auth: 'partner-member', params: orgParam, response: { schema: placementBookingList }, problems: ['STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    await requireMember(c, id, HOST_ROLES, HOSTS);
    return c.json({ items: await listHostPlacementBookings(deps(c).db, id) });
  })
  .get('/organisations/:id/placement-bookings/:schoolId/:bookingId', route({ operationId: 'getHostPlacementBooking', summary: 'One placement request or booking, as the host sees it', tag: TAG, auth: 'partner-member', params: hostBookingParam, response: { schema: placementBooking }, problems: ['STORE_UNAVAILABLE'] }), async (c) => {
    const { id, schoolId, bookingId } = c.req.valid('param');
    await requireMember(c, id, HOST_ROLES, HOSTS);
    const booking = await readPlacementBookingForHost(deps(c).db, id, schoolId, bookingId);
    if (!booking) throw notFound();
    return c.json(booking);
  })
  .post(
    '/organisations/:id/placement-bookings/:schoolId/:bookingId/confirm',
    route({
      operationId: 'confirmPlacement',
      summary: 'Confirm a placement request (409 PLACEMENT_FULL, PUPIL_DOUBLE_BOOKED, SAFETY_CHECKS, INSURANCE_EXPIRED, PARENTAL_CONSENT; 422 SCHOOL_CLOSED_DAY)',
      tag: TAG,
      auth: 'partner-member',
      params: hostBookingParam,
      response: { schema: placementBooking },
      problems: ['PLACEMENT_FULL', 'PUPIL_DOUBLE_BOOKED', 'PLACEMENT_DAY_NOT_OFFERED', 'SCHOOL_CLOSED_DAY', 'PLACEMENT_YEAR_GROUP', 'PARENTAL_CONSENT', 'SAFETY_CHECKS', 'INSURANCE_EXPIRED', 'PUPIL_CHANGED', 'CALENDAR_MISSING', 'FACTS_CHANGED', 'STALE_STATE', 'RATE_LIMITED', 'STORE_UNAVAILABLE'],
    }),
    async (c) => {
      const { id, schoolId, bookingId } = c.req.valid('param');
      await requireMember(c, id, HOST_ROLES, HOSTS);
      return c.json(bookingForHost(await confirmPlacement(deps(c), id, schoolId, bookingId)));
    },
  )
  .post('/organisations/:id/placement-bookings/:schoolId/:bookingId/decline', route({ operationId: 'declinePlacement', summary: 'Decline a placement request with a reason', tag: TAG, auth: 'partner-member', params: hostBookingParam, body: placementDeclineInput, response: { schema: placementBooking }, problems: ['STALE_STATE', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id, schoolId, bookingId } = c.req.valid('param');
    await requireMember(c, id, HOST_ROLES, HOSTS);
    return c.json(bookingForHost(await declinePlacement(deps(c), id, schoolId, bookingId, c.req.valid('json').reason)));
  })
  .post(
    '/organisations/:id/placement-bookings/:schoolId/:bookingId/cancel',
    route({ operationId: 'cancelPlacementByHost', summary: 'Cancel a confirmed placement before its first day, with a reason the school is told (its days’ places and the pupils’ days are freed)', tag: TAG, auth: 'partner-member', params: hostBookingParam, body: placementCancelInput, response: { schema: placementBooking }, problems: ['ALREADY_HAPPENED', 'STALE_STATE', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }),
    async (c) => {
      const { id, schoolId, bookingId } = c.req.valid('param');
      await requireMember(c, id, HOST_ROLES, HOSTS);
      return c.json(bookingForHost(await cancelPlacement(deps(c), { by: 'host', hostOrgId: id, schoolId }, bookingId, c.req.valid('json').reason)));
    },
  )
  .get(
    '/organisations/:id/work-experience/after-insurance-expiry',
    route({ operationId: 'hostPlacementsAfterInsuranceExpiry', summary: 'Placement days already confirmed after the host’s employers’ liability insurance expires', tag: TAG, auth: 'partner-member', params: orgParam, response: { schema: daysAfterInsuranceExpiry }, problems: ['STORE_UNAVAILABLE'] }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireMember(c, id, HOST_ROLES, HOSTS);
      return c.json(await hostDaysAfterInsuranceExpiry(deps(c).db, id, deps(c).now()));
    },
  )
  .post('/organisations/:id/placement-bookings/:schoolId/:bookingId/attendance', route({ operationId: 'recordPlacementAttendance', summary: 'Record whether a pupil attended a placement day (on or after the day)', tag: TAG, auth: 'partner-member', params: hostBookingParam, body: placementAttendanceInput, response: { schema: placementBooking }, problems: ['NOT_YET_HAPPENED', 'STALE_STATE', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id, schoolId, bookingId } = c.req.valid('param');
    await requireMember(c, id, HOST_ROLES, HOSTS);
    return c.json(bookingForHost(await recordPlacementAttendance(deps(c), id, schoolId, bookingId, c.req.valid('json'))));
  })
  .post('/organisations/:id/placement-bookings/:schoolId/:bookingId/feedback', route({ operationId: 'leavePlacementFeedback', summary: 'Leave short feedback for a pupil on a confirmed placement', tag: TAG, auth: 'partner-member', params: hostBookingParam, body: feedbackInput, response: { schema: placementBooking }, problems: ['NOT_YET_HAPPENED', 'STALE_STATE', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id, schoolId, bookingId } = c.req.valid('param');
    const member = await requireMember(c, id, HOST_ROLES, HOSTS);
    return c.json(bookingForHost(await leavePlacementFeedback(deps(c), id, schoolId, bookingId, { ...c.req.valid('json'), by: member.email })));
  })
  // ── the school ──
  .get('/placements', route({ operationId: 'searchPlacements', summary: 'Search placement days with places left near the school (or a postcode) by date, year group and sector (cursor pagination)', tag: TAG, auth: 'school-member', query: placementSearch, response: { schema: placementPage }, problems: ['STORE_UNAVAILABLE'] }), async (c) => {
    const query = c.req.valid('query');
    await requireMember(c, query.orgId, ROLES.school, ['school']);
    if (query.to < query.from) throw invalid([{ field: 'to', message: 'The end of the range must not be before its start' }], 'query');
    if (daysBetween(query.from, query.to) > MAX_SEARCH_DAYS) throw invalid([{ field: 'to', message: 'Search at most 13 months at a time' }], 'query');
    const org = await readOrganisation(deps(c).db, query.orgId);
    if (!org) throw notFound();
    const filterKey = JSON.stringify([query.from, query.to, query.yearGroup, query.sector, query.withinKm, query.near]);
    const after = query.cursor ? decodeCursor(query.cursor, filterKey) : undefined;
    const { orgId: _searcher, cursor: _cursor, ...filter } = query;
    const found = await searchPlacementsFor(deps(c).db, org, { ...filter, ...(after ? { after } : {}) });
    return c.json({ items: found.items, nextCursor: found.lastKey ? encodeCursor(found.lastKey, filterKey) : null });
  })
  .post('/schools/:id/pupils', route({ operationId: 'addPupils', summary: 'Add pupils (reference, names, year group, optional support notes to share with a host)', tag: TAG, auth: 'school-member', params: orgParam, body: pupilsInput, response: { status: 201, schema: pupilList }, problems: ['DUPLICATE', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    await requireMember(c, id, ROLES.school, ['school']);
    return c.json({ items: await addPupils(deps(c), id, c.req.valid('json').pupils) }, 201);
  })
  .post('/schools/:id/pupils/import', route({ operationId: 'importPupils', summary: 'Add pupils from a CSV (header: reference, firstName, lastName, yearGroup, supportNotes)', tag: TAG, auth: 'school-member', params: orgParam, body: pupilsImport, response: { status: 201, schema: pupilList }, problems: ['DUPLICATE', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    await requireMember(c, id, ROLES.school, ['school']);
    return c.json({ items: await addPupils(deps(c), id, parsePupilsCsv(c.req.valid('json').csv)) }, 201);
  })
  .get('/schools/:id/pupils', route({ operationId: 'listPupils', summary: "The school's pupils for work experience", tag: TAG, auth: 'school-member', params: orgParam, response: { schema: pupilList }, problems: ['STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    await requireMember(c, id, ROLES.school, ['school']);
    return c.json({ items: await listSchoolPupils(deps(c).db, id) });
  })
  .get('/schools/:id/pupils/export', route({ operationId: 'exportPupils', summary: "Every pupil as CSV (the import's columns and when each record is removed)", tag: TAG, auth: 'school-member', params: orgParam, response: { schema: z.string(), contentType: 'text/csv' }, problems: ['STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    await requireMember(c, id, ROLES.school, ['school']);
    return c.body(await exportPupilsCsv(deps(c).db, id), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="pupils.csv"' });
  })
  .get('/schools/:id/pupils/:pupilId', route({ operationId: 'getPupilRecord', summary: "A pupil's record and placements (days, hosts, sectors, attendance, feedback): the export of one pupil", tag: TAG, auth: 'school-member', params: pupilParam, response: { schema: pupilExport }, problems: ['STORE_UNAVAILABLE'] }), async (c) => {
    const { id, pupilId } = c.req.valid('param');
    await requireMember(c, id, ROLES.school, ['school']);
    const record = await pupilRecord(deps(c).db, id, pupilId);
    if (!record) throw notFound();
    return c.json(record);
  })
  .delete('/schools/:id/pupils/:pupilId', route({ operationId: 'erasePupil', summary: "Erase a pupil: the record goes, and bookings keep their counts without the pupil's name", tag: TAG, auth: 'school-member', params: pupilParam, response: { schema: z.object({ erased: z.literal(true) }) }, problems: ['RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id, pupilId } = c.req.valid('param');
    await requireMember(c, id, ROLES.school, ['school']);
    await erasePupil(deps(c), id, pupilId);
    return c.json({ erased: true as const });
  })
  .get('/schools/:id/work-experience/settings', route({ operationId: 'getWorkExperienceSettings', summary: "The school's work experience settings", tag: TAG, auth: 'school-member', params: orgParam, response: { schema: workExperienceSettings }, problems: ['STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    await requireMember(c, id, ROLES.school, ['school']);
    return c.json(await readWorkExperienceSettings(deps(c).db, id));
  })
  .put('/schools/:id/work-experience/settings', route({ operationId: 'saveWorkExperienceSettings', summary: 'Whether parental consent is required before a host can confirm', tag: TAG, auth: 'school-leader', params: orgParam, body: workExperienceSettings, response: { schema: workExperienceSettings }, problems: ['RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    await requireMember(c, id, ['careers_leader'], ['school']);
    return c.json(await saveWorkExperienceSettings(deps(c), id, c.req.valid('json')));
  })
  .post('/schools/:id/placement-bookings', route({ operationId: 'requestPlacement', summary: 'Request days on a placement for pupils (409 PLACEMENT_FULL or PUPIL_DOUBLE_BOOKED; 422 PLACEMENT_DAY_NOT_OFFERED, SCHOOL_CLOSED_DAY, PLACEMENT_YEAR_GROUP, PLACEMENT_NOTICE)', tag: TAG, auth: 'school-member', params: orgParam, body: placementRequestInput, response: { status: 201, schema: placementBooking }, problems: ['PLACEMENT_FULL', 'PUPIL_DOUBLE_BOOKED', 'PLACEMENT_DAY_NOT_OFFERED', 'SCHOOL_CLOSED_DAY', 'PLACEMENT_YEAR_GROUP', 'PLACEMENT_NOTICE', 'SCHOOL_NOT_VERIFIED', 'CALENDAR_MISSING', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    const member = await requireMember(c, id, ROLES.school, ['school']);
    const booking = await requestPlacement(deps(c), id, { ...c.req.valid('json'), requestedBy: member.email });
    return c.json(booking, 201, { location: `/v1/schools/${id}/placement-bookings/${booking.id}` });
  })
  .get('/schools/:id/placement-bookings', route({ operationId: 'listSchoolPlacementBookings', summary: "The school's placement requests and bookings", tag: TAG, auth: 'school-member', params: orgParam, response: { schema: placementBookingList }, problems: ['STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    await requireMember(c, id, ROLES.school, ['school']);
    return c.json({ items: await listSchoolPlacementBookings(deps(c).db, id) });
  })
  .post('/schools/:id/placement-bookings/:bookingId/consent', route({ operationId: 'recordPlacementConsent', summary: "Record a parent's consent (or its withdrawal) for a pupil on a placement request", tag: TAG, auth: 'school-member', params: schoolBookingParam, body: consentInput, response: { schema: placementBooking }, problems: ['STALE_STATE', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id, bookingId } = c.req.valid('param');
    const member = await requireMember(c, id, ROLES.school, ['school']);
    const { pupilId, given } = c.req.valid('json');
    return c.json(await recordConsent(deps(c), id, bookingId, pupilId, given, member.email));
  })
  .post('/schools/:id/placement-bookings/:bookingId/withdraw', route({ operationId: 'withdrawPlacementRequest', summary: 'Withdraw a placement request', tag: TAG, auth: 'school-member', params: schoolBookingParam, response: { schema: placementBooking }, problems: ['STALE_STATE', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id, bookingId } = c.req.valid('param');
    await requireMember(c, id, ROLES.school, ['school']);
    return c.json(await withdrawPlacementRequest(deps(c), id, bookingId));
  })
  .post(
    '/schools/:id/placement-bookings/:bookingId/cancel',
    route({ operationId: 'cancelPlacementBySchool', summary: 'Cancel a confirmed placement before its first day, with a reason the host is told (its days’ places and the pupils’ days are freed)', tag: TAG, auth: 'school-member', params: schoolBookingParam, body: placementCancelInput, response: { schema: placementBooking }, problems: ['ALREADY_HAPPENED', 'STALE_STATE', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }),
    async (c) => {
      const { id, bookingId } = c.req.valid('param');
      await requireMember(c, id, ROLES.school, ['school']);
      return c.json(await cancelPlacement(deps(c), { by: 'school', schoolId: id }, bookingId, c.req.valid('json').reason));
    },
  )
  .get(
    '/schools/:id/work-experience/after-insurance-expiry',
    route({ operationId: 'schoolPlacementsAfterInsuranceExpiry', summary: 'The school’s placement days already confirmed after their host’s employers’ liability insurance expires', tag: TAG, auth: 'school-member', params: orgParam, response: { schema: daysAfterInsuranceExpiry }, problems: ['STORE_UNAVAILABLE'] }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireMember(c, id, ROLES.school, ['school']);
      return c.json(await schoolDaysAfterInsuranceExpiry(deps(c).db, id, deps(c).now()));
    },
  )
  .get(
    '/schools/:id/work-experience/standing',
    route({ operationId: 'getBenchmark6', summary: 'Benchmark 6: per year group, pupils with a week of work experience delivered or confirmed, and who is short by how many days', tag: TAG, auth: 'school-member', params: orgParam, query: z.strictObject({ academicYear: z.coerce.number().int().min(2000).max(2100).optional() }), response: { schema: benchmark6Schema }, problems: ['STORE_UNAVAILABLE'] }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireMember(c, id, ROLES.school, ['school']);
      const year = c.req.valid('query').academicYear ?? academicYearOf(todayInLondon(deps(c).now()));
      return c.json(await benchmark6View(deps(c).db, id, year));
    },
  );

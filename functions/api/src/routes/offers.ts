import { Hono } from 'hono';
// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import { benchmark5, booking as bookingSchema, hostDeclineInput, localDate, offer as offerSchema, offerBookingInput, offerInput, offerList, offerPage, offerSearch } from '@schoolgate/contracts';
import { daysBetween, todayInLondon } from '@schoolgate/domain';
import type { Actor, MembershipRecord, OfferRecord } from '@schoolgate/store';
import {
  approveBooking,
  bookOfferForSchool,
  declineOfferBooking,
  listHostOffers,
  publishOffer,
  readBenchmark5,
  readBooking,
  readOrganisation,
  requireOfferBooking,
  searchOffersFor,
  withdrawBooking,
  withdrawHostOffer,
} from '@schoolgate/usecases';
import { deps, requireMember, type AppEnv } from '../context.js';
import { invalid, notFound } from '../problem.js';
import { route } from '../declare.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { bookingView } from './bookings.js';
import { ROLES } from './organisations.js';

const orgParam = z.strictObject({ orgId: z.string().min(1).max(64) });
const offerParam = z.strictObject({ orgId: z.string().min(1).max(64), offerId: z.string().min(1).max(64) });
const hostBookingParam = z.strictObject({ orgId: z.string().min(1).max(64), schoolId: z.string().min(1).max(64), bookingId: z.string().min(1).max(64) });
const schoolParam = z.strictObject({ id: z.string().min(1).max(64) });
const schoolBookingParam = z.strictObject({ id: z.string().min(1).max(64), bookingId: z.string().min(1).max(64) });
const PARTNER_KINDS = ['provider', 'employer'] as const;
const MAX_SEARCH_DAYS = 400;

const actorOf = (membership: MembershipRecord, side: Actor['side']): Actor => ({ userId: membership.userId, email: membership.email, orgId: membership.orgId, side });
/** An offer as the API shows it: its place on the map stays inside (the postcode says where). */
const offerView = ({ location: _location, ...offer }: OfferRecord) => offer;

export const offers = new Hono<AppEnv>()
  .post(
    '/organisations/:orgId/offers',
    route({ operationId: 'publishOffer', summary: 'Publish an offer: an encounter at schools or a visit to your premises, on dates schools can book', tag: 'Offers', auth: 'partner-member', params: orgParam, body: offerInput, response: { status: 201, schema: offerSchema }, problems: ['NOT_VERIFIED', 'NOT_A_PROVIDER', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      await requireMember(c, orgId, ROLES.provider, PARTNER_KINDS);
      const host = await readOrganisation(deps(c).db, orgId);
      if (!host) throw notFound();
      const offer = await publishOffer(deps(c), host, c.req.valid('json'));
      return c.json(offerView(offer), 201, { location: `/v1/organisations/${orgId}/offers/${offer.id}` });
    },
  )
  .get(
    '/organisations/:orgId/offers',
    route({ operationId: 'listOffers', summary: "A provider's or employer's offers, with each date's places left, requests and bookings", tag: 'Offers', auth: 'partner-member', params: orgParam, response: { schema: offerList }, problems: ['STORE_UNAVAILABLE'] }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      await requireMember(c, orgId, ROLES.provider, PARTNER_KINDS);
      const items = await listHostOffers(deps(c).db, orgId);
      return c.json({ items: items.map(({ dateCounts, ...offer }) => ({ ...offerView(offer), dateCounts: dateCounts.map(({ date, remaining, confirmedCount, pendingCount }) => ({ date, remaining, confirmedCount, pendingCount })) })) });
    },
  )
  .post(
    '/organisations/:orgId/offers/:offerId/withdraw',
    route({ operationId: 'withdrawOffer', summary: 'Withdraw an offer no school has booked', tag: 'Offers', auth: 'partner-member', params: offerParam, response: { schema: offerSchema }, problems: ['OFFER_HAS_BOOKINGS', 'OFFER_CLOSED', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }),
    async (c) => {
      const { orgId, offerId } = c.req.valid('param');
      await requireMember(c, orgId, ROLES.provider, PARTNER_KINDS);
      return c.json(offerView(await withdrawHostOffer(deps(c).db, orgId, offerId)));
    },
  )
  .get(
    '/offers',
    route({ operationId: 'searchOffers', summary: 'Search offered dates near the school (or a postcode) by date, year group, sector and format (cursor pagination)', tag: 'Offers', auth: 'school-member', query: offerSearch.extend({ orgId: z.string().min(1).max(64) }), response: { schema: offerPage }, problems: ['STORE_UNAVAILABLE'] }),
    async (c) => {
      const query = c.req.valid('query');
      await requireMember(c, query.orgId, ROLES.school, ['school']);
      if (query.to < query.from) throw invalid([{ field: 'to', message: 'The end of the range must not be before its start' }], 'query');
      if (daysBetween(query.from, query.to) > MAX_SEARCH_DAYS) throw invalid([{ field: 'to', message: 'Search at most 13 months at a time' }], 'query');
      const school = await readOrganisation(deps(c).db, query.orgId);
      if (!school) throw notFound();
      const filterKey = JSON.stringify([query.from, query.to, query.yearGroup, query.sector, query.format, query.withinKm, query.near]);
      const after = query.cursor ? decodeCursor(query.cursor, filterKey) : undefined;
      const { orgId: _searcher, cursor: _cursor, ...filter } = query;
      const found = await searchOffersFor(deps(c).db, school, { ...filter, ...(after ? { after } : {}) });
      return c.json({ items: found.items.map(({ location: _l, ...hit }) => hit), nextCursor: found.lastKey ? encodeCursor(found.lastKey, filterKey) : null });
    },
  )
  .post(
    '/schools/:id/offer-bookings',
    route({
      operationId: 'bookOffer',
      summary: 'Book an offered date for year groups (statutory when every rule holds) or a named group (supplementary); the host confirms unless its offer confirms at once',
      tag: 'Offers',
      auth: 'school-member',
      idempotent: true,
      params: schoolParam,
      body: offerBookingInput,
      response: { status: 201, schema: bookingSchema, description: 'Requested (or confirmed at once); `Location` names the booking' },
      problems: ['OFFER_DATE', 'OFFER_TIME', 'OFFER_YEAR_GROUP', 'OFFER_CAPACITY', 'OFFER_CLOSED', 'OFFER_VENUE', 'ALREADY_BOOKED', 'WHOLE_YEAR_GROUP', 'SCHOOL_HOURS', 'MIN_DURATION', 'PHASE_WINDOW', 'DISTINCT_PROVIDERS', 'SCHOOL_NOT_VERIFIED', 'NOT_VERIFIED', 'CALENDAR_MISSING', 'FACTS_CHANGED', 'RATE_LIMITED', 'CONTENTION', 'STORE_UNAVAILABLE'],
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const membership = await requireMember(c, id, ROLES.school, ['school']);
      const booking = await bookOfferForSchool(deps(c), { schoolId: id, input: c.req.valid('json'), actor: actorOf(membership, 'school') });
      return c.json(bookingView(booking), 201, { location: `/v1/schools/${id}/bookings/${booking.id}` });
    },
  )
  .post(
    '/schools/:id/offer-bookings/:bookingId/withdraw',
    route({ operationId: 'withdrawOfferBooking', summary: "The school withdraws its booking of an offer before the host confirms it", tag: 'Offers', auth: 'school-member', params: schoolBookingParam, response: { schema: bookingSchema }, problems: ['STALE_STATE', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }),
    async (c) => {
      const { id, bookingId } = c.req.valid('param');
      const membership = await requireMember(c, id, ROLES.school, ['school']);
      const booking = await readBooking(deps(c).db, id, bookingId);
      if (!booking || !booking.offerId) throw notFound();
      return c.json(bookingView(await withdrawBooking(deps(c), booking, actorOf(membership, 'school'))));
    },
  )
  .post(
    '/organisations/:orgId/offer-bookings/:schoolId/:bookingId/confirm',
    route({ operationId: 'confirmOfferBooking', summary: "The host confirms a school's booking of its offer, judged again on the school's facts as they are now", tag: 'Offers', auth: 'partner-member', params: hostBookingParam, response: { schema: bookingSchema }, problems: ['OFFER_CAPACITY', 'WHOLE_YEAR_GROUP', 'SCHOOL_HOURS', 'MIN_DURATION', 'PHASE_WINDOW', 'ELIGIBLE_PROVIDER', 'DISTINCT_PROVIDERS', 'STALE_STATE', 'FACTS_CHANGED', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }),
    async (c) => {
      const { orgId, schoolId, bookingId } = c.req.valid('param');
      const membership = await requireMember(c, orgId, ROLES.provider, PARTNER_KINDS);
      const actor = actorOf(membership, 'requester');
      await requireOfferBooking(deps(c).db, schoolId, bookingId, actor);
      return c.json(bookingView(await approveBooking(deps(c), { schoolId, bookingId, actor, asSupplementary: false })));
    },
  )
  .post(
    '/organisations/:orgId/offer-bookings/:schoolId/:bookingId/decline',
    route({ operationId: 'declineOfferBooking', summary: "The host declines a school's booking of its offer, saying why", tag: 'Offers', auth: 'partner-member', params: hostBookingParam, body: hostDeclineInput, response: { schema: bookingSchema }, problems: ['STALE_STATE', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }),
    async (c) => {
      const { orgId, schoolId, bookingId } = c.req.valid('param');
      const membership = await requireMember(c, orgId, ROLES.provider, PARTNER_KINDS);
      return c.json(bookingView(await declineOfferBooking(deps(c), schoolId, bookingId, actorOf(membership, 'requester'), c.req.valid('json').reason)));
    },
  )
  .get(
    '/schools/:id/benchmark5',
    route({ operationId: 'getBenchmark5', summary: 'Benchmark 5: per academic year and year group (7–13), whether every pupil has met an employer, with the employers and sectors met', tag: 'Compliance', auth: 'school-member', params: schoolParam, query: z.strictObject({ asOf: localDate.optional() }), response: { schema: benchmark5 }, problems: ['STORE_UNAVAILABLE'] }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireMember(c, id, ROLES.school, ['school']);
      const { db, now } = deps(c);
      const report = await readBenchmark5(db, id, c.req.valid('query').asOf ?? todayInLondon(now()));
      if (!report) throw notFound();
      return c.json(report);
    },
  );

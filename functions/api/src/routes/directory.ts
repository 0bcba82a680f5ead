import { Hono } from 'hono';
import * as z from 'zod';
import { schoolDirectoryPage, schoolDirectorySearch, slotSeriesInput, slotSeriesReport, verificationQueue, verificationQueueQuery, waitingRequests, waitingRequestsQuery } from '@schoolgate/contracts';
import { todayInLondon } from '@schoolgate/domain';
import { publishSlotSeries, readOrganisation, searchSchoolDirectory, verificationQueueOf, waitingRequestsOverview } from '@schoolgate/usecases';
import { deps, requireMember, requirePlatformAdmin, type AppEnv } from '../context.js';
import { notFound } from '../problem.js';
import { route } from '../declare.js';
import { decodeCursor, decodeListCursor, encodeCursor, encodeListCursor, NAME_POSITION } from '../cursor.js';
import { ROLES } from './organisations.js';

/**
 * Finding each other (issue 15): the school directory providers and employers search, and the
 * platform admin's verification queue. Schools do not search the directory: they are its
 * entries, and they find providers through proposals and offers.
 */
export const directory = new Hono<AppEnv>()
  .post(
    '/schools/:id/slots/series',
    route({
      operationId: 'publishSlotSeries',
      summary: 'Publish the same slot on several dates (listed, or every weekday of a half term) in one go, with the rules report per date; each date is its own slot, written once whatever the retries',
      tag: 'Slots',
      auth: 'school-member',
      params: z.strictObject({ id: z.string().min(1).max(64) }),
      body: slotSeriesInput,
      response: { schema: slotSeriesReport },
      problems: ['CALENDAR_MISSING', 'POLICY_NOT_PUBLISHED', 'SCHOOL_NOT_VERIFIED', 'RATE_LIMITED', 'STORE_UNAVAILABLE'],
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireMember(c, id, ROLES.school, ['school']);
      return c.json(await publishSlotSeries(deps(c), id, c.req.valid('json')));
    },
  )
  .get(
    '/schools/:id/waiting-requests',
    route({
      operationId: 'listWaitingRequests',
      summary: "The requests waiting for the school's decision, soonest event first: the first few and how many in all (the overview's list)",
      tag: 'Bookings',
      auth: 'school-member',
      params: z.strictObject({ id: z.string().min(1).max(64) }),
      query: waitingRequestsQuery,
      response: { schema: waitingRequests },
      problems: ['STORE_UNAVAILABLE'],
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireMember(c, id, ROLES.school, ['school']);
      return c.json(await waitingRequestsOverview(deps(c).db, id, c.req.valid('query').limit));
    },
  )
  .get(
    '/school-directory',
    route({
      operationId: 'searchSchoolDirectory',
      summary: 'Verified schools near the organisation (or a postcode) by phase, year group, published policy and open slots, in name order within 50 km unless withinKm says otherwise (cursor pagination)',
      tag: 'School directory',
      auth: 'partner-member',
      query: schoolDirectorySearch,
      response: { schema: schoolDirectoryPage },
      problems: ['STORE_UNAVAILABLE'],
    }),
    async (c) => {
      const query = c.req.valid('query');
      await requireMember(c, query.orgId, ROLES.provider, ['provider', 'employer']);
      const org = await readOrganisation(deps(c).db, query.orgId);
      if (!org) throw notFound();
      const { orgId: _searcher, cursor, ...filter } = query;
      const filterKey = JSON.stringify(['school-directory', filter.withinKm, filter.near, filter.phase, filter.yearGroup, filter.policyPublished, filter.openSlots]);
      const after = cursor ? decodeCursor(cursor, filterKey, NAME_POSITION) : undefined;
      const found = await searchSchoolDirectory(deps(c).db, org, { ...filter, ...(after ? { after } : {}), today: todayInLondon(deps(c).now()) });
      return c.json({ items: found.items, nextCursor: found.lastKey ? encodeCursor(found.lastKey, filterKey) : null });
    },
  )
  .get(
    '/admin/verification-queue',
    route({
      operationId: 'getVerificationQueue',
      summary: 'Organisations waiting to be verified, the longest waiting first, with the register identifiers to check and counts per kind and state (cursor pagination)',
      tag: 'Platform admin',
      auth: 'platform-admin',
      query: verificationQueueQuery,
      response: { schema: verificationQueue },
      problems: ['STORE_UNAVAILABLE'],
    }),
    async (c) => {
      requirePlatformAdmin(c);
      const { kind, limit, cursor } = c.req.valid('query');
      const queue = await verificationQueueOf(deps(c).db, { limit, after: decodeListCursor(cursor) }, kind);
      return c.json({
        counts: queue.counts,
        items: queue.items.map((org) => ({
          id: org.id,
          kind: org.kind,
          name: org.name,
          postcode: org.postcode,
          waitingSince: org.waitingSince ?? org.createdAt,
          ...(org.urn ? { urn: org.urn } : {}),
          ...(org.ukprn ? { ukprn: org.ukprn } : {}),
          ...(org.companiesHouseNumber ? { companiesHouseNumber: org.companiesHouseNumber } : {}),
          ...(org.providerType ? { providerType: org.providerType } : {}),
          ...(org.website ? { website: org.website } : {}),
        })),
        nextCursor: encodeListCursor(queue.lastKey),
      });
    },
  );

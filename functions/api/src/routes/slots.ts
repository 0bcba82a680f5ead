import { Hono } from 'hono';
// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import { listPage, partnerOrSchoolSlot, slot as slotSchema, slotCheck, slotInput, slotList, slotPage, slotSearch } from '@schoolgate/contracts';
import { daysBetween, todayInLondon } from '@schoolgate/domain';
import type { SlotRecord } from '@schoolgate/store';
import {
  checkSlot,
  countsTowardOf,
  isPartnerUser,
  listSchoolSlots,
  publishSlot,
  readOrganisation,
  readSlot,
  searchSlotsFor,
  withdrawUnrequestedSlot,
} from '@schoolgate/usecases';
import { caller, deps, membershipFor, requireMember, type AppEnv } from '../context.js';
import { invalid, notFound } from '../problem.js';
import { route } from '../declare.js';
import { decodeCursor, decodeListCursor, encodeCursor, encodeListCursor } from '../cursor.js';
import { ADMIN_ROLES, ROLES } from './organisations.js';

const schoolParam = z.strictObject({ id: z.string().min(1).max(64) });
const slotParam = z.strictObject({ id: z.string().min(1).max(64), slotId: z.string().min(1).max(64) });

/** A school year and a bit: enough to plan ahead, few enough month partitions to read. */
const MAX_SEARCH_DAYS = 400;
/**
 * A slot as a provider or employer sees it: how many places can still be confirmed, but not how
 * many are confirmed or how many rivals have asked (the school's business, and a hoarder's map).
 */
export function partnerSlotView(slot: SlotRecord) {
  const { confirmedCount, pendingCount: _pending, ...rest } = slot;
  return { ...rest, placesLeft: Math.max(0, slot.places - confirmedCount) };
}
export const slots = new Hono<AppEnv>()
  .post('/schools/:id/slots/check', route({ operationId: 'checkSlot', summary: 'Check a slot against every rule without saving it', tag: 'Slots', auth: 'school-member', params: schoolParam, body: slotInput, response: { schema: slotCheck }, problems: ['CALENDAR_MISSING', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    await requireMember(c, id, ROLES.school, ['school']);
    const { evaluation, violations } = await checkSlot(deps(c), id, c.req.valid('json'));
    return c.json({ violations, countsToward: countsTowardOf(evaluation), targets: evaluation.targets });
  })
  .post('/schools/:id/slots', route({ operationId: 'publishSlot', summary: 'Publish a slot (422 with rule codes if a statutory slot breaks a rule)', tag: 'Slots', auth: 'school-member', params: schoolParam, body: slotInput, response: { status: 201, schema: slotSchema }, problems: ['WHOLE_YEAR_GROUP', 'SCHOOL_HOURS', 'MIN_DURATION', 'PHASE_WINDOW', 'SLOT_IN_PAST', 'POLICY_NOT_PUBLISHED', 'SCHOOL_NOT_VERIFIED', 'CALENDAR_MISSING', 'FACTS_CHANGED', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    await requireMember(c, id, ROLES.school, ['school']);
    const slot = await publishSlot(deps(c), id, c.req.valid('json'));
    return c.json(slot, 201, { location: `/v1/schools/${id}/slots/${slot.id}` });
  })
  .post(
    '/schools/:id/slots/:slotId/withdraw',
    route({ operationId: 'withdrawSlot', summary: 'Withdraw a slot nobody has requested', tag: 'Slots', auth: 'school-leader', params: slotParam, response: { schema: slotSchema }, problems: ['SLOT_HAS_BOOKINGS', 'STALE_STATE', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }),
    async (c) => {
      const { id, slotId } = c.req.valid('param');
      await requireMember(c, id, ADMIN_ROLES.school, ['school']);
      return c.json(await withdrawUnrequestedSlot(deps(c).db, id, slotId));
    },
  )
  .get('/schools/:id/slots', route({ operationId: 'listSchoolSlots', summary: "The school's slots, newest published first, each page by date (cursor pagination)", tag: 'Slots', auth: 'school-member', params: schoolParam, query: z.strictObject(listPage), response: { schema: slotList }, problems: ['STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    await requireMember(c, id, ROLES.school, ['school']);
    const { limit, cursor } = c.req.valid('query');
    const page = await listSchoolSlots(deps(c).db, id, { limit, after: decodeListCursor(cursor) });
    return c.json({ items: page.items, nextCursor: encodeListCursor(page.lastKey) });
  })
  .get('/schools/:id/slots/:slotId', route({ operationId: 'getSlot', summary: 'One slot: the whole record for the school, an open slot as search shows it for providers and employers', tag: 'Slots', auth: 'signed-in', params: slotParam, response: { schema: partnerOrSchoolSlot }, problems: ['STORE_UNAVAILABLE'] }), async (c) => {
    const { id, slotId } = c.req.valid('param');
    const { db } = deps(c);
    const who = caller(c);
    const [slot, membership] = await Promise.all([readSlot(db, id, slotId), membershipFor(c, id)]);
    // The school's own members see everything, withdrawn slots and counts included.
    if (slot && membership?.kind === 'school') return c.json(slot);
    // Providers and employers see an open slot as search shows it; anyone else, or any other slot, is unknown.
    if (!slot || slot.status !== 'open' || membership) throw notFound();
    if (!(who.apiKey ? who.apiKey.orgKind !== 'school' : await isPartnerUser(db, who.userId))) throw notFound();
    return c.json(partnerSlotView(slot));
  })
  .get('/slots', route({ operationId: 'searchSlots', summary: 'Search open slots near the organisation (or a postcode) by date, year group and format, nearest area first within 50 km unless withinKm says otherwise (cursor pagination)', tag: 'Slots', auth: 'partner-member', query: slotSearch.extend({ orgId: z.string().min(1).max(64) }), response: { schema: slotPage }, problems: ['STORE_UNAVAILABLE'] }), async (c) => {
    const query = c.req.valid('query');
    await requireMember(c, query.orgId, ROLES.provider, ['provider', 'employer']);
    if (query.to < query.from) throw invalid([{ field: 'to', message: 'The end of the range must not be before its start' }], 'query');
    if (daysBetween(query.from, query.to) > MAX_SEARCH_DAYS) {
      throw invalid([{ field: 'to', message: 'Search at most 13 months at a time' }], 'query');
    }
    const org = await readOrganisation(deps(c).db, query.orgId);
    if (!org) throw notFound();
    const filterKey = JSON.stringify([query.from, query.to, query.yearGroup, query.format, query.withinKm, query.near, query.statutory]);
    const after = query.cursor ? decodeCursor(query.cursor, filterKey) : undefined;
    const { orgId: _searcher, cursor: _cursor, ...filter } = query;
    const found = await searchSlotsFor(deps(c).db, org, { ...filter, ...(after ? { after } : {}), today: todayInLondon(deps(c).now()) });
    return c.json({
      items: found.items.map((slot) => ({ ...partnerSlotView(slot), distanceKm: slot.distanceKm })),
      nextCursor: found.lastKey ? encodeCursor(found.lastKey, filterKey) : null,
    });
  });

import { createHash, randomBytes } from 'node:crypto';
import {
  deleteCalendarFeed,
  getCalendarFeedByHash,
  getCalendarFeedOf,
  getOrganisation,
  listBookingsOfRequesterFrom,
  listBookingsOfSchoolFrom,
  listPlacementBookingsOfHost,
  listPlacementBookingsOfSchool,
  placementEventData,
  NotFoundError,
  replaceCalendarFeed,
  type BookingRecord,
  type BookingSnapshot,
  type Db,
  type OrganisationRecord,
  type PlacementEvent,
} from '@schoolgate/store';
import type { UseCaseContext } from './context.js';

/**
 * Private calendar feeds: an unguessable URL an organisation subscribes to from Outlook or Google
 * Calendar, serving its confirmed bookings. The token (32 random bytes, base64url) is shown once;
 * only its SHA-256 is stored, so a copy of the table opens no feed. One feed per organisation;
 * rotating revokes the old URL and makes a new one in one transaction.
 */
export const CALENDAR_FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** Makes a new feed URL token for the organisation, revoking the one it had (if any). */
export async function rotateCalendarFeed(ctx: UseCaseContext, orgId: string): Promise<{ token: string; createdAt: string }> {
  const current = await getCalendarFeedOf(ctx.db, orgId);
  const token = randomBytes(32).toString('base64url');
  const createdAt = ctx.now().toISOString();
  await replaceCalendarFeed(ctx.db, { orgId, tokenHash: hashOf(token), createdAt }, current?.tokenHash);
  return { token, createdAt };
}

/** Revokes the organisation's feed: its URL answers 404 from now on. */
export async function revokeCalendarFeed(db: Db, orgId: string): Promise<void> {
  const current = await getCalendarFeedOf(db, orgId);
  if (!current) throw new NotFoundError();
  await deleteCalendarFeed(db, orgId, current.tokenHash);
}

/** Whether the organisation has a live feed, and since when (never the token: it is not stored). */
export async function calendarFeedState(db: Db, orgId: string): Promise<{ live: boolean; createdAt?: string }> {
  const current = await getCalendarFeedOf(db, orgId);
  return current ? { live: true, createdAt: current.createdAt } : { live: false };
}

/**
 * What a feed holds: one source per kind of thing that goes in an organisation's calendar. Each
 * answers the snapshots of its confirmed items. Work-experience placements, whose days do not fit
 * a booking's snapshot, come from {@link placementsInFeed}.
 */
export type CalendarFeedSource = (db: Db, org: OrganisationRecord) => Promise<BookingSnapshot[]>;

/** Booking states whose encounter is on (or happened): the feed keeps them; anything off leaves it. */
const IN_FEED = new Set<BookingRecord['status']>(['confirmed', 'delivered']);

export const bookingsInFeed: CalendarFeedSource = async (db, org) => {
  // A calendar shows what is coming and the recent past: a year back is plenty. Both kinds read an
  // index from that date on (a school's gsi3 SCHOOLBOOKINGS#, a requester's gsi1 REQUESTER#), so
  // the feed's cost does not grow with the organisation's history.
  const from = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
  const bookings = org.kind === 'school' ? await listBookingsOfSchoolFrom(db, org.id, from, [...IN_FEED]) : await listBookingsOfRequesterFrom(db, org.id, from);
  return bookings.filter((b) => IN_FEED.has(b.status) && b.date >= from).map((b) => b.snapshot);
};

export const calendarFeedSources: CalendarFeedSource[] = [bookingsInFeed];

/** A placement booking in a feed: the booking as events carry it (no pupil names) and both sides' contacts. */
export interface FeedPlacement {
  placement: PlacementEvent['placement'];
  host: { name: string; email: string };
  school: { name: string; email: string };
}

/**
 * The organisation's confirmed work-experience placement bookings, as a school places pupils or
 * as a host takes them, with both sides' names and contacts (the API writes them as the same
 * events their emailed invites carry: same UID and SEQUENCE). Kept while any day is within the last year. A school's placement
 * bookings sit in its partition and a host's under its gsi1 key: a few dozen a year each.
 */
export async function placementsInFeed(db: Db, org: OrganisationRecord): Promise<FeedPlacement[]> {
  const from = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
  const all = org.kind === 'school' ? await listPlacementBookingsOfSchool(db, org.id) : await listPlacementBookingsOfHost(db, org.id);
  const confirmed = all.filter((b) => b.status === 'confirmed' && b.days.some((day) => day >= from));
  const otherIds = [...new Set(confirmed.map((b) => (org.kind === 'school' ? b.hostOrgId : b.schoolId)))];
  const others = new Map((await Promise.all(otherIds.map((id) => getOrganisation(db, id)))).flatMap((o) => (o ? [[o.id, o] as const] : [])));
  const contact = (o: OrganisationRecord) => ({ name: o.name, email: o.notifications.contactEmail });
  return confirmed.flatMap((booking) => {
    const other = others.get(org.kind === 'school' ? booking.hostOrgId : booking.schoolId);
    if (!other) return [];
    const [host, school] = org.kind === 'school' ? [other, org] : [org, other];
    return [{ placement: placementEventData(booking), host: contact(host), school: contact(school) }];
  });
}

/**
 * The feed a token opens: the organisation and every item its sources answer, in date order.
 * Undefined for a token that is malformed, revoked or never existed (all answer 404 alike).
 */
export async function openCalendarFeed(db: Db, token: string): Promise<{ org: OrganisationRecord; items: BookingSnapshot[]; placements: FeedPlacement[] } | undefined> {
  if (!CALENDAR_FEED_TOKEN.test(token)) return undefined;
  const feed = await getCalendarFeedByHash(db, hashOf(token));
  if (!feed) return undefined;
  const org = await getOrganisation(db, feed.orgId);
  if (!org) return undefined;
  const [sources, placements] = await Promise.all([Promise.all(calendarFeedSources.map((source) => source(db, org))), placementsInFeed(db, org)]);
  const items = sources.flat();
  items.sort((a, b) => `${a.date}${a.start}`.localeCompare(`${b.date}${b.start}`));
  return { org, items, placements };
}

import { MAX_OFFER_DATES, SECTORS, type CalendarInput, type OfferBookingInput, type OfferInput } from '@schoolgate/contracts';
import { academicYearOf, addDays, checkOfferRequest, isVisitFormat, providerEligibility, todayInLondon, weekdaysBetween, type OfferViolation } from '@schoolgate/domain';
import { MAX_SEARCH_KM } from '@schoolgate/places';
import {
  bookOffer as storeBookOffer,
  createOffer,
  getBooking,
  getOffer,
  getOfferDate,
  listOffersOfHost,
  NotFoundError,
  offerDateSearchWrites,
  offerSlotId,
  searchOfferDates,
  transitionBooking,
  withdrawOffer,
  type Actor,
  type BookingRecord,
  type Db,
  type GuardedWrite,
  type OfferRecord,
  type OrganisationRecord,
} from '@schoolgate/store';
import { decideConfirmation } from './approve-booking.js';
import type { UseCaseContext } from './context.js';
import { InvalidInput, Refused } from './errors.js';
import { onFreshFacts, readFacts, requireSchoolFacts, requireVerifiedParties } from './facts.js';
import { partyOf } from './request-slot.js';
import { DEFAULT_SEARCH_KM, searchCentre } from './slots.js';

/** Offers are planned at most two school years ahead, like slots. */
const MAX_DAYS_AHEAD = 730;

/**
 * A provider or employer publishes an offer: an encounter at the school or a visit to its own
 * premises, on the dates given (or every weekday of a range), findable by schools near it.
 */
export async function publishOffer(ctx: UseCaseContext, host: OrganisationRecord, input: OfferInput): Promise<OfferRecord> {
  if (host.kind === 'school') throw new Refused(403, [{ code: 'NOT_A_PROVIDER', message: 'Schools publish slots; providers and employers publish offers.' }]);
  if (!host.verified) {
    throw new Refused(403, [{ code: 'NOT_VERIFIED', message: `${host.name} is waiting for verification by Schoolgate; you can publish offers once it is verified.` }]);
  }
  const dates = [...new Set(input.dates ?? weekdaysBetween(input.from!, input.to!))].sort();
  const today = todayInLondon(ctx.now());
  if (!dates.length) throw new InvalidInput([{ field: 'dates', message: 'The range holds no weekday' }]);
  if (dates.length > MAX_OFFER_DATES) throw new InvalidInput([{ field: 'dates', message: `Offer at most ${MAX_OFFER_DATES} dates at a time` }]);
  if (dates[0]! < today || dates.at(-1)! > addDays(today, MAX_DAYS_AHEAD)) {
    throw new InvalidInput([{ field: 'dates', message: 'Choose dates from today up to two years ahead' }]);
  }
  const offer: OfferRecord = {
    id: ctx.newId(),
    hostOrgId: host.id,
    hostName: host.name,
    hostKind: host.kind,
    title: input.title,
    format: input.format,
    visit: isVisitFormat(input.format),
    dates,
    start: input.start,
    end: input.end,
    capacity: input.capacity,
    yearGroups: [...new Set(input.yearGroups)].sort((a, b) => a - b),
    sector: input.sector,
    mode: input.mode,
    description: input.description,
    instantConfirmation: input.instantConfirmation,
    postcode: host.postcode,
    ...(host.location ? { location: host.location } : {}),
    status: 'open',
    createdAt: ctx.now().toISOString(),
  };
  await createOffer(ctx.db, offer);
  return offer;
}

/** Withdraws an offer no school holds (OFFER_HAS_BOOKINGS otherwise). */
export const withdrawHostOffer = (db: Db, hostOrgId: string, offerId: string): Promise<OfferRecord> => withdrawOffer(db, hostOrgId, offerId);

/** A host's offers with each date's places left and counts. */
export const listHostOffers = async (db: Db, hostOrgId: string) => (await listOffersOfHost(db, hostOrgId)).sort((a, b) => (a.dates[0] ?? '').localeCompare(b.dates[0] ?? ''));

export interface OfferSearchFilter {
  from: string;
  to: string;
  limit: number;
  yearGroup?: number;
  sector?: string;
  format?: string;
  withinKm?: number;
  near?: string;
  after?: string;
}

/** Offered dates near a school (or a postcode), in date order, with places left and distance. */
export function searchOffersFor(db: Db, searcher: OrganisationRecord, filter: OfferSearchFilter) {
  return searchOfferDates(db, {
    centre: searchCentre(searcher, filter.near),
    withinKm: Math.min(filter.withinKm ?? DEFAULT_SEARCH_KM, MAX_SEARCH_KM),
    from: filter.from,
    to: filter.to,
    limit: filter.limit,
    ...(filter.after ? { after: filter.after } : {}),
    accept: (offer) =>
      (!filter.yearGroup || offer.yearGroups.includes(filter.yearGroup)) && (!filter.sector || offer.sector === filter.sector) && (!filter.format || offer.format === filter.format),
  });
}

/** How each offer rule is answered: the state of things (409) or the booking asked for (422). */
const OFFER_STATUS: Record<OfferViolation['code'], 409 | 422> = {
  OFFER_CLOSED: 409,
  OFFER_CAPACITY: 409,
  OFFER_DATE: 422,
  OFFER_TIME: 422,
  OFFER_YEAR_GROUP: 422,
  OFFER_VENUE: 422,
};

export interface BookOffer {
  schoolId: string;
  input: OfferBookingInput;
  actor: Actor;
}

/**
 * A school books an offered date for whole year groups (statutory when the host is an eligible
 * provider and every rule of the law holds, exactly as if the school had published the slot), or
 * for a named group (supplementary). Judged on the facts read with their versions, through the
 * same `decideConfirmation` as a school confirming a provider's request; written in one
 * transaction with the offer date's places, the school's hold and, when confirmed at once, the
 * phase guards. Who confirms: the host, unless its offer confirms bookings at once.
 */
export function bookOfferForSchool(ctx: UseCaseContext, booking: BookOffer): Promise<BookingRecord> {
  return onFreshFacts(() => decideAndBook(ctx, booking));
}

async function decideAndBook(ctx: UseCaseContext, { schoolId, input, actor }: BookOffer): Promise<BookingRecord> {
  const [offer, offerDate, facts] = await Promise.all([
    getOffer(ctx.db, input.hostOrgId, input.offerId),
    getOfferDate(ctx.db, input.hostOrgId, input.offerId, input.date),
    readFacts(ctx.db, schoolId, input.hostOrgId),
  ]);
  if (!offer || !facts || !facts.provider) throw new NotFoundError('No such offer');
  const { school, provider: host } = facts;
  requireVerifiedParties(school, host, 'requests');
  const schoolFacts = requireSchoolFacts(school, facts.calendar?.calendar as CalendarInput | undefined);
  const named = input.audience === 'named_group';
  const academicYear = academicYearOf(input.date);
  const rollOf = (yearGroup: number) => (schoolFacts.roll[academicYear] as Record<number, number> | undefined)?.[yearGroup];
  const missingRoll = input.yearGroups.filter((yg) => rollOf(yg) === undefined);
  if (!named && missingRoll.length) {
    throw new Refused(422, missingRoll.map((yg) => ({ code: 'WHOLE_YEAR_GROUP', message: `Record the roll of Year ${yg} for this academic year first: the places a whole year group needs come from it.`, yearGroup: yg })));
  }
  const pupils = named ? input.groupSize! : input.yearGroups.reduce((sum, yg) => sum + (rollOf(yg) ?? 0), 0);
  const start = input.start ?? offer.start;
  const end = input.end ?? offer.end;
  const broken: OfferViolation[] = checkOfferRequest(
    // A date not offered at all is OFFER_DATE alone, not also closed and full.
    { dates: offer.dates, start: offer.start, end: offer.end, yearGroups: offer.yearGroups, status: offer.status === 'open' && (!offerDate || offerDate.status === 'open') ? 'open' : 'withdrawn' },
    { date: input.date, start, end, yearGroups: input.yearGroups, pupils, remaining: offerDate?.remaining ?? Number.POSITIVE_INFINITY },
  );
  if (input.date < todayInLondon(ctx.now())) broken.unshift({ code: 'OFFER_DATE', message: `${input.date} has passed.` });
  // An encounter at the school happens in one of its venues; a visit in the host's.
  const venue = offer.visit ? undefined : school.venues?.find((v) => v.id === input.venueId);
  if (!offer.visit && !venue) broken.push({ code: 'OFFER_VENUE', message: 'Choose which of your venues the encounter will be in.' });
  if (broken.length) throw new Refused(OFFER_STATUS[broken[0]!.code], broken);

  // Counts toward the duty only for whole year groups with a provider of technical education or
  // apprenticeships; an employer's offer is an employer encounter (Benchmark 5), never refused for that.
  const statutory = !named && !input.asSupplementary && providerEligibility({ id: host.id, name: host.name, kind: host.kind, ...(host.providerType ? { providerType: host.providerType as never } : {}), offers: (host.offers ?? []) as never, registeredApprenticeshipProvider: host.registeredApprenticeshipProvider ?? false }).eligible;
  const at = ctx.now().toISOString();
  const id = ctx.newId();
  const venueName = offer.visit ? `${host.name} (${offer.postcode})` : venue!.name;
  const venueCapacity = offer.visit ? offer.capacity : Math.min(venue!.capacity, offer.capacity);
  const encounter = { date: input.date, start, end, title: offer.title, format: offer.format, yearGroups: [...new Set(input.yearGroups)].sort((a, b) => a - b), venueName };
  const sector = (SECTORS as readonly string[]).includes(offer.sector) ? offer.sector : undefined;
  const draft: BookingRecord = {
    id,
    slotId: offerSlotId(offer.id, input.date),
    schoolId,
    schoolName: school.name,
    requesterOrgId: host.id,
    requesterName: host.name,
    requesterKind: host.kind,
    status: 'requested',
    statutory,
    ...encounter,
    ...(venue ? { venueId: venue.id } : {}),
    message: input.message,
    guards: [],
    offerId: offer.id,
    audience: input.audience,
    ...(named ? { groupName: input.groupName! } : {}),
    pupils,
    venueCapacity,
    travelMinutes: offer.visit ? input.travelMinutes : 0,
    ...(sector ? { sector } : {}),
    createdAt: at,
    updatedAt: at,
    version: 0,
    snapshot: {
      bookingId: id,
      slotId: offerSlotId(offer.id, input.date),
      status: 'requested',
      ...encounter,
      statutory,
      schoolAddress: offer.visit ? `${host.address ? `${host.address}, ` : ''}${host.postcode}` : [school.address, school.postcode].filter(Boolean).join(', '),
      school: partyOf(school),
      requester: partyOf(host),
      icsSequence: 0,
      actorSide: 'school',
      offerId: offer.id,
      ...(input.message ? { message: input.message } : {}),
    },
  };
  // The law's rules, on the same facts and through the same path as a confirmation: a statutory
  // booking that breaks one is refused with its codes now (book it as supplementary instead).
  const decision = await decideConfirmation(ctx, draft, false);
  const confirmNow = offer.instantConfirmation;
  const booking: BookingRecord = confirmNow
    ? { ...draft, status: 'confirmed', statutory: decision.statutory, guards: decision.guards, snapshot: { ...draft.snapshot, status: 'confirmed', statutory: decision.statutory } }
    : { ...draft, statutory: decision.statutory };
  const full = confirmNow && (offerDate?.remaining ?? 0) - pupils <= 0;
  return storeBookOffer(ctx.db, {
    booking,
    actor,
    eventId: ctx.newId(),
    ...(confirmNow ? { confirmedWithGuards: decision.guards } : {}),
    facts: decision.facts,
    ...(full ? { searchWrites: offerDateSearchWrites(ctx.db, offer, input.date, false) } : {}),
  });
}

/**
 * The search-entry writes when a confirmation takes an offered date's last places, or a
 * cancellation frees some again; read here so approve and cancel can add them to their transaction.
 */
export async function offerSearchWritesFor(db: Db, booking: BookingRecord, change: 'confirm' | 'free'): Promise<GuardedWrite[]> {
  if (!booking.offerId) return [];
  const [offer, date] = await Promise.all([getOffer(db, booking.requesterOrgId, booking.offerId), getOfferDate(db, booking.requesterOrgId, booking.offerId, booking.date)]);
  if (!offer || !date) return [];
  if (change === 'confirm') return date.remaining - (booking.pupils ?? 0) <= 0 ? offerDateSearchWrites(db, offer, booking.date, false) : [];
  return date.status === 'open' ? offerDateSearchWrites(db, offer, booking.date, true) : [];
}

/** The host declines a school's booking of its offer, saying why. */
export async function declineOfferBooking(ctx: UseCaseContext, schoolId: string, bookingId: string, actor: Actor, reason: string): Promise<BookingRecord> {
  const booking = await requireOfferBooking(ctx.db, schoolId, bookingId, actor);
  return transitionBooking(ctx.db, {
    schoolId,
    bookingId,
    from: 'requested',
    to: 'declined',
    actor,
    at: ctx.now().toISOString(),
    eventId: ctx.newId(),
    current: booking,
    changes: { reason },
    slot: { confirmedDelta: 0, pendingDelta: -1 },
    releaseHold: true,
    outboxKind: 'booking.declined',
  });
}

/** A booking of one of the actor's offers, or 404: nothing between a school and another host shows. */
export async function requireOfferBooking(db: Db, schoolId: string, bookingId: string, actor: Actor): Promise<BookingRecord> {
  const booking = await getBooking(db, schoolId, bookingId);
  if (!booking || !booking.offerId || booking.requesterOrgId !== actor.orgId) throw new NotFoundError();
  return booking;
}

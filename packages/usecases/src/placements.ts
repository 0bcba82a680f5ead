import type { CalendarInput, PlacementInput } from '@schoolgate/contracts';
import {
  academicYearIdOf,
  addDays as addDaysIso,
  checkCanCancel,
  checkPlacementConfirmation,
  checkPlacementOffer,
  checkPlacementRequest,
  expandPlacementDays,
  MAX_PLACEMENT_DAYS,
  pupilRecordEnds,
  todayInLondon,
  yearGroupOn,
  type PlacementOfferFacts,
  type RuleResult,
} from '@schoolgate/domain';
import { locationOfPostcode, MAX_SEARCH_KM } from '@schoolgate/places';
import {
  cancelPlacementBooking,
  closePlacementRequest,
  confirmedDaysOfPupil,
  confirmPlacementBooking,
  ConflictError,
  createPlacement,
  getOrganisation,
  getPlacement,
  getPlacementBooking,
  getPlacementDays,
  getPupils,
  getSafetyPack,
  getStoredCalendar,
  getWorkExperienceSettings,
  keys,
  listPlacementBookingsOfHost,
  listPlacementBookingsOfSchool,
  listPlacementsOfHost,
  listMembershipsOfUser,
  NotFoundError,
  placementDaysConfirmedAfter,
  putWorkExperienceSettings,
  readSafetyClearance,
  requestPlacementBooking,
  savePlacementBookingPupils,
  searchPlacementDays,
  toSchoolCalendar,
  withdrawPlacement,
  type Db,
  type OrganisationRecord,
  type PlacementBookingPupil,
  type PlacementBookingRecord,
  type PlacementDayRecord,
  type PlacementHit,
  type PlacementRecord,
  type PupilRecord,
  type WorkExperienceSettings,
} from '@schoolgate/store';
import type { UseCaseContext } from './context.js';
import { InvalidInput, Refused } from './errors.js';
import { onFreshFacts } from './facts.js';
import { DEFAULT_SEARCH_KM, searchCentre } from './slots.js';

/**
 * Work experience placements (issue 12): a host publishes an offer, a school asks for days for
 * its pupils, the host confirms or declines, then records attendance and feedback. Every decision
 * is judged by the rules engine on facts read with their versions, and committed by the store in
 * one transaction that checks those versions (and enforces PLACEMENT_FULL and PUPIL_DOUBLE_BOOKED
 * itself, whatever the judgement saw).
 */

/** Codes that name the state of things now (someone else took the place, a check not yet signed): 409. */
const STATE_CODES = new Set(['PLACEMENT_FULL', 'PUPIL_DOUBLE_BOOKED', 'SAFETY_CHECKS', 'INSURANCE_EXPIRED', 'PARENTAL_CONSENT']);

function refuse(results: RuleResult[], detail?: string): never {
  throw new Refused(results.every((r) => STATE_CODES.has(r.code)) ? 409 : 422, results, detail);
}

function requireHost(host: OrganisationRecord | undefined): asserts host is OrganisationRecord {
  if (!host) throw new NotFoundError();
  if (host.kind === 'school') throw new Refused(403, [{ code: 'NOT_A_PROVIDER', message: 'Employers and providers host placements; schools place pupils on them.' }]);
  if (!host.verified) throw new Refused(403, [{ code: 'NOT_VERIFIED', message: `${host.name} is waiting for verification by Schoolgate and cannot publish placements yet.` }]);
}

const offerFacts = (placement: Pick<PlacementRecord, 'kind' | 'yearGroups' | 'attendance' | 'hybridReason' | 'days' | 'minimumNoticeDays' | 'hostName'>): PlacementOfferFacts => ({
  kind: placement.kind,
  yearGroups: placement.yearGroups,
  attendance: placement.attendance,
  ...(placement.hybridReason ? { hybridReason: placement.hybridReason } : {}),
  days: placement.days,
  minimumNoticeDays: placement.minimumNoticeDays,
  hostName: placement.hostName,
});

/**
 * A host publishes a placement offer: its days expanded from the pattern (at most 40, none past),
 * judged for IN_PERSON and PLACEMENT_YEAR_GROUP, placed by its postcode (the host's own location
 * when the postcode district is unknown), and written with one capacity item and one search entry
 * per day.
 */
export async function publishPlacement(ctx: UseCaseContext, hostOrgId: string, input: PlacementInput): Promise<PlacementRecord> {
  const host = await getOrganisation(ctx.db, hostOrgId);
  requireHost(host);
  const days = expandPlacementDays(input.days);
  const today = todayInLondon(ctx.now());
  if (!days.length) throw new InvalidInput([{ field: 'days', message: 'Offer at least one weekday' }]);
  if (days.length > MAX_PLACEMENT_DAYS) throw new InvalidInput([{ field: 'days', message: `Offer at most ${MAX_PLACEMENT_DAYS} days in one placement; publish another for later days` }]);
  if (days[0]! <= today) throw new InvalidInput([{ field: 'days', message: 'Offer days after today' }]);
  if (input.dailyEnd <= input.dailyStart) throw new InvalidInput([{ field: 'dailyEnd', message: 'The day must end after it starts' }]);
  const results = checkPlacementOffer({ ...input, days, hostName: host.name } as PlacementOfferFacts);
  if (results.length) refuse(results);
  const location = locationOfPostcode(input.postcode) ?? host.location;
  const placement: PlacementRecord = {
    id: ctx.newId(),
    hostOrgId,
    hostName: host.name,
    kind: input.kind,
    title: input.title,
    sector: input.sector,
    tasks: input.tasks,
    whoTheyMeet: input.whoTheyMeet,
    feedback: input.feedback,
    address: input.address,
    postcode: input.postcode.toUpperCase(),
    ...(location ? { location } : {}),
    attendance: input.attendance as 'in_person' | 'hybrid',
    ...(input.attendance === 'hybrid' && input.hybridReason ? { hybridReason: input.hybridReason } : {}),
    days,
    dailyStart: input.dailyStart,
    dailyEnd: input.dailyEnd,
    placesPerDay: input.placesPerDay,
    yearGroups: [...new Set(input.yearGroups)].sort((a, b) => a - b),
    minimumNoticeDays: input.minimumNoticeDays,
    accessibility: input.accessibility,
    travel: input.travel,
    dressCode: input.dressCode,
    supervisor: input.supervisor,
    status: 'published',
    version: 1,
    createdAt: ctx.now().toISOString(),
  };
  await createPlacement(ctx.db, placement);
  return placement;
}

export async function withdrawPlacementOffer(ctx: UseCaseContext, hostOrgId: string, placementId: string): Promise<PlacementRecord> {
  const placement = await getPlacement(ctx.db, hostOrgId, placementId);
  if (!placement) throw new NotFoundError();
  if (placement.status !== 'published') throw new ConflictError('STALE_STATE', 'This placement has already been withdrawn.');
  return withdrawPlacement(ctx.db, placement);
}

export const listHostPlacements = (db: Db, hostOrgId: string) => listPlacementsOfHost(db, hostOrgId);

/** An offer with each day's places and places left, read consistently. */
export async function readPlacementWithDays(db: Db, hostOrgId: string, placementId: string) {
  const [placement, days] = await Promise.all([getPlacement(db, hostOrgId, placementId), getPlacementDays(db, hostOrgId, placementId)]);
  if (!placement) return undefined;
  return { ...placement, dayPlaces: days.map((day) => ({ date: day.date, places: day.places, placesLeft: Math.max(0, day.places - day.confirmedCount) })) };
}

export interface PlacementSearchFilter {
  from: string;
  to: string;
  limit: number;
  yearGroup?: number;
  sector?: string;
  withinKm?: number;
  near?: string;
  after?: string;
}

/** Placement days with places left near the school (or a postcode), in date order. */
export function searchPlacementsFor(db: Db, searcher: OrganisationRecord, filter: PlacementSearchFilter): Promise<{ items: PlacementHit[]; lastKey?: string }> {
  return searchPlacementDays(db, {
    centre: searchCentre(searcher, filter.near),
    withinKm: Math.min(filter.withinKm ?? DEFAULT_SEARCH_KM, MAX_SEARCH_KM),
    from: filter.from,
    to: filter.to,
    limit: filter.limit,
    ...(filter.after ? { after: filter.after } : {}),
    accept: (data) => (!filter.yearGroup || data.yearGroups.includes(filter.yearGroup)) && (!filter.sector || data.sector === filter.sector),
  });
}

/** The dates each pupil is already confirmed on (their guard items), for PUPIL_DOUBLE_BOOKED. */
async function confirmedDaysOf(db: Db, schoolId: string, pupilIds: readonly string[]): Promise<Map<string, string[]>> {
  const found = await Promise.all(pupilIds.map(async (id) => [id, (await confirmedDaysOfPupil(db, schoolId, id)).map((day) => day.date)] as const));
  return new Map(found);
}

const pupilName = (pupil: Pick<PupilRecord, 'firstName' | 'lastName'>) => `${pupil.firstName} ${pupil.lastName}`;

/**
 * Pupils × days in one request: its confirmation is 1 + days + pupils × days + pupils + 6 + days
 * items (at most 93 at this cap) of TransactWriteItems' 100.
 */
export const MAX_PUPIL_DAYS_PER_REQUEST = 60;

export interface RequestPlacementInput {
  hostOrgId: string;
  placementId: string;
  days: string[];
  pupilIds: string[];
  message: string;
  /** Who at the school asks (their email): the school's placement emails go to them as well. */
  requestedBy?: string;
}

/**
 * A school asks for days on a placement for some of its pupils: judged on the offer, its days'
 * places, the school's calendar, each pupil's year group and confirmed days, and the host's
 * notice; written with the days' pending counts in one transaction (see requestPlacementBooking).
 */
export async function requestPlacement(ctx: UseCaseContext, schoolId: string, input: RequestPlacementInput): Promise<PlacementBookingRecord> {
  const days = [...new Set(input.days)].sort();
  const pupilIds = [...new Set(input.pupilIds)];
  // The confirmation writes one guard per pupil per day: 60 keeps it inside TransactWriteItems' 100.
  if (days.length * pupilIds.length > MAX_PUPIL_DAYS_PER_REQUEST) {
    throw new InvalidInput([{ field: 'pupilIds', message: `Ask for at most ${MAX_PUPIL_DAYS_PER_REQUEST} pupil-days in one request (for example 5 days for 12 pupils); split larger groups` }]);
  }
  if (new Set(days.map((day) => academicYearIdOf(day))).size > 1) throw new InvalidInput([{ field: 'days', message: 'Ask for days in one academic year at a time' }]);
  const [school, placement, dayItems, calendar, pupils, confirmed] = await Promise.all([
    getOrganisation(ctx.db, schoolId),
    getPlacement(ctx.db, input.hostOrgId, input.placementId),
    getPlacementDays(ctx.db, input.hostOrgId, input.placementId),
    getStoredCalendar(ctx.db, schoolId),
    getPupils(ctx.db, schoolId, pupilIds),
    confirmedDaysOf(ctx.db, schoolId, pupilIds),
  ]);
  if (!school || school.kind !== 'school') throw new NotFoundError();
  if (!school.verified) throw new Refused(409, [{ code: 'SCHOOL_NOT_VERIFIED', message: `${school.name} is waiting for verification by Schoolgate.` }]);
  if (!placement || placement.status !== 'published') throw new NotFoundError('No such placement');
  const missing = pupilIds.filter((id) => !pupils.has(id));
  if (missing.length) throw new InvalidInput([{ field: 'pupilIds', message: `Not a pupil of ${school.name}: ${missing.join(', ')}` }]);
  if (!calendar) throw new Refused(422, [{ code: 'CALENDAR_MISSING', message: 'Enter your terms, closures and school day first: placements are confirmed only on days the school is open.' }]);
  const first = days[0]!;
  const chosen = pupilIds.map((id) => pupils.get(id)!);
  const results = checkPlacementRequest({
    offer: offerFacts(placement),
    dayItems,
    days,
    pupils: chosen.map((pupil) => ({ id: pupil.id, name: pupilName(pupil), yearGroup: yearGroupOn(pupil.cohort, first), confirmedDays: confirmed.get(pupil.id) ?? [] })),
    calendar: toSchoolCalendar(calendar.calendar as unknown as CalendarInput),
    requestDate: todayInLondon(ctx.now()),
  });
  if (results.length) refuse(results);
  const at = ctx.now().toISOString();
  const booking: PlacementBookingRecord = {
    id: ctx.newId(),
    placementId: placement.id,
    hostOrgId: placement.hostOrgId,
    hostName: placement.hostName,
    schoolId,
    schoolName: school.name,
    title: placement.title,
    sector: placement.sector,
    kind: placement.kind,
    days,
    dailyStart: placement.dailyStart,
    dailyEnd: placement.dailyEnd,
    address: placement.address,
    postcode: placement.postcode,
    pupils: chosen.map((pupil) => ({
      pupilId: pupil.id,
      firstName: pupil.firstName,
      lastName: pupil.lastName,
      yearGroup: yearGroupOn(pupil.cohort, first),
      ...(pupil.supportNotes ? { supportNotes: pupil.supportNotes } : {}),
    })),
    status: 'requested',
    message: input.message,
    ...(input.requestedBy ? { requestedBy: input.requestedBy } : {}),
    createdAt: at,
    updatedAt: at,
    version: 1,
    removeAfter: pupilRecordEnds(days[days.length - 1]!),
  };
  await requestPlacementBooking(ctx.db, booking, placement, ctx.newId());
  return booking;
}

/**
 * The host confirms a request, judged on the facts as they are now (see
 * checkPlacementConfirmation), committed by confirmPlacementBooking's one transaction; a fact
 * changed in between decides once more, then answers FACTS_CHANGED.
 */
export function confirmPlacement(ctx: UseCaseContext, hostOrgId: string, schoolId: string, bookingId: string): Promise<PlacementBookingRecord> {
  return onFreshFacts(async () => {
    const booking = await getPlacementBooking(ctx.db, schoolId, bookingId);
    if (!booking || booking.hostOrgId !== hostOrgId) throw new NotFoundError();
    if (booking.status !== 'requested') throw new ConflictError('STALE_STATE', `This request is ${booking.status}, so it cannot be confirmed.`);
    const academicYear = academicYearIdOf(booking.days[0]!);
    const pupilIds = booking.pupils.map((p) => p.pupilId);
    const [placement, dayItems, calendar, settings, pupils, confirmed, clearance] = await Promise.all([
      getPlacement(ctx.db, hostOrgId, booking.placementId),
      getPlacementDays(ctx.db, hostOrgId, booking.placementId),
      getStoredCalendar(ctx.db, schoolId),
      getWorkExperienceSettings(ctx.db, schoolId),
      getPupils(ctx.db, schoolId, pupilIds),
      confirmedDaysOf(ctx.db, schoolId, pupilIds),
      readSafetyClearance(ctx.db, schoolId, hostOrgId, academicYear),
    ]);
    if (!placement || placement.status !== 'published') throw new ConflictError('PLACEMENT_DAY_NOT_OFFERED', 'This placement has been withdrawn: it takes no more confirmations.');
    if (!calendar) throw new Refused(422, [{ code: 'CALENDAR_MISSING', message: 'The school has no calendar: placements are confirmed only on days it is open.' }]);
    const gone = booking.pupils.filter((p) => !pupils.has(p.pupilId));
    if (gone.length) throw new ConflictError('PUPIL_CHANGED', 'A pupil on this request has been removed by the school; the school withdraws the request and asks again.');
    const results = checkPlacementConfirmation({
      offer: offerFacts(placement),
      dayItems,
      days: booking.days,
      pupils: booking.pupils.map((p) => ({ id: p.pupilId, name: `${p.firstName} ${p.lastName}`, yearGroup: p.yearGroup, confirmedDays: confirmed.get(p.pupilId) ?? [], consent: p.consent?.given === true })),
      calendar: toSchoolCalendar(calendar.calendar as unknown as CalendarInput),
      consentRequired: settings.settings.consentRequired,
      clearance,
    });
    if (results.length) refuse(results);
    const n = booking.pupils.length;
    const filledDays = dayItems.filter((day) => booking.days.includes(day.date) && day.confirmedCount + n >= day.places).map((day) => day.date);
    const removeAfter = pupilRecordEnds(booking.days[booking.days.length - 1]!);
    const school = await getOrganisation(ctx.db, schoolId);
    return confirmPlacementBooking(ctx.db, {
      booking,
      placement,
      pupils: [...pupils.values()],
      removeAfter,
      at: ctx.now().toISOString(),
      eventId: ctx.newId(),
      facts: [
        { key: keys.calendar(schoolId), version: calendar.version, what: `calendar of ${school?.name ?? booking.schoolName}` },
        { key: keys.workExperienceSettings(schoolId), version: settings.version, what: `work experience settings of ${booking.schoolName}` },
      ],
      safety: { academicYear, clearance: clearance! },
      filledDays,
    });
  });
}

async function requestedBooking(db: Db, schoolId: string, bookingId: string, check: (booking: PlacementBookingRecord) => boolean): Promise<PlacementBookingRecord> {
  const booking = await getPlacementBooking(db, schoolId, bookingId);
  if (!booking || !check(booking)) throw new NotFoundError();
  return booking;
}

/** The host declines a request with a reason; its places stop being held. */
export async function declinePlacement(ctx: UseCaseContext, hostOrgId: string, schoolId: string, bookingId: string, reason: string): Promise<PlacementBookingRecord> {
  const booking = await requestedBooking(ctx.db, schoolId, bookingId, (b) => b.hostOrgId === hostOrgId);
  if (booking.status !== 'requested') throw new ConflictError('STALE_STATE', `This request is ${booking.status}, so it cannot be declined.`);
  return closePlacementRequest(ctx.db, booking, 'declined', ctx.now().toISOString(), ctx.newId(), reason);
}

/** The school withdraws its own request. */
export async function withdrawPlacementRequest(ctx: UseCaseContext, schoolId: string, bookingId: string): Promise<PlacementBookingRecord> {
  const booking = await requestedBooking(ctx.db, schoolId, bookingId, () => true);
  if (booking.status !== 'requested') throw new ConflictError('STALE_STATE', `This request is ${booking.status}, so it cannot be withdrawn.`);
  return closePlacementRequest(ctx.db, booking, 'withdrawn', ctx.now().toISOString(), ctx.newId());
}

/**
 * Either side cancels a confirmed placement, with a reason the other side is told (email with a
 * calendar CANCEL). Only before the first day (ALREADY_HAPPENED after it: the host records
 * attendance instead). The days' places and the pupils' days are freed in one transaction
 * (cancelPlacementBooking); the days still to come go back into search while the offer is published.
 */
export async function cancelPlacement(
  ctx: UseCaseContext,
  side: { by: 'school'; schoolId: string } | { by: 'host'; hostOrgId: string; schoolId: string },
  bookingId: string,
  reason: string,
): Promise<PlacementBookingRecord> {
  for (let attempt = 0; ; attempt++) {
    const booking = await getPlacementBooking(ctx.db, side.schoolId, bookingId);
    if (!booking || (side.by === 'host' && booking.hostOrgId !== side.hostOrgId)) throw new NotFoundError();
    if (booking.status !== 'confirmed') throw new ConflictError('STALE_STATE', `This placement is ${booking.status}, so it cannot be cancelled.`);
    const today = todayInLondon(ctx.now());
    const late = checkCanCancel(booking.days[0]!, today);
    if (late) throw new Refused(422, [{ code: late.code, message: `This placement began on ${booking.days[0]}: record the pupils as absent instead of cancelling it.` }]);
    const placement = await getPlacement(ctx.db, booking.hostOrgId, booking.placementId);
    const toCome = booking.days.filter((day) => day > today);
    try {
      return await cancelPlacementBooking(ctx.db, {
        booking,
        by: side.by,
        reason,
        at: ctx.now().toISOString(),
        eventId: ctx.newId(),
        ...(placement?.status === 'published' ? { reopen: { placement, days: toCome } } : {}),
      });
    } catch (error) {
      // The offer was withdrawn between the read and the write: cancel again without putting its days back.
      if (error instanceof ConflictError && error.code === 'PLACEMENT_CHANGED' && attempt === 0) continue;
      throw error;
    }
  }
}

/**
 * Bookings already confirmed for days after the host's employers' liability insurance expires,
 * for the host (every school) — the store's placementDaysConfirmedAfter on the pack's expiry.
 * Empty when the pack has no insurance.
 */
export async function hostDaysAfterInsuranceExpiry(db: Db, hostOrgId: string, now: Date) {
  const pack = await getSafetyPack(db, hostOrgId);
  const expiresOn = pack?.insurance?.expiresOn;
  if (!expiresOn) return { insuranceExpiresOn: null, items: [] };
  // Days still to come: a placement already over needs nothing more from either side.
  const today = todayInLondon(now);
  const items = (await placementDaysConfirmedAfter(db, hostOrgId, expiresOn < today ? addDaysIso(today, -1) : expiresOn)).filter((item) => item.days.length);
  return { insuranceExpiresOn: expiresOn, items: items.map((item) => ({ ...item, hostOrgId, insuranceExpiresOn: expiresOn })) };
}

/**
 * The same list for a school: its confirmed bookings (one consistent Query of its partition) with
 * days after their host's insurance expiry (one consistent read of each host's pack).
 */
export async function schoolDaysAfterInsuranceExpiry(db: Db, schoolId: string, now: Date) {
  const today = todayInLondon(now);
  const bookings = (await listPlacementBookingsOfSchool(db, schoolId)).filter((booking) => booking.status === 'confirmed' && booking.days.some((day) => day >= today));
  const hosts = [...new Set(bookings.map((booking) => booking.hostOrgId))];
  const packs = new Map(await Promise.all(hosts.map(async (host) => [host, await getSafetyPack(db, host)] as const)));
  const items = bookings.flatMap((booking) => {
    const expiresOn = packs.get(booking.hostOrgId)?.insurance?.expiresOn;
    const after = expiresOn ? booking.days.filter((day) => day > expiresOn) : [];
    if (!expiresOn || !after.length) return [];
    return [{ schoolId, schoolName: booking.schoolName, bookingId: booking.id, placementId: booking.placementId, title: booking.title, days: after, hostOrgId: booking.hostOrgId, hostName: booking.hostName, insuranceExpiresOn: expiresOn }];
  });
  return { items };
}

function changePupil(booking: PlacementBookingRecord, pupilId: string, change: (pupil: PlacementBookingPupil) => PlacementBookingPupil): PlacementBookingPupil[] {
  if (!booking.pupils.some((p) => p.pupilId === pupilId && !p.erased)) throw new InvalidInput([{ field: 'pupilId', message: 'That pupil is not on this booking' }]);
  return booking.pupils.map((p) => (p.pupilId === pupilId ? change(p) : p));
}

/** The school records (or withdraws) a parent's consent for one pupil on a request or booking. */
export async function recordConsent(ctx: UseCaseContext, schoolId: string, bookingId: string, pupilId: string, given: boolean, by: string): Promise<PlacementBookingRecord> {
  const booking = await requestedBooking(ctx.db, schoolId, bookingId, () => true);
  if (booking.status !== 'requested' && booking.status !== 'confirmed') throw new ConflictError('STALE_STATE', `This request is ${booking.status}.`);
  const at = ctx.now().toISOString();
  return savePlacementBookingPupils(ctx.db, booking, changePupil(booking, pupilId, (p) => ({ ...p, consent: { given, recordedAt: at, recordedBy: by } })), at);
}

/** After a day, the host records whether a pupil attended it (NOT_YET_HAPPENED before the day). */
export async function recordPlacementAttendance(
  ctx: UseCaseContext,
  hostOrgId: string,
  schoolId: string,
  bookingId: string,
  input: { pupilId: string; date: string; attended: boolean },
): Promise<PlacementBookingRecord> {
  const booking = await requestedBooking(ctx.db, schoolId, bookingId, (b) => b.hostOrgId === hostOrgId);
  if (booking.status !== 'confirmed') throw new ConflictError('STALE_STATE', `This booking is ${booking.status}: attendance is recorded on confirmed placements.`);
  if (!booking.days.includes(input.date)) throw new InvalidInput([{ field: 'date', message: 'Not a day of this booking' }]);
  if (input.date > todayInLondon(ctx.now())) throw new Refused(422, [{ code: 'NOT_YET_HAPPENED', message: `Record attendance on or after ${input.date}.` }]);
  const at = ctx.now().toISOString();
  const pupils = changePupil(booking, input.pupilId, (p) => ({ ...p, attendance: { ...p.attendance, [input.date]: input.attended ? 'attended' : 'absent' } }));
  return savePlacementBookingPupils(ctx.db, booking, pupils, at);
}

/** The host leaves short feedback for a pupil once the placement has begun. */
export async function leavePlacementFeedback(
  ctx: UseCaseContext,
  hostOrgId: string,
  schoolId: string,
  bookingId: string,
  input: { pupilId: string; text: string; by: string },
): Promise<PlacementBookingRecord> {
  const booking = await requestedBooking(ctx.db, schoolId, bookingId, (b) => b.hostOrgId === hostOrgId);
  if (booking.status !== 'confirmed') throw new ConflictError('STALE_STATE', `This booking is ${booking.status}: feedback is for confirmed placements.`);
  if (booking.days[0]! > todayInLondon(ctx.now())) throw new Refused(422, [{ code: 'NOT_YET_HAPPENED', message: `Leave feedback on or after the first day, ${booking.days[0]}.` }]);
  const at = ctx.now().toISOString();
  return savePlacementBookingPupils(ctx.db, booking, changePupil(booking, input.pupilId, (p) => ({ ...p, feedback: { text: input.text, at, by: input.by } })), at);
}

export const listSchoolPlacementBookings = (db: Db, schoolId: string) => listPlacementBookingsOfSchool(db, schoolId);

/**
 * What a host sees of a booking: the pupils' names and shared support notes only once it is
 * confirmed (and not of an erased pupil); before that, how many pupils and their year groups.
 */
export function bookingForHost(booking: PlacementBookingRecord): PlacementBookingRecord {
  if (booking.status === 'confirmed') return { ...booking, pupils: booking.pupils.map(({ consent: _consent, ...p }) => p) };
  return { ...booking, pupils: booking.pupils.map((p) => ({ pupilId: `pupil-${booking.pupils.indexOf(p) + 1}`, firstName: '', lastName: '', yearGroup: p.yearGroup })) };
}

export async function listHostPlacementBookings(db: Db, hostOrgId: string): Promise<PlacementBookingRecord[]> {
  return (await listPlacementBookingsOfHost(db, hostOrgId)).map(bookingForHost);
}

export async function readPlacementBookingForHost(db: Db, hostOrgId: string, schoolId: string, bookingId: string): Promise<PlacementBookingRecord | undefined> {
  const booking = await getPlacementBooking(db, schoolId, bookingId);
  return booking && booking.hostOrgId === hostOrgId ? bookingForHost(booking) : undefined;
}

export const readPlacementBookingForSchool = (db: Db, schoolId: string, bookingId: string) => getPlacementBooking(db, schoolId, bookingId);

export const readWorkExperienceSettings = async (db: Db, schoolId: string) => (await getWorkExperienceSettings(db, schoolId)).settings;
export const saveWorkExperienceSettings = async (ctx: UseCaseContext, schoolId: string, settings: WorkExperienceSettings) =>
  (await putWorkExperienceSettings(ctx.db, schoolId, settings, ctx.now().toISOString())).settings;

export type { PlacementDayRecord };

/** True when the user belongs to a school (who may look at a published placement offer). */
export const isSchoolUser = async (db: Db, userId: string): Promise<boolean> => (await listMembershipsOfUser(db, userId)).some((m) => m.kind === 'school');

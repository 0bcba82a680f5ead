// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import { email, id, localDate, localTime, shortText } from './common.js';
import { SECTORS } from './sectors.js';

/**
 * Work experience placements (issue 12, we-place): the host's offer, the school's pupils and
 * requests, the host's confirmation, attendance and feedback, and the school's Benchmark 6 view.
 */

/** Placements name their sector from the one product-wide list. */
export const placementSectors = SECTORS;
const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
const text = (max: number) => z.string().trim().max(max);
const postcode = z.string().trim().min(2).max(10).regex(/^[A-Za-z]{1,2}\d[A-Za-z\d]?( ?\d[A-Za-z]{2})?$/, 'Enter a UK postcode, like LS6 2AB');
const placementYearGroup = z.number().int().min(7, 'Work experience is for Years 7–11').max(11, 'Work experience is for Years 7–11');

/** Single days, a block of weekdays, or a weekly pattern between two dates. */
export const placementDaysPattern = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('dates'), dates: z.array(localDate).min(1).max(40) }),
  z.strictObject({ kind: z.literal('block'), from: localDate, to: localDate }),
  z.strictObject({ kind: z.literal('weekly'), weekdays: z.array(z.enum(weekdays)).min(1).max(5), from: localDate, to: localDate }),
]);

export const placementInput = z.strictObject({
  kind: z.enum(['placement', 'activity']).default('placement'),
  title: shortText,
  sector: z.enum(placementSectors),
  /** The guidance's "meaningful" list: tasks set by the host, who pupils meet, the feedback they get. */
  tasks: text(3000).min(1),
  whoTheyMeet: text(2000).min(1),
  feedback: text(2000).min(1),
  address: text(300).min(1),
  postcode,
  /** Online only is refused with IN_PERSON; hybrid needs `hybridReason`. */
  attendance: z.enum(['in_person', 'hybrid', 'virtual']),
  hybridReason: text(1000).optional(),
  days: placementDaysPattern,
  dailyStart: localTime,
  dailyEnd: localTime,
  placesPerDay: z.number().int().min(1).max(50),
  yearGroups: z.array(placementYearGroup).min(1).max(5),
  minimumNoticeDays: z.number().int().min(0).max(180),
  accessibility: text(2000).default(''),
  travel: text(2000).default(''),
  dressCode: text(500).default(''),
  supervisor: z.strictObject({ name: shortText, email, phone: text(30).optional() }),
});
export type PlacementInput = z.infer<typeof placementInput>;

export const placement = placementInput.omit({ days: true, attendance: true }).extend({
  id,
  hostOrgId: id,
  hostName: z.string(),
  attendance: z.enum(['in_person', 'hybrid']),
  days: z.array(localDate),
  location: z.object({ latitude: z.number(), longitude: z.number() }).optional(),
  status: z.enum(['published', 'withdrawn']),
  version: z.number().int(),
  createdAt: z.string(),
});

/** One offered day with its places, as the host and a searching school see it. */
export const placementDay = z.object({ date: localDate, places: z.number().int(), placesLeft: z.number().int() });
export const placementWithDays = placement.extend({ dayPlaces: z.array(placementDay) });
export const placementList = z.object({ items: z.array(placement) });

export const placementSearch = z.strictObject({
  orgId: id,
  from: localDate,
  to: localDate,
  yearGroup: z.coerce.number().int().min(7).max(11).optional(),
  sector: z.enum(placementSectors).optional(),
  withinKm: z.coerce.number().min(1).max(200).optional(),
  near: z.string().trim().max(10).regex(/^[A-Za-z]{1,2}\d[A-Za-z\d]?( ?\d[A-Za-z]{2})?$/, 'Enter a UK postcode or postcode district, like LS6 2AB or LS6').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(2000).optional(),
});

export const placementHit = z.object({
  placementId: id,
  hostOrgId: id,
  hostName: z.string(),
  title: z.string(),
  sector: z.enum(placementSectors),
  kind: z.enum(['placement', 'activity']),
  yearGroups: z.array(z.number().int()),
  date: localDate,
  dailyStart: localTime,
  dailyEnd: localTime,
  placesPerDay: z.number().int(),
  placesLeft: z.number().int(),
  attendance: z.enum(['in_person', 'hybrid']),
  postcode: z.string(),
  distanceKm: z.number(),
});
export const placementPage = z.object({ items: z.array(placementHit), nextCursor: z.string().nullable() });

export const pupilInput = z.strictObject({
  reference: z.string().trim().min(1).max(40).regex(/^[\w./-]+$/, 'Use letters, digits and . / - _ only'),
  firstName: text(100).min(1),
  lastName: text(100).min(1),
  yearGroup: placementYearGroup,
  supportNotes: text(1000).optional(),
});
export type PupilInput = z.infer<typeof pupilInput>;
export const pupilsInput = z.strictObject({ pupils: z.array(pupilInput).min(1).max(500) });
/** A CSV with a header row: reference, firstName, lastName, yearGroup[, supportNotes]. */
export const pupilsImport = z.strictObject({ csv: z.string().min(1).max(200_000) });

export const pupil = z.object({
  id,
  schoolId: id,
  reference: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  yearGroup: z.number().int(),
  academicYear: z.number().int(),
  cohort: z.number().int(),
  supportNotes: z.string().optional(),
  createdAt: z.string(),
  removeAfter: localDate,
});
export const pupilList = z.object({ items: z.array(pupil) });
export const pupilExport = z.object({
  pupil,
  placements: z.array(
    z.object({
      bookingId: id,
      hostName: z.string(),
      title: z.string(),
      sector: z.enum(placementSectors),
      status: z.string(),
      days: z.array(z.object({ date: localDate, attendance: z.enum(['confirmed', 'attended', 'absent', 'requested']) })),
      consent: z.boolean().optional(),
      feedback: z.string().optional(),
    }),
  ),
});

export const placementRequestInput = z.strictObject({
  hostOrgId: id,
  placementId: id,
  days: z.array(localDate).min(1).max(10),
  pupilIds: z.array(id).min(1).max(10),
  message: text(2000).default(''),
});
export const consentInput = z.strictObject({ pupilId: id, given: z.boolean() });
export const placementDeclineInput = z.strictObject({ reason: text(2000).min(1) });
/** Either side cancels a confirmed placement; the other side is told the reason. */
export const placementCancelInput = z.strictObject({ reason: text(2000).min(1, 'Say why you are cancelling: the other side is told') });
/**
 * Bookings already confirmed for days after the host's employers' liability insurance expires,
 * listed to both sides (the host's safety pack page; the school's work experience page).
 */
export const daysAfterInsuranceExpiry = z.object({
  /** The host's expiry (the host's list); each item carries its own. */
  insuranceExpiresOn: localDate.nullable().optional(),
  items: z.array(
    z.object({
      schoolId: id,
      schoolName: z.string(),
      bookingId: id,
      placementId: id,
      title: z.string(),
      hostOrgId: id,
      hostName: z.string().optional(),
      insuranceExpiresOn: localDate,
      /** The booked days after the expiry. */
      days: z.array(localDate),
    }),
  ),
});
export const placementAttendanceInput = z.strictObject({ pupilId: id, date: localDate, attended: z.boolean() });
export const feedbackInput = z.strictObject({ pupilId: id, text: text(1000).min(1) });
export const workExperienceSettings = z.strictObject({ consentRequired: z.boolean() });

const bookingPupil = z.object({
  pupilId: z.string(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  yearGroup: z.number().int(),
  supportNotes: z.string().optional(),
  consent: z.object({ given: z.boolean(), recordedAt: z.string(), recordedBy: z.string() }).optional(),
  attendance: z.record(z.string(), z.enum(['attended', 'absent'])).optional(),
  feedback: z.object({ text: z.string(), at: z.string(), by: z.string() }).optional(),
  erased: z.boolean().optional(),
});
export const placementBooking = z.object({
  id,
  placementId: id,
  hostOrgId: id,
  hostName: z.string(),
  schoolId: id,
  schoolName: z.string(),
  title: z.string(),
  sector: z.enum(placementSectors),
  kind: z.enum(['placement', 'activity']),
  days: z.array(localDate),
  dailyStart: localTime,
  dailyEnd: localTime,
  address: z.string(),
  postcode: z.string(),
  pupils: z.array(bookingPupil),
  status: z.enum(['requested', 'confirmed', 'declined', 'withdrawn', 'cancelled']),
  message: z.string(),
  declineReason: z.string().optional(),
  cancelReason: z.string().optional(),
  cancelledBy: z.enum(['school', 'host']).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  removeAfter: localDate,
});
export const placementBookingList = z.object({ items: z.array(placementBooking) });

export const benchmark6View = z.object({
  academicYear: z.number().int(),
  yearGroups: z.array(
    z.object({
      yearGroup: z.number().int(),
      pupils: z.number().int(),
      met: z.number().int(),
      onTrack: z.number().int(),
      short: z.array(z.object({ pupilId: id, name: z.string(), days: z.number().int() })),
    }),
  ),
  pupils: z.array(
    z.object({
      pupilId: id,
      name: z.string(),
      yearGroup: z.number().int(),
      delivered: z.number().int(),
      confirmed: z.number().int(),
      short: z.number().int(),
      met: z.boolean(),
      onTrack: z.boolean(),
      hosts: z.array(z.string()),
      sectors: z.array(z.enum(placementSectors)),
    }),
  ),
});

// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import { id, localDate, localTime, shortText, yearGroup } from './common.js';
import { offerFormats } from './offers.js';
import { sector } from './sectors.js';

export const slotFormats = ['assembly', 'talk', 'workshop', 'careers_fair', 'taster', 'other'] as const;
export const bookingStatuses = ['requested', 'confirmed', 'declined', 'withdrawn', 'cancelled', 'delivered', 'not_delivered'] as const;

export const slotInput = z.strictObject({
  title: shortText,
  date: localDate,
  start: localTime,
  end: localTime,
  yearGroups: z.array(yearGroup).min(1).max(13),
  format: z.enum(slotFormats),
  venueId: id,
  places: z.number().int().min(1).max(50),
  statutory: z.boolean(),
  description: z.string().trim().max(2000).default(''),
});
export type SlotInput = z.infer<typeof slotInput>;

export const violation = z.object({ code: z.string(), message: z.string(), yearGroup: z.number().optional() });

export const slot = slotInput.extend({
  id,
  schoolId: id,
  schoolName: z.string(),
  schoolUrn: z.string().optional(),
  venueName: z.string(),
  confirmedCount: z.number().int(),
  pendingCount: z.number().int(),
  status: z.enum(['open', 'closed', 'cancelled']),
  createdAt: z.string(),
  distanceKm: z.number().optional(),
  countsToward: z.array(z.object({ yearGroup: z.number(), cohort: z.number(), phase: z.number().nullable() })).optional(),
  /** The last day a request still meets the school's notice period (search hides the slot after it). */
  requestBy: localDate.optional(),
});
export type Slot = z.infer<typeof slot>;

export const slotSearch = z.strictObject({
  from: localDate,
  to: localDate,
  yearGroup: z.coerce.number().int().min(1).max(13).optional(),
  format: z.enum(slotFormats).optional(),
  /** Defaults to 50 km around the searcher's location (or `near`); at most 200 km. */
  withinKm: z.coerce.number().min(1).max(200).optional(),
  /** A postcode (or postcode district) to search around instead of the organisation's own location. */
  near: z.string().trim().max(10).regex(/^[A-Za-z]{1,2}\d[A-Za-z\d]?( ?\d[A-Za-z]{2})?$/, 'Enter a UK postcode or postcode district, like LS6 2AB or LS6').optional(),
  statutory: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(2000).optional(),
});

export const requestInput = z.strictObject({
  message: z.string().trim().max(2000).default(''),
  /** The provider may bring an employer with it; the school may not unreasonably refuse that. */
  accompanyingEmployer: z.string().trim().max(200).optional(),
  /** An employer's sector, recorded with its encounter for the Benchmark 5 view. */
  sector: sector.optional(),
});

export const declineInput = z.strictObject({ groundId: z.string().min(1), note: z.string().trim().max(2000).default('') });
export const reasonInput = z.strictObject({ reason: z.string().trim().min(1).max(2000) });
export const attendanceInput = z.strictObject({
  delivered: z.boolean(),
  note: z.string().trim().max(2000).default(''),
});

export const booking = z.object({
  id,
  slotId: id,
  schoolId: id,
  schoolName: z.string(),
  requesterOrgId: id,
  requesterName: z.string(),
  requesterKind: z.enum(['provider', 'employer']),
  status: z.enum(bookingStatuses),
  statutory: z.boolean(),
  date: localDate,
  start: localTime,
  end: localTime,
  title: z.string(),
  // A booking of an offer carries the offer's format.
  format: z.enum([...slotFormats, ...offerFormats]),
  yearGroups: z.array(yearGroup),
  venueName: z.string(),
  message: z.string(),
  /** Set when the school booked a provider's or employer's offer (the host confirms). */
  offerId: z.string().optional(),
  audience: z.enum(['whole_year_groups', 'named_group']).optional(),
  groupName: z.string().optional(),
  pupils: z.number().int().optional(),
  sector: sector.optional(),
  accompanyingEmployer: z.string().optional(),
  declineGround: z.object({ id: z.string(), label: z.string() }).optional(),
  note: z.string().optional(),
  reason: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Booking = z.infer<typeof booking>;

export const auditEntry = z.object({
  bookingId: id,
  at: z.string(),
  actor: z.string(),
  actorOrgId: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  reason: z.string().optional(),
});

export const proposalInput = z.strictObject({
  date: localDate,
  start: localTime,
  end: localTime,
  yearGroups: z.array(yearGroup).min(1).max(13),
  format: z.enum(slotFormats),
  message: z.string().trim().max(2000).default(''),
});
export type ProposalInput = z.infer<typeof proposalInput>;

// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import { id, localDate } from './common.js';
import { organisationKinds } from './organisations.js';
import { slotInput, violation } from './slots.js';
import { phasesOfEducation } from './phase.js';

// ── The school directory (issue 15): providers and employers find schools by place ──

export { phaseOfEducation, phasesOfEducation, type PhaseOfEducation } from './phase.js';

const postcodeOrDistrict = z
  .string()
  .trim()
  .max(10)
  .regex(/^[A-Za-z]{1,2}\d[A-Za-z\d]?( ?\d[A-Za-z]{2})?$/, 'Enter a UK postcode or postcode district, like LS6 2AB or LS6');

export const schoolDirectorySearch = z.strictObject({
  /** The provider or employer searching (its location is the default centre). */
  orgId: id,
  /** Defaults to 50 km around the searcher's location (or `near`); at most 200 km. */
  withinKm: z.coerce.number().min(1).max(200).optional(),
  near: postcodeOrDistrict.optional(),
  phase: z.enum(phasesOfEducation).optional(),
  /** Schools that teach this year group. */
  yearGroup: z.coerce.number().int().min(1).max(13).optional(),
  policyPublished: z.enum(['true', 'false']).optional(),
  /** `true`: only schools with at least one slot a provider can still request. */
  openSlots: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.string().max(2000).optional(),
});
export type SchoolDirectorySearch = z.infer<typeof schoolDirectorySearch>;

export const directorySchool = z.object({
  id,
  name: z.string(),
  urn: z.string().optional(),
  postcode: z.string(),
  phase: z.enum(phasesOfEducation),
  yearGroups: z.object({ from: z.number().int(), to: z.number().int() }),
  policyPublished: z.boolean(),
  hasOpenSlots: z.boolean(),
  distanceKm: z.number(),
});
export type DirectorySchool = z.infer<typeof directorySchool>;

export const schoolDirectoryPage = z.object({ items: z.array(directorySchool), nextCursor: z.string().nullable() });

// ── The platform admin's verification queue ──

export const verificationQueueQuery = z.strictObject({
  kind: z.enum(organisationKinds).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(2000).optional(),
});

export const waitingOrganisation = z.object({
  id,
  kind: z.enum(organisationKinds),
  name: z.string(),
  postcode: z.string(),
  /** When it started waiting: registration, or the change that sent it back (a provider's offer). */
  waitingSince: z.string(),
  /** The register identifiers the admin checks, as the organisation gave them. */
  urn: z.string().optional(),
  ukprn: z.string().optional(),
  companiesHouseNumber: z.string().optional(),
  providerType: z.string().optional(),
  website: z.string().optional(),
});

const kindCounts = z.object({ waiting: z.number().int(), verified: z.number().int() });
export const verificationQueue = z.object({
  counts: z.object({ school: kindCounts, provider: kindCounts, employer: kindCounts }),
  items: z.array(waitingOrganisation),
  nextCursor: z.string().nullable(),
});

// ── The overview's lists: most urgent first, and how many there are in all ──

export const waitingRequestsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(50).default(5) });
export const waitingRequests = z.object({
  /** How many requests wait for a decision in all (the list shows the first `limit`). */
  total: z.number().int(),
  items: z.array(z.object({ id, title: z.string(), requesterName: z.string(), date: z.string(), start: z.string() })),
});

// ── Recurring and bulk slots: one slot per date, created in one go ──

const weekdayNames = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
/** At most this many dates in one series (a school year of one weekday is 39). */
export const MAX_SERIES_DATES = 40;

export const slotSeriesInput = slotInput
  .omit({ date: true })
  .extend({
    /**
     * The caller's key for this series (a ULID, say): the slot of each date has the id
     * `<seriesId>-<yyyymmdd>`, so sending the same series again creates nothing twice.
     */
    seriesId: z.string().regex(/^[0-9A-Za-z]{10,40}$/, 'A series id is 10 to 40 letters and digits'),
    /** The dates, listed… */
    dates: z.array(localDate).min(1).max(MAX_SERIES_DATES).optional(),
    /** …or every given weekday from one date to another, both included (e.g. every Tuesday of a half term). */
    every: z.strictObject({ weekday: z.enum(weekdayNames), from: localDate, to: localDate }).optional(),
  })
  .refine((input) => Boolean(input.dates) !== Boolean(input.every), { message: 'Give either the dates or a weekday to repeat on, not both', path: ['dates'] })
  .refine((input) => !input.every || input.every.from <= input.every.to, { message: 'The last date must not be before the first', path: ['every', 'to'] });
export type SlotSeriesInput = z.infer<typeof slotSeriesInput>;

export const slotSeriesReport = z.object({
  created: z.number().int(),
  refused: z.number().int(),
  dates: z.array(
    z.object({
      date: localDate,
      /** `created`: the slot is published (a supplementary slot may carry warnings); `refused`: not created, with the rule codes. */
      outcome: z.enum(['created', 'refused']),
      slotId: id.optional(),
      violations: z.array(violation),
    }),
  ),
});

// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import { id, localDate, localTime, shortText, yearGroup } from './common.js';
import { sector } from './sectors.js';

/** Encounters a provider or employer brings to the school. */
export const encounterFormats = ['talk', 'assembly', 'workshop', 'careers_fair', 'mock_interviews', 'mentoring', 'enterprise_challenge'] as const;
/** Visits pupils make to the provider's or employer's own premises. */
export const visitFormats = ['campus_taster', 'workplace_tour', 'technical_demo'] as const;
export const offerFormats = [...encounterFormats, ...visitFormats] as const;
export type OfferFormat = (typeof offerFormats)[number];

export const OFFER_FORMAT_LABELS: Record<OfferFormat, string> = {
  talk: 'Talk',
  assembly: 'Assembly',
  workshop: 'Workshop',
  careers_fair: 'Careers fair stand',
  mock_interviews: 'Mock interviews',
  mentoring: 'Mentoring',
  enterprise_challenge: 'Enterprise challenge',
  campus_taster: 'Campus taster day',
  workplace_tour: 'Workplace tour',
  technical_demo: 'Technical demonstration',
};

/** At most this many dates per offer: publishing writes the offer, an offer-date item and a search entry per date in one transaction (at most 100 items). */
export const MAX_OFFER_DATES = 40;

export const offerInput = z
  .strictObject({
    title: shortText,
    format: z.enum(offerFormats),
    /** The dates offered; or give `from` and `to` for every weekday between them. */
    dates: z.array(localDate).min(1).max(MAX_OFFER_DATES).optional(),
    from: localDate.optional(),
    to: localDate.optional(),
    start: localTime,
    end: localTime,
    /** Pupils the host can take on each date (for a visit: its venue's capacity). */
    capacity: z.number().int().min(1).max(2000),
    yearGroups: z.array(yearGroup).min(1).max(13),
    sector,
    mode: z.enum(['in_person', 'virtual']),
    /** What the pupils will do. */
    description: z.string().trim().min(1).max(2000),
    /** Bookings are confirmed at once, without the host deciding each. */
    instantConfirmation: z.boolean().default(false),
  })
  .refine((offer) => offer.dates || (offer.from && offer.to), { message: 'Give the dates offered, or a range from … to', path: ['dates'] })
  .refine((offer) => offer.end > offer.start, { message: 'The end time must be after the start time', path: ['end'] });
export type OfferInput = z.infer<typeof offerInput>;

export const offerDate = z.object({ date: localDate, remaining: z.number().int(), confirmedCount: z.number().int(), pendingCount: z.number().int() });

export const offer = z.object({
  id,
  hostOrgId: id,
  hostName: z.string(),
  hostKind: z.enum(['provider', 'employer']),
  title: z.string(),
  format: z.enum(offerFormats),
  visit: z.boolean(),
  dates: z.array(localDate),
  start: localTime,
  end: localTime,
  capacity: z.number().int(),
  yearGroups: z.array(yearGroup),
  sector,
  mode: z.enum(['in_person', 'virtual']),
  description: z.string(),
  instantConfirmation: z.boolean(),
  postcode: z.string(),
  status: z.enum(['open', 'withdrawn']),
  createdAt: z.string(),
});
export type Offer = z.infer<typeof offer>;
export const offerWithDates = offer.extend({ dateCounts: z.array(offerDate) });
export const offerList = z.object({ items: z.array(offerWithDates) });

/** One offered date as search finds it. */
export const offerHit = offer.extend({ date: localDate, remaining: z.number().int(), distanceKm: z.number() });
export const offerPage = z.object({ items: z.array(offerHit), nextCursor: z.string().nullable() });

export const offerSearch = z.strictObject({
  from: localDate,
  to: localDate,
  yearGroup: z.coerce.number().int().min(1).max(13).optional(),
  sector: sector.optional(),
  format: z.enum(offerFormats).optional(),
  withinKm: z.coerce.number().min(1).max(200).optional(),
  near: z.string().trim().max(10).regex(/^[A-Za-z]{1,2}\d[A-Za-z\d]?( ?\d[A-Za-z]{2})?$/, 'Enter a UK postcode or postcode district, like LS6 2AB or LS6').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(2000).optional(),
});

/** A school books an offered date for year groups, or for a smaller named group (supplementary). */
export const offerBookingInput = z
  .strictObject({
    hostOrgId: id,
    offerId: id,
    date: localDate,
    /** Within the offer's times; the offer's own when omitted. */
    start: localTime.optional(),
    end: localTime.optional(),
    yearGroups: z.array(yearGroup).min(1).max(13),
    audience: z.enum(['whole_year_groups', 'named_group']).default('whole_year_groups'),
    /** For a named group: what the school calls it ("Year 8 engineering club") and how many pupils. */
    groupName: z.string().trim().min(1).max(120).optional(),
    groupSize: z.number().int().min(1).max(2000).optional(),
    /** For an encounter at the school: the school's venue (its capacity is judged with the roll). */
    venueId: id.optional(),
    /** For a visit: minutes each way between school and the host, inside the school day. */
    travelMinutes: z.number().int().min(0).max(240).default(0),
    /** Book knowing it will not count toward the provider access duty. */
    asSupplementary: z.boolean().default(false),
    message: z.string().trim().max(2000).default(''),
  })
  .refine((b) => b.audience === 'whole_year_groups' || (b.groupName && b.groupSize), { message: 'Name the group and say how many pupils are in it', path: ['groupName'] });
export type OfferBookingInput = z.infer<typeof offerBookingInput>;

export const hostDeclineInput = z.strictObject({ reason: z.string().trim().min(1).max(2000) });

const b5Encounter = z.object({ bookingId: id, employerName: z.string(), sector: sector.nullable(), date: localDate, title: z.string(), wholeYearGroup: z.boolean(), groupName: z.string().optional() });
export const benchmark5 = z.object({
  asOf: localDate,
  years: z.array(
    z.object({
      academicYear: z.number().int(),
      label: z.string(),
      yearGroups: z.array(
        z.object({
          yearGroup: z.number().int(),
          cohort: z.number().int(),
          status: z.enum(['MET', 'PARTIAL', 'PLANNED', 'NOT_MET']),
          explanation: z.string(),
          delivered: z.array(b5Encounter),
          planned: z.array(b5Encounter),
          employers: z.array(z.string()),
          sectors: z.array(sector),
        }),
      ),
    }),
  ),
  cohorts: z.array(z.object({ cohort: z.number().int(), yearGroupNow: z.number().int(), sectors: z.array(sector), yearsMet: z.number().int(), yearsCounted: z.number().int() })),
});

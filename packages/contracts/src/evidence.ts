// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import { id, localDate, localTime, shortText, yearGroup } from './common.js';
import { slotFormats, violation } from './slots.js';

/*
 * Evidence (issue 14): encounters a school records itself, the governors' and Ofsted report, its
 * frozen snapshots and a provider's record of its requests.
 */

export const ukprn = z.string().regex(/^1\d{7}$/, 'A UKPRN is 8 digits starting with 1');

/** Who spoke: an organisation on Schoolgate, or one the school names with its UKPRN. */
export const recordedProvider = z.union([
  z.strictObject({ orgId: id }),
  z.strictObject({
    name: shortText,
    ukprn,
    providerType: z
      .enum(['fe_college', 'sixth_form_college', 'itp', 'utc', 'studio_school', 'institute_of_technology', 'university', 'apprenticeship_provider', 'other_school'])
      .optional(),
    offers: z.array(z.enum(['apprenticeships', 't_levels', 'htqs', 'approved_technical_qualifications'])).max(4).default([]),
    /** On the register of apprenticeship training providers. */
    registeredApprenticeshipProvider: z.boolean().optional(),
  }),
]);

export const recordedEncounterInput = z.strictObject({
  date: localDate,
  start: localTime,
  end: localTime,
  yearGroups: z.array(yearGroup).min(1).max(13),
  provider: recordedProvider,
  format: z.enum(slotFormats),
  audience: z.enum(['whole_year_groups', 'selected_pupils']).default('whole_year_groups'),
  /** Pupils present. */
  attendance: z.number().int().min(0).max(5000).optional(),
  notes: z.string().trim().max(1000).optional(),
});
export type RecordedEncounterInput = z.infer<typeof recordedEncounterInput>;

export const recordedEncounter = z.object({
  id,
  schoolId: id,
  date: localDate,
  start: localTime,
  end: localTime,
  yearGroups: z.array(z.number().int()),
  providerId: z.string(),
  providerName: z.string(),
  providerUkprn: z.string().optional(),
  onSchoolgate: z.boolean(),
  providerAsNamed: z.object({ name: z.string(), ukprn: z.string(), providerType: z.string().optional(), offers: z.array(z.string()), registeredApprenticeshipProvider: z.boolean().optional() }).optional(),
  format: z.string(),
  audience: z.enum(['whole_year_groups', 'selected_pupils']),
  attendance: z.number().int().optional(),
  statutory: z.boolean(),
  violations: z.array(violation),
  countsToward: z.array(z.object({ cohort: z.number().int(), phase: z.number().int() })),
  notes: z.string().optional(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  /** Send it back as `If-Match: "<version>"` to correct or delete the record. */
  version: z.number().int().optional(),
  correctedBy: z.string().optional(),
  correctedAt: z.string().optional(),
  correctionReason: z.string().optional(),
});

/** A correction replaces the record as a whole, with why. */
export const recordedEncounterCorrection = recordedEncounterInput.extend({ reason: z.string().trim().max(500).optional() });
export type RecordedEncounterCorrection = z.infer<typeof recordedEncounterCorrection>;
/** A deletion always says why; the audit keeps what the record was. */
export const recordedEncounterDeletion = z.strictObject({ reason: z.string().trim().min(3).max(500) });
export const recordedEncounterHistory = z.object({
  current: recordedEncounter.nullable(),
  items: z.array(
    z.object({
      recordId: id,
      at: z.string(),
      actor: z.string(),
      action: z.enum(['corrected', 'deleted']),
      reason: z.string().optional(),
      before: recordedEncounter,
      after: recordedEncounter.optional(),
    }),
  ),
});

/** A closed or part-gone phase with nothing on record: what a school that has just joined is offered to record. */
export const unrecordedPhase = z.object({
  cohort: z.number().int(),
  yearGroupNow: z.number().int(),
  phase: z.number().int(),
  windowStart: localDate,
  deadline: localDate,
  status: z.string(),
  message: z.string(),
});

export const recordedEncounterList = z.object({
  items: z.array(recordedEncounter),
  /** Phases whose window has (at least partly) passed with no encounter on record. */
  unrecordedPastPhases: z.array(unrecordedPhase),
  /** Issue 16: the list is paged, newest recorded first; pass this back as `cursor` for the next page (null on the last). */
  nextCursor: z.string().nullable(),
});

const statusEnum = z.enum(['MET', 'ON_TRACK', 'AT_RISK', 'MISSED', 'NOT_APPLICABLE']);

/** One cell of the year groups × key phases grid. */
export const gridCell = z.object({
  cohort: z.number().int(),
  yearGroup: z.number().int(),
  phase: z.number().int(),
  status: statusEnum,
  deadline: localDate,
  windowState: z.enum(['not_started', 'open', 'closed']),
  missing: z.string().nullable(),
});

export const reportEncounter = z.object({
  id: z.string(),
  date: localDate,
  providerName: z.string(),
  format: z.string(),
  statutory: z.boolean(),
  /** Booked through Schoolgate, or recorded by the school. */
  source: z.enum(['booked', 'recorded']),
  status: z.string(),
  yearGroups: z.array(z.number().int()),
});

/** A section another part of the product adds to the report (Benchmark 5 employer encounters, Benchmark 6 placements). */
export const reportSection = z.object({ id: z.string(), title: z.string(), columns: z.array(z.string()), rows: z.array(z.array(z.string())) });

export const schoolReport = z.object({
  school: z.object({ id, name: z.string(), urn: z.string().optional() }),
  academicYear: z.number().int(),
  academicYearLabel: z.string(),
  asOf: localDate,
  policy: z
    .object({
      version: z.number().int(),
      agreedByGovernorsOn: localDate,
      nextReviewOn: localDate,
      publishedAt: z.string().optional(),
      review: z.enum(['current', 'due', 'overdue']),
    })
    .nullable(),
  grid: z.array(gridCell),
  cohorts: z.array(
    z.object({
      cohort: z.number().int(),
      yearGroup: z.number().int(),
      phases: z.array(
        z.object({
          phase: z.number().int(),
          status: statusEnum,
          windowStart: localDate,
          deadline: localDate,
          windowState: z.enum(['not_started', 'open', 'closed']),
          providers: z.object({ delivered: z.array(z.string()), confirmed: z.array(z.string()) }),
          encounters: z.array(reportEncounter),
          missing: z.string().nullable(),
        }),
      ),
    }),
  ),
  requests: z.object({
    received: z.number().int(),
    byOutcome: z.record(z.string(), z.number().int()),
    items: z.array(z.object({ id: z.string(), requestedOn: z.string(), date: localDate, providerName: z.string(), title: z.string(), outcome: z.string() })),
  }),
  refusals: z.array(
    z.object({ id: z.string(), requestedOn: z.string(), date: localDate, providerName: z.string(), ground: z.object({ id: z.string(), label: z.string(), description: z.string() }), note: z.string() }),
  ),
  noLongerCounting: z.array(z.object({ id: z.string(), date: localDate, providerName: z.string(), violations: z.array(violation) })),
  sections: z.array(reportSection),
});
export type SchoolReport = z.infer<typeof schoolReport>;

export const reportQuery = z.strictObject({ asOf: localDate.optional() });
export const snapshotInput = z.strictObject({ asOf: localDate.optional(), label: z.string().trim().max(200).optional() });
export const snapshotMeta = z.object({
  id: z.string(),
  schoolId: id,
  academicYear: z.number().int(),
  asOf: localDate,
  frozenAt: z.string(),
  frozenBy: z.string(),
  label: z.string().optional(),
});
export const snapshotList = z.object({ items: z.array(snapshotMeta) });
export const reportSnapshot = snapshotMeta.extend({ report: schoolReport });

/** A provider's record of its requests. */
export const providerRequestQuery = z.strictObject({
  schoolId: id.optional(),
  outcome: z.enum(['requested', 'confirmed', 'declined', 'withdrawn', 'cancelled', 'delivered', 'not_delivered']).optional(),
  from: localDate.optional(),
  to: localDate.optional(),
});
export const providerRequestRow = z.object({
  id: z.string(),
  schoolId: z.string(),
  schoolName: z.string(),
  requestedOn: z.string(),
  date: localDate,
  title: z.string(),
  yearGroups: z.array(z.number().int()),
  outcome: z.string(),
  ground: z.object({ id: z.string(), label: z.string(), description: z.string() }).nullable(),
  note: z.string(),
});
export const providerRecord = z.object({ items: z.array(providerRequestRow) });
export const concernSummary = z.object({
  provider: z.object({ id, name: z.string(), ukprn: z.string().optional() }),
  school: z.object({ id, name: z.string(), urn: z.string().optional() }),
  preparedOn: localDate,
  policy: z.object({ version: z.number().int(), publishedAt: z.string().optional(), requestProcedure: z.string(), refusalGrounds: z.array(z.object({ id: z.string(), label: z.string(), description: z.string() })) }).nullable(),
  requests: z.array(providerRequestRow),
  counts: z.object({ requests: z.number().int(), refused: z.number().int(), confirmed: z.number().int() }),
});

/** A roll as CSV: a header naming year group and number on roll, then a row per year group. */
export const rollImportInput = z.strictObject({
  csv: z.string().min(1).max(20_000),
  rollYear: z.number().int().min(2000).max(2100).optional(),
});

// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import { email, id, localDate, longText, shortText } from './common.js';

/** The employer's safety pack (issue 12): inputs and outputs of its routes. */

export const safetyFileContentTypes = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export const SAFETY_FILE_MAX_BYTES = 10 * 1024 * 1024;
export const safetyCheckKinds = ['insurance', 'healthAndSafety', 'riskAssessment', 'safeguarding'] as const;
export const academicYearParam = z.string().regex(/^\d{4}-\d{2}$/, 'Write the academic year as 2026-27');

const fileName = z.string().trim().min(1).max(200);

export const uploadRequest = z.strictObject({
  fileName,
  contentType: z.enum(safetyFileContentTypes, { message: 'Upload a PDF, PNG or JPEG file' }),
  size: z.number().int().min(1, 'The file is empty').max(SAFETY_FILE_MAX_BYTES, 'Files can be at most 10 MB'),
});
export type UploadRequest = z.infer<typeof uploadRequest>;

export const uploadTicket = z.object({
  fileId: z.string(),
  /** PUT the file's bytes here, with these headers, within `expiresInSeconds`. */
  url: z.string(),
  method: z.literal('PUT'),
  headers: z.record(z.string(), z.string()),
  expiresInSeconds: z.number().int(),
  maxBytes: z.number().int(),
});

/** A file the pack names: an uploaded file's id (and the name to show). */
const fileRef = z.strictObject({ fileId: id, fileName });

export const safetyPackInput = z.strictObject({
  insurance: z
    .strictObject({
      insurer: shortText,
      policyNumber: z.string().trim().min(1).max(100),
      expiresOn: localDate,
      certificate: fileRef.optional(),
    })
    .optional(),
  healthAndSafety: z.strictObject({ policy: fileRef.optional() }).optional(),
  riskAssessments: z
    .array(z.strictObject({ placementId: id.optional(), file: fileRef }))
    .max(50)
    .refine((list) => list.filter((r) => !r.placementId).length <= 1, { message: 'Give at most one general risk assessment (without a placement)' })
    .optional(),
  safeguarding: z
    .strictObject({
      contactName: shortText,
      contactEmail: email.optional(),
      contactPhone: z.string().trim().min(5).max(40).optional(),
      supervisorSelection: longText,
    })
    .optional(),
});
export type SafetyPackInput = z.infer<typeof safetyPackInput>;

export const storedFile = z.object({
  fileId: z.string(),
  fileVersion: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  uploadedAt: z.string(),
});

export const checkSignOff = z.object({
  check: z.enum(safetyCheckKinds),
  signedBy: z.string(),
  signedAt: z.string(),
  packVersion: z.number().int(),
  fileId: z.string().optional(),
  fileVersion: z.string().optional(),
  /** False when the pack changed after this sign-off: the check needs reviewing again. */
  current: z.boolean(),
});

export const clearanceStanding = z.enum(['signedOff', 'partly', 'none', 'packChanged']);

export const schoolSignOff = z.object({
  schoolId: z.string(),
  schoolName: z.string(),
  academicYear: z.string(),
  standing: clearanceStanding,
  checks: z.array(checkSignOff),
});

export const safetyPack = z.object({
  hostOrgId: z.string(),
  hostName: z.string(),
  /** 0 when the host has not entered a pack yet. Send it back in If-Match when saving. */
  packVersion: z.number().int(),
  updatedAt: z.string().optional(),
  insurance: z.object({ insurer: z.string(), policyNumber: z.string(), expiresOn: z.string(), certificate: storedFile.optional() }).optional(),
  healthAndSafety: z.object({ policy: storedFile.optional() }).optional(),
  riskAssessments: z.array(z.object({ placementId: z.string().optional(), file: storedFile })),
  safeguarding: z
    .object({ contactName: z.string(), contactEmail: z.string().optional(), contactPhone: z.string().optional(), supervisorSelection: z.string() })
    .optional(),
  /** Which checks have what they need for a school to sign them off. */
  complete: z.record(z.enum(safetyCheckKinds), z.boolean()),
  guidance: z.object({ healthAndSafety: z.string(), schoolChecks: z.string(), dbs: z.string(), send: z.string() }),
});

/** The host's own view: its pack and each school's sign-off of it. */
export const hostSafetyPack = safetyPack.extend({ signOffs: z.array(schoolSignOff) });

/** A school's view of a host's pack, with its own sign-off for one academic year. */
export const safetyPackReview = z.object({
  pack: safetyPack,
  academicYear: z.string(),
  standing: clearanceStanding,
  /** The sign-off item's version (0: none yet). */
  clearanceVersion: z.number().int(),
  checks: z.array(checkSignOff),
});

export const signOffInput = z.strictObject({
  academicYear: academicYearParam,
  check: z.enum(safetyCheckKinds),
  /** The pack version the coordinator reviewed; a newer pack is refused with 409 FACTS_CHANGED. */
  packVersion: z.number().int().min(1),
});

export const fileDownload = z.object({ url: z.string(), expiresInSeconds: z.number().int(), fileName: z.string(), fileVersion: z.string() });

export const safetyPackSummary = z.object({
  hostOrgId: z.string(),
  hostName: z.string(),
  packVersion: z.number().int(),
  insuranceExpiresOn: z.string().optional(),
  standing: clearanceStanding,
});
export const safetyPackList = z.object({ academicYear: z.string(), items: z.array(safetyPackSummary) });

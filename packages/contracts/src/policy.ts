// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import { email, localDate, localTime, longText, shortText, url } from './common.js';

/** One refusal ground a school publishes; every decline cites one by its id. */
export const refusalGround = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{2,40}$/, 'Use lower-case letters, digits and hyphens'),
  label: shortText,
  description: z.string().trim().max(1000).default(''),
});

export const accessTime = z.strictObject({
  weekdays: z.array(z.number().int().min(1).max(5)).min(1),
  start: localTime,
  end: localTime,
  note: z.string().trim().max(300).default(''),
});

/** Every element the 2025 statutory guidance requires of a provider access policy statement. */
export const policyInput = z.strictObject({
  contact: z.strictObject({ name: shortText, role: shortText, email, telephone: z.string().trim().min(6).max(30) }),
  requestProcedure: longText,
  grantingGrounds: longText,
  refusalGrounds: z.array(refusalGround).min(1).max(20),
  premisesAndFacilities: longText,
  accessTimes: z.array(accessTime).min(1).max(10),
  howWeMeetTheDuty: longText,
  safeguardingPolicyUrl: url,
  noticePeriodSchoolDays: z.number().int().min(0).max(60),
  minimumDurationMinutes: z.number().int().min(10).max(240).default(20),
  agreedByGovernorsOn: localDate,
  nextReviewOn: localDate,
  careersProgramme: z.strictObject({
    leaderName: shortText,
    leaderEmail: email,
    leaderTelephone: z.string().trim().min(6).max(30),
    summary: longText,
    impactMeasurement: longText,
    nextReviewOn: localDate,
  }),
});
export type PolicyInput = z.infer<typeof policyInput>;

export const policyVersion = policyInput.extend({
  version: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  publishedAt: z.string().optional(),
});

/** What anyone may read without signing in: the author's email stays private. */
export const publicPolicy = policyVersion.omit({ createdBy: true }).extend({
  school: z.object({ name: z.string(), urn: z.string(), address: z.string(), postcode: z.string() }),
});

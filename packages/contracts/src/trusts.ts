// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import { id, localDate, shortText } from './common.js';

/* Trusts and careers hubs (issue 14). */

export const groupKinds = ['trust', 'hub'] as const;
export const groupInput = z.strictObject({ kind: z.enum(groupKinds), name: shortText });
export const group = z.object({ id, kind: z.enum(groupKinds), name: z.string(), createdAt: z.string() });
export const groupInviteInput = z.strictObject({ schoolId: id });
export const groupSchool = z.object({
  groupId: id,
  groupName: z.string(),
  kind: z.enum(groupKinds),
  schoolId: id,
  schoolName: z.string(),
  status: z.enum(['invited', 'consented']),
  invitedAt: z.string(),
  invitedBy: z.string(),
  consentedAt: z.string().optional(),
  consentedBy: z.string().optional(),
});
export const groupSchoolList = z.object({ items: z.array(groupSchool) });

const phaseStatus = z.object({
  yearGroup: z.number().int(),
  phase: z.number().int(),
  status: z.enum(['MET', 'ON_TRACK', 'AT_RISK', 'MISSED']),
  deadline: localDate,
  windowState: z.enum(['not_started', 'open', 'closed']),
});
/** What a trust's lead sees of an academy: its status per phase, nothing else. */
export const trustSchool = z.strictObject({ schoolId: id, schoolName: z.string(), status: z.array(phaseStatus) });
/** What a hub's lead sees of an opted-in school: status per phase, refusals and concerns, nothing else. */
export const hubSchool = trustSchool.extend({
  refusals: z.array(z.strictObject({ date: localDate, providerName: z.string(), ground: z.string() })),
  concerns: z.array(z.string()),
});
export const groupOverview = z.object({
  group: z.object({ id, kind: z.enum(groupKinds), name: z.string() }),
  asOf: localDate,
  /** A hub's refusals are those of requests for events dated in this academic year (both days included). */
  refusalsPeriod: z.object({ academicYear: z.number().int(), label: z.string(), from: localDate, to: localDate }).optional(),
  schools: z.array(z.union([hubSchool, trustSchool])),
});
export const templatePushed = z.object({ items: z.array(z.object({ schoolId: id, schoolName: z.string(), draftVersion: z.number().int() })) });
export const myGroupList = z.object({ items: z.array(z.object({ groupId: id, groupName: z.string(), kind: z.enum(groupKinds), role: z.string() })) });

/* Get Information about Schools: the register's reference data (issue 14). */
export const giasImportResult = z.object({
  establishments: z.number().int(),
  open: z.number().int(),
  closed: z.number().int(),
  trusts: z.number().int(),
});
/** What the sign-up form fills in for a URN on the register. */
export const giasSchool = z.object({
  urn: z.string(),
  name: z.string(),
  open: z.boolean(),
  status: z.string(),
  type: z.string().optional(),
  phase: z.string().optional(),
  yearGroups: z.object({ from: z.number().int(), to: z.number().int() }).optional(),
  postcode: z.string().optional(),
  location: z.object({ latitude: z.number(), longitude: z.number() }).optional(),
  trustName: z.string().optional(),
  trustOnSchoolgate: z.boolean().optional(),
});

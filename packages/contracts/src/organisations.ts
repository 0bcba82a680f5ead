// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import { email, id, localDate, localTime, shortText, url, yearGroup } from './common.js';

export const providerTypes = [
  'fe_college',
  'sixth_form_college',
  'itp',
  'utc',
  'studio_school',
  'institute_of_technology',
  'university',
  'apprenticeship_provider',
  'other_school',
] as const;
export const offerings = ['apprenticeships', 't_levels', 'htqs', 'approved_technical_qualifications'] as const;
export const schoolRoles = ['careers_leader', 'staff', 'placement_coordinator'] as const;
export const partnerRoles = ['admin', 'staff'] as const;

const postcode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/, 'Enter a full UK postcode, like SW1A 1AA');
const location = z.strictObject({ latitude: z.number().min(49).max(61), longitude: z.number().min(-9).max(2.5) });
const notificationSettings = z.strictObject({
  contactEmail: email,
  reminderDaysBefore: z.array(z.number().int().min(1).max(60)).max(5),
});

export const yearGroupRange = z
  .strictObject({ from: yearGroup, to: yearGroup })
  .refine((range) => range.from <= range.to, { message: 'The first year group must not be after the last', path: ['to'] });

/** Roll per year group, keyed by year group number as a string ("1" … "13"). */
export const roll = z.record(z.string().regex(/^([1-9]|1[0-3])$/, 'Year groups are 1 to 13'), z.number().int().min(0).max(2000));

export const venue = z.strictObject({
  id: id.optional(),
  name: shortText,
  capacity: z.number().int().min(1).max(5000),
  facilities: z.array(shortText).max(30).default([]),
});

export const createSchool = z.strictObject({
  urn: z.string().regex(/^\d{6,7}$/, 'A URN is 6 or 7 digits'),
  name: shortText,
  address: z.string().trim().max(300).default(''),
  postcode,
  location: location.optional(),
  yearGroups: yearGroupRange,
  /** Roll per year group for the academic year starting in `rollYear` (e.g. 2026 for 2026/27). */
  rollYear: z.number().int().min(2020).max(2100).optional(),
  roll: roll.default({}),
  venues: z.array(venue).max(50).default([]),
  notifications: notificationSettings.partial().optional(),
});
export type CreateSchool = z.infer<typeof createSchool>;

/** Every field optional and none defaulted: a PATCH changes only what it names. */
export const updateSchool = z.strictObject({
  name: shortText.optional(),
  address: z.string().trim().max(300).optional(),
  postcode: postcode.optional(),
  location: location.optional(),
  yearGroups: yearGroupRange.optional(),
  rollYear: z.number().int().min(2020).max(2100).optional(),
  roll: roll.optional(),
  venues: z.array(venue).max(50).optional(),
  notifications: notificationSettings.partial().optional(),
});

export const createProvider = z.strictObject({
  ukprn: z.string().regex(/^1\d{7}$/, 'A UKPRN is 8 digits starting with 1'),
  name: shortText,
  providerType: z.enum(providerTypes),
  offers: z.array(z.enum(offerings)).max(offerings.length).default([]),
  address: z.string().trim().max(300).default(''),
  postcode,
  location: location.optional(),
  website: url.optional(),
  notifications: notificationSettings.partial().optional(),
});

/** A provider's or employer's own profile; every field optional and none defaulted. */
export const updatePartner = z.strictObject({
  name: shortText.optional(),
  address: z.string().trim().max(300).optional(),
  postcode: postcode.optional(),
  location: location.optional(),
  website: url.optional(),
  providerType: z.enum(providerTypes).optional(),
  offers: z.array(z.enum(offerings)).max(offerings.length).optional(),
  sector: shortText.optional(),
  companiesHouseNumber: z.string().regex(/^[A-Z0-9]{8}$/, 'A Companies House number is 8 characters').optional(),
  registeredApprenticeshipProvider: z.boolean().optional(),
  notifications: notificationSettings.partial().optional(),
});

export const createEmployer = z.strictObject({
  name: shortText,
  sector: shortText,
  companiesHouseNumber: z
    .string()
    .regex(/^[A-Z0-9]{8}$/, 'A Companies House number is 8 characters')
    .optional(),
  registeredApprenticeshipProvider: z.boolean().default(false),
  postcode,
  location: location.optional(),
  notifications: notificationSettings.partial().optional(),
});

export const organisationKinds = ['school', 'provider', 'employer'] as const;

export const organisation = z.object({
  id,
  kind: z.enum(organisationKinds),
  name: z.string(),
  verified: z.boolean(),
  postcode: z.string(),
  location: location.optional(),
  address: z.string().optional(),
  urn: z.string().optional(),
  yearGroups: yearGroupRange.optional(),
  rolls: z.record(z.string(), roll).optional(),
  venues: z.array(venue.required({ id: true })).optional(),
  ukprn: z.string().optional(),
  providerType: z.enum(providerTypes).optional(),
  offers: z.array(z.enum(offerings)).optional(),
  website: z.string().optional(),
  sector: z.string().optional(),
  companiesHouseNumber: z.string().optional(),
  registeredApprenticeshipProvider: z.boolean().optional(),
  /** While waiting for verification: since when (the verification queue's order). */
  waitingSince: z.string().optional(),
  notifications: notificationSettings,
  createdAt: z.string(),
});
export type Organisation = z.infer<typeof organisation>;

export const membership = z.object({
  orgId: id,
  orgName: z.string(),
  kind: z.enum(organisationKinds),
  role: z.string(),
  verified: z.boolean(),
});

export const me = z.object({
  userId: z.string(),
  email: z.string(),
  platformAdmin: z.boolean(),
  memberships: z.array(membership),
  invitations: z.array(z.object({ orgId: id, orgName: z.string(), role: z.string() })),
});

export const invite = z.strictObject({ email, role: z.string().min(1) });

/** School-day times: 24-hour HH:mm between 06:00 and 20:00 (a standard day, not a breakfast club or an evening). */
const schoolTime = localTime.refine((time) => time >= '06:00' && time <= '20:00', 'School day times must be between 06:00 and 20:00');
/** Monday = 1 … Friday = 5. */
export const schoolWeekday = z.number().int().min(1).max(5);
export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'] as const;

type Hours = { start: string; end: string };
type Issue = { path: (string | number)[]; message: string };

/**
 * Every problem with a calendar's week that zod's field shapes cannot see: days that end before
 * they start, a weekday set twice, and two year-group overrides naming the same year group for the
 * same weekday (an override without `weekdays` is for every weekday; one that names weekdays wins
 * over it on those weekdays, so those two never clash).
 */
export function calendarWeekIssues(input: {
  schoolDay: Hours;
  weekdayOverrides?: readonly (Hours & { weekday: number })[];
  yearGroupOverrides?: readonly (Hours & { yearGroups: readonly number[]; weekdays?: readonly number[] | undefined })[];
}): Issue[] {
  const issues: Issue[] = [];
  const endsAfterStart = (day: Hours, path: (string | number)[], what: string) => {
    if (day.end <= day.start) issues.push({ path: [...path, 'end'], message: `${what} must end after it starts` });
  };
  endsAfterStart(input.schoolDay, ['schoolDay'], 'The school day');
  const weekdaysSeen = new Map<number, number>();
  (input.weekdayOverrides ?? []).forEach((override, i) => {
    const name = WEEKDAY_NAMES[override.weekday - 1] ?? `Weekday ${override.weekday}`;
    endsAfterStart(override, ['weekdayOverrides', i], `${name}’s school day`);
    const earlier = weekdaysSeen.get(override.weekday);
    if (earlier !== undefined) issues.push({ path: ['weekdayOverrides', i, 'weekday'], message: `${name} already has its own hours (day ${earlier + 1} in the list)` });
    else weekdaysSeen.set(override.weekday, i);
  });
  // Who already holds a year group on a weekday: 'every' entries and named-weekday entries are kept apart.
  const holders = new Map<string, number>();
  (input.yearGroupOverrides ?? []).forEach((override, i) => {
    const years = override.yearGroups.length === 1 ? `Year ${override.yearGroups[0]}` : `Years ${override.yearGroups.join(', ')}`;
    endsAfterStart(override, ['yearGroupOverrides', i], `The day for ${years}`);
    if (new Set(override.yearGroups).size !== override.yearGroups.length) {
      issues.push({ path: ['yearGroupOverrides', i, 'yearGroups'], message: 'Name each year group once' });
    }
    const named = override.weekdays?.length ? override.weekdays : undefined;
    if (named && new Set(named).size !== named.length) issues.push({ path: ['yearGroupOverrides', i, 'weekdays'], message: 'Name each weekday once' });
    const clashes: string[] = [];
    for (const yearGroup of new Set(override.yearGroups)) {
      for (const weekday of new Set(named ?? [0])) {
        const key = `${yearGroup}:${weekday}`;
        const earlier = holders.get(key);
        if (earlier === undefined) holders.set(key, i);
        else clashes.push(`Year ${yearGroup}${weekday === 0 ? '' : ` on ${WEEKDAY_NAMES[weekday - 1]}`} (already in override ${earlier + 1})`);
      }
    }
    if (clashes.length) {
      issues.push({
        path: ['yearGroupOverrides', i, named ? 'weekdays' : 'yearGroups'],
        message: `Each year group can have only one set of hours per weekday: ${clashes.join(', ')}`,
      });
    }
  });
  return issues;
}

export const calendarInput = z
  .strictObject({
    terms: z.array(z.strictObject({ name: shortText, start: localDate, end: localDate })).max(30),
    closures: z
      .array(
        z.strictObject({
          name: shortText,
          kind: z.enum(['holiday', 'inset', 'other']),
          start: localDate,
          end: localDate,
        }),
      )
      .max(200),
    schoolDay: z.strictObject({ start: schoolTime, end: schoolTime }),
    /** Days that differ from the standard day for the whole school, e.g. an early finish on Fridays. */
    weekdayOverrides: z
      .array(z.strictObject({ weekday: schoolWeekday, start: schoolTime, end: schoolTime }))
      .max(5)
      .default([]),
    /**
     * Year groups whose day differs, e.g. Years 7–8 finish ten minutes earlier. Without `weekdays`
     * the hours are for every weekday and meet a whole-school weekday override by the later start
     * and the earlier end; with `weekdays` they are the year groups' hours on those days, as given.
     */
    yearGroupOverrides: z
      .array(
        z.strictObject({
          yearGroups: z.array(yearGroup).min(1).max(13),
          weekdays: z.array(schoolWeekday).min(1).max(5).optional(),
          start: schoolTime,
          end: schoolTime,
        }),
      )
      .max(40)
      .default([]),
  })
  .superRefine((calendar, ctx) => {
    for (const issue of calendarWeekIssues(calendar)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });
export type CalendarInput = z.infer<typeof calendarInput>;


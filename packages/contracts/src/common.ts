// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';

/** The years any date in Schoolgate can fall in; outside them a date is a typo or a probe. */
export const DATE_RANGE = { from: '2000-01-01', to: '2100-12-31' } as const;

/** A school-local date: a real calendar date, YYYY-MM-DD, from 2000 to 2100. Every date input uses it. */
export const localDate = z.iso
  .date()
  .refine((date) => date >= DATE_RANGE.from && date <= DATE_RANGE.to, { message: 'Use a date from 2000 to 2100' })
  .describe('A school-local date, YYYY-MM-DD, from 2000 to 2100');
export const localTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use 24-hour HH:mm, for example 09:15')
  .describe('A school-local time, HH:mm');
/** Years 1–13 (Reception excluded): all-through, middle and upper schools teach beyond 7–13; only 8–13 meet key phases. */
export const yearGroup = z.number().int().min(1, 'Year groups are 1 to 13').max(13, 'Year groups are 1 to 13');
export const id = z.string().min(1).max(64);
export const email = z.email().max(254);
export const shortText = z.string().trim().min(1).max(200);
export const longText = z.string().trim().min(1).max(5000);
export const url = z.url().max(500);

/** RFC 9457 problem details, with the fields and rule codes this API names. */
export const problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z
    .array(z.object({ field: z.string().optional(), code: z.string().optional(), message: z.string(), yearGroup: z.number().int().optional() }))
    .optional(),
});
export type Problem = z.infer<typeof problem>;

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** Every list takes a page size and the cursor the previous page gave (`nextCursor`). */
export const listPage = {
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(2000).optional(),
};

import * as z from 'zod';

/** Whether an organisation's private calendar feed is live (the URL itself is shown only when made). */
export const calendarFeedState = z.object({ live: z.boolean(), createdAt: z.string().optional() });

/** A new feed URL: shown once, never stored in the clear. Anyone with it can read the feed. */
export const calendarFeedCreated = z.object({ url: z.string(), createdAt: z.string() });

/** The feed's file name: a 43-character token (32 random bytes, base64url) and `.ics`. */
export const calendarFeedFile = z.strictObject({ file: z.string().regex(/^[A-Za-z0-9_-]{43}\.ics$/, 'A calendar feed address ends in a 43-character code and .ics') });

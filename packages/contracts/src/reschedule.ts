// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import { id, localDate, localTime } from './common.js';

/**
 * Reschedule (issue 15): propose a new date and time for a confirmed booking (the same slot at a
 * new time, or another of the school's slots), and the other side's answer.
 */
export const rescheduleInput = z
  .strictObject({
    date: localDate.optional(),
    start: localTime.optional(),
    end: localTime.optional(),
    slotId: id.optional().describe("Another of the school's open slots; its date and times unless given"),
    message: z.string().trim().max(2000).optional(),
  })
  .describe('Either a new date, start and end for the same slot, or another slot');
export type RescheduleInput = z.infer<typeof rescheduleInput>;

export const rescheduleAcceptInput = z.strictObject({ proposalId: id });
export const rescheduleDeclineInput = z.strictObject({ proposalId: id, reason: z.string().trim().min(1).max(2000) });

export const rescheduleProposal = z.object({
  id,
  bookingId: id,
  schoolId: id,
  requesterOrgId: id,
  proposedBy: z.enum(['school', 'requester']),
  bookingVersion: z.number().int(),
  date: localDate,
  start: localTime,
  end: localTime,
  slotId: id,
  venueName: z.string(),
  message: z.string().optional(),
  createdAt: z.string(),
});
export type RescheduleProposal = z.infer<typeof rescheduleProposal>;

/** Withdrawing a request: the reason the school is told (the web asks for it; older clients send none). */
export const withdrawInput = z.strictObject({ reason: z.string().trim().min(1).max(2000).optional() });

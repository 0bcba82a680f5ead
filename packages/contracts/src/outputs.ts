// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import { id, localDate, localTime } from './common.js';
import { calendarInput, organisation, organisationKinds } from './organisations.js';
import { policyVersion } from './policy.js';
import { auditEntry, booking, proposalInput, slot, slotFormats, violation } from './slots.js';
import { rescheduleProposal } from './reschedule.js';

/*
 * What the API answers where no input schema already says it. Declared per route in
 * functions/api/src/routes and published in the OpenAPI document; the web app's types mirror them.
 */

export const health = z.object({ status: z.enum(['ok', 'unavailable']), table: z.object({ status: z.string() }).optional() });

/** Confirmed statutory bookings that a change of facts broke, and why. */
export const affectedBooking = z.object({
  bookingId: id,
  schoolId: id,
  schoolName: z.string(),
  requesterName: z.string(),
  title: z.string(),
  date: localDate,
  start: localTime,
  end: localTime,
  violations: z.array(violation),
});
export const withAffectedBookings = { affectedBookings: z.array(affectedBooking) };

/** What anyone signed in may see of an organisation: no roll numbers, no notification settings. */
export const publicOrganisation = organisation.omit({ rolls: true, notifications: true });
/** One organisation by id: the whole record for members and platform admins, the public view for anyone else. */
export const organisationView = publicOrganisation.extend({
  rolls: organisation.shape.rolls,
  notifications: organisation.shape.notifications.optional(),
});
export const organisationChanged = organisation.extend(withAffectedBookings);
/** One page; `nextCursor` asks for the next (null on the last page). */
export const organisationList = z.object({ items: z.array(publicOrganisation), nextCursor: z.string().nullable() });

export const invitation = z.object({
  orgId: id,
  orgName: z.string(),
  kind: z.enum(organisationKinds),
  email: z.string(),
  role: z.string(),
  invitedBy: z.string(),
  createdAt: z.string(),
});
export const acceptedMembership = z.object({
  userId: z.string(),
  email: z.string(),
  orgId: id,
  orgName: z.string(),
  kind: z.enum(organisationKinds),
  role: z.string(),
  createdAt: z.string(),
});
export const memberList = z.object({ items: z.array(z.object({ email: z.string(), role: z.string(), since: z.string() })) });

export const calendarSaved = calendarInput.extend(withAffectedBookings);
/** A published policy, with the confirmed bookings its new rules (a longer minimum, say) break. */
export const policyPublished = policyVersion.extend(withAffectedBookings);
export const policyState = z.object({ draft: policyVersion.nullable(), published: policyVersion.nullable() });

const target = z.object({ yearGroup: z.number(), cohort: z.number(), phase: z.number().nullable() });
export const slotCheck = z.object({
  violations: z.array(violation),
  countsToward: z.array(target),
  targets: z.array(target.extend({ reason: z.string().optional(), explanation: z.string().optional() })),
});
/** One page; `nextCursor` asks for the next (null on the last page). */
export const slotList = z.object({ items: z.array(slot), nextCursor: z.string().nullable() });
/** A slot as providers and employers see it: places still to confirm, not the school's counts. */
export const searchSlot = slot.omit({ confirmedCount: true, pendingCount: true }).extend({ placesLeft: z.number().int() });
export const partnerOrSchoolSlot = z.union([slot, searchSlot]);
export const slotPage = z.object({ items: z.array(searchSlot), nextCursor: z.string().nullable() });

/** One page; `nextCursor` asks for the next (null on the last page). */
export const bookingList = z.object({ items: z.array(booking), nextCursor: z.string().nullable() });
export const bookingDetail = booking.extend({
  audit: z.array(auditEntry),
  /** Reschedule (issue 15): the pending proposal to move it, if any. */
  reschedule: rescheduleProposal.nullable().optional(),
});

export const proposal = proposalInput.extend({
  id,
  schoolId: id,
  schoolName: z.string().optional(),
  requesterOrgId: id,
  requesterName: z.string(),
  format: z.enum(slotFormats),
  status: z.enum(['proposed', 'accepted', 'declined']),
  slotId: z.string().optional(),
  declineGround: z.object({ id: z.string(), label: z.string() }).optional(),
  note: z.string().optional(),
  createdAt: z.string(),
});
/** One page; `nextCursor` asks for the next (null on the last page). */
export const proposalList = z.object({ items: z.array(proposal), nextCursor: z.string().nullable() });

const complianceEncounter = z.object({
  bookingId: id,
  providerName: z.string(),
  date: localDate,
  status: z.string(),
  title: z.string(),
  /** Recorded by the school (before joining, or off the platform), not booked. */
  recorded: z.boolean().optional(),
});
export const compliance = z.object({
  asOf: localDate,
  noLongerCounting: z.array(z.object({ bookingId: id, title: z.string(), date: localDate, providerName: z.string(), violations: z.array(violation) })),
  cohorts: z.array(
    z.object({
      cohort: z.number().int(),
      yearGroupNow: z.number().int(),
      phases: z.array(
        z.object({
          phase: z.number().int(),
          status: z.enum(['MET', 'ON_TRACK', 'AT_RISK', 'MISSED', 'NOT_APPLICABLE']),
          windowStart: localDate,
          deadline: localDate,
          deadlineReason: z.enum(['phase_window_ends', 'cohort_leaves']),
          deadlineExplanation: z.string(),
          windowEnd: localDate,
          windowState: z.enum(['not_started', 'open', 'closed']).optional(),
          providers: z.object({ delivered: z.array(z.string()), confirmed: z.array(z.string()) }),
          encounters: z.array(complianceEncounter),
          awaitingOutcome: z.array(complianceEncounter),
          missing: z.string().nullable(),
        }),
      ),
    }),
  ),
});

export const deliveryFailure = z.object({
  orgId: id,
  eventId: z.string(),
  recipient: z.string(),
  recipientName: z.string().optional(),
  recipientOrgId: z.string().optional(),
  eventKind: z.string(),
  messageKind: z.string(),
  bookingId: z.string().optional(),
  summary: z.string(),
  error: z.string(),
  errorName: z.string().optional(),
  failedAt: z.string(),
  status: z.enum(['failed', 'queued', 'resent']),
});
export const deliveryFailureList = z.object({ items: z.array(deliveryFailure) });
/** `recipient` is the email address, or `webhook:<endpointId>` for an undelivered webhook. */
export const resendInput = z.strictObject({
  eventId: z.string().min(1).max(200),
  recipient: z.union([z.email(), z.string().regex(/^webhook:[0-9A-Za-z]{1,64}$/, 'Use the email address or webhook:<endpointId>')]),
});
export const resendQueued = z.object({ status: z.literal('queued'), recipient: z.string() });
/** An iCalendar invite (RFC 5545), as text. */
export const icsText = z.string().describe('text/calendar (RFC 5545)');

import { DateTime } from 'luxon';
import type { BookingSnapshot, InvitationSnapshot, OutboxEvent, Party } from '@schoolgate/store';
import { SCHOOL_TIME_ZONE, londonDateTime, yearGroupsText, type InviteMethod } from '@schoolgate/calendar-files';
import type { EmailContent } from './templates.js';
import { composePlacementMessage, type PlacementMessageKind, type PlacementMessageSource } from './placement-messages.js';
import type { PlacementInviteData } from '@schoolgate/calendar-files';

/**
 * Every message the notifier can send. Only `reminder` can be switched off; the rest are
 * transactional and always go.
 */
export type MessageKind =
  | 'request-received'
  | 'request-withdrawn'
  | 'booking-confirmed'
  | 'school-booking-confirmed'
  | 'request-declined'
  | 'booking-cancelled-by-school'
  | 'booking-cancelled-by-requester'
  | 'cancellation-confirmed'
  | 'school-cancellation-recorded'
  | 'attendance-recorded'
  | 'reminder'
  | 'attendance-prompt'
  | 'invitation'
  | 'risk-alert'
  // A school's booking of an offer (issue 13): the school asks or withdraws, the host answers.
  | 'offer-booking-update'
  | 'policy-review'
  | 'insurance-expiring'
  // Work experience placements (issue 12): placement-messages.ts.
  | PlacementMessageKind;

/** The kinds about one booking of a slot or an offer (a BookingSnapshot). */
type BookingMessageKind = Exclude<MessageKind, 'invitation' | 'risk-alert' | 'policy-review' | 'insurance-expiring' | PlacementMessageKind>;

/** One cohort phase that turned AT_RISK close to its deadline. */
export interface RiskAlertItem {
  cohort: number;
  phase: number;
  /** Year groups the cohort is in now, for wording. */
  yearGroup: number;
  /** The school's deadline (yyyy-mm-dd): the phase window's end, or the day the cohort leaves the school if earlier. */
  deadline: string;
  /** Absent in alerts stored before it existed: read as the window's end. */
  deadlineReason?: 'phase_window_ends' | 'cohort_leaves';
  confirmed: number;
  required: number;
}

export interface RiskAlertSource {
  schoolId: string;
  schoolName: string;
  contactEmail: string;
  items: RiskAlertItem[];
}

/**
 * Everything needed to render one message again. Stored in a delivery-failure record so a resend
 * produces the same message, so it holds snapshots, not references.
 */
export type MessageSource =
  | { kind: BookingMessageKind; audience: 'school' | 'requester'; booking: BookingSnapshot; eventKind: string; daysBefore?: number }
  | { kind: 'invitation'; invitation: InvitationSnapshot; eventKind: string }
  | { kind: 'risk-alert'; alert: RiskAlertSource; eventKind: string }
  | { kind: 'policy-review'; review: PolicyReviewSource; eventKind: string }
  | { kind: 'insurance-expiring'; expiry: InsuranceExpirySource; eventKind: string }
  | PlacementMessageSource;

/** Evidence (issue 14): the school's provider access policy is due for review (30 days before) or overdue. */
export interface PolicyReviewSource {
  schoolId: string;
  schoolName: string;
  contactEmail: string;
  policyVersion: number;
  nextReviewOn: string;
  state: 'due' | 'overdue';
}

/** A host's employers' liability insurance running out (work experience safety pack). */
export interface InsuranceExpirySource {
  hostOrgId: string;
  hostName: string;
  insurer: string;
  policyNumber: string;
  expiresOn: string;
}

export interface Recipient {
  email: string;
  name: string;
  orgId?: string;
}

/** A message decided on but not yet rendered, with who caused it (and sees it if it fails). */
export interface PlannedMessage {
  source: MessageSource;
  recipient: Recipient;
  causingOrgId: string;
}

export interface ComposedMessage {
  recipient: Recipient;
  content: EmailContent;
  invite?: { method: InviteMethod; booking: BookingSnapshot } | { method: InviteMethod; placement: PlacementInviteData };
}

const partyRecipient = (party: Party): Recipient => ({ email: party.contactEmail, name: party.name, orgId: party.orgId });

/**
 * Who must hear about an outbox event, and what each of them gets. Pure; the sender renders and
 * sends. Which side caused it decides whose failure list a failed send appears on.
 *
 * @example
 * messagesForEvent({ eventId: 'e1', kind: 'booking.confirmed', occurredAt, booking })
 * // [{ source: { kind: 'booking-confirmed', audience: 'requester', ... }, recipient: requester, causingOrgId: schoolId }]
 */
export function messagesForEvent(event: OutboxEvent): PlannedMessage[] {
  if (event.kind === 'invitation.created') {
    const { invitation } = event;
    return [
      {
        source: { kind: 'invitation', invitation, eventKind: event.kind },
        recipient: { email: invitation.email, name: invitation.email },
        causingOrgId: invitation.orgId,
      },
    ];
  }
  const booking = event.booking;
  const school = booking.school;
  const requester = booking.requester;
  const toSchool = (kind: BookingMessageKind, causingOrgId: string): PlannedMessage => ({
    source: { kind, audience: 'school', booking, eventKind: event.kind },
    recipient: partyRecipient(school),
    causingOrgId,
  });
  const toRequester = (kind: BookingMessageKind, causingOrgId: string): PlannedMessage => ({
    source: { kind, audience: 'requester', booking, eventKind: event.kind },
    recipient: partyRecipient(requester),
    causingOrgId,
  });
  if (booking.offerId) {
    // The school books the host's offer and the host confirms: the first emails go the other way.
    if (event.kind === 'booking.requested' || event.kind === 'booking.withdrawn') return [toRequester('offer-booking-update', school.orgId)];
    if (event.kind === 'booking.declined') return [toSchool('offer-booking-update', requester.orgId)];
    if (event.kind === 'booking.confirmed' && booking.actorSide === 'requester') {
      return [toRequester('booking-confirmed', requester.orgId), toSchool('offer-booking-update', requester.orgId)];
    }
  }
  switch (event.kind) {
    case 'booking.requested':
      return [toSchool('request-received', requester.orgId)];
    case 'booking.withdrawn':
      return [toSchool('request-withdrawn', requester.orgId)];
    case 'booking.confirmed':
      // Both sides get the invite (same UID; the school organises, the requester attends).
      return [toRequester('booking-confirmed', school.orgId), toSchool('school-booking-confirmed', school.orgId)];
    case 'booking.declined':
      return [toRequester('request-declined', school.orgId)];
    case 'booking.cancelled':
      // Without an actor we assume the school: it is the side that can cancel for cause, and the
      // requester then still gets the calendar cancellation it needs.
      if (booking.actorSide === 'requester') {
        return [toSchool('booking-cancelled-by-requester', requester.orgId), toRequester('cancellation-confirmed', requester.orgId)];
      }
      return [toRequester('booking-cancelled-by-school', school.orgId), toSchool('school-cancellation-recorded', school.orgId)];
    case 'booking.delivered':
    case 'booking.not_delivered':
      return [toRequester('attendance-recorded', school.orgId)];
  }
}

/**
 * "Tuesday 3 March 2026, 09:00–09:30" in the school's time zone.
 *
 * @example
 * whenText(booking) // 'Tuesday 3 March 2026, 09:00–09:30'
 */
export function whenText(booking: Pick<BookingSnapshot, 'date' | 'start' | 'end'>): string {
  const start = londonDateTime(booking.date, booking.start).setLocale('en-GB');
  const end = londonDateTime(booking.date, booking.end).setLocale('en-GB');
  return `${start.toFormat('cccc d LLLL yyyy, HH:mm')}–${end.toFormat('HH:mm')}`;
}

function dayText(date: string): string {
  return DateTime.fromISO(date, { zone: SCHOOL_TIME_ZONE }).setLocale('en-GB').toFormat('d LLLL yyyy');
}

/**
 * The web app page for a booking, as each side sees it: the school's request/booking page (where it
 * decides, cancels or records attendance), or the requester's page for that booking under its own
 * organisation. Both carry the organisation ids, as the web app's routes do.
 */
export function bookingLink(webBaseUrl: string, audience: 'school' | 'requester', booking: Pick<BookingSnapshot, 'bookingId' | 'school' | 'requester'>): string {
  const id = encodeURIComponent(booking.bookingId);
  const schoolId = encodeURIComponent(booking.school.orgId);
  return audience === 'school'
    ? `${webBaseUrl}/schools/${schoolId}/bookings/${id}`
    : `${webBaseUrl}/organisations/${encodeURIComponent(booking.requester.orgId)}/bookings/${schoolId}/${id}`;
}

/** The page where a signed-in person sees the invitations sent to their address and accepts them. */
export const invitationsLink = (webBaseUrl: string) => `${webBaseUrl}/invitations`;

/** A school's compliance page. */
export const complianceLink = (webBaseUrl: string, schoolId: string) => `${webBaseUrl}/schools/${encodeURIComponent(schoolId)}/compliance`;

function bookingDetails(booking: BookingSnapshot, audience: 'school' | 'requester'): EmailContent['details'] {
  const details: EmailContent['details'] = [
    { label: 'When', value: `${whenText(booking)} (UK time)` },
    { label: 'Where', value: `${booking.venueName}, ${booking.schoolAddress}` },
    { label: 'Activity', value: `${booking.title} (${booking.format})` },
    { label: 'Audience', value: yearGroupsText(booking.yearGroups) },
    { label: 'Counts as', value: booking.statutory ? 'a statutory provider encounter' : 'a supplementary encounter' },
  ];
  if (audience === 'school') details.unshift({ label: 'Requested by', value: booking.requester.name });
  else details.unshift({ label: 'School', value: booking.school.name });
  return details;
}

const TRANSACTIONAL_REASON = 'Messages about requests, confirmations and cancellations always go to your organisation’s contact address.';

/**
 * Turns a planned message into the words of the email (and the invite it carries, if any).
 *
 * @example
 * const composed = composeMessage(planned, 'https://schoolgate.example');
 */
export function composeMessage(planned: Pick<PlannedMessage, 'source' | 'recipient'>, webBaseUrl: string): ComposedMessage {
  const { source, recipient } = planned;
  if (source.kind === 'invitation') {
    const { invitation } = source;
    return {
      recipient,
      content: {
        subject: `You’re invited to join ${invitation.orgName} on Schoolgate`,
        heading: `Join ${invitation.orgName} on Schoolgate`,
        lead: `${invitation.invitedBy} invited you to join ${invitation.orgName} on Schoolgate as ${articled(invitation.role)}.`,
        details: [
          { label: 'Organisation', value: invitation.orgName },
          { label: 'Role', value: invitation.role },
          { label: 'Invited by', value: invitation.invitedBy },
        ],
        paragraphs: ['Sign in or create an account with this email address to accept.'],
        action: { href: invitationsLink(webBaseUrl), text: `Accept the invitation to ${invitation.orgName}` },
        reason: `You get this email because someone at ${invitation.orgName} entered this address. If you were not expecting it, you can ignore it.`,
      },
    };
  }
  if (source.kind === 'risk-alert') return { recipient, content: riskAlertContent(source.alert, webBaseUrl) };
  if (source.kind === 'policy-review') return { recipient, content: policyReviewContent(source.review, webBaseUrl) };
  if (source.kind === 'insurance-expiring') return { recipient, content: insuranceExpiryContent(source.expiry, webBaseUrl) };
  if ('placement' in source) return composePlacementMessage(source, recipient, webBaseUrl);

  const { booking, audience } = source;
  const school = booking.school.name;
  const requester = booking.requester.name;
  const when = whenText(booking);
  const day = dayText(booking.date);
  const details = bookingDetails(booking, audience);
  const action = {
    href: bookingLink(webBaseUrl, audience, booking),
    text: audience === 'school' ? `Open the request from ${requester}` : `Open your booking at ${school}`,
  };
  const withReason = (label: string, value: string | undefined) => (value ? [...details, { label, value }] : details);

  switch (source.kind) {
    case 'offer-booking-update': {
      const words: Record<string, [string, string]> = {
        requested: ['New booking of your offer', `${school} booked ${booking.title} on ${when}. Confirm or decline it in Schoolgate.`],
        withdrawn: ['Booking withdrawn', `${school} withdrew its booking of ${booking.title} on ${when}.`],
        confirmed: ['Booking confirmed', `${requester} confirmed your booking of ${booking.title} on ${when}.`],
        declined: ['Booking declined', `${requester} declined your booking of ${booking.title} on ${when}.`],
      };
      const [heading, lead] = words[booking.status] ?? ['Booking updated', `${booking.title} on ${when} is now ${booking.status}.`];
      return {
        recipient,
        content: {
          subject: `${heading}: ${booking.title} on ${day}`,
          heading,
          lead,
          details: withReason(booking.status === 'declined' ? 'Reason' : 'Message', booking.status === 'declined' ? booking.reason : booking.message),
          paragraphs: [],
          action,
          reason: `You get this email because you are the contact for ${audience === 'school' ? school : requester} on Schoolgate. ${TRANSACTIONAL_REASON}`,
        },
      };
    }
    case 'request-received':
      return {
        recipient,
        content: {
          subject: `New request: ${requester} for ${booking.title} on ${day}`,
          heading: 'New booking request',
          lead: `New request: ${requester} asks to take part in ${booking.title} at ${school} on ${when}.`,
          details: [
            ...details,
            ...(booking.accompanyingEmployer ? [{ label: 'Bringing an employer', value: booking.accompanyingEmployer }] : []),
            ...(booking.message ? [{ label: 'Message from the requester', value: booking.message }] : []),
          ],
          paragraphs: ['Approve or decline it in Schoolgate. The requester hears from us as soon as you do.'],
          action: { ...action, text: `Review the request from ${requester}` },
          reason: `You get this email because you are the contact for ${school} on Schoolgate. ${TRANSACTIONAL_REASON}`,
        },
      };
    case 'request-withdrawn':
      return {
        recipient,
        content: {
          subject: `Withdrawn: ${requester}’s request for ${booking.title} on ${day}`,
          heading: 'Request withdrawn',
          lead: `Withdrawn: ${requester} withdrew their request for ${booking.title} at ${school} on ${when}.`,
          details: withReason('Reason given', booking.reason),
          paragraphs: ['You do not need to do anything. The place is open to other requests again.'],
          action,
          reason: `You get this email because you are the contact for ${school} on Schoolgate. ${TRANSACTIONAL_REASON}`,
        },
      };
    case 'booking-confirmed':
      return {
        recipient,
        content: {
          subject: `Confirmed: ${booking.title} at ${school} on ${day}`,
          heading: 'Booking confirmed',
          lead: `Confirmed: your ${booking.title} at ${school} on ${when}.`,
          details: [...details, { label: 'School contact', value: booking.school.contactEmail }],
          paragraphs: [
            'The calendar invitation attached to this email adds the booking to your calendar. If the booking changes, you will get an updated invitation that replaces it.',
          ],
          action,
          reason: `You get this email because ${requester} requested this booking on Schoolgate. ${TRANSACTIONAL_REASON}`,
        },
        invite: { method: 'REQUEST', booking },
      };
    case 'request-declined':
      return {
        recipient,
        content: {
          subject: `Declined: ${booking.title} at ${school} on ${day}`,
          heading: 'Request declined',
          lead: `Declined: ${school} declined your request for ${booking.title} on ${when}.`,
          details: [
            ...details,
            ...(booking.declineGround ? [{ label: 'Reason', value: booking.declineGround }] : []),
            ...(booking.note ? [{ label: 'Note from the school', value: booking.note }] : []),
          ],
          paragraphs: ['You can look for other dates at this school or others in Schoolgate.'],
          action,
          reason: `You get this email because ${requester} requested this booking on Schoolgate. ${TRANSACTIONAL_REASON}`,
        },
      };
    case 'booking-cancelled-by-school':
      return {
        recipient,
        content: {
          subject: `Cancelled by the school: ${booking.title} at ${school} on ${day}`,
          heading: 'Booking cancelled by the school',
          lead: `Cancelled: ${school} cancelled your ${booking.title} on ${when}.`,
          details: withReason('Reason', booking.reason),
          paragraphs: ['The calendar update attached to this email removes the booking from your calendar.'],
          action,
          reason: `You get this email because ${requester} had this booking on Schoolgate. ${TRANSACTIONAL_REASON}`,
        },
        invite: { method: 'CANCEL', booking },
      };
    case 'booking-cancelled-by-requester':
      return {
        recipient,
        content: {
          subject: `Cancelled by ${requester}: ${booking.title} on ${day}`,
          heading: `Booking cancelled by ${requester}`,
          lead: `Cancelled: ${requester} cancelled their ${booking.title} at ${school} on ${when}.`,
          details: withReason('Reason given', booking.reason),
          paragraphs: [
            'The place is open to other requests again. If this encounter counted toward a key phase, check your compliance page.',
            'The calendar update attached to this email removes the booking from your calendar.',
          ],
          action,
          reason: `You get this email because you are the contact for ${school} on Schoolgate. ${TRANSACTIONAL_REASON}`,
        },
        invite: { method: 'CANCEL', booking },
      };
    case 'school-booking-confirmed':
      return {
        recipient,
        content: {
          subject: `Confirmed: ${booking.title} with ${requester} on ${day}`,
          heading: 'Booking confirmed',
          lead: `Confirmed: ${requester} is coming to ${booking.title} on ${when}.`,
          details: [...details, { label: `${requester} contact`, value: booking.requester.contactEmail }],
          paragraphs: [
            'The calendar invitation attached to this email adds the booking to your calendar. If the booking changes, you will get an updated invitation that replaces it.',
          ],
          action: { ...action, text: `Open the booking with ${requester}` },
          reason: `You get this email because you are the contact for ${school} on Schoolgate. ${TRANSACTIONAL_REASON}`,
        },
        invite: { method: 'REQUEST', booking },
      };
    case 'school-cancellation-recorded':
      return {
        recipient,
        content: {
          subject: `You cancelled: ${booking.title} with ${requester} on ${day}`,
          heading: 'Your cancellation is recorded',
          lead: `Cancelled: ${booking.title} with ${requester} on ${when} is cancelled, and ${requester} has been told.`,
          details: withReason('Reason given', booking.reason),
          paragraphs: ['The calendar update attached to this email removes the booking from your calendar.'],
          action: { ...action, text: `Open the booking with ${requester}` },
          reason: `You get this email because you are the contact for ${school} on Schoolgate. ${TRANSACTIONAL_REASON}`,
        },
        invite: { method: 'CANCEL', booking },
      };
    case 'cancellation-confirmed':
      return {
        recipient,
        content: {
          subject: `You cancelled: ${booking.title} at ${school} on ${day}`,
          heading: 'Your cancellation is recorded',
          lead: `Cancelled: your ${booking.title} at ${school} on ${when} is cancelled, and the school has been told.`,
          details: withReason('Reason given', booking.reason),
          paragraphs: ['The calendar update attached to this email removes the booking from your calendar.'],
          action,
          reason: `You get this email because ${requester} cancelled this booking on Schoolgate. ${TRANSACTIONAL_REASON}`,
        },
        invite: { method: 'CANCEL', booking },
      };
    case 'attendance-recorded': {
      const delivered = booking.status === 'delivered';
      return {
        recipient,
        content: {
          subject: `${delivered ? 'Recorded as delivered' : 'Recorded as not delivered'}: ${booking.title} at ${school} on ${day}`,
          heading: delivered ? 'Encounter recorded as delivered' : 'Encounter recorded as not delivered',
          lead: `${school} recorded your ${booking.title} on ${when} as ${delivered ? 'delivered' : 'not delivered'}.`,
          details: withReason('Note from the school', booking.note),
          paragraphs: [`If you think this is wrong, contact the school at ${booking.school.contactEmail}.`],
          action,
          reason: `You get this email because ${requester} had this booking on Schoolgate. ${TRANSACTIONAL_REASON}`,
        },
      };
    }
    case 'reminder': {
      const days = source.daysBefore ?? 0;
      const inDays = days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
      const party = audience === 'school' ? booking.school : booking.requester;
      return {
        recipient,
        content: {
          subject: `Reminder: ${booking.title} ${audience === 'school' ? `with ${requester}` : `at ${school}`} on ${day}`,
          heading: 'Reminder of an upcoming encounter',
          lead:
            audience === 'school'
              ? `Reminder: ${requester} comes to ${school} for ${booking.title} ${inDays}, on ${when}.`
              : `Reminder: your ${booking.title} at ${school} is ${inDays}, on ${when}.`,
          details,
          paragraphs: [audience === 'school' ? 'Check the venue is booked and the year groups know.' : `If you cannot come, cancel in Schoolgate so the school can plan; the school contact is ${booking.school.contactEmail}.`],
          action,
          reason: `You get this email because ${party.name} asks for reminders ${daysBeforeText(party.reminderDaysBefore)} before each booking. You can switch reminders off in your organisation’s settings; confirmations and cancellations are always sent.`,
        },
      };
    }
    case 'attendance-prompt':
      return {
        recipient,
        content: {
          subject: `Record attendance: ${booking.title} with ${requester} on ${day}`,
          heading: 'Please record attendance',
          lead: `Did ${requester} deliver ${booking.title} at ${school} on ${when}? Record whether it took place.`,
          details,
          paragraphs: ['Only encounters recorded as delivered count toward your provider access duty.'],
          action: { ...action, text: `Record attendance for ${booking.title} with ${requester}` },
          reason: `You get this email because you are the contact for ${school} on Schoolgate and this booking has no attendance record yet.`,
        },
      };
  }
}

function riskAlertContent(alert: RiskAlertSource, webBaseUrl: string): EmailContent {
  const first = alert.items[0];
  const soonest = alert.items.map((item) => item.deadline).sort()[0] ?? '';
  return {
    subject:
      alert.items.length === 1 && first
        ? `At risk: Year ${first.yearGroup} provider encounters at ${alert.schoolName} (deadline ${dayText(first.deadline)})`
        : `At risk: ${alert.items.length} key phases at ${alert.schoolName} (first deadline ${dayText(soonest)})`,
    heading: 'Provider encounters at risk',
    lead: `At risk: ${alert.schoolName} may not give every pupil the provider encounters the law requires before the deadline.`,
    details: alert.items.map((item) => ({
      label: `Year ${item.yearGroup} (key phase ${item.phase})`,
      value: `${item.confirmed} of ${item.required} encounters confirmed; deadline ${dayText(item.deadline)}${item.deadlineReason === 'cohort_leaves' ? ', when these pupils leave the school (before the key phase ends)' : ''}`,
    })),
    paragraphs: ['Publish more slots or invite providers to propose dates. The deadline is six weeks away or less.'],
    action: { href: complianceLink(webBaseUrl, alert.schoolId), text: `Open the compliance page for ${alert.schoolName}` },
    reason: `You get this email because you are the contact for ${alert.schoolName} on Schoolgate. We send it once per key phase.`,
  };
}

function insuranceExpiryContent(expiry: InsuranceExpirySource, webBaseUrl: string): EmailContent {
  return {
    subject: `Your employers’ liability insurance expires on ${dayText(expiry.expiresOn)}`,
    heading: 'Insurance expiring soon',
    lead: `${expiry.hostName}’s employers’ liability insurance in its Schoolgate safety pack expires on ${dayText(expiry.expiresOn)}.`,
    details: [
      { label: 'Insurer', value: expiry.insurer },
      { label: 'Policy number', value: expiry.policyNumber },
      { label: 'Expires', value: dayText(expiry.expiresOn) },
    ],
    paragraphs: [
      'Schools cannot confirm work experience days after the expiry date until you upload the renewed certificate.',
      'Uploading it changes your safety pack, so each school reviews it again before confirming.',
    ],
    action: { href: `${webBaseUrl}/organisations/${encodeURIComponent(expiry.hostOrgId)}/safety-pack`, text: 'Update your safety pack' },
    reason: `You get this email because you are the contact for ${expiry.hostName} on Schoolgate. We send it once for each expiry date, 30 days before.`,
  };
}

/** [7] → "7 days", [1] → "1 day", [7, 1] → "7 and 1 days". */
function daysBeforeText(days: number[]): string {
  const sorted = [...days].sort((a, b) => b - a);
  const unit = sorted.length === 1 && sorted[0] === 1 ? 'day' : 'days';
  const list = sorted.length <= 1 ? sorted.join('') : `${sorted.slice(0, -1).join(', ')} and ${sorted[sorted.length - 1]}`;
  return `${list} ${unit}`;
}

function articled(role: string): string {
  return /^[aeiou]/i.test(role) ? `an ${role}` : `a ${role}`;
}

function policyReviewContent(review: PolicyReviewSource, webBaseUrl: string): EmailContent {
  const when = dayText(review.nextReviewOn);
  return {
    subject:
      review.state === 'overdue'
        ? `Overdue: review ${review.schoolName}'s provider access policy (was due ${when})`
        : `Due ${when}: review ${review.schoolName}'s provider access policy`,
    heading: 'Provider access policy review',
    lead:
      review.state === 'overdue'
        ? `The provider access policy of ${review.schoolName} was due for review on ${when}.`
        : `The provider access policy of ${review.schoolName} is due for review on ${when}.`,
    details: [
      { label: 'Published version', value: String(review.policyVersion) },
      { label: 'Next review', value: when },
    ],
    paragraphs: [
      'The statutory guidance asks the careers leader to review the policy every year and agree it with the governing body. Save the reviewed policy with the new date agreed and next review date, then publish it.',
    ],
    action: { href: `${webBaseUrl.replace(/\/$/, '')}/schools/${encodeURIComponent(review.schoolId)}/policy`, text: `Review the policy of ${review.schoolName}` },
    reason: `You get this email because you are the contact for ${review.schoolName} on Schoolgate. We send it once for each review date, 30 days before it.`,
  };
}

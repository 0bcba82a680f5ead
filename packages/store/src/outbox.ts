import { unmarshall } from '@aws-sdk/util-dynamodb';
import { keys } from './keys.js';

/**
 * What happened, as the notifier needs to tell people about it. Each event is a snapshot taken in
 * the transaction that made the change, so an email never shows a state the booking never had.
 */
export type OutboxEventKind =
  | 'booking.requested'
  | 'booking.confirmed'
  | 'booking.declined'
  | 'booking.withdrawn'
  | 'booking.cancelled'
  | 'booking.delivered'
  | 'booking.not_delivered'
  // reschedule (issue 15): a move proposed, accepted (the booking moved) or declined
  | 'booking.reschedule_proposed'
  | 'booking.rescheduled'
  | 'booking.reschedule_declined'
  // a change of one side's facts (calendar, roll, venues, what a provider offers) broke a confirmed booking
  | 'booking.facts_changed'
  | 'invitation.created';

export interface Party {
  orgId: string;
  name: string;
  /** Where this organisation's transactional email goes. */
  contactEmail: string;
  /** Days before an event on which reminders go; empty switches reminders off. */
  reminderDaysBefore: number[];
}

export interface BookingSnapshot {
  bookingId: string;
  slotId: string;
  status: string;
  /** School-local date and times (Europe/London). */
  date: string;
  start: string;
  end: string;
  title: string;
  format: string;
  yearGroups: number[];
  statutory: boolean;
  venueName: string;
  schoolAddress: string;
  school: Party;
  requester: Party;
  /** iCalendar SEQUENCE: goes up on every change the attendee should see. */
  icsSequence: number;
  /** What the requester wrote to the school with the request. */
  message?: string;
  /** The employer the provider brings with it, if any. */
  accompanyingEmployer?: string;
  declineGround?: string;
  note?: string;
  reason?: string;
  /** Set when the school booked a provider's or employer's offer: the host confirms, so the emails go the other way. */
  offerId?: string;
  /** Which side acted, for wording ("cancelled by the school"). */
  actorSide?: 'school' | 'requester';
  /** Reschedule (issue 15): the time proposed (a proposal, or its decline with the reason). */
  reschedule?: { date: string; start: string; end: string; venueName: string; proposedBy: 'school' | 'requester'; message?: string; declineReason?: string };
  /** Issue 15: whose change of facts broke the booking, and the rules it no longer meets. */
  factsChanged?: { by: 'school' | 'requester'; reasons: string[] };
  /** Reschedule (issue 15): where the booking was before it moved. */
  previous?: { date: string; start: string; end: string };
}

export interface InvitationSnapshot {
  orgId: string;
  orgName: string;
  email: string;
  role: string;
  invitedBy: string;
}

/** Someone asked to send a failed message again; the stream consumer (which may use SES) does it. */
export interface ResendRequest {
  orgId: string;
  failedEventId: string;
  recipient: string;
  requestedBy: string;
}

/** A provider's proposed time (issue 15: proposals made, accepted and declined are told by email). */
export type ProposalEventKind = 'proposal.made' | 'proposal.accepted' | 'proposal.declined';

export interface ProposalSnapshot {
  proposalId: string;
  date: string;
  start: string;
  end: string;
  yearGroups: number[];
  format: string;
  message: string;
  school: Party;
  requester: Party;
  /** Set when accepted: the slot it became, which the proposer now requests. */
  slotId?: string;
  declineGround?: string;
  note?: string;
}

export type OutboxEvent =
  | { eventId: string; kind: Exclude<OutboxEventKind, 'invitation.created'>; occurredAt: string; booking: BookingSnapshot }
  | { eventId: string; kind: ProposalEventKind; occurredAt: string; proposal: ProposalSnapshot }
  | { eventId: string; kind: 'invitation.created'; occurredAt: string; invitation: InvitationSnapshot };

/** Outbox items that ask the consumer to act rather than announce a change. */
export type OutboxCommand = { eventId: string; kind: 'delivery.resend'; occurredAt: string; resend: ResendRequest };

/** How long a sent event is kept for inspection before DynamoDB's TTL removes it. */
const OUTBOX_RETENTION_SECONDS = 14 * 24 * 3600;

/** The item to Put in the same TransactWriteItems as the change it announces. */
export function outboxItem(event: OutboxEvent | OutboxCommand): Record<string, unknown> {
  return {
    ...keys.outbox(event.eventId),
    type: 'outbox',
    kind: event.kind,
    occurredAt: event.occurredAt,
    event,
    expiresAt: Math.floor(Date.parse(event.occurredAt) / 1000) + OUTBOX_RETENTION_SECONDS,
  };
}

/** A stream record's image as DynamoDB Streams delivers it (attribute values in DynamoDB JSON). */
export type StreamImage = Parameters<typeof unmarshall>[0];

/**
 * The outbox event or command a stream record's new image holds, or undefined when the item is
 * not an outbox item (the reverse of {@link outboxItem}).
 *
 * @example
 * const outbox = record.eventName === 'INSERT' && record.dynamodb?.NewImage ? outboxOfImage(record.dynamodb.NewImage as StreamImage) : undefined;
 */
export function outboxOfImage(image: StreamImage): OutboxEvent | OutboxCommand | undefined {
  const item = unmarshall(image);
  if (item.type !== 'outbox' || typeof item.event !== 'object' || item.event === null) return undefined;
  return item.event as OutboxEvent | OutboxCommand;
}

import { DateTime } from 'luxon';
import { getOrganisation, getPlacement, type Db, type Party, type PlacementEvent } from '@schoolgate/store';
import { placementInviteFrom, SCHOOL_TIME_ZONE, yearGroupsText, type PlacementInviteData } from '@schoolgate/calendar-files';
import type { ComposedMessage, PlannedMessage, Recipient } from './messages.js';

/**
 * Work experience placement emails (issue 12): the outbox's `placement.*` events and the daily
 * reminder before a placement's first day. One email per recipient: on the school's side its
 * contact address and whoever asked for the placement; on the host's, its contact address and the
 * placement's supervisor. A confirmation carries a calendar invite of the booked days (one UID per
 * booking, SEQUENCE = the booking's version), a cancellation the CANCEL of the same UID.
 */

export type PlacementMessageKind = 'placement-requested' | 'placement-confirmed' | 'placement-declined' | 'placement-withdrawn' | 'placement-cancelled' | 'placement-reminder';

/** A placement booking with both sides' contacts, as read when the event is delivered: kept whole in a failure so a resend says the same. */
export type PlacementSnapshot = PlacementEvent['placement'] & {
  school: Party;
  host: Party;
  /** The school side's recipients (contact address, the person who asked), lower case, no repeats. */
  schoolContacts: string[];
  /** The host side's recipients (contact address, the placement's supervisor). */
  hostContacts: string[];
};

export interface PlacementMessageSource {
  kind: PlacementMessageKind;
  audience: 'school' | 'host';
  placement: PlacementSnapshot;
  eventKind: string;
  daysBefore?: number;
}

const partyOf = (org: { id: string; name: string; notifications: { contactEmail: string; reminderDaysBefore: number[] } }): Party => ({
  orgId: org.id,
  name: org.name,
  contactEmail: org.notifications.contactEmail,
  reminderDaysBefore: org.notifications.reminderDaysBefore,
});

const unique = (emails: Array<string | undefined>) => [...new Set(emails.filter((e): e is string => !!e).map((e) => e.trim().toLowerCase()))];

/**
 * Both sides of a placement booking, read (consistently) when its email goes: the school and the
 * host organisations' contact settings and the placement's supervisor. Undefined when either
 * organisation is gone.
 *
 * @example
 * const snapshot = await placementSnapshot(deps.db, event.placement);
 */
export async function placementSnapshot(db: Db, data: PlacementEvent['placement']): Promise<PlacementSnapshot | undefined> {
  const [school, host, offer] = await Promise.all([getOrganisation(db, data.schoolId), getOrganisation(db, data.hostOrgId), getPlacement(db, data.hostOrgId, data.placementId)]);
  if (!school || !host) return undefined;
  return {
    ...data,
    school: partyOf(school),
    host: partyOf(host),
    schoolContacts: unique([school.notifications.contactEmail, data.requestedBy]),
    hostContacts: unique([host.notifications.contactEmail, offer?.supervisor.email]),
  };
}

/**
 * Who hears of a placement event, one message each: a request and a withdrawal go to the host; a
 * confirmation (with the invite) and a cancellation (with the CANCEL) to both sides; a decline,
 * with the host's reason, to the school. The side that acted is the one whose failure list shows
 * a failed send.
 *
 * @example
 * placementMessagesFor('placement.confirmed', snapshot) // one per school contact and host contact
 */
export function placementMessagesFor(kind: PlacementEvent['kind'], placement: PlacementSnapshot): PlannedMessage[] {
  const to = (audience: 'school' | 'host', messageKind: PlacementMessageKind, causingOrgId: string): PlannedMessage[] =>
    (audience === 'school' ? placement.schoolContacts : placement.hostContacts).map((email) => ({
      source: { kind: messageKind, audience, placement, eventKind: kind },
      recipient: { email, name: audience === 'school' ? placement.school.name : placement.host.name, orgId: audience === 'school' ? placement.school.orgId : placement.host.orgId },
      causingOrgId,
    }));
  const school = placement.school.orgId;
  const host = placement.host.orgId;
  switch (kind) {
    case 'placement.requested':
      return to('host', 'placement-requested', school);
    case 'placement.withdrawn':
      return to('host', 'placement-withdrawn', school);
    case 'placement.declined':
      return to('school', 'placement-declined', host);
    case 'placement.confirmed':
      return [...to('school', 'placement-confirmed', host), ...to('host', 'placement-confirmed', host)];
    case 'placement.cancelled': {
      const by = placement.cancelledBy === 'host' ? host : school;
      return [...to('school', 'placement-cancelled', by), ...to('host', 'placement-cancelled', by)];
    }
  }
}

/** The invite's view of a snapshot: the host organises, the school attends. */
export const placementInviteData = (placement: PlacementSnapshot): PlacementInviteData =>
  placementInviteFrom(placement, { name: placement.host.name, email: placement.host.contactEmail }, { name: placement.school.name, email: placement.school.contactEmail });

/**
 * The web page where each side sees this booking, scrolled to it: the school's work experience
 * page, or the host's.
 */
export function placementLink(webBaseUrl: string, audience: 'school' | 'host', placement: Pick<PlacementSnapshot, 'id' | 'schoolId' | 'hostOrgId'>): string {
  const anchor = `#placement-${encodeURIComponent(placement.id)}`;
  return audience === 'school'
    ? `${webBaseUrl}/schools/${encodeURIComponent(placement.schoolId)}/work-experience${anchor}`
    : `${webBaseUrl}/organisations/${encodeURIComponent(placement.hostOrgId)}/work-experience${anchor}`;
}

const dayText = (date: string) => DateTime.fromISO(date, { zone: SCHOOL_TIME_ZONE }).setLocale('en-GB').toFormat('cccc d LLLL yyyy');

/** "Monday 14 June 2027", "Monday 14 to Friday 18 June 2027 (5 days)", or the days listed. */
export function placementDaysText(days: readonly string[]): string {
  if (days.length === 1) return dayText(days[0]!);
  return `${days.map(dayText).join('; ')} (${days.length} days)`;
}

const TRANSACTIONAL = 'Messages about requests, confirmations and cancellations always go to your organisation’s contact address.';

/**
 * The words of one placement email, and the invite it carries.
 *
 * @example
 * const composed = composePlacementMessage(planned.source, planned.recipient, 'https://schoolgate.example');
 */
export function composePlacementMessage(source: PlacementMessageSource, recipient: Recipient, webBaseUrl: string): ComposedMessage {
  const { placement: p, audience } = source;
  const school = p.school.name;
  const host = p.host.name;
  const first = dayText(p.days[0]!);
  const pupils = `${p.pupilCount} ${p.pupilCount === 1 ? 'pupil' : 'pupils'} (${yearGroupsText(p.yearGroups)})`;
  const details: ComposedMessage['content']['details'] = [
    audience === 'school' ? { label: 'Host', value: host } : { label: 'School', value: school },
    { label: 'Placement', value: p.title },
    { label: 'Days', value: placementDaysText(p.days) },
    { label: 'Hours', value: `${p.dailyStart}–${p.dailyEnd} each day (UK time)` },
    { label: 'Where', value: `${p.address}, ${p.postcode}` },
    { label: 'Pupils', value: pupils },
  ];
  const action = { href: placementLink(webBaseUrl, audience, p), text: audience === 'school' ? `Open your placements with ${host}` : `Open the placement request from ${school}` };
  const reason = `You get this email because you are a contact for ${audience === 'school' ? school : host} on Schoolgate for this placement. ${TRANSACTIONAL}`;
  const invite = { method: 'REQUEST' as const, placement: placementInviteData(p) };
  const cancelInvite = { method: 'CANCEL' as const, placement: placementInviteData(p) };
  switch (source.kind) {
    case 'placement-requested':
      return {
        recipient,
        content: {
          subject: `New placement request: ${school} for ${p.title} from ${first}`,
          heading: 'New work experience request',
          lead: `${school} asks for ${pupils} on ${p.title}, starting ${first}.`,
          details: [...details, ...(p.message ? [{ label: 'Message from the school', value: p.message }] : [])],
          paragraphs: ['Confirm or decline it in Schoolgate. The pupils’ names are shown to you once you confirm.'],
          action,
          reason,
        },
      };
    case 'placement-withdrawn':
      return {
        recipient,
        content: {
          subject: `Withdrawn: ${school}’s placement request for ${p.title}`,
          heading: 'Placement request withdrawn',
          lead: `${school} withdrew its request for ${p.title} starting ${first}.`,
          details,
          paragraphs: ['You do not need to do anything.'],
          action,
          reason,
        },
      };
    case 'placement-declined':
      return {
        recipient,
        content: {
          subject: `Declined: ${p.title} with ${host} from ${first}`,
          heading: 'Placement request declined',
          lead: `${host} declined your request for ${p.title} starting ${first}.`,
          details: [...details, ...(p.declineReason ? [{ label: 'Reason', value: p.declineReason }] : [])],
          paragraphs: ['You can look for other placements in Schoolgate.'],
          action,
          reason,
        },
      };
    case 'placement-confirmed':
      return {
        recipient,
        content: {
          subject: `Confirmed: ${p.title} ${audience === 'school' ? `with ${host}` : `for ${school}`} from ${first}`,
          heading: 'Work experience placement confirmed',
          lead: audience === 'school' ? `Confirmed: ${host} hosts ${pupils} on ${p.title}, starting ${first}.` : `Confirmed: you host ${pupils} from ${school} on ${p.title}, starting ${first}.`,
          details: [...details, audience === 'school' ? { label: `${host} contact`, value: p.host.contactEmail } : { label: `${school} contact`, value: p.school.contactEmail }],
          paragraphs: ['The calendar invitation attached to this email adds the placement’s days to your calendar. If it changes or is cancelled, you will get an update that replaces it.'],
          action,
          reason,
        },
        invite,
      };
    case 'placement-cancelled': {
      const by = p.cancelledBy === 'host' ? host : school;
      return {
        recipient,
        content: {
          subject: `Cancelled by ${by}: ${p.title} from ${first}`,
          heading: `Placement cancelled by ${by}`,
          lead: `Cancelled: ${by} cancelled ${p.title} (${school} with ${host}), which was to start ${first}.`,
          details: [...details, ...(p.cancelReason ? [{ label: 'Reason', value: p.cancelReason }] : [])],
          paragraphs: [
            audience === 'school' ? 'The pupils’ days are free again for other placements.' : 'The places on those days are open to other schools again.',
            'The calendar update attached to this email removes the placement from your calendar.',
          ],
          action,
          reason,
        },
        invite: cancelInvite,
      };
    }
    case 'placement-reminder': {
      const days = source.daysBefore ?? 0;
      const inDays = days === 1 ? 'tomorrow' : `in ${days} days`;
      const party = audience === 'school' ? p.school : p.host;
      return {
        recipient,
        content: {
          subject: `Reminder: ${p.title} ${audience === 'school' ? `with ${host}` : `for ${school}`} starts ${first}`,
          heading: 'Reminder of a work experience placement',
          lead: audience === 'school' ? `Reminder: ${pupils} start ${p.title} with ${host} ${inDays}, on ${first}.` : `Reminder: ${pupils} from ${school} start ${p.title} with you ${inDays}, on ${first}.`,
          details,
          paragraphs: [audience === 'school' ? 'Check the pupils know where to go, when, and what to wear.' : `If something changes, tell the school at ${p.school.contactEmail}.`],
          action,
          reason: `You get this email because ${party.name} asks for reminders before each booking. You can switch reminders off in your organisation’s settings; confirmations and cancellations are always sent.`,
        },
      };
    }
  }
}

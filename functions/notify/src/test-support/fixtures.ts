import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import ICAL from 'ical.js';
import type { BookingSnapshot, OutboxCommand, OutboxEvent, ProposalEventKind } from '@schoolgate/store';
import { outboxItem } from '@schoolgate/store';
import type { LocalSentEmail } from '../local-ses.js';

let counter = 0;
const next = () => `${Date.now().toString(36)}${(counter += 1)}`;

/** A confirmed booking between two organisations whose addresses are unique to the test. */
export function bookingSnapshot(overrides: Partial<BookingSnapshot> = {}): BookingSnapshot {
  const id = next();
  return {
    bookingId: `bkg_${id}`,
    slotId: `slot_${id}`,
    status: 'confirmed',
    date: '2026-03-03',
    start: '09:00',
    end: '09:30',
    title: 'Assembly',
    format: 'in person',
    yearGroups: [10, 11],
    statutory: true,
    venueName: 'Main Hall',
    schoolAddress: '1 School Lane, Hartfield, HF1 2AB',
    school: { orgId: `sch_${id}`, name: 'Hartfield Academy', contactEmail: `careers-${id}@hartfield.example`, reminderDaysBefore: [1] },
    requester: { orgId: `prv_${id}`, name: 'Northgate College', contactEmail: `schools-${id}@northgate.example`, reminderDaysBefore: [7] },
    icsSequence: 0,
    ...overrides,
  };
}

export function bookingEvent(kind: Exclude<OutboxEvent['kind'], 'invitation.created' | ProposalEventKind>, booking: BookingSnapshot): OutboxEvent {
  return { eventId: `evt_${next()}`, kind, occurredAt: new Date().toISOString(), booking };
}

/** The stream record DynamoDB emits when the API's transaction puts an outbox item. */
export function streamEventFor(...events: Array<OutboxEvent | OutboxCommand>): DynamoDBStreamEvent {
  return {
    Records: events.map((event, index) => {
      const item = outboxItem(event);
      return {
        eventID: `${index}`,
        eventName: 'INSERT' as const,
        eventSource: 'aws:dynamodb',
        awsRegion: 'eu-west-2',
        dynamodb: {
          Keys: marshall({ pk: item.pk, sk: item.sk }) as never,
          NewImage: marshall(item, { removeUndefinedValues: true }) as never,
          SequenceNumber: `${1000 + index}`,
          StreamViewType: 'NEW_AND_OLD_IMAGES' as const,
        },
      };
    }),
  };
}

export function icsAttachment(email: LocalSentEmail): string {
  const attachment = email.attachments.find((a) => a.contentType.startsWith('text/calendar') || a.filename?.endsWith('.ics'));
  if (!attachment) throw new Error(`no calendar attachment in "${email.subject}"`);
  return Buffer.from(attachment.content, 'base64').toString('utf8');
}

/** Parses an invite back with ical.js, resolving its TZID through its own VTIMEZONE. */
export function parseInvite(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  const event = new ICAL.Event(vevent);
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: event.uid,
    sequence: event.sequence,
    status: vevent.getFirstPropertyValue('status'),
    location: event.location,
    startZone: event.startDate.zone?.tzid,
    startLocal: event.startDate.toString(),
    endLocal: event.endDate.toString(),
    startUtc: event.startDate.toJSDate().toISOString(),
    endUtc: event.endDate.toJSDate().toISOString(),
    organizer: String(vevent.getFirstPropertyValue('organizer')),
    attendees: vevent.getAllProperties('attendee').map((p) => String(p.getFirstValue())),
  };
}

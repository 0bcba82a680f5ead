import ical, { type ICalCalendar, ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { PlacementEvent } from '@schoolgate/store';
import { londonDateTime, SCHOOL_TIME_ZONE, withLondonZone, type InviteMethod } from './booking-invite.js';

/** What a placement's invite needs: the booking's days and hours, both sides and the sequence. */
export interface PlacementInviteData {
  bookingId: string;
  /** `confirmed` (an invite) or `cancelled` / `declined` / `withdrawn` (a cancellation). */
  status: string;
  title: string;
  /** School-local dates (`yyyy-mm-dd`), sorted: the placement's days, which need not be consecutive. */
  days: string[];
  dailyStart: string;
  dailyEnd: string;
  address: string;
  postcode: string;
  pupilCount: number;
  host: { name: string; email: string };
  school: { name: string; email: string };
  /** iCalendar SEQUENCE: the booking's version, which moves on with every change. */
  sequence: number;
}

/**
 * The invite's view of a placement booking (as events carry it: a pupil count, no names): the host
 * organises, the school attends; SEQUENCE is the booking's version.
 */
export function placementInviteFrom(
  placement: Pick<PlacementEvent['placement'], 'id' | 'status' | 'title' | 'days' | 'dailyStart' | 'dailyEnd' | 'address' | 'postcode' | 'pupilCount' | 'version'>,
  host: { name: string; email: string },
  school: { name: string; email: string },
): PlacementInviteData {
  return {
    bookingId: placement.id,
    status: placement.status,
    title: placement.title,
    days: placement.days,
    dailyStart: placement.dailyStart,
    dailyEnd: placement.dailyEnd,
    address: placement.address,
    postcode: placement.postcode,
    pupilCount: placement.pupilCount,
    host,
    school,
    sequence: placement.version,
  };
}

/**
 * The UID every invite of one placement booking carries, so a calendar updates (or removes) the
 * one event rather than adding another.
 *
 * @example
 * placementUid('01JPL...') // 'placement-01JPL...@schoolgate'
 */
export const placementUid = (bookingId: string) => `placement-${bookingId}@schoolgate`;

const icsLocal = (date: string, time: string) => `${date.replaceAll('-', '')}T${time.replace(':', '')}00`;

/**
 * The iCalendar file for a placement booking: one recurring VEVENT (one UID, as iTIP wants one
 * UID per message) starting on the first day, with an RDATE for each further day, so days that
 * are not consecutive (a weekly pattern, single days) are exactly the booked ones. METHOD:REQUEST
 * with STATUS:CONFIRMED on confirmation; METHOD:CANCEL with STATUS:CANCELLED and a higher
 * SEQUENCE when it is called off. The host organises (it runs the placement); the school attends.
 *
 * @example
 * const ics = placementInvite({ bookingId: 'pb_1', status: 'confirmed', days: ['2027-06-14', '2027-06-15'], ... }, 'REQUEST', new Date());
 */
export function placementInvite(placement: PlacementInviteData, method: InviteMethod, stamp: Date): string {
  const calendar = ical({
    prodId: { company: 'Schoolgate', product: 'Placements', language: 'EN' },
    method: method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
  });
  withLondonZone(calendar);
  addPlacementEvent(calendar, placement, method === 'CANCEL', stamp);
  return calendar.toString();
}

/** One placement booking's VEVENT, the same in an invite and in a feed (UID, SEQUENCE and days included). */
export function addPlacementEvent(calendar: ICalCalendar, placement: PlacementInviteData, cancelling: boolean, stamp: Date): void {
  const off = cancelling || placement.status !== 'confirmed';
  const [first, ...rest] = placement.days;
  if (!first) throw new Error(`Placement booking ${placement.bookingId} has no days`);
  const pupils = `${placement.pupilCount} ${placement.pupilCount === 1 ? 'pupil' : 'pupils'}`;
  // ical-generator has no RDATE property, but writes a multi-line `repeating` string as it is: one
  // RDATE line per day (each under 75 octets, so no folding is needed). The first day is listed
  // too: RFC 5545 counts an instance given twice once, and some readers (ical.js among them)
  // expand an RDATE-only set from its RDATEs alone, leaving DTSTART out. Only multi-day bookings
  // get RDATEs (a single line would be taken for an RRULE).
  const rdates = rest.length ? placement.days.map((day) => `RDATE;TZID=${SCHOOL_TIME_ZONE}:${icsLocal(day, placement.dailyStart)}`).join('\r\n') : null;
  calendar.createEvent({
    id: placementUid(placement.bookingId),
    sequence: placement.sequence,
    stamp,
    start: londonDateTime(first, placement.dailyStart),
    end: londonDateTime(first, placement.dailyEnd),
    timezone: SCHOOL_TIME_ZONE,
    repeating: rdates,
    summary: `Work experience: ${placement.title} (${placement.host.name}, ${placement.school.name})`,
    description: `${placement.title}: ${pupils} from ${placement.school.name} with ${placement.host.name}, ${placement.days.length} ${placement.days.length === 1 ? 'day' : 'days'}.`,
    location: `${placement.address}, ${placement.postcode}`,
    status: off ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: placement.host.name, email: placement.host.email },
    attendees: [
      { name: placement.school.name, email: placement.school.email, role: ICalAttendeeRole.REQ, status: off ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.ACCEPTED },
    ],
  });
}

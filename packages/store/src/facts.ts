import type { CalendarInput } from '@schoolgate/contracts';
import { schoolWeekDays, type Encounter, type EncounterStatus, type SchoolCalendar, type SchoolFacts, type SchoolWeek, type Weekday, type YearGroup } from '@schoolgate/domain';
import type { BookingRecord } from './bookings.js';
import type { OrganisationRecord } from './organisations.js';

/** Stored records in the shapes the rules engine reads: the store adapts to the domain, not the reverse. */

const WEEKDAYS: Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];

/** The week as a school enters it (weekdays numbered 1–5), in the domain's words. */
export function schoolWeekOf(input: Pick<CalendarInput, 'schoolDay' | 'weekdayOverrides' | 'yearGroupOverrides'>): SchoolWeek {
  const hours = (day: { start: string; end: string }) => ({ start: day.start, end: day.end });
  return {
    standard: hours(input.schoolDay),
    weekdays: Object.fromEntries((input.weekdayOverrides ?? []).map((override) => [WEEKDAYS[override.weekday - 1]!, hours(override)])),
    // [7, 13] means Years 7 and 13, not everything between.
    yearGroups: (input.yearGroupOverrides ?? []).map((override) => ({
      yearGroups: override.yearGroups,
      ...(override.weekdays?.length ? { weekdays: override.weekdays.map((weekday) => WEEKDAYS[weekday - 1]!) } : {}),
      day: hours(override),
    })),
  };
}

/** The calendar as a school enters it, in the shape the rules engine reads; the domain combines the week's overrides. */
export function toSchoolCalendar(input: CalendarInput): SchoolCalendar {
  return { terms: input.terms, closures: input.closures, ...schoolWeekDays(schoolWeekOf(input)) };
}

/** What the rules need to know about a school; undefined until the school has entered a calendar. */
export function schoolFactsOf(school: OrganisationRecord, calendar: CalendarInput | undefined): SchoolFacts | undefined {
  if (!calendar) return undefined;
  const roll: SchoolFacts['roll'] = {};
  for (const [year, perYearGroup] of Object.entries(school.rolls ?? {})) {
    roll[Number(year)] = Object.fromEntries(Object.entries(perYearGroup).map(([yg, n]) => [Number(yg) as YearGroup, n]));
  }
  return {
    id: school.id,
    name: school.name,
    yearGroupsTaught: (school.yearGroups ?? { from: 7, to: 11 }) as SchoolFacts['yearGroupsTaught'],
    roll,
    calendar: toSchoolCalendar(calendar),
  };
}

const COUNTED: Partial<Record<BookingRecord['status'], EncounterStatus>> = {
  confirmed: 'confirmed',
  delivered: 'delivered',
  not_delivered: 'not_delivered',
  cancelled: 'cancelled',
};

/** Bookings as the rules engine's encounters; requests not yet confirmed are not encounters. */
export function encountersOf(bookings: ReadonlyArray<Pick<BookingRecord, 'id' | 'requesterOrgId' | 'status' | 'statutory' | 'date' | 'start' | 'end' | 'yearGroups'>>): Encounter[] {
  return bookings.flatMap((b) => {
    const status = COUNTED[b.status];
    if (!status) return [];
    return [
      {
        id: b.id,
        providerId: b.requesterOrgId,
        date: b.date,
        start: b.start,
        end: b.end,
        yearGroups: b.yearGroups as YearGroup[],
        designation: b.statutory ? 'statutory' : 'supplementary',
        status,
      },
    ];
  });
}

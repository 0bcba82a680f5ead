import type { CalendarInput } from '@schoolgate/contracts';
import type { Encounter, EncounterStatus, SchoolCalendar, SchoolFacts, Weekday, YearGroup } from '@schoolgate/domain';
import type { BookingRecord } from './bookings.js';
import type { OrganisationRecord } from './organisations.js';

/** Stored records in the shapes the rules engine reads: the store adapts to the domain, not the reverse. */

const WEEKDAYS: Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];

/** The calendar as a school enters it, in the shape the rules engine reads. */
export function toSchoolCalendar(input: CalendarInput): SchoolCalendar {
  const standard = { start: input.schoolDay.start, end: input.schoolDay.end };
  const days = Object.fromEntries(WEEKDAYS.map((day) => [day, standard]));
  for (const override of input.weekdayOverrides ?? []) days[WEEKDAYS[override.weekday - 1]!] = { start: override.start, end: override.end };
  return {
    terms: input.terms,
    closures: input.closures,
    days,
    // One entry per named year group: [7, 13] means Years 7 and 13, not everything between.
    yearGroupDays: (input.yearGroupOverrides ?? []).flatMap((override) =>
      override.yearGroups.map((yearGroup) => ({
        yearGroups: { from: yearGroup as YearGroup, to: yearGroup as YearGroup },
        days: Object.fromEntries(WEEKDAYS.map((day) => [day, { start: override.start, end: override.end }])),
      })),
    ),
  };
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
export function encountersOf(bookings: readonly BookingRecord[]): Encounter[] {
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

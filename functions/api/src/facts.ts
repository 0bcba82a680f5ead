import type { CalendarInput } from '@schoolgate/contracts';
import {
  accessRules,
  type AccessRules,
  type Encounter,
  type EncounterStatus,
  type ProviderFacts,
  type SchoolCalendar,
  type SchoolFacts,
  type Weekday,
  type YearGroup,
} from '@schoolgate/domain';
import type { BookingRecord, OrganisationRecord, PolicyRecord } from '@schoolgate/store';
import { ProblemError } from './problem.js';

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
    yearGroupDays: (input.yearGroupOverrides ?? []).map((override) => ({
      yearGroups: { from: Math.min(...override.yearGroups) as YearGroup, to: Math.max(...override.yearGroups) as YearGroup },
      days: Object.fromEntries(WEEKDAYS.map((day) => [day, { start: override.start, end: override.end }])),
    })),
  };
}

export function schoolFacts(school: OrganisationRecord, calendar: CalendarInput | undefined): SchoolFacts {
  if (!calendar) {
    throw new ProblemError(422, 'Set up your calendar first', [
      { code: 'CALENDAR_MISSING', message: 'Enter your terms, closures and school day before publishing slots: the rules need them.' },
    ]);
  }
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

export function rulesOf(policy: PolicyRecord | undefined): AccessRules {
  return accessRules(
    policy
      ? { published: true, noticePeriodSchoolDays: policy.noticePeriodSchoolDays, minDurationMinutes: policy.minimumDurationMinutes }
      : { published: false },
  );
}

export function providerFacts(org: OrganisationRecord): ProviderFacts {
  return {
    id: org.id,
    name: org.name,
    kind: org.kind,
    ...(org.providerType ? { providerType: org.providerType as ProviderFacts['providerType'] } : {}),
    offers: (org.offers ?? []) as ProviderFacts['offers'],
    registeredApprenticeshipProvider: org.registeredApprenticeshipProvider ?? false,
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

import { accessRules, type AccessRules, type ProviderFacts, type SchoolFacts } from '@schoolgate/domain';
import { schoolFactsOf, type OrganisationRecord, type PolicyRecord } from '@schoolgate/store';
import type { CalendarInput } from '@schoolgate/contracts';
import { ProblemError } from './problem.js';

/** The rules cannot judge school hours without a calendar: say so instead of guessing. */
export function schoolFacts(school: OrganisationRecord, calendar: CalendarInput | undefined): SchoolFacts {
  const facts = schoolFactsOf(school, calendar);
  if (!facts) {
    throw new ProblemError(422, 'Set up your calendar first', [
      { code: 'CALENDAR_MISSING', message: 'Enter your terms, closures and school day before publishing slots: the rules need them.' },
    ]);
  }
  return facts;
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
    // An employer on the apprenticeship providers register offers apprenticeships by definition.
    offers: (org.kind === 'employer' && org.registeredApprenticeshipProvider ? ['apprenticeships'] : (org.offers ?? [])) as ProviderFacts['offers'],
    registeredApprenticeshipProvider: org.registeredApprenticeshipProvider ?? false,
  };
}

import type { CalendarInput } from '@schoolgate/contracts';
import { accessRules, type AccessRules, type ProviderFacts, type SchoolFacts } from '@schoolgate/domain';
import {
  FactsChangedError,
  getOrganisation,
  getPublishedPolicy,
  getStoredCalendar,
  keys,
  schoolFactsOf,
  type Db,
  type FactVersion,
  type OrganisationRecord,
  type PolicyRecord,
  type StoredCalendar,
} from '@schoolgate/store';
import { Refused } from './errors.js';

/** The school's policy as the rules read it; an unpublished school has the defaults and `published: false`. */
export function rulesOf(policy: PolicyRecord | undefined): AccessRules {
  return accessRules(
    policy
      ? { published: true, noticePeriodSchoolDays: policy.noticePeriodSchoolDays, minDurationMinutes: policy.minimumDurationMinutes }
      : { published: false },
  );
}

/** A provider or employer as the eligibility rule reads it. */
export function providerFactsOf(org: OrganisationRecord): ProviderFacts {
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

/** The rules cannot judge school hours without a calendar: say so instead of guessing. */
export function requireSchoolFacts(school: OrganisationRecord, calendar: CalendarInput | undefined): SchoolFacts {
  const facts = schoolFactsOf(school, calendar);
  if (!facts) {
    throw new Refused(422, [
      { code: 'CALENDAR_MISSING', message: 'Enter your terms, closures and school day before publishing slots: the rules need them.' },
    ]);
  }
  return facts;
}

/**
 * A provider or employer may ask a verified school for its time only once Schoolgate has verified
 * it too; a school never asks another school. `what` names the ask in the answer.
 */
export function requireVerifiedParties(
  school: OrganisationRecord,
  requester: OrganisationRecord,
  what: 'requests' | 'proposals',
): asserts requester is OrganisationRecord & { kind: 'provider' | 'employer' } {
  if (requester.kind === 'school') {
    throw new Refused(403, [{ code: 'NOT_A_PROVIDER', message: `Schools publish slots; only providers and employers make ${what}.` }]);
  }
  if (!school.verified) {
    throw new Refused(409, [{ code: 'SCHOOL_NOT_VERIFIED', message: `${school.name} is waiting for verification by Schoolgate and takes no ${what} yet.` }]);
  }
  if (!requester.verified) {
    throw new Refused(403, [
      { code: 'NOT_VERIFIED', message: `${requester.name} is waiting for verification by Schoolgate; you can browse schools and slots, but not make ${what} yet.` },
    ]);
  }
}

/** Everything a decision about one school (and, optionally, one provider) is judged on, with the versions read. */
export interface JudgedFacts {
  school: OrganisationRecord;
  calendar: StoredCalendar | undefined;
  policy: PolicyRecord | undefined;
  rules: AccessRules;
  provider?: OrganisationRecord;
  /** One per fact item read: the write that follows the decision checks each in its transaction. */
  versions: FactVersion[];
}

/**
 * Reads a school's profile, calendar and published policy (and a provider's profile) together,
 * strongly consistent, with the version of each, so the write the decision leads to can commit
 * only on these same facts.
 */
export async function readFacts(db: Db, schoolId: string, providerOrgId?: string): Promise<JudgedFacts | undefined> {
  const [school, calendar, policy, provider] = await Promise.all([
    getOrganisation(db, schoolId),
    getStoredCalendar(db, schoolId),
    getPublishedPolicy(db, schoolId),
    providerOrgId ? getOrganisation(db, providerOrgId) : Promise.resolve(undefined),
  ]);
  if (!school || school.kind !== 'school') return undefined;
  const versions: FactVersion[] = [
    { key: keys.organisation(schoolId), version: school.version ?? 0, what: `profile of ${school.name}` },
    { key: keys.calendar(schoolId), version: calendar ? calendar.version : null, what: `calendar of ${school.name}` },
    // The pointer's version is the published policy's version number.
    { key: keys.publishedPolicy(schoolId), version: policy ? policy.version : null, what: `published access policy of ${school.name}` },
  ];
  if (providerOrgId && provider) {
    versions.push({ key: keys.organisation(providerOrgId), version: provider.version ?? 0, what: `profile of ${provider.name}` });
  }
  return { school, calendar, policy, rules: rulesOf(policy), ...(provider ? { provider } : {}), versions };
}

/**
 * Runs a decision and its write; if a fact it read changed before the write committed, decides
 * once more on fresh facts. A second change answers FACTS_CHANGED (409): someone is editing the
 * facts right now, and the person should look before trying again.
 */
export async function onFreshFacts<T>(decideAndWrite: () => Promise<T>): Promise<T> {
  try {
    return await decideAndWrite();
  } catch (error) {
    if (!(error instanceof FactsChangedError)) throw error;
    return decideAndWrite();
  }
}

/** Kinds of education or training organisation that can be a provider under section 42B. */
export type ProviderType =
  | 'fe_college'
  | 'sixth_form_college'
  | 'itp'
  | 'utc'
  | 'studio_school'
  | 'institute_of_technology'
  | 'university'
  | 'apprenticeship_provider'
  | 'other_school';

/** Technical education or apprenticeship routes an organisation offers. */
export type Offering = 'apprenticeships' | 't_levels' | 'htqs' | 'approved_technical_qualifications';

/** What an organisation on the marketplace is. Employers' own visits are Benchmark 5 encounters. */
export type OrganisationKind = 'school' | 'provider' | 'employer';

/** What the rules need to know about the organisation behind an encounter. */
export interface ProviderFacts {
  id: string;
  name?: string;
  kind: OrganisationKind;
  providerType?: ProviderType;
  offers: Offering[];
  /** On the register of apprenticeship training providers (RoATP / APAR). */
  registeredApprenticeshipProvider?: boolean;
}

/** Whether an organisation is a provider under the law, and if not, a sentence saying why. */
export type ProviderEligibility = { eligible: true } | { eligible: false; reason: string };

export const PROVIDER_TYPE_LABELS: Readonly<Record<ProviderType, string>> = {
  fe_college: 'FE college',
  sixth_form_college: 'sixth-form college',
  itp: 'independent training provider',
  utc: 'university technical college',
  studio_school: 'studio school',
  institute_of_technology: 'Institute of Technology',
  university: 'university',
  apprenticeship_provider: 'apprenticeship training provider',
  other_school: 'school',
};

export const OFFERING_LABELS: Readonly<Record<Offering, string>> = {
  apprenticeships: 'apprenticeships',
  t_levels: 'T Levels',
  htqs: 'Higher Technical Qualifications',
  approved_technical_qualifications: 'approved technical qualifications',
};

/**
 * The routes that make each type of organisation a provider, following the statutory guidance
 * ("universities offering degree apprenticeships or HTQs, other schools offering T Levels or
 * approved technical qualifications"). Types not listed qualify through any route.
 */
const QUALIFYING_OFFERINGS: Partial<Record<ProviderType, readonly Offering[]>> = {
  university: ['apprenticeships', 'htqs'],
  other_school: ['t_levels', 'approved_technical_qualifications'],
};

/**
 * Decides whether an organisation is a provider of technical education or apprenticeships.
 * An employer qualifies only when it is itself a registered apprenticeship provider; an
 * apprenticeship provider must be on the register; nobody qualifies without a technical offer.
 * @example providerEligibility({ id: 'p1', kind: 'employer', offers: ['apprenticeships'] })
 *   // { eligible: false, reason: 'An employer on its own is not a provider …' }
 */
export function providerEligibility(provider: ProviderFacts): ProviderEligibility {
  const displayName = provider.name ?? 'This organisation';
  if (provider.kind === 'employer') {
    if (provider.registeredApprenticeshipProvider !== true) {
      return {
        eligible: false,
        reason: `An employer on its own is not a provider of technical education or apprenticeships; this slot is for providers only. ${displayName} can request the school's supplementary slots, or publish an offer schools book, and either is recorded as an employer encounter.`,
      };
    }
    if (!provider.offers.includes('apprenticeships')) {
      return { eligible: false, reason: `${displayName} is a registered apprenticeship provider but has no apprenticeships on offer.` };
    }
    return { eligible: true };
  }
  if (!provider.providerType) {
    return { eligible: false, reason: `${displayName} has not said what kind of provider it is (college, training provider, university…).` };
  }
  if (provider.providerType === 'apprenticeship_provider' && provider.registeredApprenticeshipProvider !== true) {
    return { eligible: false, reason: `${displayName} is not on the register of apprenticeship training providers.` };
  }
  const qualifying = QUALIFYING_OFFERINGS[provider.providerType];
  const relevantOffers = qualifying ? provider.offers.filter((offer) => qualifying.includes(offer)) : provider.offers;
  if (relevantOffers.length === 0) {
    const needed = qualifying ? qualifying.map((offer) => OFFERING_LABELS[offer]).join(' or ') : 'technical education or apprenticeships';
    return { eligible: false, reason: `${displayName} offers no ${needed}, so its visit cannot count toward the provider access duty.` };
  }
  return { eligible: true };
}

/**
 * True when the organisation is a provider under section 42B of the Education Act 1997.
 * @example isEligibleProvider({ id: 'c1', kind: 'provider', providerType: 'fe_college', offers: ['t_levels'] }) // true
 */
export function isEligibleProvider(provider: ProviderFacts): boolean {
  return providerEligibility(provider).eligible;
}

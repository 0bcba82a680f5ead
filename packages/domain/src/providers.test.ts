import { describe, expect, it } from 'vitest';
import { isEligibleProvider, providerEligibility, type ProviderFacts } from './providers.js';
import { providers } from './testing/fixtures.js';

describe('ELIGIBLE_PROVIDER: who is a provider under section 42B', () => {
  it.each<[string, ProviderFacts, boolean]>([
    ['an FE college offering T Levels', providers.college, true],
    ['an ITP offering apprenticeships', providers.trainingProvider, true],
    ['a university offering HTQs', providers.university, true],
    ['a UTC offering T Levels', providers.utc, true],
    ['a sixth-form college with approved technical qualifications', { id: 's', kind: 'provider', providerType: 'sixth_form_college', offers: ['approved_technical_qualifications'] }, true],
    ['an Institute of Technology', { id: 'i', kind: 'provider', providerType: 'institute_of_technology', offers: ['htqs'] }, true],
    ['a studio school', { id: 'st', kind: 'school', providerType: 'studio_school', offers: ['t_levels'] }, true],
    ['another school offering T Levels', { id: 'o', kind: 'school', providerType: 'other_school', offers: ['t_levels'] }, true],
    ['a registered apprenticeship provider', { id: 'a', kind: 'provider', providerType: 'apprenticeship_provider', offers: ['apprenticeships'], registeredApprenticeshipProvider: true }, true],
    ['an employer on the apprenticeship register', providers.employerOnRegister, true],
    ['an employer on its own', providers.employer, false],
    ['an employer that offers apprenticeships but is not on the register', { ...providers.employer, offers: ['apprenticeships'] }, false],
    ['an employer on the register with no apprenticeships on offer', { ...providers.employerOnRegister, offers: [] }, false],
    ['a provider with no technical offer', providers.noOffer, false],
    ['a provider that has not said what it is', { id: 'x', kind: 'provider', offers: ['t_levels'] }, false],
    ['an apprenticeship provider not on the register', { id: 'a', kind: 'provider', providerType: 'apprenticeship_provider', offers: ['apprenticeships'] }, false],
    ['a university offering only T Levels', { id: 'u', kind: 'provider', providerType: 'university', offers: ['t_levels'] }, false],
    ['another school offering only apprenticeships', { id: 'o', kind: 'school', providerType: 'other_school', offers: ['apprenticeships'] }, false],
  ])('%s → eligible %s', (_label, provider, eligible) => {
    expect(isEligibleProvider(provider)).toBe(eligible);
    const result = providerEligibility(provider);
    if (!result.eligible) expect(result.reason.length).toBeGreaterThan(20);
  });

  it('tells an employer its visit is an employer encounter', () => {
    const result = providerEligibility(providers.employer);
    expect(result.eligible === false && result.reason).toMatch(/Acme Ltd.*employer encounter/);
  });
});

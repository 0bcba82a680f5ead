import { describe, expect, it } from 'vitest';
import {
  academicYearId,
  academicYearIdOf,
  checkSafetyClearance,
  clearanceStanding,
  parseAcademicYearId,
  SAFETY_GUIDANCE,
  type SafetyClearanceFacts,
} from './work-experience.js';

// ── Safety pack (we-pack) ──
describe('SAFETY_CHECKS and INSURANCE_EXPIRED', () => {
  const signed: SafetyClearanceFacts = { signedOff: true, insuranceExpiresOn: '2027-03-31', packVersion: 3 };

  it('passes a signed-off pack whose insurance covers every day', () => {
    expect(checkSafetyClearance(signed, ['2027-03-29', '2027-03-31'])).toEqual([]);
  });

  it('refuses with SAFETY_CHECKS when the school has signed nothing off', () => {
    const results = checkSafetyClearance(undefined, ['2027-03-29'], { hostName: 'Meridian Engineering' });
    expect(results.map((r) => r.code)).toEqual(['SAFETY_CHECKS']);
    expect(results[0]?.message).toMatch(/Meridian Engineering’s safety pack for 2026\/27/);
  });

  it('refuses with SAFETY_CHECKS when a check is not signed (or was signed for an older pack)', () => {
    expect(checkSafetyClearance({ ...signed, signedOff: false }, ['2027-03-29']).map((r) => r.code)).toEqual(['SAFETY_CHECKS']);
  });

  it('refuses with INSURANCE_EXPIRED for a day after the expiry, naming the first such day', () => {
    const results = checkSafetyClearance(signed, ['2027-04-13', '2027-03-30', '2027-04-12']);
    expect(results.map((r) => r.code)).toEqual(['INSURANCE_EXPIRED']);
    expect(results[0]?.message).toMatch(/31 March 2027, before 12 April 2027/);
  });

  it('reports both when both are broken', () => {
    expect(checkSafetyClearance({ ...signed, signedOff: false }, ['2027-04-01']).map((r) => r.code)).toEqual(['SAFETY_CHECKS', 'INSURANCE_EXPIRED']);
  });

  it('refuses a day that is not a date', () => {
    expect(() => checkSafetyClearance(signed, ['1 April'])).toThrow(RangeError);
  });
});

describe('sign-off standing', () => {
  it('is signed off only when all four checks are signed against the current pack version', () => {
    expect(clearanceStanding({}, 2)).toBe('none');
    expect(clearanceStanding({ insurance: 2, healthAndSafety: 2 }, 2)).toBe('partly');
    expect(clearanceStanding({ insurance: 2, healthAndSafety: 2, riskAssessment: 2, safeguarding: 2 }, 2)).toBe('signedOff');
    expect(clearanceStanding({ insurance: 2, healthAndSafety: 2, riskAssessment: 2, safeguarding: 2 }, 3)).toBe('packChanged');
  });
});

describe('academic year ids', () => {
  it('names the year starting in September', () => {
    expect(academicYearId(2026)).toBe('2026-27');
    expect(academicYearId(2099)).toBe('2099-00');
    expect(academicYearIdOf('2027-06-14')).toBe('2026-27');
    expect(academicYearIdOf('2027-09-01')).toBe('2027-28');
    expect(parseAcademicYearId('2026-27')).toBe(2026);
    expect(parseAcademicYearId('2026-28')).toBeUndefined();
    expect(parseAcademicYearId('2026/27')).toBeUndefined();
  });
});

describe('guidance the pack puts into practice', () => {
  it('states who is responsible for what', () => {
    expect(SAFETY_GUIDANCE.healthAndSafety).toMatch(/employer has primary responsibility/);
    expect(SAFETY_GUIDANCE.schoolChecks).toMatch(/risk management and safeguarding/);
    expect(SAFETY_GUIDANCE.dbs).toMatch(/school decides .* DBS/);
    expect(SAFETY_GUIDANCE.send).toMatch(/additional support/);
  });
});

import { describe, expect, it } from 'vitest';
import { RULE_CODES, RULE_SUMMARIES, RULE_TITLES, accessRules, isRuleCode, ruleMessage, type RuleCode } from './rules.js';

describe('rule messages', () => {
  it('has a distinct plain sentence for every code', () => {
    const sentences = RULE_CODES.map((code) => ruleMessage(code));
    expect(RULE_CODES).toHaveLength(16);
    expect(new Set(sentences).size).toBe(RULE_CODES.length);
    for (const code of RULE_CODES) expect(ruleMessage(code)).toBe(RULE_SUMMARIES[code]);
  });

  it.each<[RuleCode, object, RegExp]>([
    ['WHOLE_YEAR_GROUP', { reason: 'capacity', capacity: 179, roll: 180, yearGroups: [9] }, /holds 179 but Year 9 has 180 pupils.*1 seat short/],
    ['WHOLE_YEAR_GROUP', { reason: 'capacity', capacity: 300, roll: 360, yearGroups: [9, 10] }, /Year 9 and Year 10 have 360 pupils.*60 seats short/],
    ['WHOLE_YEAR_GROUP', { reason: 'selected_pupils' }, /selected pupils/],
    ['WHOLE_YEAR_GROUP', { reason: 'roll_unknown', yearGroup: 9, academicYear: 2026 }, /Year 9 in 2026\/27/],
    ['SCHOOL_HOURS', { date: '2026-05-04', closedBecause: 'bank holiday: Early May bank holiday' }, /closed on 4 May 2026 \(bank holiday/],
    ['SCHOOL_HOURS', { date: '2026-09-08', start: '15:00', end: '15:10', dayStart: '08:45', dayEnd: '15:05', yearGroup: 8 }, /Year 8’s school day on 8 September 2026 runs 08:45–15:05/],
    ['MIN_DURATION', { minutes: 19, minimum: 20 }, /lasts 19 minutes.*at least 20 minutes/],
    ['MIN_DURATION', { minutes: -10, minimum: 20 }, /ends before it starts/],
    ['PHASE_WINDOW', { yearGroup: 7, date: '2026-09-08', why: 'Year 7 is before key phase 1' }, /On 8 September 2026 Year 7 is in no key phase/],
    ['DISTINCT_PROVIDERS', { providerName: 'Northgate College', yearGroup: 9, phase: 1, otherDate: '2026-01-13', deadline: '2027-02-28' }, /Northgate College already gave.*13 January 2026 in key phase 1 \(until 28 February 2027\)/],
    ['SLOT_FULL', { places: 3 }, /All 3 places/],
    ['ALREADY_BOOKED', { providerName: 'SkillsFirst' }, /SkillsFirst already has/],
    ['NOTICE_PERIOD', { required: 5, given: 1, slotDate: '2026-09-15' }, /5 school days’ notice; this request leaves 1 school day before 15 September 2026/],
    ['POLICY_NOT_PUBLISHED', { schoolName: 'Riverside Academy' }, /Riverside Academy has not published/],
    ['SLOT_IN_PAST', { slotDate: '2026-09-15' }, /was on 15 September 2026, which has passed/],
    ['ACCESS_TIMES', { schoolName: 'Riverside Academy', times: ['08:45–09:15'] }, /Riverside Academy gives access only .*\(08:45–09:15\)/],
    ['NOT_YET_HAPPENED', { date: '2026-09-15' }, /on 15 September 2026: record whether/],
    ['SAFETY_CHECKS', { hostName: 'Meridian Engineering', academicYear: 2026 }, /not signed off every check of Meridian Engineering’s safety pack for 2026\/27/],
    ['SAFETY_CHECKS', { hostName: 'Meridian Engineering', academicYear: 2026, reason: 'pack_changed' }, /changed its safety pack after the school signed it off/],
    ['INSURANCE_EXPIRED', { hostName: 'Meridian Engineering', expiresOn: '2027-03-31', date: '2027-04-12' }, /expires on 31 March 2027, before 12 April 2027/],
  ])('%s with context %j', (code, context, expected) => {
    expect(ruleMessage(code, context as never)).toMatch(expected);
  });
});

describe('rule titles', () => {
  it('gives every code its own title, and tells rule codes from others', () => {
    expect(new Set(RULE_CODES.map((code) => RULE_TITLES[code])).size).toBe(RULE_CODES.length);
    expect(RULE_TITLES.ELIGIBLE_PROVIDER).toMatch(/eligible provider/i);
    expect(isRuleCode('SCHOOL_HOURS')).toBe(true);
    expect(isRuleCode('FACTS_CHANGED')).toBe(false);
  });
});

describe('access rules defaults', () => {
  it('defaults to a 20-minute minimum and an unpublished policy', () => {
    expect(accessRules()).toEqual({ minDurationMinutes: 20, noticePeriodSchoolDays: 5, published: false });
    expect(accessRules({ minDurationMinutes: 30 }).minDurationMinutes).toBe(30);
  });
});

import { describe, expect, it } from 'vitest';
import { policyInput, slotInput } from '@schoolgate/contracts';
import { safeReturnTo, tokenExpiry } from './auth';
import { onboardingTasks, academicYearStart } from './pages/school-dashboard';
import { requesterStatusText } from './pages/partner';
import { withRuleFields } from './pages/school-slots';
import { zodErrors } from './validation';
import type { Organisation } from './api';

describe('returning after sign-in', () => {
  it('follows only paths on this site', () => {
    expect(safeReturnTo('/schools/1/requests?x=1')).toBe('/schools/1/requests?x=1');
    expect(safeReturnTo('https://evil.example/')).toBe('/');
    expect(safeReturnTo('//evil.example/')).toBe('/');
    expect(safeReturnTo('/\\evil.example')).toBe('/');
    expect(safeReturnTo(null)).toBe('/');
    expect(safeReturnTo('/sign-in?returnTo=/x')).toBe('/');
  });

  it('reads a token’s expiry, and treats garbage as expired', () => {
    const payload = btoa(JSON.stringify({ exp: 1_900_000_000 })).replace(/=+$/, '');
    expect(tokenExpiry(`h.${payload}.s`)).toBe(1_900_000_000);
    expect(tokenExpiry('not-a-token')).toBe(0);
  });
});

describe('form errors in plain English', () => {
  it('uses the form’s sentence for each field, matching list items by *', () => {
    const result = slotInput.safeParse({ title: '', date: '2026-11-10', start: '8.50', end: '09:20', yearGroups: [], format: 'assembly', venueId: 'v', places: 1, statutory: true });
    expect(result.success).toBe(false);
    const errors = zodErrors(result.error!, { title: 'Enter a title', start: 'Enter a start time', yearGroups: 'Choose at least one year group' });
    expect(errors).toEqual([
      { field: 'title', message: 'Enter a title' },
      { field: 'start', message: 'Enter a start time' },
      { field: 'yearGroups', message: 'Choose at least one year group' },
    ]);
    const policy = policyInput.safeParse({ refusalGrounds: [{ id: 'ok', label: '' }] });
    const grounds = zodErrors(policy.error!, { 'refusalGrounds.*.label': 'Enter the ground' });
    expect(grounds).toContainEqual({ field: 'refusalGrounds.0.label', message: 'Enter the ground' });
    // Without a sentence of our own, zod's developer wording is replaced by a GOV.UK-style one.
    expect(grounds.find((e) => e.field === 'contact')?.message).toBe('Enter a value');
  });

  it('links a broken rule to the input it is about', () => {
    expect(
      withRuleFields([
        { code: 'SCHOOL_HOURS', message: 'a' },
        { code: 'PHASE_WINDOW', message: 'b' },
        { code: 'DISTINCT_PROVIDERS', message: 'c' },
        { field: 'title', code: 'MIN_DURATION', message: 'd' },
      ]).map((e) => e.field),
    ).toEqual(['start', 'date', undefined, 'title']);
  });
});

describe('what a requester is told', () => {
  it('never lets a request read as a booking', () => {
    expect(requesterStatusText('requested')).toBe('Requested — awaiting the school’s decision');
    expect(requesterStatusText('confirmed')).toBe('Confirmed by the school');
  });
});

describe('the onboarding task list', () => {
  const school = {
    id: 's1',
    kind: 'school',
    name: 'Hartfield Academy',
    postcode: 'LS6 2AB',
    verified: true,
    yearGroups: { from: 7, to: 11 },
    rolls: { '2026': { '7': 180, '8': 178 } },
    venues: [],
    notifications: { contactEmail: 'a@b.c', reminderDaysBefore: [] },
    createdAt: '2026-09-01T00:00:00Z',
  } as unknown as Organisation;

  it('uses the academic year that starts in September', () => {
    expect(academicYearStart('2026-08-31')).toBe(2025);
    expect(academicYearStart('2026-09-01')).toBe(2026);
  });

  it('marks each section from what the school has entered', () => {
    const status = (tasks: ReturnType<typeof onboardingTasks>) => Object.fromEntries(tasks.map((t) => [t.title, t.status]));
    expect(status(onboardingTasks(school, null, { draft: null, published: null }, '2026-09-15'))).toEqual({
      'School profile': 'done',
      'Year groups and roll': 'incomplete',
      'Term dates and closures': 'not_started',
      'School day': 'not_started',
      Venues: 'not_started',
      'Provider access policy': 'not_started',
    });
    // Last year's roll does not count for this year.
    expect(status(onboardingTasks(school, null, null, '2027-09-15'))['Year groups and roll']).toBe('not_started');
    const draft = { version: 1 } as never;
    expect(status(onboardingTasks(school, null, { draft, published: null }, '2026-09-15'))['Provider access policy']).toBe('incomplete');
  });
});

describe('phase status wording', () => {
  it('says "Not started" for a phase whose window has not opened, instead of "At risk"', async () => {
    const { phaseStatusLabel } = await import('./components/ui');
    expect(phaseStatusLabel('AT_RISK', 'not_started')).toEqual({ text: 'Not started', colour: 'grey' });
    expect(phaseStatusLabel('AT_RISK', 'open')).toEqual({ text: 'At risk', colour: 'orange' });
    expect(phaseStatusLabel('ON_TRACK', 'not_started').text).toBe('On track');
    expect(phaseStatusLabel('MISSED', 'closed').text).toBe('Missed');
  });
});

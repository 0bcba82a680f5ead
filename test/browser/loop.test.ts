import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { calendar2026, publishSlot, request, setUpProvider, setUpSchool } from '../support/fixtures.js';
import { expectAccessible, settled, signInThroughForm, useBrowserWorld } from '../support/browser.js';

const bw = useBrowserWorld({ admin: true });

/** A verified school with calendar, roll and venues, but no policy yet: the test publishes it through the UI. */
async function newSchoolWithoutPolicy() {
  const leader = await bw.world.user('leader');
  const urn = String(400000 + Math.floor(Math.random() * 99999));
  const created = await bw.world.call(leader.token, 'POST', '/v1/schools', {
    urn,
    name: 'Hartfield Academy',
    address: '12 Mill Lane, Leeds',
    postcode: 'LS6 2AB',
    location: { latitude: 53.82, longitude: -1.576 },
    yearGroups: { from: 7, to: 11 },
    roll: { '7': 150, '8': 150, '9': 150, '10': 150, '11': 150 },
    venues: [{ name: 'Main hall', capacity: 400, facilities: ['projector'] }],
  });
  expect(created.status).toBe(201);
  const schoolId = created.body.id as string;
  expect((await bw.world.call(bw.admin.token, 'POST', `/v1/admin/organisations/${schoolId}/verify`)).status).toBe(200);
  expect((await bw.world.call(leader.token, 'PUT', `/v1/schools/${schoolId}/calendar`, calendar2026)).status).toBe(200);
  return { leader, schoolId, urn };
}

async function fillDate(page: Page, name: string, day: string, month: string, year: string) {
  await page.locator(`[id="${name}"]`).fill(day);
  await page.locator(`[id="${name}-month"]`).fill(month);
  await page.locator(`[id="${name}-year"]`).fill(year);
}

async function complianceRow(page: Page, schoolId: string, yearGroup: number) {
  await page.goto(`/schools/${schoolId}/compliance`);
  await settled(page);
  const row = page.getByTestId(`cohort-${yearGroup}`).locator('tbody tr').filter({ hasText: 'Phase 1' });
  await expect.poll(() => row.count()).toBe(1);
  return (await row.innerText()).replace(/\s+/g, ' ');
}

describe('the whole loop in Chromium', () => {
  it('a school publishes its policy and a slot, a provider requests it, the school approves, both see it confirmed and compliance moves', async () => {
    const { leader, schoolId, urn } = await newSchoolWithoutPolicy();
    const provider = await setUpProvider(bw.world, bw.admin, { name: 'Riverside College' });
    const providerUser = provider.user;

    // The careers leader signs in and lands on the overview with the onboarding task list.
    const school = await bw.newPage();
    await signInThroughForm(school, leader.email, `/schools/${schoolId}`);
    await settled(school);
    await expect.poll(() => school.locator('h1').innerText()).toBe('Hartfield Academy');
    await expect.poll(() => school.title()).toBe('Hartfield Academy – Schoolgate');
    const policyTask = school.locator('.govuk-task-list__item', { hasText: 'Provider access policy' });
    expect(await policyTask.innerText()).toContain('Not yet started');
    await expectAccessible(school, 'school overview');

    const before = await complianceRow(school, schoolId, 9);
    expect(before).toContain('At risk');
    await expectAccessible(school, 'compliance before');

    // Policy: the editor starts from suggested wording; the leader fills in what only they know.
    await school.goto(`/schools/${schoolId}`);
    await school.getByRole('link', { name: 'Provider access policy' }).click();
    await settled(school);
    await school.getByLabel('Full name').fill('Sam Patel');
    await school.getByLabel('Telephone', { exact: true }).fill('0113 496 0000');
    await school.getByLabel('Web address of your safeguarding policy').fill('https://hartfield.example/safeguarding');
    await school.getByRole('button', { name: 'Save and preview' }).click();
    // Missing dates and programme details are reported in the error summary, linked to the fields.
    const summary = school.getByTestId('error-summary');
    await expect.poll(() => summary.isVisible()).toBe(true);
    expect(await summary.innerText()).toContain('Enter the date the governing body agreed the policy');
    await expectAccessible(school, 'policy editor with errors');
    await summary.getByRole('link', { name: /governing body agreed/ }).click();
    expect(await school.evaluate(() => document.activeElement?.id)).toBe('agreedByGovernorsOn');
    await fillDate(school, 'agreedByGovernorsOn', '10', '7', '2026');
    await fillDate(school, 'nextReviewOn', '9', '7', '2027');
    await school.getByLabel('Careers leader’s name').fill('Sam Patel');
    await school.getByLabel('Careers leader’s telephone').fill('0113 496 0000');
    await school.getByLabel('Summary of your careers programme').fill('A programme built on the Gatsby Benchmarks from Year 7 to Year 11.');
    await school.getByLabel('How you measure its impact').fill('Destinations data and pupil surveys each summer.');
    await fillDate(school, 'careersProgramme.nextReviewOn', '9', '7', '2027');
    await school.getByRole('button', { name: 'Save and preview' }).click();
    await school.waitForURL(`**/schools/${schoolId}/policy/preview`);
    await settled(school);
    expect(await school.locator('.sg-preview').innerText()).toContain('Clash with exams');
    await expectAccessible(school, 'policy preview');
    await school.getByRole('button', { name: 'Publish policy' }).click();
    await expect.poll(() => school.getByTestId('notification-banner').innerText()).toContain('Your provider access policy is published');
    await expectAccessible(school, 'policy published');

    // Slot: the rules engine's verdict shows before submitting.
    await school.goto(`/schools/${schoolId}/slots/new`);
    await settled(school);
    await school.getByLabel('Title').fill('Year 9 assembly: routes after GCSEs');
    await fillDate(school, 'date', '10', '11', '2026');
    await school.getByLabel('Start time').fill('08:50');
    await school.getByLabel('End time').fill('09:20');
    await school.getByLabel('Year 9').check();
    await school.getByLabel('How many providers can take part?').fill('2');
    await expect.poll(() => school.getByTestId('rule-check').innerText(), { timeout: 5000 }).toContain('No problems');
    expect(await school.getByTestId('rule-check').innerText()).toContain('Year 9: counts toward key phase 1');
    await expectAccessible(school, 'new slot, checked');
    await school.getByRole('button', { name: 'Publish slot' }).click();
    await school.waitForURL(`**/schools/${schoolId}/slots?created=1*`);
    await settled(school);
    expect(await school.locator('table').innerText()).toContain('Year 9 assembly: routes after GCSEs');
    await expectAccessible(school, 'slots list');

    // The provider finds it, sees the school's policy beside it, and requests it.
    const prov = await bw.newPage();
    await signInThroughForm(prov, providerUser.email, `/organisations/${provider.orgId}/slots`);
    await settled(prov);
    await expectAccessible(prov, 'search');
    await prov.getByRole('link', { name: /Year 9 assembly: routes after GCSEs.*Hartfield Academy/ }).click();
    await settled(prov);
    const aside = prov.locator('aside');
    expect(await aside.innerText()).toContain('Clash with exams');
    expect(await aside.innerText()).toContain('Sam Patel');
    await expectAccessible(prov, 'slot detail');
    await prov.getByLabel('Message to the school (optional)').fill('Two of our T Level tutors would like to speak to Year 9.');
    await prov.getByRole('button', { name: 'Send request' }).click();
    await expect.poll(() => prov.getByTestId('requested').innerText()).toContain('Requested — awaiting the school’s decision');
    await expectAccessible(prov, 'request sent');
    await prov.getByTestId('requested').getByRole('link', { name: 'my bookings' }).click();
    await settled(prov);
    expect(await prov.locator('table').innerText()).toContain('Requested — awaiting the school’s decision');
    await expectAccessible(prov, 'my bookings, requested');

    // The school approves from its requests inbox.
    await school.goto(`/schools/${schoolId}/requests`);
    await settled(school);
    await expectAccessible(school, 'requests inbox');
    await school.getByRole('link', { name: /Decide on the request from Riverside College/ }).click();
    await settled(school);
    await expectAccessible(school, 'request decision');
    await school.getByLabel('Approve').check();
    await school.getByRole('button', { name: 'Confirm decision' }).click();
    await expect.poll(() => school.getByTestId('notification-banner').innerText()).toContain('You approved the request from Riverside College');
    await expect.poll(() => school.locator('.govuk-summary-list').first().innerText()).toContain('Confirmed');
    await expectAccessible(school, 'request approved');

    await school.goto(`/schools/${schoolId}/bookings`);
    await settled(school);
    expect(await school.locator('table').innerText()).toMatch(/Riverside College\s+Confirmed/);
    await expectAccessible(school, 'school bookings');

    await prov.reload();
    await settled(prov);
    expect(await prov.locator('table').innerText()).toContain('Confirmed by the school');
    const [download] = await Promise.all([prov.waitForEvent('download'), prov.getByRole('button', { name: /Add to calendar/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.ics$/);
    const { readFile } = await import('node:fs/promises');
    expect(await readFile((await download.path())!, 'utf8')).toContain('BEGIN:VCALENDAR');

    // The compliance dashboard moves: Riverside is now a confirmed provider for Year 9's phase 1.
    const after = await complianceRow(school, schoolId, 9);
    expect(after).not.toEqual(before);
    expect(after).toContain('Confirmed: Riverside College');
    await expectAccessible(school, 'compliance after');

    // And the public statement is there for anyone.
    const anon = await bw.newPage();
    await anon.goto(`/policies/${urn}`);
    await settled(anon);
    expect(await anon.locator('h1').innerText()).toBe('Hartfield Academy: provider access policy');
  }, 300_000);

  it('declines a request on a published ground, and the provider sees which', async () => {
    const school = await setUpSchool(bw.world, bw.admin);
    const provider = await setUpProvider(bw.world, bw.admin, { name: 'BrightPath Training' });
    const { id: slotId } = await publishSlot(bw.world, school, { title: 'Year 10 talk: apprenticeships', yearGroups: [10], date: '2026-11-18' });
    const requested = await request(bw.world, provider, school.schoolId, slotId);
    expect(requested.status).toBe(201);

    const page = await bw.newPage();
    await signInThroughForm(page, school.leader.email, `/schools/${school.schoolId}/requests`);
    await settled(page);
    await page.getByRole('link', { name: /Decide on the request from BrightPath Training/ }).click();
    await settled(page);
    await page.getByLabel('Decline').check();
    // Declining without a ground is not allowed: the law wants the published ground on record.
    await page.getByRole('button', { name: 'Confirm decision' }).click();
    await expect.poll(() => page.getByTestId('error-summary').innerText()).toContain('Choose the published ground for declining');
    await expectAccessible(page, 'decline without ground');
    await page.getByLabel('Clash with exams').check();
    await page.getByLabel('Note to the provider (optional)').fill('Year 10 have mocks that week.');
    await page.getByRole('button', { name: 'Confirm decision' }).click();
    await expect.poll(() => page.getByTestId('notification-banner').innerText()).toContain('You declined the request from BrightPath Training');
    await expect.poll(() => page.locator('.govuk-summary-list').first().innerText()).toContain('Clash with exams');
    await expectAccessible(page, 'declined');

    const prov = await bw.newPage();
    await signInThroughForm(prov, provider.user.email, `/organisations/${provider.orgId}/bookings`);
    await settled(prov);
    expect(await prov.getByTestId('my-proposals').innerText()).toContain('You have not proposed any times');
    const status = await prov.locator('table', { hasText: 'Requests and bookings' }).innerText();
    expect(status).toContain('Declined by the school: Clash with exams');
    expect(status).toContain('Year 10 have mocks that week.');
    await expectAccessible(prov, 'provider sees decline');
  }, 120_000);

  it('rejects an invalid slot inline before submitting, and again on submit', async () => {
    const school = await setUpSchool(bw.world, bw.admin);
    const page = await bw.newPage();
    await signInThroughForm(page, school.leader.email, `/schools/${school.schoolId}/slots/new`);
    await settled(page);
    await page.getByLabel('Title').fill('Saturday careers fair');
    // Saturday 14 November 2026: not a school day.
    await fillDate(page, 'date', '14', '11', '2026');
    await page.getByLabel('Start time').fill('10:00');
    await page.getByLabel('End time').fill('11:00');
    await page.getByLabel('Year 9').check();
    await page.getByLabel('Main hall').check();
    const check = page.getByTestId('rule-check');
    await expect.poll(() => check.locator('[data-code="SCHOOL_HOURS"]').count(), { timeout: 5000 }).toBe(1);
    const inline = await check.locator('[data-code="SCHOOL_HOURS"]').innerText();
    expect(inline.length).toBeGreaterThan(20);
    await expectAccessible(page, 'slot with inline problem');

    await page.getByRole('button', { name: 'Publish slot' }).click();
    const summary = page.getByTestId('error-summary');
    await expect.poll(() => summary.innerText()).toContain(inline);
    expect(await summary.innerText()).toContain('This slot breaks the rules');
    expect(new URL(page.url()).pathname).toBe(`/schools/${school.schoolId}/slots/new`);
    // The summary links the rule to the field it is about.
    await summary.getByRole('link', { name: inline }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('start');
    await expectAccessible(page, 'slot rejected');
    const slots = await bw.world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/slots`);
    expect(slots.body.items.map((s: { title: string }) => s.title)).not.toContain('Saturday careers fair');
  }, 120_000);

  it('shows a school’s public policy without sign-in, and works at 320 px', async () => {
    const school = await setUpSchool(bw.world, bw.admin);
    const { body: org } = await bw.world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}`);
    const page = await bw.newPage({ width: 320 });
    await page.goto(`/policies/${org.urn}`);
    await settled(page);
    expect(new URL(page.url()).pathname).toBe(`/policies/${org.urn}`);
    expect(await page.locator('h1').innerText()).toBe(`${org.name}: provider access policy`);
    expect(await page.title()).toBe(`${org.name}: provider access policy – Schoolgate`);
    const text = await page.locator('main').innerText();
    expect(text).toContain('Clash with exams');
    expect(text).toContain('Sam Patel');
    expect(text).toContain('Friday 10 July 2026');
    // Nothing sideways-scrolls at 320 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.screenshot({ path: 'test/browser/.screenshots/public-policy-320.png', fullPage: false });
    await expectAccessible(page, 'public policy');

    await page.goto('/policies/999999');
    await settled(page);
    expect(await page.locator('h1').innerText()).toBe('No published policy for this school');
    await expectAccessible(page, 'public policy not found');
  }, 120_000);

  it('sends an expired session to sign in and back to the same page', async () => {
    const school = await setUpSchool(bw.world, bw.admin);
    const page = await bw.newPage({ width: 320 });
    await signInThroughForm(page, school.leader.email, `/schools/${school.schoolId}/compliance`);
    await settled(page);
    await page.screenshot({ path: 'test/browser/.screenshots/compliance-320.png', fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectAccessible(page, 'compliance at 320');
    // The server no longer accepts the token (as when it has expired).
    await page.evaluate(() => {
      const session = JSON.parse(sessionStorage.getItem('schoolgate.session')!);
      sessionStorage.setItem('schoolgate.session', JSON.stringify({ ...session, idToken: 'expired.token.value', refreshToken: undefined }));
    });
    await page.goto(`/schools/${school.schoolId}/bookings`);
    await page.waitForURL('**/sign-in?**');
    await settled(page);
    await expectAccessible(page, 'sign in after expiry');
    await page.getByLabel('Email address').fill(school.leader.email);
    await page.getByLabel('Password').fill('Test-password-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`**/schools/${school.schoolId}/bookings`);
    await settled(page);
    expect(await page.locator('h1').innerText()).toBe('Bookings');
  }, 120_000);
});

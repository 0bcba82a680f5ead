import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { publishSlot, request, setUpProvider, setUpSchool } from '../support/fixtures.js';
import { expectAccessible, settled, signInThroughForm, useBrowserWorld } from '../support/browser.js';

const bw = useBrowserWorld({ admin: true });

async function propose(provider: { user: { token: string }; orgId: string }, schoolId: string, overrides: Record<string, unknown> = {}) {
  const res = await bw.world.call(provider.user.token, 'POST', `/v1/organisations/${provider.orgId}/proposals`, {
    schoolId,
    date: '2026-11-12',
    start: '09:00',
    end: '09:40',
    yearGroups: [9],
    format: 'assembly',
    message: 'Our engineering T Level team would like to speak to Year 9.',
    ...overrides,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

async function decide(page: Page, name: RegExp) {
  await page.getByRole('link', { name }).click();
  await settled(page);
}

describe('a careers leader answers proposals and repeat requests', () => {
  it('accepts a proposed time into a slot the provider can then request, after a rule problem, and declines another on a published ground', async () => {
    const school = await setUpSchool(bw.world, bw.admin);
    const provider = await setUpProvider(bw.world, bw.admin, { name: 'Northfield College' });
    const other = await setUpProvider(bw.world, bw.admin, { name: 'Apex Training' });
    await propose(provider, school.schoolId);

    // Apex proposes through the form, and the confirmation leads to where it can follow the decision.
    const apex = await bw.newPage({ width: 320 });
    await signInThroughForm(apex, other.user.email, `/organisations/${other.orgId}/propose/${school.schoolId}`);
    await settled(apex);
    await apex.getByLabel('Day').fill('19');
    await apex.getByLabel('Month').fill('11');
    await apex.getByLabel('Year', { exact: true }).fill('2026');
    await apex.getByLabel('Start time').fill('09:00');
    await apex.getByLabel('End time').fill('09:40');
    await apex.getByLabel('Year 10').check();
    await apex.getByLabel('Format', { exact: true }).selectOption('talk');
    await apex.getByRole('button', { name: 'Send proposal' }).click();
    await expect.poll(() => apex.locator('h1').innerText()).toBe('Proposal sent');
    await expectAccessible(apex, 'proposal sent');
    await apex.getByRole('link', { name: 'times you proposed in my bookings' }).click();
    await apex.waitForURL((u) => u.pathname === `/organisations/${other.orgId}/bookings` && u.hash === '#proposals');
    await settled(apex);
    const apexProposals = apex.getByTestId('my-proposals');
    await expect.poll(() => apex.evaluate(() => document.activeElement?.id)).toBe('proposals');
    expect(await apexProposals.locator('caption').innerText()).toBe('Times you proposed');
    expect(await apexProposals.innerText()).toContain('Proposed — awaiting the school’s decision');
    expect(await apexProposals.innerText()).toContain('Thursday 19 November 2026, 09:00 to 09:40');
    expect(await apexProposals.getByRole('link', { name: /Request the new slot/ }).count()).toBe(0);
    expect(await apex.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectAccessible(apex, 'my bookings, proposal awaiting');

    const page = await bw.newPage();
    await signInThroughForm(page, school.leader.email, `/schools/${school.schoolId}/requests`);
    await settled(page);
    const proposals = page.locator('table', { hasText: 'Times proposed by providers' });
    expect(await proposals.innerText()).toContain('Northfield College');
    expect(await proposals.innerText()).toContain('Apex Training');
    await expectAccessible(page, 'requests with proposals');

    await decide(page, /Decide on the time proposed by Northfield College/);
    expect(await page.locator('h1').innerText()).toBe('Time proposed by Northfield College');
    await page.getByLabel('Accept').check();
    // The studio holds 149; Year 9 is 150 pupils, so a statutory slot there breaks WHOLE_YEAR_GROUP.
    await page.getByLabel('Studio').check();
    await page.getByLabel('Title of the slot').fill('Year 9 assembly with Northfield College');
    await page.getByRole('button', { name: 'Confirm decision' }).click();
    const summary = page.getByTestId('error-summary');
    await expect.poll(() => summary.innerText()).toContain('This slot cannot count toward the duty');
    const rule = summary.locator('li').first();
    expect((await rule.innerText()).length).toBeGreaterThan(20);
    await rule.getByRole('link').click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('venueId');
    await expectAccessible(page, 'accept proposal, rule broken');

    await page.getByLabel('Main hall').check();
    await page.getByRole('button', { name: 'Confirm decision' }).click();
    const banner = page.getByTestId('notification-banner');
    await expect.poll(() => banner.innerText()).toContain('A slot was created: Year 9 assembly with Northfield College');
    expect(await banner.innerText()).toContain('Northfield College can now request it');
    expect(await page.locator('.govuk-summary-list').innerText()).toContain('Accepted');
    await expectAccessible(page, 'proposal accepted');

    const slots = await bw.world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/slots`);
    const created = slots.body.items.find((s: { title: string }) => s.title === 'Year 9 assembly with Northfield College');
    expect(created).toMatchObject({ date: '2026-11-12', start: '09:00', end: '09:40', yearGroups: [9], statutory: true });

    // The new slot is real: the provider finds it from its own bookings and requests it.
    const northfield = await bw.newPage({ width: 320 });
    await signInThroughForm(northfield, provider.user.email, `/organisations/${provider.orgId}/bookings`);
    await settled(northfield);
    const mine = northfield.getByTestId('my-proposals');
    expect(await mine.innerText()).toContain('Accepted — request the new slot');
    expect(await northfield.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectAccessible(northfield, 'my bookings, proposal accepted');
    await mine.getByRole('link', { name: /Request the new slot/ }).click();
    await northfield.waitForURL((u) => u.pathname === `/organisations/${provider.orgId}/slots/${school.schoolId}/${created.id}`);
    await settled(northfield);
    expect(await northfield.locator('h1').innerText()).toBe('Year 9 assembly with Northfield College');
    await expectAccessible(northfield, 'new slot from an accepted proposal');
    await northfield.getByRole('button', { name: 'Send request' }).click();
    await expect.poll(() => northfield.getByTestId('requested').innerText()).toContain('Requested — awaiting the school’s decision');
    const requested = await bw.world.call(provider.user.token, 'GET', `/v1/organisations/${provider.orgId}/bookings`);
    expect(requested.body.items.map((b: { slotId: string; status: string }) => [b.slotId, b.status])).toEqual([[created.id, 'requested']]);

    await page.getByRole('link', { name: 'Back to requests' }).first().click();
    await settled(page);
    await decide(page, /Decide on the time proposed by Apex Training/);
    await page.getByLabel('Decline').check();
    await page.getByRole('button', { name: 'Confirm decision' }).click();
    await expect.poll(() => summary.innerText()).toContain('Choose the published ground for declining');
    await page.getByLabel('The need is being met elsewhere').check();
    await page.getByLabel('Note to the provider (optional)').fill('Year 10 already have two talks this term.');
    await page.getByRole('button', { name: 'Confirm decision' }).click();
    await expect.poll(() => banner.innerText()).toContain('You declined the time proposed by Apex Training');
    await expectAccessible(page, 'proposal declined');

    await apex.reload();
    await settled(apex);
    const declined = await apexProposals.innerText();
    expect(declined).toContain('Declined: The need is being met elsewhere');
    expect(declined).toContain('Year 10 already have two talks this term.');
    expect(await apexProposals.getByRole('link', { name: /Request the new slot/ }).count()).toBe(0);
    expect(await apex.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectAccessible(apex, 'my bookings, proposal declined');

    await page.goto(`/schools/${school.schoolId}/requests/proposals/no-such-proposal`);
    await settled(page);
    expect(await page.locator('h1').innerText()).toBe('Proposal not found');
    await expectAccessible(page, 'proposal not found');
    const after = await bw.world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/proposals`);
    expect(after.body.items.map((p: { requesterName: string; status: string }) => `${p.requesterName}:${p.status}`).sort()).toEqual([
      'Apex Training:declined',
      'Northfield College:accepted',
    ]);
  }, 120_000);

  it('offers to confirm a second statutory request from the same provider in the same phase as supplementary', async () => {
    const school = await setUpSchool(bw.world, bw.admin);
    const provider = await setUpProvider(bw.world, bw.admin, { name: 'Riverbank College' });
    const first = await publishSlot(bw.world, school, { title: 'Year 9 assembly: routes after GCSEs', date: '2026-11-10' });
    const second = await publishSlot(bw.world, school, { title: 'Year 9 talk: apprenticeships', date: '2026-11-24', format: 'talk' });
    expect((await request(bw.world, provider, school.schoolId, first.id)).status).toBe(201);
    expect((await request(bw.world, provider, school.schoolId, second.id)).status).toBe(201);

    const page = await bw.newPage({ width: 320 });
    await signInThroughForm(page, school.leader.email, `/schools/${school.schoolId}/requests`);
    await settled(page);
    await decide(page, /Decide on the request from Riverbank College for Year 9 assembly/);
    await page.getByLabel('Approve').check();
    await page.getByRole('button', { name: 'Confirm decision' }).click();
    await expect.poll(() => page.getByTestId('notification-banner').innerText()).toContain('You approved the request from Riverbank College');

    await page.goto(`/schools/${school.schoolId}/requests`);
    await settled(page);
    await decide(page, /Decide on the request from Riverbank College for Year 9 talk/);
    await page.getByLabel('Approve').check();
    await page.getByRole('button', { name: 'Confirm decision' }).click();
    const choice = page.getByTestId('supplementary-choice');
    await expect.poll(() => choice.isVisible()).toBe(true);
    expect(await page.getByTestId('error-summary').innerText()).toMatch(/Riverbank College|different providers|same provider/i);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectAccessible(page, 'supplementary choice');

    await choice.getByRole('button', { name: 'Confirm as a supplementary encounter (it will not count toward the six)' }).click();
    await expect.poll(() => page.getByTestId('notification-banner').innerText()).toContain('as a supplementary encounter');
    const details = page.locator('.govuk-summary-list').first();
    await expect.poll(() => details.innerText()).toContain('Confirmed');
    expect(await details.innerText()).toContain('No, supplementary');
    expect(await choice.count()).toBe(0);
    await expectAccessible(page, 'confirmed as supplementary');

    const booking = await bw.world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/bookings?status=confirmed`);
    expect(booking.body.items.map((b: { title: string; statutory: boolean }) => [b.title, b.statutory]).sort()).toEqual([
      ['Year 9 assembly: routes after GCSEs', true],
      ['Year 9 talk: apprenticeships', false],
    ]);
  }, 120_000);
});

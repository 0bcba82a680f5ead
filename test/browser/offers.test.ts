import { describe, expect, it } from 'vitest';
import { publishSlot, setUpProvider, setUpSchool } from '../support/fixtures.js';
import { setUpEmployer, workplaceTour } from '../support/offers.js';
import { expectAccessible, settled, signInThroughForm, useBrowserWorld } from '../support/browser.js';

const bw = useBrowserWorld({ admin: true });

/**
 * Issue 13 in the browser: a college publishes a taster day, a school finds it and books Year 9,
 * the college confirms; an employer's workplace tour is booked for Year 8; an employer requests a
 * supplementary slot; Benchmark 5 on the compliance page turns Year 8 to met once the tour is
 * delivered. axe at 1280 and 320 px on every page.
 */
describe('offers and employer encounters', () => {
  it('publish, find, book, confirm, request, and Benchmark 5', async () => {
    const school = await setUpSchool(bw.world, bw.admin);
    const college = await setUpProvider(bw.world, bw.admin, { name: 'Riverside College' });
    const employer = await setUpEmployer(bw.world, bw.admin);

    // The college publishes a campus taster day.
    const host = await bw.newPage({ width: 1280 });
    await signInThroughForm(host, college.user.email, `/organisations/${college.orgId}/offers`);
    await settled(host);
    await expectAccessible(host, 'offers, none yet');
    await host.getByRole('button', { name: 'Publish an offer' }).click();
    await settled(host);
    await host.getByRole('button', { name: 'Publish offer' }).click();
    await expect.poll(() => host.locator('.govuk-error-summary').innerText()).toContain('Enter a title');
    await expectAccessible(host, 'publish an offer, with errors');
    await host.getByLabel('Title').fill('T Level taster day: engineering');
    await host.getByLabel('What is it?').selectOption('campus_taster');
    const first = host.getByRole('group', { name: 'First date' });
    await first.getByLabel('Day').fill('10');
    await first.getByLabel('Month').fill('11');
    await first.getByLabel('Year').fill('2026');
    const last = host.getByRole('group', { name: /Last date/ });
    await last.getByLabel('Day').fill('11');
    await last.getByLabel('Month').fill('11');
    await last.getByLabel('Year').fill('2026');
    await host.getByLabel('Start time').fill('09:30');
    await host.getByLabel('End time').fill('14:30');
    await host.getByLabel(/How many pupils can your venue take/).fill('200');
    await host.getByLabel('Year 9', { exact: true }).check();
    await host.getByLabel('Year 10', { exact: true }).check();
    await host.getByLabel('Sector', { exact: true }).selectOption('advanced_manufacturing');
    await host.getByLabel('What will the pupils do?').fill('Pupils try the workshops and meet T Level students.');
    await host.getByRole('button', { name: 'Publish offer' }).click();
    await host.waitForURL((u) => u.pathname === `/organisations/${college.orgId}/offers`);
    await settled(host);
    await expect.poll(() => host.getByRole('heading', { name: 'T Level taster day: engineering' }).count()).toBe(1);
    await expectAccessible(host, 'offers, one published');

    // The school finds it and books the whole of Year 9.
    const leader = await bw.newPage({ width: 1280 });
    await signInThroughForm(leader, school.leader.email, `/schools/${school.schoolId}/offers`);
    await settled(leader);
    await leader.getByLabel('Format', { exact: true }).selectOption('campus_taster');
    await leader.getByRole('button', { name: 'Apply filters' }).click();
    await settled(leader);
    await expectAccessible(leader, 'find offers');
    await leader.screenshot({ path: 'test/browser/.screenshots/find-offers-1280.png', fullPage: true });
    await leader.getByRole('link', { name: /T Level taster day: engineering/ }).first().click();
    await settled(leader);
    await leader.getByLabel('Year 9', { exact: true }).check();
    await leader.getByLabel(/Journey time each way/).fill('30');
    await expectAccessible(leader, 'book an offer');
    await leader.screenshot({ path: 'test/browser/.screenshots/book-offer-1280.png', fullPage: true });
    await leader.getByRole('button', { name: 'Book this date' }).click();
    await leader.waitForURL((u) => u.pathname.startsWith(`/schools/${school.schoolId}/bookings/`));
    await settled(leader);
    await expect.poll(() => leader.locator('main').innerText()).toContain('Waiting for Riverside College to confirm');
    await expectAccessible(leader, 'booking waiting for the host');

    // The college confirms it.
    await host.reload();
    await settled(host);
    await host.getByRole('button', { name: /Confirm booking/ }).click();
    await settled(host);
    await expect.poll(() => host.getByText('Bookings waiting for you to confirm').count()).toBe(0);
    await expect.poll(() => host.locator('main').innerText()).toContain('Confirmed');
    await expectAccessible(host, 'offers, booking confirmed');
    await host.screenshot({ path: 'test/browser/.screenshots/host-offers-1280.png', fullPage: true });
    const confirmed = await bw.world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/bookings`);
    expect(confirmed.body.items.find((b: any) => b.offerId)).toMatchObject({ status: 'confirmed', statutory: true, yearGroups: [9] });

    // An employer's workplace tour, booked for Year 8 on a phone-width screen.
    expect((await bw.world.call(employer.user.token, 'POST', `/v1/organisations/${employer.orgId}/offers`, workplaceTour())).status).toBe(201);
    const phone = await bw.newPage({ width: 320 });
    await signInThroughForm(phone, school.leader.email, `/schools/${school.schoolId}/offers`);
    await settled(phone);
    await expectAccessible(phone, 'find offers at 320');
    await phone.screenshot({ path: 'test/browser/.screenshots/find-offers-320.png', fullPage: true });
    await phone.getByRole('link', { name: /Workplace tour: how a jet engine part is made/ }).click();
    await settled(phone);
    await phone.getByLabel('Year 8', { exact: true }).check();
    await phone.getByLabel(/Journey time each way/).fill('30');
    await expectAccessible(phone, 'book an employer encounter at 320');
    await phone.screenshot({ path: 'test/browser/.screenshots/book-offer-320.png', fullPage: true });
    await phone.getByRole('button', { name: 'Book this date' }).click();
    await phone.waitForURL((u) => u.pathname.startsWith(`/schools/${school.schoolId}/bookings/`));
    await settled(phone);
    await expect.poll(() => phone.locator('main').innerText()).toContain('Meridian Engineering');

    // The employer requests a supplementary slot; a statutory one is not offered to it.
    await publishSlot(bw.world, school, { date: '2026-11-12', statutory: false, title: 'Year 8 careers lunch', yearGroups: [8], start: '12:00', end: '12:45' });
    await publishSlot(bw.world, school, { date: '2026-11-12', title: 'Statutory assembly' });
    const emp = await bw.newPage({ width: 1280 });
    await signInThroughForm(emp, employer.user.email, `/organisations/${employer.orgId}/slots`);
    await settled(emp);
    await expect.poll(() => emp.getByRole('link', { name: /Year 8 careers lunch/ }).count()).toBe(1);
    expect(await emp.getByRole('link', { name: /Statutory assembly/ }).count()).toBe(0);
    await emp.getByRole('link', { name: /Year 8 careers lunch/ }).click();
    await settled(emp);
    await emp.getByRole('button', { name: /Send request/ }).click();
    await expect.poll(async () => (await bw.world.call(employer.user.token, 'GET', `/v1/organisations/${employer.orgId}/bookings`)).body.items.filter((b: any) => b.title === 'Year 8 careers lunch').length).toBe(1);

    // After the tour, the school records it delivered; Benchmark 5 shows Year 8 met.
    bw.world.clock.now = new Date('2026-10-07T09:00:00Z');
    const tour = (await bw.world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/bookings`)).body.items.find((b: any) => b.requesterName === 'Meridian Engineering' && b.offerId);
    expect((await bw.world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${tour.id}/attendance`, { delivered: true })).status).toBe(200);
    for (const width of [1280, 320]) {
      const page = await bw.newPage({ width });
      await signInThroughForm(page, school.leader.email, `/schools/${school.schoolId}/compliance`);
      await settled(page);
      await expect.poll(() => page.getByTestId('b5-2026-8').innerText()).toBe('Met');
      expect(await page.getByTestId('b5-2026-9').innerText()).toBe('Not met');
      await expectAccessible(page, `compliance with Benchmark 5 at ${width}`);
      await page.getByTestId('benchmark5').screenshot({ path: `test/browser/.screenshots/benchmark5-${width}.png` });
    }
    bw.world.clock.now = new Date('2026-09-15T10:00:00Z');
  }, 300_000);
});

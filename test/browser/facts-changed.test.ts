import { describe, expect, it } from 'vitest';
import { publishSlot, request, setUpProvider, setUpSchool } from '../support/fixtures.js';
import { expectAccessible, settled, signInThroughForm, useBrowserWorld } from '../support/browser.js';

const bw = useBrowserWorld({ admin: true });

describe('a careers leader changes the facts under a confirmed booking', () => {
  it('adds an INSET day on a booked date, is told which booking it breaks, keeps it as supplementary, and compliance agrees', async () => {
    const school = await setUpSchool(bw.world, bw.admin);
    const provider = await setUpProvider(bw.world, bw.admin, { name: 'Northfield College' });
    const slot = await publishSlot(bw.world, school, { date: '2026-11-17', title: 'Year 9 assembly: T Levels' });
    const asked = await request(bw.world, provider, school.schoolId, slot.id);
    expect((await bw.world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${asked.body.id}/approve`, {})).status).toBe(200);

    const page = await bw.newPage({ width: 320 });
    await signInThroughForm(page, school.leader.email, `/schools/${school.schoolId}/calendar`);
    await settled(page);
    await page.getByRole('button', { name: 'Add a closure' }).click();
    const field = (id: string) => page.locator(`[id="closures.3.${id}"]`);
    await field('name').fill('Staff training day');
    await field('kind').selectOption('inset');
    await field('start').fill('17');
    await field('start-month').fill('11');
    await field('start-year').fill('2026');
    await field('end').fill('17');
    await field('end-month').fill('11');
    await field('end-year').fill('2026');
    await page.getByRole('button', { name: 'Save calendar' }).click();

    const broken = page.getByTestId('broken-bookings');
    await expect.poll(() => broken.innerText()).toMatch(/One confirmed booking no longer meets the rules/);
    expect(await broken.innerText()).toMatch(/Year 9 assembly: T Levels.*Northfield College/s);
    expect(await broken.innerText()).toMatch(/closed on 17 November 2026 \(INSET day: Staff training day\)/);
    await expectAccessible(page, 'calendar saved with a broken booking');
    await page.screenshot({ path: 'test/browser/.screenshots/calendar-broken-booking-320.png' });

    // Compliance no longer counts it, and says why.
    await page.goto(`/schools/${school.schoolId}/compliance`);
    await settled(page);
    await expect.poll(() => page.getByTestId('broken-bookings').innerText()).toMatch(/not counted below/);
    await expectAccessible(page, 'compliance with a lapsed booking');

    await page.getByRole('link', { name: /Year 9 assembly: T Levels/ }).click();
    await settled(page);
    await page.getByRole('button', { name: 'Keep as a supplementary encounter' }).click();
    await expect.poll(() => page.getByTestId('notification-banner').first().innerText()).toMatch(/kept as a supplementary encounter/);
    await expectAccessible(page, 'booking kept as supplementary');

    await page.goto(`/schools/${school.schoolId}/compliance`);
    await settled(page);
    expect(await page.getByTestId('broken-bookings').count()).toBe(0);
    const booking = await bw.world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/bookings/${asked.body.id}`);
    expect(booking.body).toMatchObject({ status: 'confirmed', statutory: false });
  });
});

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, settled, signInThroughForm, useBrowserWorld } from '../support/browser.js';

const bw = useBrowserWorld();

const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Hartfield//Term dates//EN',
  'BEGIN:VEVENT',
  'UID:t1@hartfield',
  'DTSTART;VALUE=DATE:20260902',
  'DTEND;VALUE=DATE:20261219',
  'SUMMARY:Autumn Term',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:h1@hartfield',
  'DTSTART;VALUE=DATE:20261026',
  'DTEND;VALUE=DATE:20261031',
  'SUMMARY:Autumn Half Term',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:x1@hartfield',
  'DTSTART;VALUE=DATE:20261105',
  'DTEND;VALUE=DATE:20261106',
  'SUMMARY:Bonfire night disco',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

async function fillDate(page: Page, name: string, day: string, month: string, year: string) {
  await page.locator(`[id="${name}"]`).fill(day);
  await page.locator(`[id="${name}-month"]`).fill(month);
  await page.locator(`[id="${name}-year"]`).fill(year);
}

describe('a new careers leader sets up their school', () => {
  it('creates the school, enters roll and a venue, imports term dates, and an admin verifies it', async () => {
    const leader = await bw.world.user('newleader');
    const page = await bw.newPage({ width: 320 });
    await signInThroughForm(page, leader.email, '/');
    await settled(page);
    expect(await page.locator('h1').innerText()).toBe('Your organisations');
    await expectAccessible(page, 'no organisations yet');

    await page.getByRole('link', { name: 'Set up a school, provider or employer' }).click();
    await page.getByLabel('A school').check();
    await page.getByLabel('School name').fill('Kingsmead School');
    await page.getByLabel('URN').fill('12');
    await page.getByLabel('Postcode').fill('LS6 3AB');
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await expect.poll(() => page.getByTestId('error-summary').innerText()).toContain('Enter the school’s URN, 6 or 7 digits');
    await expectAccessible(page, 'new organisation with errors');
    await page.getByLabel('URN').fill('137999');
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await page.waitForURL(/\/schools\/[^/]+$/);
    await settled(page);
    const schoolId = new URL(page.url()).pathname.split('/')[2]!;
    await expect.poll(() => page.locator('h1').innerText()).toBe('Kingsmead School');
    expect(await page.getByTestId('notification-banner').first().innerText()).toContain('waiting to be verified');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.screenshot({ path: 'test/browser/.screenshots/overview-320.png', fullPage: true });
    await expectAccessible(page, 'new school overview');

    // Roll and venue.
    await page.getByRole('link', { name: 'Venues' }).click();
    await settled(page);
    for (const y of [7, 8, 9, 10, 11]) await page.getByLabel(`Year ${y}`, { exact: true }).fill('150');
    await page.getByLabel('Name', { exact: true }).fill('Main hall');
    await page.getByLabel('How many people it holds').fill('400');
    await expectAccessible(page, 'profile');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.waitForURL(`**/schools/${schoolId}`);
    await settled(page);
    const tasks = await page.locator('.govuk-task-list').innerText();
    expect(tasks).toMatch(/Year groups and roll[\s\S]*?Completed/);
    expect(tasks).toMatch(/Venues[\s\S]*?Completed/);

    // Calendar: import the school's .ics, check what was found, then save.
    await page.getByRole('link', { name: 'Term dates and closures' }).click();
    await settled(page);
    await page.getByLabel('Calendar file (.ics)').setInputFiles({ name: 'terms.ics', mimeType: 'text/calendar', buffer: Buffer.from(ICS) });
    const preview = page.getByRole('region', { name: 'Dates found in the calendar file' });
    await expect.poll(() => preview.innerText()).toContain('Autumn Term');
    expect(await preview.innerText()).toContain('Bonfire night disco');
    await expectAccessible(page, 'calendar import preview');
    await page.getByRole('button', { name: 'Use these dates' }).click();
    expect(await page.locator('[id="terms.0.name"]').inputValue()).toBe('Autumn Term');
    await page.getByRole('button', { name: 'Add a closure' }).click();
    await page.locator('[id="closures.1.name"]').fill('INSET day');
    await fillDate(page, 'closures.1.start', '4', '1', '2027');
    await fillDate(page, 'closures.1.end', '4', '1', '2027');
    // A 13:30 Friday finish for everyone, and Years 7–8 on their own hours; first two clashing entries for Year 8.
    await page.getByRole('button', { name: 'Add a weekday with different hours' }).click();
    await page.getByRole('group', { name: 'Different weekday 1' }).getByLabel('Weekday').selectOption('5');
    await page.locator('[id="weekdayOverrides.0.end"]').fill('13:30');
    for (const [n, years] of [[1, ['Year 7', 'Year 8']], [2, ['Year 8']]] as const) {
      await page.getByRole('button', { name: 'Add year group hours' }).click();
      const group = page.getByRole('group', { name: `Year group hours ${n}` });
      for (const year of years) await group.getByLabel(year, { exact: true }).check();
      await page.locator(`[id="yearGroupOverrides.${n - 1}.start"]`).fill('09:00');
      await page.locator(`[id="yearGroupOverrides.${n - 1}.end"]`).fill('15:05');
    }
    await page.getByRole('button', { name: 'Save calendar' }).click();
    await expect.poll(() => page.getByTestId('error-summary').innerText()).toContain('Each year group can have only one set of hours per weekday');
    await expectAccessible(page, 'calendar form with a clashing year-group override');
    // Year 8 on Fridays only is not a clash: named weekdays win over every-weekday hours.
    await page.getByRole('group', { name: 'Year group hours 2' }).getByLabel('Friday').check();
    await page.locator('[id="yearGroupOverrides.1.end"]').fill('13:00');
    await expectAccessible(page, 'calendar form');
    await page.getByRole('button', { name: 'Save calendar' }).click();
    await page.waitForURL(`**/schools/${schoolId}`);
    await settled(page);
    expect(await page.locator('.govuk-task-list').innerText()).toMatch(/Term dates and closures[\s\S]*?Completed/);
    const saved = await bw.world.call(leader.token, 'GET', `/v1/schools/${schoolId}/calendar`);
    expect(saved.body.terms).toEqual([{ name: 'Autumn Term', start: '2026-09-02', end: '2026-12-18' }]);
    expect(saved.body.closures.map((c: { kind: string }) => c.kind)).toEqual(['holiday', 'inset']);
    expect(saved.body.weekdayOverrides).toEqual([{ weekday: 5, start: '08:45', end: '13:30' }]);
    expect(saved.body.yearGroupOverrides).toEqual([
      { yearGroups: [7, 8], start: '09:00', end: '15:05' },
      { yearGroups: [8], weekdays: [5], start: '09:00', end: '13:00' },
    ]);

    // A platform admin verifies the school.
    const adminUser = await bw.world.user('admin', { platformAdmin: true });
    const admin = await bw.newPage();
    await signInThroughForm(admin, adminUser.email, '/admin');
    await settled(admin);
    await admin.getByLabel('Show').selectOption('school');
    await settled(admin);
    await expectAccessible(admin, 'admin');
    await admin.getByRole('button', { name: 'Verify Kingsmead School' }).click();
    await expect.poll(() => admin.getByTestId('notification-banner').innerText()).toContain('Kingsmead School is verified');
    await page.reload();
    await settled(page);
    expect(await page.getByTestId('notification-banner').count()).toBe(0);
  }, 180_000);

  it('lets a provider set up its organisation and propose a time to a school', async () => {
    const user = await bw.world.user('liaison');
    const leader = await bw.world.user('leader2');
    const school = await bw.world.call(leader.token, 'POST', '/v1/schools', { urn: '138001', name: 'Northgate UTC', postcode: 'LS9 8AA', yearGroups: { from: 10, to: 13 } });
    expect(school.status).toBe(201);
    const page = await bw.newPage();
    await signInThroughForm(page, user.email, '/organisations/new');
    await page.getByLabel('A college or training provider').check();
    await page.getByLabel('Organisation name').fill('Riverside College');
    await page.getByLabel('UKPRN').fill('10012345');
    await page.getByLabel('T Levels').check();
    await page.getByLabel('Postcode').fill('LS2 7QT');
    await expectAccessible(page, 'new provider');
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await page.waitForURL((u) => /^\/organisations\/[^/]+$/.test(u.pathname) && u.pathname !== '/organisations/new');
    await settled(page);
    const orgId = new URL(page.url()).pathname.split('/')[2]!;
    expect(await page.locator('h1').innerText()).toBe('Riverside College');
    await expectAccessible(page, 'provider overview');
    await page.getByRole('link', { name: 'Find slots' }).first().click();
    await settled(page);
    expect(await page.locator('main').innerText()).toContain('No slots match');
    await expectAccessible(page, 'search, empty');

    await page.goto(`/organisations/${orgId}/propose/${school.body.id}`);
    await settled(page);
    await page.getByRole('button', { name: 'Send proposal' }).click();
    await expect.poll(() => page.getByTestId('error-summary').innerText()).toContain('Choose at least one year group');
    await expectAccessible(page, 'propose with errors');
  }, 120_000);
});

import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { publishSlot, request, setUpProvider, setUpSchool } from '../support/fixtures.js';
import { expectAccessible, settled, signInThroughForm, useBrowserWorld } from '../support/browser.js';

const bw = useBrowserWorld({ admin: true });

const uidsOf = (ics: string) => new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent).uid);

describe('a private calendar feed, from each side', () => {
  it('makes an address that a calendar reads, and stops it after asking', async () => {
    const { world, admin } = bw;
    const school = await setUpSchool(world, admin);
    const provider = await setUpProvider(world, admin);
    const { id: slotId } = await publishSlot(world, school, { date: '2026-11-10', statutory: false });
    const asked = await request(world, provider, school.schoolId, slotId);
    expect((await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${asked.body.id}/approve`, {})).status).toBe(200);
    const uid = `booking-${asked.body.id}@schoolgate`;

    for (const [user, path, width] of [
      [school.leader, `/schools/${school.schoolId}/profile`, 320],
      [provider.user, `/organisations/${provider.orgId}/settings`, 1280],
    ] as const) {
      const page = await bw.newPage({ width });
      await signInThroughForm(page, user.email, path);
      await settled(page);
      const section = page.getByTestId('calendar-feed');
      await expect.poll(() => section.innerText()).toContain('You have no calendar feed yet.');
      await page.getByRole('button', { name: 'Make a calendar address' }).click();
      const address = page.getByLabel('Your calendar address');
      await expect.poll(() => address.inputValue()).toMatch(/\/v1\/public\/calendar-feeds\/[A-Za-z0-9_-]{43}\.ics$/);
      const url = await address.inputValue();
      await expectAccessible(page, `calendar feed made at ${width}`);
      if (width === 320) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      await section.screenshot({ path: `test/browser/.screenshots/calendar-feed-${width}.png` });

      // A calendar app fetches it with no sign-in, and finds the confirmed booking.
      const feed = await page.request.get(url);
      expect(feed.status()).toBe(200);
      expect(uidsOf(await feed.text())).toEqual([uid]);

      // Stopping asks first; "Keep it" keeps it.
      await page.getByRole('button', { name: 'Stop the calendar feed' }).click();
      await expect.poll(() => page.getByRole('alert').filter({ hasText: 'will stop updating' }).count()).toBe(1);
      await expectAccessible(page, `stopping the calendar feed at ${width}`);
      await page.getByRole('button', { name: 'Keep it' }).click();
      expect((await page.request.get(url)).status()).toBe(200);
      await page.getByRole('button', { name: 'Stop the calendar feed' }).click();
      await page.getByRole('button', { name: 'Yes, stop the feed' }).click();
      await expect.poll(() => section.innerText()).toContain('Your calendar feed is stopped');
      expect((await page.request.get(url)).status()).toBe(404);
    }
  }, 240_000);
});

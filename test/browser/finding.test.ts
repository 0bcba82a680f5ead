import { describe, expect, it } from 'vitest';
import { publishSlot, setUpProvider, setUpSchool } from '../support/fixtures.js';
import { expectAccessible, settled, signInThroughForm, useBrowserWorld } from '../support/browser.js';

const bw = useBrowserWorld({ admin: true });

/**
 * Finding each other (issue 15): a provider finds schools near it in the directory and goes on to
 * a school's policy or to propose a time; the platform admin works through the verification queue.
 */
describe('finding each other, in the browser', () => {
  it('a provider finds a school in the directory, filters it, and goes on to propose a time', async () => {
    const { world, admin } = bw;
    const school = await setUpSchool(world, admin, { yearGroups: { from: 7, to: 13 } });
    await publishSlot(world, school, { title: 'Year 10 assembly', date: '2026-11-24', yearGroups: [10], statutory: false });
    const primary = await setUpSchool(world, admin, { yearGroups: { from: 1, to: 6 }, publish: false });
    const provider = await setUpProvider(world, admin);
    const schoolName = (await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}`)).body.name as string;
    const primaryName = (await world.call(primary.leader.token, 'GET', `/v1/schools/${primary.schoolId}`)).body.name as string;

    for (const width of [1280, 320]) {
      const page = await bw.newPage({ width });
      await signInThroughForm(page, provider.user.email, `/organisations/${provider.orgId}`);
      await settled(page);
      await page.getByRole('button', { name: 'Find schools' }).click();
      await page.waitForURL(/\/schools$/);
      await settled(page);
      const names = () => page.getByTestId('directory-school').locator('h3').allInnerTexts();
      await expect.poll(names).toEqual(expect.arrayContaining([schoolName, primaryName]));
      await expectAccessible(page, `school directory at ${width}`);
      if (width === 320) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

      // Secondary schools with open slots: the primary (no policy, no slots) drops out.
      await page.getByLabel('Phase of education').selectOption('secondary');
      await page.getByLabel('Open slots').selectOption('true');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await expect.poll(names).toEqual([schoolName]);
      const result = page.getByTestId('directory-school').first();
      expect(await result.innerText()).toContain('Policy published');
      expect(await result.innerText()).toContain('Has open slots');
      await page.screenshot({ path: `test/browser/.screenshots/school-directory-${width}.png`, fullPage: true });
      await expectAccessible(page, `school directory filtered at ${width}`);

      await result.getByRole('link', { name: `Propose a time to ${schoolName}` }).click();
      await page.waitForURL(new RegExp(`/organisations/${provider.orgId}/propose/${school.schoolId}$`));
      await settled(page);
      await page.goBack();
      await settled(page);
      await page.getByTestId('directory-school').first().getByRole('link', { name: /provider access policy/ }).click();
      await page.waitForURL(/\/policies\/\d+$/);
      await settled(page);
      expect(await page.locator('h1').innerText()).toContain(schoolName);
      await page.close();
    }
  }, 120_000);

  it('the platform admin sees who waits longest, with what to check on the register, and verifies', async () => {
    const { world, admin } = bw;
    const waiting = await setUpProvider(world, admin, { verify: false, name: 'Waiting Skills College' });
    for (const width of [1280, 320]) {
      const page = await bw.newPage({ width });
      await signInThroughForm(page, admin.email, '/admin');
      await settled(page);
      const queue = page.getByRole('table', { name: 'Waiting, longest first' });
      await expect.poll(() => queue.innerText()).toContain('Waiting Skills College');
      expect(await queue.innerText()).toMatch(/UKPRN 1\d{7}/);
      expect(await page.getByRole('table', { name: 'Organisations by state' }).innerText()).toMatch(/Providers\s+1\s+\d+/);
      await expectAccessible(page, `verification queue at ${width}`);
      await page.screenshot({ path: `test/browser/.screenshots/verification-queue-${width}.png`, fullPage: true });
      if (width === 320) {
        await queue.getByRole('button', { name: 'Verify Waiting Skills College' }).click();
        await expect.poll(() => page.getByText('Waiting Skills College is verified').count()).toBeGreaterThan(0);
        await expect.poll(() => page.getByText('Nobody is waiting to be verified.').count()).toBe(1);
      }
      await page.close();
    }
    expect((await world.call(admin.token, 'GET', `/v1/organisations/${waiting.orgId}`)).body.verified).toBe(true);
  }, 120_000);
});

describe('recurring slots, in the browser', () => {
  it('a careers leader creates an assembly every Tuesday of a half term and reads the report per date', async () => {
    const { world, admin } = bw;
    const school = await setUpSchool(world, admin);
    for (const width of [1280, 320]) {
      const page = await bw.newPage({ width });
      const leader = school.leader as { email: string; token: string };
      await signInThroughForm(page, leader.email, `/schools/${school.schoolId}`);
      await settled(page);
      await page.getByRole('link', { name: 'create a series' }).click();
      await page.waitForURL(/\/slots\/series$/);
      await settled(page);
      await expectAccessible(page, `series form at ${width}`);
      await page.getByLabel('Title').fill(`Year 9 assembly at ${width}`);
      await page.getByLabel('Repeat every').selectOption('tuesday');
      const dateParts = async (legend: string, [day, month, year]: string[]) => {
        const group = page.getByRole('group', { name: legend });
        await group.getByLabel('Day').fill(day!);
        await group.getByLabel('Month').fill(month!);
        await group.getByLabel('Year').fill(year!);
      };
      await dateParts('From', ['12', '10', '2026']);
      await dateParts('To', ['6', '11', '2026']);
      await page.getByLabel('Start time').fill(width === 1280 ? '08:50' : '09:30');
      await page.getByLabel('End time').fill(width === 1280 ? '09:20' : '10:00');
      await page.getByLabel('Year 9').check();
      await page.getByLabel('Main hall').check();
      await page.getByRole('button', { name: 'Create the slots' }).click();
      await expect.poll(() => page.getByTestId('series-summary').count(), { timeout: 15_000 }).toBe(1).catch(async (error) => {
        await page.screenshot({ path: 'test/browser/.screenshots/slot-series-failed.png', fullPage: true });
        throw error;
      });
      expect(await page.getByTestId('series-summary').innerText()).toBe('3 slots created, 1 not created');
      expect(await page.getByRole('table', { name: 'Each date, as the rules judged it' }).innerText()).toContain('Not created');
      await expectAccessible(page, `series report at ${width}`);
      if (width === 320) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      await page.screenshot({ path: `test/browser/.screenshots/slot-series-${width}.png`, fullPage: true });
      await page.close();
    }
  }, 120_000);
});

import { describe, expect, it } from 'vitest';
import { calendar2026, policy, publishSlot } from '../support/fixtures.js';
import { expectAccessible, settled, signInThroughForm, useBrowserWorld } from '../support/browser.js';

const bw = useBrowserWorld({ admin: true });

/**
 * Places come from postcodes: nobody types coordinates. A school signed up a minute ago in the
 * browser is found by a provider's distance search; a provider in a district the table does not
 * know is asked for a nearby district, and can always search near another postcode.
 */
describe('places from postcodes, in the browser', () => {
  it('finds a school signed up a minute ago by distance, from a provider placed by a nearby district', async () => {
    const { world, admin } = bw;

    // A careers leader signs up a Newcastle school with nothing but its postcode.
    const leader = await world.user('tyneleader');
    const school = await bw.newPage({ width: 1280 });
    await signInThroughForm(school, leader.email, '/organisations/new');
    await settled(school);
    await school.getByLabel('A school').check();
    await school.getByLabel('School name').fill('Quayside Academy');
    await school.getByLabel('URN').fill('399101');
    await school.getByLabel('Postcode').fill('NE1 4ST');
    expect(await school.getByLabel('Latitude').count()).toBe(0);
    await school.getByRole('button', { name: 'Create organisation' }).click();
    await school.waitForURL(/\/schools\/[^/]+$/);
    await settled(school);
    const schoolId = new URL(school.url()).pathname.split('/')[2]!;
    // Its profile says where distances are measured from, and asks for no coordinates.
    await school.goto(`/schools/${schoolId}/profile`);
    await settled(school);
    expect(await school.getByTestId('placed').innerText()).toContain('NE1 4ST');
    expect(await school.getByLabel('Latitude').count()).toBe(0);
    await expectAccessible(school, 'school profile, placed');

    // The rest of the school's set-up is not this journey's business: the API does it.
    const setUp = await world.call(leader.token, 'PATCH', `/v1/schools/${schoolId}`, {
      roll: { '10': 150 },
      venues: [{ name: 'Hall', capacity: 400, facilities: [] }],
    });
    expect(setUp.status, JSON.stringify(setUp.body)).toBe(200);
    expect((await world.call(admin.token, 'POST', `/v1/admin/organisations/${schoolId}/verify`)).status).toBe(200);
    expect((await world.call(leader.token, 'PUT', `/v1/schools/${schoolId}/calendar`, calendar2026)).status).toBe(200);
    expect((await world.call(leader.token, 'PUT', `/v1/schools/${schoolId}/policy`, policy())).status).toBe(201);
    expect((await world.call(leader.token, 'POST', `/v1/schools/${schoolId}/policy/publish`)).status).toBe(200);
    const hallId = setUp.body.venues[0].id as string;
    const published = await publishSlot(world, { leader, schoolId, hallId, studioId: '' }, { title: 'Year 10 careers fair', date: '2026-12-08', yearGroups: [10] });

    // A provider signs up with a postcode in a district we cannot place: it is asked, not blocked.
    const founder = await world.user('nowhere');
    const page = await bw.newPage({ width: 320 });
    await signInThroughForm(page, founder.email, '/organisations/new');
    await settled(page);
    await page.getByLabel('A college or training provider').check();
    await page.getByLabel('Organisation name').fill('Northern Rail Skills');
    await page.getByLabel('UKPRN').fill('10999101');
    await page.getByLabel('Apprenticeships').check();
    await page.getByLabel('Postcode').fill('ZZ9 9ZZ');
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await page.waitForURL(/\/organisations\/[^/]+\/settings/);
    await settled(page);
    const orgId = new URL(page.url()).pathname.split('/')[2]!;
    expect(await page.getByTestId('cannot-place').innerText()).toContain('We could not place ZZ9: choose a nearby postcode district or enter the location');
    await expectAccessible(page, 'settings asking for a place at 320');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.screenshot({ path: 'test/browser/.screenshots/places-ask-320.png', fullPage: true });

    // A district we cannot place either is named back; a nearby one places the organisation.
    await page.getByLabel('A nearby postcode district').fill('ZZ8');
    await page.getByLabel('Contact email address').fill('skills@northern.example');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByTestId('error-summary').innerText()).toContain('We could not place ZZ8 either');
    await page.getByLabel('A nearby postcode district').fill('NE2');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByTestId('placed').count()).toBe(1);
    const stored = await world.call(founder.token, 'GET', `/v1/organisations/${orgId}`);
    expect(stored.body.location.latitude).toBeCloseTo(54.99, 1);
    expect((await world.call(admin.token, 'POST', `/v1/admin/organisations/${orgId}/verify`)).status).toBe(200);

    // Search: 50 km is shown as the default and finds the Newcastle school signed up above.
    await page.goto(`/organisations/${orgId}/slots`);
    await settled(page);
    expect(await page.getByLabel('Within (km)').inputValue()).toBe('50');
    const result = page.locator('.sg-result', { hasText: 'Quayside Academy' });
    await expect.poll(() => result.count()).toBe(1);
    expect(await result.innerText()).toMatch(/Year 10 careers fair[\s\S]*km away/);
    await expectAccessible(page, 'search at 320');

    // Near another postcode: Leeds is too far from Newcastle for 50 km, Durham is not, and an unknown district is named.
    await page.getByLabel('Near postcode (optional)').fill('LS6');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/near=LS6/);
    await settled(page);
    await expect.poll(() => page.locator('.sg-result', { hasText: 'Quayside Academy' }).count()).toBe(0);
    await page.getByLabel('Near postcode (optional)').fill('DH1 3LE');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/near=DH1/);
    await settled(page);
    await expect.poll(() => page.locator('.sg-result', { hasText: 'Quayside Academy' }).count()).toBe(1);
    await page.getByLabel('Near postcode (optional)').fill('ZZ9');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => page.getByTestId('near-unknown').count()).toBe(1);
    await expectAccessible(page, 'search near an unknown district');

    const wide = await bw.newPage({ width: 1280 });
    await signInThroughForm(wide, founder.email, `/organisations/${orgId}/slots`);
    await settled(wide);
    await expect.poll(() => wide.locator('.sg-result', { hasText: 'Quayside Academy' }).count()).toBe(1);
    await expectAccessible(wide, 'search at 1280');
    await wide.screenshot({ path: 'test/browser/.screenshots/places-search-1280.png', fullPage: true });
    expect(published.id).toBeTruthy();
  }, 300_000);
});

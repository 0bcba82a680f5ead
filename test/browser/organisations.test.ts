import { describe, expect, it } from 'vitest';
import { publishSlot, setUpSchool } from '../support/fixtures.js';
import { expectAccessible, settled, signInThroughForm, useBrowserWorld } from '../support/browser.js';

const bw = useBrowserWorld({ admin: true });

describe('organisation settings and colleagues', () => {
  it('a provider we cannot place chooses a nearby district from the search’s prompt, searches by distance, and opens a school’s policy', async () => {
    const school = await setUpSchool(bw.world, bw.admin);
    const { body: schoolOrg } = await bw.world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}`);
    await publishSlot(bw.world, school, { title: 'Year 10 talk: T Levels', yearGroups: [10], date: '2026-11-18' });
    const user = await bw.world.user('liaison');
    const created = await bw.world.call(user.token, 'POST', '/v1/providers', {
      ukprn: '10099887',
      name: 'Wharfedale Training',
      providerType: 'itp',
      offers: ['apprenticeships'],
      // A district the table does not know: the organisation has no location until it says where it is.
      postcode: 'ZZ9 9ZZ',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const orgId = created.body.id as string;
    expect((await bw.world.call(bw.admin.token, 'POST', `/v1/admin/organisations/${orgId}/verify`)).status).toBe(200);

    const page = await bw.newPage();
    await signInThroughForm(page, user.email, `/organisations/${orgId}`);
    await settled(page);
    expect(await page.getByRole('link', { name: 'Invite a colleague' }).count()).toBe(1);
    await page.getByRole('link', { name: 'Find slots' }).first().click();
    await settled(page);
    await page.getByLabel('Within (km)').fill('25');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/withinKm=25/);
    const needsLocation = page.getByTestId('needs-location');
    await expect.poll(() => needsLocation.isVisible()).toBe(true);
    await expectAccessible(page, 'distance search without a location');
    await needsLocation.getByRole('link', { name: 'Choose a nearby postcode district in organisation settings' }).click();
    await settled(page);
    expect(await page.locator('h1').innerText()).toBe('Organisation settings');
    expect(await page.getByLabel('Organisation name').inputValue()).toBe('Wharfedale Training');
    expect(await page.getByLabel('Contact email address').inputValue()).toBe(user.email);
    await expectAccessible(page, 'organisation settings');

    expect(await page.getByTestId('cannot-place').innerText()).toContain('We could not place ZZ9');
    // Half a location is refused, naming the missing half.
    await page.getByText('Enter the location instead').click();
    await page.getByLabel('Latitude').fill('53.81');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const summary = page.getByTestId('error-summary');
    await expect.poll(() => summary.innerText()).toContain('Enter both latitude and longitude, or a nearby postcode district');
    await expectAccessible(page, 'organisation settings with errors');
    await page.getByLabel('Latitude').fill('');
    await page.getByLabel('A nearby postcode district').fill('LS21');
    await page.getByLabel('Send reminders this many days before each booking').fill('14, 2');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const banner = page.getByTestId('notification-banner');
    await expect.poll(() => banner.innerText()).toContain('Your organisation settings are saved');
    await expectAccessible(page, 'organisation settings saved');
    const saved = await bw.world.call(user.token, 'GET', `/v1/organisations/${orgId}`);
    expect(saved.body.location.latitude).toBeCloseTo(53.9, 1);
    expect(saved.body.notifications).toEqual({ contactEmail: user.email, reminderDaysBefore: [14, 2] });

    await banner.getByRole('link', { name: 'Go back to your search' }).click();
    await settled(page);
    expect(new URL(page.url()).searchParams.get('withinKm')).toBe('25');
    const result = page.locator('.sg-result', { hasText: 'Year 10 talk: T Levels' });
    await expect.poll(() => result.innerText()).toMatch(/\d+\.\d km away/);
    await expectAccessible(page, 'distance search results');

    await result.getByRole('link', { name: `Read ${schoolOrg.name}’s access policy` }).click();
    await settled(page);
    expect(new URL(page.url()).pathname).toBe(`/policies/${schoolOrg.urn}`);
    expect(await page.locator('h1').innerText()).toBe(`${schoolOrg.name}: provider access policy`);
  }, 120_000);

  it('a careers leader sets notification emails and invites a colleague', async () => {
    const school = await setUpSchool(bw.world, bw.admin);
    const colleague = await bw.world.user('colleague');
    const page = await bw.newPage({ width: 320 });
    await signInThroughForm(page, school.leader.email, `/schools/${school.schoolId}/profile`);
    await settled(page);
    expect(await page.locator('main').innerText()).toContain('We always email confirmations and cancellations');
    expect(await page.getByLabel('Send reminders this many days before each booking').inputValue()).toBe('7, 1');
    await page.getByLabel('Contact email address').fill('office@school.example');
    // Empty switches reminders off; confirmations and cancellations still go.
    await page.getByLabel('Send reminders this many days before each booking').fill('');
    await expectAccessible(page, 'school profile with notifications');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.waitForURL(`**/schools/${school.schoolId}`);
    await settled(page);
    const saved = await bw.world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}`);
    expect(saved.body.notifications).toEqual({ contactEmail: 'office@school.example', reminderDaysBefore: [] });

    await page.getByRole('link', { name: 'Invite a colleague' }).click();
    await settled(page);
    expect(await page.locator('h1').innerText()).toBe('Invite a colleague');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await expect.poll(() => page.getByTestId('error-summary').innerText()).toContain('Choose what your colleague can do');
    await expectAccessible(page, 'invite with errors');
    await page.getByLabel('Email address').fill(colleague.email);
    await page.getByLabel('Staff').check();
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.waitForURL(`**/schools/${school.schoolId}`);
    await settled(page);
    const banner = page.getByTestId('notification-banner').first();
    expect(await banner.innerText()).toContain(`Invitation sent to ${colleague.email}`);
    expect(await banner.innerText()).toContain('as staff');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectAccessible(page, 'overview after inviting');
    await page.reload();
    await settled(page);
    expect(await page.locator('main').innerText()).not.toContain('Invitation sent');

    const me = await bw.world.call(colleague.token, 'GET', '/v1/me');
    expect(me.body.invitations).toEqual([{ orgId: school.schoolId, orgName: saved.body.name, role: 'staff' }]);
  }, 120_000);
});

import { describe, expect, it } from 'vitest';
import { setUpSchool } from '../support/fixtures.js';
import { expectAccessible, settled, signInThroughForm, useBrowserWorld } from '../support/browser.js';
import { addPupils, publishPlacement, requestDays, setUpEmployer, signOffSafetyPack } from '../support/placements.js';

/** Issue 12 (placements half) in Chromium, axe-clean at 1280 and 320 px: the school's and the host's journeys. */
const bw = useBrowserWorld({ admin: true });
/** The machine is shared: give the API time. */
const poll = <T,>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 15_000 });
const shot = (name: string) => `test/browser/.screenshots/work-experience-${name}.png`;

describe('work experience in the browser', () => {
  it('a school adds and imports pupils, finds a placement, requests days and records consent', async () => {
    const school = await setUpSchool(bw.world, bw.admin);
    const host = await setUpEmployer(bw.world, bw.admin, { name: 'Meridian Engineering' });
    await publishPlacement(bw.world, host);

    const page = await bw.newPage({ width: 1280 });
    await signInThroughForm(page, school.leader.email, `/schools/${school.schoolId}/work-experience/pupils`);
    await settled(page);
    await expectAccessible(page, 'pupils, empty');
    await page.getByLabel('Your reference for the pupil').fill('H001');
    await page.getByLabel('First name').fill('Amara');
    await page.getByLabel('Last name').fill('Okafor');
    await page.getByLabel('Year group').selectOption('10');
    await page.getByRole('button', { name: 'Add pupil' }).click();
    await poll(() => page.getByRole('cell', { name: 'Amara Okafor', exact: true }).count()).toBe(1);
    await page.getByLabel('Paste CSV').fill('reference,firstName,lastName,yearGroup\nH002,Ben,Carter,10\nH003,Chloe,Davies,12\n');
    await page.getByRole('button', { name: 'Import pupils' }).click();
    await poll(() => page.locator('.govuk-error-summary').innerText()).toContain('Row 3, yearGroup');
    await expectAccessible(page, 'pupils, import error');
    await page.getByLabel('Paste CSV').fill('reference,firstName,lastName,yearGroup\nH002,Ben,Carter,10\n');
    await page.getByRole('button', { name: 'Import pupils' }).click();
    await poll(() => page.getByRole('cell', { name: 'Ben Carter', exact: true }).count()).toBe(1);
    await page.screenshot({ path: shot('pupils-1280'), fullPage: true });

    await page.goto(`/schools/${school.schoolId}/work-experience/find`);
    await settled(page);
    await page.getByRole('button', { name: 'Search' }).click();
    await poll(() => page.getByRole('heading', { name: '1 placement with places left' }).count()).toBe(1);
    await expectAccessible(page, 'find placements');
    await page.screenshot({ path: shot('find-1280'), fullPage: true });
    await page.getByRole('link', { name: /Request days on Engineering week/ }).click();
    await settled(page);
    await expectAccessible(page, 'request days');
    await page.getByLabel('Monday 16 November 2026').check();
    await page.getByLabel('Tuesday 17 November 2026').check();
    await page.getByLabel('Amara Okafor').check();
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.waitForURL((u) => u.pathname === `/schools/${school.schoolId}/work-experience`);
    await settled(page);
    await poll(() => page.getByTestId('notification-banner').innerText()).toContain('Your request has been sent');
    await page.getByRole('button', { name: 'Record consent for Amara Okafor' }).click();
    await poll(() => page.getByText('Consent recorded').count()).toBe(1);
    await expectAccessible(page, 'work experience overview');
    await page.screenshot({ path: shot('school-1280'), fullPage: true });

    const narrow = await bw.newPage({ width: 320 });
    await signInThroughForm(narrow, school.leader.email, `/schools/${school.schoolId}/work-experience`);
    await settled(narrow);
    await expectAccessible(narrow, 'work experience overview at 320');
    await narrow.screenshot({ path: shot('school-320'), fullPage: true });
    for (const path of ['pupils', 'find']) {
      await narrow.goto(`/schools/${school.schoolId}/work-experience/${path}`);
      await settled(narrow);
      await expectAccessible(narrow, `${path} at 320`);
    }
    await narrow.screenshot({ path: shot('find-320'), fullPage: true });
  }, 240_000);

  it('a host publishes a placement, confirms a request (names appear), then records attendance and feedback', async () => {
    const school = await setUpSchool(bw.world, bw.admin);
    const host = await setUpEmployer(bw.world, bw.admin, { name: 'Meridian Engineering' });
    await signOffSafetyPack(bw.world.db, school.schoolId, host.orgId);
    await bw.world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/work-experience/settings`, { consentRequired: false });

    const page = await bw.newPage({ width: 1280 });
    await signInThroughForm(page, host.user.email, `/organisations/${host.orgId}/work-experience/new`);
    await settled(page);
    await expectAccessible(page, 'offer a placement');
    await page.getByLabel('Title').fill('Workshop week');
    await page.getByLabel('What pupils will do').fill('Build and test a gearbox.');
    await page.getByLabel('Who they will meet').fill('Apprentices and engineers.');
    await page.getByLabel('The feedback they will get').fill('A written report.');
    await page.getByLabel('Address').fill('Hunslet Works, Leeds');
    await page.getByLabel('Postcode').fill('LS10 1NE');
    await page.getByRole('group', { name: 'First day' }).getByLabel('Day').fill('5');
    await page.getByRole('group', { name: 'First day' }).getByLabel('Month').fill('10');
    await page.getByRole('group', { name: 'First day' }).getByLabel('Year').fill('2026');
    await page.getByRole('group', { name: 'Last day' }).getByLabel('Day').fill('7');
    await page.getByRole('group', { name: 'Last day' }).getByLabel('Month').fill('10');
    await page.getByRole('group', { name: 'Last day' }).getByLabel('Year').fill('2026');
    await page.getByLabel('Supervisor’s name').fill('Dev Sharma');
    await page.getByLabel('Supervisor’s email').fill('dev@meridian.example');
    await page.getByRole('button', { name: 'Publish placement' }).click();
    await page.waitForURL((u) => u.pathname === `/organisations/${host.orgId}/work-experience`);
    await settled(page);
    await poll(() => page.getByTestId('notification-banner').first().innerText()).toContain('Your placement is published');
    await expectAccessible(page, 'host work experience');

    const offers = await bw.world.call(host.user.token, 'GET', `/v1/organisations/${host.orgId}/placements`);
    const placementId = offers.body.items[0].id as string;
    const [pupil] = await addPupils(bw.world, school, 1);
    expect((await requestDays(bw.world, school, host.orgId, placementId, ['2026-10-05', '2026-10-06'], [pupil!])).status).toBe(201);
    await page.reload();
    await settled(page);
    await poll(() => page.getByText('names shown once you confirm', { exact: false }).count()).toBe(1);
    await page.screenshot({ path: shot('host-request-1280'), fullPage: true });
    await page.getByRole('button', { name: /^Confirm Workshop week/ }).click();
    await poll(() => page.getByText(/Pupil0 Test\d+, Year 10/).count()).toBe(1);
    await expectAccessible(page, 'host confirmed');

    // Before the real date, so the page still trusts the sign-in token's expiry.
    bw.world.clock.now = new Date('2026-10-06T16:00:00Z');
    const later = await bw.newPage({ width: 320 });
    await signInThroughForm(later, host.user.email, `/organisations/${host.orgId}/work-experience`);
    await settled(later);
    await expectAccessible(later, 'host attendance at 320');
    await later.getByRole('button', { name: /^Attended Pupil0 Test\d+ on Monday 5 October 2026/ }).click();
    await poll(() => later.getByText('Attended', { exact: true }).count()).toBe(1);
    await later.getByLabel(/Feedback for Pupil0/).fill('Curious and careful.');
    await later.getByRole('button', { name: /Save feedback/ }).click();
    await poll(() => later.getByText('Curious and careful.').count()).toBe(1);
    await expectAccessible(later, 'host feedback at 320');
    await later.screenshot({ path: shot('host-320'), fullPage: true });
    bw.world.clock.now = new Date('2026-09-15T10:00:00Z');
  }, 240_000);
  it('a host offers single days as hybrid; both sides see days after the insurance expiry; the school cancels in one step from the email link', async () => {
    const school = await setUpSchool(bw.world, bw.admin);
    const host = await setUpEmployer(bw.world, bw.admin, { name: 'Aire Foods' });
    await signOffSafetyPack(bw.world.db, school.schoolId, host.orgId);
    await bw.world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/work-experience/settings`, { consentRequired: false });

    const page = await bw.newPage({ width: 1280 });
    await signInThroughForm(page, host.user.email, `/organisations/${host.orgId}/work-experience/new`);
    await settled(page);
    await page.getByLabel('Title').fill('Food science days');
    await page.getByLabel('What pupils will do').fill('Test a recipe in the lab.');
    await page.getByLabel('Who they will meet').fill('Food scientists.');
    await page.getByLabel('The feedback they will get').fill('A short report.');
    await page.getByLabel('Address').fill('Kirkstall Road, Leeds');
    await page.getByLabel('Postcode').fill('LS4 2AZ');
    await page.getByLabel(/^Hybrid/).check();
    await page.getByLabel('Single days').check();
    await page.getByRole('button', { name: 'Publish placement' }).click();
    // Nothing left out is sent: the reason for hybrid and each day are asked for by name.
    await poll(() => page.locator('.govuk-error-summary').innerText()).toContain('Say why this placement cannot be wholly in person');
    await expectAccessible(page, 'offer form, single days and hybrid, with errors');
    await page.getByLabel('Why it cannot be wholly in person').fill('The lab takes two pupils at a time; the rest join the tasting panel online.');
    const day = (n: number) => page.getByRole('group', { name: `Day ${n}` });
    await day(1).getByLabel('Day').fill('1');
    await day(1).getByLabel('Month').fill('2');
    await day(1).getByLabel('Year').fill('2027');
    await page.getByRole('button', { name: 'Add another day' }).click();
    await day(2).getByLabel('Day').fill('3');
    await day(2).getByLabel('Month').fill('2');
    await day(2).getByLabel('Year').fill('2027');
    await page.getByLabel('Supervisor’s name').fill('Sam Reid');
    await page.getByLabel('Supervisor’s email').fill('sam@airefoods.example');
    await page.screenshot({ path: shot('offer-days-1280'), fullPage: true });
    await page.getByRole('button', { name: 'Publish placement' }).click();
    await page.waitForURL((u) => u.pathname === `/organisations/${host.orgId}/work-experience`);
    const offers = await bw.world.call(host.user.token, 'GET', `/v1/organisations/${host.orgId}/placements`);
    expect(offers.body.items[0]).toMatchObject({ days: ['2027-02-01', '2027-02-03'], attendance: 'hybrid', hybridReason: expect.stringContaining('tasting panel') });

    const [pupil] = await addPupils(bw.world, school, 1);
    const asked = await requestDays(bw.world, school, host.orgId, offers.body.items[0].id, ['2027-02-01', '2027-02-03'], [pupil!]);
    expect(asked.status).toBe(201);
    expect((await bw.world.call(host.user.token, 'POST', `/v1/organisations/${host.orgId}/placement-bookings/${school.schoolId}/${asked.body.id}/confirm`)).status).toBe(200);
    // The host's certificate now runs out on 2 February: the 3rd is beyond it.
    const pack = await bw.world.call(host.user.token, 'GET', `/v1/organisations/${host.orgId}/safety-pack`);
    await signOffSafetyPack(bw.world.db, school.schoolId, host.orgId, { insuranceExpiresOn: '2027-02-02', packVersion: pack.body.packVersion });

    await page.goto(`/organisations/${host.orgId}/safety-pack`);
    await settled(page);
    await poll(() => page.getByRole('heading', { name: 'Placements confirmed after the insurance expires' }).count()).toBe(1);
    await poll(() => page.locator('#after-insurance-expiry').innerText()).toContain('Wednesday 3 February 2027');
    await expectAccessible(page, 'host safety pack with days after expiry');
    await page.screenshot({ path: shot('host-after-expiry-1280'), fullPage: true });

    const narrow = await bw.newPage({ width: 320 });
    await signInThroughForm(narrow, school.leader.email, `/schools/${school.schoolId}/work-experience/pupils`);
    // The link in the confirmation email, opened cold.
    await narrow.goto(`/schools/${school.schoolId}/work-experience#placement-${asked.body.id}`);
    await settled(narrow);
    await poll(() => narrow.evaluate(() => document.activeElement?.id ?? '')).toBe(`placement-${asked.body.id}`);
    await poll(() => narrow.locator('#after-insurance-expiry').innerText()).toContain('Aire Foods');
    await expectAccessible(narrow, 'school work experience with days after expiry at 320');
    await narrow.getByLabel(/Reason to cancel Food science days/).fill('Our Year 10 trip moved to that week');
    await narrow.screenshot({ path: shot('school-cancel-320'), fullPage: true });
    await narrow.getByRole('button', { name: /^Cancel placement Food science days/ }).click();
    await poll(() => narrow.getByTestId('notification-banner').innerText()).toContain('You cancelled Food science days with Aire Foods');
    await poll(() => narrow.getByText('You cancelled: Our Year 10 trip moved to that week').count()).toBe(1);
    await poll(() => narrow.locator('#after-insurance-expiry').count()).toBe(0);
    await expectAccessible(narrow, 'school after cancelling at 320');
  }, 240_000);
});

import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import { publishSlot, request, setUpProvider, setUpSchool } from '../support/fixtures.js';
import { expectAccessible, settled, signInThroughForm, useBrowserWorld } from '../support/browser.js';

const bw = useBrowserWorld({ admin: true });

/** Prints the page as Chromium does (print media, A4) and reads the PDF back. */
async function printToA4(page: Page) {
  await page.emulateMedia({ media: 'print' });
  if (process.env.EVIDENCE_SHOTS) await page.screenshot({ path: `/tmp/evidence-print-${new URL(page.url()).pathname.split('/')[3]}.png`, fullPage: true });
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  await page.emulateMedia({ media: 'screen' });
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const info = await parser.getInfo({ parsePageInfo: true });
    // Whitespace as the PDF lays it out (line breaks inside table cells) is not the test's concern.
    const text = (await parser.getText()).text.replace(/\s+/g, ' ');
    return { pages: info.total, sizes: (info.pages ?? []).map((p: any) => [p.width as number, p.height as number]), text };
  } finally {
    await parser.destroy();
  }
}

async function fits320(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
}

describe('evidence for governors, Ofsted and providers', () => {
  it('records an encounter from before joining, shows the grid, and prints the governors’ report to A4 with no navigation', async () => {
    const school = await setUpSchool(bw.world, bw.admin);
    const provider = await setUpProvider(bw.world, bw.admin, { name: 'Northfield College' });
    const refused = await setUpProvider(bw.world, bw.admin, { name: 'Apex Training' });
    const { id: slotId } = await publishSlot(bw.world, school, { date: '2026-11-10' });
    const asked = await request(bw.world, provider, school.schoolId, slotId);
    expect((await bw.world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${asked.body.id}/approve`, {})).status).toBe(200);
    const other = await publishSlot(bw.world, school, { date: '2026-11-11', yearGroups: [10] });
    const declined = await request(bw.world, refused, school.schoolId, other.id);
    expect((await bw.world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${declined.body.id}/decline`, { groundId: 'exam-clash', note: 'Mocks' })).status).toBe(200);

    // The overview: the grid, most urgent first, and the phases with nothing on record.
    const page = await bw.newPage({ width: 1280 });
    await signInThroughForm(page, school.leader.email, `/schools/${school.schoolId}`);
    await settled(page);
    await page.getByTestId('compliance-grid').waitFor();
    const firstRow = await page.getByTestId('compliance-grid').locator('tbody tr').first().innerText();
    expect(firstRow).toMatch(/Year 11[\s\S]*Missed/);
    expect(await page.getByTestId('unrecorded-overview').innerText()).toMatch(/key phases have begun with nothing on record/);
    await expectAccessible(page, 'overview with the grid');
    await page.screenshot({ path: '/tmp/evidence-overview.png', fullPage: true });

    // Record a Year 9 assembly from before joining, then a Saturday careers fair.
    await page.getByRole('link', { name: 'record them' }).click();
    await settled(page);
    const record = async (day: string, format: string, name: string, ukprn: string) => {
      await page.getByLabel('Day').fill(day);
      await page.getByLabel('Month').fill('9');
      await page.getByLabel('Year', { exact: true }).fill('2026');
      await page.getByLabel('Start time').fill('09:00');
      await page.getByLabel('End time').fill('09:40');
      await page.getByLabel('Year 9').check();
      await page.getByLabel('Provider', { exact: true }).fill(name);
      await page.getByLabel('UKPRN').fill(ukprn);
      await page.getByLabel('T Levels').check();
      await page.getByLabel('Format', { exact: true }).selectOption(format);
      await page.getByRole('button', { name: 'Record encounter' }).click();
      await expect.poll(() => page.getByTestId('notification-banner').innerText().catch(() => '')).toContain(name);
    };
    await record('10', 'assembly', 'Leeds City College', '10003676');
    expect(await page.getByTestId('notification-banner').innerText()).toContain('it counts toward the duty');
    await record('12', 'careers_fair', 'Weekend Fair Ltd', '10099991');
    expect(await page.getByTestId('notification-banner').innerText()).toMatch(/supplementary[\s\S]*weekend/);
    expect(await page.locator('table').innerText()).toMatch(/Leeds City College \(UKPRN 10003676\)[\s\S]*Statutory/);
    await expectAccessible(page, 'recorded encounters');
    await page.screenshot({ path: '/tmp/evidence-record.png', fullPage: true });

    // The report, on screen and on paper.
    await page.goto(`/schools/${school.schoolId}/reports/2026`);
    await settled(page);
    await page.getByTestId('report').waitFor();
    const report = await page.getByTestId('report').innerText();
    expect(report).toContain('Recorded by the school');
    expect(report).toMatch(/Clash with exams: The year group is sitting exams that week\./);
    await expectAccessible(page, 'report');
    await page.screenshot({ path: '/tmp/evidence-report.png', fullPage: true });
    const printed = await printToA4(page);
    expect(printed.pages).toBeGreaterThanOrEqual(1);
    expect(printed.pages).toBeLessThanOrEqual(6);
    // A4 is 210 × 297 mm, 595.3 × 841.9 points (Chromium rounds to whole CSS pixels).
    expect(printed.sizes).toHaveLength(printed.pages);
    for (const [width, height] of printed.sizes) {
      expect(Math.abs(width! - 595.3)).toBeLessThan(2);
      expect(Math.abs(height! - 841.9)).toBeLessThan(2);
    }
    expect(printed.text).toContain('Governors’ and Ofsted report 2026/27');
    expect(printed.text).toContain('Leeds City College');
    expect(printed.text).toContain('Clash with exams');
    // No navigation, no buttons on paper.
    for (const absent of ['Bookings', 'Sign out', 'Print or save as PDF', 'Save a snapshot', 'Back to overview']) expect(printed.text).not.toContain(absent);

    // Freeze a snapshot and open it.
    await page.getByLabel('Label (optional)').fill('Governors, November');
    await page.getByRole('button', { name: 'Save a snapshot' }).click();
    await page.getByRole('link', { name: 'Open the snapshot' }).click();
    await settled(page);
    expect(await page.getByTestId('snapshot-note').innerText()).toMatch(/^Governors, November\. Saved on .* A snapshot never changes\.$/);
    await expectAccessible(page, 'snapshot');

    const narrow = await bw.newPage({ width: 320 });
    await signInThroughForm(narrow, school.leader.email, `/schools/${school.schoolId}/reports/2026`);
    await settled(narrow);
    await narrow.getByTestId('report').waitFor();
    await fits320(narrow);
    await expectAccessible(narrow, 'report at 320 px');
    await narrow.screenshot({ path: '/tmp/evidence-report-320.png', fullPage: true });
    await narrow.goto(`/schools/${school.schoolId}`);
    await settled(narrow);
    await narrow.getByTestId('compliance-grid').waitFor();
    await fits320(narrow);
    await expectAccessible(narrow, 'overview at 320 px');
  }, 300_000);

  it('gives a provider its record of requests and a printable summary for a concern', async () => {
    const school = await setUpSchool(bw.world, bw.admin);
    const provider = await setUpProvider(bw.world, bw.admin, { name: 'Apex Training' });
    for (const date of ['2026-11-10', '2026-11-12']) {
      const { id } = await publishSlot(bw.world, school, { date });
      const asked = await request(bw.world, provider, school.schoolId, id);
      expect((await bw.world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${asked.body.id}/decline`, { groundId: 'need-met' })).status).toBe(200);
    }
    const page = await bw.newPage({ width: 1280 });
    await signInThroughForm(page, provider.user.email, `/organisations/${provider.orgId}/request-record`);
    await settled(page);
    expect(await page.locator('table').innerText()).toMatch(/The need is being met elsewhere/);
    await page.getByLabel('School').selectOption(school.schoolId);
    await page.getByRole('link', { name: 'Prepare evidence for a concern about this school' }).click();
    await settled(page);
    await page.getByTestId('concern').waitFor();
    await expectAccessible(page, 'concern summary');
    await page.screenshot({ path: '/tmp/evidence-concern.png', fullPage: true });
    const printed = await printToA4(page);
    expect(printed.pages).toBeGreaterThanOrEqual(1);
    expect(printed.pages).toBeLessThanOrEqual(2);
    expect(printed.text).toContain('Published grounds for refusal');
    expect(printed.text).toMatch(/Refused\s+2/);
    expect(printed.text).not.toContain('Find slots');

    const narrow = await bw.newPage({ width: 320 });
    await signInThroughForm(narrow, provider.user.email, `/organisations/${provider.orgId}/request-record`);
    await settled(narrow);
    await fits320(narrow);
    await expectAccessible(narrow, 'provider record at 320 px');
  }, 180_000);

  it('lets a school consent to a trust from its page, and shows the trust lead its academies on one page', async () => {
    const school = await setUpSchool(bw.world, bw.admin);
    const lead = await bw.world.user('trust');
    const trust = await bw.world.call(lead.token, 'POST', '/v1/groups', { kind: 'trust', name: 'Aire Valley Learning Trust' });
    expect((await bw.world.call(lead.token, 'POST', `/v1/groups/${trust.body.id}/schools`, { schoolId: school.schoolId })).status).toBe(201);

    const page = await bw.newPage({ width: 320 });
    await signInThroughForm(page, school.leader.email, `/schools/${school.schoolId}/groups`);
    await settled(page);
    await expectAccessible(page, 'school invitations');
    await page.getByRole('button', { name: 'Consent to join Aire Valley Learning Trust' }).click();
    await expect.poll(() => page.locator('table').innerText()).toContain('Joined');
    await fits320(page);

    const trustPage = await bw.newPage({ width: 1280 });
    await signInThroughForm(trustPage, lead.email, '/groups');
    await settled(trustPage);
    await trustPage.getByRole('link', { name: 'Aire Valley Learning Trust' }).click();
    await settled(trustPage);
    await trustPage.getByTestId('group-school').first().waitFor();
    expect(await trustPage.getByTestId('group-school').count()).toBe(1);
    expect(await trustPage.getByTestId('group-school').innerText()).toMatch(/Year 11\s+Phase 1\s+Missed/);
    expect(await trustPage.getByText('Refusals').count()).toBe(0);
    await expectAccessible(trustPage, 'trust overview');
    await trustPage.screenshot({ path: '/tmp/evidence-trust.png', fullPage: true });

    // The trust lead puts a policy template into every academy's draft, and sees the result per academy.
    await trustPage.getByRole('link', { name: 'Put a policy template into every academy’s draft' }).click();
    await settled(trustPage);
    await trustPage.locator('[name="contact.name"]').waitFor();
    await expectAccessible(trustPage, 'trust policy template');
    await trustPage.getByRole('button', { name: 'Put the template into every academy’s draft' }).click();
    await expect.poll(() => trustPage.locator('.govuk-error-summary').innerText().catch(() => '')).toContain('Enter the name of the person providers should contact');
    await expectAccessible(trustPage, 'trust policy template with errors');
    const fill = async (name: string, value: string) => trustPage.locator(`[name="${name}"]`).fill(value);
    await fill('contact.name', 'Sam Leigh');
    await fill('contact.telephone', '0113 496 0000');
    await fill('safeguardingPolicyUrl', 'https://airevalley.example/safeguarding');
    await fill('careersProgramme.leaderName', 'Sam Leigh');
    await fill('careersProgramme.leaderTelephone', '0113 496 0000');
    await fill('careersProgramme.summary', 'A trust-wide programme of encounters in every key phase.');
    await fill('careersProgramme.impactMeasurement', 'Pupil surveys and destinations each summer.');
    for (const [field, [day, month, year]] of [
      ['agreedByGovernorsOn', ['1', '9', '2026']],
      ['nextReviewOn', ['1', '9', '2027']],
      ['careersProgramme.nextReviewOn', ['1', '9', '2027']],
    ] as const) {
      await trustPage.locator(`[id="${field}"]`).fill(day);
      await trustPage.locator(`[id="${field}-month"]`).fill(month);
      await trustPage.locator(`[id="${field}-year"]`).fill(year);
    }
    await trustPage.getByRole('button', { name: 'Put the template into every academy’s draft' }).click();
    await expect.poll(() => trustPage.getByTestId('notification-banner').innerText().catch(() => '')).toContain('The template is in 1 academy’s draft');
    expect(await trustPage.locator('table').innerText()).toMatch(/School \d+\s+Saved as draft version 2/);
    await expectAccessible(trustPage, 'template pushed');
    await trustPage.screenshot({ path: '/tmp/evidence-template.png', fullPage: true });
    const draft = await bw.world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/policy`);
    expect(draft.body.draft).toMatchObject({ version: 2, contact: { name: 'Sam Leigh' } });
    const narrowTrust = await bw.newPage({ width: 320 });
    await signInThroughForm(narrowTrust, lead.email, `/groups/${trust.body.id}/policy-template`);
    await settled(narrowTrust);
    await narrowTrust.locator('[name="contact.name"]').waitFor();
    await expectAccessible(narrowTrust, 'trust policy template at 320 px');
    await fits320(narrowTrust);
  }, 240_000);

  it('imports the register from the admin page, fills in a school’s sign-up from it, and corrects a recorded encounter', async () => {
    const admin = await bw.newPage({ width: 1280 });
    await signInThroughForm(admin, bw.admin.email, '/admin');
    await settled(admin);
    await admin.getByRole('link', { name: 'Import school details from Get Information about Schools' }).click();
    await settled(admin);
    await admin.locator('#csv').setInputFiles(fileURLToPath(new URL('../fixtures/gias-extract.csv', import.meta.url)));
    await admin.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => admin.getByTestId('notification-banner').innerText().catch(() => '')).toContain('5 establishments imported');
    expect(await admin.getByTestId('notification-banner').innerText()).toContain('4 open, 1 closed');
    await expectAccessible(admin, 'GIAS import');
    await admin.screenshot({ path: '/tmp/evidence-gias-import.png', fullPage: true });

    const someone = await bw.world.user('st-marys');
    const signUp = await bw.newPage({ width: 320 });
    await signInThroughForm(signUp, someone.email, '/organisations/new');
    await settled(signUp);
    await signUp.getByLabel('A school').check();
    await signUp.getByLabel('URN').fill('149001');
    await signUp.getByRole('button', { name: 'Find the school on the register' }).click();
    await expect.poll(() => signUp.getByLabel('School name').inputValue()).toBe('St Mary’s Catholic Academy');
    expect(await signUp.getByLabel('Postcode').inputValue()).toBe('LS6 2AB');
    expect(await signUp.getByLabel('Last year group taught').inputValue()).toBe('13');
    expect(await signUp.getByTestId('register-result').innerText()).toContain('Trust: THE AIRE VALLEY LEARNING TRUST');
    await expectAccessible(signUp, 'sign-up filled in from the register');
    await fits320(signUp);
    await signUp.screenshot({ path: '/tmp/evidence-gias-signup.png', fullPage: true });

    // A careers leader corrects an encounter the school recorded: moved to a Saturday, it becomes supplementary.
    const school = await setUpSchool(bw.world, bw.admin);
    const made = await bw.world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/recorded-encounters`, {
      date: '2026-09-10', start: '09:00', end: '09:40', yearGroups: [9], format: 'assembly', provider: { name: 'Leeds City College', ukprn: '10003676', providerType: 'fe_college', offers: ['t_levels'] },
    });
    expect(made.body.statutory).toBe(true);
    const page = await bw.newPage({ width: 1280 });
    await signInThroughForm(page, school.leader.email, `/schools/${school.schoolId}/recorded-encounters`);
    await settled(page);
    await page.getByRole('button', { name: /^Correct the encounter of/ }).click();
    expect(await page.getByLabel('T Levels').isChecked()).toBe(true);
    await page.getByLabel('Day').fill('12');
    await page.getByLabel('Why are you correcting it? (optional)').fill('It was the Saturday fair');
    await page.getByRole('button', { name: 'Save correction' }).click();
    await expect.poll(() => page.getByTestId('notification-banner').innerText().catch(() => '')).toMatch(/Corrected as supplementary/);
    await expectAccessible(page, 'corrected encounter');
    await page.getByRole('button', { name: /^Correct the encounter of/ }).click();
    await page.getByRole('button', { name: 'Delete encounter' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').innerText().catch(() => '')).toContain('Say why you are deleting this encounter');
    await expectAccessible(page, 'delete without a reason');
    await page.getByLabel('Why are you deleting it?').fill('It never took place');
    await page.getByRole('button', { name: 'Delete encounter' }).click();
    await expect.poll(() => page.getByTestId('notification-banner').innerText().catch(() => '')).toContain('Deleted from the record');
    // The banner comes before the list's reload: wait for the list.
    await expect.poll(() => page.getByText('Nothing recorded yet.').count()).toBe(1);
    await page.screenshot({ path: '/tmp/evidence-correct.png', fullPage: true });
  }, 240_000);
});

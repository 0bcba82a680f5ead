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
  }, 180_000);

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
  }, 90_000);

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
  }, 90_000);
});

import { join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { getSafetyPack, headUpload, safetyFileKey } from '@schoolgate/store';
import { demoPdf } from '../../scripts/demo-data.js';
import { setUpSchool } from '../support/fixtures.js';
import { expectAccessible, settled, signInThroughForm, useBrowserWorld } from '../support/browser.js';

const bw = useBrowserWorld({ admin: true });

async function fillDate(page: Page, name: string, day: string, month: string, year: string) {
  await page.locator(`[id="${name}"]`).fill(day);
  await page.locator(`[id="${name}-month"]`).fill(month);
  await page.locator(`[id="${name}-year"]`).fill(year);
}

async function bothWidths(page: Page, label: string) {
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await expectAccessible(page, `${label} at ${width} px`);
    await page.screenshot({ path: `test/browser/.screenshots/safety-pack-${label.replace(/\W+/g, '-')}-${width}.png`, fullPage: true });
  }
}

describe('the employer’s safety pack, in the browser', () => {
  it('an employer fills the pack and uploads a PDF to the S3 stand-in; a placement coordinator signs it off', async () => {
    const { world } = bw;
    const files = mkdtempSync(join(tmpdir(), 'schoolgate-pack-'));
    const certificatePath = join(files, 'EL certificate.pdf');
    writeFileSync(certificatePath, demoPdf(['Certificate of employers liability insurance', 'Forge & Co']));
    const policyPath = join(files, 'Health and safety policy.pdf');
    writeFileSync(policyPath, demoPdf(['Health and safety policy', 'Forge & Co']));
    const riskPath = join(files, 'Risk assessment.pdf');
    writeFileSync(riskPath, demoPdf(['Risk assessment', 'Forge & Co']));
    const notPdf = join(files, 'notes.txt');
    writeFileSync(notPdf, 'not a certificate');

    // The employer and the school.
    const employer = await world.user('employer');
    const created = await world.call(employer.token, 'POST', '/v1/employers', { name: 'Forge & Co', sector: 'Engineering', postcode: 'LS10 1AB' });
    const orgId = created.body.id as string;
    const school = await setUpSchool(world, bw.admin);
    const coordinator = await world.user('coordinator');
    await world.call(school.leader.token, 'POST', `/v1/organisations/${school.schoolId}/invitations`, { email: coordinator.email, role: 'placement_coordinator' });
    expect((await world.call(coordinator.token, 'POST', `/v1/invitations/${school.schoolId}/accept`)).status).toBe(201);

    // The employer finds the safety pack from its dashboard and fills it in.
    const page = await bw.newPage({ width: 1280 });
    await signInThroughForm(page, employer.email, `/organisations/${orgId}`);
    await settled(page);
    await page.getByRole('link', { name: 'Safety pack' }).click();
    await page.waitForURL(`**/organisations/${orgId}/safety-pack`);
    await settled(page);
    await expect.poll(() => page.locator('h1').innerText(), { timeout: 15_000 }).toBe('Safety pack');
    await bothWidths(page, 'employer empty');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByLabel('Insurer').fill('Northern Mutual');
    await page.getByLabel('Policy number').fill('EL-2026-0042');
    await fillDate(page, 'insurance.expiresOn', '31', '7', '2027');
    await page.getByLabel('Insurance certificate').setInputFiles(notPdf);
    await page.getByRole('button', { name: 'Save safety pack' }).click();
    await expect.poll(() => page.getByTestId('error-summary').innerText(), { timeout: 15_000 }).toContain('must be a PDF, PNG or JPEG');
    await expectAccessible(page, 'employer pack with errors');

    await page.getByLabel('Insurance certificate').setInputFiles(certificatePath);
    await page.getByLabel('Health and safety policy').setInputFiles(policyPath);
    await page.getByLabel('General risk assessment').setInputFiles(riskPath);
    await page.getByLabel('Named safeguarding contact').fill('Priya Shah');
    await page.getByLabel('How you choose the adults who supervise pupils').fill('Permanent engineers with two years’ service who complete our safeguarding briefing.');
    await page.getByRole('button', { name: 'Save safety pack' }).click();
    await expect.poll(() => page.getByRole('alert').innerText(), { timeout: 15_000 }).toContain('Safety pack saved');
    await expect.poll(() => page.getByRole('button', { name: 'EL certificate.pdf' }).count(), { timeout: 15_000 }).toBe(1);

    // The certificate really went to the S3 stand-in through the presigned URL.
    const pack = await getSafetyPack(world.db, orgId);
    const certificate = pack!.insurance!.certificate!;
    expect(certificate).toMatchObject({ fileName: 'EL certificate.pdf', contentType: 'application/pdf' });
    expect(await headUpload(world.files, safetyFileKey(orgId, certificate.fileId))).toMatchObject({ contentType: 'application/pdf', size: certificate.size });
    await bothWidths(page, 'employer saved');

    // The placement coordinator finds the host from the school dashboard and signs off each check.
    const school2 = await bw.newPage({ width: 1280 });
    await signInThroughForm(school2, coordinator.email, `/schools/${school.schoolId}`);
    await settled(school2);
    await school2.getByRole('link', { name: 'Employers’ safety packs' }).click();
    await school2.waitForURL(`**/schools/${school.schoolId}/safety-packs`);
    await settled(school2);
    await expect.poll(() => school2.locator('h1').innerText(), { timeout: 15_000 }).toBe('Employers’ safety packs');
    await bothWidths(school2, 'school list');
    await school2.setViewportSize({ width: 1280, height: 900 });
    await school2.getByRole('link', { name: 'Forge & Co' }).click();
    await school2.waitForURL(`**/safety-packs/${orgId}`);
    await settled(school2);
    await expect.poll(() => school2.locator('h1').innerText(), { timeout: 15_000 }).toBe('Safety pack: Forge & Co');
    await bothWidths(school2, 'review unsigned');
    await school2.setViewportSize({ width: 1280, height: 900 });
    for (const name of ['Sign off employers’ liability insurance', 'Sign off health and safety policy', 'Sign off risk assessment', 'Sign off safeguarding arrangements']) {
      await school2.getByRole('button', { name }).click();
      await expect.poll(() => school2.getByRole('button', { name }).count(), { timeout: 15_000 }).toBe(0);
    }
    await expect.poll(() => school2.locator('main').innerText(), { timeout: 15_000 }).toMatch(/Academic year 2026\/27:\s*Signed off/);
    expect(await school2.locator('main').innerText()).toContain(`Signed off by ${coordinator.email}`);
    await bothWidths(school2, 'review signed');

    // The employer sees the school's sign-off on its page.
    await page.reload();
    await settled(page);
    await expect.poll(() => page.locator('table').innerText(), { timeout: 15_000 }).toMatch(/School \d+\s+2026\/27\s+Signed off/);

    // The employer changes the pack: the coordinator is asked to review it again.
    await page.getByLabel('Policy number').fill('EL-2027-0001');
    await page.getByRole('button', { name: 'Save safety pack' }).click();
    await expect.poll(() => page.getByRole('alert').innerText(), { timeout: 15_000 }).toContain('Safety pack saved');
    await school2.reload();
    await settled(school2);
    await expect.poll(() => school2.getByTestId('notification-banner').innerText(), { timeout: 15_000 }).toContain('The pack changed since you signed it off');
    await bothWidths(school2, 'review pack changed');
  }, 300_000);
});

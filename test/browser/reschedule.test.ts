import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '@schoolgate/local';
import { readLocalMail, startLocalSes, startLocalStreamPoller, type LocalSentEmail } from '@schoolgate/notify';
import { publishSlot, request, setUpProvider, setUpSchool } from '../support/fixtures.js';
import { expectAccessible, settled, signInThroughForm, useBrowserWorld } from '../support/browser.js';

/**
 * Reschedule and the reasons the other side is told (issue 15), in the browser: the provider
 * proposes a new time from its booking page (1280 px), the school follows the emailed link and
 * accepts on its phone (320 px); a request is withdrawn with a reason from the request itself.
 */
const bw = useBrowserWorld({ admin: true });
let ses: Awaited<ReturnType<typeof startLocalSes>>;
let poller: ReturnType<typeof startLocalStreamPoller>;

beforeAll(async () => {
  ses = await startLocalSes({ port: await freePort() });
  poller = startLocalStreamPoller({ db: bw.world.db, streamsEndpoint: inject('dynamoEndpoint'), sesEndpoint: ses.endpoint, fromAddress: 'no-reply@schoolgate.test', webBaseUrl: bw.url, pollMs: 100 });
  await poller.ready;
}, 120_000);
afterAll(async () => {
  await poller?.stop();
  await ses?.stop();
});

async function mailTo(address: string, pattern: RegExp): Promise<LocalSentEmail> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const found = (await readLocalMail(ses.endpoint)).filter((m) => m.destination.to.some((to) => to.includes(address)) && pattern.test(m.subject));
    if (found.length) return found.at(-1)!;
    if (Date.now() > deadline) throw new Error(`no mail to ${address} matching ${pattern}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('moving a booking to a new time', () => {
  it('the provider proposes a new time, the school opens the emailed link and accepts; a request is withdrawn with a reason', async () => {
    const school = await setUpSchool(bw.world, bw.admin);
    const provider = await setUpProvider(bw.world, bw.admin, { name: 'Northfield College' });
    const slot = await publishSlot(bw.world, school, { date: '2026-11-17', title: 'Year 9 assembly: T Levels' });
    const asked = await request(bw.world, provider, school.schoolId, slot.id);
    expect((await bw.world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${asked.body.id}/approve`, {})).status).toBe(200);

    // The provider, at 1280 px, proposes 24 November from its booking page.
    const mine = await bw.newPage({ width: 1280 });
    await signInThroughForm(mine, provider.user.email, `/organisations/${provider.orgId}/bookings/${school.schoolId}/${asked.body.id}`);
    await settled(mine);
    await mine.getByRole('button', { name: 'Propose a new time' }).click();
    await mine.getByRole('button', { name: 'Send the proposal' }).click();
    await expect.poll(() => mine.locator('.govuk-error-summary').innerText()).toMatch(/Enter the new date/);
    await mine.locator('[id="new-date"]').fill('24');
    await mine.locator('[id="new-date-month"]').fill('11');
    await mine.locator('[id="new-date-year"]').fill('2026');
    await mine.getByLabel('Start time').fill('09:00');
    await mine.getByLabel('End time').fill('09:40');
    await mine.getByLabel('Message (optional)').fill('Our speaker is away on the 17th.');
    await expectAccessible(mine, 'propose a new time at 1280');
    await mine.getByRole('button', { name: 'Send the proposal' }).click();
    await expect.poll(() => mine.getByTestId('reschedule-pending').innerText()).toMatch(/Tuesday 24 November 2026|24 November 2026/);
    await expectAccessible(mine, 'proposal waiting at 1280');
    await mine.screenshot({ path: 'test/browser/.screenshots/reschedule-proposed-1280.png', fullPage: true });

    // The school's email links to its booking page; at 320 px the careers leader accepts there.
    const email = await mailTo(school.leader.email, /New time proposed: Year 9 assembly: T Levels/);
    const link = [...(email.body.html ?? '').matchAll(/href="([^"]+)"/g)].map((m) => m[1]!).find((href) => href.includes('/bookings/'))!;
    expect(link).toBe(`${bw.url}/schools/${school.schoolId}/bookings/${asked.body.id}`);
    const phone = await bw.newPage({ width: 320 });
    await signInThroughForm(phone, school.leader.email, new URL(link).pathname);
    await settled(phone);
    const answer = phone.getByTestId('reschedule-answer');
    await expect.poll(() => answer.innerText()).toMatch(/Northfield College proposes a new time/);
    expect(await answer.innerText()).toMatch(/Our speaker is away on the 17th/);
    await expectAccessible(phone, 'answer a proposed time at 320');
    await phone.screenshot({ path: 'test/browser/.screenshots/reschedule-answer-320.png', fullPage: true });
    await phone.getByRole('button', { name: 'Accept the new time' }).click();
    await expect.poll(() => phone.getByTestId('notification-banner').first().innerText()).toMatch(/moved to/);
    await expect.poll(() => phone.locator('.govuk-summary-list').first().innerText()).toMatch(/24 November 2026, 09:00 to 09:40/);
    await expectAccessible(phone, 'booking moved at 320');
    // Both sides get the updated invite.
    await mailTo(provider.user.email, /Moved: Year 9 assembly: T Levels/);
    await mailTo(school.leader.email, /Moved: Year 9 assembly: T Levels/);

    // A request withdrawn from the request itself, with the reason the school is told.
    const other = await publishSlot(bw.world, school, { date: '2026-12-01', title: 'Year 10 careers fair', yearGroups: [10] });
    const second = await request(bw.world, provider, school.schoolId, other.id);
    await mine.goto(`/organisations/${provider.orgId}/bookings/${school.schoolId}/${second.body.id}`);
    await settled(mine);
    await mine.getByRole('button', { name: 'Withdraw this request' }).click();
    await mine.getByRole('button', { name: 'Withdraw request' }).click();
    await expect.poll(() => mine.locator('.govuk-error-summary').innerText()).toMatch(/Enter why you are withdrawing/);
    await mine.getByLabel('Why are you withdrawing this request?').fill('Our trainer is ill that week.');
    await expectAccessible(mine, 'withdraw with a reason at 1280');
    await mine.getByRole('button', { name: 'Withdraw request' }).click();
    await expect.poll(() => mine.getByTestId('notification-banner').first().innerText()).toMatch(/withdrawn/);
    expect((await mailTo(school.leader.email, /Withdrawn: .*Year 10 careers fair/)).body.text).toContain('Our trainer is ill that week.');
  }, 300_000);
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { freePort } from '@schoolgate/local';
import { createSes, readLocalMail, runReminders, sendRiskAlerts, startLocalSes, startLocalStreamPoller, type LocalSentEmail, type NotifyDeps } from '@schoolgate/notify';
import { publishSlot, request, setUpProvider, setUpSchool, type SchoolSetup } from '../support/fixtures.js';
import { PASSWORD } from '../support/world.js';
import { expectAccessible, settled, startBrowserWorld, type BrowserWorld } from '../support/browser.js';

/**
 * Every email the product sends, produced the way production produces it (the API's outbox through
 * the stream consumer, the daily reminder and at-risk jobs), delivered to a real local SES; then
 * every link in every one of them is opened in Chromium as its recipient would, signing in when the
 * page asks, and must show the page for that booking, invitation or school.
 */
let bw: BrowserWorld;
let ses: Awaited<ReturnType<typeof startLocalSes>>;
let poller: ReturnType<typeof startLocalStreamPoller>;
let deps: NotifyDeps;

beforeAll(async () => {
  bw = await startBrowserWorld();
  ses = await startLocalSes({ port: await freePort() });
  // Links in the email must point at the web app the browser opens.
  poller = startLocalStreamPoller({ db: bw.world.db, streamsEndpoint: inject('dynamoEndpoint'), sesEndpoint: ses.endpoint, fromAddress: 'no-reply@schoolgate.test', webBaseUrl: bw.url, pollMs: 100 });
  await poller.ready;
  deps = { db: bw.world.db, ses: createSes({ endpoint: ses.endpoint }), fromAddress: 'no-reply@schoolgate.test', webBaseUrl: bw.url };
}, 120_000);
afterAll(async () => {
  vi.unstubAllEnvs();
  await poller?.stop();
  await ses?.stop();
  await bw?.close();
});

const SUBJECTS = [
  /^New request:/,
  /^Withdrawn:/,
  /^Confirmed:/,
  /^Declined:/,
  /^Cancelled by the school:/,
  /^Cancelled by College/,
  /^You cancelled:/,
  /^Recorded as delivered:/,
  /^Reminder:.* with College/,
  /^Reminder:.* at School/,
  /^Record attendance:/,
  /^You’re invited to join/,
  /^At risk:/,
];

async function waitForMail(count: (mail: LocalSentEmail[]) => boolean): Promise<LocalSentEmail[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const mail = await readLocalMail(ses.endpoint);
    if (count(mail)) return mail;
    if (Date.now() > deadline) throw new Error(`mail did not arrive; have: ${mail.map((m) => m.subject).join(' | ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every link an email carries, from its HTML and its text part (which must agree). */
function linksOf(email: LocalSentEmail): string[] {
  const html = [...(email.body.html ?? '').matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  const text = [...(email.body.text ?? '').matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
  expect(new Set(text), `text and HTML links of "${email.subject}"`).toEqual(new Set(html));
  return [...new Set(html)];
}

describe('links in sent email', () => {
  it('every link in every email opens the right page for its recipient', async () => {
    const admin = await bw.world.user('admin', { platformAdmin: true });
    const school: SchoolSetup = await setUpSchool(bw.world, admin);
    const provider = await setUpProvider(bw.world, admin);
    const invitee = await bw.world.user('invitee');
    const schoolName = (await bw.world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}`)).body.name as string;
    const providerName = (await bw.world.call(provider.user.token, 'GET', `/v1/organisations/${provider.orgId}`)).body.name as string;
    const path = (id: string) => `/v1/schools/${school.schoolId}/bookings/${id}`;
    const titles = new Map<string, string>();

    /** One slot and a request for it, each with a title of its own so its page can be told apart. */
    async function requested(label: string, date: string, yearGroup: number) {
      const title = `Talk ${label}`;
      const slot = await publishSlot(bw.world, school, { title, date, yearGroups: [yearGroup], places: 1 });
      const res = await request(bw.world, provider, school.schoolId, slot.id);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      titles.set(res.body.id, title);
      return res.body.id as string;
    }
    const ok = async (token: string, url: string, body: unknown = {}) => {
      const res = await bw.world.call(token, 'POST', url, body);
      expect(res.status, `${url}: ${JSON.stringify(res.body)}`).toBe(200);
    };

    const cancelledByRequester = await requested('A', '2026-11-10', 8);
    await ok(school.leader.token, `${path(cancelledByRequester)}/approve`);
    await ok(provider.user.token, `${path(cancelledByRequester)}/cancel`, { reason: 'Our speaker is ill' });
    const declined = await requested('B', '2026-11-11', 9);
    await ok(school.leader.token, `${path(declined)}/decline`, { groundId: 'exam-clash', note: 'Mocks that week' });
    const withdrawn = await requested('C', '2026-11-12', 10);
    await ok(provider.user.token, `${path(withdrawn)}/withdraw`);
    const cancelledBySchool = await requested('D', '2026-11-17', 11);
    await ok(school.leader.token, `${path(cancelledBySchool)}/approve`);
    await ok(school.leader.token, `${path(cancelledBySchool)}/cancel`, { reason: 'Hall flooded' });
    const delivered = await requested('E', '2026-11-18', 9);
    await ok(school.leader.token, `${path(delivered)}/approve`);
    const upcoming = await requested('F', '2026-11-19', 10);
    await ok(school.leader.token, `${path(upcoming)}/approve`);
    const invited = await bw.world.call(school.leader.token, 'POST', `/v1/organisations/${school.schoolId}/invitations`, { email: invitee.email, role: 'staff' });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);

    // The daily job: reminders 7 days before F, then the attendance prompt after it.
    await runReminders(deps, new Date('2026-11-12T07:00:00Z'));
    bw.world.clock.now = new Date('2026-11-20T10:00:00Z');
    await ok(school.leader.token, `${path(delivered)}/attendance`, { delivered: true, note: '' });
    await runReminders(deps, new Date('2026-11-21T07:00:00Z'));
    // The daily at-risk sweep, through the loader the Lambda uses.
    vi.stubEnv('TABLE_NAME', bw.world.db.tableName);
    vi.stubEnv('DYNAMODB_ENDPOINT', inject('dynamoEndpoint'));
    vi.stubEnv('SES_FROM_ADDRESS', deps.fromAddress);
    vi.stubEnv('WEB_BASE_URL', bw.url);
    const { loadSchoolCompliance } = await import('@schoolgate/notify/reminders-lambda');
    const loaded = await loadSchoolCompliance(school.schoolId, '2027-01-20');
    expect(loaded).toBeDefined();
    expect((await sendRiskAlerts(deps, loaded!, loaded!.compliance, new Date('2027-01-20T07:00:00Z')))?.status).toBe('sent');

    const mail = await waitForMail((all) => SUBJECTS.every((subject) => all.some((m) => subject.test(m.subject))));

    // Who can sign in as which recipient.
    const people = new Map([school.leader, provider.user, invitee].map((u) => [u.email, u]));
    const pages = new Map<string, Page>();
    const visited = new Set<string>();
    const seenKinds = new Set<string>();
    for (const email of mail) {
      const to = email.destination.to[0]!.replace(/^.*<|>$/g, '');
      const person = people.get(to);
      expect(person, `a recipient the test can sign in as: ${to}`).toBeDefined();
      const links = linksOf(email);
      expect(links.length, `links in "${email.subject}"`).toBeGreaterThan(0);
      for (const link of links) {
        expect(link.startsWith(`${bw.url}/`), `${link} points at the web app`).toBe(true);
        if (visited.has(`${to} ${link}`)) continue;
        visited.add(`${to} ${link}`);
        let page = pages.get(to);
        if (!page) {
          page = await bw.newPage();
          pages.set(to, page);
        }
        await page.goto(link);
        // The app decides on the client whether the page needs sign-in first.
        await page.waitForFunction(() => document.querySelector('#main-content h1'));
        const target = new URL(link);
        if (new URL(page.url()).pathname === '/sign-in') {
          // Signed out: the link asks for sign-in and comes back to where it pointed.
          await page.getByLabel('Email address').fill(person!.email);
          await page.getByLabel('Password').fill(PASSWORD);
          await page.getByRole('button', { name: 'Sign in' }).click();
          await page.waitForURL((u) => u.pathname === target.pathname);
        }
        await settled(page);
        const heading = await page.locator('#main-content h1').innerText();
        const where = `"${email.subject}" to ${to}: ${link}`;
        expect(heading, where).not.toBe('Page not found');
        expect(new URL(page.url()).pathname, where).toBe(target.pathname);
        const text = await page.locator('#main-content').innerText();
        const parts = target.pathname.split('/').filter(Boolean);
        if (parts[0] === 'schools' && parts[2] === 'bookings') {
          // The school's page for that booking, where it decides, cancels or records attendance.
          expect(to, where).toBe(school.leader.email);
          expect(parts[1], where).toBe(school.schoolId);
          expect(heading, where).toMatch(new RegExp(`^(Request from|Booking with) ${providerName}$`));
          expect(text, where).toContain(titles.get(parts[3]!));
          seenKinds.add('school booking');
        } else if (parts[0] === 'organisations' && parts[2] === 'bookings') {
          // The requester's page for that booking.
          expect(to, where).toBe(provider.user.email);
          expect(parts[1], where).toBe(provider.orgId);
          expect(heading, where).toMatch(new RegExp(`^Your (request to|booking at) ${schoolName}$`));
          expect(text, where).toContain(titles.get(parts[4]!));
          seenKinds.add('requester booking');
          if (parts[4] === upcoming) await expectAccessible(page, 'requester booking page');
        } else if (target.pathname === '/invitations') {
          expect(to, where).toBe(invitee.email);
          expect(heading, where).toBe('Your invitations');
          await expect.poll(() => page.getByRole('button', { name: `Join ${schoolName}` }).count(), { message: where }).toBe(1);
          await expectAccessible(page, 'invitations page');
          seenKinds.add('invitation');
        } else if (parts[0] === 'schools' && parts[2] === 'compliance') {
          expect(to, where).toBe(school.leader.email);
          expect(parts[1], where).toBe(school.schoolId);
          expect(heading, where).toBe('Provider access compliance');
          seenKinds.add('compliance');
        } else {
          throw new Error(`no expectation for ${where}`);
        }
      }
    }
    expect([...seenKinds].sort()).toEqual(['compliance', 'invitation', 'requester booking', 'school booking']);
  }, 300_000);
});

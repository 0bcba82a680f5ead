import { resolve } from 'node:path';
import type { ServerType } from '@hono/node-server';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { startLocalServer } from '@schoolgate/api';
import { freePort } from '@schoolgate/local';
import { createWorld, PASSWORD, type World } from './world.js';

/** Debian's Chromium only: a downloaded browser is neither allowed nor available on these machines. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WEB_DIR = resolve(import.meta.dirname, '../../web/dist');

export interface BrowserWorld {
  world: World;
  url: string;
  browser: Browser;
  /** A fresh browser profile (its own sessionStorage), with the page clock pinned to the API's clock. */
  newPage(options?: { width?: number }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * The real API and the built web app on one local port (as `npm start` serves them), over a fresh
 * table, driven by Debian's Chromium.
 */
export async function startBrowserWorld(start?: Date): Promise<BrowserWorld> {
  const world = await createWorld(start);
  const { cognito } = world;
  const { server, url } = await startLocalServer({
    app: world.app,
    port: await freePort(),
    webDir: WEB_DIR,
    webConfig: { cognitoEndpoint: cognito.endpoint, cognitoClientId: cognito.clientId, region: 'local' },
    // Safety pack files go from the page straight to the S3 stand-in (presigned PUT).
    connectSources: [inject('s3').endpoint],
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const contexts: BrowserContext[] = [];
  return {
    world,
    url,
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({ viewport: { width: options.width ?? 1024, height: 800 }, baseURL: url });
      contexts.push(context);
      // The API runs on the world's clock; the page must agree on "today" (search defaults, past/future).
      await context.clock.setFixedTime(world.clock.now);
      const page = await context.newPage();
      // Long enough for a page on a loaded 2-core machine with another test file beside it.
      page.setDefaultTimeout(30_000);
      return page;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await new Promise<void>((r) => (server as ServerType).close(() => r()));
    },
  };
}

/** A user signed in to the local user pool (their email and an API token). */
export type TestUser = Awaited<ReturnType<World['user']>>;

/**
 * The usual set-up of a browser test file: a {@link startBrowserWorld} started before the file's
 * tests (with a platform administrator when asked) and closed after them. The object returned is
 * filled in by `beforeAll`, so read it inside tests and hooks, not at the top level.
 *
 * @example
 * const bw = useBrowserWorld({ admin: true });
 * it('…', async () => { const school = await setUpSchool(bw.world, bw.admin); });
 */
export function useBrowserWorld(options: { admin: true }): BrowserWorld & { admin: TestUser };
export function useBrowserWorld(): BrowserWorld;
export function useBrowserWorld(options: { admin?: boolean } = {}): BrowserWorld & { admin?: TestUser } {
  const handle = {} as BrowserWorld & { admin?: TestUser };
  beforeAll(async () => {
    Object.assign(handle, await startBrowserWorld());
    if (options.admin) handle.admin = await handle.world.user('admin', { platformAdmin: true });
  }, 120_000);
  afterAll(async () => handle.close?.());
  return handle;
}

/** Signs in through the real form, as a user would, and waits to land on `returnTo`. */
export async function signInThroughForm(page: Page, email: string, returnTo = '/') {
  await page.goto(`/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => u.pathname === returnTo.split('?')[0]);
}

/** Every page a test visits must pass axe's WCAG 2.2 AA rules with no violations. */
export async function expectAccessible(page: Page, label = page.url()) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

/** Waits for the page's loading state to be replaced by its content. */
export async function settled(page: Page) {
  // Two frames first: a client-side navigation changes the URL before React commits the new page.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  // A page whose chunk is still loading leaves the old page in place: wait for the new one.
  await page.waitForFunction(
    () =>
      !document.querySelector('.sg-loading') &&
      document.querySelector('#main-content h1') &&
      document.querySelector<HTMLElement>('#main-content')?.dataset.path === window.location.pathname,
  );
}

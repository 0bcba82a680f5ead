import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { expectAccessible, settled, useBrowserWorld } from '../support/browser.js';

/**
 * A new careers leader signs up through the web app against the local user pool, as they would on
 * AWS: nothing made with the admin API. The code arrives by email (the local "Sent email" viewer),
 * confirming it verifies the address, and the API then accepts their sign-in.
 */
const bw = useBrowserWorld();

/** Reads the code from the email to `address` in the local SES's own viewer, as a person would. */
async function codeFromSentEmail(viewer: Page, address: string, notCode?: string): Promise<string> {
  await viewer.goto(inject('poolMailEndpoint'));
  const email = viewer.locator('.email-inner', { hasText: `To: ${address}` });
  const deadline = Date.now() + 60_000;
  for (;;) {
    // The viewer lists the newest first and refreshes itself.
    const first = email.first();
    if ((await email.count()) > 0) {
      await first.getByRole('button', { name: 'Toggle text view' }).click();
      const text = await first.locator('.email-text').innerText();
      expect(await first.innerText()).toContain('Subject: Your Schoolgate verification code');
      const code = /verification code is (\d{6})/.exec(text)?.[1];
      if (code && code !== notCode) return code;
    }
    if (Date.now() > deadline) throw new Error(`no verification email to ${address}`);
    await viewer.reload();
  }
}

describe('signing up in the browser', () => {
  it('sends the code by email, and the confirmed user is signed in and accepted by the API', async () => {
    const email = `new-leader-${randomUUID().slice(0, 8)}@example.org`;
    const password = 'New-leader-2026!';
    const page = await bw.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Create a password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check your email' }).waitFor();
    await expectAccessible(page, 'check your email');

    const viewer = await bw.newPage();
    const first = await codeFromSentEmail(viewer, email);
    // "Send a new code" works too, and only the newest code counts.
    await page.getByRole('button', { name: 'Send a new code' }).click();
    await page.getByText('We have sent a new code.').waitFor();
    const code = await codeFromSentEmail(viewer, email, first);

    await page.getByLabel('Confirmation code').fill(code);
    await page.getByRole('button', { name: 'Confirm and continue' }).click();
    // Home for a signed-in user loads /v1/me: the API must accept the new user's token.
    await page.waitForURL((u) => u.pathname === '/');
    await settled(page);
    expect(await page.locator('#main-content h1').innerText()).toBe('Your organisations');
    expect(await page.getByText(email).count()).toBeGreaterThan(0);

    // Signing in again later, through the form, works as well.
    const later = await bw.newPage();
    await later.goto('/sign-in');
    await later.getByLabel('Email address').fill(email);
    await later.getByLabel('Password').fill(password);
    await later.getByRole('button', { name: 'Sign in' }).click();
    await later.waitForURL((u) => u.pathname === '/');
    await settled(later);
    expect(await later.locator('#main-content h1').innerText()).toBe('Your organisations');
  }, 240_000);
});

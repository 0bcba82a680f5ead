import { describe, expect, it } from 'vitest';
import { putDeliveryFailure } from '@schoolgate/store';
import { setUpProvider } from '../support/fixtures.js';
import { expectAccessible, settled, signInThroughForm, useBrowserWorld } from '../support/browser.js';

const bw = useBrowserWorld({ admin: true });

describe('API keys and webhooks in the organisation settings', () => {
  it('lets a college admin create a key shown once, add an endpoint, rotate its secret, send a failed delivery again and revoke the key', async () => {
    const college = await setUpProvider(bw.world, bw.admin, { name: 'Riverside College' });
    const page = await bw.newPage({ width: 1280 });
    await signInThroughForm(page, college.user.email, `/organisations/${college.orgId}/settings`);
    await settled(page);
    await page.getByRole('link', { name: 'API keys and webhooks' }).click();
    // A navigation keeps the old page until the new page's chunk has arrived.
    await page.waitForURL((u) => u.pathname.endsWith('/integrations'));
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('API keys and webhooks');
    await settled(page);
    await expectAccessible(page, 'integrations, empty, 1280');

    // A key with no name is refused in the form, naming the field.
    await page.getByRole('button', { name: 'Create API key' }).click();
    await expect.poll(() => page.getByText('Enter a name for the key, like the system that will use it').count()).toBeGreaterThan(0);
    await page.getByLabel('Name', { exact: true }).fill('Our CRM');
    await page.getByLabel('Read only').check();
    await page.getByRole('button', { name: 'Create API key' }).click();
    const shown = page.getByTestId('new-api-key');
    await expect.poll(() => shown.count()).toBe(1);
    const token = (await shown.textContent())!;
    expect(token).toMatch(/^sg_live_/);
    // The key works, as the college.
    expect((await bw.world.call(token, 'GET', `/v1/organisations/${college.orgId}/bookings`)).status).toBe(200);
    await expect.poll(() => page.getByRole('cell', { name: 'Our CRM', exact: true }).count()).toBe(1);

    await page.getByLabel('Endpoint address').fill('http://127.0.0.1:9/schoolgate');
    await page.getByLabel('A booking is cancelled').check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = page.getByTestId('new-webhook-secret');
    await expect.poll(() => secret.count()).toBe(1);
    const first = (await secret.textContent())!;
    expect(first).toMatch(/^whsec_/);
    const hooks = await bw.world.call(college.user.token, 'GET', `/v1/organisations/${college.orgId}/webhooks`);
    expect(hooks.body.items[0].events.sort()).toEqual(['booking.cancelled', 'booking.confirmed']);

    await page.getByRole('button', { name: 'Rotate secret for http://127.0.0.1:9/schoolgate' }).click();
    await expect.poll(async () => (await secret.textContent()) !== first).toBe(true);
    await expect.poll(() => page.getByText('The old secret also signs until').count()).toBe(1);

    // A delivery that failed after its retries, as the notifier records it.
    const endpointId = hooks.body.items[0].endpointId as string;
    await putDeliveryFailure(bw.world.db, {
      orgId: college.orgId,
      eventId: 'evt-browser-webhook-1',
      recipient: `webhook:${endpointId}`,
      recipientName: 'http://127.0.0.1:9/schoolgate',
      eventKind: 'booking.confirmed',
      messageKind: 'webhook',
      summary: 'Webhook booking.confirmed for Year 9 assembly at Hartfield Academy, 2026-11-10, to http://127.0.0.1:9/schoolgate',
      error: 'The endpoint answered HTTP 500',
      errorName: 'WebhookRejected',
      attempts: 3,
      failedAt: '2026-09-15T09:00:00.000Z',
      status: 'failed',
      source: {},
    });
    await page.reload();
    await settled(page);
    await expect.poll(() => page.getByText('A delivery failed after three tries.').count()).toBe(1);
    await expectAccessible(page, 'integrations with a key, an endpoint and a failed delivery, 1280');
    await page.screenshot({ path: 'test/browser/.screenshots/integrations-1280.png', fullPage: true });
    await page.getByRole('button', { name: /^Send again/ }).click();
    await expect.poll(() => page.getByText('Sending again').count()).toBe(1);
    const failures = await bw.world.call(college.user.token, 'GET', `/v1/organisations/${college.orgId}/delivery-failures`);
    expect(failures.body.items[0].status).toBe('queued');

    await page.getByRole('button', { name: 'Revoke Our CRM' }).click();
    await expect.poll(() => page.getByText(/^Revoked /).count()).toBe(1);
    expect((await bw.world.call(token, 'GET', `/v1/organisations/${college.orgId}/bookings`)).status).toBe(401);

    await page.setViewportSize({ width: 320, height: 800 });
    await expectAccessible(page, 'integrations, 320');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: 'test/browser/.screenshots/integrations-320.png', fullPage: true });
  }, 240_000);
});

import { describe, expect, it } from 'vitest';
import { putDeliveryFailure } from '@schoolgate/store';
import { setUpSchool } from '../support/fixtures.js';
import { expectAccessible, settled, signInThroughForm, useBrowserWorld } from '../support/browser.js';

const bw = useBrowserWorld({ admin: true });

describe('undelivered email', () => {
  it('shows the careers leader an email that never arrived and lets them send it again', async () => {
    const school = await setUpSchool(bw.world, bw.admin);
    await putDeliveryFailure(bw.world.db, {
      orgId: school.schoolId,
      eventId: 'evt-browser-1',
      recipient: 'liaison@college.example',
      eventKind: 'booking.confirmed',
      messageKind: 'booking-confirmed',
      summary: 'Booking confirmation for Riverside College, 10 November 2026',
      error: 'MessageRejected: Email address is not verified.',
      errorName: 'MessageRejected',
      attempts: 1,
      failedAt: '2026-09-15T09:00:00.000Z',
      status: 'failed',
      source: {},
    });

    const page = await bw.newPage();
    await signInThroughForm(page, school.leader.email, `/schools/${school.schoolId}`);
    await settled(page);
    const banner = page.getByText('An email could not be delivered');
    await expect.poll(() => banner.count()).toBe(1);
    expect(await page.getByText('Booking confirmation for Riverside College, 10 November 2026 to liaison@college.example failed').count()).toBe(1);
    await expectAccessible(page, 'overview with an undelivered email');

    await page.getByRole('button', { name: 'Send again to liaison@college.example' }).click();
    await expect.poll(() => page.getByText('Sending again').count()).toBe(1);
    const failures = await bw.world.call(school.leader.token, 'GET', `/v1/organisations/${school.schoolId}/delivery-failures`);
    expect(failures.body.items[0].status).toBe('queued');
    await expectAccessible(page, 'undelivered email queued to send again');
  });
});

import { describe, expect, it } from 'vitest';
import { publishSlot, request, setUpProvider, setUpSchool } from '../support/fixtures.js';
import { expectAccessible, settled, signInThroughForm, useBrowserWorld } from '../support/browser.js';

const bw = useBrowserWorld({ admin: true });

describe('withdrawing a slot', () => {
  it('a careers leader withdraws a slot nobody has asked for; a slot with a request offers no withdraw button', async () => {
    const school = await setUpSchool(bw.world, bw.admin);
    await publishSlot(bw.world, school, { title: 'Year 9 taster: construction', date: '2026-12-01', format: 'taster', statutory: false });
    const held = await publishSlot(bw.world, school, { title: 'Year 9 assembly: T Levels', date: '2026-12-02' });
    const provider = await setUpProvider(bw.world, bw.admin);
    expect((await request(bw.world, provider, school.schoolId, held.id)).status).toBe(201);

    const page = await bw.newPage();
    await signInThroughForm(page, school.leader.email, `/schools/${school.schoolId}/slots`);
    await settled(page);
    await expectAccessible(page, 'slots with a withdraw action');
    const withdrawHeld = page.getByRole('button', { name: /Withdraw Year 9 assembly: T Levels/ });
    expect(await withdrawHeld.count()).toBe(0);

    await page.getByRole('button', { name: /Withdraw Year 9 taster: construction/ }).click();
    const banner = page.getByTestId('notification-banner');
    await expect.poll(() => banner.innerText()).toContain('is withdrawn');
    await expect.poll(() => page.getByText('Cancelled', { exact: true }).count()).toBe(1);
    await expectAccessible(page, 'slot withdrawn');
    const slots = await bw.world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/slots`);
    expect(slots.body.items.find((s: { title: string }) => s.title === 'Year 9 taster: construction').status).toBe('cancelled');
  });
});

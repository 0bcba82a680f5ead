import { beforeAll, describe, expect, it } from 'vitest';
import { publishSlot, request, setUpProvider, setUpSchool, type SchoolSetup } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';

/**
 * A slot carries the last day a request still meets the school's notice period (worked out when
 * published). Search does not offer providers what they can no longer request; the rule itself is
 * still judged when a request arrives.
 */
describe('the notice period in search', () => {
  let world: World;
  let school: SchoolSetup;
  let provider: Awaited<ReturnType<typeof setUpProvider>>;
  beforeAll(async () => {
    world = await createWorld(); // Tuesday 15 September 2026
    const admin = await world.user('admin', { platformAdmin: true });
    school = await setUpSchool(world, admin, { noticePeriodSchoolDays: 5 });
    provider = await setUpProvider(world, admin);
  });
  const search = async () =>
    (await world.call(provider.user.token, 'GET', `/v1/slots?orgId=${provider.orgId}&from=2026-09-15&to=2026-10-31`)).body.items.map((s: { id: string }) => s.id);

  it('says when a slot is published inside the notice period, and leaves it out of search', async () => {
    const late = await publishSlot(world, school, { date: '2026-09-18', statutory: false, title: 'Friday drop-in' });
    expect((late as { requestBy?: string }).requestBy! < '2026-09-15').toBe(true);
    const inTime = await publishSlot(world, school, { date: '2026-09-29', statutory: false, title: 'Tuesday talk' });
    // Five clear school days before Tuesday 29 September: requests until Monday 21 September.
    expect((inTime as { requestBy?: string }).requestBy).toBe('2026-09-21');

    const found = await search();
    expect(found).toContain(inTime.id);
    expect(found).not.toContain(late.id);
    // The rule is judged on the request all the same.
    const refused = await request(world, provider, school.schoolId, late.id);
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0].code).toBe('NOTICE_PERIOD');

    // The day after its last day to request, the slot leaves search too.
    world.clock.now = new Date('2026-09-22T09:00:00Z');
    try {
      expect(await search()).not.toContain(inTime.id);
    } finally {
      world.clock.now = new Date('2026-09-15T10:00:00Z');
    }
  });
});

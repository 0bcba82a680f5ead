import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '@schoolgate/store';
import { publishSlot, request, setUpSchool, type SchoolSetup } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';

/**
 * The invariants hold when many people act at once: DynamoDB's conditional transactions decide,
 * not a read in our code.
 */
describe('concurrent approvals on DynamoDB Local', () => {
  let world: World;
  let school: SchoolSetup;
  let liaison: { email: string; token: string; userId: string };
  beforeAll(async () => {
    world = await createWorld();
    const admin = await world.user('admin', { platformAdmin: true });
    school = await setUpSchool(world, admin);
    const user = await world.user('liaison');
    const me = await world.call(user.token, 'GET', '/v1/me');
    liaison = { ...user, userId: me.body.userId };
  });

  /** Many verified providers run by one liaison officer, written straight to the store for speed. */
  async function providers(count: number): Promise<Array<{ user: { token: string }; orgId: string }>> {
    const made = [];
    for (let i = 0; i < count; i++) {
      const orgId = `prov-${i}-${Math.random().toString(36).slice(2, 8)}`;
      await createOrganisation(
        world.db,
        {
          id: orgId,
          kind: 'provider',
          name: `Provider ${i}`,
          verified: true,
          postcode: 'LS1 1AA',
          providerType: 'itp',
          offers: ['apprenticeships'],
          notifications: { contactEmail: liaison.email, reminderDaysBefore: [] },
          createdAt: new Date().toISOString(),
        },
        { userId: liaison.userId, email: liaison.email, role: 'admin' },
      );
      made.push({ user: liaison, orgId });
    }
    return made;
  }

  const approve = (bookingId: string) =>
    world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${bookingId}/approve`, {});

  it('50 concurrent approvals for a two-place slot confirm exactly two', async () => {
    const { id } = await publishSlot(world, school, { places: 2, date: '2026-11-24' });
    const many = await providers(50);
    const requests = await Promise.all(many.map((p) => request(world, p, school.schoolId, id)));
    expect(requests.every((r) => r.status === 201)).toBe(true);
    const results = await Promise.all(requests.map((r) => approve(r.body.id)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(2);
    expect(statuses.filter((s) => s === 409)).toHaveLength(48);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.errors[0].code === 'SLOT_FULL')).toBe(true);
    const slot = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/slots/${id}`);
    expect(slot.body).toMatchObject({ confirmedCount: 2, pendingCount: 48 });
    const confirmed = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/bookings?status=confirmed`);
    expect(confirmed.body.items.filter((b: { slotId: string }) => b.slotId === id)).toHaveLength(2);
    // Setting up 50 verified providers (users, organisations, verification) is most of the time.
  }, 90_000);

  it('one provider approved concurrently into two statutory slots of one cohort phase confirms exactly one', async () => {
    const [provider] = await providers(1);
    const a = await publishSlot(world, school, { date: '2026-11-25' });
    const b = await publishSlot(world, school, { date: '2026-12-02' });
    const ra = await request(world, provider!, school.schoolId, a.id);
    const rb = await request(world, provider!, school.schoolId, b.id);
    const results = await Promise.all([approve(ra.body.id), approve(rb.body.id)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.errors[0].code).toBe('DISTINCT_PROVIDERS');
  });

  it('20 racing requests from one provider for one slot leave exactly one live request', async () => {
    const [provider] = await providers(1);
    const { id } = await publishSlot(world, school, { date: '2026-12-03' });
    const results = await Promise.all(Array.from({ length: 20 }, () => request(world, provider!, school.schoolId, id)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.errors[0].code === 'ALREADY_BOOKED')).toBe(true);
  });

  it('an approval racing a withdrawal ends in exactly one of the two', async () => {
    const [provider] = await providers(1);
    const { id } = await publishSlot(world, school, { date: '2026-12-08' });
    const r = await request(world, provider!, school.schoolId, id);
    const path = `/v1/schools/${school.schoolId}/bookings/${r.body.id}`;
    const [approved, withdrawn] = await Promise.all([approve(r.body.id), world.call(liaison.token, 'POST', `${path}/withdraw`)]);
    expect([approved.status, withdrawn.status].sort()).toEqual([200, 409]);
    const final = await world.call(school.leader.token, 'GET', path);
    expect(final.body.audit).toHaveLength(2);
    const slot = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/slots/${id}`);
    expect(slot.body.pendingCount).toBe(0);
    expect(slot.body.confirmedCount).toBe(final.body.status === 'confirmed' ? 1 : 0);
  });
});

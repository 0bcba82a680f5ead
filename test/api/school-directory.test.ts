import { callCounter, keys, putAreaEntry, schoolDirectoryData, transact } from '@schoolgate/store';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { calendar2026, policy, publishSlot, setUpProvider, setUpSchool, type SchoolSetup } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';

/**
 * Finding each other (issue 15): the school directory providers and employers search (area index
 * kind `school`, period `ALL`; packages/store/src/school-directory.ts) and the platform admin's
 * verification queue (gsi2 VERIFYQUEUE; packages/store/src/verification-queue.ts).
 */
describe('school directory', () => {
  let world: World;
  let admin: { token: string };
  let provider: Awaited<ReturnType<typeof setUpProvider>>;
  beforeAll(async () => {
    world = await createWorld();
    admin = await world.user('admin', { platformAdmin: true });
    provider = await setUpProvider(world, admin);
  });

  type Hit = { id: string; name: string; phase: string; policyPublished: boolean; hasOpenSlots: boolean; distanceKm: number; yearGroups: { from: number; to: number } };
  const search = async (query = '', who: { user: { token: string }; orgId: string } = provider) => {
    const found = await world.call(who.user.token, 'GET', `/v1/school-directory?orgId=${who.orgId}&${query}`);
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    return found.body as { items: Hit[]; nextCursor: string | null };
  };
  const entryOf = async (schoolId: string) =>
    (await world.db.doc.send(new GetCommand({ TableName: world.db.tableName, Key: keys.areaEntry(schoolId, 'school', schoolId, 'ALL'), ConsistentRead: true }))).Item;
  async function registerSchool(name: string, postcode: string, yearGroups = { from: 7, to: 11 }) {
    const leader = await world.user('leader');
    const created = await world.call(leader.token, 'POST', '/v1/schools', {
      urn: String(500000 + Math.floor(Math.random() * 400000)),
      name,
      address: '1 Road',
      postcode,
      yearGroups,
      roll: {},
      venues: [{ name: 'Hall', capacity: 400, facilities: [] }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return { leader, schoolId: created.body.id as string, hallId: created.body.venues[0].id as string, studioId: '' } satisfies SchoolSetup;
  }

  it('finds a school verified a minute ago from its postcode, and follows its policy, slots and year groups', async () => {
    const school = await registerSchool('Aire Valley Primary', 'LS6 2AB', { from: 1, to: 6 });
    // Not verified: not findable.
    expect((await search('phase=primary')).items.map((s) => s.id)).not.toContain(school.schoolId);
    expect(await entryOf(school.schoolId)).toBeUndefined();
    expect((await world.call(admin.token, 'POST', `/v1/admin/organisations/${school.schoolId}/verify`)).status).toBe(200);
    let found = (await search('phase=primary')).items.find((s) => s.id === school.schoolId);
    expect(found).toMatchObject({ name: 'Aire Valley Primary', phase: 'primary', policyPublished: false, hasOpenSlots: false });
    expect(found!.distanceKm).toBeLessThan(10);
    expect((await search('policyPublished=true')).items.map((s) => s.id)).not.toContain(school.schoolId);

    // Publishing the policy rewrites the entry in the same transaction.
    await world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/calendar`, calendar2026);
    await world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/policy`, policy());
    expect((await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/policy/publish`)).status).toBe(200);
    expect((await search('policyPublished=true')).items.map((s) => s.id)).toContain(school.schoolId);
    expect((await search('openSlots=true')).items.map((s) => s.id)).not.toContain(school.schoolId);

    // An open slot makes it a school with open slots; withdrawing it takes that away.
    const slot = await publishSlot(world, school, { date: '2026-11-24', yearGroups: [5], statutory: false });
    found = (await search('openSlots=true')).items.find((s) => s.id === school.schoolId);
    expect(found?.hasOpenSlots).toBe(true);
    expect((await search('openSlots=false')).items.map((s) => s.id)).not.toContain(school.schoolId);
    await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/slots/${slot.id}/withdraw`);
    expect((await search('openSlots=true')).items.map((s) => s.id)).not.toContain(school.schoolId);

    // A change of year groups changes its phase in the directory; a change of roll does not rewrite the entry.
    const before = await entryOf(school.schoolId);
    expect((await world.call(school.leader.token, 'PATCH', `/v1/schools/${school.schoolId}`, { roll: { '5': 30 } })).status).toBe(200);
    expect(await entryOf(school.schoolId)).toEqual(before);
    expect((await world.call(school.leader.token, 'PATCH', `/v1/schools/${school.schoolId}`, { yearGroups: { from: 1, to: 11 } })).status).toBe(200);
    found = (await search('yearGroup=9')).items.find((s) => s.id === school.schoolId);
    expect(found).toMatchObject({ phase: 'all_through', policyPublished: true, yearGroups: { from: 1, to: 11 } });
    expect((await search('phase=primary')).items.map((s) => s.id)).not.toContain(school.schoolId);
    expect((await search('yearGroup=12')).items.map((s) => s.id)).not.toContain(school.schoolId);
  });

  it('measures from another postcode when asked, and moves a school that moves', async () => {
    const school = await registerSchool('Quayside Academy', 'NE1 4ST');
    await world.call(admin.token, 'POST', `/v1/admin/organisations/${school.schoolId}/verify`);
    expect((await search()).items.map((s) => s.id)).not.toContain(school.schoolId);
    const near = (await search('near=NE2')).items.find((s) => s.id === school.schoolId);
    expect(near?.distanceKm).toBeLessThan(5);
    expect((await world.call(school.leader.token, 'PATCH', `/v1/schools/${school.schoolId}`, { postcode: 'LS2 9JT' })).status).toBe(200);
    expect((await search()).items.map((s) => s.id)).toContain(school.schoolId);
    expect((await search('near=NE2')).items.map((s) => s.id)).not.toContain(school.schoolId);
  });

  it('says "policy published" whichever of verification and publication commits first', async () => {
    for (let round = 0; round < 4; round++) {
      const school = await registerSchool(`Race School ${round}`, 'LS7 3AA');
      await world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/calendar`, calendar2026);
      await world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/policy`, policy());
      const [verified, published] = await Promise.all([
        world.call(admin.token, 'POST', `/v1/admin/organisations/${school.schoolId}/verify`),
        world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/policy/publish`),
      ]);
      expect(verified.status, JSON.stringify(verified.body)).toBe(200);
      expect(published.status, JSON.stringify(published.body)).toBe(200);
      expect((await entryOf(school.schoolId))?.data).toMatchObject({ policyPublished: true });
    }
  });

  it('is for providers and employers: a school, or someone outside the searching organisation, is refused', async () => {
    const school = await setUpSchool(world, admin);
    const asSchool = await world.call(school.leader.token, 'GET', `/v1/school-directory?orgId=${school.schoolId}`);
    // A school's id is unknown to a route for providers and employers; a stranger learns nothing either.
    expect(asSchool.status).toBe(404);
    const stranger = await setUpProvider(world, admin);
    const asStranger = await world.call(stranger.user.token, 'GET', `/v1/school-directory?orgId=${provider.orgId}`);
    expect(asStranger.status).toBe(404);
    const badCursor = await world.call(provider.user.token, 'GET', `/v1/school-directory?orgId=${provider.orgId}&cursor=abc`);
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.errors[0].field).toBe('cursor');
  });

  it('reads a bounded number of times whatever the national total, and pages through a crowded city with a cursor', async () => {
    // 300 schools in London's cell, written straight into the index.
    for (let batch = 0; batch < 30; batch++) {
      await transact(
        world.db,
        Array.from({ length: 10 }, (_, i) => {
          const id = `ldn-${String(batch * 10 + i).padStart(3, '0')}`;
          const school = { id, kind: 'school' as const, verified: true, name: `London School ${id}`, postcode: 'E1 6AN', yearGroups: { from: 7, to: 11 }, location: { latitude: 51.5, longitude: -0.07 } };
          return putAreaEntry(world.db, { kind: 'school', id, ownerOrgId: id, sortKey: school.name, location: school.location, data: schoolDirectoryData(school, false) });
        }),
      );
    }
    callCounter.reset();
    const leeds = await search('limit=20');
    // Leeds at 50 km covers at most 9 cells; each reads at most 4 pages; plus one probe per school shown.
    expect(callCounter.reads).toBeLessThanOrEqual(9 * 4 + leeds.items.length + 2);
    expect(leeds.items.map((s) => s.id).filter((id) => id.startsWith('ldn-'))).toEqual([]);

    const londoner = await setUpProvider(world, admin);
    await world.call(londoner.user.token, 'PATCH', `/v1/organisations/${londoner.orgId}`, { postcode: 'E1 7AA' });
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      callCounter.reset();
      const page: { items: Hit[]; nextCursor: string | null } = await search(`withinKm=10&limit=50${cursor ? `&cursor=${cursor}` : ''}`, londoner);
      // Bounded per page: the covering cells' index reads plus one probe per school on the page.
      expect(callCounter.reads).toBeLessThanOrEqual(3 * (4 * 4 + 50) + 2);
      const names = page.items.map((s) => s.name);
      expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
      for (const s of page.items) seen.add(s.id);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(seen.size).toBe(300);
    expect(pages).toBeGreaterThanOrEqual(6);
  });
});

describe('verification queue', () => {
  let world: World;
  let admin: { token: string };
  beforeAll(async () => {
    world = await createWorld();
    admin = await world.user('admin', { platformAdmin: true });
  });
  type Queue = { counts: Record<string, { waiting: number; verified: number }>; items: Array<{ id: string; kind: string; name: string; waitingSince: string; urn?: string; ukprn?: string; companiesHouseNumber?: string }>; nextCursor: string | null };
  const queue = async (query = '') => {
    const answer = await world.call(admin.token, 'GET', `/v1/admin/verification-queue?${query}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body as Queue;
  };

  it('lists the waiting oldest first with the identifiers to check, counts each state, and pages with a cursor', async () => {
    const registered: string[] = [];
    for (const [i, kind] of (['provider', 'employer', 'school', 'provider'] as const).entries()) {
      world.clock.now = new Date(Date.UTC(2026, 8, 15, 10, i));
      const user = await world.user(kind);
      const body =
        kind === 'provider'
          ? { ukprn: `1088800${i}`, name: `Provider ${i}`, providerType: 'itp', offers: ['apprenticeships'], postcode: 'LS1 1AA' }
          : kind === 'employer'
            ? { name: `Employer ${i}`, sector: 'Construction', companiesHouseNumber: `0000000${i}`, postcode: 'LS1 1AA' }
            : { urn: `77700${i}`, name: `School ${i}`, postcode: 'LS1 1AA', yearGroups: { from: 7, to: 11 }, roll: {}, venues: [] };
      const created = await world.call(user.token, 'POST', `/v1/${kind === 'school' ? 'schools' : kind === 'provider' ? 'providers' : 'employers'}`, body);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      registered.push(created.body.id);
    }
    const first = await queue();
    expect(first.items.map((o) => o.id)).toEqual(registered);
    expect(first.items[0]).toMatchObject({ kind: 'provider', ukprn: '10888000', waitingSince: '2026-09-15T10:00:00.000Z' });
    expect(first.items[1]).toMatchObject({ kind: 'employer', companiesHouseNumber: '00000001' });
    expect(first.items[2]).toMatchObject({ kind: 'school', urn: '777002' });
    expect(first.counts).toEqual({ school: { waiting: 1, verified: 0 }, provider: { waiting: 2, verified: 0 }, employer: { waiting: 1, verified: 0 } });
    expect((await queue('kind=provider')).items.map((o) => o.id)).toEqual([registered[0], registered[3]]);

    const page1 = await queue('limit=2');
    expect(page1.items.map((o) => o.id)).toEqual(registered.slice(0, 2));
    const page2 = await queue(`limit=2&cursor=${page1.nextCursor}`);
    expect(page2.items.map((o) => o.id)).toEqual(registered.slice(2, 4));

    // Verified: out of the queue, counted as verified.
    expect((await world.call(admin.token, 'POST', `/v1/admin/organisations/${registered[0]}/verify`)).status).toBe(200);
    const after = await queue();
    expect(after.items.map((o) => o.id)).toEqual(registered.slice(1));
    expect(after.counts.provider).toEqual({ waiting: 1, verified: 1 });
  });

  it('puts a provider whose offer changed back at the end of the queue', async () => {
    world.clock.now = new Date('2026-09-20T09:00:00Z');
    const user = await world.user('changer');
    const created = await world.call(user.token, 'POST', '/v1/providers', { ukprn: '10777001', name: 'Changer College', providerType: 'fe_college', offers: ['apprenticeships'], postcode: 'LS1 1AA' });
    await world.call(admin.token, 'POST', `/v1/admin/organisations/${created.body.id}/verify`);
    expect((await queue()).items.map((o) => o.id)).not.toContain(created.body.id);
    world.clock.now = new Date('2026-09-21T09:00:00Z');
    const changed = await world.call(user.token, 'PATCH', `/v1/organisations/${created.body.id}`, { offers: ['apprenticeships', 't_levels'] });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const items = (await queue()).items;
    expect(items.at(-1)).toMatchObject({ id: created.body.id, waitingSince: '2026-09-21T09:00:00.000Z' });
  });

  it('is for the platform admin only', async () => {
    const someone = await world.user('someone');
    expect((await world.call(someone.token, 'GET', '/v1/admin/verification-queue')).status).toBe(403);
  });
});

describe("the overview's waiting requests", () => {
  it('lists the soonest first, says how many in all, and is the school’s alone', async () => {
    const world = await createWorld();
    const admin = await world.user('admin', { platformAdmin: true });
    const school = await setUpSchool(world, admin);
    const provider = await setUpProvider(world, admin);
    const dates = ['2026-12-08', '2026-11-24', '2027-01-12', '2026-11-25', '2027-02-02', '2026-12-01', '2027-01-19'];
    const asked: Array<{ id: string; date: string }> = [];
    for (const date of dates) {
      const slot = await publishSlot(world, school, { date, yearGroups: [10], statutory: false });
      const booking = await world.call(provider.user.token, 'POST', `/v1/organisations/${provider.orgId}/requests`, { schoolId: school.schoolId, slotId: slot.id, message: '' });
      expect(booking.status, JSON.stringify(booking.body)).toBe(201);
      asked.push({ id: booking.body.id, date });
    }
    const overview = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/waiting-requests`);
    expect(overview.status, JSON.stringify(overview.body)).toBe(200);
    expect(overview.body.total).toBe(7);
    expect(overview.body.items.map((r: { date: string }) => r.date)).toEqual([...dates].sort().slice(0, 5));
    // Decided requests leave the list and the count.
    const soonest = asked.find((a) => a.date === '2026-11-24')!;
    expect((await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${soonest.id}/approve`, {})).status).toBe(200);
    const after = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/waiting-requests?limit=50`);
    expect(after.body.total).toBe(6);
    expect(after.body.items.map((r: { date: string }) => r.date)).toEqual([...dates].sort().slice(1));
    expect((await world.call(provider.user.token, 'GET', `/v1/schools/${school.schoolId}/waiting-requests`)).status).toBe(404);
  });
});

import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { publishSlot, request, setUpProvider, setUpSchool, type SchoolSetup } from '../support/fixtures.js';
import { addPupils, publishPlacement, requestDays, setUpEmployer, signOffSafetyPack } from '../support/placements.js';
import { createWorld, type World } from '../support/world.js';

/**
 * Private calendar feeds (packages/usecases/src/calendar-feed.ts): each side subscribes to an
 * unguessable, revocable URL serving its confirmed bookings, read here by a real ICS parser.
 */
describe('private calendar feeds', () => {
  let world: World;
  let school: SchoolSetup;
  let provider: Awaited<ReturnType<typeof setUpProvider>>;
  let confirmed: Array<{ id: string; version: number }>;
  let cancelledId: string;
  let requestedId: string;

  const pathOf = (url: string) => new URL(url).pathname;
  /** Every VEVENT of a feed as ical.js reads it. */
  const eventsOf = (ics: string) =>
    new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((vevent) => {
      const event = new ICAL.Event(vevent);
      return { uid: event.uid, sequence: event.sequence, start: event.startDate.toString(), summary: event.summary, status: vevent.getFirstPropertyValue('status') };
    });

  beforeAll(async () => {
    world = await createWorld();
    const admin = await world.user('admin', { platformAdmin: true });
    school = await setUpSchool(world, admin);
    provider = await setUpProvider(world, admin);
    const book = async (date: string, approve: boolean) => {
      const { id: slotId } = await publishSlot(world, school, { date, statutory: false });
      const asked = await request(world, provider, school.schoolId, slotId);
      expect(asked.status, JSON.stringify(asked.body)).toBe(201);
      if (!approve) return asked.body as { id: string; version: number };
      const approved = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${asked.body.id}/approve`, {});
      expect(approved.status, JSON.stringify(approved.body)).toBe(200);
      return approved.body as { id: string; version: number };
    };
    confirmed = [await book('2026-11-10', true), await book('2026-11-12', true)];
    const cancelled = await book('2026-11-17', true);
    expect((await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${cancelled.id}/cancel`, { reason: 'Exams moved' })).status).toBe(200);
    cancelledId = cancelled.id;
    requestedId = (await book('2026-11-19', false)).id;
  });

  it('serves each side every confirmed booking, with the UID and SEQUENCE its invites carry, and nothing else', async () => {
    for (const [token, orgId] of [
      [school.leader.token, school.schoolId],
      [provider.user.token, provider.orgId],
    ] as const) {
      const made = await world.call(token, 'POST', `/v1/organisations/${orgId}/calendar-feed`);
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      expect(made.body.url).toMatch(/^http:\/\/localhost\/v1\/public\/calendar-feeds\/[A-Za-z0-9_-]{43}\.ics$/);
      // No sign-in: the address is the secret.
      const feed = await world.call(undefined, 'GET', pathOf(made.body.url));
      expect(feed.status).toBe(200);
      expect(feed.headers.get('content-type')).toContain('text/calendar');
      expect(feed.headers.get('cache-control')).toBe('private, no-store');
      const events = eventsOf(feed.body);
      expect(events.map((e) => e.uid)).toEqual(confirmed.map((b) => `booking-${b.id}@schoolgate`));
      expect(events.map((e) => e.sequence)).toEqual(confirmed.map((b) => b.version));
      expect(events.map((e) => e.status)).toEqual(['CONFIRMED', 'CONFIRMED']);
      expect(events[0]!.start).toBe('2026-11-10T08:50:00');
      const text = feed.body as string;
      expect(text).not.toContain(cancelledId);
      expect(text).not.toContain(requestedId);
      expect((await world.call(token, 'GET', `/v1/organisations/${orgId}/calendar-feed`)).body).toMatchObject({ live: true });
    }
  });

  it('serves each side its confirmed work-experience placements: one event per booking with every booked day, the invite’s UID and SEQUENCE', async () => {
    const admin = await world.user('admin-placements', { platformAdmin: true });
    const host = await setUpEmployer(world, admin);
    await signOffSafetyPack(world.db, school.schoolId, host.orgId);
    expect((await world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/work-experience/settings`, { consentRequired: false })).status).toBe(200);
    const placement = await publishPlacement(world, host, { days: { kind: 'dates', dates: ['2026-11-23', '2026-11-25', '2026-11-30'] } });
    const pupils = await addPupils(world, school, 2);
    const hostPath = (id: string, action: string) => `/v1/organisations/${host.orgId}/placement-bookings/${school.schoolId}/${id}${action}`;
    const book = async (days: string[], confirm: boolean) => {
      const asked = await requestDays(world, school, host.orgId, placement.id, days, pupils);
      expect(asked.status, JSON.stringify(asked.body)).toBe(201);
      if (!confirm) return { id: asked.body.id as string, version: asked.body.version as number };
      const done = await world.call(host.user.token, 'POST', hostPath(asked.body.id, '/confirm'));
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      return { id: asked.body.id as string, version: done.body.version as number };
    };
    const booked = await book(['2026-11-23', '2026-11-25'], true);
    const waiting = await book(['2026-11-30'], false);
    for (const [token, orgId] of [
      [school.leader.token, school.schoolId],
      [host.user.token, host.orgId],
    ] as const) {
      const made = await world.call(token, 'POST', `/v1/organisations/${orgId}/calendar-feed`);
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      const feed = await world.call(undefined, 'GET', pathOf(made.body.url));
      expect(feed.status).toBe(200);
      const vevent = new ICAL.Component(ICAL.parse(feed.body)).getAllSubcomponents('vevent').find((v) => String(v.getFirstPropertyValue('uid')).startsWith('placement-'));
      expect(vevent, `${orgId}'s feed has the placement`).toBeDefined();
      const event = new ICAL.Event(vevent!);
      expect(event.uid).toBe(`placement-${booked.id}@schoolgate`);
      expect(booked.version).toBeGreaterThan(0);
      expect(event.sequence).toBe(booked.version);
      // ical.js expands the set to exactly the booked days (not the third offered day).
      const days: string[] = [];
      const expand = event.iterator();
      for (let next = expand.next(); next && days.length < 10; next = expand.next()) days.push(next.toString());
      expect(days).toEqual(['2026-11-23T09:00:00', '2026-11-25T09:00:00']);
      expect(feed.body).not.toContain(waiting.id);
      // No pupil names in a feed: it is a URL anyone holding it can open.
      expect(feed.body).not.toContain('Pupil0');
    }
  });

  it('stops the old address when a new one is made, and every address when revoked', async () => {
    const path = `/v1/organisations/${provider.orgId}/calendar-feed`;
    const first = await world.call(provider.user.token, 'POST', path);
    const second = await world.call(provider.user.token, 'POST', path);
    expect(second.body.url).not.toBe(first.body.url);
    expect((await world.call(undefined, 'GET', pathOf(first.body.url))).status).toBe(404);
    expect((await world.call(undefined, 'GET', pathOf(second.body.url))).status).toBe(200);
    const revoked = await world.call(provider.user.token, 'DELETE', path);
    expect(revoked.status).toBe(200);
    expect((await world.call(undefined, 'GET', pathOf(second.body.url))).status).toBe(404);
    expect((await world.call(provider.user.token, 'GET', path)).body).toEqual({ live: false });
    expect((await world.call(provider.user.token, 'DELETE', path)).status).toBe(404);
    // A guessed or malformed address is refused alike.
    expect((await world.call(undefined, 'GET', `/v1/public/calendar-feeds/${'A'.repeat(43)}.ics`)).status).toBe(404);
    expect((await world.call(undefined, 'GET', '/v1/public/calendar-feeds/short.ics')).status).toBe(400);
  });

  it('leaves exactly one live address when two rotations race', async () => {
    const path = `/v1/organisations/${school.schoolId}/calendar-feed`;
    const answers = await Promise.all(Array.from({ length: 6 }, () => world.call(school.leader.token, 'POST', path)));
    const made = answers.filter((a) => a.status === 201);
    expect(made.length).toBeGreaterThanOrEqual(1);
    for (const refused of answers.filter((a) => a.status !== 201)) {
      expect(refused.status).toBe(409);
      expect(refused.body.errors[0].code).toBe('STALE_STATE');
    }
    const opening = await Promise.all(made.map(async (a) => (await world.call(undefined, 'GET', pathOf(a.body.url))).status));
    expect(opening.filter((status) => status === 200)).toHaveLength(1);
  });

  it('lets only the organisation’s own careers leader or admin make or revoke its feed', async () => {
    const admin = await world.user('admin2', { platformAdmin: true });
    const other = await setUpProvider(world, admin);
    const staff = await world.user('staff');
    await world.call(school.leader.token, 'POST', `/v1/organisations/${school.schoolId}/invitations`, { email: staff.email, role: 'staff' });
    await world.call(staff.token, 'POST', `/v1/invitations/${school.schoolId}/accept`);
    for (const [method, orgId] of [
      ['POST', school.schoolId],
      ['DELETE', school.schoolId],
      ['GET', school.schoolId],
      ['POST', provider.orgId],
    ] as const) {
      expect((await world.call(other.user.token, method, `/v1/organisations/${orgId}/calendar-feed`)).status, `${method} ${orgId}`).toBe(404);
    }
    expect((await world.call(staff.token, 'POST', `/v1/organisations/${school.schoolId}/calendar-feed`)).status).toBe(403);
    expect((await world.call(staff.token, 'GET', `/v1/organisations/${school.schoolId}/calendar-feed`)).status).toBe(200);
  });
});

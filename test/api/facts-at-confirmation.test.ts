import { beforeAll, describe, expect, it } from 'vitest';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createOrganisation, keys, putCalendar } from '@schoolgate/store';
import { calendar2026, codes, publishSlot, request, setUpProvider, setUpSchool, type SchoolSetup } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';

/**
 * Issue 11 §1 and §3: a confirmation is judged on the facts as they are when it commits, not as
 * they were when the provider asked; and no edit of those facts is lost.
 */
describe('confirmation on the facts as they stand', () => {
  let world: World;
  let admin: { token: string };
  let school: SchoolSetup;
  let college: Awaited<ReturnType<typeof setUpProvider>>;

  beforeAll(async () => {
    world = await createWorld();
    admin = await world.user('admin', { platformAdmin: true });
    school = await setUpSchool(world, admin);
    college = await setUpProvider(world, admin);
  });

  const approve = (bookingId: string, body: Record<string, unknown> = {}) =>
    world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${bookingId}/approve`, body);
  const insetOn = (date: string) => ({
    ...calendar2026,
    closures: [...calendar2026.closures, { name: 'Training day', kind: 'inset', start: date, end: date }],
  });
  /** A request from a provider of its own, so DISTINCT_PROVIDERS never mixes tests up. */
  const requested = async (date: string, given?: typeof college) => {
    const provider = given ?? (await setUpProvider(world, admin));
    const slot = await publishSlot(world, school, { date });
    const asked = await request(world, provider, school.schoolId, slot.id);
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    return asked.body.id as string;
  };

  it('refuses to confirm as statutory on an INSET day added after the request (SCHOOL_HOURS), and confirms it as supplementary when asked', async () => {
    const bookingId = await requested('2026-11-17');
    const changed = await world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/calendar`, insetOn('2026-11-17'));
    expect(changed.status).toBe(200);
    const refused = await approve(bookingId);
    expect(refused.status).toBe(422);
    expect(codes(refused.body)).toEqual(['SCHOOL_HOURS']);
    expect(refused.body.title).toBe('Outside the school day');
    const supplementary = await approve(bookingId, { asSupplementary: true });
    expect(supplementary.status).toBe(200);
    expect(supplementary.body).toMatchObject({ status: 'confirmed', statutory: false });
    expect((await world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/calendar`, calendar2026)).status).toBe(200);
  });

  it('refuses when the September roll no longer fits the venue (WHOLE_YEAR_GROUP)', async () => {
    const bookingId = await requested('2026-11-18');
    const grown = await world.call(school.leader.token, 'PATCH', `/v1/schools/${school.schoolId}`, { rollYear: 2026, roll: { '9': 450 } });
    expect(grown.status).toBe(200);
    const refused = await approve(bookingId);
    expect(refused.status).toBe(422);
    expect(codes(refused.body)).toEqual(['WHOLE_YEAR_GROUP']);
    await world.call(school.leader.token, 'PATCH', `/v1/schools/${school.schoolId}`, { rollYear: 2026, roll: { '9': 150 } });
    expect((await approve(bookingId)).status).toBe(200);
  });

  it('refuses when the provider no longer offers what makes it eligible (ELIGIBLE_PROVIDER), titled for what it is', async () => {
    const provider = await setUpProvider(world, admin);
    const bookingId = await requested('2026-11-19', provider);
    const dropped = await world.call(provider.user.token, 'PATCH', `/v1/organisations/${provider.orgId}`, { offers: [] });
    expect(dropped.status).toBe(200);
    const refused = await approve(bookingId);
    expect(refused.status).toBe(422);
    expect(codes(refused.body)).toEqual(['ELIGIBLE_PROVIDER']);
    expect(refused.body.title).toMatch(/not an eligible provider/i);
  });

  it('refuses when the published policy now asks for longer encounters (MIN_DURATION)', async () => {
    const other = await setUpSchool(world, admin);
    const slot = await world.call(other.leader.token, 'POST', `/v1/schools/${other.schoolId}/slots`, {
      title: 'Assembly', date: '2026-11-20', start: '08:50', end: '09:20', yearGroups: [9], format: 'assembly', venueId: other.hallId, places: 1, statutory: true,
    });
    const asked = await request(world, college, other.schoolId, slot.body.id);
    const current = await world.call(other.leader.token, 'GET', `/v1/schools/${other.schoolId}/policy`);
    const { version: _v, createdAt: _c, createdBy: _b, publishedAt: _p, ...draft } = current.body.published;
    expect((await world.call(other.leader.token, 'PUT', `/v1/schools/${other.schoolId}/policy`, { ...draft, minimumDurationMinutes: 45 })).status).toBe(201);
    expect((await world.call(other.leader.token, 'POST', `/v1/schools/${other.schoolId}/policy/publish`)).status).toBe(200);
    const refused = await world.call(other.leader.token, 'POST', `/v1/schools/${other.schoolId}/bookings/${asked.body.id}/approve`, {});
    expect(refused.status).toBe(422);
    expect(codes(refused.body)).toEqual(['MIN_DURATION']);
  });

  /**
   * Changes the school's calendar just before each confirming transaction, as a careers leader
   * saving at that instant would: the transaction's ConditionCheck on the calendar's version fails.
   */
  async function withCalendarChangedBeforeCommit<T>(times: number, run: () => Promise<T>): Promise<T> {
    const doc = world.db.doc;
    const send = doc.send.bind(doc);
    let left = times;
    const calendarKey = keys.calendar(school.schoolId);
    (doc as { send: unknown }).send = async (command: unknown, ...rest: unknown[]) => {
      const checksCalendar =
        command instanceof TransactWriteCommand &&
        (command.input.TransactItems ?? []).some((item) => item.ConditionCheck?.Key?.sk === calendarKey.sk && item.ConditionCheck?.Key?.pk === calendarKey.pk);
      if (checksCalendar && left > 0) {
        left -= 1;
        await putCalendar(world.db, school.schoolId, calendar2026, new Date().toISOString());
      }
      return (send as (...args: unknown[]) => Promise<unknown>)(command, ...rest);
    };
    try {
      return await run();
    } finally {
      (doc as { send: unknown }).send = send;
    }
  }

  it('decides again on fresh facts once when a fact changes before the write, then answers FACTS_CHANGED', async () => {
    const once = await requested('2026-11-24');
    const retried = await withCalendarChangedBeforeCommit(1, () => approve(once));
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);

    const twice = await requested('2026-11-25');
    const refused = await withCalendarChangedBeforeCommit(2, () => approve(twice));
    expect(refused.status).toBe(409);
    expect(codes(refused.body)).toEqual(['FACTS_CHANGED']);
    const after = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/bookings/${twice}`);
    expect(after.body.status).toBe('requested');
  });

  it('tells the school which confirmed bookings a calendar change breaks, and stops counting them', async () => {
    const bookingId = await requested('2026-12-01');
    expect((await approve(bookingId)).status).toBe(200);
    const before = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/compliance?asOf=2026-11-01`);
    expect(JSON.stringify(before.body.cohorts)).toContain(bookingId);

    const changed = await world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/calendar`, insetOn('2026-12-01'));
    expect(changed.status).toBe(200);
    expect(changed.body.affectedBookings.map((b: { bookingId: string }) => b.bookingId)).toEqual([bookingId]);
    expect(changed.body.affectedBookings[0].violations.map((v: { code: string }) => v.code)).toEqual(['SCHOOL_HOURS']);

    const after = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/compliance?asOf=2026-11-01`);
    expect(JSON.stringify(after.body.cohorts)).not.toContain(bookingId);
    expect(after.body.noLongerCounting.map((b: { bookingId: string }) => b.bookingId)).toEqual([bookingId]);
    expect((await world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/calendar`, calendar2026)).body.affectedBookings).toEqual([]);
  });

  it('tells the school which confirmed bookings a newly published policy breaks (a longer minimum)', async () => {
    const other = await setUpSchool(world, admin);
    const provider = await setUpProvider(world, admin);
    const slot = await world.call(other.leader.token, 'POST', `/v1/schools/${other.schoolId}/slots`, {
      title: 'Short assembly', date: '2026-12-03', start: '08:50', end: '09:20', yearGroups: [9], format: 'assembly', venueId: other.hallId, places: 1, statutory: true,
    });
    const asked = await request(world, provider, other.schoolId, slot.body.id);
    expect((await world.call(other.leader.token, 'POST', `/v1/schools/${other.schoolId}/bookings/${asked.body.id}/approve`, {})).status).toBe(200);
    const current = await world.call(other.leader.token, 'GET', `/v1/schools/${other.schoolId}/policy`);
    const { version: _v, createdAt: _c, createdBy: _b, publishedAt: _p, ...draft } = current.body.published;
    await world.call(other.leader.token, 'PUT', `/v1/schools/${other.schoolId}/policy`, { ...draft, minimumDurationMinutes: 45 });
    const published = await world.call(other.leader.token, 'POST', `/v1/schools/${other.schoolId}/policy/publish`);
    expect(published.status).toBe(200);
    expect(published.body.affectedBookings.map((b: { bookingId: string }) => b.bookingId)).toEqual([asked.body.id]);
    expect(published.body.affectedBookings[0].violations.map((v: { code: string }) => v.code)).toEqual(['MIN_DURATION']);
  });

  it('tells a provider which confirmed bookings stop counting when it stops being eligible', async () => {
    const provider = await setUpProvider(world, admin);
    const bookingId = await requested('2026-12-02', provider);
    expect((await approve(bookingId)).status).toBe(200);
    const dropped = await world.call(provider.user.token, 'PATCH', `/v1/organisations/${provider.orgId}`, { offers: [] });
    expect(dropped.body.affectedBookings.map((b: { bookingId: string }) => b.bookingId)).toEqual([bookingId]);
  });
});

describe('race: the calendar changes while 20 approvals run', () => {
  it('confirms as statutory exactly the bookings judged on the calendar before the change, and the change lists every one of them', async () => {
    const world = await createWorld();
    const admin = await world.user('admin', { platformAdmin: true });
    const school = await setUpSchool(world, admin);
    const liaison = await world.user('liaison');
    const me = await world.call(liaison.token, 'GET', '/v1/me');
    const closures = [...calendar2026.closures];
    const doc = world.db.doc;
    const send = doc.send.bind(doc) as (...args: unknown[]) => Promise<unknown>;
    // Three rounds; in each the careers leader saves the calendar at the moment the k-th approval
    // sends its transaction, with the others in flight (20 approvals move in lockstep, so a timer
    // would land before or after all of them).
    for (const [round, date, saveAtCommit] of [[0, '2026-11-10', 3], [1, '2026-11-11', 10], [2, '2026-11-12', 17]] as const) {
      // The 20 providers, slots and requests are set up side by side (each pair is independent);
      // only the approvals below race the calendar change.
      const bookingIds = await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const orgId = `race-prov-${round}-${i}-${Math.random().toString(36).slice(2, 8)}`;
          const [, slot] = await Promise.all([
            createOrganisation(
              world.db,
              {
                id: orgId, kind: 'provider', name: `Provider ${round}.${i}`, verified: true, postcode: 'LS1 1AA', providerType: 'itp', offers: ['apprenticeships'],
                notifications: { contactEmail: liaison.email, reminderDaysBefore: [] }, createdAt: new Date().toISOString(),
              },
              { userId: me.body.userId, email: liaison.email, role: 'admin' },
            ),
            publishSlot(world, school, { date, places: 1 }),
          ]);
          const asked = await request(world, { user: liaison, orgId }, school.schoolId, slot.id);
          expect(asked.status, JSON.stringify(asked.body)).toBe(201);
          return asked.body.id as string;
        }),
      );
      closures.push({ name: `Training day ${round}`, kind: 'inset', start: date, end: date });
      let commits = 0;
      let change: Promise<{ status: number; body: any }> | undefined;
      (doc as { send: unknown }).send = (command: unknown, ...rest: unknown[]) => {
        if (command instanceof TransactWriteCommand && ++commits === saveAtCommit) {
          change = world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/calendar`, { ...calendar2026, closures: [...closures] });
        }
        return send(command, ...rest);
      };
      const results = await Promise.all(
        bookingIds.map((id) => world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${id}/approve`, {})),
      );
      (doc as { send: unknown }).send = send;
      const changed = await change!;
      expect(changed.status).toBe(200);

      const outcomes = results.map((r) => (r.status === 200 ? 'confirmed' : `${r.status} ${codes(r.body).join(',')}`));
      for (const outcome of outcomes) expect(['confirmed', '422 SCHOOL_HOURS', '409 FACTS_CHANGED']).toContain(outcome);
      const confirmed = bookingIds.filter((_, i) => results[i]!.status === 200).sort();
      const listed = (changed.body.affectedBookings as Array<{ bookingId: string; date: string }>)
        .filter((b) => b.date === date)
        .map((b) => b.bookingId)
        .sort();
      // An approval that committed before the calendar change is listed by it; one after was judged on the INSET day.
      expect(listed).toEqual(confirmed);
      console.log(`race round ${round}: ${confirmed.length} confirmed before the change, ${outcomes.length - confirmed.length} refused after it`);
    }
  }, 180_000);
});

describe('no lost updates', () => {
  let world: World;
  let school: SchoolSetup;
  beforeAll(async () => {
    world = await createWorld();
    const admin = await world.user('admin', { platformAdmin: true });
    school = await setUpSchool(world, admin);
  });

  it('keeps both of two careers leaders’ rolls saved at the same moment, every time, and the year groups neither named', async () => {
    for (let round = 1; round <= 10; round++) {
      const [a, b] = await Promise.all([
        world.call(school.leader.token, 'PATCH', `/v1/schools/${school.schoolId}`, { rollYear: 2026, roll: { '7': 100 + round } }),
        world.call(school.leader.token, 'PATCH', `/v1/schools/${school.schoolId}`, { rollYear: 2026, roll: { '8': 200 + round } }),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      const stored = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}`);
      expect(stored.body.rolls['2026']).toEqual({ '7': 100 + round, '8': 200 + round, '9': 150, '10': 150, '11': 150 });
    }
  });

  it('keeps notification settings and the roll apart: a PATCH changes only what it names', async () => {
    const before = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}`);
    await Promise.all([
      world.call(school.leader.token, 'PATCH', `/v1/schools/${school.schoolId}`, { notifications: { reminderDaysBefore: [3] } }),
      world.call(school.leader.token, 'PATCH', `/v1/schools/${school.schoolId}`, { roll: { '9': 151 }, rollYear: 2026 }),
    ]);
    const after = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}`);
    expect(after.body.notifications).toEqual({ ...before.body.notifications, reminderDaysBefore: [3] });
    expect(after.body.rolls['2026']['9']).toBe(151);
    expect(after.body.venues).toEqual(before.body.venues);
  });

  it('refuses a calendar save based on a version someone else has since replaced (If-Match)', async () => {
    const loaded = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/calendar`);
    const etag = loaded.headers.get('etag');
    expect(etag).toMatch(/^"\d+"$/);
    const first = await world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/calendar`, calendar2026, { 'if-match': etag! });
    expect(first.status).toBe(200);
    const stale = await world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/calendar`, calendar2026, { 'if-match': etag! });
    expect(stale.status).toBe(409);
    expect(codes(stale.body)).toEqual(['STALE_STATE']);
    const bad = await world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/calendar`, calendar2026, { 'if-match': 'yesterday' });
    expect(bad.status).toBe(400);
  });

  it('refuses a policy draft based on a version someone else has since saved over (If-Match)', async () => {
    const loaded = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/policy`);
    const { version, createdAt: _c, createdBy: _b, publishedAt: _p, ...draft } = loaded.body.draft;
    const first = await world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/policy`, draft, { 'if-match': `"${version}"` });
    expect(first.status).toBe(201);
    const stale = await world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/policy`, draft, { 'if-match': `"${version}"` });
    expect(stale.status).toBe(409);
  });
});

describe('re-designating a booking a change of facts broke', () => {
  it('keeps it confirmed as supplementary, frees the provider’s place in the phase, and takes it off the broken list', async () => {
    const world = await createWorld();
    const admin = await world.user('admin', { platformAdmin: true });
    const school = await setUpSchool(world, admin);
    const provider = await setUpProvider(world, admin);
    const slot = await publishSlot(world, school, { date: '2026-12-08' });
    const asked = await request(world, provider, school.schoolId, slot.id);
    const base = `/v1/schools/${school.schoolId}/bookings/${asked.body.id}`;
    expect((await world.call(school.leader.token, 'POST', `${base}/approve`, {})).status).toBe(200);
    const changed = await world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/calendar`, {
      ...calendar2026,
      closures: [...calendar2026.closures, { name: 'Training day', kind: 'inset', start: '2026-12-08', end: '2026-12-08' }],
    });
    expect(changed.body.affectedBookings).toHaveLength(1);

    expect((await world.call(provider.user.token, 'POST', `${base}/redesignate`)).status).toBe(404);
    const kept = await world.call(school.leader.token, 'POST', `${base}/redesignate`);
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ status: 'confirmed', statutory: false });
    expect((await world.call(school.leader.token, 'POST', `${base}/redesignate`)).status).toBe(409);
    const standing = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/compliance?asOf=2026-11-01`);
    expect(standing.body.noLongerCounting).toEqual([]);

    // The guard went with it: the same provider can now be confirmed as statutory in the phase.
    const second = await publishSlot(world, school, { date: '2026-12-09' });
    const again = await request(world, provider, school.schoolId, second.id);
    expect((await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${again.body.id}/approve`, {})).status).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '@schoolgate/local';
import { readLocalMail, startLocalSes, startLocalStreamPoller, type LocalSentEmail } from '@schoolgate/notify';
import { getSlot, keys } from '@schoolgate/store';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { icsAttachment, parseInvite } from '../../functions/notify/src/test-support/fixtures.js';
import { calendar2026, codes, publishSlot, request, setUpProvider, setUpSchool, type SchoolSetup } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';

/**
 * Reschedule (issue 15): either side proposes a new time for a confirmed booking, the other accepts
 * or declines; acceptance moves the booking in one transaction judged like a confirmation, and both
 * calendars get the same event updated (same UID, higher SEQUENCE). Emails go through the real
 * outbox → stream → notifier path to a local SES.
 */
describe('reschedule a confirmed booking', () => {
  let world: World;
  let school: SchoolSetup;
  let provider: Awaited<ReturnType<typeof setUpProvider>>;
  let ses: Awaited<ReturnType<typeof startLocalSes>>;
  let poller: ReturnType<typeof startLocalStreamPoller>;

  beforeAll(async () => {
    world = await createWorld();
    ses = await startLocalSes({ port: await freePort() });
    poller = startLocalStreamPoller({
      db: world.db,
      streamsEndpoint: inject('dynamoEndpoint'),
      sesEndpoint: ses.endpoint,
      fromAddress: 'no-reply@schoolgate.test',
      webBaseUrl: 'http://127.0.0.1:3000',
      pollMs: 100,
    });
    await poller.ready;
    const admin = await world.user('admin', { platformAdmin: true });
    school = await setUpSchool(world, admin);
    provider = await setUpProvider(world, admin);
  }, 60_000);
  afterAll(async () => {
    await poller?.stop();
    await ses?.stop();
  });

  const mailsTo = async (address: string, pattern: RegExp) =>
    (await readLocalMail(ses.endpoint)).filter((m) => m.destination.to.some((to) => to.includes(address)) && pattern.test(m.subject));
  async function mailTo(address: string, pattern: RegExp): Promise<LocalSentEmail> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const found = await mailsTo(address, pattern);
      if (found.length) return found.at(-1)!;
      if (Date.now() > deadline) throw new Error(`no mail to ${address} matching ${pattern}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** A confirmed statutory booking of a fresh slot (each test its own year group date, so guards do not collide). */
  async function confirmed(overrides: Record<string, unknown> = {}, who = provider) {
    const slot = await publishSlot(world, school, { places: 1, ...overrides });
    const asked = await request(world, who, school.schoolId, slot.id);
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const path = `/v1/schools/${school.schoolId}/bookings/${asked.body.id}`;
    const approved = await world.call(school.leader.token, 'POST', `${path}/approve`, {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    return { slotId: slot.id, bookingId: asked.body.id as string, path, booking: approved.body };
  }
  const guardOf = async (cohort: number, phase: number, orgId = provider.orgId) =>
    (await world.db.doc.send(new GetCommand({ TableName: world.db.tableName, Key: keys.phaseGuard(school.schoolId, cohort, phase, orgId), ConsistentRead: true }))).Item;

  it('the provider proposes a new time in the same slot; the school accepts; the booking, its guard and both invites move (same UID, higher SEQUENCE), one email each', async () => {
    const { path, bookingId, booking } = await confirmed({ date: '2026-11-10', yearGroups: [9], title: 'Move me assembly' });
    const firstInvite = parseInvite(icsAttachment(await mailTo(provider.user.email, /Confirmed: Move me assembly/)));

    const proposed = await world.call(provider.user.token, 'POST', `${path}/reschedule`, { date: '2026-11-17', start: '09:00', end: '09:40', message: 'Our speaker is away on the 10th.' });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    expect(proposed.body).toMatchObject({ proposedBy: 'requester', date: '2026-11-17', slotId: booking.slotId, bookingVersion: booking.version });
    expect(proposed.body.proposerEmail).toBeUndefined();
    // Both sides see it on the booking page.
    expect((await world.call(school.leader.token, 'GET', path)).body.reschedule).toMatchObject({ id: proposed.body.id, date: '2026-11-17' });
    const told = await mailTo(school.leader.email, /New time proposed: Move me assembly/);
    expect(told.body.text).toContain('Our speaker is away on the 10th.');
    expect(told.body.text).toContain(`/schools/${school.schoolId}/bookings/${bookingId}`);

    // The proposer does not answer its own proposal; a second proposal waits for the answer.
    const own = await world.call(provider.user.token, 'POST', `${path}/reschedule/accept`, { proposalId: proposed.body.id });
    expect(own.status).toBe(403);
    expect(codes(own.body)).toEqual(['RESCHEDULE_OWN_PROPOSAL']);
    const second = await world.call(school.leader.token, 'POST', `${path}/reschedule`, { date: '2026-11-24', start: '09:00', end: '09:40' });
    expect(second.status).toBe(409);
    expect(codes(second.body)).toEqual(['RESCHEDULE_PENDING']);

    const accepted = await world.call(school.leader.token, 'POST', `${path}/reschedule/accept`, { proposalId: proposed.body.id });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'confirmed', statutory: true, date: '2026-11-17', start: '09:00', end: '09:40', version: booking.version + 1 });
    const detail = await world.call(provider.user.token, 'GET', path);
    expect(detail.body.reschedule).toBeNull();
    expect(detail.body.audit.at(-1).reason).toMatch(/Moved from 2026-11-10 08:50–09:20 to 2026-11-17 09:00–09:40/);
    // The DISTINCT_PROVIDERS guard is still this booking's, with the new date.
    expect(await guardOf(2024, 1)).toMatchObject({ bookingId, date: '2026-11-17' });

    const movedForProvider = await mailTo(provider.user.email, /Moved: Move me assembly/);
    const movedForSchool = await mailTo(school.leader.email, /Moved: Move me assembly/);
    for (const mail of [movedForProvider, movedForSchool]) {
      const invite = parseInvite(icsAttachment(mail));
      expect(invite).toMatchObject({ method: 'REQUEST', uid: firstInvite.uid, startLocal: '2026-11-17T09:00:00', endLocal: '2026-11-17T09:40:00' });
      expect(invite.sequence).toBeGreaterThan(firstInvite.sequence);
    }
    expect(movedForProvider.body.text).toContain(`/organisations/${provider.orgId}/bookings/${school.schoolId}/${bookingId}`);
    // One email per recipient for the change.
    await new Promise((r) => setTimeout(r, 500));
    expect(await mailsTo(provider.user.email, /Moved: Move me assembly/)).toHaveLength(1);
    expect(await mailsTo(school.leader.email, /Moved: Move me assembly/)).toHaveLength(1);
  });

  it('the school proposes another of its slots; the provider accepts; places, holds and search follow the booking', async () => {
    const { path, slotId } = await confirmed({ date: '2026-11-11', yearGroups: [10], title: 'Old slot', statutory: false });
    const other = await publishSlot(world, school, { date: '2026-11-18', yearGroups: [10], places: 1, title: 'New slot', start: '10:00', end: '10:45', statutory: false });
    const proposed = await world.call(school.leader.token, 'POST', `${path}/reschedule`, { slotId: other.id });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    expect(proposed.body).toMatchObject({ proposedBy: 'school', slotId: other.id, date: '2026-11-18', start: '10:00', end: '10:45' });
    await mailTo(provider.user.email, /New time proposed: Old slot/);

    const accepted = await world.call(provider.user.token, 'POST', `${path}/reschedule/accept`, { proposalId: proposed.body.id });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toMatchObject({ slotId: other.id, date: '2026-11-18', start: '10:00' });
    expect((await getSlot(world.db, school.schoolId, slotId))?.confirmedCount).toBe(0);
    expect((await getSlot(world.db, school.schoolId, other.id))?.confirmedCount).toBe(1);
    const hold = async (id: string) =>
      (await world.db.doc.send(new GetCommand({ TableName: world.db.tableName, Key: keys.slotHold(school.schoolId, id, provider.orgId), ConsistentRead: true }))).Item;
    expect(await hold(slotId)).toBeUndefined();
    expect(await hold(other.id)).toMatchObject({ bookingId: accepted.body.id });
    // The freed slot takes requests again; the full one does not.
    const admin = await world.user('admin2', { platformAdmin: true });
    const another = await setUpProvider(world, admin);
    expect((await request(world, another, school.schoolId, slotId)).status).toBe(201);
    expect(codes((await request(world, another, school.schoolId, other.id)).body)).toEqual(['SLOT_FULL']);
  });

  it('refuses a move the rules forbid, on the facts as they stand at acceptance, and a decline tells the proposer why', async () => {
    const { path, booking } = await confirmed({ date: '2026-11-12', yearGroups: [8], title: 'Rules assembly' });
    // Proposal rules: a date in the past, the same time again.
    const past = await world.call(provider.user.token, 'POST', `${path}/reschedule`, { date: '2026-09-01', start: '09:00', end: '09:30' });
    expect(past.status).toBe(422);
    expect(codes(past.body)).toEqual(['RESCHEDULE_IN_PAST']);
    const same = await world.call(provider.user.token, 'POST', `${path}/reschedule`, { date: booking.date, start: booking.start, end: booking.end });
    expect(codes(same.body)).toEqual(['RESCHEDULE_UNCHANGED']);
    const missing = await world.call(provider.user.token, 'POST', `${path}/reschedule`, { date: '2026-11-19' });
    expect(missing.status).toBe(400);

    // A Saturday breaks SCHOOL_HOURS: judged by the engine when the school accepts, as at confirmation.
    const saturday = await world.call(provider.user.token, 'POST', `${path}/reschedule`, { date: '2026-11-21', start: '09:00', end: '09:30' });
    expect(saturday.status).toBe(201);
    const refused = await world.call(school.leader.token, 'POST', `${path}/reschedule/accept`, { proposalId: saturday.body.id });
    expect(refused.status).toBe(422);
    expect(codes(refused.body)).toContain('SCHOOL_HOURS');
    expect((await world.call(school.leader.token, 'GET', path)).body).toMatchObject({ date: booking.date, version: booking.version });

    const noReason = await world.call(school.leader.token, 'POST', `${path}/reschedule/decline`, { proposalId: saturday.body.id });
    expect(noReason.status).toBe(400);
    const declined = await world.call(school.leader.token, 'POST', `${path}/reschedule/decline`, { proposalId: saturday.body.id, reason: 'We are closed on Saturdays.' });
    expect(declined.status, JSON.stringify(declined.body)).toBe(200);
    const told = await mailTo(provider.user.email, /New time declined: Rules assembly/);
    expect(told.body.text).toContain('We are closed on Saturdays.');
    // Answered once: a late accept of the declined proposal is stale; a new proposal may follow.
    const late = await world.call(school.leader.token, 'POST', `${path}/reschedule/accept`, { proposalId: saturday.body.id });
    expect(codes(late.body)).toEqual(['STALE_STATE']);
    expect((await world.call(provider.user.token, 'POST', `${path}/reschedule`, { date: '2026-11-19', start: '09:00', end: '09:30' })).status).toBe(201);
  });

  it('withdraw and cancel carry a reason the other side is told; a cancellation takes a pending move with it', async () => {
    const slot = await publishSlot(world, school, { date: '2026-11-13', yearGroups: [11], title: 'Withdraw me' });
    const asked = await request(world, provider, school.schoolId, slot.id);
    const withdrawn = await world.call(provider.user.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${asked.body.id}/withdraw`, { reason: 'Our trainer is ill.' });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body.reason).toBe('Our trainer is ill.');
    expect((await mailTo(school.leader.email, /Withdrawn: .*Withdraw me/)).body.text).toContain('Our trainer is ill.');

    const { path } = await confirmed({ date: '2026-11-16', yearGroups: [11], title: 'Cancel me', statutory: false });
    const proposed = await world.call(provider.user.token, 'POST', `${path}/reschedule`, { date: '2026-11-23', start: '09:00', end: '09:30' });
    expect(proposed.status).toBe(201);
    expect((await world.call(provider.user.token, 'POST', `${path}/cancel`, {})).status).toBe(400);
    expect((await world.call(provider.user.token, 'POST', `${path}/cancel`, { reason: 'Funding withdrawn.' })).status).toBe(200);
    expect((await world.call(school.leader.token, 'GET', path)).body.reschedule).toBeNull();
    expect((await mailTo(school.leader.email, /Cancelled by .*Cancel me/)).body.text).toContain('Funding withdrawn.');
    const late = await world.call(school.leader.token, 'POST', `${path}/reschedule/accept`, { proposalId: proposed.body.id });
    expect(late.status).toBe(409);
  });

  it('a proposed time is emailed to the school, and its acceptance and decline to the proposer, one email each with the right page', async () => {
    const propose = (date: string) =>
      world.call(provider.user.token, 'POST', `/v1/organisations/${provider.orgId}/proposals`, {
        schoolId: school.schoolId, date, start: '09:00', end: '09:30', yearGroups: [10], format: 'assembly', message: 'Engineering T Level taster',
      });
    const first = await propose('2026-12-08');
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const made = await mailTo(school.leader.email, /New proposed time: .* on 8 December 2026/);
    expect(made.body.text).toContain(`http://127.0.0.1:3000/schools/${school.schoolId}/requests/proposals/${first.body.id}`);
    expect(made.body.text).toContain('Engineering T Level taster');
    const accepted = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/proposals/${first.body.id}/accept`, { venueId: school.hallId, title: 'Year 10 T Level assembly', places: 1, statutory: false });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    const yes = await mailTo(provider.user.email, /Accepted: your proposed time .* on 8 December 2026/);
    expect(yes.body.text).toContain(`http://127.0.0.1:3000/organisations/${provider.orgId}/slots/${school.schoolId}/${accepted.body.id}`);

    const second = await propose('2026-12-09');
    await mailTo(school.leader.email, /New proposed time: .* on 9 December 2026/);
    const declined = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/proposals/${second.body.id}/decline`, { groundId: 'need-met', note: 'Year 10 is covered this term.' });
    expect(declined.status, JSON.stringify(declined.body)).toBe(200);
    const no = await mailTo(provider.user.email, /Declined: your proposed time .* on 9 December 2026/);
    expect(no.body.text).toContain('The need is being met elsewhere');
    expect(no.body.text).toContain('Year 10 is covered this term.');
    expect(no.body.text).toContain(`http://127.0.0.1:3000/organisations/${provider.orgId}/bookings#proposals`);
    await new Promise((r) => setTimeout(r, 500));
    expect(await mailsTo(school.leader.email, /New proposed time: .* on 8 December 2026/)).toHaveLength(1);
    expect(await mailsTo(provider.user.email, /Accepted: your proposed time/)).toHaveLength(1);
  });

  it('a school change that breaks a confirmed booking is emailed to the provider once, however often it is saved', async () => {
    const { bookingId } = await confirmed({ date: '2026-11-19', yearGroups: [11], title: 'Closed day assembly' });
    const withInset = { ...calendar2026, closures: [...calendar2026.closures, { name: 'Staff training day', kind: 'inset', start: '2026-11-19', end: '2026-11-19' }] };
    const saved = await world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/calendar`, withInset);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.affectedBookings.map((b: { bookingId: string }) => b.bookingId)).toEqual([bookingId]);
    const told = await mailTo(provider.user.email, /Affected by a change: Closed day assembly/);
    expect(told.body.text).toMatch(/INSET/);
    expect(told.body.text).toContain(`/organisations/${provider.orgId}/bookings/${school.schoolId}/${bookingId}`);
    // Saved again (the same change): no second email.
    expect((await world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/calendar`, withInset)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await mailsTo(provider.user.email, /Affected by a change: Closed day assembly/)).toHaveLength(1);
    expect(await mailsTo(school.leader.email, /Affected by a change: Closed day assembly/)).toHaveLength(0);
    // Put the calendar back for the tests that follow.
    expect((await world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/calendar`, calendar2026)).status).toBe(200);
  });

  it('keeps a stranger out of a booking it is not party to', async () => {
    const { path } = await confirmed({ date: '2026-11-20', yearGroups: [10], title: 'Private', statutory: false });
    const stranger = await world.user('stranger');
    expect((await world.call(stranger.token, 'POST', `${path}/reschedule`, { date: '2026-11-27', start: '09:00', end: '09:30' })).status).toBe(404);
    const proposed = await world.call(provider.user.token, 'POST', `${path}/reschedule`, { date: '2026-11-27', start: '09:00', end: '09:30' });
    expect((await world.call(stranger.token, 'POST', `${path}/reschedule/accept`, { proposalId: proposed.body.id })).status).toBe(404);
    expect((await world.call(stranger.token, 'POST', `${path}/reschedule/decline`, { proposalId: proposed.body.id, reason: 'x' })).status).toBe(404);
  });
});

/** Races against DynamoDB Local: the conditional transactions decide, one outcome each. */
describe('reschedule races on DynamoDB Local', () => {
  let world: World;
  let school: SchoolSetup;
  let provider: Awaited<ReturnType<typeof setUpProvider>>;
  beforeAll(async () => {
    world = await createWorld();
    const admin = await world.user('admin', { platformAdmin: true });
    school = await setUpSchool(world, admin);
    provider = await setUpProvider(world, admin);
  }, 60_000);

  async function confirmed(date: string, yearGroups: number[]) {
    const slot = await publishSlot(world, school, { places: 3, date, yearGroups });
    const asked = await request(world, provider, school.schoolId, slot.id);
    const path = `/v1/schools/${school.schoolId}/bookings/${asked.body.id}`;
    expect((await world.call(school.leader.token, 'POST', `${path}/approve`, {})).status).toBe(200);
    return { path, slotId: slot.id };
  }

  it('ten proposals at once: one stands, the rest are RESCHEDULE_PENDING', async () => {
    const { path } = await confirmed('2026-11-10', [9]);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => world.call(i % 2 ? provider.user.token : school.leader.token, 'POST', `${path}/reschedule`, { date: '2026-11-17', start: '09:00', end: `09:${String(30 + i).padStart(2, '0')}` })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).every((r) => codes(r.body)[0] === 'RESCHEDULE_PENDING')).toBe(true);
  });

  it('accept racing a second accept, a decline and a cancellation: the proposal is answered once, and a cancelled booking never moves after it', async () => {
    for (let round = 0; round < 3; round++) {
      // A year group of its own each round (one statutory encounter per provider per phase).
      const { path, slotId } = await confirmed(`2026-11-1${round + 1}`, [[10, 11, 8][round]!]);
      const newDate = `2026-11-2${round + 3}`;
      const proposed = await world.call(provider.user.token, 'POST', `${path}/reschedule`, { date: newDate, start: '09:00', end: '09:30' });
      expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
      const [acceptA, acceptB, cancel, decline] = await Promise.all([
        world.call(school.leader.token, 'POST', `${path}/reschedule/accept`, { proposalId: proposed.body.id }),
        world.call(school.leader.token, 'POST', `${path}/reschedule/accept`, { proposalId: proposed.body.id }),
        world.call(provider.user.token, 'POST', `${path}/cancel`, { reason: 'Cannot make it after all.' }),
        world.call(school.leader.token, 'POST', `${path}/reschedule/decline`, { proposalId: proposed.body.id, reason: 'No.' }),
      ]);
      const all = [acceptA, acceptB, cancel, decline];
      const seen = JSON.stringify(all.map((r) => [r.status, codes(r.body)]));
      expect(all.every((r) => r.status === 200 || r.status === 409), seen).toBe(true);
      // The proposal is answered at most once.
      expect([acceptA, acceptB, decline].filter((r) => r.status === 200).length, seen).toBeLessThanOrEqual(1);
      const after = (await world.call(school.leader.token, 'GET', path)).body;
      expect(after.reschedule).toBeNull();
      const moves = after.audit.filter((entry: { reason?: string }) => entry.reason?.startsWith('Moved from'));
      if (cancel.status === 200) {
        expect(after.status).toBe('cancelled');
        // A move may precede the cancellation (the canceller read the moved booking), never follow it.
        const cancelledAt = after.audit.findIndex((entry: { to: string }) => entry.to === 'cancelled');
        for (const move of moves) expect(after.audit.indexOf(move)).toBeLessThan(cancelledAt);
        expect((await getSlot(world.db, school.schoolId, slotId))?.confirmedCount).toBe(0);
      } else {
        expect(after.status).toBe('confirmed');
        expect(after.date).toBe(acceptA.status === 200 || acceptB.status === 200 ? newDate : `2026-11-1${round + 1}`);
        expect((await getSlot(world.db, school.schoolId, slotId))?.confirmedCount).toBe(1);
      }
      expect(moves.length).toBe(acceptA.status === 200 || acceptB.status === 200 ? 1 : 0);
    }
  });

  it('two bookings racing to move into the last place of another slot: one moves', async () => {
    const admin = await world.user('admin3', { platformAdmin: true });
    const second = await setUpProvider(world, admin);
    const target = await publishSlot(world, school, { places: 1, date: '2026-12-01', yearGroups: [8], statutory: false, title: 'Last place' });
    const bookings = [];
    for (const who of [provider, second]) {
      const slot = await publishSlot(world, school, { places: 1, date: '2026-11-26', yearGroups: [8], statutory: false });
      const asked = await request(world, who, school.schoolId, slot.id);
      const path = `/v1/schools/${school.schoolId}/bookings/${asked.body.id}`;
      expect((await world.call(school.leader.token, 'POST', `${path}/approve`, {})).status).toBe(200);
      const proposed = await world.call(who.user.token, 'POST', `${path}/reschedule`, { slotId: target.id });
      expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
      bookings.push({ path, proposalId: proposed.body.id });
    }
    const results = await Promise.all(bookings.map((b) => world.call(school.leader.token, 'POST', `${b.path}/reschedule/accept`, { proposalId: b.proposalId })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(codes(results.find((r) => r.status === 409)!.body)).toEqual(['SLOT_FULL']);
    expect((await getSlot(world.db, school.schoolId, target.id))?.confirmedCount).toBe(1);
  });
});

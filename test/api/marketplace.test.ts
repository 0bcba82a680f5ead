import { beforeAll, describe, expect, it } from 'vitest';
import { codes, publishSlot, request, setUpProvider, setUpSchool, slot, type SchoolSetup } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';


describe('marketplace: slots, requests and confirmation', () => {
  let world: World;
  let admin: { token: string; email: string };
  let school: SchoolSetup;
  beforeAll(async () => {
    world = await createWorld();
    admin = await world.user('admin', { platformAdmin: true });
    school = await setUpSchool(world, admin);
  });

  describe('publishing a slot', () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['on a Saturday', { date: '2026-11-14' }, 'SCHOOL_HOURS'],
      ['in half term', { date: '2026-10-27' }, 'SCHOOL_HOURS'],
      ['on an INSET day', { date: '2027-01-05' }, 'SCHOOL_HOURS'],
      ['starting a minute before the school day', { start: '08:44', end: '09:20' }, 'SCHOOL_HOURS'],
      ['ending a minute after the school day', { start: '14:50', end: '15:16' }, 'SCHOOL_HOURS'],
      ['a minute under the minimum duration', { start: '09:00', end: '09:19' }, 'MIN_DURATION'],
      ['in a venue one seat short of the roll', { venueId: 'studio' }, 'WHOLE_YEAR_GROUP'],
      ['for Year 9 after 28 February', { date: '2027-03-02' }, 'PHASE_WINDOW'],
    ];
    it.each(cases)('refuses a statutory slot %s with 422 and %s', async (_label, overrides, code) => {
      const body = slot(school.hallId, { ...overrides, ...(overrides.venueId === 'studio' ? { venueId: school.studioId } : {}) });
      const res = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/slots`, body);
      expect(res.status).toBe(422);
      expect(codes(res.body)).toContain(code);
      const check = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/slots/check`, body);
      expect(check.status).toBe(200);
      expect(check.body.violations.map((v: { code: string }) => v.code)).toContain(code);
    });

    it('accepts the same slot as supplementary', async () => {
      const res = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/slots`, slot(school.hallId, { date: '2026-11-14', statutory: false }));
      expect(res.status).toBe(201);
      expect(res.body.countsToward).toEqual([]);
    });

    it('says which cohort and phase each year group counts toward', async () => {
      const res = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/slots`, slot(school.hallId, { date: '2027-01-12', yearGroups: [9, 10] }));
      expect(res.status).toBe(201);
      expect(res.body.countsToward).toEqual([
        { yearGroup: 9, cohort: 2024, phase: 1 },
        { yearGroup: 10, cohort: 2023, phase: 2 },
      ]);
    });
  });

  describe('withdrawing a slot', () => {
    it('takes a slot nobody holds out of search and out of reach of requests', async () => {
      const provider = await setUpProvider(world, admin);
      const { id } = await publishSlot(world, school, { date: '2026-12-15', yearGroups: [11] });
      const search = () => world.call(provider.user.token, 'GET', `/v1/slots?orgId=${provider.orgId}&from=2026-12-15&to=2026-12-15&yearGroup=11`);
      expect((await search()).body.items.map((s: { id: string }) => s.id)).toContain(id);
      const withdrawn = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/slots/${id}/withdraw`);
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body.status).toBe('cancelled');
      expect((await search()).body.items.map((s: { id: string }) => s.id)).not.toContain(id);
      const late = await request(world, provider, school.schoolId, id);
      expect(late.status).toBe(409);
      expect(codes(late.body)).toEqual(['SLOT_CLOSED']);
    });

    it('refuses while a provider holds a request, so every provider hears why', async () => {
      const provider = await setUpProvider(world, admin);
      const { id } = await publishSlot(world, school, { date: '2026-12-16' });
      await request(world, provider, school.schoolId, id);
      const res = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/slots/${id}/withdraw`);
      expect(res.status).toBe(409);
      expect(codes(res.body)).toEqual(['SLOT_HAS_BOOKINGS']);
      expect(res.body.detail).toContain('1 request');
      expect((await world.call(provider.user.token, 'POST', `/v1/schools/${school.schoolId}/slots/${id}/withdraw`)).status).toBe(404);
      expect((await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/slots/NOPE/withdraw`)).status).toBe(404);
    });
  });

  describe('requesting', () => {
    it('takes a request from a verified provider and says it awaits the school', async () => {
      const provider = await setUpProvider(world, admin);
      const { id } = await publishSlot(world, school);
      const res = await request(world, provider, school.schoolId, id);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'requested', schoolId: school.schoolId, statutory: true });
      const again = await request(world, provider, school.schoolId, id);
      expect(again.status).toBe(409);
      expect(codes(again.body)).toEqual(['ALREADY_BOOKED']);
    });

    it('refuses requests to a school with no published policy (POLICY_NOT_PUBLISHED)', async () => {
      const unpublished = await setUpSchool(world, admin, { publish: false });
      const provider = await setUpProvider(world, admin);
      const { id } = await publishSlot(world, unpublished);
      const res = await request(world, provider, unpublished.schoolId, id);
      expect(res.status).toBe(409);
      expect(codes(res.body)).toEqual(['POLICY_NOT_PUBLISHED']);
    });

    it('refuses a request inside the notice period (NOTICE_PERIOD) and takes one just outside it', async () => {
      const strict = await setUpSchool(world, admin, { noticePeriodSchoolDays: 10 });
      const provider = await setUpProvider(world, admin);
      // The clock says Tuesday 15 September 2026.
      const soon = await publishSlot(world, strict, { date: '2026-09-28' });
      const tooSoon = await request(world, provider, strict.schoolId, soon.id);
      expect(tooSoon.status).toBe(409);
      expect(codes(tooSoon.body)).toEqual(['NOTICE_PERIOD']);
      const later = await publishSlot(world, strict, { date: '2026-10-06' });
      expect((await request(world, provider, strict.schoolId, later.id)).status).toBe(201);
    });

    it('lets an unverified provider browse but not request', async () => {
      const provider = await setUpProvider(world, admin, { verify: false });
      const { id } = await publishSlot(world, school);
      const search = await world.call(provider.user.token, 'GET', `/v1/slots?orgId=${provider.orgId}&from=2026-11-01&to=2026-11-30`);
      expect(search.status).toBe(200);
      const res = await request(world, provider, school.schoolId, id);
      expect(res.status).toBe(403);
    });

    it('refuses a statutory slot to a provider with no technical offer (ELIGIBLE_PROVIDER)', async () => {
      const provider = await setUpProvider(world, admin, { offers: [] });
      const { id } = await publishSlot(world, school);
      const res = await request(world, provider, school.schoolId, id);
      expect(res.status).toBe(422);
      expect(codes(res.body)).toEqual(['ELIGIBLE_PROVIDER']);
    });

    it('lets an employer request a supplementary slot but not a statutory one', async () => {
      const user = await world.user('employer');
      const employer = await world.call(user.token, 'POST', '/v1/employers', { name: 'Meridian Engineering', sector: 'Engineering', postcode: 'LS10 1AB' });
      expect(employer.status).toBe(201);
      await world.call(admin.token, 'POST', `/v1/admin/organisations/${employer.body.id}/verify`);
      const statutory = await publishSlot(world, school);
      const supplementary = await publishSlot(world, school, { statutory: false, format: 'workshop' });
      const asEmployer = { user, orgId: employer.body.id };
      expect(codes((await request(world, asEmployer, school.schoolId, statutory.id)).body)).toEqual(['ELIGIBLE_PROVIDER']);
      const ok = await request(world, asEmployer, school.schoolId, supplementary.id);
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ requesterKind: 'employer', statutory: false });
    });
  });

  describe('deciding', () => {
    it('confirms no more bookings than places (SLOT_FULL)', async () => {
      const { id } = await publishSlot(world, school, { places: 1 });
      const a = await setUpProvider(world, admin);
      const b = await setUpProvider(world, admin);
      const ra = await request(world, a, school.schoolId, id);
      const rb = await request(world, b, school.schoolId, id);
      const approve = (bookingId: string) => world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${bookingId}/approve`, {});
      expect((await approve(ra.body.id)).body.status).toBe('confirmed');
      const full = await approve(rb.body.id);
      expect(full.status).toBe(409);
      expect(codes(full.body)).toEqual(['SLOT_FULL']);
      const still = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/bookings/${rb.body.id}`);
      expect(still.body.status).toBe('requested');
      // A full slot takes no new requests either.
      const late = await setUpProvider(world, admin);
      const refused = await request(world, late, school.schoolId, id);
      expect(refused.status).toBe(409);
      expect(codes(refused.body)).toEqual(['SLOT_FULL']);
    });

    it('holds a provider to one statutory encounter per cohort phase (DISTINCT_PROVIDERS), then allows it as supplementary', async () => {
      const provider = await setUpProvider(world, admin);
      const first = await publishSlot(world, school, { date: '2026-11-11' });
      const second = await publishSlot(world, school, { date: '2027-01-13' });
      const r1 = await request(world, provider, school.schoolId, first.id);
      const r2 = await request(world, provider, school.schoolId, second.id);
      const approve = (bookingId: string, body = {}) => world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${bookingId}/approve`, body);
      expect((await approve(r1.body.id)).status).toBe(200);
      const repeat = await approve(r2.body.id);
      expect(repeat.status).toBe(409);
      expect(codes(repeat.body)).toEqual(['DISTINCT_PROVIDERS']);
      const supplementary = await approve(r2.body.id, { asSupplementary: true });
      expect(supplementary.status).toBe(200);
      expect(supplementary.body).toMatchObject({ status: 'confirmed', statutory: false });
    });

    it('lets the same provider count again in a different phase', async () => {
      const provider = await setUpProvider(world, admin);
      const phase1 = await publishSlot(world, school, { date: '2026-11-12', yearGroups: [9] });
      const phase2 = await publishSlot(world, school, { date: '2026-11-12', yearGroups: [10], start: '09:30', end: '10:00' });
      for (const s of [phase1, phase2]) {
        const r = await request(world, provider, school.schoolId, s.id);
        const approved = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${r.body.id}/approve`, {});
        expect(approved.status).toBe(200);
        expect(approved.body.statutory).toBe(true);
      }
    });

    it('declines only on a published ground, and records who did what in the audit log', async () => {
      const provider = await setUpProvider(world, admin);
      const { id } = await publishSlot(world, school);
      const r = await request(world, provider, school.schoolId, id);
      const path = `/v1/schools/${school.schoolId}/bookings/${r.body.id}`;
      const unknown = await world.call(school.leader.token, 'POST', `${path}/decline`, { groundId: 'we-are-busy' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors[0].field).toBe('groundId');
      const declined = await world.call(school.leader.token, 'POST', `${path}/decline`, { groundId: 'exam-clash', note: 'Mocks that week' });
      expect(declined.status).toBe(200);
      expect(declined.body.declineGround).toEqual({ id: 'exam-clash', label: 'Clash with exams' });
      const detail = await world.call(provider.user.token, 'GET', path);
      expect(detail.body.audit.map((a: { from: string | null; to: string }) => [a.from, a.to])).toEqual([
        [null, 'requested'],
        ['requested', 'declined'],
      ]);
      expect(detail.body.audit[1]).toMatchObject({ actor: school.leader.email, reason: 'Clash with exams: Mocks that week' });
      // The hold is released, so the provider may ask again.
      expect((await request(world, provider, school.schoolId, id)).status).toBe(201);
    });

    it('cancelling releases the place and the phase guard: cancel then re-request works', async () => {
      const provider = await setUpProvider(world, admin);
      const { id } = await publishSlot(world, school, { places: 1, date: '2026-11-17' });
      const r = await request(world, provider, school.schoolId, id);
      const base = `/v1/schools/${school.schoolId}/bookings`;
      expect((await world.call(school.leader.token, 'POST', `${base}/${r.body.id}/approve`, {})).status).toBe(200);
      const cancelled = await world.call(provider.user.token, 'POST', `${base}/${r.body.id}/cancel`, { reason: 'Speaker ill' });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', reason: 'Speaker ill' });
      const again = await request(world, provider, school.schoolId, id);
      expect(again.status).toBe(201);
      const reapproved = await world.call(school.leader.token, 'POST', `${base}/${again.body.id}/approve`, {});
      expect(reapproved.status).toBe(200);
      expect(reapproved.body.statutory).toBe(true);
    });

    it('refuses a transition from the wrong state (no lost update)', async () => {
      const provider = await setUpProvider(world, admin);
      const { id } = await publishSlot(world, school);
      const r = await request(world, provider, school.schoolId, id);
      const path = `/v1/schools/${school.schoolId}/bookings/${r.body.id}`;
      expect((await world.call(provider.user.token, 'POST', `${path}/withdraw`)).status).toBe(200);
      const late = await world.call(school.leader.token, 'POST', `${path}/approve`, {});
      expect(late.status).toBe(409);
      expect(codes(late.body)).toEqual(['STALE_STATE']);
    });

    it('records attendance only on or after the day', async () => {
      const provider = await setUpProvider(world, admin);
      const { id } = await publishSlot(world, school, { date: '2026-11-18' });
      const r = await request(world, provider, school.schoolId, id);
      const path = `/v1/schools/${school.schoolId}/bookings/${r.body.id}`;
      await world.call(school.leader.token, 'POST', `${path}/approve`, {});
      const early = await world.call(school.leader.token, 'POST', `${path}/attendance`, { delivered: true });
      expect(early.status).toBe(409);
      world.clock.now = new Date('2026-11-18T15:00:00Z');
      try {
        const done = await world.call(school.leader.token, 'POST', `${path}/attendance`, { delivered: true });
        expect(done.status).toBe(200);
        expect(done.body.status).toBe('delivered');
      } finally {
        world.clock.now = new Date('2026-09-15T10:00:00Z');
      }
    });
  });

  describe('calendar invite download', () => {
    it('gives both sides the booking invite with its stable UID, and outsiders nothing', async () => {
      const provider = await setUpProvider(world, admin);
      const { id } = await publishSlot(world, school, { date: '2027-01-19' });
      const r = await request(world, provider, school.schoolId, id);
      const path = `/v1/schools/${school.schoolId}/bookings/${r.body.id}`;
      await world.call(school.leader.token, 'POST', `${path}/approve`, {});
      const ics = await world.call(provider.user.token, 'GET', `${path}/ics`);
      expect(ics.status).toBe(200);
      expect(ics.headers.get('content-type')).toContain('text/calendar');
      expect(ics.body).toContain(`UID:booking-${r.body.id}@schoolgate`);
      expect(ics.body).toContain('METHOD:REQUEST');
      expect(ics.body).toMatch(/DTSTART;TZID=Europe\/London:20270119T085000/);
      const outsider = await setUpProvider(world, admin);
      expect((await world.call(outsider.user.token, 'GET', `${path}/ics`)).status).toBe(404);
    });
  });

  describe('idempotency', () => {
    it('replays the first answer for a repeated Idempotency-Key and writes nothing new', async () => {
      const provider = await setUpProvider(world, admin);
      const { id } = await publishSlot(world, school);
      const body = { schoolId: school.schoolId, slotId: id, message: 'Hello' };
      const headers = { 'idempotency-key': 'request-0001-abcdef' };
      const first = await world.call(provider.user.token, 'POST', `/v1/organisations/${provider.orgId}/requests`, body, headers);
      const replay = await world.call(provider.user.token, 'POST', `/v1/organisations/${provider.orgId}/requests`, body, headers);
      expect(first.status).toBe(201);
      expect(replay.status).toBe(201);
      expect(replay.body).toEqual(first.body);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      const mine = await world.call(provider.user.token, 'GET', `/v1/organisations/${provider.orgId}/bookings`);
      expect(mine.body.items).toHaveLength(1);
      const reused = await world.call(provider.user.token, 'POST', `/v1/organisations/${provider.orgId}/requests`, { ...body, message: 'Other' }, headers);
      expect(reused.status).toBe(422);
    });
  });
});

import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { composeMessage, messagesForEvent, renderEmail } from '@schoolgate/notify';
import { beforeAll, describe, expect, it } from 'vitest';
import { claimIdempotencyKey, ContentionError, publishPolicy, saveDraftPolicy, transact, type Db } from '@schoolgate/store';
import { calendar2026, codes, policy, publishSlot, request, setUpProvider, setUpSchool, type SchoolSetup } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';


/** Each case here is a way an earlier version could be abused or broken; each must stay closed. */
describe('hardening', () => {
  let world: World;
  let admin: { token: string; email: string };
  let school: SchoolSetup;
  beforeAll(async () => {
    world = await createWorld();
    admin = await world.user('admin', { platformAdmin: true });
    school = await setUpSchool(world, admin);
  });

  it('does not let an unverified email claim an invitation addressed to it', async () => {
    const invitee = `bob-${Date.now()}@school.example`;
    await world.call(school.leader.token, 'POST', `/v1/organisations/${school.schoolId}/invitations`, { email: invitee, role: 'careers_leader' });
    const impostor = await world.user('impostor', { email: invitee, emailVerified: false });
    expect((await world.call(impostor.token, 'GET', '/v1/me')).status).toBe(401);
    expect((await world.call(impostor.token, 'POST', `/v1/invitations/${school.schoolId}/accept`)).status).toBe(401);
  });

  it('answers a date outside 2000–2100 with 400 naming the field, wherever dates are accepted', async () => {
    const provider = await setUpProvider(world, admin);
    const compliance = `/v1/schools/${school.schoolId}/compliance`;
    for (const asOf of ['0000-01-01', '1999-12-31', '2101-01-01']) {
      const res = await world.call(school.leader.token, 'GET', `${compliance}?asOf=${asOf}`);
      expect(res.status, asOf).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors[0].field).toBe('asOf');
    }
    for (const asOf of ['2000-01-01', '2100-12-31']) expect((await world.call(school.leader.token, 'GET', `${compliance}?asOf=${asOf}`)).status, asOf).toBe(200);
    const search = await world.call(provider.user.token, 'GET', `/v1/slots?orgId=${provider.orgId}&from=0000-01-01&to=0000-02-01`);
    expect(search.status).toBe(400);
    expect(search.body.errors.map((e: { field: string }) => e.field)).toEqual(['from', 'to']);
    const proposal = await world.call(provider.user.token, 'POST', `/v1/organisations/${provider.orgId}/proposals`, {
      schoolId: school.schoolId, date: '0999-11-10', start: '09:00', end: '09:30', yearGroups: [9], format: 'talk',
    });
    expect(proposal.status).toBe(400);
    expect(proposal.body.errors[0].field).toBe('date');
    const calendar = await world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/calendar`, {
      ...calendar2026, terms: [{ name: 'Long ago', start: '0000-09-01', end: '0000-12-18' }],
    });
    expect(calendar.status).toBe(400);
    expect(calendar.body.errors[0].field).toBe('terms.0.start');
  });

  it('serves a booking’s .ics as CONFIRMED only once the school has confirmed it', async () => {
    const provider = await setUpProvider(world, admin);
    const { id } = await publishSlot(world, school, { date: '2026-11-26' });
    const r = await request(world, provider, school.schoolId, id);
    const path = `/v1/schools/${school.schoolId}/bookings/${r.body.id}`;
    const ics = async () => (await world.app.request(`${path}/ics`, { headers: { authorization: `Bearer ${provider.user.token}` } })).text();
    const requested = await ics();
    expect(requested).not.toContain('STATUS:CONFIRMED');
    expect(requested).toContain('STATUS:TENTATIVE');
    expect(requested).not.toContain('PARTSTAT=ACCEPTED');
    expect((await world.call(school.leader.token, 'POST', `${path}/approve`, {})).status).toBe(200);
    expect(await ics()).toContain('STATUS:CONFIRMED');
    expect((await world.call(provider.user.token, 'POST', `${path}/cancel`, { reason: 'Illness' })).status).toBe(200);
    const cancelled = await ics();
    expect(cancelled).toContain('METHOD:CANCEL');
    expect(cancelled).toContain('STATUS:CANCELLED');
  });

  it('carries the provider’s message and accompanying employer to the school, in the inbox and the request email', async () => {
    const provider = await setUpProvider(world, admin);
    const { id } = await publishSlot(world, school, { date: '2026-11-27' });
    const r = await world.call(provider.user.token, 'POST', `/v1/organisations/${provider.orgId}/requests`, {
      schoolId: school.schoolId, slotId: id, message: 'Our robotics team will run a hands-on demo.', accompanyingEmployer: 'Leeds Robotics Ltd',
    });
    expect(r.status).toBe(201);
    const inbox = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/bookings?status=requested`);
    expect(inbox.body.items.find((b: { id: string }) => b.id === r.body.id)).toMatchObject({
      message: 'Our robotics team will run a hands-on demo.', accompanyingEmployer: 'Leeds Robotics Ltd',
    });
    const scan = await world.db.doc.send(new ScanCommand({ TableName: world.db.tableName, FilterExpression: '#t = :o AND kind = :k', ExpressionAttributeNames: { '#t': 'type' }, ExpressionAttributeValues: { ':o': 'outbox', ':k': 'booking.requested' } }));
    const event = scan.Items!.map((i) => i.event).find((e) => e.booking.bookingId === r.body.id);
    const [planned] = messagesForEvent(event);
    const email = renderEmail(composeMessage(planned!, 'http://127.0.0.1:3000').content);
    for (const part of [email.text, email.html]) {
      expect(part).toContain('Our robotics team will run a hands-on demo.');
      expect(part).toContain('Leeds Robotics Ltd');
    }
  });

  it('refuses a forged cursor naming month 13 at once instead of looping', async () => {
    const provider = await setUpProvider(world, admin);
    const query = { from: '2026-11-01', to: '2027-10-31' };
    const filterKey = JSON.stringify([query.from, query.to, undefined, undefined, undefined, undefined]);
    const f = createHash('sha256').update(filterKey).digest('base64url').slice(0, 16);
    const cursor = Buffer.from(JSON.stringify({ p: '2026-13-01#x', f })).toString('base64url');
    const res = await world.call(provider.user.token, 'GET', `/v1/slots?orgId=${provider.orgId}&from=${query.from}&to=${query.to}&cursor=${cursor}`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('cursor');
  });

  it('caps a search at 13 months and slot dates at two years ahead', async () => {
    const provider = await setUpProvider(world, admin);
    const wide = await world.call(provider.user.token, 'GET', `/v1/slots?orgId=${provider.orgId}&from=2026-09-01&to=9999-12-31`);
    expect(wide.status).toBe(400);
    for (const date of ['2026-09-14', '2028-09-20']) {
      const res = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/slots`, {
        title: 'Far off', date, start: '09:00', end: '09:30', yearGroups: [9], format: 'talk', venueId: school.hallId, places: 1, statutory: false,
      });
      expect(res.status, date).toBe(400);
      expect(res.body.errors[0].field).toBe('date');
    }
  });

  it('keeps an unverified school out of public view and out of bookings', async () => {
    const leader = await world.user('squatter');
    const created = await world.call(leader.token, 'POST', '/v1/schools', {
      urn: '477001', name: 'Not yet verified', postcode: 'LS1 1AA', yearGroups: { from: 7, to: 11 }, roll: { '9': 100 }, venues: [{ name: 'Hall', capacity: 300 }],
    });
    const id = created.body.id;
    const { calendar2026 } = await import('../support/fixtures.js');
    await world.call(leader.token, 'PUT', `/v1/schools/${id}/calendar`, calendar2026);
    await world.call(leader.token, 'PUT', `/v1/schools/${id}/policy`, policy());
    expect((await world.call(leader.token, 'POST', `/v1/schools/${id}/policy/publish`)).status).toBe(200);
    expect((await world.call(undefined, 'GET', '/v1/public/schools/477001/policy')).status).toBe(404);
    const slot = await world.call(leader.token, 'POST', `/v1/schools/${id}/slots`, {
      title: 'Assembly', date: '2026-11-10', start: '09:00', end: '09:30', yearGroups: [9], format: 'assembly', venueId: created.body.venues[0].id, places: 1, statutory: true,
    });
    const provider = await setUpProvider(world, admin);
    const res = await request(world, provider, id, slot.body.id);
    expect(res.status).toBe(409);
    expect(codes(res.body)).toEqual(['SCHOOL_NOT_VERIFIED']);
  });

  it('lets no stranger lock a school out of its URN: the URN is claimed only when the platform admin verifies', async () => {
    const body = (name: string) => ({ urn: '477555', name, postcode: 'LS1 1AA', yearGroups: { from: 7, to: 11 }, roll: { '9': 100 }, venues: [{ name: 'Hall', capacity: 300 }] });
    const stranger = await world.user('stranger');
    const squat = await world.call(stranger.token, 'POST', '/v1/schools', body('Squatted Academy'));
    expect(squat.status).toBe(201);
    const realLeader = await world.user('real-leader');
    const real = await world.call(realLeader.token, 'POST', '/v1/schools', body('Real Academy'));
    expect(real.status).toBe(201);
    expect((await world.call(admin.token, 'POST', `/v1/admin/organisations/${real.body.id}/verify`)).status).toBe(200);
    const refused = await world.call(admin.token, 'POST', `/v1/admin/organisations/${squat.body.id}/verify`);
    expect(refused.status).toBe(409);
    expect(codes(refused.body)).toEqual(['DUPLICATE_URN']);
    expect((await world.call(stranger.token, 'GET', `/v1/schools/${squat.body.id}`)).body.verified).toBe(false);
    // Once verified, the URN is taken: a later sign-up is refused, and re-verifying keeps the claim.
    const late = await world.call((await world.user('late')).token, 'POST', '/v1/schools', body('Late Academy'));
    expect(codes(late.body)).toEqual(['DUPLICATE_URN']);
    expect((await world.call(admin.token, 'POST', `/v1/admin/organisations/${real.body.id}/verify`)).status).toBe(200);
  });

  it('verifies exactly one of six sign-ups for one UKPRN verified at once', async () => {
    const body = { ukprn: '19990001', name: 'Twin College', providerType: 'fe_college', offers: ['t_levels'], postcode: 'LS2 7QT' };
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await world.call((await world.user(`twin-${i}`)).token, 'POST', '/v1/providers', body);
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    const results = await Promise.all(ids.map((id) => world.call(admin.token, 'POST', `/v1/admin/organisations/${id}/verify`)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).every((r) => codes(r.body)[0] === 'DUPLICATE_UKPRN')).toBe(true);
  });

  it('sends a provider back for verification when it changes what it offers', async () => {
    const provider = await setUpProvider(world, admin, { offers: [] });
    const patched = await world.call(provider.user.token, 'PATCH', `/v1/organisations/${provider.orgId}`, { offers: ['htqs'] });
    expect(patched.body.verified).toBe(false);
    const { id } = await publishSlot(world, school);
    expect((await request(world, provider, school.schoolId, id)).status).toBe(403);
    const renamed = await setUpProvider(world, admin);
    expect((await world.call(renamed.user.token, 'PATCH', `/v1/organisations/${renamed.orgId}`, { name: 'Renamed College' })).body.verified).toBe(true);
  });

  it('counts an employer on the apprenticeship providers register as an eligible provider', async () => {
    const user = await world.user('employer-atp');
    const employer = await world.call(user.token, 'POST', '/v1/employers', {
      name: 'Northern Rail Academy', sector: 'Rail', postcode: 'LS1 4DY', registeredApprenticeshipProvider: true,
    });
    await world.call(admin.token, 'POST', `/v1/admin/organisations/${employer.body.id}/verify`);
    const { id } = await publishSlot(world, school);
    const res = await request(world, { user, orgId: employer.body.id }, school.schoolId, id);
    expect(res.status).toBe(201);
    expect(res.body.statutory).toBe(true);
  });

  it('refuses to cancel an encounter after its day, and leaves "not delivered" to the careers leader', async () => {
    const provider = await setUpProvider(world, admin);
    const { id } = await publishSlot(world, school, { date: '2026-11-19' });
    const r = await request(world, provider, school.schoolId, id);
    const path = `/v1/schools/${school.schoolId}/bookings/${r.body.id}`;
    await world.call(school.leader.token, 'POST', `${path}/approve`, {});
    const staff = await world.user('staff');
    await world.call(school.leader.token, 'POST', `/v1/organisations/${school.schoolId}/invitations`, { email: staff.email, role: 'staff' });
    await world.call(staff.token, 'POST', `/v1/invitations/${school.schoolId}/accept`);
    world.clock.now = new Date('2026-11-20T10:00:00Z');
    try {
      const late = await world.call(provider.user.token, 'POST', `${path}/cancel`, { reason: 'Forgot' });
      expect(late.status).toBe(409);
      expect(codes(late.body)).toEqual(['ALREADY_HAPPENED']);
      expect((await world.call(staff.token, 'POST', `${path}/attendance`, { delivered: false })).status).toBe(403);
      expect((await world.call(staff.token, 'POST', `${path}/attendance`, { delivered: true })).status).toBe(200);
    } finally {
      world.clock.now = new Date('2026-09-15T10:00:00Z');
    }
  });

  it('applies a school-day override to exactly the year groups it names', async () => {
    const wide = await setUpSchool(world, admin, { yearGroups: { from: 7, to: 13 } });
    const { calendar2026 } = await import('../support/fixtures.js');
    await world.call(wide.leader.token, 'PUT', `/v1/schools/${wide.schoolId}/calendar`, {
      ...calendar2026,
      yearGroupOverrides: [{ yearGroups: [7, 13], start: '08:45', end: '16:00' }],
    });
    const check = (yearGroups: number[]) =>
      world.call(wide.leader.token, 'POST', `/v1/schools/${wide.schoolId}/slots/check`, {
        title: 'Late talk', date: '2026-11-10', start: '15:20', end: '15:45', yearGroups, format: 'talk', venueId: wide.hallId, places: 1, statutory: true,
      });
    expect((await check([9])).body.violations.map((v: { code: string }) => v.code)).toContain('SCHOOL_HOURS');
    expect((await check([13])).body.violations.map((v: { code: string }) => v.code)).not.toContain('SCHOOL_HOURS');
  });

  it('treats a provider’s id on a school route as unknown, whatever the role', async () => {
    const provider = await setUpProvider(world, admin);
    expect((await world.call(provider.user.token, 'GET', `/v1/schools/${provider.orgId}/bookings`)).status).toBe(404);
    expect((await world.call(provider.user.token, 'GET', `/v1/schools/${provider.orgId}/compliance`)).status).toBe(404);
  });

  it('lets a new request take over an idempotency key whose first request died', async () => {
    const now = 1_800_000_000;
    expect(await claimIdempotencyKey(world.db, 'user-1', 'key-abcdefgh', 'fp', now)).toBeUndefined();
    expect((await claimIdempotencyKey(world.db, 'user-1', 'key-abcdefgh', 'fp', now + 15))?.state).toBe('in_progress');
    expect(await claimIdempotencyKey(world.db, 'user-1', 'key-abcdefgh', 'fp', now + 21)).toBeUndefined();
  });

  it('never lets an older policy version replace a newer published one', async () => {
    const schoolId = school.schoolId;
    const base = { ...policy(), createdAt: new Date().toISOString(), createdBy: 'x' } as never;
    const older = await saveDraftPolicy(world.db, schoolId, base);
    const newer = await saveDraftPolicy(world.db, schoolId, base);
    await publishPolicy(world.db, schoolId, newer.version, new Date().toISOString());
    await expect(publishPolicy(world.db, schoolId, older.version, new Date().toISOString())).rejects.toMatchObject({ code: 'STALE_STATE' });
  });

  it('turns contention that outlasts every retry into ContentionError (the API answers 503 with Retry-After)', async () => {
    let calls = 0;
    const busy = {
      tableName: 't',
      doc: {
        send: async () => {
          calls++;
          throw new TransactionCanceledException({ message: 'busy', $metadata: {}, CancellationReasons: [{ Code: 'TransactionConflict' }] });
        },
      },
    } as unknown as Db;
    await expect(transact(busy, [{ item: { Put: { TableName: 't', Item: { pk: 'a', sk: 'b' } } } }])).rejects.toBeInstanceOf(ContentionError);
    expect(calls).toBe(6);
  });
});

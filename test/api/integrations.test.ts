import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSes, handleStreamEvent, type NotifyDeps } from '@schoolgate/notify';
import { getWebhookEndpoint, updateWebhookEndpoint, type OutboxCommand, type OutboxEvent } from '@schoolgate/store';
import { verifySignature } from '@schoolgate/usecases';
import { streamEventFor } from '../../functions/notify/src/test-support/fixtures.js';
import { codes, publishSlot, request, setUpProvider, setUpSchool, type SchoolSetup } from '../support/fixtures.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { createWorld, type World } from '../support/world.js';

/**
 * A college's CRM, with its own API key and a webhook receiver on 127.0.0.1: it lists the college's
 * bookings, gets a signed webhook when the school confirms one and verifies it; a revoked key gets
 * 401 on its next call; another organisation's key sees nothing of it.
 */
describe('a college CRM with an API key and a signed webhook', () => {
  let world: World;
  let notify: NotifyDeps;
  let school: SchoolSetup;
  let college: Awaited<ReturnType<typeof setUpProvider>>;
  let otherCollege: Awaited<ReturnType<typeof setUpProvider>>;
  let receiver: WebhookReceiver;
  let crmKey: string;
  let crmKeyId: string;
  let endpointId: string;
  let bookingId: string;
  const seen = new Set<string>();

  beforeAll(async () => {
    world = await createWorld();
    // Email goes nowhere here (port 9): this test is about the webhook beside it.
    notify = {
      db: world.db,
      ses: createSes({ endpoint: 'http://127.0.0.1:9' }),
      fromAddress: 'no-reply@schoolgate.test',
      webBaseUrl: 'http://127.0.0.1:3000',
      retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
      webhooks: { allowLocal: true, retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 }, timeoutMs: 2_000 },
    };
    const admin = await world.user('admin', { platformAdmin: true });
    school = await setUpSchool(world, admin);
    college = await setUpProvider(world, admin);
    otherCollege = await setUpProvider(world, admin);
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => receiver?.close());

  /** Outbox items written since the last call, fed to the stream consumer as the stream would. */
  async function runStream(): Promise<void> {
    const scan = await world.db.doc.send(new ScanCommand({ TableName: world.db.tableName, FilterExpression: '#t = :o', ExpressionAttributeNames: { '#t': 'type' }, ExpressionAttributeValues: { ':o': 'outbox' } }));
    const fresh = (scan.Items ?? []).map((item) => item.event as OutboxEvent | OutboxCommand).filter((e) => !seen.has(e.eventId));
    fresh.forEach((e) => seen.add(e.eventId));
    fresh.sort((a, b) => a.eventId.localeCompare(b.eventId));
    if (fresh.length) await handleStreamEvent(notify, streamEventFor(...fresh));
  }

  it('lets the college admin create a key shown once and stored only as a hash', async () => {
    const created = await world.call(college.user.token, 'POST', `/v1/organisations/${college.orgId}/api-keys`, { name: 'Our CRM', scope: 'read' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    crmKey = created.body.token;
    crmKeyId = created.body.keyId;
    expect(crmKey).toMatch(/^sg_live_[0-9A-Z]{26}_[A-Za-z0-9_-]{43}$/);
    const listed = await world.call(college.user.token, 'GET', `/v1/organisations/${college.orgId}/api-keys`);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({ keyId: crmKeyId, name: 'Our CRM', scope: 'read', createdBy: college.user.email });
    expect(JSON.stringify(listed.body)).not.toContain(crmKey.slice(-43));
    // Only the hash is on the item.
    const scan = await world.db.doc.send(new ScanCommand({ TableName: world.db.tableName }));
    const raw = JSON.stringify(scan.Items);
    expect(raw).not.toContain(crmKey.slice(-43));
    expect(raw).toContain('secretHash');
  });

  it('lets the admin register an https or (on this test run) 127.0.0.1 endpoint, with its secret shown once', async () => {
    const path = `/v1/organisations/${college.orgId}/webhooks`;
    const bad = await world.call(college.user.token, 'POST', path, { url: 'ftp://crm.example/hooks', events: ['booking.confirmed'] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('url');
    const noEvents = await world.call(college.user.token, 'POST', path, { url: receiver.url, events: [] });
    expect(noEvents.status).toBe(400);
    expect(noEvents.body.errors[0].field).toBe('events');
    const unknownEvent = await world.call(college.user.token, 'POST', path, { url: receiver.url, events: ['proposal.made'] });
    expect(unknownEvent.status).toBe(400);
    const created = await world.call(college.user.token, 'POST', path, { url: receiver.url, events: ['booking.confirmed', 'booking.cancelled'] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    receiver.secrets.push(created.body.secret);
    endpointId = created.body.endpointId;
    const listed = await world.call(college.user.token, 'GET', path);
    expect(listed.body.items).toEqual([expect.objectContaining({ endpointId, url: receiver.url, events: ['booking.confirmed', 'booking.cancelled'] })]);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);
    expect(listed.body.events).toContain('booking.confirmed');
  });

  it('lists the college bookings to its CRM and sends it one signed webhook for the confirmation, which it verifies', async () => {
    const { id: slotId } = await publishSlot(world, school);
    bookingId = (await request(world, college, school.schoolId, slotId)).body.id;
    await runStream();
    expect(receiver.received).toHaveLength(0); // booking.requested: not subscribed
    expect((await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${bookingId}/approve`, {})).status).toBe(200);

    const bookings = await world.call(crmKey, 'GET', `/v1/organisations/${college.orgId}/bookings`);
    expect(bookings.status).toBe(200);
    expect(bookings.body.items.map((b: { id: string }) => b.id)).toContain(bookingId);
    // The same key in X-Api-Key.
    const viaHeader = await world.call(undefined, 'GET', `/v1/schools/${school.schoolId}/bookings/${bookingId}`, undefined, { 'x-api-key': crmKey });
    expect(viaHeader.status).toBe(200);
    expect(viaHeader.body.status).toBe('confirmed');

    await runStream();
    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    expect(delivery!.verified).toBe(true);
    expect(delivery!.status).toBe(204);
    const payload = JSON.parse(delivery!.body);
    expect(payload).toMatchObject({ type: 'booking.confirmed', data: { booking: { bookingId, status: 'confirmed', schoolId: school.schoolId, requesterOrgId: college.orgId } } });
    expect(delivery!.headers['schoolgate-event-id']).toBe(payload.id);
    expect(delivery!.headers['schoolgate-event-type']).toBe('booking.confirmed');
    expect(delivery!.headers['schoolgate-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    // No contact addresses leave in a webhook.
    expect(delivery!.body).not.toContain('@');
    // A tampered body or another secret does not verify.
    expect(verifySignature(delivery!.headers['schoolgate-signature'] as string, delivery!.body.replace('confirmed', 'declined'), receiver.secrets[0]!)).toBe(false);
    expect(verifySignature(delivery!.headers['schoolgate-signature'] as string, delivery!.body, 'whsec_other')).toBe(false);

    // The stream delivers at least once: a replay of the same record sends nothing more.
    seen.clear();
    await runStream();
    expect(receiver.received).toHaveLength(1);
  });

  it('refuses the key what it may not do: writes with a read key, personal routes, key management', async () => {
    const write = await world.call(crmKey, 'POST', `/v1/schools/${school.schoolId}/bookings/${bookingId}/withdraw`);
    expect(write.status).toBe(403);
    expect(write.body.detail).toMatch(/only read/);
    for (const [method, path, body] of [
      ['GET', '/v1/me', undefined],
      ['POST', '/v1/providers', { ukprn: '19999999', name: 'Sock puppet', providerType: 'fe_college', offers: ['t_levels'], postcode: 'LS1 1AA' }],
      ['GET', `/v1/organisations/${college.orgId}/api-keys`, undefined],
      ['GET', `/v1/organisations/${college.orgId}/webhooks`, undefined],
    ] as const) {
      expect((await world.call(crmKey, method, path, body)).status, `${method} ${path}`).toBe(403);
    }
    const writer = await world.call(college.user.token, 'POST', `/v1/organisations/${college.orgId}/api-keys`, { name: 'Writer', scope: 'read-write' });
    // Even a read-write key cannot mint keys or add endpoints: a leaked key must not outlive its revocation.
    expect((await world.call(writer.body.token, 'POST', `/v1/organisations/${college.orgId}/api-keys`, { name: 'Copy', scope: 'read-write' })).status).toBe(403);
    expect((await world.call(writer.body.token, 'POST', `/v1/organisations/${college.orgId}/webhooks`, { url: receiver.url, events: ['booking.confirmed'] })).status).toBe(403);
    expect((await world.call(writer.body.token, 'POST', `/v1/organisations/${college.orgId}/invitations`, { email: 'x@example.org', role: 'staff' })).status).toBe(403);
    // A read-write key acts as the organisation's admin where an admin may.
    const patched = await world.call(writer.body.token, 'PATCH', `/v1/organisations/${college.orgId}`, { notifications: { reminderDaysBefore: [3] } });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect((await world.call(college.user.token, 'POST', `/v1/organisations/${college.orgId}/api-keys/${writer.body.keyId}/revoke`)).status).toBe(200);
  });

  it("shows another organisation's key nothing of the college, and lets nobody else manage its keys", async () => {
    const other = await world.call(otherCollege.user.token, 'POST', `/v1/organisations/${otherCollege.orgId}/api-keys`, { name: 'Their CRM', scope: 'read-write' });
    const theirs = other.body.token as string;
    expect((await world.call(theirs, 'GET', `/v1/organisations/${otherCollege.orgId}/bookings`)).body.items).toEqual([]);
    for (const path of [`/v1/organisations/${college.orgId}/bookings`, `/v1/schools/${school.schoolId}/bookings/${bookingId}`, `/v1/schools/${school.schoolId}/bookings/${bookingId}/ics`, `/v1/organisations/${college.orgId}/delivery-failures`, `/v1/schools/${school.schoolId}/compliance`]) {
      const res = await world.call(theirs, 'GET', path);
      expect(res.status, path).toBe(404);
      expect(JSON.stringify({ ...res.body, instance: undefined })).not.toContain(bookingId);
    }
    expect((await world.call(theirs, 'POST', `/v1/schools/${school.schoolId}/bookings/${bookingId}/withdraw`)).status).toBe(404);
    // The other college's admin cannot see or revoke the college's keys, nor its endpoints.
    expect((await world.call(otherCollege.user.token, 'GET', `/v1/organisations/${college.orgId}/api-keys`)).status).toBe(404);
    expect((await world.call(otherCollege.user.token, 'POST', `/v1/organisations/${otherCollege.orgId}/api-keys/${crmKeyId}/revoke`)).status).toBe(404);
    expect((await world.call(otherCollege.user.token, 'POST', `/v1/organisations/${college.orgId}/webhooks/${endpointId}/rotate-secret`)).status).toBe(404);
    expect((await world.call(crmKey, 'GET', `/v1/organisations/${college.orgId}/bookings`)).status).toBe(200);
  });

  it('retries a failing endpoint with backoff, then lists the delivery as failed with a send again', async () => {
    // Two failures, then the third try goes through: one delivery, three requests, one event id.
    receiver.received.length = 0;
    receiver.failNext(2, 503);
    expect((await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${bookingId}/cancel`, { reason: 'Hall flooded' })).status).toBe(200);
    await runStream();
    expect(receiver.received.map((r) => r.status)).toEqual([503, 503, 204]);
    expect(new Set(receiver.received.map((r) => r.headers['schoolgate-event-id'])).size).toBe(1);
    expect(receiver.received.every((r) => r.verified)).toBe(true);

    // Down for good: three tries, then a failure the college can see and send again.
    const { id: slotId } = await publishSlot(world, school, { date: '2026-11-12' });
    const second = (await request(world, college, school.schoolId, slotId)).body.id;
    await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${second}/approve`, {});
    receiver.received.length = 0;
    receiver.failNext(3, 500);
    await runStream();
    expect(receiver.received.map((r) => r.status)).toEqual([500, 500, 500]);
    const failures = await world.call(college.user.token, 'GET', `/v1/organisations/${college.orgId}/delivery-failures`);
    const failure = failures.body.items.find((f: { messageKind: string }) => f.messageKind === 'webhook');
    expect(failure).toMatchObject({ status: 'failed', recipient: `webhook:${endpointId}`, recipientName: receiver.url, eventKind: 'booking.confirmed', bookingId: second, error: 'The endpoint answered HTTP 500' });
    expect((await world.call(school.leader.token, 'GET', `/v1/organisations/${college.orgId}/delivery-failures`)).status).toBe(404);

    const resend = await world.call(college.user.token, 'POST', `/v1/organisations/${college.orgId}/delivery-failures/resend`, { eventId: failure.eventId, recipient: failure.recipient });
    expect(resend.status, JSON.stringify(resend.body)).toBe(202);
    const again = await world.call(college.user.token, 'POST', `/v1/organisations/${college.orgId}/delivery-failures/resend`, { eventId: failure.eventId, recipient: failure.recipient });
    expect(codes(again.body)).toEqual(['ALREADY_RESENT']);
    receiver.received.length = 0;
    await runStream();
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]).toMatchObject({ status: 204, verified: true });
    expect(receiver.received[0]!.headers['schoolgate-event-id']).toBe(failure.eventId);
    const after = await world.call(college.user.token, 'GET', `/v1/organisations/${college.orgId}/delivery-failures`);
    expect(after.body.items.find((f: { eventId: string }) => f.eventId === failure.eventId).status).toBe('resent');
  });

  it('rotates the secret with an overlap: both signatures are sent until the old one lapses', async () => {
    // The notifier signs on the real clock: rotate on it too, then go back to the school year.
    const schoolYear = world.clock.now;
    world.clock.now = new Date();
    const rotated = await world.call(college.user.token, 'POST', `/v1/organisations/${college.orgId}/webhooks/${endpointId}/rotate-secret`);
    world.clock.now = schoolYear;
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
    const oldSecret = receiver.secrets[0]!;
    const newSecret = rotated.body.secret as string;
    expect(newSecret).not.toBe(oldSecret);
    expect(Date.parse(rotated.body.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(24 * 3600_000 - 60_000);
    // Not statutory: the college already holds this phase's statutory encounter.
    const { id: slotId } = await publishSlot(world, school, { date: '2026-11-13', statutory: false });
    const third = (await request(world, college, school.schoolId, slotId)).body.id;
    expect((await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${third}/approve`, {})).status).toBe(200);
    receiver.received.length = 0;
    await runStream();
    expect(receiver.received).toHaveLength(1);
    const { headers, body } = receiver.received[0]!;
    const signature = headers['schoolgate-signature'] as string;
    expect(signature.match(/v1=/g)).toHaveLength(2);
    // A receiver holding only the old secret, or only the new one, verifies it.
    expect(verifySignature(signature, body, oldSecret)).toBe(true);
    expect(verifySignature(signature, body, newSecret)).toBe(true);
  });

  it('counts every use of a key in its audit, and refuses a revoked key from its next call', async () => {
    const usage = await world.call(college.user.token, 'GET', `/v1/organisations/${college.orgId}/api-keys/${crmKeyId}/usage`);
    expect(usage.status).toBe(200);
    const total = usage.body.minutes.reduce((n: number, m: { requests: number }) => n + m.requests, 0);
    const refused = usage.body.minutes.reduce((n: number, m: { refused: number }) => n + m.refused, 0);
    // 3 reads that answered 200, the refused write and four refused personal routes.
    expect(total).toBe(8);
    expect(refused).toBe(5);
    const listed = await world.call(college.user.token, 'GET', `/v1/organisations/${college.orgId}/api-keys`);
    expect(listed.body.items.find((k: { keyId: string }) => k.keyId === crmKeyId).lastUsedAt).toBeDefined();

    const revoked = await world.call(college.user.token, 'POST', `/v1/organisations/${college.orgId}/api-keys/${crmKeyId}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedBy).toBe(college.user.email);
    const next = await world.call(crmKey, 'GET', `/v1/organisations/${college.orgId}/bookings`);
    expect(next.status).toBe(401);
    expect(next.headers.get('content-type')).toContain('application/problem+json');
    const twice = await world.call(college.user.token, 'POST', `/v1/organisations/${college.orgId}/api-keys/${crmKeyId}/revoke`);
    expect(twice.status).toBe(409);
    expect(codes(twice.body)).toEqual(['ALREADY_REVOKED']);
    // A forged secret on a live key's id is refused the same way.
    const live = await world.call(college.user.token, 'POST', `/v1/organisations/${college.orgId}/api-keys`, { name: 'Live', scope: 'read' });
    const forged = `${live.body.token.slice(0, -43)}${'A'.repeat(43)}`;
    expect((await world.call(forged, 'GET', `/v1/organisations/${college.orgId}/bookings`)).status).toBe(401);
    expect((await world.call(live.body.token, 'GET', `/v1/organisations/${college.orgId}/bookings`)).status).toBe(200);
  });

  it('keeps every rotation of two racing admins: each success moves the version on by one', async () => {
    const path = `/v1/organisations/${college.orgId}/webhooks/${endpointId}/rotate-secret`;
    const before = (await world.call(college.user.token, 'GET', `/v1/organisations/${college.orgId}/webhooks`)).body.items[0].version as number;
    const answers = await Promise.all(Array.from({ length: 6 }, () => world.call(college.user.token, 'POST', path)));
    const ok = answers.filter((a) => a.status === 200);
    for (const a of answers.filter((a) => a.status !== 200)) {
      expect(a.status).toBe(409);
      expect(codes(a.body)).toEqual(['STALE_STATE']);
    }
    const after = (await world.call(college.user.token, 'GET', `/v1/organisations/${college.orgId}/webhooks`)).body.items[0].version as number;
    expect(after - before).toBe(ok.length);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    // The condition itself, whatever the scheduling above: two writes on the same version read, one wins.
    const current = (await getWebhookEndpoint(world.db, college.orgId, endpointId))!;
    const both = await Promise.allSettled([updateWebhookEndpoint(world.db, current, { events: ['booking.confirmed'] }), updateWebhookEndpoint(world.db, current, { events: ['booking.cancelled'] })]);
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(both.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'STALE_STATE' } });
  });

  it('revokes a key once however many admins press the button together', async () => {
    const key = await world.call(college.user.token, 'POST', `/v1/organisations/${college.orgId}/api-keys`, { name: 'Raced', scope: 'read' });
    const path = `/v1/organisations/${college.orgId}/api-keys/${key.body.keyId}/revoke`;
    const answers = await Promise.all(Array.from({ length: 5 }, () => world.call(college.user.token, 'POST', path)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect((await world.call(key.body.token, 'GET', `/v1/organisations/${college.orgId}/bookings`)).status).toBe(401);
  });
});

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '@schoolgate/local';
import { readLocalMail, startLocalSes, startLocalStreamPoller, type LocalSentEmail } from '@schoolgate/notify';
import { icsAttachment, parseInvite } from '../../functions/notify/src/test-support/fixtures.js';
import { publishSlot, request, setUpProvider, setUpSchool, type SchoolSetup } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';

/**
 * The whole path a careers leader's click takes: the API's transaction writes the outbox item, the
 * same stream handler the Lambda runs reads DynamoDB Local's stream, and a real local SES accepts
 * the email with its calendar invite.
 */
describe('notifications end to end, from the API to the inbox', () => {
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
  });
  afterAll(async () => {
    await poller?.stop();
    await ses?.stop();
  });

  async function mailTo(address: string, subjectPattern: RegExp): Promise<LocalSentEmail> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const found = (await readLocalMail(ses.endpoint)).filter((m) => m.destination.to.some((to) => to.includes(address)) && subjectPattern.test(m.subject));
      if (found.length) return found.at(-1)!;
      if (Date.now() > deadline) throw new Error(`no mail to ${address} matching ${subjectPattern}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('tells the school of a request, sends the provider an invite on approval, and a CANCEL with the same UID on cancellation', async () => {
    const { id } = await publishSlot(world, school, { date: '2027-03-02', yearGroups: [10], start: '09:00', end: '09:30' });
    const requested = await request(world, provider, school.schoolId, id);
    expect(requested.status).toBe(201);
    const toSchool = await mailTo(school.leader.email, /request/i);
    expect(toSchool.body.text).toContain(requested.body.id);

    const path = `/v1/schools/${school.schoolId}/bookings/${requested.body.id}`;
    expect((await world.call(school.leader.token, 'POST', `${path}/approve`, {})).status).toBe(200);
    const confirmation = await mailTo(provider.user.email, /confirm/i);
    const invite = parseInvite(icsAttachment(confirmation));
    expect(invite).toMatchObject({
      method: 'REQUEST',
      uid: `booking-${requested.body.id}@schoolgate`,
      startLocal: '2027-03-02T09:00:00',
      endLocal: '2027-03-02T09:30:00',
      startUtc: '2027-03-02T09:00:00.000Z',
    });
    expect(invite.location).toContain('Main hall');

    expect((await world.call(school.leader.token, 'POST', `${path}/cancel`, { reason: 'Exam timetable changed' })).status).toBe(200);
    const cancellation = await mailTo(provider.user.email, /cancel/i);
    const cancelled = parseInvite(icsAttachment(cancellation));
    expect(cancelled).toMatchObject({ method: 'CANCEL', uid: invite.uid });
    expect(cancelled.sequence).toBeGreaterThan(invite.sequence);
    expect(cancellation.body.text).toContain('Exam timetable changed');
  });
});

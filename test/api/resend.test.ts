import 'aws-sdk-client-mock-vitest/extend';
import { SendRawEmailCommand, SESServiceException } from '@aws-sdk/client-ses';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSes, handleStreamEvent, type NotifyDeps } from '@schoolgate/notify';
import type { OutboxCommand, OutboxEvent } from '@schoolgate/store';
import { streamEventFor } from '../../functions/notify/src/test-support/fixtures.js';
import { codes, publishSlot, request, setUpProvider, setUpSchool } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';

/**
 * An undelivered email is visible to the organisation that caused it, and sending it again goes
 * through the outbox to the stream consumer (the only code allowed to use SES).
 */
describe('resending an undelivered email', () => {
  let world: World;
  let deps: NotifyDeps;
  const ses = createSes({ endpoint: 'http://127.0.0.1:9' });
  const sesMock = mockClient(ses);
  beforeAll(async () => {
    world = await createWorld();
    deps = { db: world.db, ses, fromAddress: 'no-reply@schoolgate.test', webBaseUrl: 'http://127.0.0.1:3000', retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 } };
  });

  /** The outbox items the API has written so far, as the stream would deliver them. */
  async function outbox(kind: string): Promise<Array<OutboxEvent | OutboxCommand>> {
    const scan = await world.db.doc.send(new ScanCommand({ TableName: world.db.tableName, FilterExpression: '#t = :o AND kind = :k', ExpressionAttributeNames: { '#t': 'type' }, ExpressionAttributeValues: { ':o': 'outbox', ':k': kind } }));
    return (scan.Items ?? []).map((item) => item.event);
  }

  it('shows the failure to the school, queues one resend however often it is asked, and marks it resent once sent', async () => {
    const admin = await world.user('admin', { platformAdmin: true });
    const school = await setUpSchool(world, admin);
    const provider = await setUpProvider(world, admin);
    const { id } = await publishSlot(world, school);
    const r = await request(world, provider, school.schoolId, id);
    await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/bookings/${r.body.id}/approve`, {});

    sesMock.on(SendRawEmailCommand).rejects(new SESServiceException({ name: 'Throttling', $fault: 'client', $metadata: {}, message: 'Maximum sending rate exceeded.' }));
    await handleStreamEvent(deps, streamEventFor(...(await outbox('booking.confirmed'))));
    const failures = await world.call(school.leader.token, 'GET', `/v1/organisations/${school.schoolId}/delivery-failures`);
    // Both invitations failed: the provider's and the school's own copy.
    expect(failures.body.items).toHaveLength(2);
    const failure = failures.body.items.find((f: { recipient: string }) => f.recipient === provider.user.email);
    expect(failure).toMatchObject({ status: 'failed', recipient: provider.user.email, eventKind: 'booking.confirmed' });
    expect((await world.call(provider.user.token, 'GET', `/v1/organisations/${school.schoolId}/delivery-failures`)).status).toBe(404);

    const path = `/v1/organisations/${school.schoolId}/delivery-failures/resend`;
    const ask = { eventId: failure.eventId, recipient: failure.recipient };
    expect((await world.call(provider.user.token, 'POST', path, ask)).status).toBe(404);
    expect((await world.call(school.leader.token, 'POST', path, ask)).status).toBe(202);
    const again = await world.call(school.leader.token, 'POST', path, ask);
    expect(again.status).toBe(409);
    expect(codes(again.body)).toEqual(['ALREADY_RESENT']);
    expect((await world.call(school.leader.token, 'POST', path, { ...ask, eventId: 'nope' })).status).toBe(404);

    sesMock.reset();
    sesMock.on(SendRawEmailCommand).resolves({ MessageId: 'resent-1' });
    const resends = await outbox('delivery.resend');
    expect(resends).toHaveLength(1);
    await handleStreamEvent(deps, streamEventFor(...resends));
    expect(sesMock).toHaveReceivedCommandTimes(SendRawEmailCommand, 1);
    // The stream delivers at least once: the same command again (and twice at once) sends nothing more.
    await handleStreamEvent(deps, streamEventFor(...resends));
    await Promise.all([handleStreamEvent(deps, streamEventFor(...resends)), handleStreamEvent(deps, streamEventFor(...resends))]);
    expect(sesMock).toHaveReceivedCommandTimes(SendRawEmailCommand, 1);
    const after = await world.call(school.leader.token, 'GET', `/v1/organisations/${school.schoolId}/delivery-failures`);
    expect(after.body.items.find((f: { recipient: string }) => f.recipient === provider.user.email).status).toBe('resent');
  });
});

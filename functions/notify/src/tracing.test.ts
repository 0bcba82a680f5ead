import { Tracer } from '@aws-lambda-powertools/tracer';
import xray from 'aws-xray-sdk-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inSubsegment, tracedHandler, tracer } from './observability.js';

/*
 * Powertools Tracer in the notifier. Off the Lambda (tests, the local server and poller: no X-Ray
 * daemon) it must stay off and silent; on it, each outbox event or sweep task gets a subsegment
 * annotated with its correlation id, read here from the X-Ray SDK's own segment objects (nothing
 * is sent: the segment is never closed).
 */
describe('traces in the notifier', () => {
  afterEach(() => vi.restoreAllMocks());

  it('are off here, and a traced handler answers as before and prints nothing about X-Ray', async () => {
    const printed = [vi.spyOn(console, 'warn'), vi.spyOn(console, 'error')];
    expect(tracer.isTracingEnabled()).toBe(false);
    const handler = tracedHandler('stream', async (event: { records: string[] }) => ({ batchItemFailures: event.records.map((itemIdentifier) => ({ itemIdentifier })) }));
    expect(await handler({ records: ['1'] })).toEqual({ batchItemFailures: [{ itemIdentifier: '1' }] });
    expect(await inSubsegment('### outbox booking.confirmed', 'evt-1', async () => 'done')).toBe('done');
    await expect(inSubsegment('### outbox booking.confirmed', 'evt-2', async () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    for (const spy of printed) expect(spy).not.toHaveBeenCalled();
  });

  it('are on in a Lambda environment: the handler subsegment carries ColdStart and Service, each event its own correlation_id, concurrent ones apart', async () => {
    vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs22.x');
    const on = new Tracer({ serviceName: 'schoolgate-notify', captureHTTPsRequests: false });
    vi.unstubAllEnvs();
    expect(on.isTracingEnabled()).toBe(true);

    const root = new xray.Segment('schoolgate-notify-test');
    const handler = tracedHandler(
      'sweep',
      async (ids: string[]) => Promise.allSettled(ids.map((id) => inSubsegment(`### sweep ${id}`, id, async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (id === 'msg-2') throw new Error('school not found');
        return id;
      }, on))),
      on,
    );
    const ns = xray.getNamespace();
    await ns.runPromise(async () => {
      xray.setSegment(root);
      await handler(['msg-1', 'msg-2', 'msg-3']);
    });

    const [handlerSegment] = root.subsegments ?? [];
    expect(handlerSegment?.name).toBe('## sweep');
    expect((handlerSegment as unknown as { annotations: Record<string, unknown> }).annotations).toMatchObject({ ColdStart: expect.any(Boolean), Service: 'schoolgate-notify' });
    const tasks = (handlerSegment?.subsegments ?? []) as unknown as Array<{ name: string; annotations: Record<string, unknown>; in_progress?: boolean; fault?: boolean; error?: boolean }>;
    expect(tasks.map((t) => [t.name, t.annotations.correlation_id])).toEqual([
      ['### sweep msg-1', 'msg-1'],
      ['### sweep msg-2', 'msg-2'],
      ['### sweep msg-3', 'msg-3'],
    ]);
    expect(tasks.every((t) => !t.in_progress)).toBe(true);
    expect(tasks.map((t) => Boolean(t.fault || t.error))).toEqual([false, true, false]);
  });
});

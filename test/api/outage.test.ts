import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, ulid, type TokenVerifier } from '@schoolgate/api';
import { callApi } from '@schoolgate/local';
import { createDb, IDEMPOTENCY_LEASE_SECONDS, type Db } from '@schoolgate/store';
import { freshTable } from '../support/db.js';

/** Signs everyone in as one user: these tests are about the store, not about tokens. */
const verifier: TokenVerifier = { verify: async () => ({ userId: 'user-outage', email: 'outage@example.org', platformAdmin: false }) };

/** A network failure as the SDK raises it when DynamoDB cannot be reached. */
const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { name: 'Error', code: 'ECONNREFUSED', $metadata: {} });

/**
 * The real table behind a switch: while `down` says so for a command, the command fails as it
 * would with DynamoDB unreachable.
 */
function switchable(db: Db) {
  const state = { down: (_command: unknown) => false };
  const doc = new Proxy(db.doc, {
    get(target, prop, receiver) {
      if (prop !== 'send') return Reflect.get(target, prop, receiver);
      return (command: unknown, ...rest: unknown[]) => {
        if (state.down(command)) return Promise.reject(refused());
        return (target.send as (...a: unknown[]) => Promise<unknown>)(command, ...rest);
      };
    },
  });
  return { db: { ...db, doc } as Db, state };
}

describe('when the store is down', () => {
  let real: Db;
  beforeAll(async () => {
    real = await freshTable();
  });

  it('answers 503 problem+json with Retry-After, not 500, and health names no table', async () => {
    const db = createDb({ tableName: 'schoolgate-secret-name', endpoint: 'http://127.0.0.1:9' });
    const app = createApp({ db, verifier, now: () => new Date(), newId: () => ulid(), webBaseUrl: '' });
    const res = await callApi(app, 'token', 'GET', '/v1/me');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.body.errors[0].code).toBe('STORE_UNAVAILABLE');
    const health = await callApi(app, undefined, 'GET', '/v1/health');
    expect(health.status).toBe(503);
    expect(JSON.stringify(health.body)).not.toContain('schoolgate-secret-name');
  });

  it('does not leave an interrupted idempotent POST blocking its retry without saying for how long', async () => {
    const { db, state } = switchable(real);
    const clock = { now: new Date('2026-09-15T10:00:00Z') };
    const app = createApp({ db, verifier, now: () => clock.now, newId: () => ulid(), webBaseUrl: '' });
    const post = () =>
      callApi(app, 'token', 'POST', '/v1/employers', { name: 'Outage Ltd', sector: 'Retail', postcode: 'LS1 2AB' }, { 'idempotency-key': 'outage-key-0001' });
    // The claim gets through; then the table goes down, for the handler and for the release alike.
    state.down = (command) =>
      !(command instanceof PutCommand && (command.input.Item as { type?: string })?.type === 'idempotency') &&
      !(command instanceof UpdateCommand && String(command.input.Key?.pk).startsWith('RATE#'));
    const first = await post();
    expect(first.status).toBe(503);
    expect(first.headers.get('content-type')).toContain('application/problem+json');
    // The key could not be released: wait out its lease, and the client is told exactly that.
    expect(Number(first.headers.get('retry-after'))).toBe(IDEMPOTENCY_LEASE_SECONDS);

    state.down = () => false;
    const early = await post();
    expect(early.status).toBe(409);
    expect(early.body.errors[0].code).toBe('IDEMPOTENCY_IN_PROGRESS');
    expect(Number(early.headers.get('retry-after'))).toBe(IDEMPOTENCY_LEASE_SECONDS);

    clock.now = new Date(clock.now.getTime() + (IDEMPOTENCY_LEASE_SECONDS + 1) * 1000);
    const retried = await post();
    expect(retried.status).toBe(201);
    const replay = await post();
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });

  it('frees the key at once when the table is back by the time the handler fails', async () => {
    const { db, state } = switchable(real);
    const app = createApp({ db, verifier, now: () => new Date('2026-09-15T10:00:00Z'), newId: () => ulid(), webBaseUrl: '' });
    const post = () =>
      callApi(app, 'token', 'POST', '/v1/employers', { name: 'Blip Ltd', sector: 'Retail', postcode: 'LS1 2AB' }, { 'idempotency-key': 'outage-key-0002' });
    let failed = 0;
    // Only the organisation's transaction fails, once.
    state.down = (command) => (command as { constructor: { name: string } }).constructor.name === 'TransactWriteCommand' && failed++ === 0;
    const first = await post();
    expect(first.status).toBe(503);
    expect(Number(first.headers.get('retry-after'))).toBeLessThan(IDEMPOTENCY_LEASE_SECONDS);
    expect((await post()).status).toBe(201);
  });
});

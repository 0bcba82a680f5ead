/**
 * `npm run bench`: the figures the issues ask for, all measured in one run on this machine so they
 * can be read as ratios. DynamoDB figures are against DynamoDB Local and sit beside its own raw
 * TransactWriteItems latency from the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createApp, jwtVerifier, ulid } from '@schoolgate/api';
import { callApi, ensureUser, freePort, signIn, startCognitoLocal, startDynamoDbLocal } from '@schoolgate/local';
import { bankHolidayOn } from '@schoolgate/domain';
import { callCounter, createDb, createOrganisation, ensureTable } from '@schoolgate/store';
import { coldInitReport, runColdInitBench } from './bench/cold-init.js';
import { firstPaintReport, runFirstPaintBench } from './bench/first-paint.js';
import { runDomainBench } from '../packages/domain/bench/compliance.bench.js';

// Lambda runs Node 22; the SDK checks the Node version when a client is made, so this still applies.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const percentile = (samples: number[], p: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const ms = (n: number) => `${n.toFixed(2)} ms`;
async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return [Number(process.hrtime.bigint() - start) / 1e6, result];
}

async function marketplaceBench() {
  const cognitoDir = mkdtempSync(join(tmpdir(), 'bench-cognito-'));
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  const cognito = await startCognitoLocal({ port: await freePort(), dataDir: cognitoDir });
  try {
    const db = createDb({ tableName: 'bench', endpoint: dynamo.endpoint });
    await ensureTable(db);
    const clock = { now: new Date('2026-09-15T10:00:00Z') };
    const app = createApp({
      db,
      verifier: jwtVerifier({ issuer: cognito.issuer, audience: cognito.clientId }),
      now: () => clock.now,
      newId: () => ulid(),
      webBaseUrl: '',
      // The bench measures the marketplace's own cost; one person setting up hundreds of slots would trip the per-caller limit.
      writesPerMinute: 1_000_000,
    });
    const token = async (email: string, admin = false) => {
      await ensureUser(cognito, email, 'Bench-password-2026', { platformAdmin: admin });
      return signIn(cognito, email, 'Bench-password-2026');
    };
    const adminToken = await token('admin@bench.local', true);
    const leader = await token('leader@bench.local');
    const liaisonToken = await token('liaison@bench.local');
    const liaisonId = (await callApi(app, liaisonToken, 'GET', '/v1/me')).body.userId as string;
    const call = async (t: string, method: string, path: string, body?: unknown) => {
      const r = await callApi(app, t, method, path, body);
      if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const school = await call(leader, 'POST', '/v1/schools', {
      urn: '900001', name: 'Bench School', postcode: 'LS1 1AA', location: { latitude: 53.8, longitude: -1.55 },
      yearGroups: { from: 7, to: 13 }, roll: { '7': 150, '8': 150, '9': 150, '10': 150, '11': 150, '12': 90, '13': 90 },
      venues: [{ name: 'Hall', capacity: 400 }],
    });
    await call(adminToken, 'POST', `/v1/admin/organisations/${school.id}/verify`);
    await call(leader, 'PUT', `/v1/schools/${school.id}/calendar`, {
      terms: [{ name: 'Year', start: '2026-09-02', end: '2027-07-21' }], closures: [], schoolDay: { start: '08:30', end: '15:30' },
    });
    const { policy } = await import('../test/support/fixtures.js');
    await call(leader, 'PUT', `/v1/schools/${school.id}/policy`, policy({ noticePeriodSchoolDays: 0 }));
    await call(leader, 'POST', `/v1/schools/${school.id}/policy/publish`);

    // Raw engine latency: a two-item TransactWriteItems, the floor under every confirmation.
    const raw: number[] = [];
    for (let i = 0; i < 300; i++) {
      const [t] = await timed(() =>
        db.doc.send(new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: db.tableName, Item: { pk: `RAW#${i}`, sk: 'A' }, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: db.tableName, Item: { pk: `RAW#${i}`, sk: 'B' } } },
          ],
        })),
      );
      raw.push(t);
    }

    // 1,000 slots across the year for search; 20 providers to approve.
    const weekdays: string[] = [];
    for (let d = new Date('2026-09-16T00:00:00Z'); weekdays.length < 200; d.setUTCDate(d.getUTCDate() + 1)) {
      if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) weekdays.push(d.toISOString().slice(0, 10));
    }
    const slotIds: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const slot = await call(leader, 'POST', `/v1/schools/${school.id}/slots`, {
        title: `Slot ${i}`, date: weekdays[i % weekdays.length], start: `${String(9 + (i % 5)).padStart(2, '0')}:00`, end: `${String(9 + (i % 5)).padStart(2, '0')}:30`,
        yearGroups: [10 + (i % 3)], format: 'assembly', venueId: school.venues[0].id, places: 20, statutory: false,
      });
      slotIds.push(slot.id);
    }
    const providers: string[] = [];
    for (let i = 0; i < 20; i++) {
      const id = `bench-provider-${i}`;
      await createOrganisation(db, { id, kind: 'provider', name: `Provider ${i}`, verified: true, postcode: 'LS1 1AA', providerType: 'itp', offers: ['apprenticeships'], location: { latitude: 53.81, longitude: -1.5 }, notifications: { contactEmail: 'liaison@bench.local', reminderDaysBefore: [] }, createdAt: clock.now.toISOString() }, { userId: liaisonId, email: 'liaison@bench.local', role: 'admin' });
      providers.push(id);
    }

    const approveLatencies: number[] = [];
    let callsPerConfirmation = { transactWrites: 0, reads: 0 };
    for (let round = 0; round < 10; round++) {
      const slotId = slotIds[round]!;
      const requests = [];
      for (const orgId of providers) requests.push(await call(liaisonToken, 'POST', `/v1/organisations/${orgId}/requests`, { schoolId: school.id, slotId, message: '' }));
      callCounter.reset();
      const results = await Promise.all(requests.map((r) => timed(() => callApi(app, leader, 'POST', `/v1/schools/${school.id}/bookings/${r.id}/approve`, {}))));
      const ok = results.filter(([, r]) => r.status === 200).length;
      if (round === 0) callsPerConfirmation = { transactWrites: callCounter.transactWrites / ok, reads: callCounter.reads / ok };
      approveLatencies.push(...results.map(([t]) => t));
    }

    // Statutory confirmations: each judged again by the rules engine on the facts read with their
    // versions (school, calendar, policy, provider, slot, guards) and committed with a
    // ConditionCheck per fact. 20 providers, each approved into its own slot, at once.
    const statutoryLatencies: number[] = [];
    // School days inside Year 10's key phase 2 window (to 28 February 2027).
    const statutoryDays = weekdays.filter((d) => !bankHolidayOn(d) && d <= '2027-02-28');
    let callsPerStatutory = { transactWrites: 0, reads: 0 };
    for (let round = 0; round < 5; round++) {
      const requests = [];
      for (const [i, orgId] of providers.entries()) {
        const slot = await call(leader, 'POST', `/v1/schools/${school.id}/slots`, {
          title: `Statutory ${round}.${i}`, date: statutoryDays[round * 20 + i], start: '09:00', end: '09:30',
          yearGroups: [10], format: 'assembly', venueId: school.venues[0].id, places: 1, statutory: true,
        });
        requests.push(await call(liaisonToken, 'POST', `/v1/organisations/${orgId}/requests`, { schoolId: school.id, slotId: slot.id, message: '' }));
      }
      callCounter.reset();
      const results = await Promise.all(requests.map((r) => timed(() => callApi(app, leader, 'POST', `/v1/schools/${school.id}/bookings/${r.id}/approve`, {}))));
      const ok = results.filter(([, r]) => r.status === 200).length;
      if (round === 0) callsPerStatutory = { transactWrites: callCounter.transactWrites / ok, reads: callCounter.reads / ok };
      statutoryLatencies.push(...results.map(([t]) => t));
      // Free the phase for the next round: the same 20 providers again.
      for (const r of requests) await call(leader, 'POST', `/v1/schools/${school.id}/bookings/${r.id}/cancel`, { reason: 'bench round over' });
    }

    const provider = providers[0]!;
    const searchLatencies: number[] = [];
    for (let i = 0; i < 200; i++) {
      const month = String(9 + (i % 4)).padStart(2, '0');
      const [t, r] = await timed(() => callApi(app, liaisonToken, 'GET', `/v1/slots?orgId=${provider}&from=2026-${month}-01&to=2027-06-30&yearGroup=10&withinKm=25&limit=20`));
      if (r.status !== 200) throw new Error(`search ${r.status}`);
      searchLatencies.push(t);
    }
    return {
      raw: { p50: percentile(raw, 50), p99: percentile(raw, 99) },
      approve: { p50: percentile(approveLatencies, 50), p99: percentile(approveLatencies, 99), n: approveLatencies.length },
      statutory: { p50: percentile(statutoryLatencies, 50), p99: percentile(statutoryLatencies, 99), n: statutoryLatencies.length },
      callsPerStatutory,
      search: { p50: percentile(searchLatencies, 50), p99: percentile(searchLatencies, 99), n: searchLatencies.length },
      callsPerConfirmation,
    };
  } finally {
    await cognito.stop();
    await dynamo.stop();
    rmSync(cognitoDir, { recursive: true, force: true });
  }
}

const NOTIFY_ENTRIES = [
  { name: 'notify-stream', entry: 'functions/notify/src/stream-lambda.ts' },
  { name: 'notify-reminders', entry: 'functions/notify/src/reminders-lambda.ts' },
];
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`;
console.log(`Schoolgate benchmarks on ${machine}\n`);

console.log('Rules engine (pure, in process)');
for (const row of await runDomainBench()) console.log(`  ${row.name.padEnd(60)} p50 ${ms(row.p50ms)}  p99 ${ms(row.p99ms)}  (${row.iterations} runs)`);

console.log('\nMarketplace against DynamoDB Local (in-process API, real JWTs)');
const m = await marketplaceBench();
console.log(`  DynamoDB Local raw TransactWriteItems (2 items)   p50 ${ms(m.raw.p50)}  p99 ${ms(m.raw.p99)}`);
console.log(`  approve, 20 concurrent approvers (${m.approve.n} calls)   p50 ${ms(m.approve.p50)}  p99 ${ms(m.approve.p99)}  = ${(m.approve.p50 / m.raw.p50).toFixed(1)}× / ${(m.approve.p99 / m.raw.p99).toFixed(1)}× raw`);
console.log(`  slot search, 1,000 slots in table (${m.search.n} calls)   p50 ${ms(m.search.p50)}  p99 ${ms(m.search.p99)}  = ${(m.search.p50 / m.raw.p50).toFixed(1)}× / ${(m.search.p99 / m.raw.p99).toFixed(1)}× raw`);
console.log(`  DynamoDB calls per confirmation: ${m.callsPerConfirmation.transactWrites.toFixed(1)} TransactWriteItems, ${m.callsPerConfirmation.reads.toFixed(1)} reads`);
console.log(`  approve statutory, judged on versioned facts, 20 at once (${m.statutory.n} calls)   p50 ${ms(m.statutory.p50)}  p99 ${ms(m.statutory.p99)}  = ${(m.statutory.p50 / m.raw.p50).toFixed(1)}× / ${(m.statutory.p99 / m.raw.p99).toFixed(1)}× raw`);
console.log(`  DynamoDB calls per statutory confirmation: ${m.callsPerStatutory.transactWrites.toFixed(1)} TransactWriteItems, ${m.callsPerStatutory.reads.toFixed(1)} reads (point reads, in 3 rounds)`);

console.log('\nLambda cold init as deployed (CDK esbuild options and NODE_OPTIONS) vs a minimal Hono + zod + DocumentClient peer');
for (const line of coldInitReport(await runColdInitBench({ runs: 15, extra: NOTIFY_ENTRIES }))) console.log(line);

console.log('\nWeb first contentful paint vs a bare Vite React page');
for (const line of firstPaintReport(await runFirstPaintBench({ runs: 9 }))) console.log(line);
process.exit(0);

import { beforeAll, describe, expect, it } from 'vitest';
import { codes, setUpSchool, type SchoolSetup } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';

/** Correcting or deleting an encounter the school recorded (issue 14): judged again, version-conditioned, audited. */

const named = (ukprn: string, name = `Provider ${ukprn}`) => ({ name, ukprn, providerType: 'fe_college', offers: ['t_levels'] });
const recordedInput = (overrides: Record<string, unknown> = {}) => ({
  date: '2026-09-10',
  start: '09:00',
  end: '09:30',
  yearGroups: [9],
  format: 'assembly',
  provider: named('10012345'),
  attendance: 142,
  ...overrides,
});
const phaseOf = (body: any, yearGroupNow: number, phase: number) => body.cohorts.find((c: any) => c.yearGroupNow === yearGroupNow).phases.find((p: any) => p.phase === phase);
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

describe('correcting an encounter the school recorded', () => {
  let world: World;
  let admin: { token: string };
  let school: SchoolSetup;
  const path = () => `/v1/schools/${school.schoolId}/recorded-encounters`;
  const compliance = async () => (await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/compliance`)).body;

  beforeAll(async () => {
    world = await createWorld();
    admin = await world.user('admin', { platformAdmin: true });
    school = await setUpSchool(world, admin);
  });

  it('judges a correction again: a date moved to a Saturday makes it supplementary and frees the phase; the audit keeps what it was', async () => {
    const made = await world.call(school.leader.token, 'POST', path(), recordedInput());
    expect(made.body).toMatchObject({ statutory: true, version: 1 });
    expect(phaseOf(await compliance(), 9, 1).providers.delivered).toEqual(['Provider 10012345']);

    const corrected = await world.call(school.leader.token, 'PUT', `${path()}/${made.body.id}`, { ...recordedInput({ date: '2026-09-12' }), reason: 'It was the Saturday fair' }, ifMatch(1));
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.headers.get('etag')).toBe('"2"');
    expect(corrected.body).toMatchObject({ id: made.body.id, version: 2, statutory: false, countsToward: [], correctionReason: 'It was the Saturday fair', recordedAt: made.body.recordedAt });
    expect(codes({ errors: corrected.body.violations })).toEqual(['SCHOOL_HOURS']);
    expect(phaseOf(await compliance(), 9, 1).providers.delivered).toEqual([]);

    // The phase guard went with it: the same provider can now count in Year 9's phase again.
    const again = await world.call(school.leader.token, 'POST', path(), recordedInput({ date: '2026-09-11' }));
    expect(again.body.statutory).toBe(true);

    const history = await world.call(school.leader.token, 'GET', `${path()}/${made.body.id}/history`);
    expect(history.body.items).toHaveLength(1);
    expect(history.body.items[0]).toMatchObject({ action: 'corrected', reason: 'It was the Saturday fair', before: { date: '2026-09-10', statutory: true, version: 1 }, after: { date: '2026-09-12', version: 2 } });
  });

  it('makes a correction statutory when it now meets the rules, and supplementary when its provider already counts in the phase', async () => {
    const fair = await world.call(school.leader.token, 'POST', path(), recordedInput({ date: '2026-09-12', provider: named('10022222'), yearGroups: [8] }));
    expect(fair.body.statutory).toBe(false);
    const fixed = await world.call(school.leader.token, 'PUT', `${path()}/${fair.body.id}`, recordedInput({ date: '2026-09-09', provider: named('10022222'), yearGroups: [8] }), ifMatch(1));
    expect(fixed.body).toMatchObject({ statutory: true, countsToward: [{ cohort: 2025, phase: 1 }] });
    expect(phaseOf(await compliance(), 8, 1).providers.delivered).toContain('Provider 10022222');
    // Correcting it again without moving anything keeps its own guard (it is not its own rival).
    const same = await world.call(school.leader.token, 'PUT', `${path()}/${fair.body.id}`, recordedInput({ date: '2026-09-09', provider: named('10022222'), yearGroups: [8], attendance: 150 }), ifMatch(2));
    expect(same.body).toMatchObject({ statutory: true, attendance: 150, version: 3 });
    // Moved to a phase where the provider of the first test already counts: judged again, supplementary (DISTINCT_PROVIDERS).
    const clash = await world.call(school.leader.token, 'PUT', `${path()}/${fair.body.id}`, recordedInput({ date: '2026-09-09', yearGroups: [9] }), ifMatch(3));
    expect(clash.body.statutory).toBe(false);
    expect(codes({ errors: clash.body.violations })).toEqual(['DISTINCT_PROVIDERS']);
    expect(phaseOf(await compliance(), 8, 1).providers.delivered).not.toContain('Provider 10022222');
  });

  it('refuses a stale version with 409 STALE_STATE, and of racing correctors from one version exactly one wins', async () => {
    const made = await world.call(school.leader.token, 'POST', path(), recordedInput({ date: '2026-09-08', provider: named('10033333'), yearGroups: [10] }));
    const attempts = await Promise.all(
      [140, 141, 142, 143, 144].map((attendance) => world.call(school.leader.token, 'PUT', `${path()}/${made.body.id}`, recordedInput({ date: '2026-09-08', provider: named('10033333'), yearGroups: [10], attendance }), ifMatch(1))),
    );
    const won = attempts.filter((r) => r.status === 200);
    expect(won).toHaveLength(1);
    for (const lost of attempts.filter((r) => r.status !== 200)) {
      expect(lost.status).toBe(409);
      expect(codes(lost.body)).toEqual(['STALE_STATE']);
    }
    const history = await world.call(school.leader.token, 'GET', `${path()}/${made.body.id}/history`);
    expect(history.body.items).toHaveLength(1);
    expect(history.body.current.attendance).toBe(won[0]!.body.attendance);
    // Its guard is held once, by the record: the provider still counts in Year 10's phase once.
    expect(phaseOf(await compliance(), 10, 2).providers.delivered.filter((n: string) => n === 'Provider 10033333')).toHaveLength(1);
    const stale = await world.call(school.leader.token, 'POST', `${path()}/${made.body.id}/delete`, { reason: 'Entered twice' }, ifMatch(1));
    expect(stale.status).toBe(409);
    expect(codes(stale.body)).toEqual(['STALE_STATE']);
  });

  it('deletes a record with a reason; its phase is freed, the audit keeps it, and a snapshot taken before is unchanged', async () => {
    const made = await world.call(school.leader.token, 'POST', path(), recordedInput({ date: '2026-09-07', provider: named('10044444'), yearGroups: [11] }));
    expect(made.body.statutory).toBe(true);
    expect(phaseOf(await compliance(), 11, 2).providers.delivered).toContain('Provider 10044444');
    const base = `/v1/schools/${school.schoolId}/reports/2026`;
    const frozen = await world.call(school.leader.token, 'POST', `${base}/snapshots`, { label: 'Before the correction' });
    expect(frozen.status).toBe(201);
    const snapshotBefore = (await world.call(school.leader.token, 'GET', `${base}/snapshots/${frozen.body.id}`)).body;
    expect(JSON.stringify(snapshotBefore)).toContain('Provider 10044444');

    const noReason = await world.call(school.leader.token, 'POST', `${path()}/${made.body.id}/delete`, {}, ifMatch(1));
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    const deleted = await world.call(school.leader.token, 'POST', `${path()}/${made.body.id}/delete`, { reason: 'It never happened: the college cancelled' }, ifMatch(1));
    expect(deleted.status).toBe(200);
    expect(phaseOf(await compliance(), 11, 2).providers.delivered).not.toContain('Provider 10044444');
    const live = await world.call(school.leader.token, 'GET', base);
    expect(JSON.stringify(live.body)).not.toContain('Provider 10044444');
    expect((await world.call(school.leader.token, 'GET', `${base}/snapshots/${frozen.body.id}`)).body).toEqual(snapshotBefore);

    const history = await world.call(school.leader.token, 'GET', `${path()}/${made.body.id}/history`);
    expect(history.body.current).toBeNull();
    expect(history.body.items).toEqual([expect.objectContaining({ action: 'deleted', reason: 'It never happened: the college cancelled', before: expect.objectContaining({ providerName: 'Provider 10044444', date: '2026-09-07' }) })]);
    // Gone is gone: a second deletion or a correction finds nothing.
    expect((await world.call(school.leader.token, 'POST', `${path()}/${made.body.id}/delete`, { reason: 'again' })).status).toBe(404);
    expect((await world.call(school.leader.token, 'PUT', `${path()}/${made.body.id}`, recordedInput())).status).toBe(404);
  });

  it('lets only the school’s careers leader correct or delete, and only its own records', async () => {
    const made = await world.call(school.leader.token, 'POST', path(), recordedInput({ date: '2026-09-04', provider: named('10055555'), yearGroups: [12] }));
    const other = await setUpSchool(world, admin);
    const outsider = await world.call(other.leader.token, 'PUT', `${path()}/${made.body.id}`, recordedInput(), ifMatch(1));
    expect(outsider.status).toBe(404);
    // Another school's leader, on its own school, cannot reach this school's record by its id.
    const cross = await world.call(other.leader.token, 'POST', `/v1/schools/${other.schoolId}/recorded-encounters/${made.body.id}/delete`, { reason: 'Not mine' });
    expect(cross.status).toBe(404);
    expect((await world.call(other.leader.token, 'GET', `${path()}/${made.body.id}/history`)).status).toBe(404);
    const still = await world.call(school.leader.token, 'GET', `${path()}/${made.body.id}/history`);
    expect(still.body.current.version).toBe(1);
  });
});

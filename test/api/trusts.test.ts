import { beforeAll, describe, expect, it } from 'vitest';
import { codes, policy, publishSlot, request, setUpProvider, setUpSchool, type SchoolSetup } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';

/** Trusts and careers hubs (issue 14): schools join by invitation and consent; each group sees only what it may. */
describe('trusts and careers hubs', () => {
  let world: World;
  let admin: { token: string };
  let academyA: SchoolSetup;
  let academyB: SchoolSetup;
  let notConsenting: SchoolSetup;
  let trustLead: { token: string };
  let hubLead: { token: string };
  let trustId: string;
  let hubId: string;

  beforeAll(async () => {
    world = await createWorld();
    admin = await world.user('admin', { platformAdmin: true });
    [academyA, academyB, notConsenting] = [await setUpSchool(world, admin), await setUpSchool(world, admin), await setUpSchool(world, admin)];
    trustLead = await world.user('trust');
    hubLead = await world.user('hub');
    const trust = await world.call(trustLead.token, 'POST', '/v1/groups', { kind: 'trust', name: 'Aire Valley Learning Trust' });
    expect(trust.status).toBe(201);
    trustId = trust.body.id;
    hubId = (await world.call(hubLead.token, 'POST', '/v1/groups', { kind: 'hub', name: 'Leeds Careers Hub' })).body.id;
    for (const [lead, group] of [
      [trustLead, trustId],
      [hubLead, hubId],
    ] as const) {
      for (const school of [academyA, academyB, notConsenting]) {
        expect((await world.call(lead.token, 'POST', `/v1/groups/${group}/schools`, { schoolId: school.schoolId })).status).toBe(201);
      }
    }
    for (const school of [academyA, academyB]) {
      for (const group of [trustId, hubId]) {
        const consented = await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/groups/${group}/consent`);
        expect(consented.status).toBe(200);
        expect(consented.body.status).toBe('consented');
      }
    }
    // A refusal at academy A, for the hub to see.
    const provider = await setUpProvider(world, admin, { name: 'Apex Training' });
    const { id } = await publishSlot(world, academyA);
    const asked = await request(world, provider, academyA.schoolId, id);
    expect((await world.call(academyA.leader.token, 'POST', `/v1/schools/${academyA.schoolId}/bookings/${asked.body.id}/decline`, { groundId: 'need-met', note: 'A private note' })).status).toBe(200);
  });

  it('shows a trust only its consenting academies, each as status per phase matching the school’s own compliance', async () => {
    const overview = await world.call(trustLead.token, 'GET', `/v1/groups/${trustId}/overview`);
    expect(overview.status).toBe(200);
    expect(overview.body.schools.map((s: any) => s.schoolId).sort()).toEqual([academyA.schoolId, academyB.schoolId].sort());
    const a = overview.body.schools.find((s: any) => s.schoolId === academyA.schoolId);
    expect(Object.keys(a).sort()).toEqual(['schoolId', 'schoolName', 'status']);
    const own = await world.call(academyA.leader.token, 'GET', `/v1/schools/${academyA.schoolId}/compliance`);
    const fromSchool = own.body.cohorts.flatMap((c: any) => c.phases.filter((p: any) => p.status !== 'NOT_APPLICABLE').map((p: any) => `${c.yearGroupNow}:${p.phase}:${p.status}`)).sort();
    expect(a.status.map((s: any) => `${s.yearGroup}:${s.phase}:${s.status}`).sort()).toEqual(fromSchool);
  });

  it('shows a hub only opted-in schools, and only status per phase, refusals and concerns', async () => {
    const overview = await world.call(hubLead.token, 'GET', `/v1/groups/${hubId}/overview`);
    expect(overview.body.schools.map((s: any) => s.schoolId).sort()).toEqual([academyA.schoolId, academyB.schoolId].sort());
    for (const school of overview.body.schools) expect(Object.keys(school).sort()).toEqual(['concerns', 'refusals', 'schoolId', 'schoolName', 'status']);
    const a = overview.body.schools.find((s: any) => s.schoolId === academyA.schoolId);
    expect(a.refusals).toEqual([{ date: '2026-11-10', providerName: 'Apex Training', ground: 'The need is being met elsewhere' }]);
    // Refusals are those of the current academic year, and the answer says which.
    expect(overview.body.refusalsPeriod).toMatchObject({ academicYear: 2026, label: '2026/27', from: '2026-09-01', to: '2027-08-31' });
    expect(a.concerns.length).toBeGreaterThan(0);
    // The school's note, its roll, its bookings and its members are not part of what a hub sees.
    expect(JSON.stringify(overview.body)).not.toContain('A private note');
    expect(JSON.stringify(overview.body)).not.toContain('Main hall');
  });

  it('keeps each group to its own lead, and consent to the school’s careers leader', async () => {
    expect((await world.call(hubLead.token, 'GET', `/v1/groups/${trustId}/overview`)).status).toBe(404);
    expect((await world.call(academyA.leader.token, 'GET', `/v1/groups/${trustId}/overview`)).status).toBe(404);
    expect((await world.call(trustLead.token, 'POST', `/v1/groups/${hubId}/schools`, { schoolId: notConsenting.schoolId })).status).toBe(404);
    expect((await world.call(hubLead.token, 'POST', `/v1/groups/${trustId}/policy-template`, policy())).status).toBe(404);
    // The group lead cannot consent for the school, nor another school's leader.
    expect((await world.call(trustLead.token, 'POST', `/v1/schools/${notConsenting.schoolId}/groups/${trustId}/consent`)).status).toBe(404);
    expect((await world.call(academyA.leader.token, 'POST', `/v1/schools/${notConsenting.schoolId}/groups/${trustId}/consent`)).status).toBe(404);
    // Consent is given once, to an open invitation.
    expect((await world.call(academyA.leader.token, 'POST', `/v1/schools/${academyA.schoolId}/groups/${trustId}/consent`)).status).toBe(404);
    const listed = await world.call(notConsenting.leader.token, 'GET', `/v1/schools/${notConsenting.schoolId}/groups`);
    expect(listed.body.items.map((l: any) => [l.kind, l.status]).sort()).toEqual([
      ['hub', 'invited'],
      ['trust', 'invited'],
    ]);
    const again = await world.call(trustLead.token, 'POST', `/v1/groups/${trustId}/schools`, { schoolId: academyA.schoolId });
    expect(again.status).toBe(409);
    expect(codes(again.body)).toEqual(['DUPLICATE']);
  });

  it('lets a trust push a policy template into each consenting academy’s draft, leaving what each has published', async () => {
    const template = policy({ howWeMeetTheDuty: 'Across the trust: two assemblies per key phase from two different providers.' });
    const pushed = await world.call(trustLead.token, 'POST', `/v1/groups/${trustId}/policy-template`, template);
    expect(pushed.status).toBe(200);
    expect(pushed.body.items.map((i: any) => i.schoolId).sort()).toEqual([academyA.schoolId, academyB.schoolId].sort());
    for (const school of [academyA, academyB]) {
      const state = await world.call(school.leader.token, 'GET', `/v1/schools/${school.schoolId}/policy`);
      expect(state.body.draft).toMatchObject({ version: 2, howWeMeetTheDuty: template.howWeMeetTheDuty });
      expect(state.body.published.version).toBe(1);
    }
    const untouched = await world.call(notConsenting.leader.token, 'GET', `/v1/schools/${notConsenting.schoolId}/policy`);
    expect(untouched.body.draft.version).toBe(1);
    // A hub has no such power.
    const hubPush = await world.call(hubLead.token, 'POST', `/v1/groups/${hubId}/policy-template`, template);
    expect(hubPush.status).toBe(403);
    expect(codes(hubPush.body)).toEqual(['NOT_A_TRUST']);
  });
});

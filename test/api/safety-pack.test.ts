import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { FactsChangedError, readSafetyClearance, safetyClearanceCheck, transact } from '@schoolgate/store';
import { checkSafetyClearance } from '@schoolgate/domain';
import { codes, setUpProvider, setUpSchool, type SchoolSetup } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';

/**
 * The employer's safety pack (issue 12): entered once by the host, files through presigned S3
 * URLs to the local S3 stand-in, signed off check by check by a school's placement coordinator,
 * and stale for every school once the pack changes.
 */

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n% Schoolgate test certificate\n'), randomBytes(2048)]);
const YEAR = '2026-27';

type Token = { token: string; email: string };

async function employerOrg(world: World, name: string): Promise<{ user: Token; orgId: string }> {
  const user = await world.user('employer');
  const created = await world.call(user.token, 'POST', '/v1/employers', { name, sector: 'Engineering', postcode: 'LS10 1AB' });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { user, orgId: created.body.id };
}

/** Asks for a presigned PUT and sends the bytes to the S3 stand-in, as the browser does. */
async function upload(world: World, token: string, orgId: string, bytes: Buffer, contentType = 'application/pdf', declared = contentType, declaredSize = bytes.length) {
  const ticket = await world.call(token, 'POST', `/v1/organisations/${orgId}/safety-pack/uploads`, { fileName: 'certificate.pdf', contentType: declared, size: declaredSize });
  expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
  const put = await fetch(ticket.body.url, { method: 'PUT', body: new Uint8Array(bytes), headers: { ...ticket.body.headers, 'content-type': contentType } });
  expect(put.status).toBe(200);
  return ticket.body.fileId as string;
}

const fullPack = (files: { certificate: string; policy: string; risk: string }, overrides: Record<string, unknown> = {}) => ({
  insurance: { insurer: 'Northern Mutual', policyNumber: 'EL-2026-0042', expiresOn: '2027-07-31', certificate: { fileId: files.certificate, fileName: 'EL certificate 2026.pdf' } },
  healthAndSafety: { policy: { fileId: files.policy, fileName: 'H&S policy.pdf' } },
  riskAssessments: [{ file: { fileId: files.risk, fileName: 'Workshop risk assessment.pdf' } }],
  safeguarding: { contactName: 'Priya Shah', contactEmail: 'safeguarding@example.org', supervisorSelection: 'Supervisors are permanent staff with two years’ service who have completed our safeguarding course.' },
  ...overrides,
});

async function enterPack(world: World, host: { user: Token; orgId: string }, ifMatch = '"0"') {
  const files = {
    certificate: await upload(world, host.user.token, host.orgId, PDF),
    policy: await upload(world, host.user.token, host.orgId, PDF),
    risk: await upload(world, host.user.token, host.orgId, PDF),
  };
  const saved = await world.call(host.user.token, 'PUT', `/v1/organisations/${host.orgId}/safety-pack`, fullPack(files), { 'if-match': ifMatch });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  return { files, saved };
}

async function coordinatorOf(world: World, school: SchoolSetup): Promise<Token> {
  const user = await world.user('coordinator');
  const invited = await world.call(school.leader.token, 'POST', `/v1/organisations/${school.schoolId}/invitations`, { email: user.email, role: 'placement_coordinator' });
  expect(invited.status, JSON.stringify(invited.body)).toBe(201);
  expect((await world.call(user.token, 'POST', `/v1/invitations/${school.schoolId}/accept`)).status).toBe(201);
  return user;
}

const CHECKS = ['insurance', 'healthAndSafety', 'riskAssessment', 'safeguarding'] as const;

async function signAll(world: World, who: Token, schoolId: string, hostId: string, packVersion: number) {
  let last;
  for (const check of CHECKS) {
    last = await world.call(who.token, 'POST', `/v1/schools/${schoolId}/safety-packs/${hostId}/sign-offs`, { academicYear: YEAR, check, packVersion });
    expect(last.status, JSON.stringify(last.body)).toBe(200);
  }
  return last!;
}

describe('the employer’s safety pack', () => {
  let world: World;
  let admin: Token;
  let school: SchoolSetup;
  let otherSchool: SchoolSetup;
  let coordinator: Token;

  beforeAll(async () => {
    world = await createWorld();
    admin = await world.user('admin', { platformAdmin: true });
    school = await setUpSchool(world, admin);
    otherSchool = await setUpSchool(world, admin);
    coordinator = await coordinatorOf(world, school);
  });

  it('round-trips a file through the S3 stand-in: upload by presigned PUT, download by presigned GET, bytes equal', async () => {
    const host = await employerOrg(world, 'Roundtrip Ltd');
    const { saved } = await enterPack(world, host);
    expect(saved.body.packVersion).toBe(1);
    expect(saved.headers.get('etag')).toBe('"1"');
    const certificate = saved.body.insurance.certificate;
    expect(certificate).toMatchObject({ fileName: 'EL certificate 2026.pdf', contentType: 'application/pdf', size: PDF.length });
    expect(certificate.fileVersion).toMatch(/\S/);
    expect(saved.body.complete).toEqual({ insurance: true, healthAndSafety: true, riskAssessment: true, safeguarding: true });

    // The host downloads its own file, and a school downloads the same bytes.
    for (const [token, path] of [
      [host.user.token, `/v1/organisations/${host.orgId}/safety-pack/files/${certificate.fileId}`],
      [school.leader.token, `/v1/schools/${school.schoolId}/safety-packs/${host.orgId}/files/${certificate.fileId}`],
    ] as const) {
      const link = await world.call(token, 'GET', path);
      expect(link.status, JSON.stringify(link.body)).toBe(200);
      expect(link.body.fileVersion).toBe(certificate.fileVersion);
      const got = await fetch(link.body.url);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-disposition')).toContain('EL certificate 2026.pdf');
      expect(Buffer.from(await got.arrayBuffer()).equals(PDF)).toBe(true);
    }
  });

  it('refuses a type outside PDF, PNG and JPEG, and a file over 10 MB, before and after upload', async () => {
    const host = await employerOrg(world, 'Limits Ltd');
    const html = await world.call(host.user.token, 'POST', `/v1/organisations/${host.orgId}/safety-pack/uploads`, { fileName: 'x.html', contentType: 'text/html', size: 10 });
    expect(html.status).toBe(400);
    expect(html.body.errors.map((e: { field: string }) => e.field)).toEqual(['contentType']);
    const big = await world.call(host.user.token, 'POST', `/v1/organisations/${host.orgId}/safety-pack/uploads`, { fileName: 'x.pdf', contentType: 'application/pdf', size: 10 * 1024 * 1024 + 1 });
    expect(big.status).toBe(400);
    expect(big.body.errors.map((e: { field: string }) => e.field)).toEqual(['size']);

    // A browser that lies: asks for a PDF ticket, then sends HTML, or more than 10 MB. HeadObject
    // catches both before the file is attached; the upload is deleted.
    const lied = await upload(world, host.user.token, host.orgId, Buffer.from('<html>not a pdf</html>'), 'text/html', 'application/pdf');
    const oversize = await upload(world, host.user.token, host.orgId, Buffer.alloc(10 * 1024 * 1024 + 1, 1), 'application/pdf', 'application/pdf', 1024);
    const saved = await world.call(host.user.token, 'PUT', `/v1/organisations/${host.orgId}/safety-pack`, {
      insurance: { insurer: 'X', policyNumber: '1', expiresOn: '2027-07-31', certificate: { fileId: lied, fileName: 'c.pdf' } },
      healthAndSafety: { policy: { fileId: oversize, fileName: 'p.pdf' } },
    });
    expect(saved.status).toBe(400);
    expect(saved.body.errors).toEqual([
      { field: 'insurance.certificate.fileId', message: expect.stringMatching(/PDF, PNG or JPEG.*text\/html/) },
      { field: 'healthAndSafety.policy.fileId', message: 'Files can be at most 10 MB.' },
    ]);
    // Nothing was written, and the refused uploads are gone.
    expect((await world.call(host.user.token, 'GET', `/v1/organisations/${host.orgId}/safety-pack`)).body.packVersion).toBe(0);
    const unknown = await world.call(host.user.token, 'PUT', `/v1/organisations/${host.orgId}/safety-pack`, { healthAndSafety: { policy: { fileId: oversize, fileName: 'p.pdf' } } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].message).toMatch(/No file was uploaded/);
  });

  it('keeps each organisation to its own part: another employer, a non-school, a staff member, an unverified school', async () => {
    const host = await employerOrg(world, 'Private Ltd');
    const { saved } = await enterPack(world, host);
    const fileId = saved.body.insurance.certificate.fileId;
    const other = await employerOrg(world, 'Nosy Ltd');
    const provider = await setUpProvider(world, admin);

    // Another employer can neither read nor change the pack, nor upload into it, nor fetch its files.
    expect((await world.call(other.user.token, 'GET', `/v1/organisations/${host.orgId}/safety-pack`)).status).toBe(404);
    expect((await world.call(other.user.token, 'PUT', `/v1/organisations/${host.orgId}/safety-pack`, {})).status).toBe(404);
    expect((await world.call(other.user.token, 'POST', `/v1/organisations/${host.orgId}/safety-pack/uploads`, { fileName: 'a.pdf', contentType: 'application/pdf', size: 5 })).status).toBe(404);
    expect((await world.call(other.user.token, 'GET', `/v1/organisations/${host.orgId}/safety-pack/files/${fileId}`)).status).toBe(404);
    // A provider (not a school) cannot act as a school: not as itself, not naming a school it is not in.
    expect((await world.call(provider.user.token, 'GET', `/v1/schools/${provider.orgId}/safety-packs/${host.orgId}`)).status).toBe(404);
    expect((await world.call(provider.user.token, 'GET', `/v1/schools/${school.schoolId}/safety-packs/${host.orgId}/files/${fileId}`)).status).toBe(404);
    expect((await world.call(provider.user.token, 'POST', `/v1/schools/${school.schoolId}/safety-packs/${host.orgId}/sign-offs`, { academicYear: YEAR, check: 'insurance', packVersion: 1 })).status).toBe(404);
    // An employer's own pack file cannot be fetched through the school route by the employer.
    expect((await world.call(host.user.token, 'GET', `/v1/schools/${school.schoolId}/safety-packs/${host.orgId}/files/${fileId}`)).status).toBe(404);
    // School staff may read, not sign off.
    const staff = await world.user('staff');
    await world.call(school.leader.token, 'POST', `/v1/organisations/${school.schoolId}/invitations`, { email: staff.email, role: 'staff' });
    await world.call(staff.token, 'POST', `/v1/invitations/${school.schoolId}/accept`);
    expect((await world.call(staff.token, 'GET', `/v1/schools/${school.schoolId}/safety-packs/${host.orgId}`)).status).toBe(200);
    const signed = await world.call(staff.token, 'POST', `/v1/schools/${school.schoolId}/safety-packs/${host.orgId}/sign-offs`, { academicYear: YEAR, check: 'insurance', packVersion: 1 });
    expect(signed.status).toBe(403);
    // A school Schoolgate has not verified sees no packs.
    const unverifiedLeader = await world.user('unverified');
    const created = await world.call(unverifiedLeader.token, 'POST', '/v1/schools', { urn: '9999001', name: 'New School', address: '1 Road', postcode: 'LS1 1AA', yearGroups: { from: 7, to: 11 } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const refused = await world.call(unverifiedLeader.token, 'GET', `/v1/schools/${created.body.id}/safety-packs/${host.orgId}`);
    expect(refused.status).toBe(403);
    expect(codes(refused.body)).toEqual(['SCHOOL_NOT_VERIFIED']);
    // A file id not in the pack is not found, even for the host.
    expect((await world.call(host.user.token, 'GET', `/v1/organisations/${host.orgId}/safety-pack/files/01NOTAFILE`)).status).toBe(404);
  });

  it('two editors who loaded the same version: one save wins, the other gets 409 and changes nothing', async () => {
    const host = await employerOrg(world, 'Race Ltd');
    await enterPack(world, host);
    const colleague = await world.user('colleague');
    await world.call(host.user.token, 'POST', `/v1/organisations/${host.orgId}/invitations`, { email: colleague.email, role: 'admin' });
    expect((await world.call(colleague.token, 'POST', `/v1/invitations/${host.orgId}/accept`)).status).toBe(201);
    const editors = Array.from({ length: 10 }, (_, i) => (i % 2 ? colleague : host.user));
    const results = await Promise.all(
      editors.map((editor, i) =>
        world.call(editor.token, 'PUT', `/v1/organisations/${host.orgId}/safety-pack`, { safeguarding: { contactName: `Editor ${i}`, supervisorSelection: 'Chosen by the site manager.' } }, { 'if-match': '"1"' }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    const losers = results.filter((r) => r.status === 409);
    for (const loser of losers) expect(codes(loser.body)).toEqual(['STALE_STATE']);
    const now = await world.call(host.user.token, 'GET', `/v1/organisations/${host.orgId}/safety-pack`);
    expect(now.body.packVersion).toBe(2);
    const winner = results.findIndex((r) => r.status === 200);
    expect(now.body.safeguarding.contactName).toBe(`Editor ${winner}`);
  });

  it('a coordinator signs off each check (who, when, which file version); a second school sees the same pack; a pack change makes the sign-off stale', async () => {
    const host = await employerOrg(world, 'Signoff Engineering');
    const { saved } = await enterPack(world, host);
    const certificate = saved.body.insurance.certificate;

    // Not signed yet: a confirmation would be refused with SAFETY_CHECKS.
    expect(await readSafetyClearance(world.db, school.schoolId, host.orgId, YEAR)).toBeUndefined();
    expect(checkSafetyClearance(undefined, ['2027-06-14']).map((r) => r.code)).toEqual(['SAFETY_CHECKS']);

    const partly = await world.call(coordinator.token, 'POST', `/v1/schools/${school.schoolId}/safety-packs/${host.orgId}/sign-offs`, { academicYear: YEAR, check: 'insurance', packVersion: 1 });
    expect(partly.status).toBe(200);
    expect(partly.body.standing).toBe('partly');
    expect(partly.body.checks[0]).toMatchObject({ check: 'insurance', signedBy: coordinator.email, packVersion: 1, fileId: certificate.fileId, fileVersion: certificate.fileVersion, current: true });
    expect(partly.body.checks[0].signedAt).toBe(world.clock.now.toISOString());
    expect((await readSafetyClearance(world.db, school.schoolId, host.orgId, YEAR))?.signedOff).toBe(false);

    const all = await signAll(world, coordinator, school.schoolId, host.orgId, 1);
    expect(all.body.standing).toBe('signedOff');
    const facts = await readSafetyClearance(world.db, school.schoolId, host.orgId, YEAR);
    expect(facts).toMatchObject({ signedOff: true, packVersion: 1, insuranceExpiresOn: '2027-07-31' });
    expect(checkSafetyClearance(facts, ['2027-06-14'])).toEqual([]);
    expect(checkSafetyClearance(facts, ['2027-08-02']).map((r) => r.code)).toEqual(['INSURANCE_EXPIRED']);
    // The clearance check passes in a transaction while nothing has changed.
    await transact(world.db, safetyClearanceCheck(world.db, school.schoolId, host.orgId, YEAR, facts!));

    // The host sees each school's sign-off; a second school sees the same pack, unsigned by it.
    const hostView = await world.call(host.user.token, 'GET', `/v1/organisations/${host.orgId}/safety-pack`);
    expect(hostView.body.signOffs).toEqual([expect.objectContaining({ schoolId: school.schoolId, academicYear: YEAR, standing: 'signedOff' })]);
    const second = await world.call(otherSchool.leader.token, 'GET', `/v1/schools/${otherSchool.schoolId}/safety-packs/${host.orgId}?academicYear=${YEAR}`);
    expect(second.status).toBe(200);
    expect(second.body.pack.insurance.certificate.fileId).toBe(certificate.fileId);
    expect(second.body.standing).toBe('none');
    const list = await world.call(otherSchool.leader.token, 'GET', `/v1/schools/${otherSchool.schoolId}/safety-packs?academicYear=${YEAR}`);
    expect(list.body.items).toContainEqual(expect.objectContaining({ hostOrgId: host.orgId, hostName: 'Signoff Engineering', standing: 'none' }));

    // The host renews its certificate: a new pack version. The sign-off no longer passes, the
    // school is told to review again, and a confirmation holding the old facts is cancelled.
    const renewed = await upload(world, host.user.token, host.orgId, PDF);
    const changed = await world.call(
      host.user.token,
      'PUT',
      `/v1/organisations/${host.orgId}/safety-pack`,
      fullPack({ certificate: renewed, policy: saved.body.healthAndSafety.policy.fileId, risk: saved.body.riskAssessments[0].file.fileId }, { insurance: { insurer: 'Northern Mutual', policyNumber: 'EL-2027-0001', expiresOn: '2028-07-31', certificate: { fileId: renewed, fileName: 'EL certificate 2027.pdf' } } }),
      { 'if-match': '"1"' },
    );
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.packVersion).toBe(2);
    await expect(transact(world.db, safetyClearanceCheck(world.db, school.schoolId, host.orgId, YEAR, facts!))).rejects.toBeInstanceOf(FactsChangedError);
    const stale = await readSafetyClearance(world.db, school.schoolId, host.orgId, YEAR);
    expect(stale).toMatchObject({ signedOff: false, packVersion: 2, insuranceExpiresOn: '2028-07-31' });
    expect(checkSafetyClearance(stale, ['2027-06-14']).map((r) => r.code)).toEqual(['SAFETY_CHECKS']);
    const review = await world.call(coordinator.token, 'GET', `/v1/schools/${school.schoolId}/safety-packs/${host.orgId}?academicYear=${YEAR}`);
    expect(review.body.standing).toBe('packChanged');
    expect(review.body.checks.every((c: { current: boolean }) => !c.current)).toBe(true);

    // Signing against the old version is refused; signing the new one again clears it.
    const old = await world.call(coordinator.token, 'POST', `/v1/schools/${school.schoolId}/safety-packs/${host.orgId}/sign-offs`, { academicYear: YEAR, check: 'insurance', packVersion: 1 });
    expect(old.status).toBe(409);
    expect(codes(old.body)).toEqual(['FACTS_CHANGED']);
    const again = await signAll(world, coordinator, school.schoolId, host.orgId, 2);
    expect(again.body.standing).toBe('signedOff');
    expect(again.body.checks.find((c: { check: string }) => c.check === 'insurance')).toMatchObject({ fileId: renewed, packVersion: 2 });
    expect((await readSafetyClearance(world.db, school.schoolId, host.orgId, YEAR))?.signedOff).toBe(true);
  });

  it('a pack change racing a sign-off: the sign-off commits only on the version it read', async () => {
    const host = await employerOrg(world, 'Racing Sign-off Ltd');
    await enterPack(world, host);
    const [signed, edited] = await Promise.all([
      world.call(coordinator.token, 'POST', `/v1/schools/${school.schoolId}/safety-packs/${host.orgId}/sign-offs`, { academicYear: YEAR, check: 'safeguarding', packVersion: 1 }),
      world.call(host.user.token, 'PUT', `/v1/organisations/${host.orgId}/safety-pack`, { safeguarding: { contactName: 'New contact', supervisorSelection: 'Changed.' } }, { 'if-match': '"1"' }),
    ]);
    expect(edited.status).toBe(200);
    // Whichever order they ran in, no sign-off stands against version 2.
    if (signed.status === 200) expect(signed.body.checks[0].packVersion).toBe(1);
    else expect(codes(signed.body)).toEqual(['FACTS_CHANGED']);
    const review = await world.call(coordinator.token, 'GET', `/v1/schools/${school.schoolId}/safety-packs/${host.orgId}?academicYear=${YEAR}`);
    expect(review.body.pack.packVersion).toBe(2);
    expect(['none', 'packChanged']).toContain(review.body.standing);
  });

  it('refuses to sign off a check the host has not provided', async () => {
    const host = await employerOrg(world, 'Half Ltd');
    const partial = await world.call(host.user.token, 'PUT', `/v1/organisations/${host.orgId}/safety-pack`, { safeguarding: { contactName: 'A Person', supervisorSelection: 'By the manager.' } });
    expect(partial.status).toBe(200);
    const refused = await world.call(coordinator.token, 'POST', `/v1/schools/${school.schoolId}/safety-packs/${host.orgId}/sign-offs`, { academicYear: YEAR, check: 'insurance', packVersion: 1 });
    expect(refused.status).toBe(422);
    expect(codes(refused.body)).toEqual(['SAFETY_CHECKS']);
    const bad = await world.call(coordinator.token, 'POST', `/v1/schools/${school.schoolId}/safety-packs/${host.orgId}/sign-offs`, { academicYear: '2026/27', check: 'insurance', packVersion: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('academicYear');
  });
});

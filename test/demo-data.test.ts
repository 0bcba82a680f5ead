import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { jwtVerifier } from '@schoolgate/api';
import { type Db, getGiasEstablishment, getPublishedPolicy, getSchoolBookingsAndRecords, listBookingIdsOfSchoolBetween, readRecordedEncounters, getOrganisationByUrn, listGroupsOfSchool, listPlacementBookingsOfSchool, listApiKeys, listWebhookEndpoints, pageOrganisationsOfKind, pageVerificationQueue, searchSchools } from '@schoolgate/store';
import { readBenchmark5 } from '@schoolgate/usecases';
import { seedDemoData } from '../scripts/demo-data.js';
import { freshTable } from './support/db.js';

/** Every booking of a school, in any state: its date index's ids, then the items (the test inspects seeded data). */
const bookingsOfSchool = async (db: Db, schoolId: string) =>
  [...(await getSchoolBookingsAndRecords(db, schoolId, await listBookingIdsOfSchoolBetween(db, schoolId, '0000-01-01', '9999-12-31'), [])).bookings.values()];

describe('npm start demo data', () => {
  it('seeds schools of four shapes with bookings in every state, once', async () => {
    const db = await freshTable();
    const cognito = inject('cognito');
    const client = new CognitoIdentityProviderClient({ endpoint: cognito.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const ctx = { db, verifier: jwtVerifier({ issuer: cognito.issuer, audience: cognito.clientId }), cognito: { client, userPoolId: cognito.userPoolId, clientId: cognito.clientId } };
    expect(await seedDemoData(ctx)).toBe(true);
    expect(await seedDemoData(ctx)).toBe(false);
    const shapes = [];
    const statuses = new Set<string>();
    for (const urn of ['136245', '138812', '141990', '121437']) {
      const school = await getOrganisationByUrn(db, urn);
      shapes.push(school?.yearGroups);
      expect(await getPublishedPolicy(db, school!.id)).toBeDefined();
      (await bookingsOfSchool(db, school!.id)).forEach((b) => statuses.add(b.status));
    }
    expect(shapes).toEqual([{ from: 7, to: 11 }, { from: 7, to: 13 }, { from: 10, to: 13 }, { from: 5, to: 8 }]);
    expect([...statuses].sort()).toEqual(['cancelled', 'confirmed', 'declined', 'delivered', 'not_delivered', 'requested', 'withdrawn']);
    // Work experience (we-place): Meridian's placements at Hartfield in every state.
    const hartfield = await getOrganisationByUrn(db, '136245');
    const placements = await listPlacementBookingsOfSchool(db, hartfield!.id);
    expect([...new Set(placements.map((b) => b.status))].sort()).toEqual(['cancelled', 'confirmed', 'declined', 'requested']);
    expect(placements.some((b) => b.pupils.some((p) => Object.values(p.attendance ?? {}).includes('attended') && p.feedback))).toBe(true);
    expect(placements.some((b) => b.pupils.some((p) => Object.values(p.attendance ?? {}).includes('absent')))).toBe(true);

    // Offers (issue 13): Hartfield's Year 8 toured Meridian Engineering, so Benchmark 5 shows it met.
    const tour = (await bookingsOfSchool(db, hartfield!.id)).find((b) => b.offerId);
    expect(tour).toMatchObject({ requesterName: 'Meridian Engineering', requesterKind: 'employer', status: 'delivered', yearGroups: [8], audience: 'whole_year_groups', sector: 'advanced_manufacturing' });
    // Issue 16: the view reads it from the cohort's employer summary, written by the booking's own transactions.
    const b5 = await readBenchmark5(db, hartfield!.id, '2026-12-01');
    expect(b5!.years.at(-1)!.yearGroups.find((r) => r.yearGroup === 8)).toMatchObject({ status: 'MET', employers: ['Meridian Engineering'] });
    const kingsmead = await getOrganisationByUrn(db, '138812');
    const taster = (await bookingsOfSchool(db, kingsmead!.id)).find((b) => b.offerId);
    expect(taster).toMatchObject({ requesterName: 'Riverside College', status: 'confirmed', statutory: true, yearGroups: [9] });

    // Evidence (issue 14): Hartfield recorded Year 10's phase 1 from before it joined; the Saturday fair is supplementary.
    const hartfieldRecorded = await readRecordedEncounters(db, (await getOrganisationByUrn(db, '136245'))!.id);
    expect(hartfieldRecorded.map((r) => [r.date, r.statutory, r.onSchoolgate]).sort()).toEqual([
      ['2025-10-07', true, true],
      ['2025-11-18', true, false],
      ['2025-11-22', false, false],
    ]);
    // A trust with two consenting academies, and a hub.
    const groupsOf = async (urn: string) => (await listGroupsOfSchool(db, (await getOrganisationByUrn(db, urn))!.id)).map((g) => `${g.kind}:${g.status}`).sort();
    expect(await groupsOf('136245')).toEqual(['hub:consented', 'trust:consented']);
    expect(await groupsOf('138812')).toEqual(['hub:consented', 'trust:consented']);
    expect(await groupsOf('141990')).toEqual(['hub:consented']);
    // The register's extract: the trust's academies name it, one more academy waits to sign up, a closed school is marked.
    expect((await getGiasEstablishment(db, '136245'))?.trustName).toBe('Aire Valley Learning Trust');
    expect(await getGiasEstablishment(db, '149870')).toMatchObject({ name: 'Roundhay Park Academy', open: true, statutoryLowAge: 11, statutoryHighAge: 18 });
    expect(await getGiasEstablishment(db, '107990')).toMatchObject({ name: 'Kirkgate High School, Leeds', open: false });

    // Integrations: Riverside College's keys (one revoked) and its webhook endpoint.
    const riverside = (await pageOrganisationsOfKind(db, 'provider', { limit: 100 })).items.find((o) => o.name === 'Riverside College')!;
    expect((await listApiKeys(db, riverside.id)).map((k) => [k.name, k.scope, Boolean(k.revokedAt)]).sort()).toEqual([
      ['Old spreadsheet import', 'read-write', true],
      ['Riverside CRM', 'read', false],
    ]);
    expect((await listWebhookEndpoints(db, riverside.id)).map((e) => e.events)).toEqual([['booking.confirmed', 'booking.cancelled']]);

    // Finding each other (issue 15): the directory around Riverside has the primary beside the secondaries; two wait to be verified.
    const directory = await searchSchools(db, { centre: riverside.location!, withinKm: 25, limit: 20, today: '2026-11-02', accept: () => true });
    expect(directory.items.map((s) => [s.name, s.phase, s.policyPublished])).toEqual(
      expect.arrayContaining([['Beckett Park Primary', 'primary', false], ['Hartfield Academy', 'secondary', true]]),
    );
    expect((await pageVerificationQueue(db, { limit: 10 })).items.map((o) => [o.name, o.ukprn ?? o.companiesHouseNumber])).toEqual([
      ['Ridgeway Skills', '10077123'],
      ['Northern Build', '09876543'],
    ]);
  }, 120_000);
});

import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { jwtVerifier } from '@schoolgate/api';
import { readSchoolPartition, getOrganisationByUrn, listApiKeys, listWebhookEndpoints, listOrganisationsOfKind } from '@schoolgate/store';
import { seedDemoData } from '../scripts/demo-data.js';
import { freshTable } from './support/db.js';

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
      const partition = await readSchoolPartition(db, school!.id);
      expect(partition.published).toBeDefined();
      partition.bookings.forEach((b) => statuses.add(b.status));
    }
    expect(shapes).toEqual([{ from: 7, to: 11 }, { from: 7, to: 13 }, { from: 10, to: 13 }, { from: 5, to: 8 }]);
    expect([...statuses].sort()).toEqual(['cancelled', 'confirmed', 'declined', 'delivered', 'not_delivered', 'requested', 'withdrawn']);
    // Integrations: Riverside College's keys (one revoked) and its webhook endpoint.
    const riverside = (await listOrganisationsOfKind(db, 'provider')).find((o) => o.name === 'Riverside College')!;
    expect((await listApiKeys(db, riverside.id)).map((k) => [k.name, k.scope, Boolean(k.revokedAt)]).sort()).toEqual([
      ['Old spreadsheet import', 'read-write', true],
      ['Riverside CRM', 'read', false],
    ]);
    expect((await listWebhookEndpoints(db, riverside.id)).map((e) => e.events)).toEqual([['booking.confirmed', 'booking.cancelled']]);
  }, 60_000);
});

import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { jwtVerifier } from '@schoolgate/api';
import { createFileStore, getOrganisationByUrn, getSafetyPack, headUpload, listSafetyPacks, readSafetyClearance, safetyFileKey } from '@schoolgate/store';
import { seedDemoData, seedSafetyPackDemo } from '../scripts/demo-data.js';
import { freshTable } from './support/db.js';

describe('npm start demo data: safety packs', () => {
  it('gives Meridian a pack with its certificate in the S3 stand-in, signed off by Hartfield for 2026/27, and another host an expiring one', async () => {
    const db = await freshTable();
    const cognito = inject('cognito');
    const s3 = inject('s3');
    const client = new CognitoIdentityProviderClient({ endpoint: cognito.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const ctx = { db, verifier: jwtVerifier({ issuer: cognito.issuer, audience: cognito.clientId }), cognito: { client, userPoolId: cognito.userPoolId, clientId: cognito.clientId } };
    const files = createFileStore({ bucket: s3.bucket, endpoint: s3.endpoint });
    await seedDemoData(ctx);
    await seedSafetyPackDemo({ ...ctx, files });

    const packs = await listSafetyPacks(db);
    expect(packs).toHaveLength(2);
    const meridian = packs.find((p) => p.insurance?.insurer === 'Aire Valley Mutual')!;
    const certificate = meridian.insurance!.certificate!;
    expect(await headUpload(files, safetyFileKey(meridian.hostOrgId, certificate.fileId))).toMatchObject({ contentType: 'application/pdf', size: certificate.size });
    const hartfield = await getOrganisationByUrn(db, '136245');
    expect(await readSafetyClearance(db, hartfield!.id, meridian.hostOrgId, '2026-27')).toMatchObject({ signedOff: true, insuranceExpiresOn: '2027-08-31' });
    const expiring = packs.find((p) => p !== meridian)!;
    expect((await getSafetyPack(db, expiring.hostOrgId))?.insurance?.expiresOn).toBe('2026-12-31');
    expect(await readSafetyClearance(db, hartfield!.id, expiring.hostOrgId, '2026-27')).toBeUndefined();
  }, 90_000);
});

import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { resourceByPrefix, synthStage } from './helpers.js';

describe('DynamoDB single table', () => {
  const { template } = synthStage('dev');
  const table = () => resourceByPrefix(template, 'AWS::DynamoDB::GlobalTable', 'DataTable');

  it('is on-demand with pk/sk string keys', () => {
    const { props } = table();
    expect(props.BillingMode).toBe('PAY_PER_REQUEST');
    expect(props.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(props.AttributeDefinitions).toEqual(
      expect.arrayContaining(
        ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk'].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      ),
    );
  });

  it('has gsi1, gsi2 and gsi3 projecting ALL', () => {
    const gsis = table().props.GlobalSecondaryIndexes as Array<Record<string, any>>;
    expect(gsis.map((g) => g.IndexName).sort()).toEqual(['gsi1', 'gsi2', 'gsi3']);
    for (const n of [1, 2, 3]) {
      const gsi = gsis.find((g) => g.IndexName === `gsi${n}`)!;
      expect(gsi.KeySchema).toEqual([
        { AttributeName: `gsi${n}pk`, KeyType: 'HASH' },
        { AttributeName: `gsi${n}sk`, KeyType: 'RANGE' },
      ]);
      expect(gsi.Projection).toEqual({ ProjectionType: 'ALL' });
    }
  });

  // cdk-nag's PITR rule only inspects CfnTable, so this assertion is the only guard for TableV2.
  it('has point-in-time recovery and deletion protection on its replica', () => {
    const replicas = table().props.Replicas as Array<Record<string, any>>;
    expect(replicas).toHaveLength(1);
    expect(replicas[0]!.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(replicas[0]!.DeletionProtectionEnabled).toBe(true);
  });

  it('streams new and old images and expires items on expiresAt', () => {
    const { props } = table();
    expect(props.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(props.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
  });

  it('is retained on stack deletion in dev and in prod', () => {
    expect(table().resource.DeletionPolicy).toBe('Retain');
    expect(table().resource.UpdateReplacePolicy).toBe('Retain');
    const prod = synthStage('prod').template;
    const prodTable = resourceByPrefix(prod, 'AWS::DynamoDB::GlobalTable', 'DataTable');
    expect(prodTable.resource.DeletionPolicy).toBe('Retain');
  });
});

describe('Cognito user pool', () => {
  const { template } = synthStage('dev');
  const pool = () => resourceByPrefix(template, 'AWS::Cognito::UserPool', 'AuthUserPool');

  it('signs in with email and verifies it on self sign-up', () => {
    const { props } = pool();
    expect(props.UsernameAttributes).toEqual(['email']);
    expect(props.AutoVerifiedAttributes).toEqual(['email']);
    expect(props.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: false });
  });

  it('has a password policy, optional TOTP MFA and email-only recovery', () => {
    const { props } = pool();
    expect(props.Policies.PasswordPolicy).toMatchObject({
      MinimumLength: 12,
      RequireLowercase: true,
      RequireUppercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
    });
    expect(props.MfaConfiguration).toBe('OPTIONAL');
    expect(props.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(props.AccountRecoverySetting).toEqual({
      RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }],
    });
  });

  it('has a public web client allowing USER_PASSWORD_AUTH and SRP', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']),
    });
  });

  it('has the platform-admins group', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'platform-admins' });
  });

  it('is retained in prod and destroyable in dev', () => {
    expect(pool().resource.DeletionPolicy).toBe('Delete');
    const prodPool = resourceByPrefix(synthStage('prod').template, 'AWS::Cognito::UserPool', 'AuthUserPool');
    expect(prodPool.resource.DeletionPolicy).toBe('Retain');
    expect(prodPool.props.DeletionProtection).toBe('ACTIVE');
  });
});

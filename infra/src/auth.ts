import { CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  Mfa,
  UserPool,
  UserPoolClient,
  VerificationEmailStyle,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** Cognito group whose members the API treats as platform admins. */
export const PLATFORM_ADMINS_GROUP = 'platform-admins';

export interface AuthProps {
  readonly removalPolicy: RemovalPolicy;
}

export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly webClient: UserPoolClient;
  /** The `iss` claim of tokens from this pool; what the JWT authorizer and the app both check. */
  readonly issuerUrl: string;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      signInAliases: { email: true },
      signInCaseSensitive: false,
      selfSignUpEnabled: true,
      autoVerify: { email: true },
      userVerification: {
        emailStyle: VerificationEmailStyle.CODE,
        emailSubject: 'Your Schoolgate verification code',
        emailBody: 'Your Schoolgate verification code is {####}',
      },
      standardAttributes: { email: { required: true, mutable: true } },
      // A changed email takes effect only once the new address is verified; until then tokens
      // keep the old, verified one, so nobody can claim an invitation sent to someone else.
      keepOriginal: { email: true },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      // SMS recovery would need an SNS spend limit and a phone number we do not collect.
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      deletionProtection: props.removalPolicy === RemovalPolicy.RETAIN,
      removalPolicy: props.removalPolicy,
    });

    Validations.of(this.userPool).acknowledge(
      {
        id: 'AwsSolutions-COG2',
        reason:
          'TOTP MFA is offered but optional by product decision: school and provider staff sign up self-service and mandatory MFA blocks adoption; admins are asked to enrol (docs/deploy.md).',
      },
      {
        id: 'AwsSolutions-COG8',
        reason:
          'Plus feature plan (threat protection) is priced per MAU at several times Essentials; at tens of thousands of MAUs it is not justified yet. Strong password policy, email verification and API throttling stand in; revisit if credential stuffing is seen.',
      },
    );

    this.webClient = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      enableTokenRevocation: true,
    });

    new CfnUserPoolGroup(this, 'PlatformAdmins', {
      userPoolId: this.userPool.userPoolId,
      groupName: PLATFORM_ADMINS_GROUP,
      description: 'Schoolgate platform administrators (checked by the API from cognito:groups)',
    });

    const stack = Stack.of(this);
    new CfnOutput(stack, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(stack, 'WebClientId', { value: this.webClient.userPoolClientId });
    this.issuerUrl = `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`;
  }
}

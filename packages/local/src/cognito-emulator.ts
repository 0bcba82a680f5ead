/**
 * cognito-local, assembled from its own parts as its `createDefaultServer` does, with the two
 * places where it differs from a Cognito user pool made to behave like one:
 *
 * - Cognito emails the verification code; cognito-local only logs it. Here the code-delivery hook
 *   (its `Messages` service) renders the pool's verification message and hands it to `sendEmail`.
 * - Cognito marks `email_verified` when a sign-up is confirmed with a code sent to the email
 *   address (the address is in `AutoVerifiedAttributes`); cognito-local does not. Here
 *   ConfirmSignUp does, and ResendConfirmationCode (which cognito-local lacks) sends a new code.
 *
 * Loaded only by `startCognitoLocal`, so code that just signs users in never loads cognito-local.
 */
import type { Server } from 'node:http';
import { join } from 'node:path';
import Lambda from 'aws-sdk/clients/lambda.js';
import pino from 'pino';
import { InvalidParameterError, UserNotFoundError } from 'cognito-local/lib/errors.js';
import { loadConfig } from 'cognito-local/lib/server/config.js';
import { Router, type Route } from 'cognito-local/lib/server/Router.js';
import { createServer } from 'cognito-local/lib/server/server.js';
import { DateClock, LambdaService, TriggersService, type Messages, type Services } from 'cognito-local/lib/services/index.js';
import { CognitoServiceFactoryImpl, type CognitoService } from 'cognito-local/lib/services/cognitoService.js';
import type { Context } from 'cognito-local/lib/services/context.js';
import { CryptoService } from 'cognito-local/lib/services/crypto.js';
import { StormDBDataStoreFactory } from 'cognito-local/lib/services/dataStore/stormDb.js';
import { selectAppropriateDeliveryMethod } from 'cognito-local/lib/services/messageDelivery/deliveryMethod.js';
import type { DeliveryDetails } from 'cognito-local/lib/services/messageDelivery/messageDelivery.js';
import { otp } from 'cognito-local/lib/services/otp.js';
import { JwtTokenGenerator } from 'cognito-local/lib/services/tokenGenerator.js';
import { attribute, attributesAppend, attributeValue, UserPoolServiceFactoryImpl, type User } from 'cognito-local/lib/services/userPoolService.js';

/** One email the user pool sends: a verification code, as the pool's message template words it. */
export interface PoolEmail {
  to: string;
  subject: string;
  text: string;
  code: string;
  /** What asked for it: SignUp, ResendCode, ForgotPassword, … */
  source: string;
}

export interface EmulatorOptions {
  port: number;
  /** The `.cognito` directory: config.json and the pools' data under db/. */
  configDir: string;
  sendEmail?: (email: PoolEmail) => Promise<void> | void;
}

/** The code-delivery hook: renders the pool's verification message and sends it by email. */
class PoolMessages implements Messages {
  constructor(
    private readonly cognito: CognitoService,
    private readonly sendEmail: EmulatorOptions['sendEmail'],
  ) {}

  async deliver(ctx: Context, source: string, _clientId: string | null, userPoolId: string, _user: User, code: string, _meta: unknown, details: DeliveryDetails) {
    if (details.DeliveryMedium !== 'EMAIL' || !this.sendEmail) return;
    const pool = (await this.cognito.getUserPool(ctx, userPoolId)).options;
    const template = pool.VerificationMessageTemplate;
    const subject = template?.EmailSubject ?? pool.EmailVerificationSubject ?? 'Your verification code';
    const text = (template?.EmailMessage ?? pool.EmailVerificationMessage ?? 'Your verification code is {####}').replace('{####}', code);
    await this.sendEmail({ to: details.Destination, subject, text, code, source });
  }
}

/** After a successful ConfirmSignUp, the email the code went to is verified, as on Cognito. */
function confirmSignUpVerifyingEmail(confirm: Route, cognito: CognitoService): Route {
  return async (ctx, req: { ClientId: string; Username: string }) => {
    const result = await confirm(ctx, req);
    const pool = await cognito.getUserPoolForClientId(ctx, req.ClientId);
    const user = await pool.getUserByUsername(ctx, req.Username);
    if (user && pool.options.AutoVerifiedAttributes?.includes('email') && attributeValue('email', user.Attributes)) {
      await pool.saveUser(ctx, { ...user, Attributes: attributesAppend(user.Attributes, attribute('email_verified', 'true')) });
    }
    return result;
  };
}

/** ResendConfirmationCode, as Cognito answers it: a new code to an unconfirmed user's address. */
function resendConfirmationCode(services: Services): Route {
  return async (ctx, req: { ClientId: string; Username: string; ClientMetadata?: Record<string, string> }) => {
    const pool = await services.cognito.getUserPoolForClientId(ctx, req.ClientId);
    const user = await pool.getUserByUsername(ctx, req.Username);
    if (!user) throw new UserNotFoundError();
    if (user.UserStatus === 'CONFIRMED') throw new InvalidParameterError('User is already confirmed.');
    const details = selectAppropriateDeliveryMethod(pool.options.AutoVerifiedAttributes ?? [], user);
    if (!details) throw new InvalidParameterError('User has no attribute matching desired auto verified attributes');
    const code = services.otp();
    await pool.saveUser(ctx, { ...user, ConfirmationCode: code });
    await services.messages.deliver(ctx, 'ResendCode', req.ClientId, pool.options.Id, user, code, req.ClientMetadata, details);
    return { CodeDeliveryDetails: details };
  };
}

/** Starts the emulator on 127.0.0.1:`port`; resolves once it listens. */
export async function startEmulator(options: EmulatorOptions): Promise<Server> {
  const logger = pino({ level: process.env.COGNITO_LOCAL_DEBUG ? 'debug' : 'error' });
  const ctx: Context = { logger };
  const config = await loadConfig(ctx, new StormDBDataStoreFactory(options.configDir));
  // Set here, not from PORT/HOST: those belong to the process that embeds the emulator.
  config.ServerConfig = { port: options.port, hostname: '127.0.0.1', https: false, development: false };
  config.TokenConfig = { ...config.TokenConfig, IssuerDomain: `http://127.0.0.1:${options.port}` };
  const dataDir = join(options.configDir, 'db');
  const clock = new DateClock();
  const dataStores = new StormDBDataStoreFactory(dataDir);
  const cognito = await new CognitoServiceFactoryImpl(dataDir, dataStores, new UserPoolServiceFactoryImpl(clock, dataStores)).create(ctx, config.UserPoolDefaults);
  const triggers = new TriggersService(clock, cognito, new LambdaService(config.TriggerFunctions, new Lambda(config.LambdaClient)), new CryptoService(config.KMSConfig));
  const services: Services = {
    clock,
    cognito,
    config,
    messages: new PoolMessages(cognito, options.sendEmail),
    otp,
    tokenGenerator: new JwtTokenGenerator(clock, triggers, config.TokenConfig),
    triggers,
  };
  const routes = Router(services);
  const router = (target: string): Route => {
    if (target === 'ConfirmSignUp') return confirmSignUpVerifyingEmail(routes(target), cognito);
    if (target === 'ResendConfirmationCode') return resendConfirmationCode(services);
    return routes(target);
  };
  return (await createServer(router, logger, config.ServerConfig, services).start()) as Server;
}

import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from './context.js';
import { forbidden, type ProblemCode } from './problem.js';
import { validate } from './validate.js';

/** Who may call an operation; the handler enforces it, the document and the docs page say it. */
export type Auth =
  | 'public'
  | 'signed-in'
  | 'platform-admin'
  | 'member'
  | 'school-member'
  | 'school-leader'
  | 'school-placements'
  | 'partner-member'
  | 'org-admin'
  | 'party';

export const AUTH_WORDS: Record<Auth, string> = {
  public: 'no sign-in',
  'signed-in': 'anyone signed in',
  'platform-admin': 'a platform administrator',
  member: 'a member of the organisation',
  'school-member': "a member of the school (careers leader or staff)",
  'school-leader': "the school's careers leader",
  'school-placements': "the school's careers leader or placement coordinator",
  'partner-member': 'a member of the provider or employer',
  'org-admin': "the organisation's careers leader or admin",
  party: 'a member of the school or of the requester',
};

/**
 * One route, declared once: what it takes (path parameters, query, JSON body), what it answers,
 * the rule and state codes of the problems it can answer with, and who may call it. The method
 * and path are the Hono registration's own; the middleware validates the inputs (problem+json
 * naming each bad field) and carries the declaration for the OpenAPI document and the docs page.
 */
export interface RouteDeclaration {
  operationId: string;
  summary: string;
  tag: string;
  auth: Auth;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: {
    status?: 200 | 201 | 202;
    schema: z.ZodType;
    description?: string;
    /** application/json unless said otherwise. */
    contentType?: string;
  };
  /** The `errors[].code` values this operation can answer with, besides field errors. */
  problems?: readonly ProblemCode[];
  /** Send `Idempotency-Key` to make a retry safe. */
  idempotent?: boolean;
  /** For people signed in only (their own account, invitations, new organisations, key management): API keys get 403. */
  people?: true;
}

/** What an API key may not do, checked before anything else the route does. */
function checkApiKey(c: Parameters<MiddlewareHandler<AppEnv>>[0], declaration: RouteDeclaration): void {
  const key = c.get('caller')?.apiKey;
  if (!key) return;
  if (declaration.people) throw forbidden('This is for people signed in to Schoolgate, not API keys.');
  if (!['GET', 'HEAD'].includes(c.req.method) && key.scope !== 'read-write') throw forbidden('This API key may only read; create a read-write key to make changes.');
}

export const DECLARATION: unique symbol = Symbol.for('schoolgate.route-declaration');

type InputOf<T, Target extends 'param' | 'query' | 'json'> = T extends z.ZodType
  ? { in: { [K in Target]: z.input<T> }; out: { [K in Target]: z.output<T> } }
  : {};

type Declared<D extends RouteDeclaration> = MiddlewareHandler<
  AppEnv,
  string,
  InputOf<D['params'], 'param'> & InputOf<D['query'], 'query'> & InputOf<D['body'], 'json'>
> & { readonly [DECLARATION]: D };

/**
 * The route's declaration as its first middleware.
 *
 * @example
 * app.post('/schools/:id/slots', route({ operationId: 'publishSlot', params, body: slotInput, response: { status: 201, schema: slot }, ... }), (c) => ...)
 */
export function route<const D extends RouteDeclaration>(declaration: D): Declared<D> {
  const chain: MiddlewareHandler[] = [
    ...(declaration.params ? [validate('param', declaration.params) as unknown as MiddlewareHandler] : []),
    ...(declaration.query ? [validate('query', declaration.query) as unknown as MiddlewareHandler] : []),
    ...(declaration.body ? [validate('json', declaration.body) as unknown as MiddlewareHandler] : []),
  ];
  const middleware: MiddlewareHandler = async (c, next) => {
    checkApiKey(c as never, declaration);
    const run = async (index: number): Promise<void> => {
      if (index === chain.length) return next();
      await chain[index]!(c, () => run(index + 1));
    };
    await run(0);
  };
  return Object.assign(middleware, { [DECLARATION]: declaration }) as unknown as Declared<D>;
}

export const declarationOf = (handler: unknown): RouteDeclaration | undefined =>
  typeof handler === 'function' ? (handler as { [DECLARATION]?: RouteDeclaration })[DECLARATION] : undefined;

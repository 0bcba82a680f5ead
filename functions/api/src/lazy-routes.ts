import { Hono, type Context, type ErrorHandler, type MiddlewareHandler, type Next } from 'hono';
import type { AppEnv } from './context.js';
import { ROUTE_GROUPS } from './route-groups.js';
import { ROUTE_MANIFEST } from './route-manifest.js';

type Loaders = Record<string, () => Promise<Hono<AppEnv, any, any>>>;

/**
 * Registers every route of the manifest on `app`, each with a handler that loads its route group
 * on the group's first request and then runs that group's handlers for the same method and path
 * (the `route({...})` declaration middleware first, so validation and API-key checks are
 * unchanged) with the request's own Context: `deps`, `caller`, `requestId` and the params are the
 * ones the app's middleware set. Errors are answered by `onError` at the handler that threw, as
 * Hono's own compose does, so a middleware that wraps `next()` sees what it saw before.
 *
 * @example
 * registerLazyRoutes(app, onError); // before app.all('/v1/*', notFound)
 */
export function registerLazyRoutes(
  app: Hono<AppEnv>,
  onError: ErrorHandler<AppEnv>,
  manifest: readonly (readonly [method: string, path: string, group: string])[] = ROUTE_MANIFEST,
  groups: Loaders = ROUTE_GROUPS,
): void {
  const mounted = new Map<string, Promise<Hono<AppEnv>>>();
  const groupAt = (group: string): Promise<Hono<AppEnv>> => {
    let loading = mounted.get(group);
    if (!loading) {
      const load = groups[group];
      if (!load) throw new Error(`No route group ${group}`);
      loading = load().then((routes) => {
        const at = new Hono<AppEnv>().route('/v1', routes);
        const middleware = at.routes.filter((r) => r.method === 'ALL' || r.path.includes('*'));
        // A group's own app.use() would need matching by pattern here; no group has one.
        if (middleware.length) throw new Error(`Route group ${group} registers middleware (${middleware.map((r) => `${r.method} ${r.path}`).join(', ')}): lazy-routes.ts runs routes by exact method and path`);
        return at;
      });
      // A failed load is tried again by the next request rather than remembered.
      loading.catch(() => mounted.delete(group));
      mounted.set(group, loading);
    }
    return loading;
  };

  for (const [method, path, group] of manifest) {
    let handlers: MiddlewareHandler<AppEnv>[] | undefined;
    app.on(method, path, async (c, next) => {
      if (!handlers) {
        const found = (await groupAt(group)).routes.filter((r) => r.method === method && r.path === path).map((r) => r.handler as MiddlewareHandler<AppEnv>);
        if (!found.length) throw new Error(`Route group ${group} serves no ${method} ${path}: the route manifest is stale (npx tsx scripts/route-manifest.ts)`);
        handlers = found;
      }
      await runHandlers(handlers, c, next, onError);
    });
  }
}

/**
 * Hono's compose (hono/dist/compose.js) for one route's handlers inside the handler that loaded
 * them, less one step: it leaves `c.req.routeIndex` alone, so `c.req.param()` reads this route's
 * params from the app's own match.
 */
async function runHandlers(handlers: readonly MiddlewareHandler<AppEnv>[], c: Context<AppEnv>, next: Next, onError: ErrorHandler<AppEnv>): Promise<void> {
  let index = -1;
  const dispatch = async (i: number): Promise<void> => {
    if (i <= index) throw new Error('next() called multiple times');
    index = i;
    const handler: MiddlewareHandler<AppEnv> = handlers[i] ?? next;
    let res: unknown;
    let isError = false;
    try {
      res = await handler(c, () => dispatch(i + 1));
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      c.error = error;
      res = await onError(error, c);
      isError = true;
    }
    if (res instanceof Response && (!c.finalized || isError)) c.res = res;
  };
  await dispatch(0);
}

import { Hono } from 'hono';
import type { AppEnv } from './context.js';
import { integrations } from './routes/integrations.js';
import { arranging } from './routes/arranging.js';
import { bookings } from './routes/bookings.js';
import { compliance } from './routes/compliance.js';
import { directory } from './routes/directory.js';
import { health } from './routes/health.js';
import { notifications } from './routes/notifications.js';
import { offers } from './routes/offers.js';
import { openapi } from './routes/openapi.js';
import { organisations } from './routes/organisations.js';
import { proposals } from './routes/proposals.js';
import { reschedule } from './routes/reschedule.js';
import { publicPolicy, schoolSetup } from './routes/school-setup.js';
import { slots } from './routes/slots.js';
import { safetyPacks } from './routes/safety-pack.js';
import { workExperience } from './routes/work-experience.js';
import { reports } from './routes/reports.js';
import { trusts } from './routes/trusts.js';
import { gias } from './routes/gias.js';

/*
 * The eager chain of every route group. The running app never imports this file statically
 * (app.ts registers each route from route-manifest.ts and loads its group on first use, see
 * lazy-routes.ts): it gives the web app its client types, the OpenAPI document and the docs page
 * their declarations (at build time: scripts/openapi.ts), and the manifest its source
 * (scripts/route-manifest.ts).
 */

/**
 * Every route under /v1, chained so that its type carries each route's inputs and answers: the
 * web app's client types are inferred from it (`hc<ApiRoutes>`), never written by hand.
 */
export const v1Routes = () =>
  new Hono<AppEnv>()
    .route('/', health)
    .route('/', publicPolicy)
    .route('/', organisations)
    .route('/', schoolSetup)
    .route('/', slots)
    .route('/', bookings)
    .route('/', compliance)
    .route('/', notifications)
    .route('/', proposals)
    .route('/', offers)
    .route('/', safetyPacks)
    .route('/', workExperience)
    .route('/', reports)
    .route('/', trusts)
    .route('/', gias)
    .route('/', integrations)
    .route('/', arranging)
    .route('/', reschedule)
    .route('/', directory)
    .route('/', openapi);

/** The type of the /v1 routes, for a typed client: `hc<ApiRoutes>('/v1')`. */
export type ApiRoutes = ReturnType<typeof v1Routes>;

/**
 * Every route group mounted at /v1, as the app served them before groups were loaded lazily: its
 * `.routes` carry each route's `route({...})` declaration, which the OpenAPI document reads.
 *
 * @example
 * const doc = openApiDocument(documentedRoutes());
 */
export function documentedRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().route('/v1', v1Routes());
}

import type { Hono } from 'hono';
import type { AppEnv } from './context.js';

/**
 * Each route group, loaded on its first request (lazy-routes.ts). A dynamic import: esbuild keeps
 * each group (and the contracts and use cases only it needs) behind a lazily run wrapper, so a cold
 * start neither evaluates nor compiles a group until a request needs it. The order is the eager
 * chain's (v1.ts `v1Routes`); test/api/route-manifest.test.ts checks both name the same routes.
 */
export const ROUTE_GROUPS = {
  health: () => import('./routes/health.js').then((m) => m.health),
  publicPolicy: () => import('./routes/school-setup.js').then((m) => m.publicPolicy),
  organisations: () => import('./routes/organisations.js').then((m) => m.organisations),
  schoolSetup: () => import('./routes/school-setup.js').then((m) => m.schoolSetup),
  slots: () => import('./routes/slots.js').then((m) => m.slots),
  bookings: () => import('./routes/bookings.js').then((m) => m.bookings),
  compliance: () => import('./routes/compliance.js').then((m) => m.compliance),
  notifications: () => import('./routes/notifications.js').then((m) => m.notifications),
  proposals: () => import('./routes/proposals.js').then((m) => m.proposals),
  offers: () => import('./routes/offers.js').then((m) => m.offers),
  safetyPacks: () => import('./routes/safety-pack.js').then((m) => m.safetyPacks),
  workExperience: () => import('./routes/work-experience.js').then((m) => m.workExperience),
  reports: () => import('./routes/reports.js').then((m) => m.reports),
  trusts: () => import('./routes/trusts.js').then((m) => m.trusts),
  gias: () => import('./routes/gias.js').then((m) => m.gias),
  integrations: () => import('./routes/integrations.js').then((m) => m.integrations),
  arranging: () => import('./routes/arranging.js').then((m) => m.arranging),
  reschedule: () => import('./routes/reschedule.js').then((m) => m.reschedule),
  directory: () => import('./routes/directory.js').then((m) => m.directory),
  // Built at build time (openapi-source.ts): served as it is, with no zod and no other group.
  openapi: () => import('./routes/openapi-served.js').then((m) => m.openapiServed),
} satisfies Record<string, () => Promise<Hono<AppEnv, any, any>>>;

export type RouteGroup = keyof typeof ROUTE_GROUPS;

/** One route the app serves: its method, its path as Hono registers it under /v1, and the group that serves it. */
export type RouteEntry = readonly [method: string, path: string, group: RouteGroup];

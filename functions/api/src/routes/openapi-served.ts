import { Hono, type Context } from 'hono';
import type { AppEnv } from '../context.js';
import { DOCS_PAGE, OPENAPI_DOCUMENT } from '../openapi-document.js';

/*
 * What the running API loads for /v1/openapi.json and /v1/docs (route-groups.ts): the document
 * and the page as built at build time, served as they are. No route group, no contracts, no zod:
 * both routes are public and take no input, so their declarations (routes/openapi.ts) have
 * nothing to check.
 */

export const serveDocument = (c: Context<AppEnv>) => c.body(OPENAPI_DOCUMENT, 200, { 'content-type': 'application/json' });
export const serveDocsPage = (c: Context<AppEnv>) => c.html(DOCS_PAGE);

export const openapiServed = new Hono<AppEnv>().get('/openapi.json', serveDocument).get('/docs', serveDocsPage);

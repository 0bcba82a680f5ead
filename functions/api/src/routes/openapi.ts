import { Hono } from 'hono';
// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import type { AppEnv } from '../context.js';
import { route } from '../declare.js';
import { serveDocsPage, serveDocument } from './openapi-served.js';

/**
 * The document and the docs page, declared for the eager chain (v1.ts: the client types and the
 * document itself). Both serve what openapi-document.ts holds, built at build time
 * (openapi-source.ts); the running API loads openapi-served.ts instead, which needs no zod.
 */
export const openapi = new Hono<AppEnv>()
  .get(
    '/openapi.json',
    route({
      operationId: 'getOpenApiDocument',
      summary: 'This document (OpenAPI 3.1)',
      tag: 'Platform',
      auth: 'public',
      response: { schema: z.looseObject({ openapi: z.literal('3.1.0'), paths: z.record(z.string(), z.unknown()) }) },
    }),
    serveDocument,
  )
  .get(
    '/docs',
    route({
      operationId: 'getDocsPage',
      summary: 'This API, readable (HTML)',
      tag: 'Platform',
      auth: 'public',
      response: { schema: z.string(), contentType: 'text/html' },
    }),
    serveDocsPage,
  );

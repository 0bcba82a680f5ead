/**
 * Writes functions/api/src/openapi-document.ts: the OpenAPI document and the docs page, built from
 * the route declarations (every group loaded), which /v1/openapi.json and /v1/docs serve as they
 * are. Run it after adding, changing or removing a route (with scripts/route-manifest.ts):
 *
 *   npm run openapi
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApiDocumentSource } from '@schoolgate/api/openapi';

const target = resolve(dirname(fileURLToPath(import.meta.url)), '../functions/api/src/openapi-document.ts');
const source = await openApiDocumentSource();
writeFileSync(target, source);
console.log(`OpenAPI document and docs page (${Math.round(source.length / 1024)} KB) written to ${target}`);

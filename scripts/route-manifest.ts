/**
 * Writes functions/api/src/route-manifest.ts: every route the API serves and the group that
 * serves it, read from the route groups. Run it after adding, moving or removing a route:
 *
 *   npx tsx scripts/route-manifest.ts
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { routeManifestEntries, routeManifestSource } from '@schoolgate/api/route-manifest';

const target = resolve(dirname(fileURLToPath(import.meta.url)), '../functions/api/src/route-manifest.ts');
const entries = await routeManifestEntries();
writeFileSync(target, routeManifestSource(entries));
console.log(`${entries.length} routes written to ${target}`);

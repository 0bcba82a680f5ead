import { Hono } from 'hono';
// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import { giasImportResult, giasSchool } from '@schoolgate/contracts';
import { giasSchoolFor, importGiasExtract } from '@schoolgate/usecases';
import { deps, requirePlatformAdmin, type AppEnv } from '../context.js';
import { invalid, notFound } from '../problem.js';
import { route } from '../declare.js';

/* Get Information about Schools (issue 14): the register's extract, imported by a platform admin. */

const urnParam = z.strictObject({ urn: z.string().regex(/^\d{6,7}$/, 'A URN is 6 or 7 digits') });

export const gias = new Hono<AppEnv>()
  .post(
    '/admin/gias/imports',
    route({
      operationId: 'importGiasExtract',
      summary: 'Import a Get Information about Schools CSV extract (the file as the request body, application/octet-stream or text/csv, Windows-1252 or UTF-8, at most 4 MB); one reference entry per URN, a re-import overwrites',
      tag: 'Platform admin',
      auth: 'platform-admin',
      response: { schema: giasImportResult },
      problems: ['RATE_LIMITED', 'STORE_UNAVAILABLE'],
    }),
    async (c) => {
      requirePlatformAdmin(c);
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (!bytes.length) throw invalid([{ field: 'csv', message: 'Choose the extract to upload' }]);
      return c.json(await importGiasExtract(deps(c), bytes));
    },
  )
  .get(
    '/gias/schools/:urn',
    route({ operationId: 'getGiasSchool', summary: "A school's entry on the register, to pre-fill its registration (name, phase, year groups, postcode, trust)", tag: 'Organisations', auth: 'signed-in', params: urnParam, response: { schema: giasSchool }, problems: ['STORE_UNAVAILABLE'] }),
    async (c) => {
      const found = await giasSchoolFor(deps(c).db, c.req.valid('param').urn);
      if (!found) throw notFound();
      return c.json(found);
    },
  );

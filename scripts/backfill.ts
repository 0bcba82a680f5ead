/**
 * `npm run backfill -- --table <name> [--endpoint <url>] [--region <r>] [--dry-run] [--concurrency N]
 * [--start-after <schoolId>] [--school <id> …]`: the one-off backfill of the keys later changes
 * introduced (docs/data-model.md, "Backfill"). Safe to run while the API serves traffic, and to
 * run again: a second run writes nothing. The storage work is `backfillTable` in
 * packages/store/src/backfill.ts; this file only reads the command line and prints.
 */
import { parseArgs } from 'node:util';
import { createDb } from '@schoolgate/store';
import { backfillSteps, backfillTable, summaryLine } from '@schoolgate/store/backfill';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const usage =
  'usage: npm run backfill -- --table <name> [--endpoint <url>] [--region <region>] [--dry-run] [--concurrency N (alias --segments N): schools at a time, default 4] [--start-after <schoolId>] [--school <id>]…';

const { values } = parseArgs({
  options: {
    table: { type: 'string' },
    endpoint: { type: 'string' },
    region: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    concurrency: { type: 'string', default: '4' },
    // The issue's wording: there is no Scan to split (the walk is per school), so it means the same.
    segments: { type: 'string' },
    'start-after': { type: 'string' },
    school: { type: 'string', multiple: true },
    help: { type: 'boolean', default: false },
  },
});

if (values.help || !values.table) {
  console.log(usage);
  console.log(`steps, in order, for each school:\n${backfillSteps.map((step) => `  ${step.name}: ${step.what}`).join('\n')}`);
  process.exit(values.help ? 0 : 2);
}
const concurrency = Number(values.segments ?? values.concurrency);
if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
  console.error(`--concurrency must be a whole number from 1 to 64 (got ${values.segments ?? values.concurrency})`);
  process.exit(2);
}

// The SDK's adaptive retry slows the client down when DynamoDB throttles (a bulk job on on-demand capacity).
const db = createDb({ tableName: values.table, endpoint: values.endpoint, region: values.region, retryMode: 'adaptive', maxAttempts: 10 });
const started = Date.now();
console.log(`backfill of ${values.table}${values.endpoint ? ` at ${values.endpoint}` : ''}${values['dry-run'] ? ' (dry run: nothing is written)' : ''}; steps: ${backfillSteps.map((step) => step.name).join(', ')}`);
const report = await backfillTable(db, {
  dryRun: values['dry-run'],
  concurrency,
  ...(values['start-after'] ? { startAfter: values['start-after'] } : {}),
  ...(values.school?.length ? { schoolIds: values.school } : {}),
  log: (line) => console.log(line),
});
console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${report.schools} schools; ${summaryLine(report)}${values['dry-run'] ? ' (would write)' : ''}`);
const stuck = Object.values(report.steps).reduce((n, c) => n + c.skipped + c.failed, 0);
process.exit(stuck > 0 ? 1 : 0);

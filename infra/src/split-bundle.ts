/**
 * Run by each function's afterBundling hook (function.ts `splitBundleHooks`), in the repository
 * root: builds the entry with the CDK's own esbuild options and code splitting into the asset
 * directory, replacing the single-file index.mjs NodejsFunction wrote (split-build.ts: with the
 * S3 client built apart, under the asset's node_modules).
 *
 *   tsx infra/src/split-bundle.ts functions/api/src/lambda.ts <asset output dir>
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { buildSplit } from './split-build.js';

const [entry, outdir] = process.argv.slice(2);
if (!entry || !outdir) throw new Error('usage: split-bundle.ts <entry> <outdir>');
const repoRoot = process.cwd();
rmSync(path.join(outdir, 'index.mjs'), { force: true });
await buildSplit(repoRoot, { entryPoints: [path.resolve(repoRoot, entry)] }, outdir, { logLevel: 'warning' });

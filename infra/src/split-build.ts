import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { esbuildOptions, SPLIT_BUILD } from './function.js';

/**
 * Modules built apart from the function's split build, each into one file of its own under the
 * asset's `node_modules` (so Node resolves the bare specifier from index.mjs and from every chunk
 * alike), and imported from there on first use.
 *
 * Why: esbuild splits by file, and a file goes into a chunk that a cold start loads whenever the
 * entry reaches it by static imports, used or not. The DynamoDB client reaches the AWS SDK's
 * protocol barrels (`@aws-sdk/core/protocols`, `@smithy/core`), which re-export the XML protocol,
 * checksums and streams that only S3 uses; in one split build S3 keeps those files live, so ~32 KB
 * of S3-only code was read and evaluated at every cold start of the API (docs/benchmarks.md).
 * Built apart, S3 carries its own copy of the SDK core, read on the first file operation.
 */
export const SEPARATE_MODULES: ReadonlyArray<{ source: string; specifier: string }> = [
  // The file store's S3 client and presigner (packages/store/src/files.ts imports it on first use).
  { source: 'packages/store/src/s3-operations.ts', specifier: '@schoolgate/s3-operations' },
];

/** Resolves each separate module's import (`./s3-operations.js`) to its bare specifier, external. */
function separateModulesPlugin(repoRoot: string, used: Set<string>): Plugin {
  const bySource = new Map(SEPARATE_MODULES.map((m) => [path.resolve(repoRoot, m.source), m]));
  return {
    name: 'separate-modules',
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind !== 'dynamic-import') return undefined;
        const module = bySource.get(path.resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts'));
        if (!module) return undefined;
        used.add(module.source);
        return { path: module.specifier, external: true };
      });
    },
  };
}

/**
 * Builds a function as it ships: the CDK's esbuild options with code splitting (`index.mjs` plus
 * `chunks/`), and each separate module it imports built on its own (see {@link SEPARATE_MODULES}).
 * Returns the esbuild metafile of both, merged.
 *
 * @example
 * await buildSplit(repoRoot, { entryPoints: ['functions/api/src/lambda.ts'] }, 'cdk.out/asset');
 */
export async function buildSplit(repoRoot: string, input: Pick<BuildOptions, 'entryPoints' | 'stdin'>, outdir: string, extra: BuildOptions = {}): Promise<Metafile> {
  const used = new Set<string>();
  const main = await build({ ...esbuildOptions(repoRoot), ...SPLIT_BUILD, ...extra, ...input, outdir, metafile: true, plugins: [separateModulesPlugin(repoRoot, used)] });
  const metafile: Metafile = { inputs: { ...main.metafile.inputs }, outputs: { ...main.metafile.outputs } };
  for (const module of SEPARATE_MODULES.filter((m) => used.has(m.source))) {
    const dir = path.join(outdir, 'node_modules', module.specifier);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: module.specifier, private: true, type: 'module', exports: './index.mjs' })}\n`);
    const built = await build({ ...esbuildOptions(repoRoot), ...extra, entryPoints: [path.resolve(repoRoot, module.source)], outfile: path.join(dir, 'index.mjs'), metafile: true });
    Object.assign(metafile.inputs, built.metafile.inputs);
    Object.assign(metafile.outputs, built.metafile.outputs);
  }
  return metafile;
}

/**
 * What a Lambda bundle evaluates at init: the modules its entry reaches by static imports alone
 * (a dynamic `import()` of a bundled module is a lazily run wrapper in esbuild's output, run on
 * first use), bundled with the CDK's own options, with each module's bytes in the output.
 *
 * Run alone: npx tsx scripts/bench/eager-graph.ts [entry] [path-substring-to-list]
 */
import { build } from 'esbuild';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cdkEsbuildOptions } from './cold-init.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface EagerGraph {
  /** Inputs (paths relative to the repository root) evaluated at init. */
  eager: Set<string>;
  /** Output bytes of each input in the bundle. */
  bytes: Map<string, number>;
}

/**
 * @example
 * const { eager } = await eagerGraph('functions/api/src/lambda.ts');
 * eager.has('functions/api/src/routes/slots.ts'); // false
 */
export async function eagerGraph(entry: string): Promise<EagerGraph> {
  const result = await build({ ...cdkEsbuildOptions(), entryPoints: [resolve(REPO_ROOT, entry)], outdir: '/tmp/unused-eager-graph', write: false, metafile: true });
  const { inputs, outputs } = result.metafile;
  const eager = new Set<string>([entry]);
  const stack = [entry];
  while (stack.length) {
    for (const edge of inputs[stack.pop()!]?.imports ?? []) {
      if (edge.kind === 'dynamic-import' || edge.external || eager.has(edge.path)) continue;
      eager.add(edge.path);
      stack.push(edge.path);
    }
  }
  const bytes = new Map<string, number>();
  for (const output of Object.values(outputs)) for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) bytes.set(file, (bytes.get(file) ?? 0) + bytesInOutput);
  return { eager, bytes };
}

const packageOf = (file: string) => {
  const tail = file.split('node_modules/').pop()!;
  if (tail !== file) return tail.split('/').slice(0, tail.startsWith('@') ? 2 : 1).join('/');
  return file.split('/').slice(0, file.startsWith('packages/') ? 2 : 3).join('/');
};

const isEntryPoint = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) {
  const entry = process.argv[2] ?? 'functions/api/src/lambda.ts';
  const { eager, bytes } = await eagerGraph(entry);
  let eagerBytes = 0;
  let lazyBytes = 0;
  const byPackage = new Map<string, number>();
  for (const [file, n] of bytes) {
    if (!eager.has(file)) {
      lazyBytes += n;
      continue;
    }
    eagerBytes += n;
    byPackage.set(packageOf(file), (byPackage.get(packageOf(file)) ?? 0) + n);
  }
  console.log(`${entry}: evaluated at init ${(eagerBytes / 1024).toFixed(0)} KB, on first use ${(lazyBytes / 1024).toFixed(0)} KB`);
  for (const [name, n] of [...byPackage].sort((a, b) => b[1] - a[1])) if (n > 1024) console.log(`  ${(n / 1024).toFixed(1).padStart(7)} KB  ${name}`);
  const pattern = process.argv[3];
  if (pattern) for (const file of eager) if (file.includes(pattern)) console.log(`  eager: ${file}`);
}

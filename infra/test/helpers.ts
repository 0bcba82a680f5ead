import { Template } from 'aws-cdk-lib/assertions';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp, REPO_ROOT, type BuiltApp } from '../src/app.js';

export interface Synthesised extends BuiltApp {
  readonly template: Template;
  readonly outdir: string;
}

const cache = new Map<string, Synthesised>();

/** The same context (feature flags, defaults) the CLI gets from cdk.json. */
export const CDK_JSON_CONTEXT = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;

/**
 * Builds and synthesises the real app for a stage with bundling skipped (no esbuild run), into a
 * private temp dir so parallel test files do not share cdk.out.
 */
export function synthStage(stage: 'dev' | 'prod', extraContext: Record<string, unknown> = {}): Synthesised {
  const key = JSON.stringify([stage, extraContext]);
  const cached = cache.get(key);
  if (cached) return cached;
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `schoolgate-infra-${stage}-`));
  const built = buildApp({
    outdir,
    requireWebDist: false,
    context: { ...CDK_JSON_CONTEXT, stage, 'aws:cdk:bundling-stacks': [], ...extraContext },
  });
  const template = Template.fromStack(built.stack);
  const result = { ...built, template, outdir };
  cache.set(key, result);
  return result;
}

type Resources = Record<string, { Type: string; Properties?: Record<string, any>; [k: string]: any }>;

/** The one resource of a type whose logical id starts with the given construct-path prefix. */
export function resourceByPrefix(template: Template, type: string, prefix: string): { id: string; props: Record<string, any>; resource: Resources[string] } {
  const matches = Object.entries(template.findResources(type) as Resources).filter(([id]) => id.startsWith(prefix));
  if (matches.length !== 1) {
    throw new Error(`expected one ${type} with logical id ${prefix}*, found ${matches.map(([id]) => id).join(', ') || 'none'}`);
  }
  const [id, resource] = matches[0]!;
  return { id, props: resource.Properties ?? {}, resource };
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

/** Every statement in the inline policies attached to the role with the given logical-id prefix. */
export function statementsForRole(template: Template, rolePrefix: string): Statement[] {
  const role = resourceByPrefix(template, 'AWS::IAM::Role', rolePrefix);
  const policies = Object.values(template.findResources('AWS::IAM::Policy') as Resources).filter((p) =>
    (p.Properties?.Roles as Array<{ Ref?: string }> | undefined)?.some((r) => r.Ref === role.id),
  );
  const inline = ((role.props.Policies ?? []) as Array<{ PolicyDocument: { Statement: Statement[] } }>).flatMap(
    (p) => p.PolicyDocument.Statement,
  );
  return [...inline, ...policies.flatMap((p) => p.Properties!.PolicyDocument.Statement as Statement[])];
}

export function actionsOf(statements: Statement[]): string[] {
  return statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}

export function managedPolicyArnsOfRole(template: Template, rolePrefix: string): unknown[] {
  return (resourceByPrefix(template, 'AWS::IAM::Role', rolePrefix).props.ManagedPolicyArns as unknown[]) ?? [];
}

import openapiTS, { astToString } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import { createApp } from '@schoolgate/api';
import type { Db } from '@schoolgate/store';

/**
 * The document must serve a real client generator: every operation named, every success answer
 * typed. The document is read from the app itself (no table needed to serve it).
 */
describe('the OpenAPI document, as a generator reads it', () => {
  const app = createApp({
    db: { tableName: 'unused', doc: undefined as never } as Db,
    verifier: { verify: async () => Promise.reject(new Error('no sign-in here')) },
    now: () => new Date('2026-12-03T09:00:00Z'),
    newId: () => 'id',
    webBaseUrl: 'http://127.0.0.1:3000',
  });

  async function document() {
    const res = await app.request('/v1/openapi.json');
    expect(res.status).toBe(200);
    return (await res.json()) as { paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>> };
  }

  it('names every operation once and declares a schema for each success answer', async () => {
    const doc = await document();
    const missing: string[] = [];
    const ids = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        const where = `${method.toUpperCase()} ${path}`;
        if (!operation.operationId) missing.push(`${where}: no operationId`);
        else if (ids.has(operation.operationId)) missing.push(`${where}: operationId ${operation.operationId} used twice`);
        else ids.add(operation.operationId);
        const successes = Object.entries(operation.responses ?? {}).filter(([status]) => status.startsWith('2'));
        if (!successes.length) missing.push(`${where}: no success response`);
        for (const [status, response] of successes) {
          if (status === '204') continue;
          const typed = Object.values(response.content ?? {}).some((media) => media.schema !== undefined);
          if (!typed) missing.push(`${where} ${status}: no schema`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('gives openapi-typescript a type for every success answer, named by its operationId', async () => {
    const types = astToString(await openapiTS(JSON.stringify(await document())));
    // A success answer with no schema comes out as `200: { headers: …; content?: never; }`.
    const lines = types.split('\n');
    const untyped: string[] = [];
    lines.forEach((line, i) => {
      if (!/^\s*20[0-9]: \{$/.test(line) || /^\s*204: \{$/.test(line)) return;
      const block = lines.slice(i, i + 6).join(' ');
      if (/content\?: never|"[^"]+": unknown/.test(block)) untyped.push(`line ${i + 1}: ${line.trim()}`);
    });
    expect(untyped).toEqual([]);
    // With operationIds the generator emits a named `operations` interface clients use.
    expect(types).toContain('export interface operations');
    // Files are declared with their own media type, typed as text, not as JSON or unknown.
    expect(types).toMatch(/"text\/calendar": string;/);
    expect(types).toMatch(/"text\/html": string;/);
  });

  it('declares every success answer with a concrete media type and a schema that says something', async () => {
    const doc = await document();
    const vague: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        for (const [status, response] of Object.entries(operation.responses ?? {})) {
          if (!status.startsWith('2')) continue;
          for (const [media, { schema }] of Object.entries(response.content ?? {})) {
            const where = `${method.toUpperCase()} ${path} ${status} ${media}`;
            if (!/^[a-z]+\/[a-z0-9.+-]+$/.test(media) || media.includes('*')) vague.push(`${where}: not a concrete media type`);
            const s = (schema ?? {}) as { type?: unknown; $ref?: unknown; anyOf?: unknown; oneOf?: unknown; allOf?: unknown };
            // An empty schema is `unknown` to every generator.
            if (!s.type && !s.$ref && !s.anyOf && !s.oneOf && !s.allOf) vague.push(`${where}: empty schema`);
            // A bare string declared as JSON is a file (an .ics, a CSV) declared with the wrong media type.
            if (media === 'application/json' && s.type === 'string') vague.push(`${where}: a string declared as JSON`);
          }
        }
      }
    }
    expect(vague).toEqual([]);
  });
});

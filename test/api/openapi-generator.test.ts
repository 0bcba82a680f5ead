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
  });
});

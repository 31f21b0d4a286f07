/**
 * Every operation of the API comes from a contract (src/contracts): /openapi.json gives each one an
 * operation id `context.name` and its context as the only tag, declared with a description. A route
 * registered with an inline schema would show up here without them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/app.ts';

interface OpenApiDocument {
  tags: { name: string; description?: string }[];
  paths: Record<string, Record<string, { operationId?: string; tags?: string[] }>>;
}

describe('the API contract', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  beforeAll(async () => {
    t = await createTestApp('pglite');
    doc = (await t.app.inject('/openapi.json')).json();
  });
  afterAll(async () => t?.close());

  it('names every operation context.name and tags it with its context', () => {
    const problems: string[] = [];
    const ids = new Map<string, string>();
    for (const [path, methods] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(methods)) {
        const where = `${method.toUpperCase()} ${path}`;
        const id = op.operationId ?? '';
        if (!/^[a-z][a-z0-9]*\.[a-zA-Z][a-zA-Z0-9]*$/.test(id))
          problems.push(`${where}: operation id "${id}"`);
        else if (JSON.stringify(op.tags) !== JSON.stringify([id.split('.')[0]]))
          problems.push(`${where}: tags ${JSON.stringify(op.tags)} for ${id}`);
        if (ids.has(id)) problems.push(`${where}: operation id ${id} also used by ${ids.get(id)}`);
        ids.set(id, where);
      }
    expect(problems).toEqual([]);
    expect(ids.size).toBeGreaterThan(150);
  });

  it('declares each context tag once, with a description', () => {
    const used = new Set(
      Object.values(doc.paths).flatMap((methods) => Object.values(methods).flatMap((op) => op.tags ?? [])),
    );
    const declared = new Map(doc.tags.map((tag) => [tag.name, tag.description ?? '']));
    expect([...used].filter((tag) => !declared.get(tag))).toEqual([]);
    expect([...declared.keys()].filter((tag) => !used.has(tag))).toEqual([]);
  });
});

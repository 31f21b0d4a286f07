import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { nulAt } from './nul-guard.ts';

describe('nulAt', () => {
  it.each([
    ['plain', { a: 'ok', b: ['x', 'y\u0000'] }, 'body.b.1'],
    ['a key', { 'k\u0000': 1 }, 'body.k\u0000'],
    ['deep', { a: { b: { c: '\u0000' } } }, 'body.a.b.c'],
    ['none', { a: 'Nguyễn', b: [1, null, true] }, null],
    ['a string', 'x\u0000y', 'body'],
  ])('%s', (_name, value, where) => {
    expect(nulAt(value, 'body')).toBe(where);
  });

  it('leaves a streamed body alone, at once (walking a stream would block the event loop)', () => {
    const stream = Readable.from(['{"a":"\u0000"}\n']);
    const started = performance.now();
    expect(nulAt(stream, 'body')).toBeNull();
    expect(performance.now() - started).toBeLessThan(50);
  });
});

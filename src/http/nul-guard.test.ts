import { Readable } from 'node:stream';
import Fastify, { type InjectOptions } from 'fastify';

import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.ts';
import { nulAt, refuseNul } from './nul-guard.ts';

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

describe('refuseNul in a Fastify app', () => {
  // The fuzzer found `?unit=%00` answered 500: Fastify's parsed query is not a plain object, and the
  // guard had skipped it as if it were a stream. Each place a NUL can arrive is sent for real here.
  const app = Fastify();
  app.addHook('preValidation', refuseNul);
  app.setErrorHandler((error: Error, _request, reply) =>
    reply.status(error instanceof AppError ? error.status : 500).send({ message: error.message }),
  );
  const echo = async () => ({ ok: true });
  app.get('/q', echo);
  app.get('/p/:id', echo);
  app.post('/b', echo);

  it.each([
    ['a query value', { method: 'GET', url: '/q?year=2097&unit=%14%00' }, 'querystring.unit'],
    ['a query key', { method: 'GET', url: '/q?a%00=1' }, 'querystring.a\u0000'],
    ['a path parameter', { method: 'GET', url: '/p/ab%00c' }, 'params.id'],
    ['a JSON body', { method: 'POST', url: '/b', payload: { a: ['x', 'y\u0000'] } }, 'body.a.1'],
  ] as const)('refuses %s with a 400 naming the field', async (_name, request, where) => {
    const res = await app.inject(request as InjectOptions);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain(where);
  });

  it('lets clean requests through', async () => {
    expect((await app.inject({ url: '/q?unit=AG&year=2026' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/b', payload: { a: 'Nguyễn' } })).statusCode).toBe(200);
  });
});

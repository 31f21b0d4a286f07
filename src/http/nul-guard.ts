/**
 * PostgreSQL text cannot hold the NUL character: a "\u0000" that reaches a query fails it with a
 * 500. No field of ours has a use for it, so a request carrying one in its path, query or JSON body
 * is refused up front with a 400 naming the field (found by the fuzzer, issue 14 §7).
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../domain/errors.ts';

/** The path of the first string holding a NUL, or null. Bounded depth: bodies are at most 1 MB. */
export function nulAt(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (!value || typeof value !== 'object' || depth > 32) return null;
  // Only parsed JSON and query objects: a streamed body (the NDJSON import) is left to its route,
  // and walking a stream's internals would block the event loop.
  if (!Array.isArray(value) && !isPlainRecord(value)) return null;
  for (const [key, child] of Object.entries(value)) {
    const where = key.includes('\u0000') ? `${path}.${key}` : nulAt(child, `${path}.${key}`, depth + 1);
    if (where) return where;
  }
  return null;
}

/**
 * JSON.parse gives Object.prototype; Fastify's query parser gives an object whose prototype is an
 * empty null-prototype object (no inherited keys); a stream or a Buffer has a class chain.
 */
function isPlainRecord(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
}

export async function refuseNul(request: FastifyRequest): Promise<void> {
  const where =
    nulAt(request.params, 'params') ?? nulAt(request.query, 'querystring') ?? nulAt(request.body, 'body');
  if (where)
    throw new AppError(400, 'validation_failed', `${where}: ký tự NUL không được phép`, [
      { path: where.replace(/^(params|querystring|body)\./, ''), message: 'Ký tự NUL không được phép' },
    ]);
}

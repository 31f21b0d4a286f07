/**
 * The typed client: `endpoint<typeof calendar.days>('GET /calendar/days')` is a function that takes
 * the contract's input and resolves to the contract's output. The contract is imported as a type
 * only, so the browser loads no schema code; the route string is checked by `tsc` against the
 * contract's own, so a page cannot call a path the contract does not have.
 */
import type { InputOf, Operation, OutputOf } from '../../../src/contracts/operation';
import { api, type QueryValue } from './client';

export interface CallOptions {
  signal?: AbortSignal;
  /** Extra request headers (e.g. `Idempotency-Key`). */
  headers?: Record<string, string>;
}

type Args<O> =
  Record<string, never> extends InputOf<O>
    ? [input?: InputOf<O>, options?: CallOptions]
    : [input: InputOf<O>, options?: CallOptions];

/** `/dossiers/:code` with `{ code: 'X/1' }` → `/dossiers/X%2F1`; a missing parameter is an error. */
export function fillPath(path: string, params: Record<string, unknown> = {}): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null || value === '')
      throw new Error(`Missing path parameter "${name}" for ${path}`);
    return encodeURIComponent(String(value));
  });
}

export function endpoint<O extends Operation>(route: O['route']) {
  const space = route.indexOf(' ');
  const method = route.slice(0, space) as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  const path = route.slice(space + 1);
  return (...[input, options]: Args<O>): Promise<OutputOf<O>> => {
    const { params, query, body } = (input ?? {}) as {
      params?: Record<string, unknown>;
      query?: Record<string, QueryValue>;
      body?: unknown;
    };
    return api<OutputOf<O>>(fillPath(path, params), {
      method,
      query,
      body,
      signal: options?.signal,
      headers: options?.headers,
    });
  };
}

/**
 * The API contract, written once. Each operation is a route (`GET /calendar/days`) and its Fastify
 * schema of zod types: the server validates and serialises with it and generates /openapi.json from
 * it; the web app takes its types from it (`InputOf`, `OutputOf`) through a type-only import, so no
 * schema code reaches the browser. A field changed here breaks `tsc` on both sides.
 *
 * A context's contract is `defineContract('calendar', { days: operation('GET /calendar/days', …) })`:
 * the context names the OpenAPI tag and prefixes the operation id (`calendar.days`).
 */
import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** `METHOD /path/:param`, the path as registered under its prefix (`/api/v1` for the app's API). */
export type Route = `${HttpMethod} /${string}`;

/** The parts of a Fastify route schema a contract may hold. */
export interface OperationSchema {
  summary?: string;
  description?: string;
  tags?: readonly string[];
  operationId?: string;
  hide?: boolean;
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  headers?: z.ZodType;
  response?: Readonly<Record<number, z.ZodType>>;
  consumes?: readonly string[];
  produces?: readonly string[];
  security?: readonly Record<string, readonly string[]>[];
}

export interface Operation<R extends Route = Route, S extends OperationSchema = OperationSchema> {
  readonly route: R;
  readonly method: R extends `${infer M} /${string}` ? M : HttpMethod;
  /** The path in Fastify's syntax (`/dossiers/:code`), without the API prefix. */
  readonly path: R extends `${HttpMethod} ${infer P}` ? P : string;
  readonly schema: S;
}

export function operation<const R extends Route, const S extends OperationSchema>(
  route: R,
  schema: S,
): Operation<R, S> {
  const space = route.indexOf(' ');
  return {
    route,
    method: route.slice(0, space) as Operation<R, S>['method'],
    path: route.slice(space + 1) as Operation<R, S>['path'],
    schema,
  };
}

/**
 * Names a context's operations: each gets the context as its OpenAPI tag and `context.name` as its
 * operation id, so /openapi.json reads by context and a generated client gets stable method names.
 */
export function defineContract<const T extends Record<string, Operation>>(context: string, operations: T): T {
  for (const [name, op] of Object.entries(operations)) {
    Object.assign(op.schema, { tags: [context], operationId: `${context}.${name}` });
  }
  return operations;
}

type Schema<O> = O extends Operation<Route, infer S> ? S : never;
type Part<S, K extends string> = S extends Record<K, infer T extends z.ZodType> ? z.input<T> : never;
type OptionalIfEmpty<K extends string, T> = [T] extends [never]
  ? unknown
  : Record<string, never> extends T
    ? { [P in K]?: T }
    : { [P in K]: T };

/** What a caller sends: `params`, `query` and `body`, each as the contract's input type. */
export type InputOf<O> = OptionalIfEmpty<'params', Part<Schema<O>, 'params'>> &
  OptionalIfEmpty<'query', Part<Schema<O>, 'querystring'>> &
  OptionalIfEmpty<'body', Part<Schema<O>, 'body'>>;

type SuccessOf<R> =
  R extends Record<200, infer T extends z.ZodType>
    ? z.output<T>
    : R extends Record<201, infer T extends z.ZodType>
      ? z.output<T>
      : R extends Record<202, infer T extends z.ZodType>
        ? z.output<T>
        : undefined;

/** What a caller gets back on success (200, 201 or 202; nothing for 204). */
export type OutputOf<O> = Schema<O> extends { response: infer R } ? SuccessOf<R> : unknown;

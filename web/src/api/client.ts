import i18n from '../i18n';

/** One validation error as the server reports it in `errors`. */
export interface ProblemFieldError {
  path: string | Array<string | number>;
  message: string;
}

/** RFC 9457 problem details as returned by the API (application/problem+json). */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: ProblemFieldError[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  get code(): string | undefined {
    return this.problem.code;
  }

  /** Field errors keyed by a dotted path (`fees.0.amount`). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const error of this.problem.errors ?? []) {
      const key = normalizePath(error.path);
      if (!(key in out)) out[key] = error.message;
    }
    return out;
  }
}

export function normalizePath(path: ProblemFieldError['path']): string {
  const raw = Array.isArray(path) ? path.join('.') : String(path);
  return raw
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/\//g, '.')
    .replace(/^\.+/, '')
    .replace(/^(body|query|params)\./, '');
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers (e.g. `Idempotency-Key`). */
  headers?: Record<string, string>;
}

export const API_BASE = '/api/v1';

type Transport = (url: string, init: RequestInit) => Promise<Response>;
let transport: Transport = (url, init) => fetch(url, init);

/**
 * Where `api()` sends its requests: the browser's fetch, or on the server, while it pre-renders a
 * public page (web/src/entry-server.tsx), the server's own API called in-process with the visitor's
 * cookie and address.
 */
export function setApiTransport(next: Transport): void {
  transport = next;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

/** Typed fetch wrapper: same-origin cookie auth, language header, problem+json errors. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': i18n.language === 'en' ? 'en' : 'vi',
    ...options.headers,
  };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await transport(buildUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ status: 0, code: 'network_error', detail: i18n.t('errors.network') });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    const problem: Problem =
      data && typeof data === 'object'
        ? { ...(data as Partial<Problem>), status: response.status }
        : { status: response.status };
    if (!problem.detail) {
      problem.detail =
        response.status === 429
          ? i18n.t('errors.rateLimited')
          : i18n.t('errors.http', { status: response.status });
    }
    throw new ApiError(problem);
  }
  return data as T;
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.problem.detail ?? error.message;
  if (error instanceof Error) return error.message;
  return i18n.t('errors.unknown');
}

/**
 * Downloads a file answer (PDF, Excel) with the session cookie: errors come back as ApiError (not as a
 * saved error page); the name is the server's Content-Disposition filename, else `fallbackName`.
 */
export async function downloadFile(
  path: string,
  query: Record<string, QueryValue>,
  fallbackName: string,
): Promise<string> {
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), {
      credentials: 'same-origin',
      headers: { 'Accept-Language': i18n.language === 'en' ? 'en' : 'vi' },
    });
  } catch {
    throw new ApiError({ status: 0, code: 'network_error', detail: i18n.t('errors.network') });
  }
  if (!response.ok) {
    let problem: Problem = { status: response.status };
    try {
      problem = { ...((await response.json()) as Partial<Problem>), status: response.status };
    } catch {
      // not JSON
    }
    problem.detail ??= i18n.t('errors.http', { status: response.status });
    throw new ApiError(problem);
  }
  const blob = await response.blob();
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? fallbackName;
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(href), 30_000);
  return name;
}

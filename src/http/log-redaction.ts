/**
 * What a request log line may say of the address asked for. Query values are dropped unless their
 * parameter is known to carry nothing personal (default deny: a new `?phone=` cannot leak by
 * accident); path segments that look like a phone or ID number (nine digits or more) or an
 * e-mail address are masked. Bodies are never logged (Fastify logs none; keep it so).
 */
import type { FastifyRequest } from 'fastify';

/** Query parameters whose values are safe to log: paging, periods, scopes, formats. */
const SAFE_QUERY_KEYS = new Set([
  'page',
  'limit',
  'offset',
  'cursor',
  'from',
  'to',
  'unit',
  'unitCode',
  'descendants',
  'status',
  'format',
  'groupBy',
  'kind',
  'view',
  'sort',
  'order',
  'lang',
  'category',
  'channel',
  'date',
  'year',
  'month',
  'quarter',
  'period',
  'field',
  'service',
  'only',
  'stage',
]);

export const REDACTED = '[redacted]';

const LONG_NUMBER = /\+?\d{9,}/g;

function redactSegment(segment: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    decoded = segment;
  }
  if (decoded.includes('@')) return REDACTED;
  return LONG_NUMBER.test(decoded) ? decoded.replace(LONG_NUMBER, REDACTED) : segment;
}

export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const pathname = q === -1 ? url : url.slice(0, q);
  const path = pathname.split('/').map(redactSegment).join('/');
  if (q === -1) return path;
  const params = url
    .slice(q + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = eq === -1 ? pair : pair.slice(0, eq);
      if (eq === -1) return key;
      return SAFE_QUERY_KEYS.has(key) ? pair : `${key}=${REDACTED}`;
    });
  return params.length ? `${path}?${params.join('&')}` : path;
}

/** pino serializer for `req`: Fastify's usual fields with the address redacted. */
export function redactedRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

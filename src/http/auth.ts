import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { grantCovers, hasRole, type Role } from '../domain/access.ts';
import { AppError, forbidden } from '../domain/errors.ts';
import { authenticate, sessionCookieName } from '../services/identity/index.ts';
import type { Actor, RequestMeta, ServiceContext } from '../services/platform/index.ts';
import { holdsTotpRequiredRole } from '../services/identity/index.ts';
import { unitAncestry, type UnitRow } from '../services/access/index.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
    /** A write that came with our session cookie but not from our pages: its cookie is ignored. */
    csrfRejected: boolean;
  }
}

export interface AuthOptions {
  ctx: ServiceContext;
  /** The service's public address: its origin is always a trusted Origin, and https names the cookie. */
  publicUrl: string;
  sessionHours: number;
  staffIdleMinutes: number;
  /** System and unit administrators must have a second factor before doing anything (production). */
  adminTotpRequired?: boolean;
}

/** What an administrator without the required second factor may still do: see who they are, enrol, leave. */
const WITHOUT_SECOND_FACTOR = new Set([
  'GET /api/v1/me',
  'HEAD /api/v1/me',
  'POST /api/v1/me/totp/enrol',
  'POST /api/v1/me/totp/confirm',
  'DELETE /api/v1/me/totp',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/logout',
]);

/**
 * Issue 14 §4: in production a system or unit administrator without a second factor is refused
 * every API operation but those above (403 `totp_enrolment_required`, which sends the web app to
 * the enrolment page). Pages and assets are not API operations, so the app itself still loads.
 */
function mustEnrolFirst(request: FastifyRequest, actor: Actor): boolean {
  if (actor.kind !== 'staff' || actor.totpEnabled || !holdsTotpRequiredRole(actor.grants)) return false;
  const route = request.routeOptions.url;
  if (!route?.startsWith('/api/')) return false;
  return !WITHOUT_SECOND_FACTOR.has(`${request.method} ${route}`);
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The host[:port] an Origin or Referer header names, or null when it names none. */
function hostOf(value: string | undefined): string | null {
  if (!value || value === 'null') return null;
  try {
    return new URL(value).host;
  } catch {
    return null;
  }
}

/**
 * A state-changing request that a browser authenticates by its cookie must come from our own pages
 * (ASVS 4.2.2, OWASP's "verifying origin with standard headers"): its Origin, or its Referer when
 * there is no Origin, names this host or the public URL's. A bearer token is never sent by a
 * browser on its own, so bearer requests need no such proof.
 */
function fromOurPages(request: FastifyRequest, publicHost: string | null): boolean {
  const claimed = hostOf(request.headers.origin) ?? hostOf(request.headers.referer);
  if (!claimed) return false;
  // Through URL, so that "localhost:80" and "http://localhost" compare equal.
  return claimed === hostOf(`${request.protocol}://${request.host}`) || claimed === publicHost;
}

/** Reads the session from the httpOnly cookie or an `Authorization: Bearer` header on every request. */
export const authPlugin = fp(async (app: FastifyInstance, opts: AuthOptions) => {
  const cookieName = sessionCookieName(opts.publicUrl);
  const publicHost = hostOf(opts.publicUrl);
  const idle = { staffIdleMinutes: opts.staffIdleMinutes, sessionHours: opts.sessionHours };
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('csrfRejected', false);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
    const cookie = bearer ? null : (request.cookies[cookieName] ?? null);
    const token = bearer ?? cookie;
    if (!token) return;
    // The cookie of such a request is not used at all: an operation that needs a login answers
    // 403 csrf_rejected (requireActor), a public one (login, registration) goes on as anonymous.
    if (cookie && UNSAFE_METHODS.has(request.method) && !fromOurPages(request, publicHost)) {
      request.csrfRejected = true;
      return;
    }
    request.sessionToken = token;
    request.actor = await authenticate(opts.ctx, token, idle);
    if (opts.adminTotpRequired && request.actor && mustEnrolFirst(request, request.actor))
      throw new AppError(
        403,
        'totp_enrolment_required',
        'Quản trị viên phải bật xác thực hai lớp trước khi tiếp tục (Bảo mật tài khoản)',
      );
  });
});

export const csrfRejected = () =>
  new AppError(403, 'csrf_rejected', 'Yêu cầu không đến từ trang của Một Cửa (Origin không khớp)');

export function requireActor(request: FastifyRequest): Actor {
  if (request.csrfRejected) throw csrfRejected();
  if (!request.actor) throw new AppError(401, 'unauthenticated', 'Vui lòng đăng nhập');
  return request.actor;
}

export function requireRoles(request: FastifyRequest, roles: readonly Role[]): Actor {
  const actor = requireActor(request);
  if (!hasRole(actor.grants, roles)) throw forbidden();
  return actor;
}

/** Role checked against the unit's place in the tree (own unit, or descendants where granted). */
export async function requireRolesForUnit(
  request: FastifyRequest,
  ctx: ServiceContext,
  roles: readonly Role[],
  unit: UnitRow,
): Promise<Actor> {
  const actor = requireActor(request);
  if (!grantCovers(actor.grants, roles, await unitAncestry(ctx.database.db, unit.id))) throw forbidden();
  return actor;
}

export function metaOf(request: FastifyRequest): RequestMeta {
  return { ip: request.ip ?? null, requestId: String(request.id) };
}

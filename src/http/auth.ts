import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { grantCovers, hasRole, type Role } from '../domain/access.ts';
import { AppError, forbidden } from '../domain/errors.ts';
import { authenticate, sessionCookieName } from '../services/auth.ts';
import type { Actor, RequestMeta, ServiceContext } from '../services/context.ts';
import { unitAncestry, type UnitRow } from '../services/units.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
  }
}

export interface AuthOptions {
  ctx: ServiceContext;
  /** The service's public address: its origin is always a trusted Origin, and https names the cookie. */
  publicUrl: string;
  sessionHours: number;
  staffIdleMinutes: number;
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
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
    const cookie = bearer ? null : (request.cookies[cookieName] ?? null);
    const token = bearer ?? cookie;
    if (!token) return;
    if (cookie && UNSAFE_METHODS.has(request.method) && !fromOurPages(request, publicHost))
      throw new AppError(403, 'csrf_rejected', 'Yêu cầu không đến từ trang của Một Cửa (Origin không khớp)');
    request.sessionToken = token;
    request.actor = await authenticate(opts.ctx, token, idle);
  });
});

export function requireActor(request: FastifyRequest): Actor {
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

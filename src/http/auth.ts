import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { grantCovers, hasRole, type Role } from '../domain/access.ts';
import { AppError, forbidden } from '../domain/errors.ts';
import { authenticate, SESSION_COOKIE } from '../services/auth.ts';
import type { Actor, RequestMeta, ServiceContext } from '../services/context.ts';
import { unitAncestry, type UnitRow } from '../services/units.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
  }
}

/** Reads the session from the httpOnly cookie or an `Authorization: Bearer` header on every request. */
export const authPlugin = fp(async (app: FastifyInstance, opts: { ctx: ServiceContext }) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
    const token = bearer ?? request.cookies[SESSION_COOKIE] ?? null;
    if (!token) return;
    request.sessionToken = token;
    request.actor = await authenticate(opts.ctx, token);
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

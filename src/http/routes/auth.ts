import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../../config.ts';
import { identityContract as identity } from '../../contracts/identity.ts';
import { notificationsContract as notifications } from '../../contracts/notifications.ts';
import {
  holdsTotpRequiredRole,
  login,
  logout,
  registerCitizen,
  requestPasswordReset,
  resetPassword,
  sessionCookieName,
  userView,
  verifyAccount,
} from '../../services/identity/index.ts';
import type { ServiceContext } from '../../services/platform/index.ts';
import { listNotifications, markNotificationRead } from '../../services/dossiers/index.ts';
import { csrfRejected, metaOf, requireActor } from '../auth.ts';
import { withCapabilities } from '../capabilities.ts';

export async function authRoutes(
  app: FastifyInstance,
  { ctx, config }: { ctx: ServiceContext; config: Config },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const secure = config.publicUrl.startsWith('https://');

  r.post(identity.login.path, { schema: identity.login.schema }, async (request, reply) => {
    const policy = {
      maxAttempts: config.loginMaxAttempts,
      windowMinutes: config.loginWindowMinutes,
      sessionHours: config.sessionHours,
      staffIdleMinutes: config.staffIdleMinutes,
      dataKey: config.dataKey,
      adminTotpRequired: config.mode === 'production',
    };
    const result = await login(ctx, policy, metaOf(request), request.body);
    reply.setCookie(sessionCookieName(config.publicUrl), result.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure,
      path: '/',
      expires: result.expiresAt,
    });
    return { token: result.token, expiresAt: result.expiresAt.toISOString(), user: result.user };
  });

  r.post(identity.logout.path, { schema: identity.logout.schema }, async (request, reply) => {
    // A cross-site logout is refused like any write by cookie from elsewhere.
    if (request.csrfRejected) throw csrfRejected();
    if (request.sessionToken) await logout(ctx, metaOf(request), request.sessionToken, request.actor);
    reply.clearCookie(sessionCookieName(config.publicUrl), { path: '/', secure });
    return reply.status(204).send(null);
  });

  r.get(identity.me.path, { schema: identity.me.schema }, async (request) => {
    const view = await userView(ctx.database.db, requireActor(request).id);
    return {
      ...view,
      ...withCapabilities(view.roles),
      totpRequired: config.mode === 'production' && holdsTotpRequiredRole(view.roles),
    };
  });

  r.post(identity.register.path, { schema: identity.register.schema }, async (request, reply) => {
    const user = await registerCitizen(ctx, metaOf(request), request.body);
    return reply.status(201).send(user);
  });

  r.get(notifications.mine.path, { schema: notifications.mine.schema }, async (request) =>
    listNotifications(ctx, requireActor(request)),
  );

  r.post(notifications.markRead.path, { schema: notifications.markRead.schema }, async (request, reply) => {
    await markNotificationRead(ctx, requireActor(request), request.params.id);
    return reply.status(204).send(null);
  });

  r.post(identity.verify.path, { schema: identity.verify.schema }, async (request, reply) => {
    await verifyAccount(ctx, metaOf(request), request.body.username, request.body.code);
    return reply.status(204).send(null);
  });

  r.post(
    identity.requestPasswordReset.path,
    { schema: identity.requestPasswordReset.schema },
    async (request, reply) => {
      await requestPasswordReset(ctx, metaOf(request), request.body.username);
      return reply.status(202).send(null);
    },
  );

  r.post(
    identity.confirmPasswordReset.path,
    { schema: identity.confirmPasswordReset.schema },
    async (request, reply) => {
      await resetPassword(
        ctx,
        metaOf(request),
        request.body.username,
        request.body.code,
        request.body.password,
      );
      return reply.status(204).send(null);
    },
  );
}

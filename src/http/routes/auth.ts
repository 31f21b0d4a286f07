import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import { ROLES } from '../../domain/access.ts';
import {
  login,
  logout,
  registerCitizen,
  registerCitizenSchema,
  sessionCookieName,
  userView,
} from '../../services/identity/index.ts';
import type { ServiceContext } from '../../services/platform/index.ts';
import { listNotifications, markNotificationRead } from '../../services/dossiers/index.ts';
import { requestPasswordReset, resetPassword, verifyAccount } from '../../services/identity/index.ts';
import { holdsTotpRequiredRole } from '../../services/identity/index.ts';
import { csrfRejected, metaOf, requireActor } from '../auth.ts';
import { problemSchema } from '../../contracts/common.ts';

export const userViewSchema = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  kind: z.enum(['staff', 'citizen']),
  roles: z.array(
    z.object({
      role: z.enum(ROLES),
      unitCode: z.string(),
      unitName: z.string(),
      includeDescendants: z.boolean(),
    }),
  ),
  totpEnabled: z.boolean().describe('The account’s second factor (TOTP) is on'),
});

/** The caller's own view: also whether a second factor is required of the account (production administrators). */
const ownUserViewSchema = userViewSchema.extend({
  totpRequired: z
    .boolean()
    .describe('A second factor is required of this account (system and unit administrators in production)'),
});

export async function authRoutes(
  app: FastifyInstance,
  { ctx, config }: { ctx: ServiceContext; config: Config },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const secure = config.publicUrl.startsWith('https://');

  r.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in with username and password',
        description:
          'Returns a bearer token and sets an httpOnly SameSite=Lax session cookie. Unknown user and wrong password give the same 401 `invalid_credentials`; repeated failures give 429 `too_many_attempts` with Retry-After. A staff account with a second factor needs `totp` (a 6-digit code or a recovery code): without it 401 `totp_required`, a wrong or reused one 401 `invalid_totp` (counted like a wrong password).',
        body: z.object({
          username: z.string().min(1).max(200),
          password: z.string().min(1).max(200),
          totp: z.string().trim().max(20).optional(),
        }),
        response: {
          200: z.object({ token: z.string(), expiresAt: z.string(), user: ownUserViewSchema }),
          401: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
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
    },
  );

  r.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: 'End the current session', response: { 204: z.null() } } },
    async (request, reply) => {
      // A cross-site logout is refused like any write by cookie from elsewhere.
      if (request.csrfRejected) throw csrfRejected();
      if (request.sessionToken) await logout(ctx, metaOf(request), request.sessionToken, request.actor);
      reply.clearCookie(sessionCookieName(config.publicUrl), { path: '/', secure });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The logged-in user with roles per unit',
        security: [{ bearer: [] }, { cookie: [] }],
        response: { 200: ownUserViewSchema, 401: problemSchema },
      },
    },
    async (request) => {
      const view = await userView(ctx.database.db, requireActor(request).id);
      return { ...view, totpRequired: config.mode === 'production' && holdsTotpRequiredRole(view.roles) };
    },
  );

  r.post(
    '/auth/register',
    {
      schema: {
        tags: ['auth'],
        summary: 'Citizen registration with a phone number or e-mail and a password',
        body: registerCitizenSchema,
        response: { 201: userViewSchema, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const user = await registerCitizen(ctx, metaOf(request), request.body);
      return reply.status(201).send(user);
    },
  );

  r.get(
    '/me/notifications',
    {
      schema: {
        tags: ['auth'],
        summary: 'The caller’s notices: due soon, overdue, daily digest (latest 50)',
        response: {
          200: z.object({
            unread: z.number(),
            items: z.array(
              z.object({
                id: z.string(),
                kind: z.string(),
                title: z.string(),
                body: z.string(),
                dossierCode: z.string().nullable(),
                createdAt: z.string(),
                read: z.boolean(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => listNotifications(ctx, requireActor(request)),
  );

  r.post(
    '/me/notifications/:id/read',
    {
      schema: {
        tags: ['auth'],
        summary: 'Mark a notice read',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await markNotificationRead(ctx, requireActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/auth/verify',
    {
      schema: {
        tags: ['auth'],
        summary: 'Confirm a citizen account with the one-time code sent to its phone or e-mail',
        body: z.object({
          username: z.string().min(3).max(200),
          code: z.string().regex(/^\d{6}$/, 'Mã gồm 6 chữ số'),
        }),
        response: { 204: z.null(), 400: problemSchema },
      },
    },
    async (request, reply) => {
      await verifyAccount(ctx, metaOf(request), request.body.username, request.body.code);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/auth/password-reset',
    {
      schema: {
        tags: ['auth'],
        summary: 'Send a password-reset code (the same answer whether or not the account exists)',
        body: z.object({ username: z.string().min(3).max(200) }),
        response: { 202: z.null() },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(ctx, metaOf(request), request.body.username);
      return reply.status(202).send(null);
    },
  );

  r.post(
    '/auth/password-reset/confirm',
    {
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with the reset code',
        body: z.object({
          username: z.string().min(3).max(200),
          code: z.string().regex(/^\d{6}$/, 'Mã gồm 6 chữ số'),
          password: z.string().min(8, 'Mật khẩu cần ít nhất 8 ký tự').max(200),
        }),
        response: { 204: z.null(), 400: problemSchema },
      },
    },
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

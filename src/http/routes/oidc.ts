/**
 * Log in with the national single sign-on (VNeID-style OpenID Connect). Offered only when
 * MOTCUA_OIDC_ISSUER / _CLIENT_ID / _CLIENT_SECRET are set; see docs/citizen-accounts.md.
 */
import { randomBytes } from 'node:crypto';
import { eq, or } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import { users } from '../../db/schema.ts';
import { AppError } from '../../domain/errors.ts';
import {
  authorizationUrl,
  finishLogin,
  type IdTokenClaims,
  newFlow,
  OIDC_COOKIE,
  OIDC_FLOW_SECONDS,
  OIDC_PROVIDER_NAME,
  OidcError,
  openFlow,
  sealFlow,
} from '../../integrations/oidc.ts';
import { appendAudit } from '../../services/platform/index.ts';
import {
  hashPassword,
  normalisePhone,
  openSession,
  sessionCookieName,
} from '../../services/identity/index.ts';
import { inTransaction, type RequestMeta, type ServiceContext } from '../../services/platform/index.ts';
import { metaOf } from '../auth.ts';
import { problemSchema } from '../../contracts/common.ts';

const COOKIE_PATH = '/api/v1/auth/oidc';
/** Where the browser goes after a login, and after a failed one (the login page shows a message). */
export const OIDC_SUCCESS_PATH = '/me';
export const OIDC_FAILURE_PATH = '/login?oidc=failed';

const disabled = () =>
  new AppError(404, 'oidc_disabled', 'Đăng nhập bằng tài khoản định danh điện tử chưa được bật');

/**
 * The citizen account of the provider's subject (`oidc:<sub>`), created on first login: full name
 * from `name`, phone from `phone_number` (and e-mail when the provider verified it) unless another
 * account has it, confirmed at once. Then a session, exactly like a password login.
 */
async function signIn(
  ctx: ServiceContext,
  meta: RequestMeta,
  claims: IdTokenClaims,
  sessionHours: number,
): Promise<{ token: string; expiresAt: Date }> {
  const username = `oidc:${claims.sub}`;
  const fullName =
    claims.name?.trim() ||
    [claims.family_name, claims.given_name].filter(Boolean).join(' ').trim() ||
    'Công dân';
  const rawPhone = claims.phone_number ? normalisePhone(claims.phone_number) : null;
  const phone = rawPhone && /^0\d{9,10}$/.test(rawPhone) ? rawPhone : null;
  const email =
    claims.email_verified === true && claims.email && z.email().safeParse(claims.email).success
      ? claims.email.toLowerCase()
      : null;
  // Never usable: these accounts log in through the provider (or after a password reset by code).
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
  const now = ctx.clock();
  return inTransaction(ctx, async (tx) => {
    const find = async () => (await tx.select().from(users).where(eq(users.username, username)).limit(1))[0];
    let user = await find();
    if (!user) {
      const taken =
        phone || email
          ? await tx
              .select({ phone: users.phone, email: users.email })
              .from(users)
              .where(
                or(phone ? eq(users.phone, phone) : undefined, email ? eq(users.email, email) : undefined),
              )
          : [];
      const id = uuidv7();
      const values = {
        id,
        username,
        passwordHash,
        fullName: fullName.slice(0, 200),
        kind: 'citizen' as const,
        phone: phone && !taken.some((t) => t.phone === phone) ? phone : null,
        email: email && !taken.some((t) => t.email === email) ? email : null,
        verifiedAt: now,
      };
      await tx.insert(users).values(values).onConflictDoNothing();
      user = await find();
      if (!user) throw new OidcError('account_conflict');
      if (user.id === id)
        await appendAudit(tx, ctx.clock, meta, {
          action: 'citizen.register',
          actor: { id, username },
          entityType: 'user',
          entityId: id,
          after: { username, fullName: values.fullName, method: 'oidc' },
        });
    }
    if (user.kind !== 'citizen' || user.disabled) throw new OidcError('account_disabled');
    if (!user.verifiedAt)
      await tx.update(users).set({ verifiedAt: now, updatedAt: now }).where(eq(users.id, user.id));
    return openSession(tx, ctx.clock, meta, user, sessionHours, now, 'oidc');
  });
}

export async function oidcRoutes(
  app: FastifyInstance,
  { ctx, config }: { ctx: ServiceContext; config: Config },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const secure = config.publicUrl.startsWith('https://');
  const flowCookie = { httpOnly: true, sameSite: 'lax' as const, secure, path: COOKIE_PATH };

  r.get(
    '/auth/oidc/config',
    {
      schema: {
        tags: ['auth'],
        summary: 'Whether login with the national single sign-on (VNeID) is offered',
        response: { 200: z.object({ enabled: z.boolean(), name: z.string() }) },
      },
    },
    async () => ({ enabled: config.oidc !== null, name: OIDC_PROVIDER_NAME }),
  );

  r.get(
    '/auth/oidc/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Start a national single sign-on login (302 to the provider)',
        description:
          'Authorization-code flow with PKCE (S256); state, nonce and the verifier go in a signed httpOnly cookie valid 10 minutes. 404 `oidc_disabled` when not configured, 502 `oidc_unavailable` when the provider cannot be reached.',
        response: { 302: z.null(), 404: problemSchema, 502: problemSchema },
      },
    },
    async (request, reply) => {
      const oidc = config.oidc;
      if (!oidc) throw disabled();
      const flow = newFlow(ctx.clock().getTime());
      let url: string;
      try {
        url = await authorizationUrl(oidc, config.publicUrl, flow);
      } catch (error) {
        request.log.warn({ err: error }, 'oidc discovery failed');
        throw new AppError(
          502,
          'oidc_unavailable',
          'Không kết nối được hệ thống định danh điện tử, vui lòng thử lại sau',
        );
      }
      reply.setCookie(OIDC_COOKIE, sealFlow(oidc, flow), { ...flowCookie, maxAge: OIDC_FLOW_SECONDS });
      return reply.redirect(url, 302);
    },
  );

  r.get(
    '/auth/oidc/callback',
    {
      schema: {
        tags: ['auth'],
        summary: 'Where the provider sends the browser back (302 to /me, or to /login?oidc=failed)',
        description:
          'Checks the state against the cookie, exchanges the code (client_secret_post + PKCE verifier), verifies the ID token (RS256 with the provider’s JWKS; iss, aud, exp, nonce), finds or creates the citizen account `oidc:<sub>` and opens a session like a password login. Every failure is logged and audited (`auth.oidc_failed`) and sends the browser to /login?oidc=failed.',
        querystring: z.object({
          code: z.string().max(4000).optional(),
          state: z.string().max(500).optional(),
          error: z.string().max(200).optional(),
          error_description: z.string().max(1000).optional(),
        }),
        response: { 302: z.null(), 404: problemSchema },
      },
    },
    async (request, reply) => {
      const oidc = config.oidc;
      if (!oidc) throw disabled();
      const meta = metaOf(request);
      const nowMs = ctx.clock().getTime();
      reply.clearCookie(OIDC_COOKIE, { path: COOKIE_PATH });
      try {
        const flow = openFlow(oidc, request.cookies[OIDC_COOKIE], nowMs);
        const { code, state, error } = request.query;
        if (error) throw new OidcError(`provider_error: ${error}`);
        if (!state || state !== flow.state) throw new OidcError('wrong_state');
        if (!code) throw new OidcError('no_code');
        const claims = await finishLogin(oidc, config.publicUrl, flow, code, nowMs);
        const session = await signIn(ctx, meta, claims, config.sessionHours);
        reply.setCookie(sessionCookieName(config.publicUrl), session.token, {
          httpOnly: true,
          sameSite: 'lax',
          secure,
          path: '/',
          expires: session.expiresAt,
        });
        return reply.redirect(OIDC_SUCCESS_PATH, 302);
      } catch (error) {
        if (!(error instanceof OidcError)) throw error;
        request.log.warn({ reason: error.reason }, 'oidc login failed');
        await inTransaction(ctx, (tx) =>
          appendAudit(tx, ctx.clock, meta, { action: 'auth.oidc_failed', after: { reason: error.reason } }),
        );
        return reply.redirect(OIDC_FAILURE_PATH, 302);
      }
    },
  );
}

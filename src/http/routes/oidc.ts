/**
 * Log in with the national single sign-on (VNeID-style OpenID Connect). Offered only when
 * MOTCUA_OIDC_ISSUER / _CLIENT_ID / _CLIENT_SECRET are set; see docs/citizen-accounts.md.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../../config.ts';
import { oidcContract } from '../../contracts/oidc.ts';
import { AppError } from '../../domain/errors.ts';
import {
  authorizationUrl,
  finishLogin,
  newFlow,
  OIDC_COOKIE,
  OIDC_FLOW_SECONDS,
  OIDC_PROVIDER_NAME,
  OidcError,
  openFlow,
  sealFlow,
} from '../../integrations/oidc.ts';
import { auditOidcFailure, oidcSignIn, sessionCookieName } from '../../services/identity/index.ts';
import type { ServiceContext } from '../../services/platform/index.ts';
import { metaOf } from '../auth.ts';

const COOKIE_PATH = '/api/v1/auth/oidc';
/** Where the browser goes after a login, and after a failed one (the login page shows a message). */
export const OIDC_SUCCESS_PATH = '/me';
export const OIDC_FAILURE_PATH = '/login?oidc=failed';

const disabled = () =>
  new AppError(404, 'oidc_disabled', 'Đăng nhập bằng tài khoản định danh điện tử chưa được bật');

export async function oidcRoutes(
  app: FastifyInstance,
  { ctx, config }: { ctx: ServiceContext; config: Config },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const secure = config.publicUrl.startsWith('https://');
  const flowCookie = { httpOnly: true, sameSite: 'lax' as const, secure, path: COOKIE_PATH };

  r.get(oidcContract.config.path, { schema: oidcContract.config.schema }, async () => ({
    enabled: config.oidc !== null,
    name: OIDC_PROVIDER_NAME,
  }));

  r.get(oidcContract.login.path, { schema: oidcContract.login.schema }, async (request, reply) => {
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
  });

  r.get(oidcContract.callback.path, { schema: oidcContract.callback.schema }, async (request, reply) => {
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
      const session = await oidcSignIn(ctx, meta, claims, config.sessionHours);
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
      await auditOidcFailure(ctx, meta, error.reason);
      return reply.redirect(OIDC_FAILURE_PATH, 302);
    }
  });
}

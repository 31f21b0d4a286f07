import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { appVersion, type Config } from '../config.ts';
import type { ServiceContext } from '../services/platform/index.ts';
import { sessionCookieName } from '../services/identity/index.ts';
import { authPlugin } from './auth.ts';
import { withDemoStrip } from './demo-strip.ts';
import { redactedRequest } from './log-redaction.ts';
import { refuseNul } from './nul-guard.ts';
import { openApiTags } from './openapi-tags.ts';
import { problemOf, sendProblem, toProblem } from './problem.ts';
import { DatabaseRateLimitStore } from './rate-limit-store.ts';
import { adminRoutes } from './routes/admin.ts';
import { authRoutes } from './routes/auth.ts';
import { calendarRoutes } from './routes/calendar.ts';
import { dossierRoutes } from './routes/dossiers.ts';
import { applicationRoutes } from './routes/applications.ts';
import { feedbackRoutes } from './routes/feedback.ts';
import { filesRoutes } from './routes/files.ts';
import { meRoutes } from './routes/me.ts';
import { oidcRoutes } from './routes/oidc.ts';
import { paymentRoutes, paymentSandboxRoutes } from './routes/payments.ts';
import { open311Routes } from './routes/open311.ts';
import { healthRoutes } from './routes/health.ts';
import { publicRoutes } from './routes/public.ts';
import { communityRoutes } from './routes/community.ts';
import { postalRoutes, postalWebhookRoutes } from './routes/postal.ts';
import { homeServiceRoutes } from './routes/home-service.ts';
import { queueRoutes } from './routes/queue.ts';
import { staffRoutes } from './routes/staff.ts';
import { reportRoutes } from './routes/reports.ts';
import { dossierImportRoutes } from './routes/dossier-import.ts';
import { totpRoutes } from './routes/totp.ts';
import { registerPrerenderedPages, SSR_ENTRY } from './ssr.ts';

const STATIC_ASSET = /\.(js|mjs|css|map|svg|png|jpe?g|gif|webp|ico|woff2?|ttf|json|txt|webmanifest)$/i;

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export interface AppOptions {
  ctx: ServiceContext;
  config: Config;
  /** pino options or false; tests pass false. */
  logger?: boolean | object;
}

/** Fastify's trustProxy: a hop count becomes "the nearest N hops", as proxy-addr counts them. */
function trustProxyOption(trust: Config['trustProxy']) {
  return typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust;
}

export async function buildApp({ ctx, config, logger = true }: AppOptions): Promise<FastifyInstance> {
  // Every log line's request is redacted (log-redaction.ts): no phone, ID number or code in logs.
  const serializers = { req: redactedRequest };
  const app = Fastify({
    logger:
      logger === true
        ? { level: config.logLevel, serializers }
        : logger === false
          ? false
          : { ...(logger as object), serializers },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: trustProxyOption(config.trustProxy),
    // A request id on every response and log line; a caller's own id is kept when it looks sane.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('preValidation', refuseNul);

  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(request, error as Error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    const retryAfter = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
    if (retryAfter) reply.header('retry-after', String(retryAfter));
    return sendProblem(reply, problem);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Mantine injects style tags at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Một Cửa API',
        version: appVersion(),
        description:
          'API of Một Cửa, the one-stop shop for administrative procedures. Errors are RFC 9457 application/problem+json with a stable `code`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: sessionCookieName(config.publicUrl) },
        },
      },
      tags: openApiTags(config.mode),
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(authPlugin, {
    ctx,
    publicUrl: config.publicUrl,
    sessionHours: config.sessionHours,
    staffIdleMinutes: config.staffIdleMinutes,
    adminTotpRequired: config.mode === 'production',
  });
  await app.register(healthRoutes, { ctx, mode: config.mode });

  // Everything under /api/v1 shares a rate limit whose counters live in the database.
  await app.register(
    async (api) => {
      await api.register(rateLimit, {
        max: config.limits.apiPerMinute,
        timeWindow: 60_000,
        store: DatabaseRateLimitStore.factory(ctx),
        keyGenerator: (req) => req.ip,
        errorResponseBuilder: (req, context) => {
          const problem = problemOf(
            req,
            429,
            'rate_limited',
            'Bạn gửi quá nhiều yêu cầu, vui lòng thử lại sau',
          );
          return Object.assign(new Error(problem.detail), {
            statusCode: 429,
            retryAfterSeconds: Math.ceil(context.ttl / 1000),
          });
        },
      });
      await api.register(authRoutes, { ctx, config });
      await api.register(publicRoutes, { ctx, config });
      await api.register(calendarRoutes, { ctx });
      await api.register(adminRoutes, { ctx });
      await api.register(dossierRoutes, { ctx, config });
      await api.register(feedbackRoutes, { ctx });
      await api.register(filesRoutes, { ctx, config });
      await api.register(paymentRoutes, { ctx, config });
      await api.register(meRoutes, { ctx, config });
      await api.register(applicationRoutes, { ctx, config });
      await api.register(oidcRoutes, { ctx, config });
      await api.register(reportRoutes, { ctx });
      await api.register(dossierImportRoutes, { ctx });
      await api.register(queueRoutes, { ctx });
      await api.register(postalRoutes, { ctx, config });
      await api.register(postalWebhookRoutes, { ctx, config });
      await api.register(homeServiceRoutes, { ctx });
      await api.register(staffRoutes, { ctx });
      await api.register(communityRoutes, { ctx });
      await api.register(totpRoutes, { ctx, config });
    },
    { prefix: '/api/v1' },
  );
  // Sandboxes exist only in the demo: in production their routes are not registered at all.
  if (config.mode === 'demo' && config.payment.gateway === 'sandbox')
    await app.register(paymentSandboxRoutes, { ctx, config });
  // Open311 counts against the same per-address limit as /api/v1 (issue 14 §3).
  await app.register(open311Routes, {
    prefix: '/open311/v2',
    ctx,
    baseUrl: config.publicUrl,
    apiPerMinute: config.limits.apiPerMinute,
  });

  const indexPath = path.join(WEB_DIST, 'index.html');
  if (existsSync(indexPath)) {
    // wildcard: true also serves files built after start (a rebuild never leaves a stale page).
    // preCompressed: the build writes .br/.gz beside each asset (vite.config.ts), sent as they are.
    const hashedAssets = path.join(WEB_DIST, 'assets') + path.sep;
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      prefix: '/',
      wildcard: true,
      index: false,
      preCompressed: true,
      setHeaders: (reply, filePath) => {
        // Vite names every file under assets/ by its content hash: it never changes under a name.
        if (filePath.startsWith(hashedAssets))
          reply.header('cache-control', 'public, max-age=31536000, immutable');
        else if (filePath.endsWith('.html')) reply.header('cache-control', 'no-cache');
      },
    });
  }

  // The page template, read at each page (a rebuild never leaves a stale page), with the demo's
  // strip in demo mode.
  const template = () => withDemoStrip(readFileSync(indexPath, 'utf8'), config.mode);
  const sendIndex = (reply: FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(template());
  if (existsSync(indexPath)) registerPrerenderedPages(app, { template, ssrEntry: SSR_ENTRY, sendIndex });

  app.setNotFoundHandler((request, reply) => {
    const url = request.url;
    const pathname = url.split('?')[0] ?? '';
    const isApi = /^\/(api|openapi\.json|docs|healthz|open311)(\/|\?|$)/.test(url);
    // The SPA owns every other GET path: client-side routes like /procedures/1.001193, whose
    // "extension" is part of a code. Only real asset requests get a 404.
    if (!isApi && !STATIC_ASSET.test(pathname) && request.method === 'GET' && existsSync(indexPath)) {
      return sendIndex(reply);
    }
    return sendProblem(reply, problemOf(request, 404, 'not_found', `Không có ${request.method} ${pathname}`));
  });

  return app;
}

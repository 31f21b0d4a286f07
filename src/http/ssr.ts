/**
 * Public pages pre-rendered on the server: the catalogue (`/`), a procedure (`/procedures/{code}`),
 * a dossier's progress (`/track/{code}`), feedback, login and registration, and for a signed-in
 * citizen their dossiers, profile and online applications. The HTML is rendered by the web app's own components
 * (web/src/entry-server.tsx, built to dist/ssr/entry-server.js by `npm run build`), with the API
 * answers they need fetched in-process as the visitor, so a phone on a slow network paints the page
 * from the first response and the app's code is fetched only when the visitor first touches it
 * (web/src/main.tsx). Without that build, or when a render fails, the page is the plain app shell.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The public pages (no login needed). */
export const PRERENDERED_PATHS = [
  '/',
  '/procedures/:code',
  '/track',
  '/track/:code',
  '/feedback',
  '/statistics',
  '/login',
  '/register',
  '/reset-password',
] as const;

/**
 * A citizen's own pages: pre-rendered for a signed-in visitor (the API answers as them); anybody
 * else gets the app shell, whose login guard takes them to /login and back.
 */
export const SIGNED_IN_PATHS = ['/me', '/me/profile', '/applications/:id'] as const;

type Language = 'vi' | 'en';

interface RenderModule {
  render(request: {
    url: string;
    lang: Language;
    fetch: (url: string, init: RequestInit) => Promise<Response>;
  }): Promise<{ html: string; state: unknown; status: number }>;
}

/** Loads the server build, again when it was rebuilt (the import URL carries its time). */
function renderModuleLoader(entry: string): () => Promise<RenderModule | null> {
  let loaded: { mtime: number; module: Promise<RenderModule> } | undefined;
  return async () => {
    if (!existsSync(entry)) return null;
    const mtime = statSync(entry).mtimeMs;
    if (!loaded || loaded.mtime !== mtime) {
      loaded = { mtime, module: import(`${pathToFileURL(entry).href}?v=${mtime}`) as Promise<RenderModule> };
    }
    return loaded.module;
  };
}

/** The visitor's language as the web app stores it for the server (web/src/i18n/index.ts). */
function languageOf(request: FastifyRequest): Language {
  return request.cookies?.motcua_lang === 'en' ? 'en' : 'vi';
}

/** JSON that can sit inside a <script> element (no `</script>`, no `<!--`). */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The built index.html with the rendered page and its state in place of the empty root. */
export function fillTemplate(
  template: string,
  page: { html: string; state: unknown; lang: Language },
): string {
  return template
    .replace(/<html lang="[^"]*"/, `<html lang="${page.lang}"`)
    .replace(
      '<div id="root"></div>',
      `<div id="root" data-lang="${page.lang}">${page.html}</div>` +
        `<script type="application/json" id="motcua-state">${scriptSafeJson(page.state)}</script>`,
    );
}

/**
 * The page compressed as the browser accepts (about 100 KB of markup becomes about 15 KB: what a
 * phone on a slow network waits for before the first paint).
 */
function compressed(request: FastifyRequest, reply: FastifyReply, html: string): Buffer | string {
  const accepted = String(request.headers['accept-encoding'] ?? '');
  reply.header('vary', 'cookie, accept-encoding');
  if (/\bbr\b/.test(accepted)) {
    reply.header('content-encoding', 'br');
    return brotliCompressSync(html, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } });
  }
  if (/\bgzip\b/.test(accepted)) {
    reply.header('content-encoding', 'gzip');
    return gzipSync(html, { level: 6 });
  }
  return html;
}

/** An in-process call of the app's own API, as the visitor who asked for the page. */
function inProcessFetch(app: FastifyInstance, request: FastifyRequest, lang: Language) {
  return async (url: string, init: RequestInit): Promise<Response> => {
    const headers: Record<string, string> = { 'accept-language': lang };
    for (const [key, value] of new Headers(init.headers).entries()) headers[key] = value;
    if (request.headers.cookie) headers.cookie = request.headers.cookie;
    if (request.headers['user-agent']) headers['user-agent'] = request.headers['user-agent'];
    const response = await app.inject({
      method: (init.method ?? 'GET') as 'GET',
      url,
      headers,
      remoteAddress: request.ip,
      ...(typeof init.body === 'string' ? { payload: init.body } : {}),
    });
    const nullBody = response.statusCode === 204 || response.statusCode === 304;
    return new Response(nullBody ? null : new Uint8Array(response.rawPayload), {
      status: response.statusCode,
      headers: Object.entries(response.headers).flatMap(([key, value]) =>
        value === undefined
          ? []
          : (Array.isArray(value) ? value : [String(value)]).map((v) => [key, v] as [string, string]),
      ),
    });
  };
}

export function registerPrerenderedPages(
  app: FastifyInstance,
  options: { template: () => string; ssrEntry: string; sendIndex: (reply: FastifyReply) => FastifyReply },
): void {
  const loadRenderer = renderModuleLoader(options.ssrEntry);
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const renderer = await loadRenderer().catch((error: unknown) => {
      request.log.error({ err: error }, 'server rendering: cannot load the build');
      return null;
    });
    if (!renderer) return options.sendIndex(reply);
    const lang = languageOf(request);
    try {
      const page = await renderer.render({
        url: request.url,
        lang,
        fetch: inProcessFetch(app, request, lang),
      });
      return (
        reply
          .code(page.status)
          .type('text/html; charset=utf-8')
          // The header may name a signed-in visitor: never kept by a shared cache.
          .header('cache-control', 'private, no-cache')
          .send(compressed(request, reply, fillTemplate(options.template(), { ...page, lang })))
      );
    } catch (error) {
      // The app in the browser renders the page itself: a rendering bug costs speed, not the page.
      request.log.error({ err: error }, 'server rendering failed; sending the app shell');
      return options.sendIndex(reply);
    }
  };
  for (const url of PRERENDERED_PATHS) app.get(url, { schema: { hide: true } }, handler);
  for (const url of SIGNED_IN_PATHS) {
    app.get(url, { schema: { hide: true } }, async (request, reply) => {
      if (!request.headers.cookie) return options.sendIndex(reply);
      const me = await app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { cookie: request.headers.cookie },
        remoteAddress: request.ip,
      });
      return me.statusCode === 200 ? handler(request, reply) : options.sendIndex(reply);
    });
  }
}

export const SSR_ENTRY = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../dist/ssr/entry-server.js',
);

/**
 * Pre-rendering of the public pages on the server (src/http/ssr.ts loads the build of this file,
 * dist/ssr/entry-server.js). The same components as in the browser, rendered to HTML with the API
 * answers they ask for, so that a citizen's phone paints the catalogue, a procedure or a dossier's
 * progress from the first response, before any of the app's code has arrived.
 */
import { dehydrate, type Query } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { prerenderToNodeStream } from 'react-dom/static';
import { StaticRouter } from 'react-router';
import { App } from './App';
import { AppProviders } from './AppProviders';
import { ApiError, setApiTransport } from './api/client';
import { createQueryClient } from './api/queryClient';
import i18n, { i18nReady, type Language } from './i18n';
import type { PrerenderedState } from './lib/prerender';

export interface RenderRequest {
  /** Path and query of the page, e.g. `/procedures/1.001193` or `/?q=khai%20sinh`. */
  url: string;
  lang: Language;
  /** Calls the server's own API as the visitor (their cookie and address). */
  fetch: (url: string, init: RequestInit) => Promise<Response>;
}

export interface RenderResult {
  html: string;
  state: PrerenderedState;
  /** 404 when the page's main answer was "not found" (an unknown procedure or dossier code), else 200. */
  status: number;
}

/** Rendering passes: each fetches what the previous one asked for (a page asks in at most two rounds). */
const MAX_PASSES = 4;

/**
 * A pass that waits for every lazily loaded component and reports the queries it created. Its
 * HTML is not used: React outlines large finished boundaries behind inline scripts, which the
 * Content-Security-Policy (script-src 'self') would block.
 */
async function preparePass(element: React.ReactElement): Promise<void> {
  const { prelude } = await prerenderToNodeStream(element);
  for await (const _chunk of prelude) {
    // drained, not kept
  }
}

function waitingToFetch(query: Query): boolean {
  // The options of the observer that created the query (useQuery's), `enabled` among them.
  const { enabled } = query.options as { enabled?: boolean | ((query: Query) => boolean) };
  const isEnabled = typeof enabled === 'function' ? enabled(query) : enabled !== false;
  return isEnabled && query.state.status === 'pending' && query.state.fetchStatus === 'idle';
}

// One page at a time: the language and the API transport are the app's (module-wide) settings.
let queue: Promise<unknown> = Promise.resolve();

export function render(request: RenderRequest): Promise<RenderResult> {
  const result = queue.then(() => renderNow(request));
  queue = result.catch(() => undefined);
  return result;
}

async function renderNow(request: RenderRequest): Promise<RenderResult> {
  await i18nReady;
  if (i18n.language !== request.lang) await i18n.changeLanguage(request.lang);
  setApiTransport(request.fetch);
  const queryClient = createQueryClient();
  // One try per query, and a failed one rendered as failed (not as "loading" for a retry that never
  // comes on the server): an unknown code shows its not-found message in the HTML.
  queryClient.setDefaultOptions({
    queries: { ...queryClient.getDefaultOptions().queries, retry: false, retryOnMount: false },
  });
  const element = (
    <AppProviders queryClient={queryClient}>
      <StaticRouter location={request.url}>
        <App />
      </StaticRouter>
    </AppProviders>
  );

  for (let pass = 0; pass < MAX_PASSES; pass++) {
    await preparePass(element);
    const wanted = queryClient.getQueryCache().getAll().filter(waitingToFetch);
    if (wanted.length === 0) break;
    await Promise.allSettled(wanted.map((query) => query.fetch()));
  }
  // Everything is loaded and answered now: one synchronous render, boundaries inline.
  const html = renderToString(element);

  const notFound = queryClient
    .getQueryCache()
    .getAll()
    .some((query) => query.state.error instanceof ApiError && query.state.error.status === 404);
  return {
    html,
    state: { lang: request.lang, queries: dehydrate(queryClient) },
    status: notFound ? 404 : 200,
  };
}

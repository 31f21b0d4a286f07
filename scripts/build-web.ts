/**
 * `npm run build`: the web app for the browser (dist/web) and, from the same sources, its server
 * renderer of the public pages (dist/ssr/entry-server.js, loaded by src/http/ssr.ts). Both are built
 * together: a page rendered by one build and hydrated by another would not match.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUILT_INDEX = path.join(root, 'dist/web/index.html');
export const BUILT_RENDERER = path.join(root, 'dist/ssr/entry-server.js');

export async function buildWeb(logLevel: 'info' | 'warn' = 'info'): Promise<void> {
  const configFile = path.join(root, 'vite.config.ts');
  await build({ configFile, logLevel });
  await build({
    configFile,
    logLevel,
    build: { ssr: 'src/entry-server.tsx', outDir: '../dist/ssr', emptyOutDir: true, manifest: false },
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildWeb();

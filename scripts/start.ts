/**
 * `npm start`: builds the web app when its sources are newer than the last build (first start
 * after a clone, or after a pull), then starts the server.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const sourcesTime = Math.max(
  newestMtime(path.join(root, 'web')),
  statSync(path.join(root, 'vite.config.ts')).mtimeMs,
);
const { BUILT_INDEX, BUILT_RENDERER, buildWeb } = await import('./build-web.ts');
const stale = (file: string) => !existsSync(file) || statSync(file).mtimeMs < sourcesTime;
if (stale(BUILT_INDEX) || stale(BUILT_RENDERER)) {
  console.log('Building the web app (first start or sources changed)…');
  await buildWeb('warn');
}

// A newcomer's first start shows reports with two years of made-up history (set 0 to skip); the
// history goes only with the demo seed, never in production.
if (process.env.MOTCUA_ENV !== 'production') process.env.MOTCUA_DEMO_HISTORY ??= '5000';
const { runMain } = await import('../src/server.ts');
await runMain();

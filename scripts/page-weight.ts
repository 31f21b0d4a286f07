/**
 * `npx tsx scripts/page-weight.ts [--dist DIR]`: the weight of a citizen page's first download, from the last
 * build (`npm run build` first; this script builds nothing).
 *
 * Initial JavaScript = the entry chunk of index.html plus every chunk it imports statically
 * (the manifest's `imports`, recursively: what the browser fetches before the app can run), each
 * gzipped at level 9. Lazily imported chunks (the back office) are not counted. CSS is reported
 * separately. Prints JSON; exits 1 when the initial JavaScript is above the target, 2 without a
 * build.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

const TARGET_KB = 150;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({ options: { dist: { type: 'string' } } });
// --dist DIR weighs another build (e.g. one made to try a change); by default the app's own.
const dist = args.dist ? path.resolve(args.dist) : path.join(root, 'dist/web');
const manifestPath = path.join(dist, '.vite/manifest.json');

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

if (!existsSync(path.join(dist, 'index.html'))) {
  console.error('dist/web/index.html is missing: build the web app first (npm run build).');
  process.exit(2);
}
if (!existsSync(manifestPath)) {
  console.error(
    'dist/web/.vite/manifest.json is missing: build with build.manifest: true (vite.config.ts), then rerun.',
  );
  process.exit(2);
}

const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;

const gzipBytes = (file: string): number =>
  gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;
const kb = (bytes: number): number => Math.round((bytes / 1024) * 10) / 10;

// The entry is the one index.html loads (there is only one, but check it is really referenced).
const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
const entry = entryKey ? manifest[entryKey] : undefined;
if (!entryKey || !entry || !html.includes(`/${entry.file}`)) {
  console.error('No entry chunk in the manifest that dist/web/index.html loads: rebuild the web app.');
  process.exit(2);
}

/** The chunk of `key` and everything it imports statically, depth first, each once. */
function staticClosure(key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key]?.imports ?? []) staticClosure(imported, seen);
  return seen;
}

function weigh(keys: Iterable<string>) {
  const js = new Set<string>();
  const css = new Set<string>();
  for (const key of keys) {
    const chunk = manifest[key];
    if (!chunk) continue;
    js.add(chunk.file);
    for (const sheet of chunk.css ?? []) css.add(sheet);
  }
  const chunks = [...js]
    .map((file) => ({ file, gzipBytes: gzipBytes(file) }))
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
  const sheets = [...css].map((file) => ({ file, gzipBytes: gzipBytes(file) }));
  return {
    jsBytes: chunks.reduce((sum, c) => sum + c.gzipBytes, 0),
    cssBytes: sheets.reduce((sum, c) => sum + c.gzipBytes, 0),
    chunks,
    sheets,
  };
}

const initialKeys = staticClosure(entryKey);
const initial = weigh(initialKeys);

// Cross-check with what index.html itself asks for (script + modulepreload links).
const htmlScripts = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/([^"]+\.js)"/g)].map((m) => m[1]);
const notInManifest = htmlScripts.filter((file) => !initial.chunks.some((c) => c.file === file));

// If a citizen page is itself split off (React.lazy), its own first download is the initial
// JavaScript plus that page's chunk and its static imports: report it, so the figure stays honest.
const CITIZEN_PAGES: Record<string, string> = {
  home: 'src/pages/HomePage.tsx',
  procedure: 'src/pages/ProcedurePage.tsx',
  track: 'src/pages/TrackPage.tsx',
};
const lazyPages = Object.fromEntries(
  Object.entries(CITIZEN_PAGES)
    .filter(([, src]) => manifest[src] && !initialKeys.has(src))
    .map(([name, src]) => {
      const extra = [...staticClosure(src)].filter((key) => !initialKeys.has(key));
      const w = weigh(extra);
      return [name, { extraJsGzipKB: kb(w.jsBytes), totalJsGzipKB: kb(initial.jsBytes + w.jsBytes) }];
    }),
);
const worstPageBytes = Math.max(
  initial.jsBytes,
  ...Object.values(lazyPages).map((p) => Math.round(p.totalJsGzipKB * 1024)),
);

const met = worstPageBytes <= TARGET_KB * 1024 && notInManifest.length === 0;
const report = {
  initialJsGzipBytes: initial.jsBytes,
  initialJsGzipKB: kb(initial.jsBytes),
  targetKB: TARGET_KB,
  met,
  cssGzipKB: kb(initial.cssBytes),
  chunks: initial.chunks,
  css: initial.sheets,
  ...(Object.keys(lazyPages).length > 0 ? { lazyCitizenPages: lazyPages } : {}),
  ...(notInManifest.length > 0 ? { unexplainedHtmlScripts: notInManifest } : {}),
};
console.log(JSON.stringify(report, null, 2));
process.exit(met ? 0 : 1);

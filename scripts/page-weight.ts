/**
 * `npx tsx scripts/page-weight.ts [--dist DIR]`: the weight of a citizen page's first download, from the last
 * build (`npm run build` first; this script builds nothing).
 *
 * Each chunk gzipped at level 9, with what it imports statically (the manifest's `imports`,
 * recursively). The first script is index.html's entry (web/src/main.tsx): styles and a loader. On a
 * page the server pre-renders, that is all the JavaScript before the page shows; the app
 * (web/src/boot.tsx) and the page's own chunk follow on the first touch. On other pages the app and
 * the page load at once. Per citizen page: initial and live JavaScript. Staff pages are never
 * counted (lazy chunks no citizen page imports). Prints JSON; exits 1 when a citizen page's initial
 * JavaScript is above the target, 2 without a build.
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

// The app proper (web/src/boot.tsx): on a pre-rendered page it is fetched on the visitor's first
// touch (web/src/main.tsx); on any other page at once.
const BOOT = 'src/boot.tsx';
if (!manifest[BOOT]) {
  console.error(`${BOOT} is not in the manifest: rebuild the web app.`);
  process.exit(2);
}
const appKeys = new Set([...staticClosure(BOOT)].filter((key) => !initialKeys.has(key)));
const app = weigh(appKeys);

// Citizen pages, and whether the server pre-renders them (src/http/ssr.ts PRERENDERED_PATHS, and
// SIGNED_IN_PATHS for a signed-in citizen).
const CITIZEN_PAGES: Record<string, { src: string; prerendered: boolean }> = {
  home: { src: 'src/pages/HomePage.tsx', prerendered: true },
  procedure: { src: 'src/pages/ProcedurePage.tsx', prerendered: true },
  track: { src: 'src/pages/TrackPage.tsx', prerendered: true },
  feedback: { src: 'src/pages/FeedbackPage.tsx', prerendered: true },
  login: { src: 'src/pages/LoginPage.tsx', prerendered: true },
  register: { src: 'src/pages/RegisterPage.tsx', prerendered: true },
  resetPassword: { src: 'src/pages/ResetPasswordPage.tsx', prerendered: true },
  myApplications: { src: 'src/pages/apply/MyApplicationsPage.tsx', prerendered: true },
  profile: { src: 'src/pages/ProfilePage.tsx', prerendered: true },
  application: { src: 'src/pages/apply/ApplicationPage.tsx', prerendered: true },
};
interface PageWeight {
  prerendered: boolean;
  initialJsGzipKB: number;
  liveJsGzipKB: number;
}
const pages: Record<string, PageWeight | { missing: string }> = Object.fromEntries(
  Object.entries(CITIZEN_PAGES).map(([name, { src, prerendered }]) => {
    if (!manifest[src]) return [name, { missing: src }];
    const own = weigh([...staticClosure(src)].filter((key) => !initialKeys.has(key) && !appKeys.has(key)));
    const whole = initial.jsBytes + app.jsBytes + own.jsBytes;
    return [
      name,
      {
        prerendered,
        // Before the page shows: the first script alone when the server sent the page ready-made.
        initialJsGzipKB: kb(prerendered ? initial.jsBytes : whole),
        // Everything once the page is live (after the first touch on a pre-rendered page).
        liveJsGzipKB: kb(whole),
      },
    ];
  }),
);
const pageFigures = Object.values(pages).filter((p): p is PageWeight => 'initialJsGzipKB' in p);
const missingPages = Object.values(pages).filter((p) => 'missing' in p);
const worstInitialKB = Math.max(...pageFigures.map((p) => p.initialJsGzipKB));

const met = worstInitialKB <= TARGET_KB && notInManifest.length === 0 && missingPages.length === 0;
const report = {
  targetKB: TARGET_KB,
  met,
  worstInitialJsGzipKB: worstInitialKB,
  firstScriptJsGzipKB: kb(initial.jsBytes),
  appJsGzipKB: kb(app.jsBytes),
  cssGzipKB: kb(initial.cssBytes),
  pages,
  firstScriptChunks: initial.chunks,
  appChunks: app.chunks,
  css: initial.sheets,
  ...(notInManifest.length > 0 ? { unexplainedHtmlScripts: notInManifest } : {}),
};
console.log(JSON.stringify(report, null, 2));
process.exit(met ? 0 : 1);

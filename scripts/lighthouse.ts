/**
 * `npx tsx scripts/lighthouse.ts [--runs N] [--save DIR]`: Lighthouse performance and accessibility of the
 * citizen pages (home, a procedure, a dossier's tracking page), offline, with Debian's Chromium
 * (CHROME_PATH, default /usr/bin/chromium).
 *
 * Serves the last build (`npm run build` first) from a server of its own, on a free port with a
 * fresh embedded database in a temporary directory, and receives a dossier through the API so that
 * the tracking page shows a real one. Mobile form factor, Lighthouse's default simulated
 * throttling. With several runs (default 3) a page's scores are those of its median run by
 * performance (--save DIR keeps those runs' full reports). Prints JSON; exits 1 when a target is
 * missed, 2 without a build or when a run fails.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Flags, type Result } from 'lighthouse';
import {
  loginOver,
  REPO_ROOT,
  requiredDocumentsOver,
  type ServerProcess,
  startServerProcess,
} from '../src/test/server-process.ts';

const TARGETS = { performance: 95, accessibility: 100 } as const;
const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const PROCEDURE = '1.001193';
const METRICS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
] as const;

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, save: { type: 'string' } },
});
const runs = Math.max(1, Number.parseInt(args.runs ?? '3', 10) || 1);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const builtIndex = path.join(REPO_ROOT, 'dist/web/index.html');
if (!existsSync(builtIndex)) {
  console.error('dist/web/index.html is missing: build the web app first (npm run build).');
  process.exit(2);
}
if (statSync(builtIndex).mtimeMs < newestMtime(path.join(REPO_ROOT, 'web'))) {
  console.error('warning: dist/web is older than web/; these are the scores of the last build.');
}

/** Receives a dossier at the Long Xuyên counter, as src/test/app.ts receiveAs does; returns its code. */
async function receiveDossier(base: string): Promise<string> {
  const token = await loginOver(base, 'tiepnhan.longxuyen', 'motcua2026');
  const res = await fetch(`${base}/api/v1/dossiers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      procedureCode: PROCEDURE,
      unitCode: 'AG.LONGXUYEN',
      channel: 'counter',
      applicant: {
        fullName: 'Nguyễn Văn Lighthouse',
        idNumber: '089301007777',
        phone: '0912000777',
        address: '1 Trần Hưng Đạo',
      },
      documents: await requiredDocumentsOver(base, PROCEDURE),
    }),
  });
  if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { code: string }).code;
}

interface FailedAudit {
  id: string;
  title: string;
  score: number;
  displayValue?: string;
}

interface PageScore {
  url: string;
  performance: number;
  accessibility: number;
  metrics: Record<string, string | undefined>;
  failedAudits: FailedAudit[];
  /** Lighthouse's measure of this machine's speed (a busy or slow machine scores low and worse). */
  benchmarkIndex: number;
  runs?: number[];
}

/** Audits of the two categories that did not pass (Lighthouse's own threshold: score < 0.9). */
function failedAudits(lhr: Result): FailedAudit[] {
  const ids = new Set(
    ['performance', 'accessibility'].flatMap((c) => lhr.categories[c]?.auditRefs.map((ref) => ref.id) ?? []),
  );
  return [...ids]
    .map((id) => lhr.audits[id])
    .filter((audit): audit is NonNullable<typeof audit> => {
      if (!audit || audit.score === null) return false;
      if (['manual', 'notApplicable', 'informative', 'error'].includes(audit.scoreDisplayMode)) return false;
      return audit.score < 0.9;
    })
    .map((audit) => ({
      id: audit.id,
      title: audit.title,
      score: audit.score ?? 0,
      ...(audit.displayValue ? { displayValue: audit.displayValue } : {}),
    }));
}

function scoreOf(lhr: Result, category: string): number {
  return Math.round((lhr.categories[category]?.score ?? 0) * 100);
}

async function audit(url: string, port: number): Promise<Result> {
  const flags: Flags = {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility'],
    formFactor: 'mobile',
    // Defaults spelled out: a phone on slow 4G, simulated (not applied) throttling.
    throttlingMethod: 'simulate',
    locale: 'en-US',
  };
  const result = await lighthouse(url, flags);
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  if (result.lhr.runtimeError)
    throw new Error(`${url}: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`);
  return result.lhr;
}

const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromePath)) {
  console.error(
    `No Chromium at ${chromePath}: install Debian's (apt-get install chromium) or set CHROME_PATH.`,
  );
  process.exit(2);
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'motcua-lighthouse-'));
let server: ServerProcess | undefined;
let chrome: chromeLauncher.LaunchedChrome | undefined;
let exitCode = 1;
// Whatever happens (even a crash past the finally below), the server does not outlive the script.
process.once('exit', () => {
  if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
});
try {
  server = await startServerProcess({
    env: {
      DATABASE_URL: '',
      MOTCUA_DATA_DIR: dataDir,
      MOTCUA_JOBS: 'false',
      MOTCUA_RATE_LIMIT: '5000',
      MOTCUA_TRACK_LIMIT: '1000',
      LOG_LEVEL: 'warn',
    },
  });
  const code = await receiveDossier(server.base);
  const paths = ['/', `/procedures/${PROCEDURE}`, `/track/${encodeURIComponent(code)}`];

  chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: CHROME_FLAGS,
  });

  const pages: PageScore[] = [];
  for (const pagePath of paths) {
    const url = `${server.base}${pagePath}`;
    const results: Result[] = [];
    for (let i = 0; i < runs; i++) results.push(await audit(url, chrome.port));
    results.sort((a, b) => scoreOf(a, 'performance') - scoreOf(b, 'performance'));
    const median = results[Math.floor((results.length - 1) / 2)]!;
    if (args.save) {
      mkdirSync(args.save, { recursive: true });
      const name = pagePath === '/' ? 'home' : pagePath.split('/')[1];
      writeFileSync(path.join(args.save, `${name}.json`), JSON.stringify(median));
    }
    pages.push({
      url: pagePath,
      performance: scoreOf(median, 'performance'),
      accessibility: scoreOf(median, 'accessibility'),
      metrics: Object.fromEntries(METRICS.map((id) => [id, median.audits[id]?.displayValue])),
      failedAudits: failedAudits(median),
      benchmarkIndex: Math.round(median.environment.benchmarkIndex),
      ...(runs > 1 ? { runs: results.map((r) => scoreOf(r, 'performance')) } : {}),
    });
  }
  const met = pages.every(
    (p) => p.performance >= TARGETS.performance && p.accessibility >= TARGETS.accessibility,
  );
  console.log(JSON.stringify({ pages, targets: TARGETS, met }, null, 2));
  exitCode = met ? 0 : 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 2;
} finally {
  chrome?.kill();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);

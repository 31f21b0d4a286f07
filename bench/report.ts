/**
 * Report benchmark: generates dossier histories over 3 years for hundreds of units (through the
 * importer, so they are events, marks and roll-ups like any other), then times the processing
 * report of the province for one whole year with its descendants, via the roll-ups and via the
 * naive route (folding every dossier's events), checks both agree, and prints one JSON line.
 *
 *   npx tsx bench/report.ts --dossiers 1000000                 (embedded PGlite, temporary directory)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/report.ts --dossiers 10000000
 *
 * On PostgreSQL a database `motcua_bench_report_<N>` is created on that server and kept, so a later
 * run with the same N only times the reports (`--fresh` starts over, `--drop` drops it at the end).
 * Options: --units U (default 300), --year Y (default 2025), --runs R (roll-up runs, default 7),
 * --skip-naive (the naive route takes minutes at 10M), --batch B (import batch, default 2000),
 * --data-dir D (PGlite: keep the data there), --no-rebuild (a database generated before the activity
 * roll-ups is not brought up to date: the processing report is timed, the other reports are not).
 *
 * Besides the processing report it times what a leader opens on the same scope and year, when the
 * activity roll-ups are there: the dashboard, the service-quality index, the online and per-officer
 * reports and the overdue list (`otherMs`, median of 3).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { eq, inArray, isNull, sql } from 'drizzle-orm';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { loadConfig } from '../src/config.ts';
import { type Database, openDatabase } from '../src/db/client.ts';
import { procedureUnits, procedures, units, users } from '../src/db/schema.ts';
import { randomHistories } from '../src/db/seed/history-generator.ts';
import { prepareDatabase } from '../src/services/demo/index.ts';
import type { Actor, ServiceContext } from '../src/services/platform/index.ts';
import { importDossiers } from '../src/services/dossiers/index.ts';
import { dashboard, drillDown } from '../src/services/statistics/index.ts';
import { naiveProcessingReport, processingReport } from '../src/services/statistics/index.ts';
import { serviceIndex } from '../src/services/statistics/index.ts';
import { tableReport } from '../src/services/statistics/index.ts';
import { activityMissing } from '../src/services/rollups/index.ts';

const { values } = parseArgs({
  options: {
    dossiers: { type: 'string', default: '1000000' },
    units: { type: 'string', default: '300' },
    year: { type: 'string', default: '2025' },
    runs: { type: 'string', default: '7' },
    batch: { type: 'string', default: '2000' },
    'skip-naive': { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
    drop: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    'no-rebuild': { type: 'boolean', default: false },
  },
});
const N = Number(values.dossiers);
const UNITS = Number(values.units);
const YEAR = Number(values.year);
const RUNS = Number(values.runs);
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const log = (text: string) => process.stderr.write(`${text}\n`);

const adminUrl = process.env.DATABASE_URL || null;
let database: Database;
let cleanup: () => Promise<void> = async () => {};
if (adminUrl) {
  const name = `motcua_bench_report_${N}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  if (values.fresh) await admin.query(`drop database if exists ${name} with (force)`);
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount;
  if (!exists) await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  database = await openDatabase({ url: url.toString() });
  if (values.drop)
    cleanup = async () => {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    };
} else {
  const dir = values['data-dir'] ?? mkdtempSync(path.join(tmpdir(), 'motcua-bench-report-'));
  database = await openDatabase({ dataDir: dir });
  if (!values['data-dir']) cleanup = async () => rmSync(dir, { recursive: true, force: true });
}

// The clock stands at the end of the generated history: three years up to 1 Jan of YEAR + 2.
const now = new Date(`${YEAR + 1}-11-24T10:00:00+07:00`);
const ctx: ServiceContext = { database, clock: () => now };
const db = database.db;
await prepareDatabase(
  ctx,
  { ...loadConfig({}), seed: 'demo', adminPassword: null, demoHistory: 0 },
  { rebuildMissing: !values['no-rebuild'] },
);

// Hundreds of communes under the province, each receiving the demo communes' procedures.
const [root] = await db.select().from(units).where(isNull(units.parentId));
const benchUnits = Array.from({ length: UNITS }, (_, i) => `AG.BENCH${String(i + 1).padStart(4, '0')}`);
const have = new Set((await db.select({ code: units.code }).from(units)).map((u) => u.code));
const missing = benchUnits.filter((c) => !have.has(c));
if (missing.length) {
  const rows = missing.map((code, i) => ({
    id: uuidv7(),
    code,
    name: `Xã Thử ${i + 1}`,
    level: 'commune' as const,
    parentId: root!.id,
    jurisdictionId: root!.id,
    hasCounter: true,
  }));
  for (let i = 0; i < rows.length; i += 500) await db.insert(units).values(rows.slice(i, i + 500));
}
const procedureCodes = (
  await db
    .selectDistinct({ code: procedures.code })
    .from(procedureUnits)
    .innerJoin(procedures, eq(procedures.id, procedureUnits.procedureId))
    .innerJoin(units, eq(units.id, procedureUnits.unitId))
    .where(inArray(units.code, ['AG.LONGXUYEN', 'AG.CHAUPHU', 'AG.MYHOAHUNG']))
).map((p) => p.code);

const [{ existing } = { existing: 0 }] = await db
  .select({ existing: sql<number>`count(*)::int` })
  .from(sql`dossiers`);
let importSeconds: number | null = null;
if (Number(existing) < N) {
  const [adminUser] = await db.select().from(users).where(eq(users.username, 'admin'));
  const actor: Actor = {
    id: adminUser!.id,
    username: 'admin',
    fullName: adminUser!.fullName,
    kind: 'staff',
    grants: [{ role: 'system_admin', unitId: root!.id, includeDescendants: true }],
  };
  const lines = function* () {
    for (const d of randomHistories({
      seed: 1,
      count: N,
      unitCodes: benchUnits,
      procedureCodes,
      from: new Date(`${YEAR - 1}-01-01T00:00:00+07:00`),
      to: now,
      now,
      codePrefix: 'B',
    }))
      yield JSON.stringify(d);
  };
  const started = performance.now();
  let lastLog = 0;
  const summary = await importDossiers(ctx, actor, { ip: 'bench', requestId: null }, lines(), {
    batchSize: Number(values.batch),
    onProgress: (p) => {
      const t = performance.now();
      if (t - lastLog < 10_000) return;
      lastLog = t;
      const rate = p.lines / ((t - started) / 1000);
      log(
        `import: ${p.lines}/${N} lines, ${Math.round(rate)}/s, ETA ${Math.round((N - p.lines) / rate)} s (${p.skipped} already there)`,
      );
    },
  });
  importSeconds = round((performance.now() - started) / 1000);
  if (summary.invalid)
    throw new Error(`import rejected lines: ${JSON.stringify(summary.errors.slice(0, 3))}`);
  log(`import: ${summary.imported} dossiers in ${importSeconds} s`);
}
if (database.kind === 'postgresql') await db.execute(sql`analyze`);

const query = { unit: 'AG', from: `${YEAR}-01-01`, to: `${YEAR}-12-31`, descendants: true };
const reader: Actor = {
  id: '00000000-0000-0000-0000-000000000000',
  username: 'bench',
  fullName: 'Bench',
  kind: 'staff',
  grants: [{ role: 'auditor', unitId: root!.id, includeDescendants: true }],
};
async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await work();
  return { ms: performance.now() - t, value };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const rollupRuns: number[] = [];
let rollup = await timed(() => processingReport(ctx, reader, query));
const coldMs = rollup.ms;
for (let i = 0; i < RUNS; i++) {
  rollup = await timed(() => processingReport(ctx, reader, query));
  rollupRuns.push(rollup.ms);
}
const byUnitRuns: number[] = [];
for (let i = 0; i < Math.max(3, Math.floor(RUNS / 2)); i++)
  byUnitRuns.push((await timed(() => processingReport(ctx, reader, { ...query, groupBy: 'unit' }))).ms);

// What else a leader opens on the same scope and year (only with the activity roll-ups in place).
const otherMs: Record<string, number> | null = (await activityMissing(db)) ? null : {};
if (otherMs) {
  const others: Record<string, () => Promise<unknown>> = {
    dashboard: () => dashboard(ctx, reader, query),
    index: () => serviceIndex(ctx, reader, query),
    online: () => tableReport(ctx, reader, 'online', { ...query, groupBy: 'unit' }),
    officers: () => tableReport(ctx, reader, 'officers', { ...query, groupBy: 'officer' }),
    overdueList: () =>
      drillDown(ctx, reader, { ...query, category: 'inProgress.overdue', limit: 20, offset: 0 }),
  };
  for (const [name, work] of Object.entries(others)) {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) runs.push((await timed(work)).ms);
    otherMs[name] = round(median(runs));
  }
}

let naive: { ms: number; value: Awaited<ReturnType<typeof naiveProcessingReport>> } | null = null;
if (!values['skip-naive']) {
  log('naive report: folding every dossier of the year (minutes at scale)…');
  naive = await timed(() => naiveProcessingReport(ctx, reader, query));
}
const [{ rollupRows } = { rollupRows: 0 }] = await db
  .select({ rollupRows: sql<number>`count(*)::int` })
  .from(
    sql`(select 1 from report_rollups_y union all select 1 from report_rollups_m union all select 1 from report_rollups_d) r`,
  );

const result = {
  bench: 'report',
  database: database.kind,
  dossiers: N,
  units: UNITS + 1,
  procedures: procedureCodes.length,
  period: `${query.from}..${query.to}`,
  importSeconds,
  importPerSecond: importSeconds ? Math.round(N / importSeconds) : null,
  rollupRows: Number(rollupRows),
  rollupMs: { cold: round(coldMs), median: round(median(rollupRuns)), max: round(Math.max(...rollupRuns)) },
  rollupByUnitMs: { median: round(median(byUnitRuns)) },
  otherMs,
  naiveMs: naive ? round(naive.ms) : null,
  ratio: naive ? round(naive.ms / median(rollupRuns)) : null,
  equal: naive ? JSON.stringify(naive.value) === JSON.stringify(rollup.value) : null,
  totals: {
    carriedOver: rollup.value.totals.carriedOver,
    received: rollup.value.totals.received.total,
    resolved: rollup.value.totals.resolved.total,
    inProgress: rollup.value.totals.inProgress.total,
    onTimeRate: rollup.value.totals.onTimeRate.value,
  },
  target: { rollupMs: 100, ratio: 100 },
  met: naive ? median(rollupRuns) < 100 && naive.ms / median(rollupRuns) >= 100 : median(rollupRuns) < 100,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
await database.close();
await cleanup();

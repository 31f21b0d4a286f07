/**
 * Intake throughput benchmark: the real server as a child process, loaded over HTTP with 50 and 200
 * concurrent keep-alive connections, each request a valid new dossier with its own Idempotency-Key;
 * then the raw single-row INSERT rate of the same database for comparison.
 *
 * PostgreSQL when DATABASE_URL is set (a database `motcua_bench_<random>` is created on that server
 * and dropped at the end), else embedded PGlite in a temporary data directory. Prints one JSON line.
 *
 *   npx tsx bench/intake.ts
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/intake.ts
 *
 * Knobs: BENCH_SECONDS (per concurrency level, default 10), BENCH_RAW_SECONDS (default 5),
 * BENCH_RAW_CLIENTS (default 50; PostgreSQL's max_connections is 100 here), BENCH_CPU_PROF=<dir>
 * (writes a V8 CPU profile of the server process there), DATABASE_POOL_SIZE (the server's pool).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { DEMO_PASSWORD } from '../src/config.ts';
import { loginOver, requiredDocumentsOver, startServerProcess } from '../src/test/server-process.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RAW_SECONDS = Number(process.env.BENCH_RAW_SECONDS ?? 5);
const RAW_CLIENTS = Number(process.env.BENCH_RAW_CLIENTS ?? 50);
const LEVELS = [50, 200];
const CPU_PROF = process.env.BENCH_CPU_PROF ?? '';

const adminUrl = process.env.DATABASE_URL || null;
const kind: 'postgresql' | 'pglite' = adminUrl ? 'postgresql' : 'pglite';

interface Run {
  concurrency: number;
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  errorKinds?: Record<string, number>;
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summarize(concurrency: number, latencies: number[], elapsedMs: number, errors: Map<string, number>) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
  const run: Run = {
    concurrency,
    requests: latencies.length,
    perSecond: round((latencies.length / elapsedMs) * 1000),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1] ?? Number.NaN),
    errors: errorCount,
  };
  if (errorCount) run.errorKinds = Object.fromEntries(errors);
  return run;
}

// ---------------------------------------------------------------- the database under test

let benchUrl: string | null = null;
let benchDbName: string | null = null;
let dataDir: string | null = null;

async function withAdmin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl! });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

if (adminUrl) {
  benchDbName = `motcua_bench_${randomBytes(4).toString('hex')}`;
  await withAdmin((c) => c.query(`create database ${benchDbName}`));
  const url = new URL(adminUrl);
  url.pathname = `/${benchDbName}`;
  benchUrl = url.toString();
} else {
  dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-bench-intake-'));
}

async function cleanup() {
  if (benchDbName) await withAdmin((c) => c.query(`drop database if exists ${benchDbName} with (force)`));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

// ---------------------------------------------------------------- HTTP load

function post(
  agent: http.Agent,
  port: number,
  pathname: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: pathname,
        method: 'POST',
        agent,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

async function loadAt(
  port: number,
  token: string,
  documents: unknown,
  concurrency: number,
  seconds: number,
  tag: string,
): Promise<Run> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  const errors = new Map<string, number>();
  let seq = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const n = seq++;
      const body = JSON.stringify({
        procedureCode: '1.001193',
        unitCode: 'AG.LONGXUYEN',
        channel: 'counter',
        applicant: {
          fullName: `Người Đo Tải ${tag} ${n}`,
          idNumber: `0${String(n).padStart(11, '0')}`,
          phone: '0912000111',
          address: `${n} Lê Lợi, phường Long Xuyên`,
        },
        documents,
        resultDelivery: 'counter',
      });
      const t0 = performance.now();
      try {
        const res = await post(
          agent,
          port,
          '/api/v1/dossiers',
          { authorization: `Bearer ${token}`, 'idempotency-key': `bench-${tag}-${n}-${randomUUID()}` },
          body,
        );
        if (res.status === 201) latencies.push(performance.now() - t0);
        else {
          let code = String(res.status);
          try {
            code += ` ${(JSON.parse(res.text) as { code?: string }).code ?? ''}`;
          } catch {}
          errors.set(code, (errors.get(code) ?? 0) + 1);
        }
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
        errors.set(code, (errors.get(code) ?? 0) + 1);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = performance.now() - started;
  agent.destroy();
  return summarize(concurrency, latencies, elapsed, errors);
}

// ---------------------------------------------------------------- raw INSERT rate

const RAW_DDL =
  'create table if not exists bench_raw (id uuid primary key, payload jsonb, created_at timestamptz)';
const RAW_INSERT = 'insert into bench_raw (id, payload, created_at) values ($1, $2, now())';
const rawPayload = (n: number) =>
  JSON.stringify({
    applicant: { fullName: `Người Đo Tải ${n}`, idNumber: '089123456789', phone: '0912000111' },
    documents: [{ index: 0, form: 'original', copies: 1 }],
    formData: {},
  });

async function rawRate(insert: (n: number) => Promise<unknown>, clients: number, seconds: number) {
  let count = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        try {
          await insert(count);
          count++;
        } catch {
          errors++;
        }
      }
    }),
  );
  return { clients, perSecond: round((count / (performance.now() - started)) * 1000), errors };
}

async function rawPostgres(clients: number) {
  const pool = new pg.Pool({ connectionString: benchUrl!, max: clients });
  // `drop database … with (force)` at the end may still find a closing connection: not an error here.
  pool.on('error', () => {});
  try {
    await pool.query(RAW_DDL);
    // Open every connection before the clock starts.
    const held = await Promise.all(Array.from({ length: clients }, () => pool.connect()));
    for (const c of held) c.release();
    return await rawRate((n) => pool.query(RAW_INSERT, [randomUUID(), rawPayload(n)]), clients, RAW_SECONDS);
  } finally {
    await pool.end();
  }
}

async function rawPglite(clients: number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'motcua-bench-raw-'));
  const db = await PGlite.create({ dataDir: dir });
  try {
    await db.exec(RAW_DDL);
    return await rawRate((n) => db.query(RAW_INSERT, [randomUUID(), rawPayload(n)]), clients, RAW_SECONDS);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- main

try {
  const server = await startServerProcess({
    env: {
      ...(benchUrl ? { DATABASE_URL: benchUrl } : { DATABASE_URL: '', MOTCUA_DATA_DIR: dataDir! }),
      MOTCUA_JOBS: 'false',
      MOTCUA_RATE_LIMIT: '1000000000',
      LOG_LEVEL: 'warn',
    },
    readyTimeoutMs: 180_000,
    nodeArgs: CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : [],
  });
  const runs: Run[] = [];
  try {
    const port = Number(new URL(server.base).port);
    const token = await loginOver(server.base, 'tiepnhan.longxuyen', DEMO_PASSWORD);
    const documents = await requiredDocumentsOver(server.base, '1.001193');
    // Warm up (JIT, caches, pool connections); not measured.
    await loadAt(port, token, documents, 10, 2, 'warm');
    for (const concurrency of LEVELS)
      runs.push(await loadAt(port, token, documents, concurrency, SECONDS, `c${concurrency}`));
  } finally {
    const exit = await server.stop('SIGTERM');
    if (exit.code !== 0) process.stderr.write(`server exited with ${exit.code ?? exit.signal}\n`);
    if (runs.length === 0) process.stderr.write(server.output());
  }

  // The server is stopped: the raw rate has the database (and the CPU) to itself.
  const raw = kind === 'postgresql' ? await rawPostgres(RAW_CLIENTS) : await rawPglite(RAW_CLIENTS);
  const at200 = runs.find((r) => r.concurrency === 200)!;
  const ratio200 = round(at200.perSecond / raw.perSecond, 3);
  const targets = { ratioMin: 0.5, p99MsAt200OnPostgres: 50 };
  const result = {
    benchmark: 'intake',
    database: kind,
    seconds: SECONDS,
    serverPoolSize: kind === 'postgresql' ? Number(process.env.DATABASE_POOL_SIZE ?? 10) : undefined,
    runs,
    rawInsertPerSecond: raw.perSecond,
    rawInsert: {
      clients: raw.clients,
      seconds: RAW_SECONDS,
      errors: raw.errors,
      how:
        kind === 'postgresql'
          ? 'pg.Pool of N connections to the same database, single-row INSERTs, autocommit, server stopped'
          : 'in-process PGlite on its own temp data dir (PGlite is single-process: the N clients share one instance), server stopped',
    },
    ratio200,
    targets,
    met: {
      ratio200: ratio200 >= targets.ratioMin,
      p99MsAt200OnPostgres: kind === 'postgresql' ? at200.p99Ms <= targets.p99MsAt200OnPostgres : null,
      noErrors: runs.every((r) => r.errors === 0),
    },
    note: 'client and server share the same 2 cores; the server is one Node process; all requests go to one unit (one dossier-code counter row); MOTCUA_RATE_LIMIT only raises the cap, every request still upserts the rate_limits row of 127.0.0.1',
  };
  console.log(JSON.stringify(result));
} finally {
  await cleanup();
}

/**
 * Hall queue load: a simulated day at the provincial centre (12 counters, 300 tickets an hour for 8
 * hours by default), time compressed, against the real server as a child process. Tickets arrive
 * at random (Poisson) for the five services; each counter calls the next ticket of its services,
 * serves it for a random 1–3.5 simulated minutes, finishes, calls again (or waits half a simulated
 * minute when nobody waits). Hall displays listen to the live events. The display latency of a
 * call is the time from the counter's request to the moment every display has the event. Prints
 * one JSON line.
 *
 *   npx tsx bench/queue.ts                        (embedded PGlite in a temporary directory)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/queue.ts
 *
 * Options: --hours H (default 8), --per-hour N (default 300), --speed S (simulated seconds per real
 * second, default 120: a day in 4 minutes), --displays D (default 3).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DEMO_PASSWORD } from '../src/config.ts';
import { seededRandom } from '../src/db/seed/history-generator.ts';
import { loginOver, startServerProcess } from '../src/test/server-process.ts';

const { values } = parseArgs({
  options: {
    hours: { type: 'string', default: '8' },
    'per-hour': { type: 'string', default: '300' },
    speed: { type: 'string', default: '120' },
    displays: { type: 'string', default: '3' },
  },
});
const HOURS = Number(values.hours);
const PER_HOUR = Number(values['per-hour']);
const SPEED = Number(values.speed);
const DISPLAYS = Number(values.displays);
const UNIT = 'AG.TTPVHCC';
const log = (text: string) => process.stderr.write(`${text}\n`);
const sleep = (simSeconds: number) => new Promise((r) => setTimeout(r, (simSeconds * 1000) / SPEED));
const rand = seededRandom(766);

// The server on its own database.
const adminUrl = process.env.DATABASE_URL || null;
let env: Record<string, string>;
let cleanup: () => Promise<void>;
if (adminUrl) {
  const name = `motcua_bench_queue_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  env = { DATABASE_URL: url.toString() };
  cleanup = async () => {
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    await a.query(`drop database if exists ${name} with (force)`);
    await a.end();
  };
} else {
  const dir = mkdtempSync(path.join(tmpdir(), 'motcua-bench-queue-'));
  env = { DATABASE_URL: '', MOTCUA_DATA_DIR: dir };
  cleanup = async () => rmSync(dir, { recursive: true, force: true });
}
const server = await startServerProcess({
  env: { ...env, MOTCUA_RATE_LIMIT: '100000', MOTCUA_TICKET_LIMIT: '100000', MOTCUA_DEMO_HISTORY: '0' },
  readyTimeoutMs: 180_000,
});
const base = server.base;

async function request(
  method: string,
  url: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

const token = await loginOver(base, 'tiepnhan.tinh', DEMO_PASSWORD);
const services = (await request('GET', `/api/v1/queue/services?unit=${UNIT}`)).json as Array<{
  code: string;
}>;
const counters = (await request('GET', `/api/v1/queue/counters?unit=${UNIT}`)).json as Array<{
  id: string;
  number: number;
}>;

// The displays: every 'called' event by ticket, with the time each display got it.
const received = new Map<string, number[]>();
const streams: http.IncomingMessage[] = [];
for (let d = 0; d < DISPLAYS; d++) {
  const stream = await new Promise<http.IncomingMessage>((resolve, reject) =>
    http.get(`${base}/api/v1/queue/display/${UNIT}/events`, resolve).on('error', reject),
  );
  streams.push(stream);
  let buffer = '';
  stream.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, i);
      buffer = buffer.slice(i + 2);
      if (!block.startsWith('event: called')) continue;
      const data = JSON.parse(/^data: (.+)$/m.exec(block)![1]!) as { ticketId: string };
      const list = received.get(data.ticketId) ?? [];
      list.push(performance.now());
      received.set(data.ticketId, list);
    }
  });
}

const dayEnds = HOURS * 3600;
const started = performance.now();
const simNow = () => ((performance.now() - started) / 1000) * SPEED;
let taken = 0;
const calls: Array<{ ticketId: string; sentAt: number; answeredAt: number }> = [];
let errors = 0;

// Arrivals: exponential gaps with the hourly rate, each request on its own (a slow answer does
// not hold back the next arrival).
const pending: Array<Promise<void>> = [];
const arrivals = (async () => {
  while (simNow() < dayEnds) {
    await sleep(-Math.log(1 - rand()) * (3600 / PER_HOUR));
    const service = services[Math.floor(rand() * services.length)]!;
    const priority = rand() < 0.1 ? { priority: 'elderly' } : {};
    pending.push(
      request('POST', '/api/v1/queue/tickets', {
        unitCode: UNIT,
        serviceCode: service.code,
        ...priority,
      }).then((res) => {
        if (res.status === 201) taken++;
        else errors++;
      }),
    );
  }
  await Promise.all(pending);
})();

// The counters.
const desks = counters.map(async (counter) => {
  while (simNow() < dayEnds) {
    const sentAt = performance.now();
    const res = await request('POST', `/api/v1/queue/counters/${counter.id}/call-next`, undefined, token);
    if (res.status === 204) {
      await sleep(30);
      continue;
    }
    if (res.status !== 200) {
      errors++;
      await sleep(30);
      continue;
    }
    const ticket = res.json as { id: string };
    calls.push({ ticketId: ticket.id, sentAt, answeredAt: performance.now() });
    const act = (action: string) =>
      request('POST', `/api/v1/queue/counters/${counter.id}/tickets/${ticket.id}/actions`, { action }, token);
    await sleep(10 + rand() * 20); // the citizen walks to the counter
    if ((await act('start')).status !== 200) errors++;
    // 1–3.5 minutes of service: 12 counters then keep up with about 300 tickets an hour.
    await sleep(60 + rand() * 150);
    if ((await act('finish')).status !== 200) errors++;
  }
});

let lastLog = 0;
const progress = setInterval(() => {
  const t = simNow();
  if (t - lastLog < 3600) return;
  lastLog = t;
  log(`simulated ${(t / 3600).toFixed(1)} h: ${taken} tickets, ${calls.length} calls`);
}, 1000);
await Promise.all([arrivals, ...desks]);
clearInterval(progress);
await new Promise((r) => setTimeout(r, 1500)); // the last events
for (const s of streams) s.destroy();

const latencies: number[] = [];
let missed = 0;
for (const c of calls) {
  const got = received.get(c.ticketId) ?? [];
  if (got.length < DISPLAYS) {
    missed++;
    continue;
  }
  latencies.push(Math.max(...got) - c.sentAt);
}
latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]! : null;
const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
const result = {
  bench: 'queue',
  database: adminUrl ? 'postgresql' : 'pglite',
  unit: UNIT,
  counters: counters.length,
  displays: DISPLAYS,
  simulatedHours: HOURS,
  ticketsPerHour: PER_HOUR,
  speed: SPEED,
  realSeconds: round((performance.now() - started) / 1000),
  tickets: taken,
  calls: calls.length,
  errors,
  missedEvents: missed,
  displayLatencyMs: {
    p50: round(pct(0.5)),
    p95: round(pct(0.95)),
    p99: round(pct(0.99)),
    max: round(latencies.at(-1) ?? null),
  },
  target: { maxLatencyMs: 1000 },
  met: missed === 0 && errors === 0 && (latencies.at(-1) ?? Number.POSITIVE_INFINITY) < 1000,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
await server.stop();
await cleanup();

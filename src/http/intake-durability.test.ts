/**
 * Intake is durable: a burst of intake requests, the server SIGKILLed in the middle of it, then
 * restarted on the same data. Every dossier whose 201 reached the client is still there; re-sending
 * the whole burst with the same Idempotency-Keys creates nothing twice, and the day's codes end up
 * unique and gapless; every dossier has exactly one `receive` event.
 *
 * Runs the real server as a child process: on embedded PGlite (a fresh data directory) always, and
 * on PostgreSQL (a fresh database) when TEST_DATABASE_URL is set.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { createPostgresDatabase, TEST_TARGETS } from '../test/databases.ts';
import {
  loginOver,
  requiredDocumentsOver,
  type ServerProcess,
  startServerProcess,
} from '../test/server-process.ts';

const TOTAL = 200;
const CONCURRENCY = 20;
/** SIGKILL once this many responses have come back. */
const KILL_AFTER = 50;
const PROCEDURE = '1.001193';
const UNIT = 'AG.LONGXUYEN';
const RECEPTIONIST = 'tiepnhan.longxuyen';
const REQUEST_TIMEOUT_MS = 120_000;

interface Sent {
  index: number;
  key: string;
  status: number | null;
  replayed: boolean;
  code: string | null;
  body: unknown;
  error: string | null;
}

interface DossierJson {
  code: string;
  version: number;
  applicant: { fullName: string; idNumber: string };
  events: { seq: number; type: string }[];
}

const keyOf = (i: number) => `burst-${String(i).padStart(4, '0')}`;

function bodyOf(i: number, documents: unknown) {
  return {
    procedureCode: PROCEDURE,
    unitCode: UNIT,
    channel: 'counter',
    applicant: {
      fullName: `Người Thử Bền Vững ${i}`,
      idNumber: `0891${String(i).padStart(8, '0')}`,
      phone: '0912000111',
      address: `${i} Lê Lợi, phường Long Xuyên`,
    },
    documents,
    resultDelivery: 'counter',
  };
}

/**
 * Sends intake requests for `indexes` with a fixed number of concurrent workers. `onResponse` runs
 * after each response (it may kill the server); once `stopped()` is true no new request is started.
 */
async function sendBurst(
  base: string,
  token: string,
  documents: unknown,
  indexes: number[],
  opts: { onResponse?: (done: number, inFlight: number) => void; stopped?: () => boolean } = {},
): Promise<Sent[]> {
  const results: Sent[] = [];
  let next = 0;
  let done = 0;
  let inFlight = 0;
  const worker = async () => {
    while (next < indexes.length && !opts.stopped?.()) {
      const index = indexes[next++]!;
      const key = keyOf(index);
      const sent: Sent = { index, key, status: null, replayed: false, code: null, body: null, error: null };
      inFlight++;
      try {
        const res = await fetch(`${base}/api/v1/dossiers`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            'idempotency-key': key,
          },
          body: JSON.stringify(bodyOf(index, documents)),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const text = await res.text();
        sent.status = res.status;
        sent.replayed = res.headers.get('idempotent-replayed') === 'true';
        try {
          sent.body = JSON.parse(text);
        } catch {
          sent.body = text;
        }
        if (res.status === 201) sent.code = (sent.body as DossierJson).code;
      } catch (err) {
        // The server died under this request: it may or may not have committed.
        sent.error = (err as Error & { cause?: Error }).cause?.message ?? (err as Error).message;
      }
      inFlight--;
      results.push(sent);
      done++;
      opts.onResponse?.(done, inFlight);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return results.sort((a, b) => a.index - b.index);
}

async function getJson<T>(base: string, token: string, url: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${url}`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** `AG.LONGXUYEN-260302-0007` → { day: '260302', n: 7 } */
function partsOf(code: string): { day: string; n: number } {
  const m = /^AG\.LONGXUYEN-(\d{6})-(\d{4,})$/.exec(code);
  if (!m) throw new Error(`unexpected dossier code ${code}`);
  return { day: m[1]!, n: Number(m[2]) };
}

describe.each(TEST_TARGETS)('intake survives SIGKILL on %s', (target) => {
  let env: Record<string, string>;
  let dataDir: string | null = null;
  let dropDatabase: (() => Promise<void>) | null = null;
  let databaseUrl: string | null = null;
  const servers: ServerProcess[] = [];
  let server: ServerProcess;
  let token: string;
  let documents: { index: number; form: 'original' }[];
  let firstBurst: Sent[] = [];
  let acknowledged: Sent[] = [];
  let resent: Sent[] = [];
  let finalCodes: string[] = [];

  const start = async () => {
    const s = await startServerProcess({ env, readyTimeoutMs: 120_000 });
    servers.push(s);
    return s;
  };

  beforeAll(async () => {
    env = { MOTCUA_RATE_LIMIT: '1000000', MOTCUA_JOBS: 'false', LOG_LEVEL: 'warn' };
    if (target === 'pglite') {
      dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-durability-'));
      env.MOTCUA_DATA_DIR = dataDir;
      env.DATABASE_URL = '';
    } else {
      const pg = await createPostgresDatabase();
      dropDatabase = pg.drop;
      databaseUrl = pg.url;
      env.DATABASE_URL = pg.url;
    }
    server = await start();
    token = await loginOver(server.base, RECEPTIONIST, DEMO_PASSWORD);
    documents = await requiredDocumentsOver(server.base, PROCEDURE);
    expect(documents.length).toBeGreaterThan(0);
  }, 180_000);

  afterAll(async () => {
    for (const s of servers) {
      const stopping = s.stop('SIGTERM');
      const timer = setTimeout(() => s.child.kill('SIGKILL'), 20_000);
      await stopping;
      clearTimeout(timer);
    }
    await dropDatabase?.().catch(() => {});
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('SIGKILL lands in the middle of a burst of intake requests', async () => {
    let killed = false;
    let inFlightAtKill = 0;
    let doneAtKill = 0;
    const victim = server;
    firstBurst = await sendBurst(
      victim.base,
      token,
      documents,
      Array.from({ length: TOTAL }, (_, i) => i + 1),
      {
        stopped: () => killed,
        onResponse: (done, inFlight) => {
          if (killed || done < KILL_AFTER) return;
          killed = true;
          doneAtKill = done;
          inFlightAtKill = inFlight;
          victim.child.kill('SIGKILL');
        },
      },
    );
    const exit = await victim.exited;
    expect(exit.signal).toBe('SIGKILL');
    acknowledged = firstBurst.filter((s) => s.status === 201);
    const unexpected = firstBurst.filter((s) => s.status !== null && s.status !== 201);
    expect(unexpected.map((s) => `${s.key}: ${s.status} ${JSON.stringify(s.body)}`)).toEqual([]);
    // The kill really was mid-burst: some requests got their 201, others were cut off.
    expect(doneAtKill).toBe(KILL_AFTER);
    expect(inFlightAtKill).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(acknowledged.length).toBeLessThan(TOTAL);
    // Requests not yet started when the server died were never sent.
    expect(firstBurst.length).toBeLessThan(TOTAL);
    expect(new Set(acknowledged.map((s) => s.code)).size).toBe(acknowledged.length);
    for (const s of acknowledged) expect(s.replayed).toBe(false);
  }, 300_000);

  it('restarts on the same data after the kill', async () => {
    server = await start();
    const health = await (await fetch(`${server.base}/healthz`)).json();
    expect(health.database).toBe(target);
    token = await loginOver(server.base, RECEPTIONIST, DEMO_PASSWORD);
  }, 180_000);

  it('(a) every dossier whose 201 was received exists, with its receive event and applicant', async () => {
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
    const missing: string[] = [];
    for (const s of acknowledged) {
      const { status, body } = await getJson<DossierJson>(server.base, token, `/api/v1/dossiers/${s.code}`);
      if (status !== 200) {
        missing.push(`${s.key} → ${s.code}: ${status}`);
        continue;
      }
      const before = s.body as DossierJson;
      expect(body.code).toBe(s.code);
      expect(body.applicant.fullName).toBe(`Người Thử Bền Vững ${s.index}`);
      expect(body.applicant).toEqual(before.applicant);
      expect(body.events.filter((e) => e.type === 'receive')).toHaveLength(1);
      expect(body.events[0]?.type).toBe('receive');
    }
    expect(missing).toEqual([]);
  }, 300_000);

  it('(b) re-sending all requests with the same keys creates nothing twice; codes are gapless', async () => {
    resent = await sendBurst(
      server.base,
      token,
      documents,
      Array.from({ length: TOTAL }, (_, i) => i + 1),
    );
    const failed = resent.filter((s) => s.status !== 201);
    expect(failed.map((s) => `${s.key}: ${s.status ?? s.error} ${JSON.stringify(s.body)}`)).toEqual([]);
    const ackByKey = new Map(acknowledged.map((s) => [s.key, s]));
    for (const s of resent) {
      const before = ackByKey.get(s.key);
      if (before) {
        // Committed before the kill: the same dossier, replayed.
        expect(s.replayed, s.key).toBe(true);
        expect(s.code, s.key).toBe(before.code);
      }
      expect((s.body as DossierJson).applicant.fullName).toBe(`Người Thử Bền Vững ${s.index}`);
    }
    // Requests cut off by the kill were either committed (replayed now) or rolled back (created now).
    const createdNow = resent.filter((s) => !s.replayed).length;
    const committedUnacknowledged = resent.filter((s) => s.replayed && !ackByKey.has(s.key)).length;
    expect(createdNow + committedUnacknowledged + acknowledged.length).toBe(TOTAL);
    console.info(
      `[${target}] killed after ${KILL_AFTER} responses: ${acknowledged.length} acknowledged, ` +
        `${committedUnacknowledged} committed without a response, ${createdNow} created on re-send`,
    );
    const resentCodes = resent.map((s) => s.code!);
    expect(new Set(resentCodes).size).toBe(TOTAL);

    // A third pass changes nothing: every request is now a replay of the same dossier.
    const again = await sendBurst(server.base, token, documents, [1, 2, 3, TOTAL - 1, TOTAL]);
    for (const s of again) {
      expect(s.status).toBe(201);
      expect(s.replayed).toBe(true);
      expect(s.code).toBe(resent.find((r) => r.key === s.key)!.code);
    }

    // The list holds exactly TOTAL dossiers (walk every page).
    const listed: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const { status, body } = await getJson<{ items: { code: string }[]; nextCursor: string | null }>(
        server.base,
        token,
        `/api/v1/dossiers?limit=200${query}`,
      );
      expect(status).toBe(200);
      listed.push(...body.items.map((d) => d.code));
      cursor = body.nextCursor;
    } while (cursor);
    expect(listed).toHaveLength(TOTAL);
    expect(new Set(listed).size).toBe(TOTAL);
    expect([...listed].sort()).toEqual([...resentCodes].sort());
    finalCodes = listed;

    // Gapless per local day: …-0001 to …-0200 (split in two runs only if the burst crossed midnight).
    const byDay = new Map<string, number[]>();
    for (const code of listed) {
      const { day, n } = partsOf(code);
      byDay.set(day, [...(byDay.get(day) ?? []), n]);
    }
    for (const [day, ns] of byDay) {
      expect(
        ns.sort((a, b) => a - b),
        `day ${day}`,
      ).toEqual(Array.from({ length: ns.length }, (_, i) => i + 1));
    }
    if (byDay.size === 1) {
      const [day] = [...byDay.keys()];
      expect([...listed].sort()[TOTAL - 1]).toBe(`${UNIT}-${day}-0200`);
    }
  }, 300_000);

  it('(c) each dossier has exactly one receive event (API and database)', async () => {
    expect(finalCodes).toHaveLength(TOTAL);
    for (const code of finalCodes) {
      const { status, body } = await getJson<DossierJson>(server.base, token, `/api/v1/dossiers/${code}`);
      expect(status, code).toBe(200);
      expect(
        body.events.map((e) => e.type),
        code,
      ).toEqual(['receive']);
      expect(body.version).toBe(1);
    }

    // Then straight from the database, with the server stopped cleanly (PGlite is single-process).
    const stopped = await server.stop('SIGTERM');
    expect(stopped.code).toBe(0);
    const database = await openDatabase(databaseUrl ? { url: databaseUrl } : { dataDir: dataDir! });
    try {
      const one = async (text: string) => (await database.raw.query<{ n: number }>(text)).rows[0]!.n;
      expect(await one('select count(*)::int as n from dossiers')).toBe(TOTAL);
      expect(await one(`select count(*)::int as n from dossier_events where type = 'receive'`)).toBe(TOTAL);
      expect(await one('select count(*)::int as n from dossier_events')).toBe(TOTAL);
      expect(
        await one(`select count(*)::int as n from (
          select dossier_id from dossier_events where type = 'receive'
          group by dossier_id having count(*) <> 1) x`),
      ).toBe(0);
      expect(
        await one(`select count(*)::int as n from dossiers d
          where not exists (select 1 from dossier_events e where e.dossier_id = d.id and e.seq = 1)`),
      ).toBe(0);
      expect(await one(`select count(*)::int as n from idempotency_keys where key like 'burst-%'`)).toBe(
        TOTAL,
      );
      expect(
        await one(`select count(*)::int as n from idempotency_keys k
          where not exists (select 1 from dossiers d where d.id = k.dossier_id)`),
      ).toBe(0);
      expect(await one('select coalesce(sum(last), 0)::int as n from dossier_code_counters')).toBe(TOTAL);
    } finally {
      await database.close();
    }
  }, 300_000);
});

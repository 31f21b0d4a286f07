/**
 * Opens the database: embedded PGlite (a data directory, or in memory for tests) or a PostgreSQL
 * server. Both run the same drizzle migrations and the same SQL.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DatabaseKind = 'pglite' | 'postgresql';

/** The minimal raw interface pg-boss and the few hand-written statements need. */
export interface RawSql {
  query<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: T[] }>;
}

export interface Database {
  kind: DatabaseKind;
  db: Db;
  raw: RawSql;
  /** LISTEN/NOTIFY channel subscription (PGlite and PostgreSQL both support it). */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export type DatabaseTarget = { url: string; poolSize?: number } | { dataDir: string } | { memory: true };

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if ('url' in target) return openPostgres(target.url, target.poolSize ?? 10);
  return openPglite('dataDir' in target ? target.dataDir : undefined);
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({ dataDir, extensions: { pg_trgm, unaccent } });
  const db = drizzlePglite({ client, schema, casing: undefined }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    raw: {
      async query(text, values) {
        // Without parameters run as a simple query: pg-boss sends multi-statement scripts.
        if (!values || values.length === 0) {
          const results = await client.exec(text);
          return { rows: (results[results.length - 1]?.rows ?? []) as never[] };
        }
        const result = await client.query(text, values as never[]);
        return { rows: result.rows as never[] };
      },
    },
    async listen(channel, onMessage) {
      const unsubscribe = await client.listen(channel, onMessage);
      return async () => unsubscribe();
    },
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection dropped by the server (restart, failover, admin) must not crash the process:
  // the pool replaces it on next use.
  pool.on('error', (err) => {
    if (!closing) console.warn(`PostgreSQL idle connection lost: ${err.message}`);
  });
  let closing = false;
  // Fail fast with a clear message when the server is unreachable.
  await pool.query('select 1');
  const db = drizzleNodePg({ client: pool, schema }) as unknown as Db;
  return {
    kind: 'postgresql',
    db,
    raw: {
      async query(text, values) {
        const result = await pool.query(text, values as unknown[]);
        return { rows: result.rows };
      },
    },
    async listen(channel, onMessage) {
      const client = await pool.connect();
      client.on('notification', (msg) => {
        if (msg.channel === channel) onMessage(msg.payload ?? '');
      });
      await client.query(`LISTEN "${channel.replaceAll('"', '')}"`);
      return async () => {
        await client.query(`UNLISTEN "${channel.replaceAll('"', '')}"`).catch(() => {});
        client.release();
      };
    },
    async close() {
      closing = true;
      await pool.end();
    },
  };
}

export async function ping(database: Database): Promise<void> {
  await database.db.execute(sql`select 1`);
}

/** Rows of a raw `db.execute(sql…)` result (both drivers return `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/**
 * A timestamp of a raw `db.execute` row as a Date: node-postgres gives a Date, PGlite text such as
 * "2026-12-07 01:30:00+00".
 */
export function timestampOf(v: unknown): Date {
  if (v instanceof Date) return v;
  return new Date(
    String(v)
      .replace(' ', 'T')
      .replace(/([+-]\d\d)$/, '$1:00'),
  );
}

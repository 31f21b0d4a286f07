/**
 * Test databases: every test file gets its own. PGlite always (in memory); PostgreSQL too when
 * TEST_DATABASE_URL is set, as a fresh database created for the file and dropped after it.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../db/client.ts';

export type TargetName = 'pglite' | 'postgresql';

export const TEST_TARGETS: TargetName[] = process.env.TEST_DATABASE_URL
  ? ['pglite', 'postgresql']
  : ['pglite'];

export interface TestDatabase {
  database: Database;
  /** Connection URL for PostgreSQL targets (so other processes can join). */
  url: string | null;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  return url;
}

/** A URL to a new empty PostgreSQL database on the test server, and a function that drops it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = new URL(adminUrl());
  const name = `motcua_t_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base.toString() });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function createTestDatabase(target: TargetName): Promise<TestDatabase> {
  if (target === 'pglite') {
    const database = await openDatabase({ memory: true });
    return { database, url: null, drop: () => database.close() };
  }
  const pgdb = await createPostgresDatabase();
  const database = await openDatabase({ url: pgdb.url });
  return {
    database,
    url: pgdb.url,
    async drop() {
      await database.close();
      await pgdb.drop();
    },
  };
}

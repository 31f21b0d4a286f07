/**
 * `npx motcua backup` / `restore` (issue 14 §6): one file holding the database and the file store.
 *
 * The file is a gzipped tar (`tar tzf` lists it):
 *   motcua-backup.json             the manifest (first, so a restore checks it before writing anything)
 *   database/pglite-datadir.tar.gz PGlite's own dump of its data directory (dumpDataDir), or
 *   database/postgresql.dump       pg_dump's custom format (restored with pg_restore)
 *   files/<key>                    every object of the file store (uploads, audit checkpoints)
 */
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { appVersion, type Config } from '../../config.ts';
import { type Database, rowsOf } from '../../db/client.ts';
import { GENESIS_HASH } from '../../domain/audit/chain.ts';
import { storageFromConfig } from '../../integrations/storage.ts';
import { bodyBuffer, filterTarGz, readTar, TarWriter } from './backup-tar.ts';
import { listStoredKeys, localStoreRoot } from './file-store-listing.ts';

export const MANIFEST_ENTRY = 'motcua-backup.json';
const PGLITE_ENTRY = 'database/pglite-datadir.tar.gz';
const POSTGRES_ENTRY = 'database/postgresql.dump';

export interface BackupManifest {
  format: 'motcua-backup';
  version: 1;
  createdAt: string;
  appVersion: string;
  database: {
    kind: 'pglite' | 'postgresql';
    entry: string;
    bytes: number;
    sha256: string;
    /** Migrations applied (rows of drizzle.__drizzle_migrations). */
    migrations: number;
  };
  /** The audit chain when the backup started: a restore checks the chain still has this head. */
  audit: { count: number; headHash: string };
  files: { storage: 'local' | 's3'; count: number };
}

/** A refusal with a message for the operator (the CLI exits 2). */
export class BackupError extends Error {}

export type BackupConfig = Pick<Config, 'databaseUrl' | 'dataDir' | 'storage'>;

export interface PgTools {
  /** A directory holding pg_dump and pg_restore (else PATH, then /usr/lib/postgresql/<newest>/bin). */
  pgBin?: string;
}

/** pg_dump or pg_restore: in `pgBin`, on PATH, or in Debian's /usr/lib/postgresql/<version>/bin. */
export function findPgTool(name: 'pg_dump' | 'pg_restore', pgBin?: string): string {
  const candidates: string[] = [];
  if (pgBin) candidates.push(path.join(pgBin, name));
  else {
    for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean))
      candidates.push(path.join(dir, name));
    const debian = '/usr/lib/postgresql';
    if (existsSync(debian))
      for (const version of readdirSync(debian).sort((a, b) => Number(b) - Number(a)))
        candidates.push(path.join(debian, version, 'bin', name));
  }
  const found = candidates.find((c) => existsSync(c));
  if (found) return found;
  throw new BackupError(
    `${name} was not found${pgBin ? ` in ${pgBin}` : ' on PATH nor in /usr/lib/postgresql/*/bin'}. ` +
      'Backing up and restoring PostgreSQL needs its client tools, of the server version or newer ' +
      '(Debian/Ubuntu: apt-get install postgresql-client-15; or give --pg-bin DIR).',
  );
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new BackupError(`${path.basename(command)} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function auditHead(database: Database): Promise<BackupManifest['audit']> {
  const [head] = rowsOf<{ count: string | number; hash: string }>(
    await database.db.execute(
      sql`select (select count(*) from audit)::bigint as count, hash from audit order by seq desc limit 1`,
    ),
  );
  return { count: head ? Number(head.count) : 0, headHash: head?.hash ?? GENESIS_HASH };
}

async function migrationCount(database: Database): Promise<number> {
  const rows = rowsOf<{ n: string | number }>(
    await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
  );
  return Number(rows[0]?.n ?? 0);
}

export interface BackupSummary {
  file: string;
  bytes: number;
  manifest: BackupManifest;
}

/**
 * Writes a backup of `database` (opened from `config`) and the file store to `out`, which must not
 * exist. The archive is written beside it and renamed at the end: a failed backup leaves no file
 * that looks complete.
 */
export async function createBackup(
  database: Database,
  config: BackupConfig,
  out: string,
  tools: PgTools = {},
): Promise<BackupSummary> {
  if (existsSync(out)) throw new BackupError(`${out} already exists; choose another name`);
  const work = await mkdtemp(path.join(tmpdir(), 'motcua-backup-'));
  const partial = `${out}.${randomUUID().slice(0, 8)}.partial`;
  try {
    const audit = await auditHead(database);
    const migrations = await migrationCount(database);
    let dbEntry: { entry: string; bytes: number; sha256: string; write(t: TarWriter): Promise<void> };
    if (database.kind === 'pglite') {
      const client = (database.db as unknown as { $client: PGlite }).$client;
      const dump = Buffer.from(await (await client.dumpDataDir('gzip')).arrayBuffer());
      // The data directory also holds the local file store (files/): it goes in files/ below.
      const bytes = filterTarGz(dump, (name) => !/^\/?files(\/|$)/.test(name));
      dbEntry = {
        entry: PGLITE_ENTRY,
        bytes: bytes.length,
        sha256: sha256(bytes),
        write: (t) => t.addBuffer(PGLITE_ENTRY, bytes),
      };
    } else {
      if (!config.databaseUrl) throw new BackupError('DATABASE_URL is required to back up PostgreSQL');
      const dumpFile = path.join(work, 'postgresql.dump');
      await run(findPgTool('pg_dump', tools.pgBin), [
        '--format=custom',
        `--file=${dumpFile}`,
        `--dbname=${config.databaseUrl}`,
      ]);
      const size = (await stat(dumpFile)).size;
      dbEntry = {
        entry: POSTGRES_ENTRY,
        bytes: size,
        sha256: await sha256File(dumpFile),
        write: (t) => t.addFile(POSTGRES_ENTRY, dumpFile, size),
      };
    }

    const keys: string[] = [];
    for await (const key of listStoredKeys(config)) keys.push(key);
    keys.sort();
    const manifest: BackupManifest = {
      format: 'motcua-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      appVersion: appVersion(),
      database: {
        kind: database.kind,
        entry: dbEntry.entry,
        bytes: dbEntry.bytes,
        sha256: dbEntry.sha256,
        migrations,
      },
      audit,
      files: { storage: config.storage.kind, count: keys.length },
    };

    const tar = new TarWriter(partial);
    await tar.addBuffer(MANIFEST_ENTRY, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
    await dbEntry.write(tar);
    const storage = storageFromConfig(config);
    const root = localStoreRoot(config);
    for (const key of keys) {
      if (config.storage.kind === 'local') {
        const file = path.join(root, ...key.split('/'));
        const info = await stat(file).catch(() => null);
        if (info) await tar.addFile(`files/${key}`, file, info.size);
      } else await tar.addBuffer(`files/${key}`, await storage.get(key));
    }
    await tar.close();
    await rename(partial, out);
    return { file: out, bytes: (await stat(out)).size, manifest };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export interface RestoreOptions extends PgTools {
  /** Restore over a non-empty target (PGlite: the old data directory is moved aside, not deleted). */
  force?: boolean;
}

export interface RestoreSummary {
  manifest: BackupManifest;
  database: 'pglite' | 'postgresql';
  files: number;
  /** PGlite with --force: where the previous data directory was moved. */
  movedAside: string | null;
}

async function nonEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length > 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

async function postgresHasTables(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      "select count(*)::int as n from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')",
    );
    return (rows[0]?.n ?? 0) > 0;
  } finally {
    await client.end();
  }
}

/**
 * Restores a backup into the configured database (which must be empty, or `force`) and file store.
 * The kind must match: a PGlite backup restores into a data directory, a PostgreSQL one into the
 * database DATABASE_URL names.
 */
export async function restoreBackup(
  file: string,
  config: BackupConfig,
  options: RestoreOptions = {},
): Promise<RestoreSummary> {
  if (!existsSync(file)) throw new BackupError(`no such file: ${file}`);
  const target = config.databaseUrl ? 'postgresql' : 'pglite';
  const work = await mkdtemp(path.join(tmpdir(), 'motcua-restore-'));
  let manifest: BackupManifest | null = null;
  let movedAside: string | null = null;
  let files = 0;
  let restoredDatabase = false;
  const storage = storageFromConfig(config);
  try {
    await readTar(createReadStream(file), async (entry, body) => {
      if (!manifest) {
        if (entry.name !== MANIFEST_ENTRY) throw new BackupError(`${file} is not a Một Cửa backup`);
        manifest = JSON.parse((await bodyBuffer(body)).toString('utf8')) as BackupManifest;
        if (manifest.format !== 'motcua-backup' || manifest.version !== 1)
          throw new BackupError(`${file}: unknown backup format ${manifest.format} v${manifest.version}`);
        if (manifest.database.kind !== target)
          throw new BackupError(
            `${file} holds a ${manifest.database.kind} database; this configuration uses ${target} ` +
              `(${target === 'postgresql' ? 'DATABASE_URL is set' : 'no DATABASE_URL'}). Restore it with the same kind of database.`,
          );
        movedAside = await prepareTarget(config, options.force ?? false);
        return;
      }
      const m: BackupManifest = manifest;
      if (entry.name === m.database.entry) {
        if (m.database.kind === 'pglite') {
          const bytes = await bodyBuffer(body);
          if (sha256(bytes) !== m.database.sha256)
            throw new BackupError('the database dump is corrupt (SHA-256)');
          await mkdir(config.dataDir, { recursive: true });
          const client = await PGlite.create({
            dataDir: config.dataDir,
            loadDataDir: new Blob([new Uint8Array(bytes)]),
            extensions: { pg_trgm, unaccent },
          });
          await client.close();
        } else {
          const dumpFile = path.join(work, 'postgresql.dump');
          const hash = createHash('sha256');
          let size = 0;
          const out = createWriteStream(dumpFile);
          for await (const chunk of body) {
            hash.update(chunk);
            size += chunk.length;
            if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
          }
          await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
          if (hash.digest('hex') !== m.database.sha256 || size !== m.database.bytes)
            throw new BackupError('the database dump is corrupt (SHA-256)');
          await run(findPgTool('pg_restore', options.pgBin), [
            '--no-owner',
            '--exit-on-error',
            '--single-transaction',
            ...(options.force ? ['--clean', '--if-exists'] : []),
            `--dbname=${config.databaseUrl}`,
            dumpFile,
          ]);
        }
        restoredDatabase = true;
        return;
      }
      if (entry.name.startsWith('files/') && entry.type === 'file') {
        await storage.put(entry.name.slice('files/'.length), await bodyBuffer(body));
        files++;
      }
    });
    const m = manifest as BackupManifest | null;
    if (!m || !restoredDatabase) throw new BackupError(`${file} is incomplete (no database dump)`);
    if (files !== m.files.count)
      throw new BackupError(`${file} is incomplete: ${files} of ${m.files.count} files`);
    return { manifest: m, database: target, files, movedAside };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Checks the target is empty, or (force) clears the way; returns where an old data dir went. */
async function prepareTarget(config: BackupConfig, force: boolean): Promise<string | null> {
  const refuse = (what: string) =>
    new BackupError(`${what} is not empty; restore into an empty one, or add --force to restore over it`);
  if (!config.databaseUrl) {
    if (!(await nonEmptyDir(config.dataDir))) return null;
    if (!force) throw refuse(`the data directory ${config.dataDir}`);
    // Moved aside, not deleted: a restore drill gone wrong can be undone by moving it back.
    const aside = `${config.dataDir.replace(/\/+$/, '')}.before-restore-${new Date().toISOString().replace(/[-:.]/g, '')}`;
    await rename(config.dataDir, aside);
    return aside;
  }
  if ((await postgresHasTables(config.databaseUrl)) && !force) throw refuse('the database');
  if (config.storage.kind === 'local' && (await nonEmptyDir(localStoreRoot(config))) && !force)
    throw refuse(`the file store ${localStoreRoot(config)}`);
  return null;
}

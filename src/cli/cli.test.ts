/** The `motcua` command against a real embedded database directory. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client.ts';
import { randomHistories } from '../db/seed/history-generator.ts';
import { rewriteAuditChain } from '../test/audit-tamper.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-cli-'));
const env = { ...process.env, MOTCUA_DATA_DIR: dataDir, DATABASE_URL: '' };

function motcua(...args: string[]) {
  return motcuaWith(env, ...args);
}

function motcuaWith(env: NodeJS.ProcessEnv, ...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/motcua.js', ...args], {
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Beside the data directory: what the backup and restore test writes.
const backupFile = `${dataDir}-backup.tar.gz`;
const restoredDir = `${dataDir}-restored`;

afterAll(() => {
  for (const p of [dataDir, backupFile, restoredDir]) rmSync(p, { recursive: true, force: true });
});

describe('motcua CLI', () => {
  it('--help prints usage and exits 0; an unknown command exits 2', () => {
    const help = motcua('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('calendar due');
    const bad = motcua('frobnicate');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown command');
  });

  it('migrate and seed a fresh data directory', () => {
    expect(motcua('migrate').code).toBe(0);
    const seed = motcua('seed', '--json');
    expect(seed.code).toBe(0);
    expect(JSON.parse(seed.stdout).procedures).toBeGreaterThanOrEqual(40);
    // Seeding again adds nothing.
    expect(JSON.parse(motcua('seed', '--json').stdout).procedures).toBe(0);
    // Three processes, each opening PGlite and migrating: over a minute on a busy 2-core machine.
  }, 180_000);

  it('users create', () => {
    const r = motcua(
      'users',
      'create',
      '--username',
      'cli.user',
      '--password',
      'matkhau-2026',
      '--full-name',
      'Người Dòng Lệnh',
      '--role',
      'officer@AG.CHAUPHU',
      '--json',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      username: 'cli.user',
      roles: [{ role: 'officer', unitCode: 'AG.CHAUPHU' }],
    });
    expect(
      motcua('users', 'create', '--username', 'cli.user', '--password', 'matkhau-2026', '--full-name', 'X')
        .code,
    ).toBe(2);
    expect(motcua('users', 'create', '--username', 'x').code).toBe(2);
  });

  it('calendar due prints JSON with the explanation', () => {
    const r = motcua(
      'calendar',
      'due',
      '--from',
      '2026-03-07T10:00:00+07:00',
      '--working-days',
      '2',
      '--json',
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.dueAt).toBe('2026-03-10T17:00:00+07:00');
    expect(out.explanation.length).toBeGreaterThan(1);
    expect(motcua('calendar', 'due', '--from', 'garbage', '--working-days', '2').code).toBe(2);
    expect(motcua('calendar', 'due', '--from', '2026-03-07T10:00:00+07:00').code).toBe(2);
  });

  it('audit verify exits 0 on an intact chain and 1 naming the first broken record', async () => {
    const ok = motcua('audit', 'verify', '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true });
    const db = await openDatabase({ dataDir });
    const { rows } = await db.raw.query<{ seq: number }>('select min(seq)::int as seq from audit');
    await db.raw.query("update audit set actor_username = 'mallory' where seq = $1", [rows[0]!.seq]);
    await db.close();
    const broken = motcua('audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`#${rows[0]!.seq}`);
  });

  it('audit checkpoint; verify --checkpoints catches a chain rewritten in SQL; backup and restore', async () => {
    // The test before broke the chain on purpose: re-hash it so that it starts intact.
    let db = await openDatabase({ dataDir });
    await rewriteAuditChain(db.db, (c) => c);
    await db.close();
    const checkpoint = motcua('audit', 'checkpoint', '--json');
    expect(checkpoint.code, checkpoint.stderr).toBe(0);
    const sealed = JSON.parse(checkpoint.stdout);
    expect(sealed).toMatchObject({ format: 'motcua-audit-checkpoint', demoKey: true });
    expect(sealed.count).toBeGreaterThan(0);
    const intact = motcua('audit', 'verify', '--checkpoints', '--json');
    expect(intact.code, intact.stdout).toBe(0);
    expect(JSON.parse(intact.stdout).checkpoints).toMatchObject({ ok: true, fileStore: 1, database: 1 });
    // Another key does not accept the seal.
    expect(motcuaWith({ ...env, MOTCUA_AUDIT_KEY: 'another-key' }, 'audit', 'verify').code).toBe(1);

    const backup = motcua('backup', '--out', backupFile, '--json');
    expect(backup.code, backup.stderr).toBe(0);
    expect(JSON.parse(backup.stdout).manifest).toMatchObject({
      database: { kind: 'pglite' },
      audit: { count: sealed.count, headHash: sealed.headHash },
      files: { count: 1 },
    });
    expect(motcua('backup', '--out', backupFile).code).toBe(2);

    // A database administrator rewrites who did the first record, re-hashes the whole chain and
    // deletes the checkpoints kept in the database: the chain verifies, the file store's checkpoint does not.
    db = await openDatabase({ dataDir });
    let first = true;
    await rewriteAuditChain(db.db, (c) => {
      if (!first) return c;
      first = false;
      return { ...c, actorUsername: 'eve', ip: '203.0.113.9' };
    });
    await db.raw.query('delete from audit_checkpoints');
    await db.close();
    expect(motcua('audit', 'verify').code).toBe(0);
    const caught = motcua('audit', 'verify', '--checkpoints');
    expect(caught.code).toBe(1);
    expect(caught.stdout).toContain('Audit chain intact');
    expect(caught.stdout).toMatch(/BROKEN audit-checkpoints\/.*no longer has the sealed head hash/);

    // The backup restores into an empty data directory, verified; not over a non-empty one.
    const restoredEnv = { ...env, MOTCUA_DATA_DIR: restoredDir };
    const restored = motcuaWith(restoredEnv, 'restore', backupFile);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain("including the backup's head");
    const verified = motcuaWith(restoredEnv, 'audit', 'verify', '--checkpoints', '--json');
    expect(verified.code, verified.stdout).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, count: sealed.count });
    expect(motcuaWith(restoredEnv, 'events', 'verify').code).toBe(0);
    const again = motcuaWith(restoredEnv, 'restore', backupFile);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('not empty');
  }, 300_000);

  it('import dossiers: dry run, import with a progress line, resume without duplicates, errors by line; export; events verify', async () => {
    const file = path.join(dataDir, 'history.ndjson');
    const lines = [
      ...randomHistories({
        seed: 5,
        count: 30,
        unitCodes: ['AG.LONGXUYEN', 'AG.CHAUPHU'],
        procedureCodes: ['1.001193', '1.000894'],
        from: new Date('2025-01-01T00:00:00+07:00'),
        to: new Date('2025-12-31T00:00:00+07:00'),
        now: new Date('2026-01-15T00:00:00+07:00'),
      }),
    ].map((d) => JSON.stringify(d));
    writeFileSync(file, `${lines.join('\n')}\n`);
    const dry = motcua('import', 'dossiers', file, '--dry-run', '--json');
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, lines: 30, imported: 0, invalid: 0 });
    const first = motcua('import', 'dossiers', file, '--batch-size', '10');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Imported 30 dossiers');
    expect(first.stderr).toMatch(/100\.0%.*lines\/s.*ETA/);
    // A second file repeating the first ten lines, then a bad one: the repeated are skipped, the bad batch named.
    writeFileSync(
      file,
      `${lines.slice(0, 10).join('\n')}\n${JSON.stringify({ ...JSON.parse(lines[0]!), code: 'X-1', receivedAt: 'yesterday' })}\n`,
    );
    const again = motcua('import', 'dossiers', file, '--batch-size', '10', '--json');
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({
      imported: 0,
      skipped: 10,
      invalid: 1,
      errors: [{ line: 11, path: 'receivedAt' }],
    });
    const exported = motcua('export', 'dossiers', '--from', '2025-01-01', '--to', '2025-12-31');
    expect(exported.code, exported.stderr).toBe(0);
    const out = exported.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(30);
    expect(out.map((d) => d.code).sort()).toEqual(lines.map((l) => JSON.parse(l).code).sort());
    const verify = motcua('events', 'verify', '--json');
    expect(verify.code, verify.stdout).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, dossiers: 30 });
    const rebuilt = motcua('reports', 'rebuild', '--json');
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(JSON.parse(rebuilt.stdout)).toEqual({ dossiers: 30 });
    const activityOnly = motcua('reports', 'rebuild', '--only', 'activity', '--json');
    expect(activityOnly.code, activityOnly.stderr).toBe(0);
    expect(motcua('reports', 'rebuild', '--only', 'everything').code).toBe(2);
    // Tampering with one event is named.
    const db = await openDatabase({ dataDir });
    const { rows } = await db.raw.query<{ code: string }>(
      "update dossier_events e set payload = '{}' from dossiers d where d.id = e.dossier_id and e.seq = 1 and d.code = (select min(code) from dossiers) returning d.code",
    );
    await db.close();
    const broken = motcua('events', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(rows[0]!.code);
    // Each step is a process of its own (tsx start-up, PGlite open): minutes on a busy CI machine.
  }, 300_000);
});

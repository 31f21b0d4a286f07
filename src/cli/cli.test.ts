/** The `motcua` command against a real embedded database directory. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-cli-'));
const env = { ...process.env, MOTCUA_DATA_DIR: dataDir, DATABASE_URL: '' };

function motcua(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/motcua.js', ...args], {
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

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
  });

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
});

/** Retention (issue 14 §2): the purge removes exactly what is past each period and keeps the rest. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asc } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { migrate } from '../../db/migrate.ts';
import {
  idempotencyKeys,
  notificationOutbox,
  oneTimeCodes,
  rateLimits,
  sandboxMessages,
  sessions,
} from '../../db/schema.ts';
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from '../../test/databases.ts';
import type { ServiceContext } from './context.ts';
import { DEFAULT_RETENTION, purgedText, purgeExpired } from './retention.ts';

const NOW = new Date('2026-11-02T20:30:00Z'); // 03:30 in Vietnam, when the job runs
const clock = () => NOW;
const minutes = (n: number) => new Date(NOW.getTime() - n * 60_000);
const days = (n: number) => new Date(NOW.getTime() - n * 86_400_000);
const JURISDICTION = '00000000-0000-7000-8000-000000000001';
const USER = '00000000-0000-7000-8000-000000000002';

const retention = {
  rateLimitMinutes: 120,
  idempotencyDays: 7,
  outboxDays: 90,
  sandboxDays: 7,
  sessionsDays: 30,
};

describe.each(TEST_TARGETS)('retention purge on %s', (target) => {
  let db: TestDatabase;
  let ctx: ServiceContext;

  beforeAll(async () => {
    db = await createTestDatabase(target);
    await migrate(db.database);
    ctx = { database: db.database, clock };
    const d = db.database.db;
    // One row just past each period and one just inside it.
    await d.insert(rateLimits).values([
      { key: 'old', windowStart: minutes(121), count: 3 },
      { key: 'young', windowStart: minutes(119), count: 3 },
    ]);
    await d.insert(idempotencyKeys).values([
      { scope: 's', key: 'old', requestHash: 'h', dossierId: uuidv7(), createdAt: days(7.01) },
      { scope: 's', key: 'young', requestHash: 'h', dossierId: uuidv7(), createdAt: days(6.99) },
    ]);
    const message = (
      id: string,
      status: 'pending' | 'sent' | 'failed',
      sentAt: Date | null,
      createdAt: Date,
    ) => ({
      id,
      jurisdictionId: JURISDICTION,
      channel: 'sms' as const,
      recipient: '0912000111',
      template: 'received',
      subject: `Hồ sơ ${id}`,
      body: `Nội dung có dữ liệu cá nhân ${id}`,
      status,
      nextAttemptAt: createdAt,
      createdAt,
      sentAt,
    });
    await d
      .insert(notificationOutbox)
      .values([
        message('00000000-0000-7000-8000-0000000000a1', 'sent', days(90.01), days(91)),
        message('00000000-0000-7000-8000-0000000000a2', 'sent', days(89.99), days(91)),
        message('00000000-0000-7000-8000-0000000000a3', 'failed', null, days(200)),
        message('00000000-0000-7000-8000-0000000000a4', 'pending', null, days(200)),
      ]);
    await d.insert(sandboxMessages).values([
      { id: uuidv7(), channel: 'sms', recipient: '0912', subject: 'old', body: 'b', createdAt: days(7.01) },
      { id: uuidv7(), channel: 'sms', recipient: '0912', subject: 'young', body: 'b', createdAt: days(6.99) },
    ]);
    await d.insert(sessions).values([
      { tokenHash: 'old', userId: USER, expiresAt: days(30.01), createdAt: days(31) },
      { tokenHash: 'expired-young', userId: USER, expiresAt: days(29.99), createdAt: days(31) },
      { tokenHash: 'live', userId: USER, expiresAt: days(-1), createdAt: days(0) },
    ]);
    const code = (id: string, createdAt: Date, expiresAt: Date, usedAt: Date | null) => ({
      id,
      userId: USER,
      purpose: 'verify' as const,
      codeHash: 'x',
      createdAt,
      expiresAt,
      usedAt,
    });
    await d.insert(oneTimeCodes).values([
      // Spent a day ago: purged. Younger than a day: kept (the daily issue limit counts it).
      code('00000000-0000-7000-8000-0000000000c1', days(1.01), days(1), null),
      code('00000000-0000-7000-8000-0000000000c2', days(2), days(2), days(2)),
      code('00000000-0000-7000-8000-0000000000c3', days(0.99), days(0.98), null),
    ]);
  });
  afterAll(async () => db?.drop());

  it('removes exactly what is past each period', async () => {
    const counts = await purgeExpired(ctx, retention);
    expect(counts).toEqual({
      rateLimits: 1,
      idempotencyKeys: 1,
      outboxBodies: 1,
      sandboxMessages: 1,
      sessions: 1,
      oneTimeCodes: 2,
    });
    const d = db.database.db;
    expect((await d.select().from(rateLimits)).map((r) => r.key)).toEqual(['young']);
    expect((await d.select().from(idempotencyKeys)).map((r) => r.key)).toEqual(['young']);
    expect((await d.select().from(sandboxMessages)).map((r) => r.subject)).toEqual(['young']);
    expect(
      (await d.select().from(sessions).orderBy(asc(sessions.tokenHash))).map((r) => r.tokenHash),
    ).toEqual(['expired-young', 'live']);
    expect((await d.select().from(oneTimeCodes)).map((r) => r.id)).toEqual([
      '00000000-0000-7000-8000-0000000000c3',
    ]);
    // Delivered messages stay for the statistics, without their text; the others are untouched.
    const outbox = await d.select().from(notificationOutbox).orderBy(asc(notificationOutbox.id));
    expect(outbox.map((m) => [m.status, m.subject, m.body])).toEqual([
      ['sent', purgedText(90), purgedText(90)],
      [
        'sent',
        'Hồ sơ 00000000-0000-7000-8000-0000000000a2',
        'Nội dung có dữ liệu cá nhân 00000000-0000-7000-8000-0000000000a2',
      ],
      [
        'failed',
        'Hồ sơ 00000000-0000-7000-8000-0000000000a3',
        'Nội dung có dữ liệu cá nhân 00000000-0000-7000-8000-0000000000a3',
      ],
      [
        'pending',
        'Hồ sơ 00000000-0000-7000-8000-0000000000a4',
        'Nội dung có dữ liệu cá nhân 00000000-0000-7000-8000-0000000000a4',
      ],
    ]);
  });

  it('a second run finds nothing more', async () => {
    expect(await purgeExpired(ctx, retention)).toEqual({
      rateLimits: 0,
      idempotencyKeys: 0,
      outboxBodies: 0,
      sandboxMessages: 0,
      sessions: 0,
      oneTimeCodes: 0,
    });
  });

  it('never removes a rate-limit counter younger than the longest window (one hour)', async () => {
    await db.database.db.insert(rateLimits).values({ key: 'hourly', windowStart: minutes(59), count: 1 });
    const counts = await purgeExpired(ctx, { ...retention, rateLimitMinutes: 0 });
    expect(counts.rateLimits).toBe(1); // 'young' (119 minutes), not 'hourly'
    expect((await db.database.db.select().from(rateLimits)).map((r) => r.key)).toEqual(['hourly']);
  });
});

describe('retention configuration', () => {
  it('documented defaults, each overridable by its variable', () => {
    expect(loadConfig({}).retention).toEqual(DEFAULT_RETENTION);
    expect(DEFAULT_RETENTION).toEqual({
      rateLimitMinutes: 1440,
      idempotencyDays: 7,
      outboxDays: 90,
      sandboxDays: 7,
      sessionsDays: 30,
    });
    expect(
      loadConfig({
        MOTCUA_RETENTION_RATE_LIMIT_MINUTES: '60',
        MOTCUA_RETENTION_IDEMPOTENCY_DAYS: '1',
        MOTCUA_RETENTION_OUTBOX_DAYS: '30',
        MOTCUA_RETENTION_SANDBOX_DAYS: '2',
        MOTCUA_RETENTION_SESSIONS_DAYS: '3',
      }).retention,
    ).toEqual({ rateLimitMinutes: 60, idempotencyDays: 1, outboxDays: 30, sandboxDays: 2, sessionsDays: 3 });
    expect(() => loadConfig({ MOTCUA_RETENTION_OUTBOX_DAYS: 'soon' })).toThrow(
      /MOTCUA_RETENTION_OUTBOX_DAYS/,
    );
  });

  it('`npx motcua purge` runs it once and prints the counts', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-purge-'));
    try {
      const r = spawnSync(process.execPath, ['bin/motcua.js', 'purge', '--json'], {
        env: { ...process.env, MOTCUA_DATA_DIR: dataDir, DATABASE_URL: '' },
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(r.status, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out).toMatchObject({ rateLimits: 0, sessions: 0, retention: DEFAULT_RETENTION });
      const help = spawnSync(process.execPath, ['bin/motcua.js', '--help'], { encoding: 'utf8' });
      expect(help.stdout).toContain('purge');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

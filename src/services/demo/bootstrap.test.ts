/** First start: the demo seed, a production start with MOTCUA_SEED=none, and the admin password. */
import { verify } from '@node-rs/argon2';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../config.ts';
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from '../../test/databases.ts';
import { prepareDatabase } from './bootstrap.ts';
import type { ServiceContext } from '../platform/index.ts';

describe.each(TEST_TARGETS)('prepareDatabase on %s', (target) => {
  let db: TestDatabase | null = null;
  afterEach(async () => {
    await db?.drop();
    db = null;
  });

  async function usersOf(ctx: ServiceContext) {
    return (
      await ctx.database.raw.query<{ username: string; password_hash: string }>(
        'select username, password_hash from users',
      )
    ).rows;
  }

  it('MOTCUA_SEED=none refuses to start without MOTCUA_ADMIN_PASSWORD', async () => {
    db = await createTestDatabase(target);
    const ctx = { database: db.database, clock: () => new Date() };
    await expect(prepareDatabase(ctx, { seed: 'none', adminPassword: null })).rejects.toThrow(
      /MOTCUA_ADMIN_PASSWORD/,
    );
  });

  it('MOTCUA_SEED=none creates only the admin, with the given password, and the holidays', async () => {
    db = await createTestDatabase(target);
    const ctx = { database: db.database, clock: () => new Date() };
    const report = await prepareDatabase(ctx, { seed: 'none', adminPassword: 'mot-mat-khau-dai' });
    expect(report).toMatchObject({ units: 1, users: 0, procedures: 0 });
    expect(report!.holidays).toBeGreaterThan(20);
    const users = await usersOf(ctx);
    expect(users.map((u) => u.username)).toEqual(['admin']);
    expect(await verify(users[0]!.password_hash, 'mot-mat-khau-dai')).toBe(true);
    expect(await verify(users[0]!.password_hash, DEMO_PASSWORD)).toBe(false);
    // A second start seeds nothing more.
    expect(await prepareDatabase(ctx, { seed: 'none', adminPassword: 'mot-mat-khau-dai' })).toBeNull();
  });

  it('MOTCUA_ADMIN_PASSWORD applies with the demo seed too, and on a later start', async () => {
    db = await createTestDatabase(target);
    const ctx = { database: db.database, clock: () => new Date() };
    const report = await prepareDatabase(ctx, { seed: 'demo', adminPassword: null });
    expect(report).toMatchObject({ units: 7, fields: 14 });
    expect(report!.procedures).toBeGreaterThanOrEqual(40);
    let admin = (await usersOf(ctx)).find((u) => u.username === 'admin')!;
    expect(await verify(admin.password_hash, DEMO_PASSWORD)).toBe(true);
    await prepareDatabase(ctx, { seed: 'demo', adminPassword: 'doi-mat-khau-2026' });
    admin = (await usersOf(ctx)).find((u) => u.username === 'admin')!;
    expect(await verify(admin.password_hash, 'doi-mat-khau-2026')).toBe(true);
  });

  it('the demo start with history: imported years, and a month of work by the Long Xuyên officers', async () => {
    db = await createTestDatabase(target);
    const now = new Date('2026-12-07T03:00:00Z');
    const ctx = { database: db.database, clock: () => now };
    await prepareDatabase(ctx, { seed: 'demo', adminPassword: null, demoHistory: 50 });
    const admin = (
      await db.database.raw.query<{ id: string; unit_id: string }>(
        `select u.id, r.unit_id from users u join user_roles r on r.user_id = u.id where u.username = 'admin'`,
      )
    ).rows[0]!;
    const reader = {
      id: admin.id,
      username: 'admin',
      fullName: 'Quản trị',
      kind: 'staff' as const,
      grants: [{ role: 'system_admin' as const, unitId: admin.unit_id, includeDescendants: true }],
    };
    const { tableReport } = await import('../statistics/index.ts');
    const officers = await tableReport(ctx, reader, 'officers', {
      unit: 'AG.LONGXUYEN',
      from: '2026-11-01',
      to: '2026-12-31',
      descendants: false,
    });
    const byName = Object.fromEntries(officers.rows.map((r) => [r.key.code, r.figures]));
    expect(byName['tiepnhan.longxuyen']).toMatchObject({ received: 40 });
    expect(byName['chuyenvien.longxuyen']?.stepsDone).toBeGreaterThan(20);
    expect(byName['lanhdao.longxuyen']?.resolved).toBeGreaterThan(20);
    expect(byName['chuyenvien.longxuyen']?.inHandNow, JSON.stringify(byName)).toBeGreaterThan(0);
    const ratings = await tableReport(ctx, reader, 'ratings', {
      unit: 'AG.LONGXUYEN',
      from: '2026-11-01',
      to: '2026-12-31',
      descendants: false,
      groupBy: 'officer',
    });
    expect(ratings.rows.find((r) => r.key.code === 'tiepnhan.longxuyen')?.figures.rated).toBeGreaterThan(5);
  });
});

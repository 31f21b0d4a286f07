/**
 * Backup and restore (issue 14 §6): a database with dossiers, payments, uploads and audit records is
 * backed up and restored into a fresh database; the chains verify and a report is identical.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../db/client.ts';
import { storedFiles } from '../../db/schema.ts';
import { storageFromConfig } from '../../integrations/storage.ts';
import {
  actAs,
  bearer,
  createTestApp,
  receiveAs,
  requiredDocuments,
  type TestApp,
  uploadAs,
} from '../../test/app.ts';
import { createPostgresDatabase, TEST_TARGETS } from '../../test/databases.ts';
import { verifyAuditChain } from './audit.ts';
import { verifyAuditCheckpoints, writeAuditCheckpoint } from './audit-checkpoints.ts';
import { BackupError, type BackupConfig, createBackup, restoreBackup } from './backup.ts';
import type { Actor, ServiceContext } from './context.ts';
import { verifyDossierChains } from '../dossiers/index.ts';
import { processingReport } from '../statistics/index.ts';

let now = new Date('2026-03-02T02:00:00Z');
const clock = () => now;

describe.each(TEST_TARGETS)('backup and restore on %s', (target) => {
  let t: TestApp;
  const work = mkdtempSync(path.join(tmpdir(), 'motcua-backup-test-'));
  const cleanups: (() => Promise<void>)[] = [];
  let source: BackupConfig;
  let restoredConfig: BackupConfig;
  let restored: Database;
  const file = path.join(work, 'backup.tar.gz');

  beforeAll(async () => {
    now = new Date('2026-03-02T02:00:00Z');
    t = await createTestApp(target, clock);
    source = { databaseUrl: t.db.url, dataDir: t.config.dataDir, storage: { kind: 'local' } };
  });
  afterAll(async () => {
    await restored?.close();
    for (const c of cleanups) await c();
    await t?.close();
    rmSync(work, { recursive: true, force: true });
  });

  async function inspector(ctx: ServiceContext): Promise<Actor> {
    const root = await ctx.database.db.query.units.findFirst({ where: (u, { eq }) => eq(u.code, 'AG') });
    return {
      id: '00000000-0000-0000-0000-000000000000',
      username: 'inspector',
      fullName: 'Inspector',
      kind: 'staff',
      grants: [{ role: 'auditor', unitId: root!.id, includeDescendants: true }],
    };
  }
  const query = {
    unit: 'AG',
    from: '2026-03-01',
    to: '2026-03-31',
    descendants: true,
    groupBy: 'procedure' as const,
  };

  it('a working database: dossiers received and processed, a fee paid at the counter, a file uploaded', async () => {
    const receptionist = await t.login('tiepnhan.longxuyen');
    const officer = await t.login('chuyenvien.longxuyen');
    const codes: string[] = [];
    for (const [i, name] of ['Lê Văn A', 'Phạm Thị B', 'Võ Văn C'].entries()) {
      now = new Date(now.getTime() + 3600_000);
      codes.push(
        await receiveAs(t, receptionist, '1.005461', {
          fullName: name,
          idNumber: `08912300011${i}`,
          phone: `091234500${i}`,
        }),
      );
    }
    await actAs(t, receptionist, codes[0]!, { action: 'forward', toStep: 'xu_ly' });
    const upload = await uploadAs(t, officer, { purpose: 'result', dossierCode: codes[0]! });
    expect(upload.statusCode, upload.body).toBe(201);
    const paid = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: bearer(receptionist),
      payload: {
        procedureCode: '1.001193',
        unitCode: 'AG.LONGXUYEN',
        channel: 'counter',
        applicant: { fullName: 'Trần Thị Bình', idNumber: '079203001234', phone: '0912000111' },
        documents: await requiredDocuments(t, '1.001193'),
        feeIndexes: [0],
      },
    });
    expect(paid.statusCode, paid.body).toBe(201);
    const cash = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${paid.json().code}/payments`,
      headers: bearer(receptionist),
      payload: { method: 'cash' },
    });
    expect(cash.statusCode, cash.body).toBe(201);
    await writeAuditCheckpoint(t.ctx, { auditKey: t.config.auditKey, store: source });
    expect((await verifyAuditChain(t.ctx.database.db)).ok).toBe(true);
  });

  it('backs up into one archive, which never overwrites a file', async () => {
    const summary = await createBackup(t.ctx.database, source, file);
    expect(summary.manifest).toMatchObject({
      format: 'motcua-backup',
      database: { kind: target },
      files: { storage: 'local', count: 2 }, // the upload and the audit checkpoint
    });
    expect(summary.manifest.audit.count).toBeGreaterThan(0);
    await expect(createBackup(t.ctx.database, source, file)).rejects.toThrow(BackupError);
  });

  it('restores into a fresh database: chains verify, the report and the files are identical', async () => {
    const dataDir = path.join(work, 'restored');
    let databaseUrl: string | null = null;
    if (target === 'postgresql') {
      const fresh = await createPostgresDatabase();
      cleanups.push(fresh.drop);
      databaseUrl = fresh.url;
    }
    restoredConfig = { databaseUrl, dataDir, storage: { kind: 'local' } };
    // A PGlite backup does not go into PostgreSQL, nor the other way round.
    await expect(
      restoreBackup(file, {
        ...restoredConfig,
        databaseUrl: target === 'pglite' ? 'postgres://x@127.0.0.1:1/x' : null,
      }),
    ).rejects.toThrow(/holds a .* database/);

    const summary = await restoreBackup(file, restoredConfig);
    expect(summary).toMatchObject({ database: target, files: 2, movedAside: null });
    restored = await openDatabase(databaseUrl ? { url: databaseUrl } : { dataDir });
    const ctx: ServiceContext = { database: restored, clock };
    const db = restored.db;

    expect(await verifyAuditChain(db)).toEqual(await verifyAuditChain(t.ctx.database.db));
    expect((await verifyAuditChain(db)).ok).toBe(true);
    const checkpoints = await verifyAuditCheckpoints(db, {
      auditKey: t.config.auditKey,
      store: restoredConfig,
    });
    expect(checkpoints).toMatchObject({ ok: true, fileStore: 1, database: 1 });
    const chains = await verifyDossierChains(db);
    expect(chains.ok).toBe(true);
    expect(chains).toEqual(await verifyDossierChains(t.ctx.database.db));
    expect(chains.dossiers).toBeGreaterThanOrEqual(4);

    now = new Date('2026-03-05T02:00:00Z');
    const report = await processingReport(ctx, await inspector(ctx), query);
    expect(report.totals.received.total).toBe(4);
    expect(report).toEqual(await processingReport(t.ctx, await inspector(t.ctx), query));

    const [row] = await db.select().from(storedFiles);
    const original = await storageFromConfig(source).get(row!.storageKey);
    expect(await storageFromConfig(restoredConfig).get(row!.storageKey)).toEqual(original);
  });

  it('refuses to restore over data unless forced', async () => {
    await expect(restoreBackup(file, restoredConfig)).rejects.toThrow(/not empty/);
    if (target === 'pglite') {
      // PGlite allows one process per directory: close it, restore over it, the old one moved aside.
      await restored.close();
      const summary = await restoreBackup(file, restoredConfig, { force: true });
      expect(summary.movedAside).toMatch(/restored\.before-restore-/);
      expect(existsSync(summary.movedAside!)).toBe(true);
      restored = await openDatabase({ dataDir: restoredConfig.dataDir });
    } else {
      expect((await restoreBackup(file, restoredConfig, { force: true })).files).toBe(2);
    }
    expect((await verifyAuditChain(restored.db)).ok).toBe(true);
    expect(readdirSync(work).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });
});

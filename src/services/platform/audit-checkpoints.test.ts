/** Sealed audit checkpoints (issue 14 §5): a database administrator cannot quietly rewrite the chain. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { audit, auditCheckpoints } from '../../db/schema.ts';
import { GENESIS_HASH } from '../../domain/audit/chain.ts';
import { auditKeyId, checkpointSealProblem, sealCheckpoint } from '../../domain/audit/checkpoint.ts';
import { rewriteAuditChain as rewriteChain } from '../../test/audit-tamper.ts';
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from '../../test/databases.ts';
import { appendAudit } from './audit.ts';
import { CHECKPOINT_PREFIX, verifyAuditCheckpoints, writeAuditCheckpoint } from './audit-checkpoints.ts';
import type { ServiceContext } from './context.ts';
import { listStoredKeys } from './file-store-listing.ts';

const KEY = 'a-test-audit-key-of-some-length';

describe('checkpoint seals', () => {
  it('a seal is valid under its key only, and any field change breaks it', () => {
    const c = sealCheckpoint(KEY, {
      at: '2026-12-07T17:10:00.000Z',
      count: 3,
      seq: 7,
      headHash: 'ab'.repeat(32),
    });
    expect(c.keyId).toBe(auditKeyId(KEY));
    expect(checkpointSealProblem(KEY, c)).toBeNull();
    expect(checkpointSealProblem('another key', c)).toMatch(/another key/);
    expect(checkpointSealProblem(KEY, { ...c, count: 4 })).toMatch(/does not match/);
    expect(checkpointSealProblem(KEY, { ...c, headHash: 'cd'.repeat(32) })).toMatch(/does not match/);
    expect(checkpointSealProblem(KEY, { hello: 1 })).toMatch(/not a checkpoint/);
  });
});

describe.each(TEST_TARGETS)('audit checkpoints on %s', (target) => {
  let tdb: TestDatabase;
  let ctx: ServiceContext;
  let now = new Date('2026-12-01T01:00:00Z');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-checkpoints-'));
  const store = { dataDir, storage: { kind: 'local' as const } };
  const setup = { auditKey: KEY, store };

  async function append(n: number) {
    for (let i = 0; i < n; i++) {
      now = new Date(now.getTime() + 60_000);
      await ctx.database.db.transaction((tx) =>
        appendAudit(
          tx as unknown as Db,
          ctx.clock,
          { ip: '10.0.0.1', requestId: null },
          {
            action: 'test.action',
            entityType: 'thing',
            entityId: String(i),
            after: { n: i },
          },
        ),
      );
    }
  }

  beforeAll(async () => {
    tdb = await createTestDatabase(target);
    ctx = { database: tdb.database, clock: () => now };
    await migrate(tdb.database);
    await ctx.database.db.delete(audit);
  });
  afterAll(async () => {
    await tdb.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('an empty chain can be checkpointed; checkpoints go to the file store and the database', async () => {
    const first = await writeAuditCheckpoint(ctx, setup);
    expect(first.checkpoint).toMatchObject({ count: 0, seq: 0, headHash: GENESIS_HASH });
    await append(5);
    now = new Date('2026-12-02T17:10:00Z');
    const second = await writeAuditCheckpoint(ctx, setup);
    expect(second.checkpoint.count).toBe(5);
    expect(second.key).toBe(`${CHECKPOINT_PREFIX}2026/12/20261202T171000000Z-5.json`);
    const onDisk = JSON.parse(readFileSync(path.join(dataDir, 'files', ...second.key.split('/')), 'utf8'));
    expect(onDisk).toEqual(second.checkpoint);
    const keys: string[] = [];
    for await (const k of listStoredKeys(store, CHECKPOINT_PREFIX)) keys.push(k);
    expect(keys.sort()).toEqual([first.key, second.key].sort());
    await append(3);
    await writeAuditCheckpoint(ctx, setup);
    await append(2);

    const verdict = await verifyAuditCheckpoints(ctx.database.db, setup);
    expect(verdict).toMatchObject({ ok: true, fileStore: 3, database: 3, problems: [] });
    expect(verdict.chain).toEqual({ ok: true, count: 10 });
    expect(verdict.latest?.count).toBe(8);
  });

  it('the wrong key fails every checkpoint', async () => {
    const verdict = await verifyAuditCheckpoints(ctx.database.db, { ...setup, auditKey: 'not the key' });
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toHaveLength(6);
    expect(verdict.problems[0]!.problem).toMatch(/another key/);
  });

  it('a chain rewritten and re-hashed in SQL verifies on its own, but not against the checkpoints', async () => {
    const db = ctx.database.db;
    // The administrator changes who did the third record, recomputes every hash, and removes the
    // checkpoints recorded in the database.
    await rewriteChain(db, (c, seq) =>
      c.entityId === '2' && seq > 0 ? { ...c, actorUsername: 'mallory' } : c,
    );
    await db.delete(auditCheckpoints);
    const dbOnly = await verifyAuditCheckpoints(db, { auditKey: KEY });
    expect(dbOnly).toMatchObject({ ok: true, chain: { ok: true, count: 10 }, database: 0 });
    const verdict = await verifyAuditCheckpoints(db, setup);
    expect(verdict.ok).toBe(false);
    expect(verdict.chain.ok).toBe(true);
    // The checkpoints at 5 and 8 records no longer match; the one of the empty chain still does.
    expect(verdict.problems.map((p) => p.problem)).toEqual([
      expect.stringMatching(/position 5\) no longer has the sealed head hash/),
      expect.stringMatching(/position 8\) no longer has the sealed head hash/),
    ]);
  });

  it('forged checkpoints and a truncated chain are caught', async () => {
    const db = ctx.database.db;
    // A checkpoint forged to match the rewritten chain, without the key.
    const dir = path.join(dataDir, 'files', 'audit-checkpoints', '2026', '12');
    const file = readdirSync(dir).find((f) => f.endsWith('-5.json'))!;
    const forged = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    const [fifth] = await db.select().from(audit).orderBy(asc(audit.seq)).offset(4).limit(1);
    writeFileSync(path.join(dir, file), JSON.stringify({ ...forged, headHash: fifth!.hash }));
    let verdict = await verifyAuditCheckpoints(db, setup);
    expect(verdict.problems.find((p) => p.key.endsWith(file))?.problem).toMatch(/seal does not match/);
    // With the key, a fresh checkpoint of the rewritten chain passes — but the old ones still fail,
    // and removing the last records of a sealed chain is a failure of its own.
    await rewriteChain(db, (c) => c);
    const [last] = await db.select().from(audit).orderBy(asc(audit.seq)).offset(9).limit(1);
    await db.delete(audit).where(eq(audit.seq, last!.seq));
    verdict = await verifyAuditCheckpoints(db, setup);
    expect(verdict.ok).toBe(false);
    expect(verdict.chain).toEqual({ ok: true, count: 9 });
  });

  it('a checkpoint recorded in the database but deleted from the file store is reported', async () => {
    const db = ctx.database.db;
    await db.delete(audit);
    await db.delete(auditCheckpoints);
    rmSync(path.join(dataDir, 'files'), { recursive: true, force: true });
    await append(2);
    const { key } = await writeAuditCheckpoint(ctx, setup);
    expect((await verifyAuditCheckpoints(db, setup)).ok).toBe(true);
    rmSync(path.join(dataDir, 'files', ...key.split('/')));
    const verdict = await verifyAuditCheckpoints(db, setup);
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toEqual([
      { key, source: 'file store', problem: expect.stringMatching(/missing from the file store/) },
    ]);
  });
});

/**
 * Checkpoints of the audit chain (issue 14 §5): the head hash and length, sealed with the audit key,
 * written to the file store (local directory or S3 — outside the database administrator's reach)
 * and recorded in `audit_checkpoints` (the sealed head kept beside the chain). Verifying checks
 * every seal and that the chain still has, at position `count`, the checkpoint's head hash: a chain
 * rewritten and re-hashed in SQL no longer matches the checkpoints taken before.
 */
import { asc, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.ts';
import { auditCheckpoints } from '../../db/schema.ts';
import { type ChainVerdict, GENESIS_HASH } from '../../domain/audit/chain.ts';
import {
  type AuditCheckpoint,
  checkpointSealProblem,
  sealCheckpoint,
} from '../../domain/audit/checkpoint.ts';
import { type FileStorage, StoredObjectMissing, storageFromConfig } from '../../integrations/storage.ts';
import { verifyAuditChain } from './audit.ts';
import type { ServiceContext } from './context.ts';
import { listStoredKeys, type StoreConfig } from './file-store-listing.ts';

export const CHECKPOINT_PREFIX = 'audit-checkpoints/';

/** "audit-checkpoints/2026/12/20261207T171000123Z-4521.json" */
export function checkpointKey(at: Date, count: number): string {
  const iso = at.toISOString();
  return `${CHECKPOINT_PREFIX}${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.replace(/[-:.]/g, '')}-${count}.json`;
}

export interface CheckpointSetup {
  auditKey: string;
  store: StoreConfig;
  /** The store itself (built from `store` when omitted). */
  storage?: FileStorage;
  fetch?: typeof fetch;
}

/** Seals the chain's current head, writes it to the file store and records it in the database. */
export async function writeAuditCheckpoint(
  ctx: ServiceContext,
  setup: CheckpointSetup,
): Promise<{ key: string; checkpoint: AuditCheckpoint }> {
  const db = ctx.database.db;
  // One statement, one snapshot: the count and the head agree (appends are serialised, so seq
  // order is commit order).
  const [head] = rowsOf<{ count: string | number; seq: string | number; hash: string }>(
    await db.execute(
      sql`select (select count(*) from audit)::bigint as count, seq, hash from audit order by seq desc limit 1`,
    ),
  );
  const at = ctx.clock();
  const checkpoint = sealCheckpoint(setup.auditKey, {
    at: at.toISOString(),
    count: head ? Number(head.count) : 0,
    seq: head ? Number(head.seq) : 0,
    headHash: head?.hash ?? GENESIS_HASH,
  });
  const key = checkpointKey(at, checkpoint.count);
  const storage = setup.storage ?? storageFromConfig(setup.store);
  await storage.put(key, Buffer.from(`${JSON.stringify(checkpoint, null, 2)}\n`));
  await db.insert(auditCheckpoints).values({
    key,
    at,
    count: checkpoint.count,
    seq: checkpoint.seq,
    headHash: checkpoint.headHash,
    keyId: checkpoint.keyId,
    seal: checkpoint.seal,
  });
  return { key, checkpoint };
}

export interface CheckpointProblem {
  key: string;
  source: 'file store' | 'database';
  problem: string;
}

export interface CheckpointVerdict {
  ok: boolean;
  chain: ChainVerdict;
  /** Checkpoints read from the file store (null when it was not read) and from the database. */
  fileStore: number | null;
  database: number;
  /** The latest valid checkpoint. */
  latest: { key: string; at: string; count: number; headHash: string } | null;
  problems: CheckpointProblem[];
}

/**
 * Verifies the audit chain against its checkpoints: those recorded in the database always, and
 * those in the file store when `setup.store` is given (`audit verify --checkpoints`).
 */
export async function verifyAuditCheckpoints(
  db: Db,
  setup: { auditKey: string; store?: StoreConfig; storage?: FileStorage; fetch?: typeof fetch },
): Promise<CheckpointVerdict> {
  const problems: CheckpointProblem[] = [];
  const valid = new Map<string, AuditCheckpoint>();

  const recorded = await db.select().from(auditCheckpoints).orderBy(asc(auditCheckpoints.at));
  const recordedByKey = new Map<string, AuditCheckpoint>();
  for (const row of recorded) {
    const c: AuditCheckpoint = {
      format: 'motcua-audit-checkpoint',
      version: 1,
      at: row.at.toISOString(),
      count: row.count,
      seq: row.seq,
      headHash: row.headHash,
      keyId: row.keyId,
      seal: row.seal,
    };
    recordedByKey.set(row.key, c);
    const problem = checkpointSealProblem(setup.auditKey, c);
    if (problem) problems.push({ key: row.key, source: 'database', problem });
    else valid.set(row.key, c);
  }

  let fileStore: number | null = null;
  if (setup.store) {
    fileStore = 0;
    const storage = setup.storage ?? storageFromConfig(setup.store);
    const seen = new Set<string>();
    for await (const key of listStoredKeys(setup.store, CHECKPOINT_PREFIX, setup.fetch)) {
      if (!key.endsWith('.json')) continue;
      seen.add(key);
      fileStore++;
      let parsed: unknown;
      try {
        parsed = JSON.parse((await storage.get(key)).toString('utf8'));
      } catch (error) {
        if (error instanceof StoredObjectMissing) continue;
        problems.push({ key, source: 'file store', problem: 'not readable as JSON' });
        continue;
      }
      const problem = checkpointSealProblem(setup.auditKey, parsed);
      if (problem) {
        problems.push({ key, source: 'file store', problem });
        continue;
      }
      const c = parsed as AuditCheckpoint;
      const copy = recordedByKey.get(key);
      if (copy && (copy.headHash !== c.headHash || copy.count !== c.count || copy.seal !== c.seal))
        problems.push({ key, source: 'database', problem: 'differs from the file store copy' });
      valid.set(key, c);
    }
    for (const key of recordedByKey.keys())
      if (!seen.has(key))
        problems.push({
          key,
          source: 'file store',
          problem: 'recorded in the database but missing from the file store (deleted?)',
        });
  }

  // One pass over the chain: at each checkpoint's position, the hash must be the sealed head.
  const byCount = new Map<number, [string, AuditCheckpoint][]>();
  for (const entry of valid) {
    const list = byCount.get(entry[1].count) ?? [];
    list.push(entry);
    byCount.set(entry[1].count, list);
  }
  for (const [key, c] of byCount.get(0) ?? [])
    if (c.headHash !== GENESIS_HASH)
      problems.push({ key, source: 'file store', problem: 'an empty chain with a head hash' });
  const chain = await verifyAuditChain(db, (position, seq, hash) => {
    for (const [key, c] of byCount.get(position) ?? [])
      if (c.headHash !== hash)
        problems.push({
          key,
          source: recordedByKey.has(key) ? 'database' : 'file store',
          problem: `record #${seq} (position ${position}) no longer has the sealed head hash: the chain was rewritten up to it`,
        });
  });
  if (chain.ok)
    for (const [key, c] of valid)
      if (c.count > chain.count)
        problems.push({
          key,
          source: recordedByKey.has(key) ? 'database' : 'file store',
          problem: `the chain has ${chain.count} records, fewer than the ${c.count} sealed: records were removed`,
        });

  let latest: CheckpointVerdict['latest'] = null;
  for (const [key, c] of valid)
    if (!latest || c.at > latest.at) latest = { key, at: c.at, count: c.count, headHash: c.headHash };
  return {
    ok: chain.ok && problems.length === 0,
    chain,
    fileStore,
    database: recorded.length,
    latest,
    problems,
  };
}

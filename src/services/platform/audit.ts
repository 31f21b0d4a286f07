import { asc, desc, gt, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../db/client.ts';
import { audit } from '../../db/schema.ts';
import {
  type AuditContent,
  auditHash,
  type ChainRecord,
  type ChainVerdict,
  GENESIS_HASH,
  verifyChain,
} from '../../domain/audit/chain.ts';
import type { Clock } from '../../domain/clock.ts';
import type { Actor, RequestMeta } from './context.ts';

export interface AuditEntry {
  action: string;
  actor?: Pick<Actor, 'id' | 'username'> | null;
  /** For failed logins, the username that was tried. */
  actorUsername?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  jurisdictionId?: string | null;
  before?: unknown;
  after?: unknown;
}

// Any 64-bit key: serialises appends across processes so the chain stays linear.
const AUDIT_LOCK_KEY = 7_201_833_001;

/** Appends one audit record inside the caller's transaction. */
export async function appendAudit(tx: Db, clock: Clock, meta: RequestMeta, entry: AuditEntry): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(AUDIT_LOCK_KEY))})`);
  const [last] = await tx.select({ hash: audit.hash }).from(audit).orderBy(desc(audit.seq)).limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const content: AuditContent = {
    id: uuidv7(),
    at: clock().toISOString(),
    jurisdictionId: entry.jurisdictionId ?? null,
    actorId: entry.actor?.id ?? null,
    actorUsername: entry.actor?.username ?? entry.actorUsername ?? null,
    action: entry.action,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    before: normalise(entry.before),
    after: normalise(entry.after),
    ip: meta.ip,
    requestId: meta.requestId,
  };
  await tx
    .insert(audit)
    .values({ ...content, at: new Date(content.at), prevHash, hash: auditHash(prevHash, content) });
}

/** Round-trips through JSON so what is hashed is exactly what jsonb gives back (no undefined, no Dates). */
function normalise(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/** What an audit row's hash covers, read back from the row (verifying, and the tamper tests). */
export function auditContentOf(r: typeof audit.$inferSelect): AuditContent {
  return {
    id: r.id,
    at: r.at.toISOString(),
    jurisdictionId: r.jurisdictionId,
    actorId: r.actorId,
    actorUsername: r.actorUsername,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    before: r.before ?? null,
    after: r.after ?? null,
    ip: r.ip,
    requestId: r.requestId,
  };
}

/**
 * Verifies the whole chain in pages (bounded memory). `onRecord` sees each verified record's
 * position (1 for the first), seq and hash, in order — how checkpoints are compared in one pass.
 */
export async function verifyAuditChain(
  db: Db,
  onRecord?: (position: number, seq: number, hash: string) => void,
): Promise<ChainVerdict> {
  let afterSeq = 0;
  let prev = GENESIS_HASH;
  let total = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(audit)
      .where(gt(audit.seq, afterSeq))
      .orderBy(asc(audit.seq))
      .limit(1000);
    if (rows.length === 0) return { ok: true, count: total };
    const records: ChainRecord[] = rows.map((r) => ({
      seq: r.seq,
      ...auditContentOf(r),
      prevHash: r.prevHash,
      hash: r.hash,
    }));
    const verdict = verifyChain(records, prev);
    if (!verdict.ok) return { ...verdict, count: total + verdict.count };
    if (onRecord) for (const [i, r] of records.entries()) onRecord(total + i + 1, r.seq, r.hash);
    total += records.length;
    prev = records[records.length - 1]!.hash;
    afterSeq = records[records.length - 1]!.seq;
  }
}

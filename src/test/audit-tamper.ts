/** Tests of the audit trail's defences: what a database administrator with full access can do. */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { audit } from '../db/schema.ts';
import { type AuditContent, auditHash, GENESIS_HASH } from '../domain/audit/chain.ts';
import { auditContentOf } from '../services/platform/index.ts';

/**
 * What a database administrator with full access can do: change records and recompute every hash
 * from there on, so the chain verifies again.
 */
export async function rewriteAuditChain(db: Db, change: (c: AuditContent, seq: number) => AuditContent) {
  const rows = await db.select().from(audit).orderBy(asc(audit.seq));
  let prev = GENESIS_HASH;
  for (const r of rows) {
    const content = change(auditContentOf(r), r.seq);
    const hash = auditHash(prev, content);
    await db
      .update(audit)
      .set({ ...content, at: new Date(content.at), prevHash: prev, hash })
      .where(eq(audit.seq, r.seq));
    prev = hash;
  }
}

/**
 * The audit hash chain: each record's hash is SHA-256 over the previous record's hash and the
 * record's own canonical content, so editing, deleting or reordering a row breaks every hash after it.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditContent {
  id: string;
  at: string; // ISO 8601 UTC with milliseconds
  jurisdictionId: string | null;
  actorId: string | null;
  actorUsername: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  requestId: string | null;
}

/** JSON with object keys sorted at every depth, so jsonb round trips keep the same text. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function auditHash(prevHash: string, content: AuditContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}

export interface ChainRecord extends AuditContent {
  seq: number;
  prevHash: string;
  hash: string;
}

export type ChainVerdict =
  | { ok: true; count: number }
  | { ok: false; count: number; brokenSeq: number; reason: string };

/** Checks records in `seq` order; `prevHash` of the first is the hash before it (genesis at the start). */
export function verifyChain(records: Iterable<ChainRecord>, startHash = GENESIS_HASH): ChainVerdict {
  let expectedPrev = startHash;
  let count = 0;
  for (const r of records) {
    count++;
    if (r.prevHash !== expectedPrev) {
      return {
        ok: false,
        count,
        brokenSeq: r.seq,
        reason: 'prev_hash does not match the previous record (a record was removed or reordered)',
      };
    }
    const { seq: _seq, prevHash: _p, hash: _h, ...content } = r;
    if (auditHash(r.prevHash, content) !== r.hash) {
      return {
        ok: false,
        count,
        brokenSeq: r.seq,
        reason: 'content does not match its hash (the record was altered)',
      };
    }
    expectedPrev = r.hash;
  }
  return { ok: true, count };
}

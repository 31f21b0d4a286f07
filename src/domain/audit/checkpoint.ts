/**
 * Sealed checkpoints of the audit chain: the head hash and the chain's length at an instant,
 * HMAC-SHA256-sealed with a key the database does not hold (MOTCUA_AUDIT_KEY). A database
 * administrator can rewrite every audit row and recompute every hash, but cannot make the chain
 * agree with the checkpoints written before, nor forge new ones without the key.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from './chain.ts';

export const CHECKPOINT_FORMAT = 'motcua-audit-checkpoint';

/** The sealed fields. */
export interface CheckpointFields {
  format: typeof CHECKPOINT_FORMAT;
  version: 1;
  /** When it was taken, ISO 8601 UTC. */
  at: string;
  /** Records in the chain at that instant; the head is the `count`-th record in seq order. */
  count: number;
  /** The head record's seq (0 for an empty chain), for the reader. */
  seq: number;
  /** The head record's hash (the genesis hash for an empty chain). */
  headHash: string;
  /** Which key sealed it (not secret): tells a wrong key from a forged seal. */
  keyId: string;
}

export interface AuditCheckpoint extends CheckpointFields {
  /** Hex HMAC-SHA256 of canonicalJson(fields) under the audit key. */
  seal: string;
}

const hmacHex = (key: string, text: string) => createHmac('sha256', key).update(text, 'utf8').digest('hex');

/** A short public identifier of a key (an HMAC of a constant, so it reveals nothing of the key). */
export function auditKeyId(key: string): string {
  return hmacHex(key, 'motcua-audit-key-id').slice(0, 16);
}

export function sealCheckpoint(
  key: string,
  fields: Omit<CheckpointFields, 'format' | 'version' | 'keyId'>,
): AuditCheckpoint {
  const full: CheckpointFields = {
    format: CHECKPOINT_FORMAT,
    version: 1,
    at: fields.at,
    count: fields.count,
    seq: fields.seq,
    headHash: fields.headHash,
    keyId: auditKeyId(key),
  };
  return { ...full, seal: hmacHex(key, canonicalJson(full)) };
}

/** Why a checkpoint cannot be trusted, or null when its seal is valid under `key`. */
export function checkpointSealProblem(key: string, value: unknown): string | null {
  const c = value as Partial<AuditCheckpoint> | null;
  if (
    !c ||
    typeof c !== 'object' ||
    c.format !== CHECKPOINT_FORMAT ||
    c.version !== 1 ||
    typeof c.at !== 'string' ||
    !Number.isSafeInteger(c.count) ||
    (c.count as number) < 0 ||
    !Number.isSafeInteger(c.seq) ||
    typeof c.headHash !== 'string' ||
    typeof c.keyId !== 'string' ||
    typeof c.seal !== 'string'
  )
    return 'not a checkpoint (fields missing or malformed)';
  const expected = sealCheckpoint(key, {
    at: c.at,
    count: c.count as number,
    seq: c.seq as number,
    headHash: c.headHash,
  });
  const a = Buffer.from(expected.seal, 'hex');
  const b = Buffer.from(c.seal, 'hex');
  if (a.length === b.length && timingSafeEqual(a, b) && c.keyId === expected.keyId) return null;
  return c.keyId !== expected.keyId
    ? `sealed with another key (key id ${c.keyId}; MOTCUA_AUDIT_KEY has ${expected.keyId})`
    : 'the seal does not match its fields (forged or altered)';
}

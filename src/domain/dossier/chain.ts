/**
 * A dossier's events form a hash chain, like the audit log: each event's hash covers the previous
 * hash and the event's own content, so a rewritten history is detected (verifyDossierChains).
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/chain.ts';
import type { DossierEvent } from './types.ts';

/** An event as stored (a dossier_events row): the type and payload are plain data there. */
export interface StoredEvent {
  seq: number;
  type: string;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  step: string | null;
  payload: unknown;
  hash: string;
}

export function eventHash(
  prevHash: string,
  e: Omit<DossierEvent, 'seq'> & { seq: number; dossierId: string },
): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalJson({ ...e, at: e.at.toISOString() }))
    .digest('hex');
}

/** A stored event row as the domain sees it (with its hash). */
export function eventOf(r: StoredEvent): DossierEvent & { hash: string } {
  return {
    seq: r.seq,
    type: r.type as DossierEvent['type'],
    at: r.at,
    actorId: r.actorId,
    actorName: r.actorName,
    step: r.step,
    payload: r.payload as Record<string, unknown>,
    hash: r.hash,
  };
}

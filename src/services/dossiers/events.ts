import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { dossierEvents, dossiers } from '../../db/schema.ts';
import { GENESIS_HASH } from '../../domain/audit/chain.ts';
import { type DossierEvent, eventHash, eventOf } from '../../domain/dossier/index.ts';

export type DossierRow = typeof dossiers.$inferSelect;

// ---------------------------------------------------------------- events

export async function loadEvents(db: Db, dossierId: string): Promise<(DossierEvent & { hash: string })[]> {
  const rows = await db
    .select()
    .from(dossierEvents)
    .where(eq(dossierEvents.dossierId, dossierId))
    .orderBy(asc(dossierEvents.seq));
  return rows.map(eventOf);
}

export async function appendEvent(
  tx: Db,
  dossier: { id: string; jurisdictionId: string },
  prevHash: string,
  event: DossierEvent,
  unitId: string | null,
): Promise<string> {
  const hash = eventHash(prevHash, { ...event, dossierId: dossier.id });
  await tx.insert(dossierEvents).values({
    dossierId: dossier.id,
    seq: event.seq,
    jurisdictionId: dossier.jurisdictionId,
    type: event.type,
    at: event.at,
    actorId: event.actorId,
    actorName: event.actorName,
    step: event.step,
    unitId,
    payload: event.payload,
    prevHash,
    hash,
  });
  return hash;
}

/**
 * Verifies every dossier's event chain (the same rule as the audit chain: each hash covers the
 * previous one and the event's own content). Returns the first broken event, if any.
 */
export async function verifyDossierChains(
  db: Db,
): Promise<{ ok: boolean; dossiers: number; events: number; broken?: { code: string; seq: number } }> {
  const rows = await db
    .select({ ev: dossierEvents, code: dossiers.code })
    .from(dossierEvents)
    .innerJoin(dossiers, eq(dossiers.id, dossierEvents.dossierId))
    .orderBy(asc(dossierEvents.dossierId), asc(dossierEvents.seq));
  let current = '';
  let prev = GENESIS_HASH;
  let count = 0;
  for (const { ev, code } of rows) {
    if (ev.dossierId !== current) {
      current = ev.dossierId;
      prev = GENESIS_HASH;
      count++;
    }
    const { hash: _stored, ...event } = eventOf(ev);
    const expected = eventHash(prev, { ...event, dossierId: ev.dossierId });

    if (ev.prevHash !== prev || ev.hash !== expected)
      return { ok: false, dossiers: count, events: rows.length, broken: { code, seq: ev.seq } };
    prev = ev.hash;
  }
  return { ok: true, dossiers: count, events: rows.length };
}

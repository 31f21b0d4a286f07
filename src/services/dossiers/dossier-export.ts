/**
 * The dossier history export (NDJSON, one dossier per line): the format the import reads, so a
 * history moves between installations and back.
 */
import { and, asc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import { dossierEvents, dossiers, ratings, units } from '../../db/schema.ts';
import { grantCovers } from '../../domain/access.ts';
import { TIME_ZONE, toLocalIso } from '../../domain/calendar/index.ts';
import type { ImportedDossier } from '../../domain/dossier/import.ts';
import type { DossierEvent } from '../../domain/dossier/types.ts';
import { AppError } from '../../domain/errors.ts';
import type { Actor, ServiceContext } from '../platform/index.ts';
import { unitAncestry } from '../access/index.ts';
import { eventOf } from '../../domain/dossier/index.ts';

const EXPORTERS = ['system_admin', 'unit_admin', 'auditor'] as const;

export interface ExportQuery {
  from: string;
  to: string;
  unit?: string | undefined;
}

/**
 * Dossiers received in [from, to] (local dates) in the import format, one object per line, read
 * back from their events (so an export re-imports to the same figures).
 */
export async function* exportDossiers(
  ctx: ServiceContext,
  actor: Actor,
  query: ExportQuery,
): AsyncGenerator<string> {
  const db = ctx.database.db;
  const [unit] = query.unit
    ? await db.select().from(units).where(eq(units.code, query.unit))
    : await db.select().from(units).where(isNull(units.parentId)).limit(1);
  if (!unit) throw new AppError(404, 'not_found', `Không có đơn vị "${query.unit}"`);
  if (!grantCovers(actor.grants, EXPORTERS, await unitAncestry(db, unit.id)))
    throw new AppError(403, 'forbidden', `Không có quyền xuất hồ sơ của đơn vị ${unit.code}`);
  const start = new Date(`${query.from}T00:00:00+07:00`);
  const end = new Date(new Date(`${query.to}T00:00:00+07:00`).getTime() + 86_400_000);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()))
    throw new AppError(400, 'invalid_period', 'Ngày không hợp lệ (cần dạng YYYY-MM-DD)');
  const unitFilter = query.unit ? eq(dossiers.receivingUnitId, unit.id) : undefined;
  const codes = new Map(
    (await db.select({ id: units.id, code: units.code }).from(units)).map((u) => [u.id, u.code]),
  );
  let after = '';
  for (;;) {
    const batch = await db
      .select()
      .from(dossiers)
      .where(
        and(
          gte(dossiers.receivedAt, start),
          lt(dossiers.receivedAt, end),
          sql`${dossiers.code} > ${after}`,
          unitFilter,
        ),
      )
      .orderBy(asc(dossiers.code))
      .limit(500);
    if (!batch.length) return;
    after = batch[batch.length - 1]!.code;
    const ids = batch.map((d) => d.id);
    const events = await db
      .select()
      .from(dossierEvents)
      .where(inArray(dossierEvents.dossierId, ids))
      .orderBy(asc(dossierEvents.dossierId), asc(dossierEvents.seq));
    const rated = new Map(
      (await db.select().from(ratings).where(inArray(ratings.dossierId, ids))).map((r) => [
        r.dossierId,
        r.level,
      ]),
    );
    const byDossier = new Map<string, DossierEvent[]>();
    for (const e of events) byDossier.set(e.dossierId, [...(byDossier.get(e.dossierId) ?? []), eventOf(e)]);
    for (const d of batch)
      yield `${JSON.stringify(exportedLine(d, byDossier.get(d.id) ?? [], codes, rated.get(d.id)))}\n`;
  }
}

function exportedLine(
  d: typeof dossiers.$inferSelect,
  events: DossierEvent[],
  unitCodes: Map<string, string>,
  rating: string | undefined,
): ImportedDossier {
  const iso = (t: Date) => toLocalIso(t, TIME_ZONE);
  const pauses: ImportedDossier['pauses'] = [];
  let extendedDueAt: string | null = null;
  let payment: ImportedDossier['payment'] = null;
  let digitized = { dossier: false, result: false };
  for (const e of events) {
    if (e.type === 'request_supplement') pauses.push({ from: iso(e.at), to: null });
    if (e.type === 'receive_supplement' && pauses.length) pauses[pauses.length - 1]!.to = iso(e.at);
    if (e.type === 'extend' && typeof e.payload.newDueAt === 'string')
      extendedDueAt = iso(new Date(e.payload.newDueAt));
    if (e.type === 'receive') {
      payment = (e.payload.payment as ImportedDossier['payment']) ?? null;
      digitized = (e.payload.digitized as typeof digitized) ?? digitized;
    }
  }
  const outcome: ImportedDossier['outcome'] = d.resolvedAt
    ? { kind: 'resolved', at: iso(d.resolvedAt) }
    : d.closedAt && (d.status === 'refused' || d.status === 'withdrawn' || d.status === 'cancelled')
      ? { kind: d.status === 'refused' ? 'refused' : 'withdrawn', at: iso(d.closedAt) }
      : null;
  return {
    code: d.code,
    procedureCode: d.procedureCode,
    unitCode: unitCodes.get(d.receivingUnitId) ?? '',
    channel: d.channel,
    receivedAt: iso(d.receivedAt),
    dueAt: iso(d.dueAt),
    pauses,
    outcome,
    extendedDueAt,
    returnedAt: d.returnedAt ? iso(d.returnedAt) : null,
    payment,
    rating: rating
      ? rating === 'not_satisfied'
        ? 'unsatisfied'
        : (rating as ImportedDossier['rating'])
      : null,
    digitized,
  };
}

import { eq, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.ts';
import { dossiers, units } from '../../db/schema.ts';
import { type DossierEvent, deriveDossierState } from '../../domain/dossier/index.ts';
import type { Actor } from '../platform/index.ts';
import { loadDossierContext, unitIdsByCode } from './one-dossier.ts';
import { historyOf, recordEvent } from './pipeline.ts';

/**
 * After a change of the working calendar of `unit` (a holiday or make-up day added, moved or
 * removed, or new working hours), inside the same transaction: every open, unresolved dossier
 * received at the unit or below whose due date the new calendar moves gets a `recompute_due` event
 * with the new date, the previous one and the reason. Resolved and closed dossiers keep their
 * history (their timeliness was fixed when it happened). Returns the codes moved.
 */
export async function recomputeDueDates(
  tx: Db,
  actor: Pick<Actor, 'id' | 'fullName'>,
  unit: { id: string },
  reason: string,
  now: Date,
): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(
    await tx.execute(sql`
      with recursive tree(id) as (
        select id from ${units} where id = ${unit.id}
        union all select u.id from ${units} u join tree t on u.parent_id = t.id
      )
      select d.id from ${dossiers} d join tree t on t.id = d.receiving_unit_id
      where d.status in ('in_progress', 'paused') and d.resolved_at is null
      order by d.id
      for update of d`),
  );
  const moved: string[] = [];
  const unitMap = rows.length ? await unitIdsByCode(tx) : new Map<string, string>();
  for (const { id } of rows) {
    const [row] = await tx.select().from(dossiers).where(eq(dossiers.id, id));
    const dc = await loadDossierContext(tx, row!);
    const history = historyOf(dc);
    const fresh = deriveDossierState(dc.definition, dc.events, {
      calendar: history.calendar,
      duration: history.duration,
      supplementMode: dc.definition.supplementMode,
      ignoreRecordedDue: true,
    });
    if (fresh.dueAt.getTime() === dc.state.dueAt.getTime()) continue;
    const event: DossierEvent = {
      seq: row!.version + 1,
      type: 'recompute_due',
      at: new Date(Math.max(now.getTime(), dc.state.lastEventAt.getTime())),
      actorId: actor.id,
      actorName: actor.fullName,
      step: dc.state.step,
      payload: {
        dueAt: fresh.dueAt.toISOString(),
        previousDueAt: dc.state.dueAt.toISOString(),
        reason,
      },
    };
    await recordEvent(
      tx,
      history,
      event,
      { unitIds: unitMap, fallbackUnitId: row!.currentUnitId },
      'update',
      now,
    );
    moved.push(row!.code);
  }
  return moved;
}

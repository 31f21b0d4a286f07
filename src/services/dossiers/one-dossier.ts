import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { dossiers, units } from '../../db/schema.ts';
import type { WorkingCalendar } from '../../domain/calendar/index.ts';
import { durationOf, type ProcedureContent } from '../../domain/catalog/procedure.ts';
import { type DossierEvent, type DossierState, deriveDossierState } from '../../domain/dossier/index.ts';
import { notFound } from '../../domain/errors.ts';
import type { ProcessDefinition } from '../../domain/workflow/index.ts';
import { calendarForUnit } from '../calendar/index.ts';
import type { Actor } from '../platform/index.ts';
import { loadProcess, procedureVersionContent } from '../catalog/index.ts';
import { visibleUnitIds } from '../access/index.ts';

import { type DossierRow, loadEvents } from './events.ts';

export interface DossierContext {
  row: DossierRow;
  procedure: ProcedureContent;
  definition: ProcessDefinition;
  calendar: WorkingCalendar;
  events: (DossierEvent & { hash: string })[];
  state: DossierState;
}

export async function loadDossierContext(db: Db, row: DossierRow): Promise<DossierContext> {
  const procedure = await procedureVersionContent(db, row.procedureId, row.procedureVersion);
  const { definition } = await loadProcess(db, row.processCode, row.processVersion);
  const [receiving] = await db.select().from(units).where(eq(units.id, row.receivingUnitId));
  const { calendar } = await calendarForUnit(db, receiving!);
  const events = await loadEvents(db, row.id);
  const state = deriveDossierState(definition, events, {
    calendar,
    duration: durationOf(procedure.processingTime),
    supplementMode: definition.supplementMode,
  });
  return { row, procedure, definition, calendar, events, state };
}

/** A dossier the actor may see, else 404 (never reveal that a dossier of another unit exists). */
export async function findVisibleDossier(
  db: Db,
  actor: Actor,
  code: string,
  lock = false,
): Promise<DossierRow> {
  const query = db.select().from(dossiers).where(eq(dossiers.code, code)).limit(1);
  const [row] = lock ? await query.for('update') : await query;
  const hidden = () => notFound('dossier_not_found', `Không tìm thấy hồ sơ "${code}"`);
  if (!row) throw hidden();
  const visible = await visibleUnitIds(db, actor.grants);
  if (visible && !visible.includes(row.receivingUnitId) && !visible.includes(row.currentUnitId))
    throw hidden();
  return row;
}

/** The projection columns that follow from a state. */
export function projection(
  state: DossierState,
  unitIdByCode: ReadonlyMap<string, string>,
  fallbackUnitId: string,
) {
  return {
    status: state.status,
    step: state.step,
    assigneeId: state.assigneeId,
    currentUnitId: (state.unitCode && unitIdByCode.get(state.unitCode)) || fallbackUnitId,
    dueAt: state.dueAt,
    appointmentAt: state.appointmentAt,
    pausedAt: state.pausedAt,
    resolvedAt: state.resolvedAt,
    returnedAt: state.returnedAt,
    closedAt: state.closedAt,
  };
}

export async function unitIdsByCode(db: Db): Promise<Map<string, string>> {
  const rows = await db.select({ id: units.id, code: units.code }).from(units);
  return new Map(rows.map((r) => [r.code, r.id]));
}

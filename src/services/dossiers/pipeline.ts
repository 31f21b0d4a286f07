/**
 * The one write path of a dossier's history, inside the caller's transaction:
 *
 *   event → state derived from the whole history → the event appended to the hash chain →
 *   the projection written (the dossier row) → the statistics moved (marks and activity)
 *
 * Intake (one dossier or a bundle), actions and due-date recomputation all go through
 * `recordEvent`. The bulk import writes thousands of histories at once with the same pieces
 * (eventHash, projection, statisticsOfHistory) in bulk statements; see dossier-import.ts.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { dossiers } from '../../db/schema.ts';
import { GENESIS_HASH } from '../../domain/audit/chain.ts';
import type { Duration, WorkingCalendar } from '../../domain/calendar/index.ts';
import { durationOf } from '../../domain/catalog/procedure.ts';
import { type DossierEvent, type DossierState, deriveDossierState } from '../../domain/dossier/index.ts';
import type { ProcessDefinition } from '../../domain/workflow/index.ts';
import { writeDossierStatistics } from '../rollups/index.ts';
import { appendEvent } from './events.ts';
import { type DossierContext, projection } from './one-dossier.ts';

/** A dossier's history as the write path needs it: the dossier's facts and the events so far. */
export interface History {
  dossier: {
    id: string;
    jurisdictionId: string;
    /** Reports count a dossier where it was received, liên thông or not. */
    receivingUnitId: string;
    procedureId: string;
    channel: 'counter' | 'online' | 'postal';
    resultDelivery: 'counter' | 'postal' | 'online';
  };
  definition: ProcessDefinition;
  calendar: WorkingCalendar;
  /** The procedure's time limit, from the version in force at reception. */
  duration: Duration;
  /** The events already stored, in order, with their hashes (empty for a new dossier). */
  events: readonly (DossierEvent & { hash: string })[];
}

export type ProjectionColumns = ReturnType<typeof projection> & { version: number };

export interface Placement {
  /** Unit ids by code, to place the dossier at the unit its state names (liên thông). */
  unitIds: ReadonlyMap<string, string>;
  /** Where it stays when the state names no known unit (its current unit; at intake, the receiving one). */
  fallbackUnitId: string;
}

export interface Recorded {
  state: DossierState;
  events: (DossierEvent & { hash: string })[];
  hash: string;
}

/**
 * Events that start or restart the clock record the due date they gave, as the receipt (Mẫu 01) or
 * the supplement's acknowledgement says it: a later calendar change must not rewrite what the
 * applicant was told (only a `recompute_due` event moves it, visibly).
 */
const RECORDS_DUE_DATE: ReadonlySet<DossierEvent['type']> = new Set(['receive', 'receive_supplement']);

/**
 * Records `event` in `history`. `writeProjection` writes the dossier row: "update" for a dossier that
 * exists; at intake, a function that inserts it (and does what must sit between, such as taking the
 * day's code counter last).
 */
export async function recordEvent(
  tx: Db,
  history: History,
  event: DossierEvent,
  placement: Placement,
  writeProjection: 'update' | ((columns: ProjectionColumns, state: DossierState) => Promise<void>),
  now: Date,
): Promise<Recorded> {
  const { dossier, definition, calendar, duration } = history;
  const clock = { calendar, duration, supplementMode: definition.supplementMode };
  const state = deriveDossierState(definition, [...history.events, event], clock);
  if (RECORDS_DUE_DATE.has(event.type))
    event.payload = { ...event.payload, dueAt: state.dueAt.toISOString() };
  const unitId = placement.unitIds.get(state.unitCode ?? '') ?? placement.fallbackUnitId;
  const prevHash = history.events[history.events.length - 1]?.hash ?? GENESIS_HASH;
  const hash = await appendEvent(tx, dossier, prevHash, event, unitId);
  const columns = { ...projection(state, placement.unitIds, placement.fallbackUnitId), version: event.seq };
  if (writeProjection === 'update')
    await tx
      .update(dossiers)
      .set({ ...columns, updatedAt: now })
      .where(eq(dossiers.id, dossier.id));
  else await writeProjection(columns, state);
  const events = [...history.events, { ...event, hash }];
  await writeDossierStatistics(
    tx,
    { dossierId: dossier.id, unitId: dossier.receivingUnitId, procedureId: dossier.procedureId },
    { ...clock, definition, events, channel: dossier.channel, resultDelivery: dossier.resultDelivery },
    event.seq,
  );
  return { state, events, hash };
}

/** The history of a dossier loaded with its context (loadDossierContext). */
export function historyOf(dc: DossierContext): History {
  const { row } = dc;
  return {
    dossier: {
      id: row.id,
      jurisdictionId: row.jurisdictionId,
      receivingUnitId: row.receivingUnitId,
      procedureId: row.procedureId,
      channel: row.channel,
      resultDelivery: row.resultDelivery,
    },
    definition: dc.definition,
    calendar: dc.calendar,
    duration: durationOf(dc.procedure.processingTime),
    events: dc.events,
  };
}

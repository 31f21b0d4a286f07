import { and, asc, desc, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { dossiers, procedures, units } from '../../db/schema.ts';
import type { Role } from '../../domain/access.ts';
import type { WorkingCalendar } from '../../domain/calendar/index.ts';
import { durationOf } from '../../domain/catalog/procedure.ts';
import { allowedActions, dossierTimeliness } from '../../domain/dossier/index.ts';
import { badRequest, forbidden } from '../../domain/errors.ts';
import { foldVietnamese } from '../../domain/text.ts';
import type { ProcessDefinition } from '../../domain/workflow/index.ts';
import { calendarForUnit } from '../calendar/index.ts';
import { recordAccess } from '../access/index.ts';
import { type Actor, NO_META, type RequestMeta, type ServiceContext } from '../platform/index.ts';
import { loadProcess } from '../catalog/index.ts';
import { requireUnit, rolesAt, type UnitRow, visibleUnitIds } from '../access/index.ts';
import { assistedViewOfDossier } from '../community/index.ts';
import type { DossierListItem, DossierView } from '../../contracts/dossiers.ts';
import { timeLeftOf } from './time-left.ts';

import { type DossierContext, findVisibleDossier, loadDossierContext, unitIdsByCode } from './one-dossier.ts';

/**
 * The applicant of the caller's unit's most recent dossier with this ID number (to reuse at
 * reception). The look-up goes to the personal-data access log, with the dossier found.
 */
export async function findApplicant(
  ctx: ServiceContext,
  actor: Actor,
  idNumber: string,
  meta: RequestMeta = NO_META,
): Promise<unknown | null> {
  const db = ctx.database.db;
  const visible = await visibleUnitIds(db, actor.grants);
  if (visible && visible.length === 0) throw forbidden();
  const [row] = await db
    .select({
      applicant: dossiers.applicant,
      id: dossiers.id,
      code: dossiers.code,
      unitId: dossiers.receivingUnitId,
      jurisdictionId: dossiers.jurisdictionId,
    })
    .from(dossiers)
    .where(
      and(
        eq(dossiers.applicantIdNumber, idNumber),
        visible
          ? or(inArray(dossiers.receivingUnitId, visible), inArray(dossiers.currentUnitId, visible))
          : undefined,
      ),
    )
    .orderBy(desc(dossiers.receivedAt))
    .limit(1);
  await recordAccess(db, ctx.clock, meta, {
    actor,
    action: 'applicant.lookup_by_id',
    subject: { type: 'id_number', idNumber },
    dossier: row
      ? { id: row.id, code: row.code, unitId: row.unitId, jurisdictionId: row.jurisdictionId }
      : null,
  });
  return row?.applicant ?? null;
}

export type { DossierView };

export async function getDossierView(
  ctx: ServiceContext,
  actor: Actor,
  code: string,
  opts: { afterOwnAction?: boolean } = {},
): Promise<DossierView> {
  const db = ctx.database.db;
  const row = opts.afterOwnAction
    ? (await db.select().from(dossiers).where(eq(dossiers.code, code)).limit(1))[0]!
    : await findVisibleDossier(db, actor, code);
  const dc = await loadDossierContext(db, row);
  const unitRows = await db
    .select()
    .from(units)
    .where(inArray(units.id, [row.receivingUnitId, row.currentUnitId]));
  const roles = await rolesAt(db, actor.grants, row.currentUnitId);
  const bundle = row.bundleId
    ? (
        await db
          .select({ code: dossiers.code, procedureCode: dossiers.procedureCode, status: dossiers.status })
          .from(dossiers)
          .where(eq(dossiers.bundleId, row.bundleId))
          .orderBy(asc(dossiers.code))
      ).filter((b) => b.code !== row.code)
    : [];
  const view = buildView(dc, unitRows, roles, bundle, ctx.clock());
  view.assisted = row.channel === 'online' ? await assistedViewOfDossier(db, row.id) : null;
  return view;
}

/** The view of a dossier from what is already loaded (no queries). */
export function buildView(
  dc: DossierContext,
  unitRows: { id: string; code: string; name: string }[],
  roles: ReadonlySet<Role>,
  bundle: DossierView['bundle'],
  now: Date,
): DossierView {
  const row = dc.row;
  const unitOf = (id: string) => {
    const u = unitRows.find((x) => x.id === id)!;
    return { code: u.code, name: u.name };
  };
  const stepName = (c: string | null) => dc.definition.steps.find((st) => st.code === c)?.name ?? c;
  const s = dc.state;
  return {
    bundle,
    dueExplanation: dc.calendar.dueDate(s.receivedAt, durationOf(dc.procedure.processingTime)).explanation,
    code: row.code,
    status: s.status,
    step: s.step,
    stepName: stepName(s.step),
    version: row.version,
    channel: row.channel,
    procedure: {
      code: row.procedureCode,
      name: dc.procedure.name,
      version: row.procedureVersion,
      processingTime: dc.procedure.processingTime,
    },
    receivingUnit: unitOf(row.receivingUnitId),
    currentUnit: unitOf(row.currentUnitId),
    applicant: row.applicant,
    documents: row.documents,
    formData: row.formData,
    resultDelivery: row.resultDelivery,
    receivedAt: s.receivedAt.toISOString(),
    dueAt: s.dueAt.toISOString(),
    appointmentAt: s.appointmentAt.toISOString(),
    originalDueAt: s.originalDueAt.toISOString(),
    extended: s.extended,
    paused: s.paused,
    pausedMinutes: s.pausedMinutes,
    resolvedAt: s.resolvedAt?.toISOString() ?? null,
    returnedAt: s.returnedAt?.toISOString() ?? null,
    timeliness: dossierTimeliness(s, dc.calendar, now),
    timeLeft: timeLeftOf({ status: s.status, paused: s.paused, dueAt: s.dueAt }, dc.calendar, now),
    assigneeId: s.assigneeId,
    steps: s.steps.map((st) => ({
      step: st.step,
      stepName: stepName(st.step) ?? st.step,
      unitCode: st.unitCode,
      assigneeId: st.assigneeId,
      startedAt: st.startedAt.toISOString(),
      endedAt: st.endedAt?.toISOString() ?? null,
      deadline: st.deadline.toISOString(),
      timeliness: st.timeliness,
    })),
    events: dc.events.map((e) => ({
      seq: e.seq,
      type: e.type,
      at: e.at.toISOString(),
      actorName: e.actorName,
      step: e.step,
      payload: e.payload,
    })),
    allowedActions: allowedActions(dc.definition, s, roles).map((a) => ({
      type: a.type,
      label: a.label,
      to: a.to,
    })),
  };
}

export interface DossierListQuery {
  status?: string | undefined;
  step?: string | undefined;
  /** 'me' = dossiers assigned to the caller. */
  assignee?: string | undefined;
  unit?: string | undefined;
  overdue?: boolean | undefined;
  q?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

export type { DossierListItem };

/** An inbox search that is an ID number (CCCD 12 digits, CMND 9): a look-up of personal data. */
const ID_NUMBER_QUERY = /^(\d{9}|\d{12})$/;

/**
 * Dossiers in the caller's scope, newest first, with a keyset cursor (stable under inserts). A
 * search by ID number goes to the personal-data access log: one row per dossier of that applicant
 * on the page (one without a dossier when none).
 */
export async function listDossiers(
  ctx: ServiceContext,
  actor: Actor,
  query: DossierListQuery,
  meta: RequestMeta = NO_META,
) {
  const db = ctx.database.db;
  const visible = await visibleUnitIds(db, actor.grants);
  if (visible && visible.length === 0) throw forbidden();
  const conditions: SQL[] = [];
  if (visible)
    conditions.push(
      or(inArray(dossiers.receivingUnitId, visible), inArray(dossiers.currentUnitId, visible))!,
    );
  if (query.status) conditions.push(eq(dossiers.status, query.status));
  if (query.step) conditions.push(eq(dossiers.step, query.step));
  if (query.assignee)
    conditions.push(eq(dossiers.assigneeId, query.assignee === 'me' ? actor.id : query.assignee));
  if (query.unit) {
    const unit = await requireUnit(db, query.unit, 'unit');
    conditions.push(or(eq(dossiers.receivingUnitId, unit.id), eq(dossiers.currentUnitId, unit.id))!);
  }
  if (query.overdue)
    conditions.push(and(inArray(dossiers.status, ['in_progress']), lt(dossiers.dueAt, ctx.clock()))!);
  if (query.q) {
    const q = query.q.trim();
    const folded = foldVietnamese(q);
    conditions.push(
      or(
        sql`${dossiers.code} ilike ${`${q.replace(/[%_\\]/g, '')}%`}`,
        eq(dossiers.applicantIdNumber, q),
        sql`${dossiers.applicantSearch} like ${`%${folded.replace(/[%_\\]/g, '')}%`}`,
      )!,
    );
  }
  if (query.cursor) {
    const [at, id] = Buffer.from(query.cursor, 'base64url').toString('utf8').split('|');
    if (!at || !id)
      throw badRequest('validation_failed', 'cursor không hợp lệ', [
        { path: 'cursor', message: 'cursor không hợp lệ' },
      ]);
    conditions.push(sql`(${dossiers.receivedAt}, ${dossiers.id}) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await db
    .select({ d: dossiers, receiving: units.code })
    .from(dossiers)
    .innerJoin(units, eq(units.id, dossiers.receivingUnitId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(dossiers.receivedAt), desc(dossiers.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const searchedId = query.q?.trim() ?? '';
  if (ID_NUMBER_QUERY.test(searchedId)) {
    const found = page.filter(({ d }) => d.applicantIdNumber === searchedId);
    const subject = { type: 'id_number', idNumber: searchedId } as const;
    await recordAccess(
      db,
      ctx.clock,
      meta,
      found.length
        ? found.map(({ d }) => ({
            actor,
            action: 'applicant.search_by_id' as const,
            subject,
            dossier: { id: d.id, code: d.code, unitId: d.receivingUnitId, jurisdictionId: d.jurisdictionId },
          }))
        : [{ actor, action: 'applicant.search_by_id' as const, subject }],
    );
  }
  const unitMap = new Map([...(await unitIdsByCode(db)).entries()].map(([c, id]) => [id, c]));
  // Names for the page: procedure names and step names of the pinned process versions.
  const procedureNames = new Map(
    page.length
      ? (
          await db
            .select({ code: procedures.code, name: procedures.name })
            .from(procedures)
            .where(inArray(procedures.code, [...new Set(page.map((p) => p.d.procedureCode))]))
        ).map((p) => [p.code, p.name])
      : [],
  );
  const definitions = new Map<string, ProcessDefinition>();
  for (const { d } of page) {
    const key = `${d.processCode}@${d.processVersion}`;
    if (!definitions.has(key))
      definitions.set(key, (await loadProcess(db, d.processCode, d.processVersion)).definition);
  }
  // Time left in each receiving unit's own calendar (holidays, make-up days), at this request's moment.
  const now = ctx.clock();
  const calendars = new Map<string, WorkingCalendar>();
  const receivingIds = [...new Set(page.map(({ d }) => d.receivingUnitId))];
  if (receivingIds.length)
    for (const unit of await db.select().from(units).where(inArray(units.id, receivingIds)))
      calendars.set(unit.id, (await calendarForUnit(db, unit)).calendar);
  const items: DossierListItem[] = page.map(({ d, receiving }) => ({
    code: d.code,
    procedureCode: d.procedureCode,
    procedureName: procedureNames.get(d.procedureCode) ?? d.procedureCode,
    stepName:
      definitions.get(`${d.processCode}@${d.processVersion}`)?.steps.find((st) => st.code === d.step)?.name ??
      d.step,
    assigneeId: d.assigneeId,
    // Imported history carries no applicant: an empty name rather than a failed list.
    applicantName: (d.applicant as { fullName?: string }).fullName ?? '',
    status: d.status,
    step: d.step,
    receivingUnitCode: receiving,
    currentUnitCode: unitMap.get(d.currentUnitId) ?? receiving,
    receivedAt: d.receivedAt.toISOString(),
    dueAt: d.dueAt.toISOString(),
    appointmentAt: d.appointmentAt.toISOString(),
    paused: d.pausedAt !== null,
    version: d.version,
    timeLeft: timeLeftOf(
      { status: d.status, paused: d.pausedAt !== null, dueAt: d.dueAt },
      calendars.get(d.receivingUnitId)!,
      now,
    ),
  }));
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > query.limit && last
      ? Buffer.from(`${last.d.receivedAt.toISOString()}|${last.d.id}`, 'utf8').toString('base64url')
      : null;
  return { items, nextCursor };
}

export type { UnitRow };

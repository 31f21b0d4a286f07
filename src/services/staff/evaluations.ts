/**
 * Weekly staff evaluation (issue 7 §5): the officer reports the week's tasks; the system measures
 * the week (activity roll-ups for work done and timeliness, dossiers overdue in hand, ratings, the
 * hotline's reports on attitude); the leader in charge grades A–D with a comment (audited); the
 * officer sees their own history; monthly and quarterly summaries export to Excel.
 */
import { and, asc, desc, eq, gte, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { v7 as uuidv7 } from 'uuid';
import type { EvaluationSummary, GradeInput, WeekReportInput } from '../../contracts/staff.ts';
import { type Db, rowsOf } from '../../db/client.ts';
import { staffEvaluations, units, userRoles, users } from '../../db/schema.ts';
import { localDateOf, TIME_ZONE } from '../../domain/calendar/index.ts';
import { AppError, conflict, notFound } from '../../domain/errors.ts';
import {
  GRADE_MEANING,
  GRADES,
  type Grade,
  gradeCounts,
  isWeekStart,
  quarterOf,
  type WeekFacts,
  weekEndOf,
} from '../../domain/staff/evaluation.ts';
import { appendAudit } from '../platform/index.ts';
import { type Actor, inTransaction, type RequestMeta, type ServiceContext } from '../platform/index.ts';
import { attitudeReports } from './hotline.ts';
import { requireUnit, type UnitRow, rolesAt } from '../access/index.ts';
import { activityTotals, zeroActivity } from '../rollups/index.ts';

/** Roles whose holders are evaluated weekly at their unit. */
const EVALUATED_ROLES = ['receptionist', 'officer'] as const;

function requireMonday(week: string): void {
  if (!isWeekStart(week))
    throw new AppError(400, 'validation_failed', 'Tuần phải bắt đầu từ thứ Hai (YYYY-MM-DD)', [
      { path: 'week', message: 'ngày thứ Hai của tuần' },
    ]);
}

/** The officers evaluated at a unit: staff holding an evaluated role there. */
async function officersOf(
  db: Db,
  unitId: string,
): Promise<Array<{ id: string; username: string; fullName: string }>> {
  const rows = await db
    .selectDistinct({ id: users.id, username: users.username, fullName: users.fullName })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(
      and(
        eq(userRoles.unitId, unitId),
        inArray(userRoles.role, [...EVALUATED_ROLES]),
        eq(users.disabled, false),
      ),
    )
    .orderBy(asc(users.fullName));
  return rows;
}

/** What the system measured of these officers' week at the unit (and below it: liên thông work counts). */
export async function measureWeek(
  ctx: ServiceContext,
  unit: UnitRow,
  officerIds: readonly string[],
  week: string,
): Promise<Map<string, WeekFacts>> {
  const db = ctx.database.db;
  const end = weekEndOf(week);
  const activity = await activityTotals(db, [unit.id], week, end, 'officer');
  const complaints = await attitudeReports(db, officerIds, week, end);
  const overdue = officerIds.length
    ? rowsOf<{ officer: string; n: number }>(
        await db.execute(sql`
          select assignee_id as officer, count(*)::int as n from dossiers
          where assignee_id in (${sql.join(
            officerIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )}) and status = 'in_progress' and resolved_at is null and due_at < ${ctx.clock().toISOString()}::timestamptz
          group by assignee_id`),
      )
    : [];
  const out = new Map<string, WeekFacts>();
  for (const id of officerIds) {
    const v = activity.get(id) ?? zeroActivity();
    out.set(id, {
      received: v.received,
      stepsDone: v.stepsEarly + v.stepsOnTime + v.stepsLate,
      stepsOnTime: v.stepsEarly + v.stepsOnTime,
      stepsLate: v.stepsLate,
      resolved: v.resolved,
      returned: v.returnedCounter + v.returnedPostal + v.returnedOnline,
      overdueInHand: Number(overdue.find((o) => o.officer === id)?.n ?? 0),
      ratings: v.ratedVerySatisfied + v.ratedSatisfied + v.ratedNeutral + v.ratedNotSatisfied,
      satisfied: v.ratedVerySatisfied + v.ratedSatisfied,
      complaints: complaints.get(id) ?? 0,
    });
  }
  return out;
}

export interface WeekEntry {
  officer: { username: string; fullName: string };
  weekStart: string;
  tasks: string | null;
  submittedAt: string | null;
  /** Measured now, or as they were when graded. */
  facts: WeekFacts;
  grade: Grade | null;
  comment: string | null;
  gradedByName: string | null;
  gradedAt: string | null;
}

function entryOf(
  officer: { username: string; fullName: string },
  week: string,
  row: typeof staffEvaluations.$inferSelect | undefined,
  measured: WeekFacts,
): WeekEntry {
  return {
    officer,
    weekStart: week,
    tasks: row?.tasks ?? null,
    submittedAt: row?.submittedAt?.toISOString() ?? null,
    facts: (row?.grade && (row.facts as WeekFacts | null)) || measured,
    grade: (row?.grade as Grade | null) ?? null,
    comment: row?.comment ?? null,
    gradedByName: row?.gradedByName ?? null,
    gradedAt: row?.gradedAt?.toISOString() ?? null,
  };
}

/** The officer's own report of the week (until it is graded). */
export async function submitWeekReport(
  ctx: ServiceContext,
  actor: Actor,
  week: string,
  input: WeekReportInput,
): Promise<WeekEntry> {
  requireMonday(week);
  const db = ctx.database.db;
  const unit = await requireUnit(db, input.unitCode, 'unitCode');
  const officers = await officersOf(db, unit.id);
  const me = officers.find((o) => o.id === actor.id);
  if (!me)
    throw new AppError(403, 'forbidden', `Bạn không thuộc danh sách cán bộ được đánh giá của ${unit.code}`);
  await inTransaction(ctx, async (tx) => {
    const [existing] = await tx
      .select()
      .from(staffEvaluations)
      .where(
        and(
          eq(staffEvaluations.unitId, unit.id),
          eq(staffEvaluations.officerId, actor.id),
          eq(staffEvaluations.weekStart, week),
        ),
      )
      .for('update');
    if (existing?.grade) throw conflict('already_graded', 'Tuần này đã được lãnh đạo xếp loại');
    if (existing)
      await tx
        .update(staffEvaluations)
        .set({ tasks: input.tasks, submittedAt: ctx.clock() })
        .where(eq(staffEvaluations.id, existing.id));
    else
      await tx.insert(staffEvaluations).values({
        id: uuidv7(),
        unitId: unit.id,
        officerId: actor.id,
        weekStart: week,
        tasks: input.tasks,
        submittedAt: ctx.clock(),
      });
  });
  return (await weekOf(ctx, unit, week, [me]))[0]!;
}

async function weekOf(
  ctx: ServiceContext,
  unit: UnitRow,
  week: string,
  officers: Array<{ id: string; username: string; fullName: string }>,
): Promise<WeekEntry[]> {
  const db = ctx.database.db;
  const rows = await db
    .select()
    .from(staffEvaluations)
    .where(and(eq(staffEvaluations.unitId, unit.id), eq(staffEvaluations.weekStart, week)));
  const measured = await measureWeek(
    ctx,
    unit,
    officers.map((o) => o.id),
    week,
  );
  return officers.map((o) =>
    entryOf(
      { username: o.username, fullName: o.fullName },
      week,
      rows.find((r) => r.officerId === o.id),
      measured.get(o.id)!,
    ),
  );
}

async function requireLeaderOf(db: Db, actor: Actor, unit: UnitRow): Promise<void> {
  const roles = await rolesAt(db, actor.grants, unit.id);
  if (!roles.has('leader') && !roles.has('system_admin'))
    throw new AppError(403, 'forbidden', `Chỉ lãnh đạo phụ trách ${unit.code} được xem và xếp loại cán bộ`);
}

/** The leader's view of a week: every officer of the unit, their report, measured facts and grade. */
export async function listWeek(
  ctx: ServiceContext,
  actor: Actor,
  query: { unit: string; week: string },
): Promise<WeekEntry[]> {
  requireMonday(query.week);
  const db = ctx.database.db;
  const unit = await requireUnit(db, query.unit);
  await requireLeaderOf(db, actor, unit);
  return weekOf(ctx, unit, query.week, await officersOf(db, unit.id));
}

/** The leader grades an officer's week: the measured facts are kept with the grade. Audited. */
export async function gradeWeek(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  officerUsername: string,
  week: string,
  input: GradeInput,
): Promise<WeekEntry> {
  requireMonday(week);
  const db = ctx.database.db;
  const unit = await requireUnit(db, input.unitCode, 'unitCode');
  await requireLeaderOf(db, actor, unit);
  const officer = (await officersOf(db, unit.id)).find((o) => o.username === officerUsername);
  if (!officer)
    throw notFound(
      'officer_not_found',
      `${officerUsername} không phải cán bộ được đánh giá của ${unit.code}`,
    );
  if (officer.id === actor.id) throw new AppError(403, 'forbidden', 'Không tự xếp loại chính mình');
  const facts = (await measureWeek(ctx, unit, [officer.id], week)).get(officer.id)!;
  await inTransaction(ctx, async (tx) => {
    const [existing] = await tx
      .select()
      .from(staffEvaluations)
      .where(
        and(
          eq(staffEvaluations.unitId, unit.id),
          eq(staffEvaluations.officerId, officer.id),
          eq(staffEvaluations.weekStart, week),
        ),
      )
      .for('update');
    const graded = {
      facts,
      grade: input.grade,
      comment: input.comment || null,
      gradedBy: actor.id,
      gradedByName: actor.fullName,
      gradedAt: ctx.clock(),
    };
    if (existing) await tx.update(staffEvaluations).set(graded).where(eq(staffEvaluations.id, existing.id));
    else
      await tx
        .insert(staffEvaluations)
        .values({ id: uuidv7(), unitId: unit.id, officerId: officer.id, weekStart: week, ...graded });
    await appendAudit(tx, ctx.clock, meta, {
      action: 'evaluation.grade',
      actor,
      jurisdictionId: unit.jurisdictionId,
      entityType: 'staff_evaluation',
      entityId: `${unit.code}:${officer.username}:${week}`,
      before: existing?.grade ? { grade: existing.grade, comment: existing.comment } : null,
      after: { grade: input.grade, comment: input.comment ?? null, facts },
    });
  });
  return (await weekOf(ctx, unit, week, [officer]))[0]!;
}

/** The officer's own weeks, newest first, at each unit where they are evaluated. */
export async function myEvaluations(
  ctx: ServiceContext,
  actor: Actor,
): Promise<Array<WeekEntry & { unitCode: string }>> {
  const db = ctx.database.db;
  const rows = await db
    .select({ e: staffEvaluations, unit: units })
    .from(staffEvaluations)
    .innerJoin(units, eq(units.id, staffEvaluations.unitId))
    .where(eq(staffEvaluations.officerId, actor.id))
    .orderBy(desc(staffEvaluations.weekStart))
    .limit(104);
  const me = { username: actor.username, fullName: actor.fullName };
  return Promise.all(
    rows.map(async ({ e, unit }) => {
      // A week not graded yet shows what the system measures now; a graded one, what it measured then.
      const measured = e.grade
        ? (e.facts as WeekFacts)
        : (await measureWeek(ctx, unit, [actor.id], e.weekStart)).get(actor.id)!;
      return { unitCode: unit.code, ...entryOf(me, e.weekStart, e, measured) };
    }),
  );
}

export type { EvaluationSummary };

/** Grades of the unit's officers per month or quarter of local dates from..to (weeks by their Monday). */
export async function evaluationSummary(
  ctx: ServiceContext,
  actor: Actor,
  query: { unit: string; from: string; to: string; by: 'month' | 'quarter' },
): Promise<EvaluationSummary> {
  const db = ctx.database.db;
  const unit = await requireUnit(db, query.unit);
  await requireLeaderOf(db, actor, unit);
  const officers = await officersOf(db, unit.id);
  const rows = await db
    .select()
    .from(staffEvaluations)
    .where(
      and(
        eq(staffEvaluations.unitId, unit.id),
        gte(staffEvaluations.weekStart, query.from),
        lte(staffEvaluations.weekStart, query.to),
        isNotNull(staffEvaluations.officerId),
      ),
    );
  const periodOf = (week: string) =>
    query.by === 'month' ? week.slice(0, 7) : `${week.slice(0, 4)}-Q${quarterOf(week)}`;
  const periods = [...new Set(rows.map((r) => periodOf(r.weekStart)))].sort();
  const out: EvaluationSummary['rows'] = [];
  for (const o of officers)
    for (const period of periods) {
      const grades = rows
        .filter((r) => r.officerId === o.id && periodOf(r.weekStart) === period)
        .map((r) => (r.grade as Grade | null) ?? null);
      if (grades.length)
        out.push({ officer: { username: o.username, fullName: o.fullName }, period, ...gradeCounts(grades) });
    }
  return {
    unit: { code: unit.code, name: unit.name },
    from: query.from,
    to: query.to,
    by: query.by,
    rows: out,
  };
}

/** The summary as an Excel sheet: one row per officer and period, weeks at each grade. */
export async function evaluationSummaryXlsx(summary: EvaluationSummary, issuedAt: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Một Cửa';
  wb.created = issuedAt;
  const ws = wb.addWorksheet('Xếp loại');
  ws.columns = [
    { width: 6 },
    { width: 28 },
    { width: 22 },
    { width: 12 },
    ...GRADES.map(() => ({ width: 14 })),
    { width: 14 },
  ];
  ws.addRow([`TỔNG HỢP XẾP LOẠI CÁN BỘ HẰNG TUẦN — ${summary.unit.name.toUpperCase()}`]).font = {
    bold: true,
    size: 13,
  };
  ws.addRow([
    `Từ tuần ${summary.from} đến tuần ${summary.to}, theo ${summary.by === 'month' ? 'tháng' : 'quý'}; lập ${localDateOf(issuedAt, TIME_ZONE)}`,
  ]);
  ws.addRow([]);
  const head = ws.addRow([
    'STT',
    'Cán bộ',
    'Tài khoản',
    summary.by === 'month' ? 'Tháng' : 'Quý',
    ...GRADES.map((g) => `${g}: ${GRADE_MEANING[g]}`),
    'Chưa xếp loại',
  ]);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle' };
  summary.rows.forEach((r, i) => {
    ws.addRow([i + 1, r.officer.fullName, r.officer.username, r.period, r.A, r.B, r.C, r.D, r.ungraded]);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Units where the actor is evaluated (for the officer's screen). */
export async function myEvaluationUnits(
  ctx: ServiceContext,
  actor: Actor,
): Promise<Array<{ code: string; name: string }>> {
  return rowsOf<{ code: string; name: string }>(
    await ctx.database.db.execute(sql`
      select distinct u.code, u.name from user_roles r join units u on u.id = r.unit_id
      where r.user_id = ${actor.id}::uuid and r.role in ('receptionist', 'officer') order by u.code`),
  );
}

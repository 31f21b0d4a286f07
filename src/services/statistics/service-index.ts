/**
 * The service-quality index of a unit (with the units below it) for a period: each indicator's
 * numerator and denominator counted from the data (src/domain/statistics/service-index.ts scores
 * them), or recorded by a person where the system cannot know (audited).
 */
import type { IndexInputBody } from '../../contracts/statistics.ts';
import { and, eq, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.ts';
import { reportIndexInputs } from '../../db/schema.ts';
import { grantCovers } from '../../domain/access.ts';
import { AppError, badRequest } from '../../domain/errors.ts';
import {
  type IndicatorInput,
  indexRulesOn,
  type ServiceIndex,
  scoreIndex,
} from '../../domain/statistics/service-index.ts';
import { appendAudit } from '../platform/index.ts';
import { type Actor, inTransaction, type RequestMeta, type ServiceContext } from '../platform/index.ts';
import { periodActivity } from './report-dashboard.ts';
import { processingReport, reportScope } from './reports.ts';
import { unitAncestry } from '../access/index.ts';

export interface IndexQuery {
  unit: string;
  from: string;
  to: string;
}

/** Numerator and denominator in one row: `n` and `d`. */
async function pair(db: Db, query: ReturnType<typeof sql>): Promise<IndicatorInput> {
  const [row] = rowsOf<{ n: number; d: number }>(await db.execute(query));
  return { numerator: Number(row?.n ?? 0), denominator: Number(row?.d ?? 0) };
}

export async function serviceIndex(
  ctx: ServiceContext,
  actor: Actor,
  query: IndexQuery,
): Promise<ServiceIndex & { unit: { code: string; name: string }; from: string; to: string; asOf: string }> {
  const db = ctx.database.db;
  const scopeQuery = { ...query, descendants: true };
  const s = await reportScope(ctx, actor, scopeQuery);
  // The report's totals and the two rates only: not the whole dashboard (months, units, steps).
  const report = await processingReport(ctx, actor, scopeQuery);
  const t = report.totals;
  const rates = await periodActivity(
    ctx,
    s.scope.map((u) => u.id),
    query.from,
    query.to,
  );
  const done = rates.activity;
  const ids = sql.join(
    s.scope.map((u) => sql`${u.id}::uuid`),
    sql`, `,
  );
  const start = s.period.start.toISOString();
  const asOf = s.period.asOf.toISOString();
  const inputs: Record<string, IndicatorInput | undefined> = {};

  // Procedures the units receive: complete publication (CK3) and online offer (TT1).
  const procedures = rowsOf<{ online_level: string; data: Record<string, unknown> }>(
    await db.execute(sql`
      select distinct on (p.id) p.online_level, v.data
      from procedure_units pu
      join procedures p on p.id = pu.procedure_id and p.status = 'active'
      join procedure_versions v on v.procedure_id = p.id
      where pu.unit_id in (${ids})
      order by p.id, v.number desc`),
  );
  const complete = procedures.filter((p) => {
    const d = p.data as {
      documents?: unknown[];
      legalBasis?: unknown[];
      resultType?: string | null;
      unconfirmed?: unknown[];
    };
    return (
      (d.documents?.length ?? 0) > 0 &&
      (d.legalBasis?.length ?? 0) > 0 &&
      Boolean(d.resultType) &&
      !d.unconfirmed?.length
    );
  }).length;
  inputs.CK3 = { numerator: complete, denominator: procedures.length };
  inputs.TT1 = {
    numerator: procedures.filter((p) => p.online_level === 'full' || p.online_level === 'partial').length,
    denominator: procedures.length,
  };

  inputs.TD1 = { numerator: t.resolved.early + t.resolved.onTime, denominator: t.resolved.total };
  inputs.TD2 = { numerator: t.inProgress.notDue, denominator: t.inProgress.total };
  // Apologies (Mẫu 04) written in the period: a resolved dossier without one counts for TD3.
  inputs.TD3 = {
    numerator: Math.max(0, t.resolved.total - done.apologies),
    denominator: t.resolved.total,
  };
  // Digitised at reception (online, or every component scanned) among dossiers received (SH1);
  // electronic results among dossiers resolved (SH2).
  inputs.SH1 = { numerator: done.receivedDigitized, denominator: done.received };
  inputs.SH2 = { numerator: done.resultDigitized, denominator: done.resolved };
  inputs.TT2 = { numerator: t.received.online, denominator: t.received.total };
  inputs.TT3 = { numerator: rates.cashlessRate.numerator, denominator: rates.cashlessRate.denominator };
  inputs.HL1 = {
    numerator: rates.satisfaction.rate.numerator,
    denominator: rates.satisfaction.rate.denominator,
  };
  inputs.HL2 = await pair(
    db,
    sql`select count(*) filter (where answered_at is not null and answered_at <= due_at)::int as n, count(*)::int as d
        from feedback where unit_id in (${ids})
          and due_at >= ${start}::timestamptz and due_at < ${asOf}::timestamptz`,
  );

  // What people recorded for this unit and period.
  const rules = indexRulesOn(query.to);
  const manual = await db
    .select()
    .from(reportIndexInputs)
    .where(
      and(
        eq(reportIndexInputs.unitId, s.root.id),
        eq(reportIndexInputs.periodFrom, query.from),
        eq(reportIndexInputs.periodTo, query.to),
      ),
    );
  for (const m of manual) {
    if (rules.indicators.find((i) => i.code === m.indicator)?.input !== 'manual') continue;
    inputs[m.indicator] = {
      numerator: m.numerator,
      denominator: m.denominator,
      recorded: { by: m.recordedByName, at: m.recordedAt.toISOString(), note: m.note },
    };
  }
  return {
    unit: { code: s.root.code, name: s.root.name },
    from: query.from,
    to: query.to,
    asOf: report.asOf,
    ...scoreIndex(rules, inputs),
  };
}

export type { IndexInputBody };

/** Who records manual inputs: the unit's leaders and administrators (inspectors only read). */
const RECORDERS = ['leader', 'unit_admin', 'system_admin'] as const;

/** Records (or replaces) a manual input of the index, with its source, in the audit log. */
export async function recordIndexInput(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  body: IndexInputBody,
): Promise<void> {
  const db = ctx.database.db;
  const s = await reportScope(ctx, actor, {
    unit: body.unit,
    from: body.from,
    to: body.to,
    descendants: true,
  });
  if (!grantCovers(actor.grants, RECORDERS, await unitAncestry(db, s.root.id)))
    throw new AppError(403, 'forbidden', 'Chỉ lãnh đạo, quản trị đơn vị được nhập số liệu chỉ số');
  const rule = indexRulesOn(body.to).indicators.find((i) => i.code === body.indicator);
  if (rule?.input !== 'manual')
    throw badRequest('validation_failed', `Chỉ số ${body.indicator} không nhập tay được`, [
      { path: 'indicator', message: 'chỉ số tính từ dữ liệu hoặc không có' },
    ]);
  await inTransaction(ctx, async (tx) => {
    const key = and(
      eq(reportIndexInputs.unitId, s.root.id),
      eq(reportIndexInputs.periodFrom, body.from),
      eq(reportIndexInputs.periodTo, body.to),
      eq(reportIndexInputs.indicator, body.indicator),
    );
    const [before] = await tx.select().from(reportIndexInputs).where(key);
    const row = {
      unitId: s.root.id,
      periodFrom: body.from,
      periodTo: body.to,
      indicator: body.indicator,
      numerator: body.numerator,
      denominator: body.denominator,
      note: body.note,
      recordedBy: actor.id,
      recordedByName: actor.fullName,
      recordedAt: ctx.clock(),
    };
    await tx
      .insert(reportIndexInputs)
      .values(row)
      .onConflictDoUpdate({
        target: [
          reportIndexInputs.unitId,
          reportIndexInputs.periodFrom,
          reportIndexInputs.periodTo,
          reportIndexInputs.indicator,
        ],
        set: row,
      });
    await appendAudit(tx, ctx.clock, meta, {
      action: 'report.index_input',
      actor,
      jurisdictionId: s.root.jurisdictionId,
      entityType: 'report_index_input',
      entityId: `${s.root.code}:${body.from}:${body.to}:${body.indicator}`,
      before: before
        ? { numerator: before.numerator, denominator: before.denominator, note: before.note }
        : null,
      after: { numerator: body.numerator, denominator: body.denominator, note: body.note },
    });
  });
}

/**
 * The legal forms of a dossier (Mẫu 01, 02, 04, 05) and a unit's logbook (Mẫu 06), filled from the
 * dossier's events and the pinned procedure version. Rendering is in src/documents (pure).
 */
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { dossiers, units } from '../../db/schema.ts';
import type { ProcedureContent } from '../../domain/catalog/procedure.ts';
import { type DossierEvent, parseDossierCode } from '../../domain/dossier/index.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import {
  type Applicant,
  type ControlStep,
  type DocumentForm,
  type LogbookEntry,
  renderApology04,
  renderControlSheet05,
  renderLogbook06Pdf,
  renderLogbook06Xlsx,
  renderReceipt01,
  renderSupplement02,
  type StepResult,
  type Unit,
} from '../../documents/index.ts';
import type { Actor, ServiceContext } from '../platform/index.ts';
import { type DossierContext, findVisibleDossier, loadDossierContext } from './one-dossier.ts';
import { unitAncestry, type UnitRow } from '../access/index.ts';

export type FormNumber = '01' | '02' | '04' | '05';

export interface FormOptions {
  publicUrl: string;
  compress?: boolean;
}

/** The printed heading of a unit: its name, its parent's, the province for the date line, the hotline. */
export async function printedUnit(db: Db, unit: UnitRow): Promise<Unit> {
  const ancestry = await unitAncestry(db, unit.id);
  const rows = await db.select().from(units);
  const byId = new Map(rows.map((u) => [u.id, u]));
  const parent = unit.parentId ? byId.get(unit.parentId) : undefined;
  const root = byId.get(ancestry[ancestry.length - 1]!)!;
  const province = root.name.replace(/^(UBND|Ủy ban nhân dân)\s+(tỉnh|thành phố)\s+/i, '');
  return {
    name: unit.name,
    parentName: parent?.name,
    address: unit.address ?? undefined,
    phone: unit.phone ?? undefined,
    hotline: unit.hotline ?? root.hotline ?? undefined,
    province,
  };
}

function documentForm(form: string): DocumentForm {
  if (form === 'certified_copy') return 'certified_copy';
  if (form === 'copy') return 'photocopy';
  return 'original';
}

export function timeLimitText(p: ProcedureContent): string {
  const t = p.processingTime;
  if (t.kind === 'sameDay') return 'Trong ngày';
  if (t.kind === 'workingHours') return `${t.value} giờ làm việc`;
  return `${String(t.value).padStart(2, '0')} ngày làm việc`;
}

function lastEvent(dc: DossierContext, type: DossierEvent['type']) {
  return [...dc.events].reverse().find((e) => e.type === type);
}

/** The applicant as recorded; imported history carries none, so its forms print the name blank. */
function applicantOf(row: { applicant: unknown }): Applicant {
  const applicant = (row.applicant ?? {}) as Partial<Applicant>;
  return { ...applicant, fullName: applicant.fullName ?? '' };
}

/** Renders one form of a dossier the actor may see. 404 when the form does not apply yet. */
export async function renderDossierForm(
  ctx: ServiceContext,
  actor: Actor,
  code: string,
  form: FormNumber,
  opts: FormOptions,
): Promise<Buffer> {
  const db = ctx.database.db;
  const row = await findVisibleDossier(db, actor, code);
  const dc = await loadDossierContext(db, row);
  const [receiving] = await db.select().from(units).where(eq(units.id, row.receivingUnitId));
  const unit = await printedUnit(db, receiving!);
  const procedure = { code: row.procedureCode, name: dc.procedure.name };
  const applicant = applicantOf(row);
  const render = { compress: opts.compress ?? true };
  const receive = dc.events[0]!;
  const issuedAt = ctx.clock();

  if (form === '01') {
    const parsed = parseDossierCode(row.code);
    return renderReceipt01(
      {
        unit,
        issuedAt: receive.at,
        dossierCode: row.code,
        trackingUrl: `${opts.publicUrl.replace(/\/$/, '')}/track/${encodeURIComponent(row.code)}`,
        applicant,
        procedure,
        documents: (row.documents as { name: string; form: string; copies?: number }[]).map((d) => ({
          name: d.name,
          form: documentForm(d.form),
          copies: d.copies ?? 1,
        })),
        sets: row.sets,
        timeLimit: timeLimitText(dc.procedure),
        receivedAt: dc.state.receivedAt,
        dueAt: dc.state.originalDueAt,
        returnMethod: row.resultDelivery === 'postal' ? 'post' : row.resultDelivery,
        returnAddress: row.deliveryAddress ?? applicant.address,
        fees: (row.fees as { amount: number; condition: string }[]).map((f) => ({
          name: f.condition.length > 90 ? `${f.condition.slice(0, 87)}…` : f.condition || 'Phí, lệ phí',
          amount: f.amount,
        })),
        logbook: parsed ? { book: String(parsed.localDate.slice(0, 4)), entry: parsed.sequence } : undefined,
        receiver: { fullName: receive.actorName ?? '' },
      },
      render,
    );
  }

  if (form === '02') {
    const ev = lastEvent(dc, 'request_supplement');
    if (!ev) throw notFound('form_not_applicable', 'Hồ sơ chưa có yêu cầu bổ sung (Mẫu 02)');
    const p = ev.payload as { items: { document: string; form?: string }[]; reason: string; note?: string };
    return renderSupplement02(
      {
        unit,
        issuedAt: ev.at,
        dossierCode: row.code,
        applicant,
        procedure,
        items: p.items.map((i) => ({ document: i.document, form: documentForm(i.form ?? 'original') })),
        reason: p.reason,
        contact: { fullName: ev.actorName ?? '', phone: receiving!.phone ?? undefined },
        guide: { fullName: ev.actorName ?? '' },
      },
      render,
    );
  }

  if (form === '04') {
    const ev = lastEvent(dc, 'extend');
    if (!ev) throw notFound('form_not_applicable', 'Hồ sơ chưa có phiếu xin lỗi và hẹn lại (Mẫu 04)');
    const p = ev.payload as { newDueAt: string; reason: string };
    return renderApology04(
      {
        unit,
        issuedAt: ev.at,
        dossierCode: row.code,
        applicant,
        procedure,
        receivedAt: dc.state.receivedAt,
        originalDueAt: dc.state.dueAt,
        reason: p.reason,
        newDueAt: new Date(p.newDueAt),
        signer: { fullName: ev.actorName ?? '', title: 'Lãnh đạo' },
      },
      render,
    );
  }

  // Mẫu 05: one row per hand-off, with its result against the step's deadline.
  const unitNames = new Map((await db.select().from(units)).map((u) => [u.code, u.name]));
  const stepName = (c: string) => dc.definition.steps.find((s) => s.code === c)?.name ?? c;
  const handOffs = dc.events.filter((e) => e.type === 'receive' || e.step !== null);
  const steps: ControlStep[] = dc.state.steps.map((s, i) => {
    const giverEvent = handOffs.find((e) => e.at.getTime() === s.startedAt.getTime()) ?? receive;
    const result: StepResult = s.timeliness ?? 'in_progress';
    const prev = dc.state.steps[i - 1];
    return {
      from: prev ? `${stepName(prev.step)} (${unitNames.get(prev.unitCode ?? '') ?? ''})` : 'Người nộp hồ sơ',
      to: `${stepName(s.step)} (${unitNames.get(s.unitCode ?? '') ?? ''})`,
      handedOverAt: s.startedAt,
      giver: i === 0 ? applicant.fullName : (giverEvent.actorName ?? ''),
      receiver: unitNames.get(s.unitCode ?? '') ?? '',
      result,
      stepDueAt: s.deadline,
    };
  });
  const coordinating = [
    ...new Set(dc.state.steps.map((s) => s.unitCode).filter((c) => c && c !== receiving!.code)),
  ].map((c) => unitNames.get(c!) ?? c!);
  return renderControlSheet05(
    {
      unit,
      issuedAt,
      dossierCode: row.code,
      applicant,
      procedure,
      leadAgency: receiving!.name,
      coordinatingAgencies: coordinating,
      steps,
    },
    render,
  );
}

/** Mẫu 06: the dossiers a unit received in a period (local dates, inclusive), as PDF or Excel. */
export async function renderLogbook(
  ctx: ServiceContext,
  unit: UnitRow,
  from: string,
  to: string,
  format: 'pdf' | 'xlsx',
  opts: { compress?: boolean } = {},
): Promise<Buffer> {
  const db = ctx.database.db;
  if (to < from)
    throw new AppError(400, 'validation_failed', '"to" phải từ "from" trở đi', [
      { path: 'to', message: 'Ngày kết thúc trước ngày bắt đầu' },
    ]);
  const start = new Date(`${from}T00:00:00+07:00`);
  const end = new Date(new Date(`${to}T00:00:00+07:00`).getTime() + 86_400_000);
  const rows = await db
    .select()
    .from(dossiers)
    .where(
      and(
        eq(dossiers.receivingUnitId, unit.id),
        gte(dossiers.receivedAt, start),
        lt(dossiers.receivedAt, end),
      ),
    )
    .orderBy(asc(dossiers.receivedAt), asc(dossiers.code));
  const entries: LogbookEntry[] = [];
  for (const row of rows) {
    const dc = await loadDossierContext(db, row);
    const applicant = applicantOf(row);
    const transfer = dc.events.find((e) => e.type === 'transfer' || (e.type === 'forward' && e.seq === 2));
    entries.push({
      dossierCode: row.code,
      procedureName: dc.procedure.name,
      sets: row.sets,
      applicantName: applicant.organization
        ? `${applicant.fullName} (${applicant.organization})`
        : applicant.fullName,
      applicantAddress: applicant.address,
      applicantPhone: applicant.phone,
      leadAgency: unit.name,
      receivedAt: dc.state.receivedAt,
      dueAt: dc.state.appointmentAt,
      sentToAgencyAt: transfer?.at,
      resultFromAgencyAt: dc.state.resolvedAt ?? undefined,
      returnedAt: dc.state.returnedAt ?? undefined,
      note: dc.state.status === 'returned' ? undefined : statusNote(dc.state.status),
    });
  }
  const data = {
    unit: await printedUnit(db, unit),
    issuedAt: ctx.clock(),
    period: { from: start, to: new Date(end.getTime() - 1) },
    book: from.slice(0, 4),
    entries,
  };
  return format === 'pdf' ? renderLogbook06Pdf(data, opts) : renderLogbook06Xlsx(data, opts);
}

function statusNote(status: string): string | undefined {
  return (
    {
      in_progress: 'Đang giải quyết',
      paused: 'Chờ bổ sung',
      resolved: 'Đã có kết quả, chưa trả',
      refused: 'Từ chối',
      withdrawn: 'Rút hồ sơ',
      cancelled: 'Hủy',
    } as Record<string, string>
  )[status];
}

/**
 * Public tracking (no login), reached from the QR code on the receipt: progress without personal
 * data but a masked name; with the applicant's phone or ID number as a second factor, also what was
 * requested for supplement. An unknown code and a wrong second factor give the same 404.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { dossiers, onlineApplications, procedures, units } from '../../db/schema.ts';
import { applicantOf, type FormAnswers } from '../../domain/applications/form.ts';
import { AppError } from '../../domain/errors.ts';
import { maskName } from '../../domain/reception/mask.ts';
import { recordAccess } from '../access/index.ts';
import { type Actor, limitsOf, NO_META, type RequestMeta, type ServiceContext } from '../platform/index.ts';
import { loadDossierContext } from './one-dossier.ts';
import { hitWindow } from '../platform/index.ts';
import { ratingOf } from './ratings.ts';
import { matchSecondFactor, notFound, type TrackQuery } from './second-factor.ts';

export { matchSecondFactor, notFound, type TrackQuery };

/** Who is tracking, when signed in: a staff member's look-up with a second factor is logged. */
export interface TrackViewer {
  actor: Actor | null;
  meta: RequestMeta;
}

export async function trackDossier(
  ctx: ServiceContext,
  ip: string | null,
  code: string,
  query: TrackQuery,
  viewer?: TrackViewer,
) {
  const result = await lookUp(ctx, ip, code, query);
  // Tracking with the applicant's phone or ID number is, for staff, a look-up of personal data.
  const actor = viewer?.actor;
  if (actor?.kind === 'staff' && result.verified) {
    const idNumber = query.idNumber?.trim();
    const [row] = await ctx.database.db
      .select({
        id: dossiers.id,
        code: dossiers.code,
        unitId: dossiers.receivingUnitId,
        jurisdictionId: dossiers.jurisdictionId,
      })
      .from(dossiers)
      .where(eq(dossiers.code, result.code))
      .limit(1);
    await recordAccess(ctx.database.db, ctx.clock, viewer?.meta ?? NO_META, {
      actor,
      action: 'dossier.track',
      subject: idNumber ? { type: 'id_number', idNumber } : { type: 'phone', phone: query.phone ?? '' },
      dossier: row ?? { id: null, code: result.code, unitId: null, jurisdictionId: null },
    });
  }
  return result;
}

async function lookUp(ctx: ServiceContext, ip: string | null, code: string, query: TrackQuery) {
  const db = ctx.database.db;
  const now = ctx.clock();
  const window = await hitWindow(db, `track:${ip ?? 'unknown'}`, 60_000, now);
  // Look-ups per IP address per minute, shared by every process through the database.
  if (window.count > limitsOf(ctx).trackPerMinute) {
    const err = new AppError(429, 'rate_limited', 'Bạn tra cứu quá nhiều lần, vui lòng thử lại sau ít phút');
    (err as AppError & { retryAfterSeconds?: number }).retryAfterSeconds = Math.max(
      1,
      Math.ceil((window.resetAt.getTime() - now.getTime()) / 1000),
    );
    throw err;
  }
  const [row] = await db.select().from(dossiers).where(eq(dossiers.code, code.trim())).limit(1);
  if (!row) return trackApplication(db, code.trim(), query);
  const applicant = row.applicant as { fullName: string; phone?: string; idNumber?: string };
  const second = query.phone || query.idNumber;
  const verified = second ? matchSecondFactor(applicant, query) : false;
  // A wrong second factor looks exactly like an unknown code.
  if (second && !verified) throw notFound();
  const dc = await loadDossierContext(db, row);
  const unitRows = await db.select().from(units);
  const unitName = (code: string | null) => unitRows.find((u) => u.code === code)?.name ?? code ?? '';
  const unitById = (id: string) => unitRows.find((u) => u.id === id)!;
  const stepName = (c: string) => dc.definition.steps.find((s) => s.code === c)?.name ?? c;
  const s = dc.state;
  const rating = await ratingOf(db, row.id);
  const receiving = unitById(row.receivingUnitId);
  const current = unitById(row.currentUnitId);
  return {
    code: row.code,
    procedure: { code: row.procedureCode, name: dc.procedure.name },
    receivingUnit: { code: receiving.code, name: receiving.name },
    currentUnit: { code: current.code, name: current.name },
    status: s.status,
    receivedAt: s.receivedAt.toISOString(),
    dueAt: s.dueAt.toISOString(),
    appointmentAt: s.appointmentAt.toISOString(),
    extended: s.extended,
    resultReady: s.resolvedAt !== null,
    resolvedAt: s.resolvedAt?.toISOString() ?? null,
    returnedAt: s.returnedAt?.toISOString() ?? null,
    applicantMasked: maskName(applicant.fullName),
    steps: s.steps.map((st) => ({
      stepName: stepName(st.step),
      unitName: unitName(st.unitCode),
      startedAt: st.startedAt.toISOString(),
      endedAt: st.endedAt?.toISOString() ?? null,
    })),
    verified,
    // The applicant's rating and comment are theirs: shown only with the second factor.
    rating: verified ? rating : null,
    canRate: verified && s.status === 'returned' && rating === null,
    ...(verified
      ? {
          supplementRequests: dc.events
            .filter((e) => e.type === 'request_supplement')
            .map((e) => {
              const p = e.payload as { reason?: string; items?: { document: string; form?: string }[] };
              return { at: e.at.toISOString(), reason: p.reason ?? '', items: p.items ?? [] };
            }),
        }
      : {}),
  };
}

/**
 * A code reserved by an online application that no unit has received yet: the citizen sees that it
 * waits for acceptance (or was not accepted), with the same masking and second-factor rules.
 */
async function trackApplication(db: Db, code: string, query: TrackQuery) {
  const [app] = await db
    .select({
      status: onlineApplications.status,
      answers: onlineApplications.answers,
      submittedAt: onlineApplications.submittedAt,
      procedureCode: onlineApplications.procedureCode,
      procedureName: procedures.name,
      unitCode: units.code,
      unitName: units.name,
    })
    .from(onlineApplications)
    .innerJoin(procedures, eq(procedures.id, onlineApplications.procedureId))
    .innerJoin(units, eq(units.id, onlineApplications.unitId))
    .where(eq(onlineApplications.code, code))
    .limit(1);
  if (!app || (app.status !== 'submitted' && app.status !== 'refused')) throw notFound();
  const applicant = applicantOf(app.answers as FormAnswers);
  const second = query.phone || query.idNumber;
  const verified = second ? matchSecondFactor(applicant, query) : false;
  if (second && !verified) throw notFound();
  const unit = { code: app.unitCode, name: app.unitName };
  return {
    code,
    procedure: { code: app.procedureCode, name: app.procedureName },
    receivingUnit: unit,
    currentUnit: unit,
    status: app.status === 'submitted' ? 'submitted' : 'not_accepted',
    receivedAt: null,
    dueAt: null,
    appointmentAt: null,
    submittedAt: app.submittedAt?.toISOString() ?? null,
    extended: false,
    resultReady: false,
    resolvedAt: null,
    returnedAt: null,
    applicantMasked: maskName(applicant.fullName),
    steps: [],
    verified,
    rating: null,
    canRate: false,
  };
}

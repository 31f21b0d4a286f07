/** What the citizen (and the officers of the unit) see of online applications. */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { ApplicationListItem } from '../../contracts/applications.ts';
import { dossiers, onlineApplications, payments, procedures, storedFiles, units } from '../../db/schema.ts';
import { effectiveForm, type FormAnswers } from '../../domain/applications/form.ts';
import {
  APPLICATION_ACTIONS_BY_STATUS,
  type ApplicationAction,
  CITIZEN_APPLICATION_ACTIONS,
  type CitizenApplicationAction,
} from '../../domain/applications/lifecycle.ts';
import type { Actor, ServiceContext } from '../platform/index.ts';
import { loadDossierContext } from '../dossiers/index.ts';
import {
  type ApplicationDocument,
  type ApplicationRow,
  citizenOnly,
  contentOf,
  feesOf,
  ownApplication,
  unitsOffering,
} from './common.ts';
import { type AssistConsent, assistedViewOf } from '../community/index.ts';

export type { ApplicationListItem };

/** "My dossiers": drafts, submitted, and the dossiers they became. */
export async function listMyApplications(ctx: ServiceContext, actor: Actor): Promise<ApplicationListItem[]> {
  citizenOnly(actor);
  const db = ctx.database.db;
  const rows = await db
    .select({
      app: onlineApplications,
      procedureName: procedures.name,
      unitName: units.name,
      dossierStatus: dossiers.status,
      appointmentAt: dossiers.appointmentAt,
    })
    .from(onlineApplications)
    .innerJoin(procedures, eq(procedures.id, onlineApplications.procedureId))
    .leftJoin(units, eq(units.id, onlineApplications.unitId))
    .leftJoin(dossiers, eq(dossiers.id, onlineApplications.dossierId))
    .where(and(eq(onlineApplications.citizenId, actor.id), sql`${onlineApplications.status} <> 'withdrawn'`))
    .orderBy(desc(onlineApplications.updatedAt))
    .limit(200);
  return rows.map((r) => ({
    id: r.app.id,
    status: r.app.status,
    code: r.app.code,
    procedureCode: r.app.procedureCode,
    procedureName: r.procedureName,
    unitName: r.unitName,
    updatedAt: r.app.updatedAt.toISOString(),
    submittedAt: r.app.submittedAt?.toISOString() ?? null,
    dossierStatus: r.dossierStatus,
    appointmentAt: r.appointmentAt?.toISOString() ?? null,
    assistedFor: (r.app.assistConsent as AssistConsent | null)?.fullName ?? null,
  }));
}

/** Who looks at the application: its owner, or an officer of its unit (who takes no citizen action). */
export type ApplicationViewer = 'citizen' | 'officer';

/** The whole application as its owner (or an officer of its unit) sees it. */
export async function applicationView(
  ctx: ServiceContext,
  config: { postalFee: number },
  row: ApplicationRow,
  viewer: ApplicationViewer,
) {
  const db = ctx.database.db;
  const content = await contentOf(db, row);
  const offering = await unitsOffering(db, row.procedureId);
  const files = await db
    .select({
      id: storedFiles.id,
      name: storedFiles.originalName,
      size: storedFiles.size,
      mediaType: storedFiles.mediaType,
      purpose: storedFiles.purpose,
      createdAt: storedFiles.createdAt,
    })
    .from(storedFiles)
    .where(
      row.dossierId
        ? sql`${storedFiles.applicationId} = ${row.id} or ${storedFiles.dossierId} = ${row.dossierId}`
        : eq(storedFiles.applicationId, row.id),
    )
    .orderBy(storedFiles.createdAt);
  const paymentRows = await db
    .select({
      id: payments.id,
      state: payments.state,
      amount: payments.amount,
      method: payments.method,
      receiptNumber: payments.receiptNumber,
      paidAt: payments.paidAt,
    })
    .from(payments)
    .where(
      row.dossierId
        ? sql`${payments.applicationId} = ${row.id} or ${payments.dossierId} = ${row.dossierId}`
        : eq(payments.applicationId, row.id),
    )
    .orderBy(desc(payments.createdAt));
  const fees = feesOf(content, row, config.postalFee);
  const paid = paymentRows.some((p) => p.state === 'paid');
  let dossier = null;
  if (row.dossierId) {
    const [d] = await db.select().from(dossiers).where(eq(dossiers.id, row.dossierId));
    if (d) {
      const dc = await loadDossierContext(db, d);
      const s = dc.state;
      const lastRequest = [...dc.events].reverse().find((e) => e.type === 'request_supplement');
      const request = lastRequest?.payload as { reason?: string; items?: { document: string }[] } | undefined;
      const resultReady = s.status === 'resolved' || s.status === 'returned';
      dossier = {
        status: s.status,
        receivedAt: s.receivedAt.toISOString(),
        dueAt: s.dueAt.toISOString(),
        appointmentAt: s.appointmentAt.toISOString(),
        resolvedAt: s.resolvedAt?.toISOString() ?? null,
        returnedAt: s.returnedAt?.toISOString() ?? null,
        supplementRequest:
          s.status === 'paused' && request
            ? {
                at: lastRequest!.at.toISOString(),
                reason: request.reason ?? '',
                items: (request.items ?? []).map((i) => i.document),
              }
            : null,
        resultReady,
      };
    }
  }
  const unit = offering.find((u) => u.id === row.unitId) ?? null;
  // What the citizen may do now: the lifecycle table, then the checks the services make too
  // (fees owed and not yet paid, a supplement asked for on the paused dossier).
  const allowedActions =
    viewer === 'citizen'
      ? (APPLICATION_ACTIONS_BY_STATUS[row.status] as readonly ApplicationAction[]).filter(
          (a): a is CitizenApplicationAction =>
            (CITIZEN_APPLICATION_ACTIONS as readonly ApplicationAction[]).includes(a) &&
            (a !== 'pay' || (row.unitId !== null && fees.total > 0 && !paid)) &&
            (a !== 'supplement' || dossier?.status === 'paused'),
        )
      : [];
  return {
    id: row.id,
    status: row.status,
    code: row.code,
    revision: row.revision,
    procedure: {
      code: row.procedureCode,
      version: row.procedureVersion,
      name: content.name,
      processingTimeText: content.processingTimeText ?? null,
      postalReturn: content.postalReturn,
      fees: content.fees,
      feeNote: content.feeNote ?? null,
      documents: content.documents,
    },
    form: effectiveForm(content.eForm),
    units: offering.map((u) => ({ code: u.code, name: u.name, address: u.address })),
    unitCode: unit?.code ?? null,
    unitName: unit?.name ?? null,
    answers: row.answers as FormAnswers,
    documents: row.documents as ApplicationDocument[],
    feeIndexes: row.feeIndexes as number[],
    feeExemption: row.feeExemption,
    resultDelivery: row.resultDelivery,
    deliveryAddress: row.deliveryAddress,
    postalFee: config.postalFee,
    fees,
    paid,
    payments: paymentRows.map((p) => ({
      ...p,
      paidAt: p.paidAt?.toISOString() ?? null,
    })),
    files: files.map((f) => ({ ...f, createdAt: f.createdAt.toISOString() })),
    refusalReason: row.refusalReason,
    assisted: await assistedViewOf(db, row),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    dossier,
    allowedActions,
  };
}
export type ApplicationView = Awaited<ReturnType<typeof applicationView>>;

export async function getMyApplication(
  ctx: ServiceContext,
  config: { postalFee: number },
  actor: Actor,
  id: string,
): Promise<ApplicationView> {
  return applicationView(ctx, config, await ownApplication(ctx.database.db, actor, id), 'citizen');
}

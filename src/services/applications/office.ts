/**
 * The receiving unit: the inbox of submitted applications, and the decision. Accepting receives the
 * dossier through the same intake as at the counter (channel `online`) and starts its clock;
 * refusing tells the citizen the reason.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { onlineApplications, payments, procedures, storedFiles, units } from '../../db/schema.ts';
import type { Role } from '../../domain/access.ts';
import { applicantOf, type FormAnswers } from '../../domain/applications/form.ts';
import {
  applicationRefusal,
  type ApplicationStatus,
  requireApplicationAction,
} from '../../domain/applications/lifecycle.ts';
import { provinceName } from '../../domain/applications/provinces.ts';
import { AppError, forbidden } from '../../domain/errors.ts';
import { intakeSchema } from '../../domain/reception/intake.ts';
import { appendAudit } from '../platform/index.ts';
import {
  type Actor,
  inTransaction,
  type RequestMeta,
  type ServiceContext,
  trackingUrl,
} from '../platform/index.ts';
import { insertDossier, prepareIntake } from '../dossiers/index.ts';
import { enqueueApplicantNotices } from '../notifications/index.ts';
import { type ApplicationDocument, applicationNotFound, contentOf } from './common.ts';
import { applicationView } from './views.ts';
import { rolesAt, visibleUnitIds } from '../access/index.ts';

const RECEIVING_ROLES: readonly Role[] = ['receptionist', 'system_admin'];

async function mayReceiveAt(db: Db, actor: Actor, unitId: string): Promise<boolean> {
  const roles = await rolesAt(db, actor.grants, unitId);
  return RECEIVING_ROLES.some((r) => roles.has(r));
}

/** Submitted applications waiting for acceptance at the units the officer can see. */
export async function listPendingApplications(
  ctx: ServiceContext,
  actor: Actor,
  query: { unitCode?: string | undefined; status?: ApplicationStatus | undefined },
) {
  if (actor.kind !== 'staff') throw forbidden();
  const db = ctx.database.db;
  const visible = await visibleUnitIds(db, actor.grants);
  const status = query.status ?? 'submitted';
  const rows = await db
    .select({
      app: onlineApplications,
      procedureName: procedures.name,
      unitCode: units.code,
      unitName: units.name,
    })
    .from(onlineApplications)
    .innerJoin(procedures, eq(procedures.id, onlineApplications.procedureId))
    .innerJoin(units, eq(units.id, onlineApplications.unitId))
    .where(
      and(
        eq(onlineApplications.status, status),
        visible === null
          ? undefined
          : visible.length
            ? inArray(onlineApplications.unitId, visible)
            : sql`false`,
        query.unitCode ? eq(units.code, query.unitCode) : undefined,
      ),
    )
    .orderBy(onlineApplications.submittedAt)
    .limit(500);
  const paidIds = new Set(
    rows.length
      ? (
          await db
            .select({ applicationId: payments.applicationId })
            .from(payments)
            .where(
              and(
                inArray(
                  payments.applicationId,
                  rows.map((r) => r.app.id),
                ),
                eq(payments.state, 'paid'),
              ),
            )
        ).map((p) => p.applicationId)
      : [],
  );
  return rows.map((r) => {
    const applicant = applicantOf(r.app.answers as FormAnswers, provinceName);
    return {
      id: r.app.id,
      code: r.app.code,
      status: r.app.status,
      procedureCode: r.app.procedureCode,
      procedureName: r.procedureName,
      unitCode: r.unitCode,
      unitName: r.unitName,
      applicantName: applicant.fullName,
      submittedAt: r.app.submittedAt?.toISOString() ?? null,
      paid: paidIds.has(r.app.id),
      // Submitted for the citizen by a community digital team member (details in the application).
      assisted: r.app.assistedBy !== null,
    };
  });
}

async function officerApplication(ctx: ServiceContext, actor: Actor, id: string) {
  if (actor.kind !== 'staff') throw forbidden();
  const db = ctx.database.db;
  if (!z.uuid().safeParse(id).success) throw applicationNotFound();
  const [row] = await db.select().from(onlineApplications).where(eq(onlineApplications.id, id));
  if (!row?.unitId || row.status === 'draft') throw applicationNotFound();
  const roles = await rolesAt(db, actor.grants, row.unitId);
  if (roles.size === 0) throw applicationNotFound();
  return row;
}

export async function getApplicationForOfficer(
  ctx: ServiceContext,
  config: { postalFee: number },
  actor: Actor,
  id: string,
) {
  return applicationView(ctx, config, await officerApplication(ctx, actor, id), 'officer');
}

/**
 * Accepts a submitted application: receives the dossier (channel `online`, the reserved code, the
 * files as its documents) in one transaction; the clock starts now and the citizen is told.
 */
export async function acceptApplication(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  id: string,
): Promise<{ code: string }> {
  const db = ctx.database.db;
  const row = await officerApplication(ctx, actor, id);
  if (!(await mayReceiveAt(db, actor, row.unitId!)))
    throw forbidden('Chỉ cán bộ một cửa của đơn vị được tiếp nhận hồ sơ');
  const accepted = requireApplicationAction(row.status, 'accept');
  const [unit] = await db.select({ code: units.code }).from(units).where(eq(units.id, row.unitId!));
  const documents = row.documents as ApplicationDocument[];
  const parsed = intakeSchema.safeParse({
    procedureCode: row.procedureCode,
    unitCode: unit!.code,
    channel: 'online',
    applicant: applicantOf(row.answers as FormAnswers, provinceName),
    formData: row.answers,
    // Scans uploaded online are electronic copies of the originals.
    documents: documents
      .filter((d) => d.fileIds.length > 0)
      .map((d) => ({ index: d.index, form: 'copy', copies: 1, fileId: d.fileIds[0] })),
    resultDelivery: row.resultDelivery ?? 'online',
    feeIndexes: row.feeIndexes,
    ...(row.deliveryAddress ? { deliveryAddress: row.deliveryAddress } : {}),
  });
  if (!parsed.success)
    throw new AppError(
      422,
      'invalid_application',
      'Thông tin hồ sơ trực tuyến không hợp lệ, cần từ chối và nêu lý do',
    );
  const prepared = await prepareIntake(ctx, actor, parsed.data);
  const dossierId = uuidv7();
  await inTransaction(ctx, async (tx) => {
    await lockFor(tx, id, 'accept');
    const now = ctx.clock();
    // Linked first, so the notices of the receive event find the citizen (Zalo opt-in).
    await tx
      .update(onlineApplications)
      .set({ status: accepted, dossierId, decidedAt: now, decidedBy: actor.id, updatedAt: now })
      .where(eq(onlineApplications.id, id));
    await insertDossier(
      tx,
      actor,
      prepared,
      dossierId,
      null,
      row.code!,
      row.assistedBy ? { assisted: { by: row.assistedBy, teamId: row.assistTeamId } } : undefined,
    );
    await tx.update(storedFiles).set({ dossierId }).where(eq(storedFiles.applicationId, id));
    await tx.update(payments).set({ dossierId }).where(eq(payments.applicationId, id));
    await appendAudit(tx, ctx.clock, meta, {
      action: 'application.accept',
      actor,
      jurisdictionId: prepared.unit.jurisdictionId,
      entityType: 'online_application',
      entityId: id,
      after: { code: row.code, dossierId },
    });
  });
  return { code: row.code! };
}

/**
 * Locks the application until commit and decides again under the lock: only one officer's
 * decision on a submitted one wins. Returns the status the decision leaves it in.
 */
async function lockFor(tx: Db, id: string, action: 'accept' | 'refuse'): Promise<ApplicationStatus> {
  const [locked] = await tx
    .select({ status: onlineApplications.status })
    .from(onlineApplications)
    .where(eq(onlineApplications.id, id))
    .for('update');
  if (!locked) throw applicationRefusal(action);
  return requireApplicationAction(locked.status, action);
}

/** Refuses a submitted application with the reason the citizen will read. */
export async function refuseApplication(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  input: { reason: string },
): Promise<void> {
  const db = ctx.database.db;
  const row = await officerApplication(ctx, actor, id);
  if (!(await mayReceiveAt(db, actor, row.unitId!)))
    throw forbidden('Chỉ cán bộ một cửa của đơn vị được từ chối tiếp nhận hồ sơ');
  const content = await contentOf(db, row);
  const [unit] = await db.select().from(units).where(eq(units.id, row.unitId!));
  await inTransaction(ctx, async (tx) => {
    const refused = await lockFor(tx, id, 'refuse');
    const now = ctx.clock();
    await tx
      .update(onlineApplications)
      .set({
        status: refused,
        refusalReason: input.reason,
        decidedAt: now,
        decidedBy: actor.id,
        updatedAt: now,
      })
      .where(eq(onlineApplications.id, id));
    await enqueueApplicantNotices(tx, {
      dossierId: null,
      citizenId: row.citizenId,
      template: 'intake_refused',
      jurisdictionId: unit!.jurisdictionId,
      applicant: applicantOf(row.answers as FormAnswers, provinceName),
      eventType: 'intake_refused',
      payload: { reason: input.reason },
      data: {
        code: row.code!,
        procedureName: content.name,
        unitName: unit!.name,
        trackingUrl: trackingUrl(ctx, row.code!),
      },
      now,
    });
    await appendAudit(tx, ctx.clock, meta, {
      action: 'application.refuse',
      actor,
      jurisdictionId: unit!.jurisdictionId,
      entityType: 'online_application',
      entityId: id,
      after: { reason: input.reason },
    });
  });
}

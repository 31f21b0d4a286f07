/**
 * The citizen hands in online what the office asked for while the dossier is paused; the officers
 * are told and confirm it with the dossier's `receive_supplement` action.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../db/client.ts';
import { dossiers, staffNotifications, storedFiles, userRoles } from '../../db/schema.ts';
import { applicationRefusal, requireApplicationAction } from '../../domain/applications/lifecycle.ts';
import { badRequest, conflict } from '../../domain/errors.ts';
import { appendAudit } from '../platform/index.ts';
import { type Actor, inTransaction, type RequestMeta, type ServiceContext } from '../platform/index.ts';
import { ownApplication } from './common.ts';

/**
 * The citizen hands in what the office asked for (files already uploaded with purpose
 * 'supplement'): the officers of the dossier's unit are told, and confirm it with "receive supplement".
 */
export async function submitSupplement(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  input: { fileIds: string[]; note?: string | undefined },
): Promise<void> {
  const db = ctx.database.db;
  const row = await ownApplication(db, actor, id);
  requireApplicationAction(row.status, 'supplement');
  if (!row.dossierId) throw applicationRefusal('supplement');
  const [d] = await db.select().from(dossiers).where(eq(dossiers.id, row.dossierId));
  if (d?.status !== 'paused')
    throw conflict('no_supplement_requested', 'Hồ sơ không ở trạng thái chờ bổ sung');
  const files = input.fileIds.length
    ? await db
        .select({ id: storedFiles.id, name: storedFiles.originalName })
        .from(storedFiles)
        .where(
          and(
            inArray(storedFiles.id, input.fileIds),
            eq(storedFiles.dossierId, d.id),
            eq(storedFiles.purpose, 'supplement'),
          ),
        )
    : [];
  if (files.length === 0 || files.length !== input.fileIds.length)
    throw badRequest('validation_failed', 'Cần đính kèm giấy tờ bổ sung', [
      { path: 'fileIds', message: 'Cần đính kèm giấy tờ bổ sung' },
    ]);
  await inTransaction(ctx, async (tx) => {
    await notifyStaff(tx, d, {
      dedupeKey: `supplement:${d.id}:${ctx.clock().toISOString()}`,
      title: `Hồ sơ ${d.code}: công dân đã bổ sung trực tuyến`,
      body: `${files.length} tệp: ${files.map((f) => f.name).join(', ')}${input.note ? `. Ghi chú: ${input.note}` : ''}. Kiểm tra và "Nhận bổ sung" để tiếp tục tính thời hạn.`,
    });
    await appendAudit(tx, ctx.clock, meta, {
      action: 'application.supplement',
      actor,
      jurisdictionId: d.jurisdictionId,
      entityType: 'dossier',
      entityId: d.id,
      after: { fileIds: input.fileIds, note: input.note ?? null },
    });
  });
}

/** An in-app notice to the dossier's assignee, or to the receptionists of its unit. */
async function notifyStaff(
  tx: Db,
  d: { id: string; jurisdictionId: string; currentUnitId: string; assigneeId: string | null },
  notice: { dedupeKey: string; title: string; body: string },
) {
  const recipients = d.assigneeId
    ? [d.assigneeId]
    : (
        await tx
          .selectDistinct({ userId: userRoles.userId })
          .from(userRoles)
          .where(and(eq(userRoles.unitId, d.currentUnitId), eq(userRoles.role, 'receptionist')))
      ).map((r) => r.userId);
  if (recipients.length === 0) return;
  await tx
    .insert(staffNotifications)
    .values(
      recipients.map((userId) => ({
        id: uuidv7(),
        jurisdictionId: d.jurisdictionId,
        userId,
        kind: 'online' as const,
        dossierId: d.id,
        ...notice,
      })),
    )
    .onConflictDoNothing();
}

import { eq } from 'drizzle-orm';
import { units } from '../../db/schema.ts';
import { decide, type DossierEvent } from '../../domain/dossier/index.ts';
import { conflict } from '../../domain/errors.ts';
import {
  type Actor,
  inTransaction,
  type RequestMeta,
  type ServiceContext,
  trackingUrl,
} from '../platform/index.ts';
import { enqueueApplicantNotices } from '../notifications/index.ts';
import { requireUnit, rolesAt } from '../access/index.ts';
import { findVisibleDossier, loadDossierContext, unitIdsByCode } from './one-dossier.ts';
import { historyOf, recordEvent } from './pipeline.ts';
import { getDossierView, type DossierView } from './views.ts';

export interface ActionInput {
  action: string;
  expectedVersion: number;
  note?: string | undefined;
  payload: Record<string, unknown>;
}

/** Takes an action on a dossier: optimistic concurrency on `version`, one event, projection updated. */
export async function actOnDossier(
  ctx: ServiceContext,
  actor: Actor,
  _meta: RequestMeta,
  code: string,
  input: ActionInput,
): Promise<DossierView> {
  await inTransaction(ctx, async (tx) => {
    // Row lock: two officers acting at once are serialised, and the second sees the new version.
    const row = await findVisibleDossier(tx, actor, code, true);
    if (row.version !== input.expectedVersion)
      throw conflict(
        'version_conflict',
        `Hồ sơ đã thay đổi (phiên bản ${row.version}, bạn gửi ${input.expectedVersion}); tải lại rồi thử lại`,
      );
    const dc = await loadDossierContext(tx, row);
    const holdingUnit = dc.state.unitCode ? (await requireUnit(tx, dc.state.unitCode)).id : row.currentUnitId;
    const roles = await rolesAt(tx, actor.grants, holdingUnit);
    const now = ctx.clock();
    const decided = decide(
      dc.definition,
      dc.state,
      {
        type: input.action as never,
        payload: { ...input.payload, ...(input.note ? { note: input.note } : {}) },
      },
      roles,
      now,
    );
    const event: DossierEvent = {
      ...decided,
      seq: row.version + 1,
      actorId: actor.id,
      actorName: actor.fullName,
    };
    const { state } = await recordEvent(
      tx,
      historyOf(dc),
      event,
      { unitIds: await unitIdsByCode(tx), fallbackUnitId: row.currentUnitId },
      'update',
      now,
    );
    const [receiving] = await tx.select().from(units).where(eq(units.id, row.receivingUnitId));
    await enqueueApplicantNotices(tx, {
      dossierId: row.id,
      jurisdictionId: row.jurisdictionId,
      applicant: row.applicant as { phone?: string; email?: string },
      eventType: event.type,
      payload: event.payload,
      data: {
        code: row.code,
        procedureName: dc.procedure.name,
        unitName: receiving?.name ?? '',
        trackingUrl: trackingUrl(ctx, row.code),
        dueAt: state.appointmentAt,
      },
      now,
    });
  });
  // After a hand-over the actor may no longer hold the dossier; they still get to see what they did.
  return getDossierView(ctx, actor, code, { afterOwnAction: true });
}

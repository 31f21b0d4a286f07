/**
 * What the use cases of online applications share: loading an application for its owner, the
 * procedure version and the units that receive it, the fees it owes.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ApplicationDocument } from '../../contracts/applications.ts';
import type { Db } from '../../db/client.ts';
import { onlineApplications, procedureUnits, procedureVersions, units } from '../../db/schema.ts';
import type { ApplicationStatus } from '../../domain/applications/lifecycle.ts';
import type { ProcedureContent } from '../../domain/catalog/procedure.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { computeFees } from '../../domain/payments/fees.ts';
import type { Actor } from '../platform/index.ts';
import { isAssistant } from '../community/index.ts';

export type ApplicationRow = typeof onlineApplications.$inferSelect;
export type { ApplicationStatus };

export type { ApplicationDocument };

/** Citizens apply for themselves; community digital team members (role `assistant`) for citizens. */
export const citizenOnly = (actor: Actor) => {
  if (actor.kind !== 'citizen' && !isAssistant(actor))
    throw new AppError(403, 'citizen_only', 'Chức năng này dành cho tài khoản công dân, tổ chức');
};
export const applicationNotFound = () => notFound('application_not_found', 'Không tìm thấy hồ sơ trực tuyến');

/** The procedure version in force today (local date) for an active procedure. */
export async function versionInForce(db: Db, procedureId: string, today: string) {
  const [version] = await db
    .select()
    .from(procedureVersions)
    .where(
      and(
        eq(procedureVersions.procedureId, procedureId),
        sql`${procedureVersions.effectiveFrom} <= ${today}`,
      ),
    )
    .orderBy(desc(procedureVersions.number))
    .limit(1);
  return version;
}

export async function contentOf(db: Db, row: ApplicationRow): Promise<ProcedureContent> {
  const [version] = await db
    .select({ data: procedureVersions.data })
    .from(procedureVersions)
    .where(
      and(
        eq(procedureVersions.procedureId, row.procedureId),
        eq(procedureVersions.number, row.procedureVersion),
      ),
    );
  if (!version) throw new AppError(500, 'invalid_application', 'Không tìm thấy phiên bản thủ tục');
  return version.data as ProcedureContent;
}

export async function ownApplication(db: Db, actor: Actor, id: string): Promise<ApplicationRow> {
  citizenOnly(actor);
  if (!z.uuid().safeParse(id).success) throw applicationNotFound();
  const [row] = await db.select().from(onlineApplications).where(eq(onlineApplications.id, id));
  if (!row || row.citizenId !== actor.id) throw applicationNotFound();
  return row;
}

/** Units that receive the procedure (those a citizen may choose). */
export async function unitsOffering(db: Db, procedureId: string) {
  return db
    .select({ id: units.id, code: units.code, name: units.name, address: units.address })
    .from(procedureUnits)
    .innerJoin(units, eq(units.id, procedureUnits.unitId))
    .where(eq(procedureUnits.procedureId, procedureId))
    .orderBy(units.name);
}

export function feesOf(content: ProcedureContent, row: ApplicationRow, postalFee: number) {
  return computeFees({
    fees: content.fees,
    feeIndexes: (row.feeIndexes as number[]).filter((i) => content.fees[i] !== undefined),
    resultDelivery: row.resultDelivery ?? 'counter',
    postalFee,
  });
}

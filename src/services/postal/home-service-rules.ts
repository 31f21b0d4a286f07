/** What the home-service use cases share: who may work with the requests, and small helpers. */
import type { Db } from '../../db/client.ts';
import { AppError, badRequest } from '../../domain/errors.ts';
import type { UnitRow } from '../access/index.ts';
import type { Actor } from '../platform/index.ts';
import { rolesAt } from '../access/index.ts';

/** Who registers, schedules and closes home-service requests: the same people as the postal service. */
export const HOME_SERVICE_ROLES = ['receptionist', 'unit_admin', 'system_admin'] as const;
/** Who reads the summary (the reports): also leaders and inspectors. */
export const SUMMARY_READERS = [...HOME_SERVICE_ROLES, 'leader', 'auditor'] as const;
/** The roles that make someone an officer of the unit who can be sent to a home. */
export const OFFICER_ROLES = ['receptionist', 'officer', 'leader', 'unit_admin'] as const;

export async function requireHomeServiceStaff(
  db: Db,
  actor: Actor,
  unit: UnitRow,
  allowed: readonly string[] = HOME_SERVICE_ROLES,
): Promise<void> {
  const roles = await rolesAt(db, actor.grants, unit.id);
  if (!allowed.some((r) => roles.has(r as never)))
    throw new AppError(
      403,
      'forbidden',
      `Chỉ cán bộ tiếp nhận của đơn vị ${unit.code} được làm việc với yêu cầu thu nhận, trả kết quả tại nhà`,
    );
}

export const fieldError = (path: string, message: string) =>
  badRequest('validation_failed', message, [{ path, message }]);

/** `YYYY-MM-DD` local days → the instants that bound them in Vietnam. */
export const dayStart = (d: string) => new Date(`${d}T00:00:00+07:00`);
export const dayEnd = (d: string) => new Date(`${d}T23:59:59.999+07:00`);

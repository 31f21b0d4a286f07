import { and, asc, eq, inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../db/client.ts';
import { sessions, userRoles, users } from '../../db/schema.ts';
import { grantCovers, hasRole, type Role, STAFF_ROLES } from '../../domain/access.ts';
import { AppError, conflict, forbidden, notFound } from '../../domain/errors.ts';
import { appendAudit } from '../platform/index.ts';
import { userView } from './auth.ts';
import { hashPassword } from './password.ts';
import { type Actor, inTransaction, type RequestMeta, type ServiceContext } from '../platform/index.ts';
import { findUnitByCode, unitAncestry } from '../access/index.ts';
import type {
  AdminUserView,
  CreateUserInput,
  RoleGrantInput,
  UpdateUserInput,
} from '../../contracts/identity.ts';

export type { AdminUserView };

const ADMIN_ROLES: Role[] = ['system_admin', 'unit_admin'];

/** system_admin above unit_admin above every other role (issue 14 §3: never a role above one's own). */
const roleRank = (role: Role) => (role === 'system_admin' ? 2 : role === 'unit_admin' ? 1 : 0);

/**
 * Who may grant a role on a unit: a system admin anything; a unit admin, at units inside its own
 * grant, a role no higher than its own, and "with the units below" only where its own grant has it.
 */
async function assertMayGrant(db: Db, actor: Actor, grants: RoleGrantInput[]) {
  if (!hasRole(actor.grants, ADMIN_ROLES)) throw forbidden();
  const resolved: { role: Role; unitId: string; includeDescendants: boolean }[] = [];
  for (const [index, g] of grants.entries()) {
    const unit = await findUnitByCode(db, g.unitCode);
    if (!unit)
      throw new AppError(400, 'validation_failed', `Không tìm thấy đơn vị "${g.unitCode}"`, [
        { path: `roles.${index}.unitCode`, message: `Không tìm thấy đơn vị "${g.unitCode}"` },
      ]);
    const ancestry = await unitAncestry(db, unit.id);
    const isSystemAdmin = grantCovers(actor.grants, ['system_admin'], ancestry);
    const isUnitAdmin = grantCovers(actor.grants, ['unit_admin'], ancestry);
    if (!isSystemAdmin && !(isUnitAdmin && roleRank(g.role) <= roleRank('unit_admin')))
      throw forbidden(`Bạn không có quyền cấp vai trò ${g.role} tại đơn vị ${g.unitCode}`);
    // The units below: only an administrator whose own grant reaches below this unit.
    if (
      !isSystemAdmin &&
      g.includeDescendants &&
      !actor.grants.some(
        (a) => a.role === 'unit_admin' && a.includeDescendants && ancestry.includes(a.unitId),
      )
    )
      throw forbidden(`Bạn không có quyền cấp vai trò ${g.role} cho các đơn vị trực thuộc ${g.unitCode}`);
    resolved.push({ role: g.role, unitId: unit.id, includeDescendants: g.includeDescendants });
  }
  return resolved;
}

export async function createUser(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  input: CreateUserInput,
): Promise<AdminUserView> {
  const grants = await assertMayGrant(ctx.database.db, actor, input.roles);
  const passwordHash = await hashPassword(input.password);
  const id = uuidv7();
  await inTransaction(ctx, async (tx) => {
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.username, input.username))
      .limit(1);
    if (existing) throw conflict('username_taken', `Tên đăng nhập "${input.username}" đã được dùng`);
    await tx.insert(users).values({
      id,
      username: input.username,
      passwordHash,
      fullName: input.fullName,
      kind: 'staff',
      email: input.email ?? null,
      phone: input.phone ?? null,
    });
    if (grants.length) await tx.insert(userRoles).values(grants.map((g) => ({ ...g, userId: id })));
    await appendAudit(tx, ctx.clock, meta, {
      action: 'user.create',
      actor,
      entityType: 'user',
      entityId: id,
      after: { username: input.username, fullName: input.fullName, roles: input.roles },
    });
  });
  return adminUserView(ctx.database.db, id);
}

export async function updateUser(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  userId: string,
  input: UpdateUserInput,
): Promise<AdminUserView> {
  const db = ctx.database.db;
  if (!hasRole(actor.grants, ADMIN_ROLES)) throw forbidden();
  // Staff accounts only: a citizen's account is not the administration's to edit (issue 14 §3).
  const [target] = await db.select({ kind: users.kind }).from(users).where(eq(users.id, userId)).limit(1);
  if (target?.kind !== 'staff') throw notFound('user_not_found', 'Không tìm thấy tài khoản');
  const before = await adminUserView(db, userId);
  // A staff account with no role is inside no unit administrator's scope.
  if (before.roles.length === 0 && !hasRole(actor.grants, ['system_admin'])) throw forbidden();
  // Editing someone requires covering every unit they hold a role in (a unit admin cannot touch a system admin).
  const currentGrants = before.roles.map((r) => ({
    role: r.role,
    unitCode: r.unitCode,
    includeDescendants: r.includeDescendants,
  }));
  await assertMayGrant(db, actor, currentGrants);
  const newGrants = input.roles ? await assertMayGrant(db, actor, input.roles) : null;
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  if (input.disabled && userId === actor.id)
    throw new AppError(400, 'cannot_disable_self', 'Không thể tự khoá tài khoản của mình');
  await inTransaction(ctx, async (tx) => {
    await tx
      .update(users)
      .set({
        ...(input.fullName ? { fullName: input.fullName } : {}),
        ...(passwordHash ? { passwordHash } : {}),
        ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
        updatedAt: ctx.clock(),
      })
      .where(eq(users.id, userId));
    if (newGrants) {
      await tx.delete(userRoles).where(eq(userRoles.userId, userId));
      if (newGrants.length) await tx.insert(userRoles).values(newGrants.map((g) => ({ ...g, userId })));
    }
    // Disabling or a new password ends the user's sessions everywhere.
    if (input.disabled || passwordHash) await tx.delete(sessions).where(eq(sessions.userId, userId));
    await appendAudit(tx, ctx.clock, meta, {
      action: 'user.update',
      actor,
      entityType: 'user',
      entityId: userId,
      before: { fullName: before.fullName, disabled: before.disabled, roles: before.roles },
      after: { ...input, password: input.password ? '(changed)' : undefined },
    });
  });
  return adminUserView(db, userId);
}

export async function adminUserView(db: Db, userId: string): Promise<AdminUserView> {
  const [row] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!row) throw notFound('user_not_found', 'Không tìm thấy tài khoản');
  const view = await userView(db, userId);
  return { ...view, disabled: row.disabled, createdAt: row.createdAt.toISOString() };
}

/** Staff accounts visible to the admin: all for a system admin, else those holding a role in the admin's scope. */
export async function listStaff(ctx: ServiceContext, actor: Actor): Promise<AdminUserView[]> {
  const db = ctx.database.db;
  if (!hasRole(actor.grants, [...ADMIN_ROLES, 'auditor'])) throw forbidden();
  const rows = await db.select().from(users).where(eq(users.kind, 'staff')).orderBy(asc(users.username));
  const ids = rows.map((r) => r.id);
  const views = await Promise.all(ids.map((id) => adminUserView(db, id)));
  if (hasRole(actor.grants, ['system_admin', 'auditor'])) return views;
  const visible: AdminUserView[] = [];
  for (const v of views) {
    const roleRows = await db
      .select({ unitId: userRoles.unitId })
      .from(userRoles)
      .where(and(eq(userRoles.userId, v.id), inArray(userRoles.role, STAFF_ROLES)));
    for (const r of roleRows) {
      if (grantCovers(actor.grants, ['unit_admin'], await unitAncestry(db, r.unitId))) {
        visible.push(v);
        break;
      }
    }
  }
  return visible;
}

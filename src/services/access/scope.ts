/**
 * Access scope, the second half of the one rule of authorization (the first is the role, checked
 * from the authorization table): which units an actor's grants reach. Every context asks here.
 */
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.ts';
import { units } from '../../db/schema.ts';
import { DOSSIER_READERS, grantCovers, type Role, type RoleGrant } from '../../domain/access.ts';

/** The unit's id followed by its ancestors' ids up to the root. */
export async function unitAncestry(db: Db, unitId: string): Promise<string[]> {
  const result = await db.execute(sql`
    with recursive chain(id, parent_id, depth) as (
      select id, parent_id, 0 from ${units} where id = ${unitId}
      union all
      select u.id, u.parent_id, c.depth + 1 from ${units} u join chain c on u.id = c.parent_id where c.depth < 32
    )
    select id, depth from chain order by depth`);
  return rowsOf<{ id: string }>(result).map((r) => r.id);
}

/** Roles the actor holds that cover a unit (own unit, or descendants where granted). */
export async function rolesAt(db: Db, grants: readonly RoleGrant[], unitId: string): Promise<Set<Role>> {
  const ancestry = await unitAncestry(db, unitId);
  const roles = new Set<Role>();
  for (const g of grants) if (grantCovers([g], [g.role], ancestry)) roles.add(g.role);
  return roles;
}

/** Unit ids the actor may see dossiers of (null = all, for a system admin). */
export async function visibleUnitIds(db: Db, grants: readonly RoleGrant[]): Promise<string[] | null> {
  if (grants.some((g) => g.role === 'system_admin')) return null;
  const staff = grants.filter((g) => DOSSIER_READERS.includes(g.role));
  const ids = new Set<string>();
  for (const g of staff) {
    ids.add(g.unitId);
    if (g.includeDescendants) {
      const result = await db.execute(sql`
        with recursive sub(id) as (select id from ${units} where parent_id = ${g.unitId}
          union all select u.id from ${units} u join sub on u.parent_id = sub.id)
        select id from sub`);
      for (const r of rowsOf<{ id: string }>(result)) ids.add(r.id);
    }
  }
  return [...ids];
}

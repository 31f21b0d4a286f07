/**
 * Roles and unit scope. A staff member holds roles per unit; a role covers that unit, and its
 * descendants only where granted so. Pure: the caller passes the unit's ancestry.
 */
export const ROLES = [
  'citizen',
  'receptionist',
  'officer',
  'leader',
  'unit_admin',
  'system_admin',
  'auditor',
  /** A member of a community digital technology team: submits online dossiers for citizens. */
  'assistant',
] as const;
export type Role = (typeof ROLES)[number];
export const STAFF_ROLES = ROLES.filter((r) => r !== 'citizen');
/** Who may read a unit's dossiers (the assistant submits for citizens but reads no dossier). */
export const DOSSIER_READERS: readonly Role[] = [
  'receptionist',
  'officer',
  'leader',
  'unit_admin',
  'system_admin',
  'auditor',
];

export interface RoleGrant {
  role: Role;
  unitId: string;
  includeDescendants: boolean;
}

/**
 * True when one of `grants` with a role in `roles` covers the unit whose ancestry
 * (the unit itself first, then its parent, up to the root) is given.
 * A system_admin grant covers every unit of the installation.
 */
export function grantCovers(
  grants: readonly RoleGrant[],
  roles: readonly Role[],
  unitAncestry: readonly string[],
): boolean {
  const [unitId] = unitAncestry;
  if (!unitId) return false;
  return grants.some((g) => {
    if (!roles.includes(g.role)) return false;
    // The system administrator administers the whole installation, every jurisdiction in it.
    if (g.role === 'system_admin') return true;
    if (g.unitId === unitId) return true;
    return g.includeDescendants && unitAncestry.includes(g.unitId);
  });
}

export function hasRole(grants: readonly RoleGrant[], roles: readonly Role[]): boolean {
  return grants.some((g) => roles.includes(g.role));
}

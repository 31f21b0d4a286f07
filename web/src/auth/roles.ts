import type { Me, Role } from '../api/types';

export const ADMIN_ROLES: Role[] = ['system_admin', 'unit_admin'];
/** May read the administration lists without changing anything. */
export const CATALOG_READERS: Role[] = [...ADMIN_ROLES, 'auditor'];

export function hasAnyRole(user: Me | null | undefined, roles: readonly Role[] | null): boolean {
  if (!roles) return true;
  return Boolean(user?.roles.some((r) => roles.includes(r.role)));
}

export interface OfficeMenuItem {
  to: string;
  labelKey: string;
  /** Roles that may use the page; null = any logged-in staff member. */
  roles: readonly Role[] | null;
  end?: boolean;
  icon: 'overview' | 'procedures' | 'calendar' | 'users';
}

export const OFFICE_MENU: OfficeMenuItem[] = [
  { to: '/office', labelKey: 'office.menu.overview', roles: null, end: true, icon: 'overview' },
  {
    to: '/office/admin/procedures',
    labelKey: 'office.menu.procedures',
    roles: CATALOG_READERS,
    icon: 'procedures',
  },
  { to: '/office/admin/calendar', labelKey: 'office.menu.calendar', roles: ADMIN_ROLES, icon: 'calendar' },
  { to: '/office/admin/users', labelKey: 'office.menu.users', roles: ADMIN_ROLES, icon: 'users' },
];

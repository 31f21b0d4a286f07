import type { Me, Role, Unit } from '../api/types';

export const ADMIN_ROLES: Role[] = ['system_admin', 'unit_admin'];
/** May read the administration lists without changing anything. */
export const CATALOG_READERS: Role[] = [...ADMIN_ROLES, 'auditor'];
/** May receive dossiers at the counter. */
export const RECEPTION_ROLES: Role[] = ['receptionist', 'system_admin'];
/** Every staff role reads the dossiers of its units. */
export const DOSSIER_READERS: Role[] = [
  'receptionist',
  'officer',
  'leader',
  'unit_admin',
  'system_admin',
  'auditor',
];
export const LEADER_ROLES: Role[] = ['leader', 'system_admin'];
/** Who books postal pick-ups and returns (server: POSTAL_ROLES in src/services/postal/postal.ts). */
export const POSTAL_ROLES: Role[] = ['receptionist', 'unit_admin', 'system_admin'];
/** Who registers and schedules home pick-ups and returns (server: HOME_SERVICE_ROLES in src/services/postal/home-service.ts). */
export const HOME_SERVICE_ROLES: Role[] = ['receptionist', 'unit_admin', 'system_admin'];
/** Community digital team members, who submit online for citizens (server: isAssistant in src/services/staff/digital-teams.ts). */
export const ASSIST_ROLES: Role[] = ['assistant'];
/** Who sets a unit's queue services and counters (server: setQueueSetup in src/services/queue/queue.ts). */
export const QUEUE_SETUP_ROLES: Role[] = ['unit_admin', 'system_admin'];
/** Who logs hotline calls (server: HOTLINE_ROLES in src/services/staff/hotline.ts). */
export const HOTLINE_ROLES: Role[] = ['receptionist', 'leader', 'unit_admin', 'system_admin'];
/** Who schedules service days and manages community digital teams (server: SCHEDULERS in src/services/calendar/service-days.ts, TEAM_MANAGERS in src/services/staff/digital-teams.ts). */
export const COMMUNITY_ROLES: Role[] = ['leader', 'unit_admin', 'system_admin'];
/** Who takes part in the weekly evaluation: officers report, leaders grade. */
export const EVALUATION_ROLES: Role[] = ['receptionist', 'officer', 'leader'];
/** Who works a counter of the hall queue (server: COUNTER_ROLES in src/services/queue/queue.ts). */
export const QUEUE_ROLES: Role[] = ['receptionist', 'officer', 'leader', 'unit_admin', 'system_admin'];
/** May read the processing report and the other statistics (src/services/statistics/reports.ts REPORT_READERS). */
export const REPORT_READERS: Role[] = ['leader', 'unit_admin', 'system_admin', 'auditor'];
/** May read the daily payment reconciliation. */
export const PAYMENT_READERS: Role[] = ['receptionist', 'leader', 'unit_admin', 'system_admin', 'auditor'];

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
  icon:
    | 'overview'
    | 'reception'
    | 'counter'
    | 'queueSetup'
    | 'postal'
    | 'homeService'
    | 'assist'
    | 'hotline'
    | 'community'
    | 'evaluation'
    | 'dossiers'
    | 'logbook'
    | 'feedback'
    | 'online'
    | 'payments'
    | 'leader'
    | 'reports'
    | 'dashboard'
    | 'procedures'
    | 'calendar'
    | 'users'
    | 'security';
}

export const OFFICE_MENU: OfficeMenuItem[] = [
  { to: '/office', labelKey: 'office.menu.overview', roles: null, end: true, icon: 'overview' },
  { to: '/office/reception', labelKey: 'office.menu.reception', roles: RECEPTION_ROLES, icon: 'reception' },
  { to: '/office/counter', labelKey: 'queue.counter.title', roles: QUEUE_ROLES, icon: 'counter' },
  { to: '/office/queue-setup', labelKey: 'queue.setup.title', roles: QUEUE_SETUP_ROLES, icon: 'queueSetup' },
  { to: '/office/postal', labelKey: 'postal.title', roles: POSTAL_ROLES, icon: 'postal' },
  {
    to: '/office/home-service',
    labelKey: 'homeService.title',
    roles: HOME_SERVICE_ROLES,
    icon: 'homeService',
  },
  { to: '/office/assist', labelKey: 'assist.title', roles: ASSIST_ROLES, icon: 'assist' },
  { to: '/office/hotline', labelKey: 'hotline.title', roles: HOTLINE_ROLES, icon: 'hotline' },
  { to: '/office/community', labelKey: 'community.title', roles: COMMUNITY_ROLES, icon: 'community' },
  { to: '/office/evaluation', labelKey: 'evaluation.title', roles: EVALUATION_ROLES, icon: 'evaluation' },
  { to: '/office/applications', labelKey: 'office.menu.online', roles: RECEPTION_ROLES, icon: 'online' },
  { to: '/office/dossiers', labelKey: 'office.menu.dossiers', roles: DOSSIER_READERS, icon: 'dossiers' },
  { to: '/office/logbook', labelKey: 'office.menu.logbook', roles: DOSSIER_READERS, icon: 'logbook' },
  { to: '/office/feedback', labelKey: 'office.menu.feedback', roles: DOSSIER_READERS, icon: 'feedback' },
  { to: '/office/payments', labelKey: 'office.menu.payments', roles: PAYMENT_READERS, icon: 'payments' },
  { to: '/office/leader', labelKey: 'office.menu.leader', roles: LEADER_ROLES, icon: 'leader' },
  { to: '/office/dashboard', labelKey: 'dashboard.menu', roles: REPORT_READERS, icon: 'dashboard' },
  { to: '/office/reports', labelKey: 'reports.menu', roles: REPORT_READERS, icon: 'reports' },
  {
    to: '/office/admin/procedures',
    labelKey: 'office.menu.procedures',
    roles: CATALOG_READERS,
    icon: 'procedures',
  },
  { to: '/office/admin/calendar', labelKey: 'office.menu.calendar', roles: ADMIN_ROLES, icon: 'calendar' },
  { to: '/office/admin/users', labelKey: 'office.menu.users', roles: ADMIN_ROLES, icon: 'users' },
  { to: '/office/security', labelKey: 'security.menu', roles: null, icon: 'security' },
];

/** The units where one of `roles` of the user applies, with the units below a role that covers them. */
export function coveredUnits(
  me: Me | null | undefined,
  all: Unit[] | undefined,
  roles: readonly Role[],
): { code: string; name: string }[] {
  const out = new Map<string, string>();
  const children = new Map<string, Unit[]>();
  for (const u of all ?? []) {
    if (!u.parentCode) continue;
    children.set(u.parentCode, [...(children.get(u.parentCode) ?? []), u]);
  }
  const names = new Map((all ?? []).map((u) => [u.code, u.name]));
  for (const r of me?.roles ?? []) {
    if (!roles.includes(r.role)) continue;
    if (!r.unitCode) {
      // A system administrator without a unit: every unit.
      if (r.role === 'system_admin') for (const u of all ?? []) if (!out.has(u.code)) out.set(u.code, u.name);
      continue;
    }
    out.set(r.unitCode, r.unitName ?? names.get(r.unitCode) ?? r.unitCode);
    if (!r.includeDescendants) continue;
    const queue = [...(children.get(r.unitCode) ?? [])];
    for (let i = 0; i < queue.length && i < 5000; i++) {
      const u = queue[i] as Unit;
      if (out.has(u.code)) continue;
      out.set(u.code, u.name);
      queue.push(...(children.get(u.code) ?? []));
    }
  }
  return [...out].map(([code, name]) => ({ code, name }));
}

/** The units (code and name) where the user holds one of `roles` directly, each once. */
export function unitsWithRole(
  me: Me | null | undefined,
  roles: readonly Role[],
): { code: string; name: string }[] {
  const out = new Map<string, string>();
  for (const r of me?.roles ?? [])
    if (r.unitCode && roles.includes(r.role)) out.set(r.unitCode, r.unitName ?? r.unitCode);
  return [...out].map(([code, name]) => ({ code, name }));
}

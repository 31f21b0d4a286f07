import type { Capability, Me } from '../api/auth';
import type { Unit } from '../api/public';

/*
 * What a user may do is the server's decision: `GET /me` answers the capabilities of each grant and
 * of the account (src/http/capabilities.ts takes them from the roles the server's operations
 * require). Each constant below names a capability; it keeps the name of the role list it replaces
 * so that pages read as before (`hasAnyRole(me, RECEPTION_ROLES)`, `unitsWithRole(me, HOTLINE_ROLES)`).
 */
export type { Capability };

/** Administer units, staff accounts, the calendar, the catalogue. */
export const ADMIN_ROLES: Capability = 'admin';
/** May read the administration lists without changing anything. */
export const CATALOG_READERS: Capability = 'catalogRead';
/** May receive dossiers at the counter and online applications. */
export const RECEPTION_ROLES: Capability = 'reception';
/** Reads the dossiers of its units. */
export const DOSSIER_READERS: Capability = 'dossiers';
/** Leads: refunds, the leader's overview. */
export const LEADER_ROLES: Capability = 'leader';
/** Books postal pick-ups and returns. */
export const POSTAL_ROLES: Capability = 'postal';
/** Registers and schedules home pick-ups and returns. */
export const HOME_SERVICE_ROLES: Capability = 'homeService';
/** Community digital team members, who submit online for citizens. */
export const ASSIST_ROLES: Capability = 'assist';
/** Sets a unit's queue services and counters. */
export const QUEUE_SETUP_ROLES: Capability = 'queueSetup';
/** Logs hotline calls. */
export const HOTLINE_ROLES: Capability = 'hotline';
/** Schedules service days and manages community digital teams. */
export const COMMUNITY_ROLES: Capability = 'community';
/** Takes part in the weekly evaluation: officers report, leaders grade. */
export const EVALUATION_ROLES: Capability = 'evaluation';
/** Works a counter of the hall queue. */
export const QUEUE_ROLES: Capability = 'queue';
/** Reads the processing report and the other statistics. */
export const REPORT_READERS: Capability = 'reports';
/** Reads the daily payment reconciliation. */
export const PAYMENT_READERS: Capability = 'payments';

/** Does the server let the user do `capability` somewhere? `null`: any signed-in user. */
export function hasAnyRole(user: Me | null | undefined, capability: Capability | null): boolean {
  if (!capability) return true;
  return Boolean(user?.capabilities.includes(capability));
}

export interface OfficeMenuItem {
  to: string;
  labelKey: string;
  /** The capability the page needs; null = any logged-in staff member. */
  roles: Capability | null;
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

/** The units where the user has `capability`, with the units below a grant that covers them. */
export function coveredUnits(
  me: Me | null | undefined,
  all: Unit[] | undefined,
  capability: Capability,
): { code: string; name: string }[] {
  const out = new Map<string, string>();
  const children = new Map<string, Unit[]>();
  for (const u of all ?? []) {
    if (!u.parentCode) continue;
    children.set(u.parentCode, [...(children.get(u.parentCode) ?? []), u]);
  }
  const names = new Map((all ?? []).map((u) => [u.code, u.name]));
  for (const r of me?.roles ?? []) {
    if (!r.capabilities.includes(capability)) continue;
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

/** The units (code and name) where a grant of the user gives `capability` directly, each once. */
export function unitsWithRole(
  me: Me | null | undefined,
  capability: Capability,
): { code: string; name: string }[] {
  const out = new Map<string, string>();
  for (const r of me?.roles ?? [])
    if (r.unitCode && r.capabilities.includes(capability)) out.set(r.unitCode, r.unitName ?? r.unitCode);
  return [...out].map(([code, name]) => ({ code, name }));
}

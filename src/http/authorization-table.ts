/**
 * The authorization matrix (issue 14 §7): every operation of `/openapi.json` with its class.
 *
 * - `public`: anybody, no login (rate limits and second factors are the route's own business);
 * - `citizen-own`: any signed-in account, and only its own records (the service checks ownership);
 * - `staff`: a staff account holding one of `roles` — and, in the route or service, holding it at
 *   the unit concerned (role AND unit scope, `grantCovers` / `rolesAt`);
 * - `admin`: an administrator (`system_admin`, `unit_admin`, or those named), again within scope.
 *
 * `authorizationGuard` enforces the first half of that rule for every route before its body is
 * validated (401 without a login, 403 without one of the roles anywhere), so a caller without the
 * right is refused before anything else is said about the request; the unit half stays with the
 * use case, which knows the unit. `src/http/authorization-matrix.test.ts` walks the OpenAPI
 * document: an operation missing here fails it, so a new route cannot ship unclassified.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DOSSIER_READERS, hasRole, type Role, STAFF_ROLES } from '../domain/access.ts';
import { REPORT_READERS } from '../services/statistics/index.ts';
import { forbidden } from '../domain/errors.ts';
import { requireActor } from './auth.ts';

export type Access =
  | { class: 'public' }
  /** `hidden`: the route answers an anonymous caller 404 like an unknown id, never saying it exists. */
  | { class: 'citizen-own'; hidden?: boolean }
  | { class: 'staff'; roles: readonly Role[] }
  | { class: 'admin'; roles: readonly Role[] };

const PUBLIC: Access = { class: 'public' };
const OWN: Access = { class: 'citizen-own' };
const staff = (...roles: Role[]): Access => ({ class: 'staff', roles });
const admin = (...roles: Role[]): Access => ({
  class: 'admin',
  roles: ['system_admin', 'unit_admin', ...roles],
});

/** Every staff role: the service decides by the roles held at the unit. */
const ANY_STAFF: Role[] = [...STAFF_ROLES];
/** Who reads dossiers of a unit (`visibleUnitIds`). */
const READERS: Role[] = [...DOSSIER_READERS];
/** Who works on dossiers (everyone who reads them but the auditor). */
const WORKERS: Role[] = ['receptionist', 'officer', 'leader', 'unit_admin', 'system_admin'];
const RECEPTION: Role[] = ['receptionist', 'system_admin'];
const POSTAL: Role[] = ['receptionist', 'unit_admin', 'system_admin'];
const HOME_SERVICE: Role[] = ['receptionist', 'unit_admin', 'system_admin'];
const HOTLINE: Role[] = ['receptionist', 'leader', 'unit_admin', 'system_admin'];
const MANAGERS: Role[] = ['leader', 'unit_admin', 'system_admin'];

export const AUTHORIZATION_TABLE: Record<string, Access> = {
  'GET /healthz': PUBLIC,
  'GET /sandbox/vnpay/pay': PUBLIC,
  'POST /sandbox/vnpay/pay': PUBLIC,

  // auth and the caller's own account
  'POST /api/v1/auth/login': PUBLIC,
  'POST /api/v1/auth/logout': PUBLIC,
  'POST /api/v1/auth/register': PUBLIC,
  'POST /api/v1/auth/verify': PUBLIC,
  'POST /api/v1/auth/verify/resend': PUBLIC,
  'POST /api/v1/auth/password-reset': PUBLIC,
  'POST /api/v1/auth/password-reset/confirm': PUBLIC,
  'GET /api/v1/auth/oidc/config': PUBLIC,
  'GET /api/v1/auth/oidc/login': PUBLIC,
  'GET /api/v1/auth/oidc/callback': PUBLIC,
  'GET /api/v1/me': OWN,
  'GET /api/v1/me/notifications': OWN,
  'POST /api/v1/me/notifications/{id}/read': OWN,
  'GET /api/v1/me/profile': OWN,
  'PUT /api/v1/me/profile': OWN,
  // the caller's own second factor (issue 14 §4; staff accounts only: the service answers a citizen
  // 403 `staff_only`); resetting another account's is the system administrator's alone
  'POST /api/v1/me/totp/enrol': OWN,
  'POST /api/v1/me/totp/confirm': OWN,
  'DELETE /api/v1/me/totp': OWN,
  'POST /api/v1/admin/users/{id}/totp/reset': { class: 'admin', roles: ['system_admin'] },

  // public catalogue, tracking, units
  'GET /api/v1/public/fields': PUBLIC,
  'GET /api/v1/public/units': PUBLIC,
  'GET /api/v1/public/procedures': PUBLIC,
  'GET /api/v1/public/procedures/{code}': PUBLIC,
  'GET /api/v1/public/track/{code}': PUBLIC,
  'POST /api/v1/public/track/{code}/rating': PUBLIC,
  'GET /api/v1/public/divisions': PUBLIC,
  'GET /api/v1/public/units/{code}': PUBLIC,
  'GET /api/v1/public/units/{code}/statistics': PUBLIC,
  'GET /api/v1/sandbox/messages': PUBLIC,
  'GET /api/v1/calendar/due': PUBLIC,
  'GET /api/v1/calendar/days': PUBLIC,

  // administration
  'GET /api/v1/admin/users': admin('auditor'),
  'POST /api/v1/admin/users': admin(),
  'PATCH /api/v1/admin/users/{id}': admin(),
  'GET /api/v1/admin/procedures': admin('auditor'),
  'POST /api/v1/admin/procedures': admin(),
  'PUT /api/v1/admin/procedures/{code}': admin(),
  'POST /api/v1/admin/procedures/{code}/retire': admin(),
  'PUT /api/v1/admin/calendar/days/{date}': admin(),
  'DELETE /api/v1/admin/calendar/days/{date}': admin(),
  'PUT /api/v1/admin/calendar/settings': admin(),
  'POST /api/v1/admin/units': admin(),
  'GET /api/v1/admin/notifications': admin(),
  'GET /api/v1/admin/audit/verify': { class: 'admin', roles: ['system_admin', 'auditor'] },
  'GET /api/v1/admin/access-log': admin('auditor'),
  'POST /api/v1/admin/api-keys': admin(),
  'GET /api/v1/admin/api-keys': admin(),
  'POST /api/v1/admin/api-keys/{id}/revoke': admin(),
  'POST /api/v1/admin/import/dossiers': admin(),
  'GET /api/v1/admin/export/dossiers': admin('auditor'),

  // dossiers
  'POST /api/v1/dossiers': staff(...ANY_STAFF),
  'GET /api/v1/dossiers': staff(...READERS),
  'POST /api/v1/dossiers/bundles': staff(...ANY_STAFF),
  'GET /api/v1/dossiers/{code}': staff(...READERS),
  'POST /api/v1/dossiers/{code}/actions': staff(...WORKERS),
  'GET /api/v1/dossiers/{code}/forms/{file}': staff(...READERS),
  'GET /api/v1/reports/logbook': staff(...READERS),
  'GET /api/v1/reception/applicants/{idNumber}': staff(...READERS),
  'POST /api/v1/reception/slips': staff(...RECEPTION),
  'GET /api/v1/reception/slips/{id}/pdf': staff(...READERS),

  // feedback
  'GET /api/v1/public/feedback/categories': PUBLIC,
  'POST /api/v1/public/feedback': PUBLIC,
  'GET /api/v1/public/feedback': PUBLIC,
  'GET /api/v1/feedback': staff(...WORKERS),
  'POST /api/v1/feedback/{id}/answer': staff(...WORKERS),
  'POST /api/v1/feedback/{id}/status': staff(...WORKERS),

  // files: the citizen's (or assistant's) own uploads, results by staff of the unit; a feedback
  // attachment may come from anybody (tied to the feedback item, within a per-address quota)
  'POST /api/v1/files': PUBLIC,
  'GET /api/v1/files/{id}': { class: 'citizen-own', hidden: true },
  'DELETE /api/v1/files/{id}': { class: 'citizen-own', hidden: true },

  // payments
  'POST /api/v1/payments': OWN,
  'GET /api/v1/payments': OWN,
  'GET /api/v1/payments/vnpay/ipn': PUBLIC,
  'GET /api/v1/payments/vnpay/return': PUBLIC,
  'GET /api/v1/payments/reconciliation': staff(
    'receptionist',
    'leader',
    'unit_admin',
    'system_admin',
    'auditor',
  ),
  'GET /api/v1/payments/reconciliation.xlsx': staff(
    'receptionist',
    'leader',
    'unit_admin',
    'system_admin',
    'auditor',
  ),
  'GET /api/v1/payments/{id}': OWN,
  'GET /api/v1/payments/{id}/receipt.pdf': OWN,
  'POST /api/v1/payments/{id}/refund': staff('leader', 'system_admin'),
  'POST /api/v1/dossiers/{code}/payments': staff(...RECEPTION),
  'GET /api/v1/dossiers/{code}/payments': staff(...READERS),

  // online applications
  'POST /api/v1/me/applications': OWN,
  'GET /api/v1/me/applications': OWN,
  'GET /api/v1/me/applications/{id}': OWN,
  'PUT /api/v1/me/applications/{id}': OWN,
  'POST /api/v1/me/applications/{id}/submit': OWN,
  'POST /api/v1/me/applications/{id}/withdraw': OWN,
  'POST /api/v1/me/applications/{id}/supplement': OWN,
  'GET /api/v1/applications': staff(...READERS),
  'GET /api/v1/applications/{id}': staff(...READERS),
  'POST /api/v1/applications/{id}/accept': staff(...RECEPTION),
  'POST /api/v1/applications/{id}/refuse': staff(...RECEPTION),

  // reports
  'GET /api/v1/reports/processing': staff(...REPORT_READERS),
  'GET /api/v1/reports/dashboard': staff(...REPORT_READERS),
  'GET /api/v1/reports/processing/dossiers': staff(...REPORT_READERS),
  'GET /api/v1/reports/ratings': staff(...REPORT_READERS),
  'GET /api/v1/reports/online': staff(...REPORT_READERS),
  'GET /api/v1/reports/postal': staff(...REPORT_READERS),
  'GET /api/v1/reports/digitization': staff(...REPORT_READERS),
  'GET /api/v1/reports/officers': staff(...REPORT_READERS),
  'GET /api/v1/reports/feedback': staff(...REPORT_READERS),
  'GET /api/v1/reports/assisted': staff(...REPORT_READERS),
  'GET /api/v1/reports/service-days': staff(...REPORT_READERS),
  'GET /api/v1/reports/index': staff(...REPORT_READERS),
  'PUT /api/v1/reports/index/inputs': staff(...MANAGERS),

  // hall queue
  'GET /api/v1/queue/services': PUBLIC,
  'GET /api/v1/queue/counters': PUBLIC,
  'POST /api/v1/queue/tickets': PUBLIC,
  'GET /api/v1/queue/tickets/{id}': PUBLIC,
  'POST /api/v1/queue/counters/{id}/call-next': staff(...WORKERS),
  'POST /api/v1/queue/counters/{id}/tickets/{ticketId}/actions': staff(...WORKERS),
  // the counter's tablet: no login, but its device key (401 without it; issue 14 §3)
  'GET /api/v1/queue/counters/{id}/rating-target': PUBLIC,
  'POST /api/v1/queue/counters/{id}/ratings': PUBLIC,
  'PUT /api/v1/queue/units/{unitCode}/setup': admin(),
  'POST /api/v1/queue/counters/{id}/devices': admin(),
  'GET /api/v1/queue/counters/{id}/devices': admin(),
  'POST /api/v1/queue/counters/{id}/devices/{deviceId}/revoke': admin(),
  'GET /api/v1/queue/statistics': staff(...ANY_STAFF),
  'GET /api/v1/queue/display/{unitCode}': PUBLIC,
  'GET /api/v1/queue/display/{unitCode}/events': PUBLIC,

  // postal
  'GET /api/v1/postal/carrier': PUBLIC,
  'POST /api/v1/postal/shipments': staff(...POSTAL),
  'GET /api/v1/postal/shipments': staff(...POSTAL),
  'GET /api/v1/postal/shipments/{id}': staff(...POSTAL),
  'POST /api/v1/public/postal/pickups': PUBLIC,
  'GET /api/v1/public/postal/shipments/{trackingNumber}': PUBLIC,
  'POST /api/v1/postal/handover-lists': staff(...POSTAL),
  'GET /api/v1/postal/handover-lists/{id}.pdf': staff(...POSTAL),
  'POST /api/v1/postal/webhook': PUBLIC,
  'POST /api/v1/sandbox/postal/advance': PUBLIC,

  // home service
  'POST /api/v1/home-services': staff(...HOME_SERVICE),
  'GET /api/v1/home-services': staff(...HOME_SERVICE),
  'GET /api/v1/home-services/summary': staff(...HOME_SERVICE, 'leader', 'auditor'),
  'GET /api/v1/home-services/officers': staff(...HOME_SERVICE),
  'GET /api/v1/home-services/{id}': staff(...HOME_SERVICE),
  'POST /api/v1/home-services/{id}/schedule': staff(...HOME_SERVICE),
  'POST /api/v1/home-services/{id}/complete': staff(...HOME_SERVICE),
  'POST /api/v1/home-services/{id}/cancel': staff(...HOME_SERVICE),
  'POST /api/v1/public/home-services': PUBLIC,
  'GET /api/v1/public/home-services/{code}': PUBLIC,

  // hotline and weekly evaluation
  'POST /api/v1/hotline/calls': staff(...HOTLINE),
  'GET /api/v1/hotline/calls': staff(...HOTLINE),
  'POST /api/v1/hotline/calls/{id}/follow-up': staff(...HOTLINE),
  'GET /api/v1/hotline/summary': staff(...HOTLINE),
  'GET /api/v1/evaluations/me': staff(...ANY_STAFF),
  'PUT /api/v1/evaluations/weeks/{week}/report': staff('receptionist', 'officer'),
  'GET /api/v1/evaluations/weeks/{week}': staff('leader', 'system_admin'),
  'PUT /api/v1/evaluations/weeks/{week}/officers/{username}/grade': staff('leader', 'system_admin'),
  'GET /api/v1/evaluations/summary': staff('leader', 'system_admin'),

  // community digital teams and service days
  'GET /api/v1/digital-teams': staff(...ANY_STAFF),
  'POST /api/v1/digital-teams': staff(...MANAGERS),
  'GET /api/v1/digital-teams/mine': staff(...ANY_STAFF),
  'POST /api/v1/digital-teams/{id}/members': staff(...MANAGERS),
  'DELETE /api/v1/digital-teams/{id}/members/{username}': staff(...MANAGERS),
  'GET /api/v1/units/{code}/service-days': PUBLIC,
  'POST /api/v1/units/{code}/service-days': staff(...MANAGERS),
  'DELETE /api/v1/units/{code}/service-days/{day}/{kind}': staff(...MANAGERS),

  // Open311 GeoReport v2 (POST needs an api_key, checked by the route)
  'GET /open311/v2/discovery.json': PUBLIC,
  'GET /open311/v2/services.json': PUBLIC,
  'GET /open311/v2/services/{code}.json': PUBLIC,
  'POST /open311/v2/requests.json': PUBLIC,
  'GET /open311/v2/requests.json': PUBLIC,
  'GET /open311/v2/requests/{id}.json': PUBLIC,
};

/** `GET /api/v1/dossiers/{code}` for a Fastify route `GET /api/v1/dossiers/:code` (HEAD is GET). */
export function operationKey(method: string, url: string): string {
  const m = method === 'HEAD' ? 'GET' : method;
  return `${m} ${url.replace(/:(\w+)/g, '{$1}')}`;
}

export function accessOf(method: string, url: string): Access | undefined {
  return AUTHORIZATION_TABLE[operationKey(method, url)];
}

/** The first half of the one rule, from the table: signed in, and a staff role for staff routes. */
export function checkAccess(request: FastifyRequest): void {
  const access = accessOf(request.method, request.routeOptions.url ?? '');
  if (!access || access.class === 'public') return;
  if (access.class === 'citizen-own' && access.hidden) return;
  const actor = requireActor(request);
  if (access.class === 'citizen-own') return;
  if (actor.kind !== 'staff' || !hasRole(actor.grants, access.roles)) throw forbidden();
}

/**
 * Adds the table's check to every route of the plugin it is called in, before validation, so a
 * refused caller gets 401/403 and never a 400 about a body it had no right to send.
 */
export function guardByTable(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => checkAccess(request));
}

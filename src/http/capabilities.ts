/**
 * What the office screens offer a user, decided here on the server so the web app never copies a
 * role list: each capability takes its roles from the authorization table, from the operation the
 * screen or button exists to call (or from the domain's own list), and a grant confers the
 * capabilities whose roles include its role. `GET /me` answers them per grant and as a whole.
 */
import { DOSSIER_READERS, type Role } from '../domain/access.ts';
import { CAPABILITIES, type Capability } from '../contracts/identity.ts';
import { AUTHORIZATION_TABLE } from './authorization-table.ts';

/** The roles the authorization table requires for an operation (`GET /api/v1/…`). */
function rolesOf(operation: string): readonly Role[] {
  const access = AUTHORIZATION_TABLE[operation];
  if (!access || (access.class !== 'staff' && access.class !== 'admin'))
    throw new Error(`capabilities: ${operation} is not a staff operation of the authorization table`);
  return access.roles;
}

export const CAPABILITY_ROLES: Readonly<Record<Capability, readonly Role[]>> = {
  admin: rolesOf('POST /api/v1/admin/users'),
  catalogRead: rolesOf('GET /api/v1/admin/procedures'),
  reception: rolesOf('POST /api/v1/applications/{id}/accept'),
  dossiers: DOSSIER_READERS,
  leader: rolesOf('POST /api/v1/payments/{id}/refund'),
  postal: rolesOf('POST /api/v1/postal/shipments'),
  homeService: rolesOf('POST /api/v1/home-services'),
  // Submitting for a citizen is an own-account operation; the service tells the assistant by role
  // (isAssistant in src/services/community/digital-teams.ts).
  assist: ['assistant'],
  queueSetup: rolesOf('PUT /api/v1/queue/units/{unitCode}/setup'),
  hotline: rolesOf('POST /api/v1/hotline/calls'),
  community: rolesOf('POST /api/v1/digital-teams'),
  // Officers write the week's report; the leader grades (the grading operations also admit the
  // system administrator, who has no evaluation screen of their own).
  evaluation: [...rolesOf('PUT /api/v1/evaluations/weeks/{week}/report'), 'leader'],
  queue: rolesOf('POST /api/v1/queue/counters/{id}/call-next'),
  reports: rolesOf('GET /api/v1/reports/processing'),
  payments: rolesOf('GET /api/v1/payments/reconciliation'),
};

const NAMES: readonly Capability[] = CAPABILITIES;

/** The capabilities one role confers, in the contract's order. */
export function capabilitiesOfRole(role: Role): Capability[] {
  return NAMES.filter((name) => CAPABILITY_ROLES[name].includes(role));
}

/** Each grant with its capabilities, and the account's capabilities (those of any grant). */
export function withCapabilities<G extends { role: Role }>(
  grants: readonly G[],
): { roles: (G & { capabilities: Capability[] })[]; capabilities: Capability[] } {
  const roles = grants.map((g) => ({ ...g, capabilities: capabilitiesOfRole(g.role) }));
  const held = new Set(roles.flatMap((g) => g.capabilities));
  return { roles, capabilities: NAMES.filter((name) => held.has(name)) };
}

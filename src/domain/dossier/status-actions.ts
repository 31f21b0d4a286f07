/**
 * The action types that make sense in each dossier status, in one table (after OpenCRVS
 * `availableActions`): `satisfies Record<DossierStatus, …>` makes the compiler prove every status
 * is covered. The process definition then says which of them are offered at which step, to whom.
 * Further state rules (in decide.ts): resume only when paused, pause only when not, one extension.
 */
import type { ActionType } from '../workflow/definition.ts';
import type { DossierStatus } from './types.ts';

export const ACTIONS_BY_STATUS = {
  in_progress: [
    'assign',
    'forward',
    'request_supplement',
    'refuse',
    'extend',
    'transfer',
    'approve',
    'attach_result',
    'withdraw',
    'cancel',
  ],
  // Awaiting the applicant's supplement: the clock is stopped, the dossier does not move.
  paused: ['assign', 'receive_supplement', 'refuse', 'withdraw', 'cancel'],
  // Result ready: it may still travel back to the counter, get its result file, and be returned.
  resolved: ['assign', 'forward', 'transfer', 'attach_result', 'return', 'withdraw', 'cancel'],
  returned: [],
  refused: [],
  withdrawn: [],
  cancelled: [],
} as const satisfies Record<DossierStatus, readonly ActionType[]>;

/** Statuses a dossier never leaves. */
export const CLOSED_STATUSES = [
  'returned',
  'refused',
  'withdrawn',
  'cancelled',
] as const satisfies readonly DossierStatus[];

export function isClosedStatus(status: DossierStatus): boolean {
  return (CLOSED_STATUSES as readonly DossierStatus[]).includes(status);
}

export function typeAllowedIn(status: DossierStatus, type: ActionType): boolean {
  return (ACTIONS_BY_STATUS[status] as readonly ActionType[]).includes(type);
}

/** The status an action of a closing type leaves the dossier in. */
export const CLOSING_STATUS = {
  return: 'returned',
  refuse: 'refused',
  withdraw: 'withdrawn',
  cancel: 'cancelled',
} as const satisfies Record<'return' | 'refuse' | 'withdraw' | 'cancel', DossierStatus>;

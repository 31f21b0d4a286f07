/**
 * The lifecycle of an online application, in one table (as `src/domain/dossier/status-actions.ts`
 * does for dossiers): what may be done to an application in each status, the status each action
 * leaves it in, and the typed refusal when the action does not fit. Pure; the services load the
 * row, ask `decideApplication` and write the next status. Diagram: `lifecycle.md` beside this file.
 *
 * Other checks stay with the services: who the caller is (owner, officer of the unit), the draft's
 * revision, the answers and attachments, the fees owed.
 */
import { AppError } from '../errors.ts';

export const APPLICATION_STATUSES = ['draft', 'submitted', 'accepted', 'refused', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_ACTIONS = [
  /** The citizen autosaves the draft. */
  'save',
  /** The citizen submits the complete draft: a dossier code is reserved. */
  'submit',
  /** The citizen withdraws a draft or a submitted application not yet decided. */
  'withdraw',
  /** An officer of the receiving unit accepts: the dossier is received, channel online. */
  'accept',
  /** An officer of the receiving unit refuses, with a reason. */
  'refuse',
  /** The citizen pays the fees through the gateway. */
  'pay',
  /** The citizen hands in what the office asked for (the dossier itself must be paused). */
  'supplement',
] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

/** The actions the citizen takes (the others are the officers'): what `allowedActions` lists. */
export const CITIZEN_APPLICATION_ACTIONS = ['save', 'submit', 'withdraw', 'pay', 'supplement'] as const;
export type CitizenApplicationAction = (typeof CITIZEN_APPLICATION_ACTIONS)[number];

export const APPLICATION_ACTIONS_BY_STATUS = {
  draft: ['save', 'submit', 'withdraw'],
  submitted: ['withdraw', 'accept', 'refuse', 'pay'],
  // Accepted: the application became a dossier; what follows is the dossier's lifecycle.
  accepted: ['pay', 'supplement'],
  refused: [],
  withdrawn: [],
} as const satisfies Record<ApplicationStatus, readonly ApplicationAction[]>;

/** The status an allowed action leaves the application in (absent: unchanged). */
export const APPLICATION_NEXT_STATUS = {
  submit: 'submitted',
  withdraw: 'withdrawn',
  accept: 'accepted',
  refuse: 'refused',
} as const satisfies Partial<Record<ApplicationAction, ApplicationStatus>>;

export interface ApplicationRefusal {
  status: 409 | 422;
  code: string;
  message: string;
}

/** Why each action is refused when the status does not allow it (codes the screens translate). */
export const APPLICATION_REFUSALS = {
  save: { status: 409, code: 'not_draft', message: 'Hồ sơ đã nộp, không sửa được nữa' },
  submit: { status: 409, code: 'not_draft', message: 'Hồ sơ đã được nộp' },
  withdraw: {
    status: 409,
    code: 'not_withdrawable',
    message: 'Hồ sơ đã được tiếp nhận hoặc đã kết thúc, không rút được trực tuyến',
  },
  accept: { status: 409, code: 'not_submitted', message: 'Hồ sơ không ở trạng thái chờ tiếp nhận' },
  refuse: { status: 409, code: 'not_submitted', message: 'Hồ sơ không ở trạng thái chờ tiếp nhận' },
  pay: {
    status: 422,
    code: 'application_not_payable',
    message: 'Chỉ thanh toán được hồ sơ đã nộp hoặc đã được tiếp nhận',
  },
  supplement: { status: 409, code: 'not_accepted', message: 'Hồ sơ chưa được tiếp nhận' },
} as const satisfies Record<ApplicationAction, ApplicationRefusal>;

export type ApplicationDecision =
  | { ok: true; next: ApplicationStatus }
  | { ok: false; refusal: ApplicationRefusal };

export function applicationAllows(status: ApplicationStatus, action: ApplicationAction): boolean {
  return (APPLICATION_ACTIONS_BY_STATUS[status] as readonly ApplicationAction[]).includes(action);
}

/** The reducer: the status after `action`, or the refusal when the status does not allow it. */
export function decideApplication(status: ApplicationStatus, action: ApplicationAction): ApplicationDecision {
  if (!applicationAllows(status, action)) return { ok: false, refusal: APPLICATION_REFUSALS[action] };
  const next = (APPLICATION_NEXT_STATUS as Partial<Record<ApplicationAction, ApplicationStatus>>)[action];
  return { ok: true, next: next ?? status };
}

/** The refusal of `action` as the `AppError` the services throw. */
export function applicationRefusal(action: ApplicationAction): AppError {
  const refusal: ApplicationRefusal = APPLICATION_REFUSALS[action];
  return new AppError(refusal.status, refusal.code, refusal.message);
}

/** `decideApplication`, throwing the refusal as an `AppError` (what the services want). */
export function requireApplicationAction(
  status: ApplicationStatus,
  action: ApplicationAction,
): ApplicationStatus {
  const decision = decideApplication(status, action);
  if (!decision.ok) throw applicationRefusal(action);
  return decision.next;
}

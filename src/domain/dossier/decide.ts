/**
 * What may be done to a dossier now, and the event a command becomes. Pure: the service loads the
 * state, calls `decide`, appends the returned event (adding seq and the actor) and re-derives.
 *
 * Order of checks: unknown type or closed dossier or not offered here/now → 422 illegal_transition;
 * none of the offering actions has one of the caller's roles here → 403 forbidden; bad payload →
 * 400 validation_failed (errors[{path, message}]).
 */
import { z } from 'zod';
import type { Role } from '../access.ts';
import { DOCUMENT_FORMS } from '../catalog/procedure.ts';
import { AppError, type FieldError } from '../errors.ts';
import {
  ACTION_TYPES,
  type ActionType,
  type ProcessAction,
  type ProcessDefinition,
} from '../workflow/definition.ts';
import { actionsAt, findStep, forwardClosure, targetOf } from '../workflow/graph.ts';
import type { DossierState } from './state.ts';
import { isClosedStatus, typeAllowedIn } from './status-actions.ts';
import type { DossierEvent } from './types.ts';

export type NewEvent = Omit<DossierEvent, 'seq' | 'actorId' | 'actorName'>;

export interface DossierCommand {
  type: ActionType;
  payload: Record<string, unknown>;
}

const vietnameseErrors = z.locales.vi().localeError;

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: 'Không được để trống' })
    .max(max, { error: `Tối đa ${max} ký tự` });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Tối đa ${max} ký tự` })
    .optional();
const stepCode = z.string().regex(/^[a-z][a-z0-9_]{0,49}$/, { error: 'Mã bước không hợp lệ' });
const common = { note: optionalText(2000) };

export const RETURN_METHODS = ['counter', 'postal', 'online'] as const;

/** Payload of each action type, as the event records it. */
export const ACTION_PAYLOAD_SCHEMAS = {
  assign: z.object({ assigneeId: text(100), ...common }),
  forward: z.object({ toStep: stepCode.optional(), assigneeId: text(100).optional(), ...common }),
  request_supplement: z.object({
    items: z
      .array(z.object({ document: text(500), form: z.enum(DOCUMENT_FORMS).optional() }))
      .min(1, { error: 'Cần ghi ít nhất một giấy tờ phải bổ sung, hoàn thiện' })
      .max(100),
    reason: text(2000),
    ...common,
  }),
  receive_supplement: z.object({ documents: z.array(text(500)).max(100).optional(), ...common }),
  refuse: z.object({ reason: text(2000), ...common }),
  extend: z.object({
    newDueAt: z.iso.datetime({ offset: true, error: 'Ngày hẹn mới phải là thời điểm ISO 8601 có múi giờ' }),
    reason: text(2000),
    ...common,
  }),
  transfer: z.object({
    unitCode: text(100).optional(),
    toStep: stepCode.optional(),
    assigneeId: text(100).optional(),
    ...common,
  }),
  approve: z.object({ ...common }),
  attach_result: z.object({
    title: text(500),
    fileId: text(100).optional(),
    number: text(100).optional(),
    ...common,
  }),
  return: z
    .object({
      method: z.enum(RETURN_METHODS, { error: 'Hình thức trả: counter, postal hoặc online' }),
      trackingNumber: text(100).optional(),
      receiverName: optionalText(200),
      ...common,
    })
    .superRefine((v, ctx) => {
      if (v.method === 'postal' && !v.trackingNumber) {
        ctx.addIssue({
          code: 'custom',
          path: ['trackingNumber'],
          message: 'Trả qua bưu chính cần số hiệu bưu gửi',
        });
      }
    }),
  withdraw: z.object({ reason: text(2000), ...common }),
  cancel: z.object({ reason: text(2000), ...common }),
} satisfies Record<ActionType, z.ZodType>;

export type ActionPayload<T extends ActionType> = z.infer<(typeof ACTION_PAYLOAD_SCHEMAS)[T]>;

const illegal = (message: string) => new AppError(422, 'illegal_transition', message);
const invalid = (message: string, errors: FieldError[]) =>
  new AppError(400, 'validation_failed', message, errors);

/** Why an action of the definition cannot be taken in this state (null = it can, roles aside). */
function stateObjection(state: DossierState, action: ProcessAction): string | null {
  if (isClosedStatus(state.status)) return 'Hồ sơ đã kết thúc, không thể thực hiện thêm thao tác';
  if (!typeAllowedIn(state.status, action.type))
    return `Không thể "${action.label}" khi hồ sơ ở trạng thái ${state.status}`;
  if (action.effects.includes('resume_clock') && !state.paused) return 'Hồ sơ không ở trạng thái chờ bổ sung';
  if (action.effects.includes('pause_clock') && state.paused) return 'Hồ sơ đang chờ bổ sung';
  if ((action.type === 'extend' || action.effects.includes('extend_due')) && state.extended) {
    return 'Hồ sơ đã được gia hạn (hẹn lại) một lần';
  }
  return null;
}

function structuralActions(def: ProcessDefinition, state: DossierState): ProcessAction[] {
  return actionsAt(def, state.step).filter((a) => stateObjection(state, a) === null);
}

const holds = (action: ProcessAction, roles: ReadonlySet<Role>) => action.roles.some((r) => roles.has(r));

/**
 * The actions the caller may take now: offered at the current step ('*' = any non-final step;
 * withdraw and cancel from any non-final step), allowed in the status, making sense for the clock,
 * and held by one of the caller's roles at the unit holding the dossier.
 */
export function allowedActions(
  def: ProcessDefinition,
  state: DossierState,
  rolesHere: ReadonlySet<Role>,
): ProcessAction[] {
  return structuralActions(def, state).filter((a) => holds(a, rolesHere));
}

/** The event `command` becomes, or a typed error (see the header). `now` is the event time. */
export function decide(
  def: ProcessDefinition,
  state: DossierState,
  command: DossierCommand,
  rolesHere: ReadonlySet<Role>,
  now: Date,
): NewEvent {
  const type = command.type;
  if (!(ACTION_TYPES as readonly string[]).includes(type))
    throw illegal(`Không có thao tác "${String(type)}"`);
  if (isClosedStatus(state.status)) throw illegal('Hồ sơ đã kết thúc, không thể thực hiện thêm thao tác');
  const offered = actionsAt(def, state.step).filter((a) => a.type === type);
  if (offered.length === 0) {
    const stepName = findStep(def, state.step)?.name ?? state.step;
    throw illegal(`Thao tác "${type}" không thực hiện được ở bước "${stepName}"`);
  }
  const candidates = offered.filter((a) => stateObjection(state, a) === null);
  if (candidates.length === 0) throw illegal(stateObjection(state, offered[0]!)!);
  if (!candidates.some((a) => holds(a, rolesHere))) {
    throw new AppError(
      403,
      'forbidden',
      `Bạn không có vai trò được phép thực hiện thao tác "${candidates[0]!.label}"`,
    );
  }

  const schema = ACTION_PAYLOAD_SCHEMAS[type] as z.ZodType<Record<string, unknown>>;
  const parsed = schema.safeParse(command.payload ?? {}, { error: vietnameseErrors });
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({
      path: i.path.map(String).join('.'),
      message: i.message,
    }));
    throw invalid(
      `Dữ liệu thao tác không hợp lệ: ${errors.map((e) => `${e.path || '(payload)'}: ${e.message}`).join('; ')}`,
      errors,
    );
  }
  const payload: Record<string, unknown> = { ...parsed.data };
  const requestedStep = typeof payload.toStep === 'string' ? payload.toStep : null;
  delete payload.toStep;

  // Which of the offered actions, hence which step next.
  const unitOf = (step: string) => {
    const s = findStep(def, step);
    return s && s.unit !== 'receiving' ? s.unit.unitCode : state.receivingUnitCode;
  };
  let chosen: { action: ProcessAction; next: string }[];
  if (requestedStep !== null) {
    chosen = candidates
      .filter((a) => targetOf(a, state.step) === requestedStep)
      .map((action) => ({ action, next: requestedStep }));
    if (chosen.length === 0 && type === 'forward' && requestedStep !== state.step) {
      chosen = candidates
        .filter((a) => a.to !== null && forwardClosure(def, a.to).has(requestedStep))
        .map((action) => ({ action, next: requestedStep }));
    }
    if (chosen.length === 0 || findStep(def, requestedStep)?.final) {
      const message = `Không thể chuyển tới bước "${requestedStep}" bằng thao tác này`;
      throw invalid(message, [{ path: 'toStep', message }]);
    }
  } else {
    chosen = candidates.map((action) => ({ action, next: targetOf(action, state.step) }));
    if (type === 'transfer' && typeof payload.unitCode === 'string') {
      const unit = payload.unitCode;
      const matching = chosen.filter((c) => unitOf(c.next) === unit);
      if (matching.length === 0) {
        const message = `Không thể chuyển hồ sơ tới đơn vị "${unit}" từ bước này`;
        throw invalid(message, [{ path: 'unitCode', message }]);
      }
      chosen = matching;
    }
    const targets = new Set(chosen.map((c) => c.next));
    if (targets.size > 1) {
      const message = `Cần chọn bước tiếp theo (toStep): ${[...targets].join(', ')}`;
      throw invalid(message, [{ path: 'toStep', message }]);
    }
  }
  const pick = chosen.find((c) => holds(c.action, rolesHere));
  if (!pick) {
    throw new AppError(
      403,
      'forbidden',
      `Bạn không có vai trò được phép thực hiện thao tác "${chosen[0]!.action.label}"`,
    );
  }
  const next = pick.next;

  // Checks that need the state.
  if (type === 'transfer') {
    const expected = unitOf(next);
    if (typeof payload.unitCode === 'string' && payload.unitCode !== expected) {
      const message = `Bước "${next}" do đơn vị "${expected}" thực hiện, không phải "${payload.unitCode}"`;
      throw invalid(message, [{ path: 'unitCode', message }]);
    }
    payload.unitCode = expected;
  }
  if (type === 'extend') {
    const newDueAt = new Date(String(payload.newDueAt));
    const floor = Math.max(state.appointmentAt.getTime(), now.getTime());
    if (!(newDueAt.getTime() > floor)) {
      const message = 'Ngày hẹn mới phải sau ngày hẹn hiện tại và sau thời điểm hiện tại';
      throw invalid(message, [{ path: 'newDueAt', message }]);
    }
    payload.newDueAt = newDueAt.toISOString();
  }
  for (const key of Object.keys(payload)) if (payload[key] === undefined) delete payload[key];

  return { type, at: now, step: next, payload };
}

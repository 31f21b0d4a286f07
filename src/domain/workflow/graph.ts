/**
 * Structural helpers over a process definition, shared by the linter, the dossier reducer and
 * `decide`: which actions apply at a step, what each action type must (and may) do, how much of the
 * time limit each step gets, and which action an event was taken under.
 */
import type { ActionType, Effect, ProcessAction, ProcessDefinition, ProcessStep } from './definition.ts';

/** Action types that end the dossier's life (status returned / refused / withdrawn / cancelled). */
export const CLOSING_ACTION_TYPES = [
  'return',
  'refuse',
  'withdraw',
  'cancel',
] as const satisfies readonly ActionType[];
/** Action types the applicant or the office may take from any non-final step, whatever `from` says. */
export const ANYWHERE_ACTION_TYPES = ['withdraw', 'cancel'] as const satisfies readonly ActionType[];

/** Effects an action of each type must carry (the reducer relies on them). */
export const REQUIRED_EFFECTS: Record<ActionType, readonly Effect[]> = {
  assign: [],
  forward: [],
  request_supplement: ['pause_clock'],
  receive_supplement: ['resume_clock'],
  refuse: ['close'],
  extend: ['extend_due'],
  transfer: ['hand_over'],
  approve: [],
  attach_result: [],
  return: ['close'],
  withdraw: ['close'],
  cancel: ['close'],
};

/** Effects only some action types may carry (payloads and statuses depend on the type). */
export const EFFECT_ACTION_TYPES: Partial<Record<Effect, readonly ActionType[]>> = {
  close: CLOSING_ACTION_TYPES,
  extend_due: ['extend'],
  hand_over: ['transfer'],
  resolve: ['approve', 'attach_result'],
  attach_result: ['attach_result', 'approve'],
};

export function isClosingType(type: string): boolean {
  return (CLOSING_ACTION_TYPES as readonly string[]).includes(type);
}

export function isAnywhereType(type: string): boolean {
  return (ANYWHERE_ACTION_TYPES as readonly string[]).includes(type);
}

export function findStep(def: ProcessDefinition, code: string | null | undefined): ProcessStep | undefined {
  if (code == null) return undefined;
  return def.steps.find((s) => s.code === code);
}

/** True when `action` may be taken from `stepCode` as the definition says ('*' = any non-final step). */
export function actionCovers(def: ProcessDefinition, action: ProcessAction, stepCode: string): boolean {
  if (action.from === '*') {
    const step = findStep(def, stepCode);
    return step !== undefined && !step.final;
  }
  return action.from.includes(stepCode);
}

/** Actions the definition offers at a step (withdraw / cancel: from any non-final step). */
export function actionsAt(def: ProcessDefinition, stepCode: string): ProcessAction[] {
  const step = findStep(def, stepCode);
  return def.actions.filter(
    (a) => actionCovers(def, a, stepCode) || (isAnywhereType(a.type) && step !== undefined && !step.final),
  );
}

/** The step a dossier is at after taking `action` from `stepCode`. */
export function targetOf(action: ProcessAction, stepCode: string): string {
  return action.to ?? stepCode;
}

/** Steps reachable from `from` through forward actions only (not `from` itself unless on a cycle). */
export function forwardClosure(def: ProcessDefinition, from: string): Set<string> {
  const seen = new Set<string>();
  const queue = [from];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const a of def.actions) {
      if (a.type !== 'forward' || a.to === null || !actionCovers(def, a, current)) continue;
      if (!seen.has(a.to)) {
        seen.add(a.to);
        queue.push(a.to);
      }
    }
  }
  return seen;
}

/**
 * Working minutes each step gets. Step durations are shares of the procedure's time limit: when
 * `totalMinutes` is given (the working minutes from reception to the legal due date) they are scaled
 * so that they add up to it; otherwise each step gets its own durationHours. Final steps get 0.
 */
export function stepBudgetMinutes(def: ProcessDefinition, totalMinutes: number | null): Map<string, number> {
  const open = def.steps.filter((s) => !s.final);
  const sumHours = open.reduce((sum, s) => sum + s.durationHours, 0);
  const factor = totalMinutes !== null && sumHours > 0 ? totalMinutes / (sumHours * 60) : 1;
  const out = new Map<string, number>();
  for (const s of def.steps) out.set(s.code, s.final ? 0 : Math.round(s.durationHours * 60 * factor));
  return out;
}

/**
 * The action an event of `type` moving the dossier from `fromStep` to `toStep` was taken under:
 * an action whose target is `toStep` first, then (forward) one from whose target `toStep` can be
 * reached by forwarding, then any action of that type offered at `fromStep`.
 */
export function matchAction(
  def: ProcessDefinition,
  fromStep: string,
  type: ActionType,
  toStep: string | null,
): ProcessAction | undefined {
  const candidates = actionsAt(def, fromStep).filter((a) => a.type === type);
  if (candidates.length === 0) return undefined;
  const target = toStep ?? fromStep;
  const exact = candidates.find((a) => targetOf(a, fromStep) === target);
  if (exact) return exact;
  if (type === 'forward') {
    const via = candidates.find((a) => a.to !== null && forwardClosure(def, a.to).has(target));
    if (via) return via;
  }
  return candidates[0];
}

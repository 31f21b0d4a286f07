/**
 * The process linter: run before a definition is saved (and over the stored ones by `motcua lint`),
 * so that no dossier is ever received into a flow with unreachable steps, dead ends, a return before
 * the result exists, a unit nobody works at, or effects the reducer cannot honour.
 * Errors block saving; warnings are shown to the administrator.
 */
import { z } from 'zod';
import type { Role } from '../access.ts';
import { ACTIONS_BY_STATUS } from '../dossier/status-actions.ts';
import {
  type ActionType,
  type Effect,
  type ProcessAction,
  type ProcessDefinition,
  type ProcessStep,
  processDefinitionSchema,
} from './definition.ts';
import {
  actionCovers,
  actionsAt,
  EFFECT_ACTION_TYPES,
  isAnywhereType,
  isClosingType,
  REQUIRED_EFFECTS,
  targetOf,
} from './graph.ts';

export interface LintIssue {
  /** Stable machine code, e.g. 'unreachable_step'. */
  code: string;
  /** Where in the definition, zod-style: 'steps.2.unit.unitCode', 'actions.4.to'. */
  path: string;
  /** Vietnamese sentence for the administrator. */
  message: string;
}

export interface LintContext {
  /** Units of this installation. */
  unitCodes: ReadonlySet<string>;
  /** Roles held by someone at each unit (by unit code); when given, roles nobody holds are reported. */
  rolesByUnit?: ReadonlyMap<string, ReadonlySet<Role>>;
  /** The time limit of the procedures using the definition, in working hours, when known. */
  procedureTimeLimitHours?: number | null;
}

export interface LintResult {
  errors: LintIssue[];
  warnings: LintIssue[];
}

const vietnameseErrors = z.locales.vi().localeError;

/** The types whose actions lead somewhere only to abandon the dossier. */
const ABANDON_TYPES: readonly ActionType[] = ['withdraw', 'cancel', 'refuse'];
const OPEN_TYPES = new Set<ActionType>([...ACTIONS_BY_STATUS.in_progress, ...ACTIONS_BY_STATUS.paused]);
const RESOLVED_TYPES = new Set<ActionType>(ACTIONS_BY_STATUS.resolved);

/**
 * Checks a definition (any input: it is schema-checked first; nothing else is checked when the
 * schema fails) against the installation's units and roles.
 */
export function lintProcess(def: ProcessDefinition | unknown, ctx: LintContext): LintResult {
  const errors: LintIssue[] = [];
  const warnings: LintIssue[] = [];
  const error = (code: string, path: string, message: string) => errors.push({ code, path, message });
  const warn = (code: string, path: string, message: string) => warnings.push({ code, path, message });

  const parsed = processDefinitionSchema.safeParse(def, { error: vietnameseErrors });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      error('invalid_schema', issue.path.map(String).join('.'), issue.message);
    }
    return { errors, warnings };
  }
  const d = parsed.data;

  // ---- steps ------------------------------------------------------------------------------------
  const steps = new Map<string, ProcessStep>();
  d.steps.forEach((s, i) => {
    if (steps.has(s.code)) error('duplicate_step', `steps.${i}.code`, `Mã bước "${s.code}" bị trùng`);
    else steps.set(s.code, s);
  });
  const start = steps.get(d.start);
  if (!start) error('unknown_start', 'start', `Bước bắt đầu "${d.start}" không có trong danh sách bước`);
  else {
    if (start.final) error('start_final', 'start', 'Bước bắt đầu không được là bước kết thúc');
    if (start.unit !== 'receiving') {
      error(
        'start_not_receiving',
        'start',
        'Bước bắt đầu (tiếp nhận) phải diễn ra tại đơn vị tiếp nhận hồ sơ, không phải một đơn vị cố định',
      );
    }
  }
  if (!d.steps.some((s) => s.final)) error('no_final_step', 'steps', 'Quy trình không có bước kết thúc');

  d.steps.forEach((s, i) => {
    if (s.unit !== 'receiving' && !ctx.unitCodes.has(s.unit.unitCode)) {
      error(
        'unknown_unit',
        `steps.${i}.unit.unitCode`,
        `Bước "${s.code}": không có đơn vị "${s.unit.unitCode}"`,
      );
    }
    if (ctx.rolesByUnit && s.role !== 'citizen' && !roleHeldAt(ctx.rolesByUnit, s.unit, [s.role])) {
      const where = s.unit === 'receiving' ? 'ở bất kỳ đơn vị nào' : `tại đơn vị "${s.unit.unitCode}"`;
      error(
        'role_not_held',
        `steps.${i}.role`,
        `Bước "${s.code}": không có ai giữ vai trò "${s.role}" ${where}`,
      );
    }
  });

  // ---- actions ----------------------------------------------------------------------------------
  const fromSteps = (a: ProcessAction): ProcessStep[] =>
    a.from === '*' ? d.steps.filter((s) => !s.final) : a.from.flatMap((c) => steps.get(c) ?? []);

  d.actions.forEach((a, i) => {
    const at = `actions.${i}`;
    const label = `Thao tác "${a.label}" (${a.type})`;
    if (a.from !== '*') {
      a.from.forEach((c, j) => {
        const s = steps.get(c);
        if (!s) error('unknown_step', `${at}.from.${j}`, `${label}: không có bước "${c}"`);
        else if (s.final && a.type !== 'cancel') {
          error(
            'final_has_actions',
            `${at}.from.${j}`,
            `${label}: bước kết thúc "${c}" chỉ được có thao tác hủy (cancel)`,
          );
        }
      });
    }
    const to = a.to === null ? undefined : steps.get(a.to);
    if (a.to !== null && !to) error('unknown_step', `${at}.to`, `${label}: không có bước "${a.to}"`);

    // Effects the reducer relies on, and effects that only make sense for some types.
    const missing = REQUIRED_EFFECTS[a.type].filter((e) => !a.effects.includes(e));
    if (missing.length > 0) {
      error('missing_effect', `${at}.effects`, `${label} phải có tác động: ${missing.join(', ')}`);
    }
    a.effects.forEach((e, j) => {
      const allowed = EFFECT_ACTION_TYPES[e];
      if (allowed && !allowed.includes(a.type)) {
        error(
          'misplaced_effect',
          `${at}.effects.${j}`,
          `${label}: tác động "${e}" chỉ dùng cho thao tác ${allowed.join(', ')}`,
        );
      }
    });
    if (a.effects.includes('pause_clock') && a.effects.includes('resume_clock')) {
      error('conflicting_effects', `${at}.effects`, `${label}: không thể vừa dừng vừa chạy lại đồng hồ`);
    }

    // Where it leads.
    if (to?.final && !isClosingType(a.type)) {
      error(
        'final_without_close',
        `${at}.to`,
        `${label} dẫn tới bước kết thúc "${to.code}" nhưng không kết thúc hồ sơ (chỉ trả kết quả, từ chối, rút, hủy)`,
      );
    }
    if (to && !to.final && isClosingType(a.type)) {
      error(
        'close_to_open_step',
        `${at}.to`,
        `${label} kết thúc hồ sơ nên phải dẫn tới một bước kết thúc hoặc giữ nguyên bước (to: null)`,
      );
    }
    if (a.type === 'return') {
      if (a.to === null) {
        error('return_not_to_final', `${at}.to`, `${label} phải dẫn tới một bước kết thúc`);
      }
      const remote = fromSteps(a).filter((s) => s.unit !== 'receiving');
      if (remote.length > 0) {
        error(
          'return_not_at_receiving',
          `${at}.from`,
          `${label}: kết quả được trả tại bộ phận một cửa của đơn vị tiếp nhận, không tại bước ${remote
            .map((s) => `"${s.code}"`)
            .join(', ')}`,
        );
      }
    }

    // Liên thông: changing unit is a transfer (hand_over), and a transfer changes unit.
    if (to && !isClosingType(a.type)) {
      for (const s of fromSteps(a)) {
        const same = sameUnit(s.unit, to.unit);
        if (!same && a.type !== 'transfer') {
          error(
            'unit_change_without_transfer',
            `${at}.to`,
            `${label}: chuyển từ bước "${s.code}" sang bước "${to.code}" ở đơn vị khác phải là thao tác chuyển liên thông (transfer)`,
          );
          break;
        }
        if (same && a.type === 'transfer') {
          warn(
            'transfer_same_unit',
            `${at}.to`,
            `${label}: bước "${s.code}" và bước "${to.code}" ở cùng đơn vị, không cần chuyển liên thông`,
          );
          break;
        }
      }
    }

    // Someone must be able to take it where it is offered.
    if (ctx.rolesByUnit && !a.roles.includes('citizen')) {
      const offered = isAnywhereType(a.type) ? d.steps.filter((s) => !s.final) : fromSteps(a);
      const nobody = offered.filter((s) => !roleHeldAt(ctx.rolesByUnit!, s.unit, a.roles));
      if (nobody.length > 0) {
        warn(
          'action_role_not_held',
          `${at}.roles`,
          `${label}: không ai giữ vai trò ${a.roles.join(', ')} tại bước ${nobody.map((s) => `"${s.code}"`).join(', ')}`,
        );
      }
    }

    // Two actions the reducer could not tell apart.
    for (let k = 0; k < i; k++) {
      const b = d.actions[k]!;
      if (b.type !== a.type || b.to !== a.to) continue;
      const overlap =
        a.from === '*' || b.from === '*' || a.from.some((c) => (b.from as string[]).includes(c));
      if (overlap) {
        error(
          'duplicate_action',
          at,
          `${label} trùng với thao tác "${b.label}" (cùng loại, cùng bước đi và bước đến)`,
        );
        break;
      }
    }
  });

  const resolving = d.actions.filter((a) => a.effects.includes('resolve'));
  if (resolving.length === 0) {
    error(
      'no_resolve',
      'actions',
      'Không có thao tác nào có tác động "resolve" (phê duyệt hoặc đính kèm kết quả): hồ sơ không bao giờ được giải quyết',
    );
  }
  const returns = d.actions.map((a, i) => [a, i] as const).filter(([a]) => a.type === 'return');
  if (returns.length === 0) {
    error('no_return', 'actions', 'Không có thao tác trả kết quả (return) cho người nộp hồ sơ');
  }

  // ---- the graph --------------------------------------------------------------------------------
  const defForGraph: ProcessDefinition = d;
  const outgoing = (code: string, types?: (t: ActionType) => boolean): string[] =>
    actionsAt(defForGraph, code)
      .filter((a) => !types || types(a.type))
      .map((a) => targetOf(a, code))
      .filter((t) => t !== code && steps.has(t));

  if (start) {
    const reached = closure([start.code], (c) => outgoing(c));
    d.steps.forEach((s, i) => {
      if (!reached.has(s.code) && steps.get(s.code) === s) {
        error('unreachable_step', `steps.${i}.code`, `Bước "${s.code}" không thể tới được từ bước bắt đầu`);
      }
    });

    const progress = (t: ActionType) => !ABANDON_TYPES.includes(t);
    const returnSteps = new Set(
      d.steps.filter((s) => returns.some(([a]) => actionCovers(defForGraph, a, s.code))).map((s) => s.code),
    );
    d.steps.forEach((s, i) => {
      if (s.final || steps.get(s.code) !== s || !reached.has(s.code)) return;
      const exits = outgoing(s.code, (t) => t !== 'withdraw' && t !== 'cancel');
      if (exits.length === 0) {
        error('dead_end', `steps.${i}.code`, `Bước "${s.code}" không có thao tác nào để đi tiếp`);
        return;
      }
      if (returns.length === 0) return;
      const ahead = closure([s.code], (c) => outgoing(c, progress));
      ahead.add(s.code);
      if (![...ahead].some((c) => returnSteps.has(c))) {
        error(
          'cannot_finish',
          `steps.${i}.code`,
          `Từ bước "${s.code}" không thể đi tới bước trả kết quả cho người nộp hồ sơ`,
        );
      }
    });

    // A return needs a resolved dossier: walk (step, resolved) pairs as the statuses allow.
    if (resolving.length > 0) {
      const resolvedAt = resolvedSteps(defForGraph, start.code, steps);
      for (const [a, i] of returns) {
        if (![...resolvedAt].some((c) => actionCovers(defForGraph, a, c))) {
          error(
            'return_without_resolve',
            `actions.${i}`,
            `Thao tác "${a.label}" (return) không bao giờ thực hiện được: hồ sơ chưa được giải quyết (resolve) khi tới bước trả kết quả`,
          );
        }
      }
    }
  }

  // ---- warnings ---------------------------------------------------------------------------------
  const limit = ctx.procedureTimeLimitHours;
  if (limit !== undefined && limit !== null) {
    const sum = d.steps.reduce((total, s) => total + s.durationHours, 0);
    if (Math.abs(sum - limit) > 1e-6) {
      warn(
        'duration_mismatch',
        'steps',
        `Tổng thời gian các bước (${formatHours(sum)} giờ) khác thời hạn giải quyết của thủ tục (${formatHours(limit)} giờ); thời gian từng bước sẽ được chia theo tỷ lệ`,
      );
    }
  }
  const resumes = d.actions.filter((a) => a.effects.includes('resume_clock'));
  d.actions.forEach((a, i) => {
    if (!a.effects.includes('pause_clock')) return;
    if (resumes.length === 0) {
      warn(
        'pause_without_resume',
        `actions.${i}`,
        `Thao tác "${a.label}" dừng đồng hồ nhưng quy trình không có thao tác nào cho đồng hồ chạy lại (resume_clock)`,
      );
      return;
    }
    const landing = a.to !== null ? [a.to] : fromSteps(a).map((s) => s.code);
    const stuck = landing.filter(
      (c) => steps.has(c) && !resumes.some((r) => actionCovers(defForGraph, r, c)),
    );
    if (stuck.length > 0) {
      warn(
        'resume_not_available',
        `actions.${i}`,
        `Sau thao tác "${a.label}", tại bước ${stuck.map((c) => `"${c}"`).join(', ')} không có thao tác nhận bổ sung để đồng hồ chạy lại`,
      );
    }
  });
  if (resumes.length > 0 && !d.actions.some((a) => a.effects.includes('pause_clock'))) {
    warn(
      'resume_without_pause',
      'actions',
      'Có thao tác cho đồng hồ chạy lại (resume_clock) nhưng không có thao tác nào dừng đồng hồ',
    );
  }

  return { errors, warnings };
}

function sameUnit(a: ProcessStep['unit'], b: ProcessStep['unit']): boolean {
  if (a === 'receiving' || b === 'receiving') return a === b;
  return a.unitCode === b.unitCode;
}

function roleHeldAt(
  rolesByUnit: ReadonlyMap<string, ReadonlySet<Role>>,
  unit: ProcessStep['unit'],
  roles: readonly Role[],
): boolean {
  const holds = (set: ReadonlySet<Role> | undefined) => !!set && roles.some((r) => set.has(r));
  if (unit === 'receiving') return [...rolesByUnit.values()].some(holds);
  return holds(rolesByUnit.get(unit.unitCode));
}

function closure(from: string[], next: (code: string) => string[]): Set<string> {
  const seen = new Set<string>(from);
  const queue = [...from];
  while (queue.length > 0) {
    for (const n of next(queue.shift()!)) {
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return seen;
}

/** Steps a dossier can be at with a result (resolved), walking the statuses' allowed action types. */
function resolvedSteps(def: ProcessDefinition, start: string, steps: Map<string, ProcessStep>): Set<string> {
  const key = (step: string, resolved: boolean) => `${resolved ? 1 : 0}:${step}`;
  const seen = new Set<string>([key(start, false)]);
  const queue: [string, boolean][] = [[start, false]];
  const out = new Set<string>();
  while (queue.length > 0) {
    const [step, resolved] = queue.shift()!;
    if (resolved) out.add(step);
    for (const a of actionsAt(def, step)) {
      if (isClosingType(a.type)) continue;
      if (!(resolved ? RESOLVED_TYPES : OPEN_TYPES).has(a.type)) continue;
      const next = targetOf(a, step);
      const target = steps.get(next);
      if (!target || target.final) continue;
      const nextResolved = resolved || a.effects.includes('resolve' satisfies Effect);
      const k = key(next, nextResolved);
      if (!seen.has(k)) {
        seen.add(k);
        queue.push([next, nextResolved]);
      }
    }
  }
  return out;
}

function formatHours(h: number): string {
  return Number.isInteger(h) ? String(h) : h.toFixed(2).replace(/\.?0+$/, '');
}

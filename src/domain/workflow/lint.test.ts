import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_STAFF, DEMO_UNITS } from '../../db/seed/demo-units.ts';
import type { Role } from '../access.ts';
import type { ProcessAction, ProcessDefinition, ProcessStep } from './definition.ts';
import { type LintContext, lintProcess } from './lint.ts';

const UNITS = new Set([
  'AG',
  'AG.TTPVHCC',
  'AG.VPDKDD',
  'AG.THUE',
  'AG.LONGXUYEN',
  'AG.CHAUPHU',
  'AG.MYHOAHUNG',
]);

const step = (code: string, role: Role, extra: Partial<ProcessStep> = {}): ProcessStep => ({
  code,
  name: code.toUpperCase(),
  role,
  unit: 'receiving',
  durationHours: 0,
  final: false,
  ...extra,
});
const action = (
  type: ProcessAction['type'],
  from: ProcessAction['from'],
  to: string | null,
  roles: Role[],
  effects: ProcessAction['effects'] = [],
): ProcessAction => ({ type, from, to, roles, effects, label: `${type} ${String(from)}→${to}` });

/** The smallest clean flow: a (reception) → b (processing, approve resolves) → return → c (final). */
function base(): ProcessDefinition {
  return {
    code: 'mini',
    name: 'Mini',
    version: 1,
    procedureCodes: [],
    start: 'a',
    supplementMode: 'pause',
    steps: [
      step('a', 'receptionist'),
      step('b', 'officer', { durationHours: 8 }),
      step('c', 'receptionist', { final: true }),
    ],
    actions: [
      action('forward', ['a'], 'b', ['receptionist']),
      action('approve', ['b'], null, ['officer'], ['resolve']),
      action('return', ['b'], 'c', ['receptionist'], ['close']),
    ],
  };
}
const ctx: LintContext = { unitCodes: UNITS };
const lint = (def: unknown, c: LintContext = ctx) => lintProcess(def, c);
const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe('lintProcess: errors, one minimal broken definition each', () => {
  it('a minimal flow is clean', () => {
    expect(lint(base())).toEqual({ errors: [], warnings: [] });
  });

  it.each<[string, (d: ProcessDefinition) => unknown, string]>([
    ['schema: fewer than two steps', (d) => ({ ...d, steps: d.steps.slice(0, 1) }), 'invalid_schema'],
    [
      'schema: bad step code',
      (d) => ({ ...d, steps: [{ ...d.steps[0]!, code: 'Bước A' }, ...d.steps.slice(1)] }),
      'invalid_schema',
    ],
    [
      'schema: unknown action type',
      (d) => ({ ...d, actions: [{ ...d.actions[0]!, type: 'teleport' }] }),
      'invalid_schema',
    ],
    ['duplicate step codes', (d) => ({ ...d, steps: [...d.steps, step('b', 'leader')] }), 'duplicate_step'],
    ['start not a step', (d) => ({ ...d, start: 'zz' }), 'unknown_start'],
    [
      'start is final',
      (d) => ({ ...d, start: 'c', steps: d.steps.map((s) => (s.code === 'c' ? { ...s, final: true } : s)) }),
      'start_final',
    ],
    [
      'start at a named unit',
      (d) => ({
        ...d,
        steps: d.steps.map((s) => (s.code === 'a' ? { ...s, unit: { unitCode: 'AG.THUE' } } : s)),
      }),
      'start_not_receiving',
    ],
    [
      'action to an unknown step',
      (d) => ({ ...d, actions: [...d.actions, action('forward', ['b'], 'zz', ['officer'])] }),
      'unknown_step',
    ],
    [
      'action from an unknown step',
      (d) => ({ ...d, actions: [...d.actions, action('forward', ['zz'], 'b', ['officer'])] }),
      'unknown_step',
    ],
    [
      'unreachable step',
      (d) => ({
        ...d,
        steps: [...d.steps, step('d', 'officer')],
        actions: [...d.actions, action('forward', ['d'], 'b', ['officer'])],
      }),
      'unreachable_step',
    ],
    [
      'non-final step with no way out',
      (d) => ({
        ...d,
        steps: [...d.steps, step('d', 'officer')],
        actions: [...d.actions, action('forward', ['a'], 'd', ['receptionist'])],
      }),
      'dead_end',
    ],
    [
      'steps looping without reaching the return',
      (d) => ({
        ...d,
        steps: [...d.steps, step('d', 'officer'), step('e', 'officer')],
        actions: [
          ...d.actions,
          action('forward', ['a'], 'd', ['receptionist']),
          action('forward', ['d'], 'e', ['officer']),
          action('forward', ['e'], 'd', ['officer']),
        ],
      }),
      'cannot_finish',
    ],
    [
      'no final step',
      (d) => ({ ...d, steps: d.steps.map((s) => ({ ...s, final: false })) }),
      'no_final_step',
    ],
    [
      'final step with an outgoing action other than cancel',
      (d) => ({ ...d, actions: [...d.actions, action('forward', ['c'], 'b', ['receptionist'])] }),
      'final_has_actions',
    ],
    [
      'entering a final step without closing',
      (d) => ({ ...d, actions: [...d.actions, action('forward', ['b'], 'c', ['officer'])] }),
      'final_without_close',
    ],
    [
      'closing action leading to an open step',
      (d) => ({ ...d, actions: [...d.actions, action('refuse', ['b'], 'a', ['officer'], ['close'])] }),
      'close_to_open_step',
    ],
    [
      'step at a unit that does not exist',
      (d) => ({
        ...d,
        steps: d.steps.map((s) => (s.code === 'b' ? { ...s, unit: { unitCode: 'AG.NOWHERE' } } : s)),
      }),
      'unknown_unit',
    ],
    [
      'return without the close effect',
      (d) => ({ ...d, actions: d.actions.map((a) => (a.type === 'return' ? { ...a, effects: [] } : a)) }),
      'missing_effect',
    ],
    [
      'request_supplement without pause_clock',
      (d) => ({ ...d, actions: [...d.actions, action('request_supplement', ['b'], null, ['officer'])] }),
      'missing_effect',
    ],
    [
      'resolve on a forward',
      (d) => ({
        ...d,
        actions: d.actions.map((a) => (a.type === 'forward' ? { ...a, effects: ['resolve' as const] } : a)),
      }),
      'misplaced_effect',
    ],
    [
      'pause and resume on one action',
      (d) => ({
        ...d,
        actions: [
          ...d.actions,
          action('request_supplement', ['b'], null, ['officer'], ['pause_clock', 'resume_clock']),
        ],
      }),
      'conflicting_effects',
    ],
    [
      'change of unit by a forward',
      (d) => ({
        ...d,
        steps: d.steps.map((s) => (s.code === 'b' ? { ...s, unit: { unitCode: 'AG.VPDKDD' } } : s)),
      }),
      'unit_change_without_transfer',
    ],
    [
      'no action resolves',
      (d) => ({ ...d, actions: d.actions.map((a) => (a.type === 'approve' ? { ...a, effects: [] } : a)) }),
      'no_resolve',
    ],
    [
      'no return action',
      (d) => ({ ...d, actions: d.actions.filter((a) => a.type !== 'return') }),
      'no_return',
    ],
    [
      'return that stays on its step',
      (d) => ({ ...d, actions: d.actions.map((a) => (a.type === 'return' ? { ...a, to: null } : a)) }),
      'return_not_to_final',
    ],
    [
      'return from another unit than the receiving counter',
      (d) => ({
        ...d,
        steps: [...d.steps, step('v', 'officer', { unit: { unitCode: 'AG.VPDKDD' } })],
        actions: [
          ...d.actions,
          action('transfer', ['b'], 'v', ['officer'], ['hand_over']),
          action('return', ['v'], 'c', ['officer'], ['close']),
        ],
      }),
      'return_not_at_receiving',
    ],
    [
      'return possible only before the result exists',
      (d) => ({ ...d, actions: d.actions.map((a) => (a.type === 'return' ? { ...a, from: ['a'] } : a)) }),
      'return_without_resolve',
    ],
    [
      'two actions the reducer cannot tell apart',
      (d) => ({ ...d, actions: [...d.actions, action('forward', '*', 'b', ['leader'])] }),
      'duplicate_action',
    ],
  ])('%s → %s', (_name, mutate, code) => {
    const result = lint(mutate(base()));
    expect(codes(result.errors)).toContain(code);
  });

  it('schema errors carry the zod path and stop the other checks', () => {
    const result = lint({ ...base(), start: 'Bad Start' });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ code: 'invalid_schema', path: 'start' });
  });

  it('reports a role nobody holds where the step happens (receiving = any unit)', () => {
    const rolesByUnit = new Map<string, Set<Role>>([
      ['AG.LONGXUYEN', new Set<Role>(['receptionist'])],
      ['AG.VPDKDD', new Set<Role>(['officer'])],
    ]);
    // b (officer, receiving): an officer exists somewhere → fine.
    expect(codes(lint(base(), { unitCodes: UNITS, rolesByUnit }).errors)).not.toContain('role_not_held');
    const atLongXuyen = new Map<string, Set<Role>>([['AG.LONGXUYEN', new Set<Role>(['receptionist'])]]);
    const result = lint(base(), { unitCodes: UNITS, rolesByUnit: atLongXuyen });
    expect(result.errors).toContainEqual(
      expect.objectContaining({ code: 'role_not_held', path: 'steps.1.role' }),
    );
  });

  it('reports a role nobody holds at a named unit', () => {
    const def = base();
    def.steps.push(step('v', 'leader', { unit: { unitCode: 'AG.VPDKDD' }, durationHours: 1 }));
    def.actions.push(action('transfer', ['a'], 'v', ['receptionist'], ['hand_over']));
    def.actions.push(action('transfer', ['v'], 'b', ['leader'], ['hand_over']));
    const rolesByUnit = new Map<string, Set<Role>>([
      ['AG.LONGXUYEN', new Set<Role>(['receptionist', 'officer', 'leader'])],
      ['AG.VPDKDD', new Set<Role>(['officer'])],
    ]);
    expect(lint(def, { unitCodes: UNITS, rolesByUnit }).errors).toEqual([
      expect.objectContaining({ code: 'role_not_held', path: 'steps.3.role' }),
    ]);
  });
});

describe('lintProcess: warnings', () => {
  it.each<[string, (d: ProcessDefinition) => ProcessDefinition, LintContext, string | null]>([
    ['durations add up to the limit', (d) => d, { unitCodes: UNITS, procedureTimeLimitHours: 8 }, null],
    [
      'durations differ from the limit',
      (d) => d,
      { unitCodes: UNITS, procedureTimeLimitHours: 24 },
      'duration_mismatch',
    ],
    ['no limit known', (d) => d, { unitCodes: UNITS, procedureTimeLimitHours: null }, null],
    [
      'pause without any resume',
      (d) => ({
        ...d,
        actions: [...d.actions, action('request_supplement', ['b'], null, ['officer'], ['pause_clock'])],
      }),
      ctx,
      'pause_without_resume',
    ],
    [
      'pause leaving the dossier where no resume is offered',
      (d) => ({
        ...d,
        actions: [
          ...d.actions,
          action('request_supplement', ['b'], null, ['officer'], ['pause_clock']),
          action('receive_supplement', ['a'], null, ['receptionist'], ['resume_clock']),
        ],
      }),
      ctx,
      'resume_not_available',
    ],
    [
      'resume without any pause',
      (d) => ({
        ...d,
        actions: [...d.actions, action('receive_supplement', ['b'], null, ['officer'], ['resume_clock'])],
      }),
      ctx,
      'resume_without_pause',
    ],
    [
      'action role nobody holds at its step',
      (d) => ({ ...d, actions: [...d.actions, action('assign', ['b'], null, ['leader'])] }),
      {
        unitCodes: UNITS,
        rolesByUnit: new Map([['AG.LONGXUYEN', new Set<Role>(['receptionist', 'officer'])]]),
      },
      'action_role_not_held',
    ],
    [
      'transfer within one unit',
      (d) => ({
        ...d,
        actions: d.actions.map((a) =>
          a.type === 'forward' ? { ...a, type: 'transfer' as const, effects: ['hand_over' as const] } : a,
        ),
      }),
      ctx,
      'transfer_same_unit',
    ],
  ])('%s', (_name, mutate, context, code) => {
    const result = lint(mutate(base()), context);
    expect(result.errors).toEqual([]);
    if (code === null) expect(result.warnings).toEqual([]);
    else expect(codes(result.warnings)).toEqual([code]);
  });
});

describe('lintProcess: the seeded processes', () => {
  const seeds = JSON.parse(
    readFileSync(new URL('../../db/seed/data/processes.json', import.meta.url), 'utf8'),
  ) as ProcessDefinition[];
  const procedures = JSON.parse(
    readFileSync(new URL('../../db/seed/data/procedures.json', import.meta.url), 'utf8'),
  ) as { code: string; fieldCode: string }[];
  const demoUnits = new Set(DEMO_UNITS.map((u) => u.code));
  const demoRoles = new Map<string, Set<Role>>();
  for (const s of DEMO_STAFF) {
    for (const g of s.roles)
      demoRoles.set(g.unitCode, new Set([...(demoRoles.get(g.unitCode) ?? []), g.role]));
  }

  it('has the four processes', () => {
    expect(seeds.map((d) => d.code)).toEqual([
      'xa_mot_cua',
      'xa_co_phi',
      'lien_thong_dat_dai',
      'lien_thong_khai_tu',
    ]);
  });

  it.each(seeds.map((d) => [d.code, d] as const))('%s lints clean with the demo units', (_code, def) => {
    expect(lint(def, { unitCodes: demoUnits })).toEqual({ errors: [], warnings: [] });
  });

  it.each(seeds.map((d) => [d.code, d] as const))(
    '%s lints clean when every demo unit is staffed',
    (_code, def) => {
      const staffed = new Map(
        [...demoUnits].map((u) => [u, new Set<Role>(['receptionist', 'officer', 'leader', 'unit_admin'])]),
      );
      expect(lint(def, { unitCodes: demoUnits, rolesByUnit: staffed })).toEqual({ errors: [], warnings: [] });
    },
  );

  it('with the demo staff as seeded, every step has someone to do it', () => {
    const errors = seeds.flatMap((d) => lint(d, { unitCodes: demoUnits, rolesByUnit: demoRoles }).errors);
    expect(errors).toEqual([]);
  });

  it('names only procedures of the catalogue; the land flow only land procedures', () => {
    const byCode = new Map(procedures.map((p) => [p.code, p]));
    for (const def of seeds) for (const c of def.procedureCodes) expect(byCode.has(c)).toBe(true);
    const land = seeds.find((d) => d.code === 'lien_thong_dat_dai')!;
    expect(land.procedureCodes.length).toBeGreaterThan(0);
    for (const c of land.procedureCodes) expect(byCode.get(c)!.fieldCode).toBe('DD');
    expect(seeds.find((d) => d.code === 'lien_thong_khai_tu')!.procedureCodes).toContain('1.000656');
  });

  it('the simple and the death-registration flows fit one working day (the same-day limit)', () => {
    for (const code of ['xa_mot_cua', 'lien_thong_khai_tu']) {
      const def = seeds.find((d) => d.code === code)!;
      expect(lint(def, { unitCodes: demoUnits, procedureTimeLimitHours: 8 }).warnings).toEqual([]);
    }
    const land = seeds.find((d) => d.code === 'lien_thong_dat_dai')!;
    expect(lint(land, { unitCodes: demoUnits, procedureTimeLimitHours: 64 }).warnings).toEqual([]);
  });
});

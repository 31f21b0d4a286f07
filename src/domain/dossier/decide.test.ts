import { describe, expect, it } from 'vitest';
import type { Role } from '../access.ts';
import { allowedActions, decide } from './decide.ts';
import { at, clockOf, Dossier, days, seed, thrown } from './test-helpers.ts';

const simple = seed('xa_mot_cua');
const withFee = seed('xa_co_phi');
const land = seed('lien_thong_dat_dai');
const roles = (...r: Role[]) => new Set<Role>(r);

/** A simple-flow dossier at processing (xu_ly), received Mon 2 March 09:00, due Thu 5 March 09:00. */
const atProcessing = () =>
  new Dossier(simple, clockOf(days(3)), '2026-03-02T09:00').act(
    '2026-03-02T09:05',
    ['receptionist'],
    'forward',
  );
const atApproval = () => atProcessing().act('2026-03-02T10:00', ['officer'], 'forward');
const resolved = () => atApproval().act('2026-03-02T11:00', ['leader'], 'approve');
const NOW = at('2026-03-03T09:00');

describe('allowedActions', () => {
  it.each<[string, () => Dossier, Role[], string[]]>([
    [
      'receptionist at reception',
      () => new Dossier(simple, clockOf(days(3)), '2026-03-02T09:00'),
      ['receptionist'],
      ['forward', 'withdraw'],
    ],
    [
      'officer at processing',
      atProcessing,
      ['officer'],
      ['assign', 'forward', 'request_supplement', 'withdraw'],
    ],
    [
      'leader at approval',
      atApproval,
      ['leader'],
      ['assign', 'forward', 'approve', 'refuse', 'extend', 'cancel'],
    ],
    ['receptionist with the result', resolved, ['receptionist'], ['attach_result', 'return', 'withdraw']],
    ['citizen at processing (the applicant may withdraw)', atProcessing, ['citizen'], ['withdraw']],
    ['an auditor may do nothing', atProcessing, ['auditor'], []],
    [
      'paused: no second pause, a resume',
      () =>
        atProcessing().act('2026-03-02T10:00', ['officer'], 'request_supplement', {
          items: [{ document: 'Tờ khai' }],
          reason: 'Thiếu',
        }),
      ['officer', 'leader'],
      ['assign', 'receive_supplement', 'refuse', 'withdraw', 'cancel'],
    ],
    [
      'extended once: no second extension',
      () =>
        atApproval().act('2026-03-03T08:00', ['leader'], 'extend', {
          newDueAt: '2026-03-10T17:00:00+07:00',
          reason: 'Xác minh',
        }),
      ['leader'],
      ['assign', 'forward', 'approve', 'refuse', 'cancel'],
    ],
    [
      'nothing after the return',
      () => resolved().act('2026-03-02T14:00', ['receptionist'], 'return', { method: 'counter' }),
      ['receptionist', 'officer', 'leader', 'unit_admin', 'citizen'],
      [],
    ],
  ])('%s', (_name, make, rolesHere, expected) => {
    const d = make();
    expect(allowedActions(d.def, d.state, roles(...rolesHere)).map((a) => a.type)).toEqual(expected);
  });
});

describe('decide: the event', () => {
  it('forward: step after the action, assignee kept, note kept', () => {
    const d = new Dossier(simple, clockOf(days(3)), '2026-03-02T09:00');
    expect(
      decide(
        simple,
        d.state,
        { type: 'forward', payload: { assigneeId: 'o-1', note: ' gấp ' } },
        roles('receptionist'),
        NOW,
      ),
    ).toEqual({ type: 'forward', at: NOW, step: 'xu_ly', payload: { assigneeId: 'o-1', note: 'gấp' } });
  });

  it('forward may skip ahead to a step reachable by forwarding (toStep is not kept in the payload)', () => {
    const d = new Dossier(simple, clockOf(days(3)), '2026-03-02T09:00');
    const e = decide(
      simple,
      d.state,
      { type: 'forward', payload: { toStep: 'phe_duyet' } },
      roles('receptionist'),
      NOW,
    );
    expect(e).toMatchObject({ step: 'phe_duyet', payload: {} });
  });

  it('actions that stay on the step', () => {
    const e = decide(
      simple,
      atProcessing().state,
      { type: 'assign', payload: { assigneeId: 'o-2' } },
      roles('leader'),
      NOW,
    );
    expect(e).toMatchObject({ type: 'assign', step: 'xu_ly', payload: { assigneeId: 'o-2' } });
  });

  it('extend: the new date is normalised to UTC ISO', () => {
    const e = decide(
      simple,
      atApproval().state,
      { type: 'extend', payload: { newDueAt: '2026-03-10T17:00:00+07:00', reason: 'Cần xác minh' } },
      roles('leader'),
      NOW,
    );
    expect(e.payload).toEqual({ newDueAt: '2026-03-10T10:00:00.000Z', reason: 'Cần xác minh' });
  });

  it('transfer: the unit is filled in from the target step', () => {
    const d = new Dossier(land, clockOf(days(8)), '2026-03-02T08:00', 'AG.CHAUPHU');
    const e = decide(land, d.state, { type: 'transfer', payload: {} }, roles('receptionist'), NOW);
    expect(e).toMatchObject({ step: 'vpdkdd_xu_ly', payload: { unitCode: 'AG.VPDKDD' } });
  });

  it('transfer back to the receiving unit picks the target by unit', () => {
    const d = new Dossier(land, clockOf(days(8)), '2026-03-02T08:00', 'AG.CHAUPHU').act(
      '2026-03-02T08:30',
      ['receptionist'],
      'transfer',
    );
    const e = decide(
      land,
      d.state,
      { type: 'transfer', payload: { unitCode: 'AG.CHAUPHU' } },
      roles('officer'),
      NOW,
    );
    expect(e).toMatchObject({ step: 'phe_duyet', payload: { unitCode: 'AG.CHAUPHU' } });
  });

  it('fee flow: the receptionist chooses the fee step or the exemption', () => {
    const d = new Dossier(withFee, clockOf(days(3)), '2026-03-02T09:00');
    expect(
      decide(
        withFee,
        d.state,
        { type: 'forward', payload: { toStep: 'thu_phi' } },
        roles('receptionist'),
        NOW,
      ).step,
    ).toBe('thu_phi');
    expect(
      decide(withFee, d.state, { type: 'forward', payload: { toStep: 'xu_ly' } }, roles('receptionist'), NOW)
        .step,
    ).toBe('xu_ly');
  });

  it("'*' actions: withdraw and cancel from any non-final step", () => {
    for (const make of [atProcessing, atApproval, resolved]) {
      const s = make().state;
      expect(
        decide(simple, s, { type: 'withdraw', payload: { reason: 'Rút' } }, roles('citizen'), NOW).step,
      ).toBe(s.step);
      expect(
        decide(simple, s, { type: 'cancel', payload: { reason: 'Nhầm' } }, roles('unit_admin'), NOW).step,
      ).toBe(s.step);
    }
  });
});

describe('decide: refusals', () => {
  const paused = () =>
    atProcessing().act('2026-03-02T10:00', ['officer'], 'request_supplement', {
      items: [{ document: 'Tờ khai' }],
      reason: 'Thiếu',
    });
  const returned = () =>
    resolved().act('2026-03-02T14:00', ['receptionist'], 'return', { method: 'counter' });

  it.each<[string, () => Dossier, Role[], string, Record<string, unknown>, number, string]>([
    ['approve at processing', atProcessing, ['leader'], 'approve', {}, 422, 'illegal_transition'],
    [
      'return before the result',
      atApproval,
      ['receptionist'],
      'return',
      { method: 'counter' },
      422,
      'illegal_transition',
    ],
    [
      'resume when not paused',
      atProcessing,
      ['receptionist'],
      'receive_supplement',
      {},
      422,
      'illegal_transition',
    ],
    [
      'pause when paused',
      paused,
      ['officer'],
      'request_supplement',
      { items: [{ document: 'x' }], reason: 'y' },
      422,
      'illegal_transition',
    ],
    ['forward while paused', paused, ['officer'], 'forward', {}, 422, 'illegal_transition'],
    ['anything after the return', returned, ['leader'], 'cancel', { reason: 'x' }, 422, 'illegal_transition'],
    [
      'withdraw after the return',
      returned,
      ['citizen'],
      'withdraw',
      { reason: 'x' },
      422,
      'illegal_transition',
    ],
    ['unknown action type', atProcessing, ['officer'], 'teleport', {}, 422, 'illegal_transition'],
    [
      'transfer in a single-unit flow',
      atProcessing,
      ['officer'],
      'transfer',
      { unitCode: 'AG.THUE' },
      422,
      'illegal_transition',
    ],
    ['officer approving', atApproval, ['officer'], 'approve', {}, 403, 'forbidden'],
    [
      'receptionist forwarding from processing',
      atProcessing,
      ['receptionist'],
      'forward',
      {},
      403,
      'forbidden',
    ],
    ['citizen cancelling', atProcessing, ['citizen'], 'cancel', { reason: 'x' }, 403, 'forbidden'],
    [
      'no role at all',
      atProcessing,
      [],
      'request_supplement',
      { items: [{ document: 'x' }], reason: 'y' },
      403,
      'forbidden',
    ],
  ])('%s → %i %s', (_name, make, rolesHere, type, payload, status, code) => {
    const d = make();
    const e = thrown(() =>
      decide(simple, d.state, { type: type as never, payload }, roles(...rolesHere), NOW),
    );
    expect(e).toMatchObject({ status, code });
  });

  it('extend twice is refused', () => {
    const d = atApproval().act('2026-03-03T08:00', ['leader'], 'extend', {
      newDueAt: '2026-03-10T17:00:00+07:00',
      reason: 'x',
    });
    const e = thrown(() =>
      decide(
        simple,
        d.state,
        { type: 'extend', payload: { newDueAt: '2026-03-12T17:00:00+07:00', reason: 'y' } },
        roles('leader'),
        NOW,
      ),
    );
    expect(e).toMatchObject({ status: 422, code: 'illegal_transition' });
  });
});

describe('decide: payloads', () => {
  it.each<[string, () => Dossier, Role[], string, Record<string, unknown>, string[]]>([
    [
      'supplement without items',
      atProcessing,
      ['officer'],
      'request_supplement',
      { items: [], reason: 'Thiếu' },
      ['items'],
    ],
    [
      'supplement without reason',
      atProcessing,
      ['officer'],
      'request_supplement',
      { items: [{ document: 'Tờ khai' }] },
      ['reason'],
    ],
    [
      'supplement item without a document, bad form',
      atProcessing,
      ['officer'],
      'request_supplement',
      { items: [{ document: ' ', form: 'fax' }], reason: 'x' },
      ['items.0.document', 'items.0.form'],
    ],
    ['refuse without reason', atApproval, ['leader'], 'refuse', {}, ['reason']],
    ['withdraw with an empty reason', atProcessing, ['citizen'], 'withdraw', { reason: '   ' }, ['reason']],
    [
      'extend: not a date',
      atApproval,
      ['leader'],
      'extend',
      { newDueAt: 'thứ hai tuần sau', reason: 'x' },
      ['newDueAt'],
    ],
    [
      'extend: no time zone',
      atApproval,
      ['leader'],
      'extend',
      { newDueAt: '2026-03-10T17:00:00', reason: 'x' },
      ['newDueAt'],
    ],
    [
      'extend: before the appointment',
      atApproval,
      ['leader'],
      'extend',
      { newDueAt: '2026-03-04T17:00:00+07:00', reason: 'x' },
      ['newDueAt'],
    ],
    [
      'extend: without reason',
      atApproval,
      ['leader'],
      'extend',
      { newDueAt: '2026-03-10T17:00:00+07:00' },
      ['reason'],
    ],
    ['assign without assignee', atProcessing, ['leader'], 'assign', {}, ['assigneeId']],
    ['attach_result without title', resolved, ['officer'], 'attach_result', { fileId: 'f-1' }, ['title']],
    [
      'return: postal without tracking number',
      resolved,
      ['receptionist'],
      'return',
      { method: 'postal' },
      ['trackingNumber'],
    ],
    ['return: unknown method', resolved, ['receptionist'], 'return', { method: 'fax' }, ['method']],
    [
      'forward to a step not reachable by forwarding',
      atProcessing,
      ['officer'],
      'forward',
      { toStep: 'tra_ket_qua' },
      ['toStep'],
    ],
    ['forward to the current step', atProcessing, ['officer'], 'forward', { toStep: 'xu_ly' }, ['toStep']],
  ])('%s', (_name, make, rolesHere, type, payload, paths) => {
    const d = make();
    const e = thrown(() =>
      decide(simple, d.state, { type: type as never, payload }, roles(...rolesHere), NOW),
    );
    expect(e).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(e.errors?.map((x) => x.path)).toEqual(paths);
  });

  it('transfer: a unit that does not match the target step', () => {
    const d = new Dossier(land, clockOf(days(8)), '2026-03-02T08:00', 'AG.CHAUPHU');
    const e = thrown(() =>
      decide(
        land,
        d.state,
        { type: 'transfer', payload: { unitCode: 'AG.THUE' } },
        roles('receptionist'),
        NOW,
      ),
    );
    expect(e).toMatchObject({ status: 400, code: 'validation_failed', errors: [{ path: 'unitCode' }] });
  });

  it('transfer with two possible targets needs toStep or unitCode', () => {
    const d = new Dossier(land, clockOf(days(8)), '2026-03-02T08:00', 'AG.CHAUPHU').act(
      '2026-03-02T08:30',
      ['receptionist'],
      'transfer',
    );
    const e = thrown(() => decide(land, d.state, { type: 'transfer', payload: {} }, roles('officer'), NOW));
    expect(e).toMatchObject({ status: 400, errors: [{ path: 'toStep' }] });
    expect(
      decide(land, d.state, { type: 'transfer', payload: { toStep: 'thue_xu_ly' } }, roles('officer'), NOW),
    ).toMatchObject({
      step: 'thue_xu_ly',
      payload: { unitCode: 'AG.THUE' },
    });
  });

  it('fee flow: forward from reception without toStep is ambiguous', () => {
    const d = new Dossier(withFee, clockOf(days(3)), '2026-03-02T09:00');
    const e = thrown(() =>
      decide(withFee, d.state, { type: 'forward', payload: {} }, roles('receptionist'), NOW),
    );
    expect(e).toMatchObject({ status: 400, errors: [{ path: 'toStep' }] });
  });

  it('messages are Vietnamese', () => {
    const e = thrown(() =>
      decide(
        simple,
        atProcessing().state,
        { type: 'request_supplement', payload: { items: [] } },
        roles('officer'),
        NOW,
      ),
    ) as unknown as { message: string; errors: { message: string }[] };
    expect(e.errors.map((x) => x.message)).toContain('Cần ghi ít nhất một giấy tờ phải bổ sung, hoàn thiện');
    expect(e.message).toMatch(/^Dữ liệu thao tác không hợp lệ/);
  });
});

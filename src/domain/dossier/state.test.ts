import { describe, expect, it } from 'vitest';
import { deriveDossierState } from './state.ts';
import { at, cal, clockOf, Dossier, days, local, receiveEvent, seed, thrown } from './test-helpers.ts';
import { dossierTimeliness } from './timeliness.ts';
import type { DossierEvent } from './types.ts';

const simple = seed('xa_mot_cua');
const land = seed('lien_thong_dat_dai');
const deathBundle = seed('lien_thong_khai_tu');
const RECEPTIONIST = ['receptionist'] as const;
const OFFICER = ['officer'] as const;
const LEADER = ['leader'] as const;
const r = (roles: readonly ('receptionist' | 'officer' | 'leader' | 'citizen')[]) => [...roles];

describe('deriveDossierState: the simple commune flow end to end', () => {
  // Received Monday 2 March 2026 09:00, 3 working days → due Thursday 5 March 09:00.
  const d = new Dossier(simple, clockOf(days(3)), '2026-03-02T09:00');

  it('at reception', () => {
    const s = d.state;
    expect(s).toMatchObject({
      status: 'in_progress',
      step: 'tiep_nhan',
      unitCode: 'AG.LONGXUYEN',
      receivingUnitCode: 'AG.LONGXUYEN',
      assigneeId: null,
      extended: false,
      paused: false,
      pausedAt: null,
      pausedMinutes: 0,
      resolvedAt: null,
      returnedAt: null,
      closedAt: null,
      resultAttached: false,
    });
    expect(local(s.receivedAt)).toBe('2026-03-02T09:00');
    expect(local(s.originalDueAt)).toBe('2026-03-05T09:00');
    expect(local(s.dueAt)).toBe('2026-03-05T09:00');
    expect(local(s.appointmentAt)).toBe('2026-03-05T09:00');
    // The reception step (0 h) is due the same working day.
    expect(s.steps).toHaveLength(1);
    expect(local(s.steps[0]!.deadline)).toBe('2026-03-02T17:00');
  });

  it('through processing, approval, result and return', () => {
    d.act('2026-03-02T09:10', r(RECEPTIONIST), 'forward', { assigneeId: 'officer-1' })
      .act('2026-03-03T10:00', r(OFFICER), 'forward')
      .act('2026-03-03T15:00', r(LEADER), 'approve')
      .act('2026-03-03T15:30', r(RECEPTIONIST), 'attach_result', { title: 'Giấy xác nhận', number: '12/GXN' })
      .act('2026-03-04T09:00', r(RECEPTIONIST), 'return', { method: 'counter' });
    const s = d.state;
    expect(s.status).toBe('returned');
    expect(s.step).toBe('hoan_thanh');
    expect(local(s.resolvedAt)).toBe('2026-03-03T15:00');
    expect(local(s.returnedAt)).toBe('2026-03-04T09:00');
    expect(local(s.closedAt)).toBe('2026-03-04T09:00');
    expect(s.resultAttached).toBe(true);
    expect(dossierTimeliness(s, cal, at('2026-03-10T09:00'))).toEqual({ kind: 'resolved', value: 'early' });
    // Step shares: 0 / 5 / 2 / 1 h of 8, scaled to the 24 h limit → 0 / 15 / 6 / 3 h.
    expect(
      s.steps.map((x) => [
        x.step,
        local(x.startedAt),
        local(x.endedAt),
        local(x.deadline),
        x.timeliness,
        x.assigneeId,
      ]),
    ).toEqual([
      ['tiep_nhan', '2026-03-02T09:00', '2026-03-02T09:10', '2026-03-02T17:00', 'on_time', null],
      ['xu_ly', '2026-03-02T09:10', '2026-03-03T10:00', '2026-03-04T08:10', 'early', 'officer-1'],
      ['phe_duyet', '2026-03-03T10:00', '2026-03-03T15:00', '2026-03-04T08:00', 'early', null],
      // 3 h from Tue 15:00 → Wed 08:30; returned at 09:00: that hand-off was late.
      ['tra_ket_qua', '2026-03-03T15:00', '2026-03-04T09:00', '2026-03-04T08:30', 'late', null],
    ]);
  });

  it('statuses along the way', () => {
    const statuses = d.events.map(
      (_, i) => deriveDossierState(simple, d.events.slice(0, i + 1), d.clock).status,
    );
    expect(statuses).toEqual([
      'in_progress',
      'in_progress',
      'in_progress',
      'resolved',
      'resolved',
      'returned',
    ]);
  });
});

describe('deriveDossierState: supplement requests stop the clock', () => {
  // Received Mon 2 March 09:00, 3 days → due Thu 5 March 09:00. Paused Tue 3 March 09:00 (8 h spent,
  // 16 h left), supplement received Mon 9 March 10:00.
  const run = (mode: 'pause' | 'restart') =>
    new Dossier(simple, clockOf(days(3), mode), '2026-03-02T09:00')
      .act('2026-03-02T09:00', r(RECEPTIONIST), 'forward')
      .act('2026-03-03T09:00', r(OFFICER), 'request_supplement', {
        items: [{ document: 'Bản sao Giấy chứng nhận kết hôn', form: 'certified_copy' }],
        reason: 'Thiếu giấy tờ chứng minh quan hệ',
      });

  it('while paused', () => {
    const s = run('pause').state;
    expect(s.status).toBe('paused');
    expect(s.paused).toBe(true);
    expect(local(s.pausedAt)).toBe('2026-03-03T09:00');
    expect(local(s.dueAt)).toBe('2026-03-05T09:00');
    expect(s.supplementCount).toBe(1);
    expect(dossierTimeliness(s, cal, at('2026-03-20T09:00'))).toEqual({
      kind: 'in_progress',
      value: 'paused',
    });
  });

  it.each<['pause' | 'restart', string, string]>([
    // pause: the 16 h left run from the resume → Wed 11 March 10:00; the step's 7 h left → Tue 10 March 09:00.
    ['pause', '2026-03-11T10:00', '2026-03-10T09:00'],
    // restart: 3 days again from the resume → Thu 12 March 10:00; the step's 15 h again → Wed 11 March 09:00.
    ['restart', '2026-03-12T10:00', '2026-03-11T09:00'],
  ])('resume in %s mode → due %s, step deadline %s', (mode, due, stepDeadline) => {
    const s = run(mode).act('2026-03-09T10:00', r(RECEPTIONIST), 'receive_supplement').state;
    expect(s.status).toBe('in_progress');
    expect(s.paused).toBe(false);
    expect(s.pausedAt).toBeNull();
    expect(local(s.dueAt)).toBe(due);
    expect(local(s.appointmentAt)).toBe(due);
    expect(local(s.originalDueAt)).toBe('2026-03-05T09:00');
    // Tue 09:00–17:00 6.5 h + Wed–Fri 24 h + Mon 07:30–10:00 2.5 h = 33 h.
    expect(s.pausedMinutes).toBe(33 * 60);
    expect(local(s.steps[1]!.deadline)).toBe(stepDeadline);
  });

  it('across the 2026 Tết break (14–22 February)', () => {
    // Received Wed 11 Feb 09:00, 3 days → Mon 23 Feb 09:00. Paused Fri 13 Feb 09:00 with 8 h left;
    // resumed Tue 24 Feb 13:00 → Wed 25 Feb 11:30.
    const d = new Dossier(simple, clockOf(days(3)), '2026-02-11T09:00')
      .act('2026-02-11T09:05', r(RECEPTIONIST), 'forward')
      .act('2026-02-13T09:00', r(OFFICER), 'request_supplement', {
        items: [{ document: 'Tờ khai' }],
        reason: 'Ký thiếu',
      });
    expect(local(d.state.dueAt)).toBe('2026-02-23T09:00');
    d.act('2026-02-24T13:00', r(RECEPTIONIST), 'receive_supplement');
    expect(local(d.state.dueAt)).toBe('2026-02-25T11:30');
    // Fri 6.5 h + Mon 23 Feb 8 h + Tue 24 Feb morning 4 h.
    expect(d.state.pausedMinutes).toBe(18.5 * 60);
  });

  it('a dossier already late when paused stays late', () => {
    const d = new Dossier(simple, clockOf(days(1)), '2026-03-02T09:00')
      .act('2026-03-02T09:00', r(RECEPTIONIST), 'forward')
      .act('2026-03-04T09:00', r(OFFICER), 'request_supplement', {
        items: [{ document: 'Tờ khai' }],
        reason: 'Thiếu',
      })
      .act('2026-03-05T09:00', r(RECEPTIONIST), 'receive_supplement');
    expect(local(d.state.dueAt)).toBe('2026-03-03T09:00');
  });
});

describe('deriveDossierState: extension (Mẫu 04)', () => {
  const d = new Dossier(simple, clockOf(days(3)), '2026-03-02T09:00')
    .act('2026-03-02T09:10', r(RECEPTIONIST), 'forward')
    .act('2026-03-04T14:00', r(LEADER), 'extend', {
      newDueAt: '2026-03-09T17:00:00+07:00',
      reason: 'Cần xác minh thêm',
    });

  it('moves the appointment, not the legal due date', () => {
    const s = d.state;
    expect(s.extended).toBe(true);
    expect(local(s.appointmentAt)).toBe('2026-03-09T17:00');
    expect(local(s.dueAt)).toBe('2026-03-05T09:00');
    expect(dossierTimeliness(s, cal, at('2026-03-05T09:01'))).toEqual({
      kind: 'in_progress',
      value: 'overdue',
    });
  });

  it('a dossier resolved by the new date still counts as late', () => {
    d.act('2026-03-05T10:00', r(OFFICER), 'forward').act('2026-03-06T10:00', r(LEADER), 'approve');
    expect(dossierTimeliness(d.state, cal, at('2026-03-06T11:00'))).toEqual({
      kind: 'resolved',
      value: 'late',
    });
  });

  it('a pause after an extension moves the appointment too', () => {
    const e = new Dossier(simple, clockOf(days(3)), '2026-03-02T09:00')
      .act('2026-03-02T09:00', r(RECEPTIONIST), 'forward')
      .act('2026-03-03T09:00', r(LEADER), 'extend', {
        newDueAt: '2026-03-06T09:00:00+07:00',
        reason: 'Xác minh',
      })
      .act('2026-03-03T09:00', r(OFFICER), 'request_supplement', {
        items: [{ document: 'Tờ khai' }],
        reason: 'Thiếu',
      })
      .act('2026-03-09T10:00', r(RECEPTIONIST), 'receive_supplement');
    // 24 h were left to the appointment: Mon 9 March 10:00 + 24 h → Thu 12 March 10:00.
    expect(local(e.state.dueAt)).toBe('2026-03-11T10:00');
    expect(local(e.state.appointmentAt)).toBe('2026-03-12T10:00');
  });
});

describe('deriveDossierState: liên thông', () => {
  // 1.013831: 8 working days; the land flow's shares add up to 64 h, so no scaling.
  const d = new Dossier(land, clockOf(days(8)), '2026-03-02T08:00', 'AG.CHAUPHU');

  it('transfers change the unit holding the dossier, not the receiving unit', () => {
    d.act('2026-03-02T08:30', r(RECEPTIONIST), 'transfer');
    expect(d.state).toMatchObject({
      step: 'vpdkdd_xu_ly',
      unitCode: 'AG.VPDKDD',
      receivingUnitCode: 'AG.CHAUPHU',
    });
    d.act('2026-03-05T10:00', r(OFFICER), 'transfer', { unitCode: 'AG.THUE' });
    expect(d.state).toMatchObject({ step: 'thue_xu_ly', unitCode: 'AG.THUE' });
    d.act('2026-03-06T16:00', r(OFFICER), 'transfer', { assigneeId: 'leader-cp' });
    expect(d.state).toMatchObject({ step: 'phe_duyet', unitCode: 'AG.CHAUPHU', assigneeId: 'leader-cp' });
    d.act('2026-03-09T09:00', r(LEADER), 'approve').act('2026-03-09T10:00', r(RECEPTIONIST), 'return', {
      method: 'postal',
      trackingNumber: 'EL123456789VN',
    });
    const s = d.state;
    expect(s.status).toBe('returned');
    expect(s.steps.map((x) => [x.step, x.unitCode, x.timeliness])).toEqual([
      ['tiep_nhan', 'AG.CHAUPHU', 'on_time'],
      ['vpdkdd_xu_ly', 'AG.VPDKDD', 'early'],
      ['thue_xu_ly', 'AG.THUE', 'early'],
      ['phe_duyet', 'AG.CHAUPHU', 'on_time'],
      ['tra_ket_qua', 'AG.CHAUPHU', 'on_time'],
    ]);
    // Each agency has its own share: VPĐKĐĐ 36 h from Mon 08:30 → Fri 6 March 14:00; the tax office
    // 16 h from Thu 10:00 → Mon 9 March 10:00; the commune leader 8 h from Fri 16:00 → Mon 16:00.
    expect(s.steps.map((x) => local(x.deadline))).toEqual([
      '2026-03-02T17:00',
      '2026-03-06T14:00',
      '2026-03-09T10:00',
      '2026-03-09T16:00',
      '2026-03-09T14:30',
    ]);
    expect(d.events[1]!.payload.unitCode).toBe('AG.VPDKDD');
  });
});

describe('deriveDossierState: closing without a result', () => {
  const start = () =>
    new Dossier(simple, clockOf(days(3)), '2026-03-02T09:00').act(
      '2026-03-02T09:10',
      r(RECEPTIONIST),
      'forward',
    );

  it.each<[string, (d: Dossier) => Dossier, string]>([
    [
      'withdraw',
      (d) => d.act('2026-03-03T09:00', ['citizen'], 'withdraw', { reason: 'Không còn nhu cầu' }),
      'withdrawn',
    ],
    [
      'cancel',
      (d) => d.act('2026-03-03T09:00', r(LEADER), 'cancel', { reason: 'Tiếp nhận nhầm thủ tục' }),
      'cancelled',
    ],
    [
      'refuse',
      (d) => d.act('2026-03-03T09:00', r(LEADER), 'refuse', { reason: 'Không đủ điều kiện' }),
      'refused',
    ],
  ])('%s', (_name, act, status) => {
    const s = act(start()).state;
    expect(s.status).toBe(status);
    expect(local(s.closedAt)).toBe('2026-03-03T09:00');
    expect(s.returnedAt).toBeNull();
    expect(s.step).toBe('xu_ly');
    expect(s.steps.at(-1)!.endedAt).not.toBeNull();
    expect(dossierTimeliness(s, cal, at('2026-03-04T09:00'))).toEqual({ kind: 'closed' });
  });

  it('withdrawn while awaiting a supplement: the pause ends with it', () => {
    const s = start()
      .act('2026-03-03T09:00', r(OFFICER), 'request_supplement', {
        items: [{ document: 'Tờ khai' }],
        reason: 'Thiếu',
      })
      .act('2026-03-03T14:00', r(RECEPTIONIST), 'withdraw', { reason: 'Người nộp rút' }).state;
    expect(s).toMatchObject({ status: 'withdrawn', paused: false, pausedAt: null, pausedMinutes: 210 });
  });
});

describe('deriveDossierState: the death-registration bundle', () => {
  it('the civil-status officer then the social-affairs officer act before the leader signs', () => {
    // 1.000656 is "within the day": received 09:00 → due the same day 17:00.
    const d = new Dossier(deathBundle, clockOf({ kind: 'sameDay' }), '2026-03-02T09:00')
      .act('2026-03-02T09:05', r(RECEPTIONIST), 'forward', { assigneeId: 'tu-phap' })
      .act('2026-03-02T10:00', r(OFFICER), 'forward', { toStep: 'mai_tang', assigneeId: 'van-hoa-xa-hoi' })
      .act('2026-03-02T11:00', r(OFFICER), 'forward')
      .act('2026-03-02T14:00', r(LEADER), 'approve');
    const s = d.state;
    expect(s.status).toBe('resolved');
    expect(s.steps.map((x) => [x.step, x.assigneeId])).toEqual([
      ['tiep_nhan', null],
      ['ho_tich', 'tu-phap'],
      ['mai_tang', 'van-hoa-xa-hoi'],
      ['phe_duyet', null],
      ['tra_ket_qua', null],
    ]);
    expect(local(s.dueAt)).toBe('2026-03-02T17:00');
    expect(dossierTimeliness(s, cal, at('2026-03-02T15:00'))).toEqual({ kind: 'resolved', value: 'on_time' });
  });
});

describe('deriveDossierState: invalid histories', () => {
  it.each<[string, DossierEvent[]]>([
    ['no events', []],
    ['first event not a receive', [{ ...receiveEvent('2026-03-02T09:00'), type: 'forward' }]],
    ['receive without a unit', [{ ...receiveEvent('2026-03-02T09:00'), payload: {} }]],
    ['two receives', [receiveEvent('2026-03-02T09:00'), { ...receiveEvent('2026-03-02T10:00'), seq: 2 }]],
  ])('%s', (_name, events) => {
    expect(thrown(() => deriveDossierState(simple, events, clockOf(days(1))))).toMatchObject({
      status: 500,
      code: 'invalid_history',
    });
  });

  it('orders events by seq', () => {
    const d = new Dossier(simple, clockOf(days(3)), '2026-03-02T09:00')
      .act('2026-03-02T09:10', r(RECEPTIONIST), 'forward')
      .act('2026-03-02T10:00', r(OFFICER), 'forward');
    const shuffled = [d.events[2]!, d.events[0]!, d.events[1]!];
    expect(deriveDossierState(simple, shuffled, d.clock).step).toBe('phe_duyet');
  });
});

import { describe, expect, it } from 'vitest';
import { prng } from '../calendar/test-helpers.ts';
import { type DossierState, deriveDossierState } from '../dossier/state.ts';
import { clockOf, Dossier, days, seed } from '../dossier/test-helpers.ts';
import type { DossierEvent } from '../dossier/types.ts';
import {
  type ActivityItem,
  type ActivityVector,
  addActivity,
  coveringBuckets,
  type DossierActivityContext,
  dossierActivity,
  paymentActivity,
  ratingActivity,
  zeroActivity,
} from './activity.ts';

describe('coveringBuckets', () => {
  it.each([
    { from: '2025-01-01', to: '2025-12-31', runs: ['y 2025-01-01..2025-01-01'] },
    {
      name: 'ragged ends around months and a new year',
      from: '2025-03-15',
      to: '2026-02-10',
      runs: ['d 2025-03-15..2025-03-31', 'm 2025-04-01..2026-01-01', 'd 2026-02-01..2026-02-10'],
    },
    { from: '2024-02-01', to: '2024-02-29', runs: ['m 2024-02-01..2024-02-01'] },
    { from: '2024-02-01', to: '2024-02-28', runs: ['d 2024-02-01..2024-02-28'] },
    { from: '2026-07-04', to: '2026-07-04', runs: ['d 2026-07-04..2026-07-04'] },
    {
      from: '2023-12-31',
      to: '2026-01-01',
      runs: ['d 2023-12-31..2023-12-31', 'y 2024-01-01..2025-01-01', 'd 2026-01-01..2026-01-01'],
    },
    {
      from: '2025-11-01',
      to: '2027-02-28',
      runs: ['m 2025-11-01..2025-12-01', 'y 2026-01-01..2026-01-01', 'm 2027-01-01..2027-02-01'],
    },
    { from: '2026-05-02', to: '2026-05-01', runs: [] },
  ])('$from..$to', ({ from, to, runs }) => {
    expect(coveringBuckets(from, to).map((r) => `${r.grain} ${r.from}..${r.to}`)).toEqual(runs);
  });

  /** Every local date a run covers. */
  function expand(from: string, to: string): string[] {
    const out: string[] = [];
    for (const r of coveringBuckets(from, to)) {
      for (let b = new Date(`${r.from}T00:00:00Z`); b.toISOString().slice(0, 10) <= r.to; ) {
        const end = new Date(b);
        if (r.grain === 'y') end.setUTCFullYear(end.getUTCFullYear() + 1);
        else if (r.grain === 'm') end.setUTCMonth(end.getUTCMonth() + 1);
        else end.setUTCDate(end.getUTCDate() + 1);
        for (const d = new Date(b); d < end; d.setUTCDate(d.getUTCDate() + 1))
          out.push(d.toISOString().slice(0, 10));
        b = end;
      }
    }
    return out;
  }

  it('covers exactly the dates of 300 random periods, each once, in at most five runs', () => {
    const rand = prng(5);
    const base = Date.parse('2023-06-01T00:00:00Z');
    for (let i = 0; i < 300; i++) {
      const a = new Date(base + Math.floor(rand() * 1200) * 86_400_000);
      const b = new Date(a.getTime() + Math.floor(rand() * 900) * 86_400_000);
      const from = a.toISOString().slice(0, 10);
      const to = b.toISOString().slice(0, 10);
      const want: string[] = [];
      for (const d = new Date(a); d <= b; d.setUTCDate(d.getUTCDate() + 1))
        want.push(d.toISOString().slice(0, 10));
      expect(expand(from, to), `${from}..${to}`).toEqual(want);
      expect(coveringBuckets(from, to).length).toBeLessThanOrEqual(5);
    }
  });
});

/** The summed activity of items, per officer ('-' for nobody). */
function byOfficer(items: readonly ActivityItem[]): Record<string, Partial<ActivityVector>> {
  const out: Record<string, ActivityVector> = {};
  for (const i of items) {
    const key = i.officerId ?? '-';
    out[key] = addActivity(out[key] ?? zeroActivity(), i.delta);
  }
  return Object.fromEntries(
    Object.entries(out).map(([k, v]) => [
      k,
      Object.fromEntries(Object.entries(v).filter(([, n]) => n !== 0)),
    ]),
  );
}

function statesOf(d: Dossier): DossierState[] {
  return d.events.map((_, i) => deriveDossierState(d.def, d.events.slice(0, i + 1), d.clock));
}

const COUNTER: DossierActivityContext = { channel: 'counter', resultDelivery: 'counter' };

describe('dossierActivity', () => {
  const def = seed('xa_mot_cua');
  /** Received Monday 9 March 2026, 09:00; five working days. */
  const dossier = () => new Dossier(def, clockOf(days(5)), '2026-03-09T09:00');

  it('credits reception, each finished step, the resolution and the return to who did them', () => {
    const d = dossier()
      .act('2026-03-09T10:00', ['receptionist'], 'forward', { toStep: 'xu_ly' })
      .act('2026-03-10T08:00', ['officer'], 'forward', { toStep: 'phe_duyet' })
      .act('2026-03-10T09:00', ['leader'], 'approve', {})
      .act('2026-03-11T09:00', ['receptionist'], 'return', { method: 'postal', trackingNumber: 'EB1' });
    const items = dossierActivity(d.events, statesOf(d), { ...COUNTER, resultDelivery: 'postal' });
    expect(byOfficer(items)).toEqual({
      'u-recv': { received: 1 },
      // 'u' (the test actor) finished the four steps, each against its share of the 5 days (40 h
      // scaled over 0 + 5 + 2 + 1 h): tiếp nhận the same day (on time), xử lý (25 h) and phê duyệt
      // (10 h) early, trả kết quả (5 h from Tuesday 09:00) late on Wednesday.
      u: { stepsEarly: 2, stepsOnTime: 1, stepsLate: 1, resolved: 1, returnedPostal: 1 },
    });
    expect(items.every((i) => d.events.some((e) => e.at.getTime() === i.at.getTime()))).toBe(true);
  });

  it('a step finished after its share of the time is late; its assignee answers for it', () => {
    const d = dossier()
      .act('2026-03-09T10:00', ['receptionist'], 'forward', { toStep: 'xu_ly' })
      .act('2026-03-09T10:30', ['leader'], 'assign', { assigneeId: 'chuyen-vien' });
    d.act('2026-03-18T16:00', ['officer'], 'forward', { toStep: 'phe_duyet' });
    const items = dossierActivity(d.events, statesOf(d), COUNTER);
    // xử lý has 25 working hours (five of the 8 h of steps, scaled to 5 days): finished 7 days later.
    expect(byOfficer(items)['chuyen-vien']).toEqual({ stepsLate: 1 });
  });

  it('online reception counts as digitised; so does a counter dossier scanned in full', () => {
    const online = dossier();
    expect(
      byOfficer(dossierActivity(online.events, statesOf(online), { ...COUNTER, channel: 'online' })),
    ).toEqual({
      'u-recv': { received: 1, receivedOnline: 1, receivedDigitized: 1 },
    });
    const scanned = dossier();
    scanned.events[0]!.payload.digitized = { dossier: true };
    expect(
      byOfficer(dossierActivity(scanned.events, statesOf(scanned), { ...COUNTER, channel: 'postal' })),
    ).toEqual({ 'u-recv': { received: 1, receivedPostal: 1, receivedDigitized: 1 } });
  });

  it('supplement requests, apologies; a result file attached after resolution counts once', () => {
    const d = dossier()
      .act('2026-03-09T10:00', ['receptionist'], 'forward', { toStep: 'xu_ly' })
      .act('2026-03-10T08:00', ['officer'], 'request_supplement', {
        reason: 'Thiếu',
        items: [{ document: 'Tờ khai' }],
      })
      .act('2026-03-12T08:00', ['officer'], 'receive_supplement', {})
      .act('2026-03-16T08:00', ['leader'], 'extend', {
        newDueAt: '2026-03-25T10:00:00+07:00',
        reason: 'Chờ xác minh',
      })
      .act('2026-03-17T08:00', ['officer'], 'forward', { toStep: 'phe_duyet' })
      .act('2026-03-17T09:00', ['leader'], 'approve', {})
      .act('2026-03-17T10:00', ['receptionist'], 'attach_result', { title: 'Giấy khai sinh', fileId: 'f1' })
      .act('2026-03-17T11:00', ['receptionist'], 'attach_result', { title: 'Bản sao', fileId: 'f2' });
    const total = zeroActivity();
    for (const i of dossierActivity(d.events, statesOf(d), COUNTER)) addActivity(total, i.delta);
    expect(total).toMatchObject({ supplementRequests: 1, apologies: 1, resolved: 1, resultDigitized: 1 });
    const resultItem = dossierActivity(d.events, statesOf(d), COUNTER).find((i) => i.delta.resultDigitized);
    expect(resultItem?.at).toEqual(d.events[7]!.at);
  });

  it('imported history is credited to nobody', () => {
    const d = dossier()
      .act('2026-03-09T10:00', ['receptionist'], 'forward', { toStep: 'xu_ly' })
      .act('2026-03-10T08:00', ['officer'], 'forward', { toStep: 'phe_duyet' });
    const imported: DossierEvent[] = d.events.map((e) => ({
      ...e,
      payload: { ...e.payload, imported: true },
    }));
    const items = dossierActivity(imported, statesOf(d), COUNTER);
    expect(Object.keys(byOfficer(items))).toEqual(['-']);
  });

  it('appending events one at a time adds up to the activity of the whole history', () => {
    const rand = prng(3);
    for (let run = 0; run < 20; run++) {
      const d = dossier().act('2026-03-09T10:00', ['receptionist'], 'forward', { toStep: 'xu_ly' });
      let hour = 0;
      const when = () => {
        hour += 1 + Math.floor(rand() * 30);
        const t = new Date(Date.parse('2026-03-09T03:00:00Z') + hour * 3_600_000);
        return new Date(t.getTime() + 7 * 3_600_000).toISOString().slice(0, 16);
      };
      if (rand() < 0.5)
        d.act(when(), ['officer'], 'request_supplement', { reason: 'x', items: [{ document: 'y' }] });
      if (d.state.paused) d.act(when(), ['officer'], 'receive_supplement', {});
      d.act(when(), ['officer'], 'forward', { toStep: 'phe_duyet' });
      if (rand() < 0.3) d.act(when(), ['leader'], 'refuse', { reason: 'Không đủ điều kiện' });
      else {
        d.act(when(), ['leader'], 'approve', {});
        if (rand() < 0.5) d.act(when(), ['receptionist'], 'attach_result', { title: 'Kết quả', fileId: 'f' });
        d.act(when(), ['receptionist'], 'return', { method: rand() < 0.5 ? 'counter' : 'online' });
      }
      const states = statesOf(d);
      const whole = dossierActivity(d.events, states, COUNTER);
      const stepwise = d.events.flatMap((e) =>
        dossierActivity(d.events, states, COUNTER, e.seq).filter((i) => i.at.getTime() === e.at.getTime()),
      );
      expect(stepwise).toEqual(whole);
      // The activity from an event on depends only on the history up to it.
      for (let k = 1; k <= d.events.length; k++) {
        const prefix = d.events.slice(0, k);
        const fromPrefix = dossierActivity(prefix, states.slice(0, k), COUNTER, k);
        expect(fromPrefix).toEqual(
          dossierActivity(d.events, states, COUNTER, k).filter(
            (i) => i.at.getTime() === d.events[k - 1]!.at.getTime(),
          ),
        );
      }
    }
  });
});

describe('payments and ratings', () => {
  it.each([
    { method: 'cash' as const, delta: { paidCash: 1, paidCashAmount: 50_000 } },
    { method: 'gateway' as const, delta: { paidCashless: 1, paidCashlessAmount: 50_000 } },
    { method: 'vietqr' as const, delta: { paidCashless: 1, paidCashlessAmount: 50_000 } },
  ])('a fee paid by $method', ({ method, delta }) => {
    const at = new Date('2026-01-01T00:30:00Z');
    expect(paymentActivity({ paidAt: at, method, amount: 50_000, recordedBy: 'u', reference: 'R1' })).toEqual(
      {
        at,
        officerId: 'u',
        delta,
      },
    );
  });

  it('an imported payment is credited to nobody', () => {
    const at = new Date('2026-01-01T00:30:00Z');
    const item = paymentActivity({
      paidAt: at,
      method: 'cash',
      amount: 1,
      recordedBy: 'importer',
      reference: 'IMP-X',
    });
    expect(item.officerId).toBeNull();
  });

  it('a rating counts at its level for the officer met', () => {
    const at = new Date('2026-01-01T00:30:00Z');
    expect(ratingActivity({ at, level: 'not_satisfied', officerId: null })).toEqual({
      at,
      officerId: null,
      delta: { ratedNotSatisfied: 1 },
    });
  });
});

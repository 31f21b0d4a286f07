import { describe, expect, it } from 'vitest';
import {
  addCounts,
  brokenIdentities,
  countDossier,
  type DossierFacts,
  emptyCounts,
  type PeriodBounds,
  periodBounds,
  type ProcessingCounts,
  withRates,
} from './processing.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const at = (local: string) => new Date(`${local}+07:00`);
const NOW = at('2027-06-01T09:00:00');
const MARCH = periodBounds('2026-03-01', '2026-03-31', TZ, NOW);

function facts(partial: Partial<DossierFacts> & { receivedAt: Date }): DossierFacts {
  return { channel: 'counter', finish: null, dueAt: at('2026-12-31T17:00:00'), paused: false, ...partial };
}

/** The counts of one dossier alone, flattened to the figures it touched (value 1). */
function touched(f: DossierFacts, period: PeriodBounds = MARCH): string[] {
  const c = emptyCounts();
  countDossier(c, f, period);
  const out: string[] = [];
  const walk = (o: object, prefix: string) => {
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'number') {
        if (v) out.push(`${prefix}${k}`);
      } else walk(v, `${prefix}${k}.`);
    }
  };
  walk(c, '');
  expect(brokenIdentities(c)).toEqual([]);
  return out.sort();
}

describe('periodBounds', () => {
  it.each([
    ['a month', '2026-03-01', '2026-03-31', '2026-02-28T17:00:00.000Z', '2026-03-31T17:00:00.000Z'],
    ['one day', '2026-11-23', '2026-11-23', '2026-11-22T17:00:00.000Z', '2026-11-23T17:00:00.000Z'],
    ['a year', '2026-01-01', '2026-12-31', '2025-12-31T17:00:00.000Z', '2026-12-31T17:00:00.000Z'],
    ['a leap February', '2028-02-01', '2028-02-29', '2028-01-31T17:00:00.000Z', '2028-02-29T17:00:00.000Z'],
  ])('%s: local midnights in Vietnam', (_name, from, to, start, end) => {
    const bounds = periodBounds(from, to, TZ, at('2030-01-01T00:00:00'));
    expect(bounds.start.toISOString()).toBe(start);
    expect(bounds.end.toISOString()).toBe(end);
    expect(bounds.asOf).toEqual(bounds.end);
  });

  it('counts a running period up to now', () => {
    const now = at('2026-11-23T10:15:00');
    expect(periodBounds('2026-11-01', '2026-11-30', TZ, now).asOf).toEqual(now);
  });

  it('refuses an impossible date', () => {
    expect(() => periodBounds('2026-02-30', '2026-03-01', TZ, NOW)).toThrow(/Ngày không hợp lệ/);
  });
});

describe('countDossier', () => {
  it.each<[string, DossierFacts, string[]]>([
    [
      'received in the period, at the counter, still in progress and not due',
      facts({ receivedAt: at('2026-03-10T08:00:00') }),
      ['inProgress.notDue', 'inProgress.total', 'received.counter', 'received.total', 'total'],
    ],
    [
      'received online',
      facts({ receivedAt: at('2026-03-10T08:00:00'), channel: 'online' }),
      ['inProgress.notDue', 'inProgress.total', 'received.online', 'received.total', 'total'],
    ],
    [
      'received by post',
      facts({ receivedAt: at('2026-03-10T08:00:00'), channel: 'postal' }),
      ['inProgress.notDue', 'inProgress.total', 'received.postal', 'received.total', 'total'],
    ],
    [
      'received at 00:00 local on the first day: in the period',
      facts({ receivedAt: at('2026-03-01T00:00:00') }),
      ['inProgress.notDue', 'inProgress.total', 'received.counter', 'received.total', 'total'],
    ],
    [
      'received at 23:59 local on the day before: carried over',
      facts({ receivedAt: at('2026-02-28T23:59:59') }),
      ['carriedOver', 'inProgress.notDue', 'inProgress.total', 'total'],
    ],
    [
      'received at 23:59 local on the last day: in the period',
      facts({ receivedAt: at('2026-03-31T23:59:59') }),
      ['inProgress.notDue', 'inProgress.total', 'received.counter', 'received.total', 'total'],
    ],
    [
      'received at 00:00 local after the last day (17:00 UTC): not in the report',
      facts({ receivedAt: new Date('2026-03-31T17:00:00Z') }),
      [],
    ],
    [
      'finished before the period: not in the report',
      facts({
        receivedAt: at('2026-02-02T08:00:00'),
        finish: { kind: 'resolved', at: at('2026-02-27T10:00:00'), timeliness: 'on_time' },
      }),
      [],
    ],
    [
      'resolved in February, still to return in March: not in the report',
      facts({
        receivedAt: at('2026-02-02T08:00:00'),
        finish: { kind: 'resolved', at: at('2026-02-28T23:00:00'), timeliness: 'early' },
      }),
      [],
    ],
    [
      'carried over and resolved early',
      facts({
        receivedAt: at('2026-02-20T08:00:00'),
        finish: { kind: 'resolved', at: at('2026-03-02T09:00:00'), timeliness: 'early' },
      }),
      ['carriedOver', 'resolved.early', 'resolved.total', 'total'],
    ],
    [
      'received and resolved on time',
      facts({
        receivedAt: at('2026-03-02T08:00:00'),
        finish: { kind: 'resolved', at: at('2026-03-05T16:00:00'), timeliness: 'on_time' },
      }),
      ['received.counter', 'received.total', 'resolved.onTime', 'resolved.total', 'total'],
    ],
    [
      'resolved late',
      facts({
        receivedAt: at('2026-03-02T08:00:00'),
        finish: { kind: 'resolved', at: at('2026-03-25T16:00:00'), timeliness: 'late' },
      }),
      ['received.counter', 'received.total', 'resolved.late', 'resolved.total', 'total'],
    ],
    [
      'refused',
      facts({
        receivedAt: at('2026-03-02T08:00:00'),
        finish: { kind: 'refused', at: at('2026-03-03T08:00:00') },
      }),
      ['received.counter', 'received.total', 'refused', 'total'],
    ],
    [
      'withdrawn',
      facts({
        receivedAt: at('2026-01-05T08:00:00'),
        finish: { kind: 'withdrawn', at: at('2026-03-03T08:00:00') },
      }),
      ['carriedOver', 'total', 'withdrawn'],
    ],
    [
      'resolved after the period: in progress at its end',
      facts({
        receivedAt: at('2026-03-20T08:00:00'),
        dueAt: at('2026-04-10T17:00:00'),
        finish: { kind: 'resolved', at: at('2026-04-02T08:00:00'), timeliness: 'early' },
      }),
      ['inProgress.notDue', 'inProgress.total', 'received.counter', 'received.total', 'total'],
    ],
    [
      'due before the period ended, unfinished: overdue',
      facts({ receivedAt: at('2026-03-02T08:00:00'), dueAt: at('2026-03-31T17:00:00') }),
      ['inProgress.overdue', 'inProgress.total', 'received.counter', 'received.total', 'total'],
    ],
    [
      'due at 23:59 on the last day: overdue once the period is over',
      facts({ receivedAt: at('2026-03-02T08:00:00'), dueAt: at('2026-03-31T23:59:59') }),
      ['inProgress.overdue', 'inProgress.total', 'received.counter', 'received.total', 'total'],
    ],
    [
      'due on the morning after the period: not due at its end',
      facts({ receivedAt: at('2026-03-02T08:00:00'), dueAt: at('2026-04-01T08:00:00') }),
      ['inProgress.notDue', 'inProgress.total', 'received.counter', 'received.total', 'total'],
    ],
    [
      'paused, even past its due time: not due, and counted as paused',
      facts({ receivedAt: at('2026-03-02T08:00:00'), dueAt: at('2026-03-05T17:00:00'), paused: true }),
      [
        'inProgress.notDue',
        'inProgress.paused',
        'inProgress.total',
        'received.counter',
        'received.total',
        'total',
      ],
    ],
  ])('%s', (_name, f, expected) => {
    expect(touched(f)).toEqual(expected);
  });

  it('counts a running period as of now: received later does not exist yet, due later is not overdue yet', () => {
    const period = periodBounds('2026-11-01', '2026-11-30', TZ, at('2026-11-23T10:00:00'));
    expect(touched(facts({ receivedAt: at('2026-11-23T11:00:00') }), period)).toEqual([]);
    expect(
      touched(facts({ receivedAt: at('2026-11-20T08:00:00'), dueAt: at('2026-11-23T16:00:00') }), period),
    ).toEqual(['inProgress.notDue', 'inProgress.total', 'received.counter', 'received.total', 'total']);
  });

  it('crosses the year in local time: received on 1 January 00:30 belongs to the new year', () => {
    const received = new Date('2026-12-31T17:30:00Z'); // 2027-01-01 00:30 in Vietnam
    const y2026 = periodBounds('2026-01-01', '2026-12-31', TZ, NOW);
    const y2027 = periodBounds('2027-01-01', '2027-12-31', TZ, NOW);
    expect(touched(facts({ receivedAt: received }), y2026)).toEqual([]);
    expect(touched(facts({ receivedAt: received, dueAt: at('2027-01-10T17:00:00') }), y2027)).toContain(
      'received.total',
    );
  });
});

describe('a period split in two', () => {
  // Dossiers received from January to April, finished at various times or not at all.
  const history: DossierFacts[] = [
    facts({
      receivedAt: at('2026-01-10T08:00:00'),
      finish: { kind: 'resolved', at: at('2026-03-10T08:00:00'), timeliness: 'late' },
      dueAt: at('2026-01-20T17:00:00'),
    }),
    facts({ receivedAt: at('2026-02-10T08:00:00'), dueAt: at('2026-02-20T17:00:00') }),
    facts({
      receivedAt: at('2026-03-01T08:00:00'),
      finish: { kind: 'resolved', at: at('2026-03-02T08:00:00'), timeliness: 'early' },
    }),
    facts({
      receivedAt: at('2026-03-15T08:00:00'),
      channel: 'online',
      finish: { kind: 'refused', at: at('2026-03-16T08:00:00') },
    }),
    facts({
      receivedAt: at('2026-03-20T08:00:00'),
      channel: 'postal',
      finish: { kind: 'resolved', at: at('2026-04-02T08:00:00'), timeliness: 'on_time' },
    }),
    facts({
      receivedAt: at('2026-04-05T08:00:00'),
      channel: 'online',
      finish: { kind: 'withdrawn', at: at('2026-04-06T08:00:00') },
    }),
    facts({ receivedAt: at('2026-04-20T08:00:00'), paused: true }),
  ];
  const report = (from: string, to: string) => {
    const c = emptyCounts();
    for (const f of history) countDossier(c, f, periodBounds(from, to, TZ, NOW));
    return c;
  };
  const flows = (c: ProcessingCounts) => ({
    received: c.received,
    resolved: c.resolved,
    refused: c.refused,
    withdrawn: c.withdrawn,
  });

  it('gives the same flows as the whole, and the first half’s end is the second half’s carry-over', () => {
    const whole = report('2026-03-01', '2026-04-30');
    const march = report('2026-03-01', '2026-03-31');
    const april = report('2026-04-01', '2026-04-30');
    expect(flows(addCounts(structuredClone(march), april))).toEqual({
      ...flows(whole),
      // carry-over of April counted once in the whole
    });
    expect(april.carriedOver).toBe(march.inProgress.total);
    expect(whole.carriedOver).toBe(march.carriedOver);
    expect(whole.inProgress).toEqual(april.inProgress);
    for (const c of [whole, march, april]) expect(brokenIdentities(c)).toEqual([]);
  });

  it('rates on time as (early + on time) / resolved, with its numerator and denominator', () => {
    const march = withRates(report('2026-03-01', '2026-03-31'));
    expect(march.resolved).toEqual({ total: 2, early: 1, onTime: 0, late: 1 });
    expect(march.onTimeRate).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    expect(withRates(emptyCounts()).onTimeRate).toEqual({ numerator: 0, denominator: 0, value: null });
  });
});

import { describe, expect, it } from 'vitest';
import type { Timeliness } from '../dossier/types.ts';
import {
  addVector,
  bucketsOf,
  figuresFromCumulative,
  type Mark,
  type MarkVector,
  prefixRanges,
  reportMarks,
  type Snapshot,
  zeroVector,
} from './marks.ts';
import {
  type Channel,
  countDossier,
  type DossierFacts,
  emptyCounts,
  type Finish,
  type PeriodBounds,
} from './processing.ts';

const H = 3_600_000;
const T0 = Date.parse('2026-03-02T01:00:00Z');
const at = (hours: number) => new Date(T0 + hours * H);

function facts(over: Partial<DossierFacts> = {}): DossierFacts {
  return { receivedAt: at(0), channel: 'counter', finish: null, dueAt: at(48), paused: false, ...over };
}

/** C(t): the sum of the marks before t. */
function cumulative(marks: readonly Mark[], t: Date): MarkVector {
  const v = zeroVector();
  for (const m of marks) if (m.at.getTime() < t.getTime()) addVector(v, m.delta);
  return v;
}

/** The naive facts as of t: the last snapshot strictly before t. */
function factsAsOf(snapshots: readonly Snapshot[], t: Date): DossierFacts | null {
  let out: DossierFacts | null = null;
  for (const s of snapshots) if (s.at.getTime() < t.getTime()) out = s.facts;
  return out;
}

describe('reportMarks', () => {
  it.each([
    {
      name: 'received and resolved on time: one received mark, one moving it to resolved',
      snapshots: [
        { at: at(0), facts: facts() },
        { at: at(10), facts: facts({ finish: { kind: 'resolved', at: at(10), timeliness: 'on_time' } }) },
      ],
      expected: [
        { h: 0, delta: { receivedCounter: 1 } },
        { h: 10, delta: { resolvedOnTime: 1 } },
      ],
    },
    {
      name: 'left open past its due time: becomes overdue at the due time, with no event then',
      snapshots: [{ at: at(0), facts: facts({ channel: 'online' }) }],
      expected: [
        { h: 0, delta: { receivedOnline: 1 } },
        { h: 48, delta: { overdue: 1 } },
      ],
    },
    {
      name: 'paused, resumed with a later due time, then resolved late',
      snapshots: [
        { at: at(0), facts: facts() },
        { at: at(5), facts: facts({ paused: true }) },
        { at: at(30), facts: facts({ dueAt: at(70) }) },
        {
          at: at(80),
          facts: facts({ dueAt: at(70), finish: { kind: 'resolved', at: at(80), timeliness: 'late' } }),
        },
      ],
      expected: [
        { h: 0, delta: { receivedCounter: 1 } },
        { h: 5, delta: { paused: 1 } },
        { h: 30, delta: { paused: -1 } },
        { h: 70, delta: { overdue: 1 } },
        { h: 80, delta: { overdue: -1, resolvedLate: 1 } },
      ],
    },
    {
      name: 'events that change nothing the report counts leave no mark',
      snapshots: [
        { at: at(0), facts: facts({ channel: 'postal' }) },
        { at: at(1), facts: facts({ channel: 'postal' }) },
        { at: at(2), facts: facts({ channel: 'postal', finish: { kind: 'withdrawn', at: at(2) } }) },
      ],
      expected: [
        { h: 0, delta: { receivedPostal: 1 } },
        { h: 2, delta: { withdrawn: 1 } },
      ],
    },
  ])('$name', ({ snapshots, expected }) => {
    const marks = reportMarks(snapshots as Snapshot[]);
    expect(
      marks.map((m) => ({
        h: (m.at.getTime() - T0) / H,
        delta: Object.fromEntries(Object.entries(m.delta).filter(([, v]) => v !== 0)),
      })),
    ).toEqual(expected);
  });

  it('buckets a mark into its local day, month and year (Asia/Ho_Chi_Minh: 17:00 UTC is the next day)', () => {
    expect(bucketsOf(new Date('2025-12-31T17:00:00Z'), 'Asia/Ho_Chi_Minh')).toEqual({
      day: '2026-01-01',
      month: '2026-01-01',
      year: '2026-01-01',
    });
    expect(bucketsOf(new Date('2025-12-31T16:59:59Z'), 'Asia/Ho_Chi_Minh')).toEqual({
      day: '2025-12-31',
      month: '2025-12-01',
      year: '2025-01-01',
    });
  });

  it('splits the time before a day into years, months of its year and days of its month', () => {
    expect(prefixRanges('2026-03-15')).toEqual([
      { grain: 'y', from: null, to: '2026-01-01' },
      { grain: 'm', from: '2026-01-01', to: '2026-03-01' },
      { grain: 'd', from: '2026-03-01', to: '2026-03-15' },
    ]);
  });
});

/** A deterministic pseudo-random generator (mulberry32), so a failure can be replayed by its seed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random history of facts: pauses moving the due time, and at most one finish. */
function randomHistory(rand: () => number): Snapshot[] {
  const channel = (['online', 'counter', 'postal'] as Channel[])[Math.floor(rand() * 3)]!;
  let t = Math.floor(rand() * 200);
  let current: DossierFacts = {
    receivedAt: at(t),
    channel,
    finish: null,
    dueAt: at(t + Math.floor(rand() * 60)),
    paused: false,
  };
  const out: Snapshot[] = [{ at: at(t), facts: current }];
  const steps = Math.floor(rand() * 6);
  for (let i = 0; i < steps && !current.finish; i++) {
    t += Math.floor(rand() * 40); // 0 allowed: two events at one instant
    const roll = rand();
    if (roll < 0.3) current = { ...current, paused: !current.paused };
    else if (roll < 0.4) current = { ...current, dueAt: at(t + Math.floor(rand() * 50)), paused: false };
    else if (roll < 0.7) current = { ...current };
    else {
      const kinds = ['refused', 'withdrawn', 'resolved'] as const;
      const kind = kinds[Math.floor(rand() * 3)]!;
      const timeliness = (['early', 'on_time', 'late'] as Timeliness[])[Math.floor(rand() * 3)]!;
      const finish: Finish = kind === 'resolved' ? { kind, at: at(t), timeliness } : { kind, at: at(t) };
      current = { ...current, finish, paused: false };
    }
    out.push({ at: at(t), facts: current });
  }
  return out;
}

describe('figures from marks equal the naive count (property, 300 random dossier sets)', () => {
  it.each(Array.from({ length: 300 }, (_, i) => i + 1))('seed %i', (seed) => {
    const rand = random(seed);
    const histories = Array.from({ length: 1 + Math.floor(rand() * 8) }, () => randomHistory(rand));
    const a = Math.floor(rand() * 300);
    const b = a + 1 + Math.floor(rand() * 200);
    const period: PeriodBounds = { start: at(a), end: at(b), asOf: at(b) };

    const naive = emptyCounts();
    for (const h of histories) {
      const f = factsAsOf(h, period.asOf);
      if (f) countDossier(naive, f, period);
    }
    const atStart = zeroVector();
    const atEnd = zeroVector();
    for (const h of histories) {
      const marks = reportMarks(h);
      addVector(atStart, cumulative(marks, period.start));
      addVector(atEnd, cumulative(marks, period.asOf));
    }
    expect(figuresFromCumulative(atStart, atEnd)).toEqual(naive);
  });
});

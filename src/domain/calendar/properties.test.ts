/** Property-style checks against a naive minute-by-minute reference. */
import { describe, expect, it } from 'vitest';
import { type Duration, parseInstant } from './index.ts';
import { calendarWith, days, hours, prng, sameDay, TZ, vnCalendar } from './test-helpers.ts';
import { localDateOf } from './time.ts';

const cal = vnCalendar;
const MIN = 60_000;
const FROM = Date.parse('2025-01-01T00:00:00+07:00');
const TO = Date.parse('2028-01-01T00:00:00+07:00');

/** Is the minute starting at t inside a session of a working day? (default sessions) */
function inSession(t: number): boolean {
  if (!cal.isWorkingDay(localDateOf(new Date(t), TZ))) return false;
  const tod = ((((t + 420 * MIN) % 86_400_000) + 86_400_000) % 86_400_000) / MIN;
  return (tod >= 450 && tod < 690) || (tod >= 780 && tod < 1020);
}

/** Naive reference: walk minute by minute, counting minutes inside sessions. */
function naiveAdd(from: number, minutes: number): number {
  let t = from;
  while (!inSession(t)) t += MIN;
  let left = minutes;
  while (left > 0) {
    if (inSession(t)) left--;
    t += MIN;
  }
  return t;
}

function naiveElapsed(from: number, to: number): number {
  let n = 0;
  for (let t = from; t < to; t += MIN) if (inSession(t)) n++;
  return n;
}

describe('properties', () => {
  const rnd = prng(20260302);
  const randomMinute = () => FROM + Math.floor((rnd() * (TO - FROM)) / MIN) * MIN;

  it('addWorkingMinutes matches the minute-by-minute reference', () => {
    for (let i = 0; i < 300; i++) {
      const from = randomMinute();
      const minutes = 1 + Math.floor(rnd() * 3 * 480);
      expect(cal.addWorkingMinutes(new Date(from), minutes).getTime(), new Date(from).toISOString()).toBe(
        naiveAdd(from, minutes),
      );
    }
  });

  it('elapsedWorkingMinutes matches the minute-by-minute reference', () => {
    for (let i = 0; i < 200; i++) {
      const a = randomMinute();
      const b = a + Math.floor((rnd() * 6 * 86_400_000) / MIN) * MIN;
      expect(cal.elapsedWorkingMinutes(new Date(a), new Date(b))).toBe(naiveElapsed(a, b));
    }
  });

  it('elapsed(effectiveStart(x), addWorkingMinutes(x, m)) === m', () => {
    for (let i = 0; i < 5000; i++) {
      const x = new Date(FROM + Math.floor(rnd() * (TO - FROM)));
      const m = rnd() < 0.1 ? 0 : Math.floor(rnd() * 60 * 480);
      const end = cal.addWorkingMinutes(x, m);
      expect(cal.elapsedWorkingMinutes(cal.effectiveStart(x), end)).toBe(m);
    }
  });

  it('dueAt equals dueDate().dueAt, and workingMinutes is the elapsed working time', () => {
    const calendarDays = calendarWith({ mode: 'calendarDays' });
    for (let i = 0; i < 3000; i++) {
      const x = new Date(FROM + Math.floor(rnd() * (TO - FROM)));
      const r = rnd();
      const duration: Duration =
        r < 0.6 ? days(Math.round(rnd() * 60) / 2) : r < 0.9 ? hours(Math.floor(rnd() * 100) / 4) : sameDay;
      for (const c of [cal, calendarDays]) {
        const result = c.dueDate(x, duration);
        expect(c.dueAt(x, duration).getTime()).toBe(result.dueAt.getTime());
        expect(result.effectiveStart.getTime()).toBe(c.effectiveStart(x).getTime());
        expect(result.workingMinutes).toBe(c.elapsedWorkingMinutes(result.effectiveStart, result.dueAt));
        expect(result.dueAt.getTime()).toBeGreaterThanOrEqual(result.effectiveStart.getTime());
      }
    }
  });

  it('a positive count never ends at a session start and is monotonic', () => {
    for (let i = 0; i < 3000; i++) {
      const x = new Date(FROM + Math.floor(rnd() * (TO - FROM)));
      const d = 0.5 + Math.floor(rnd() * 60) / 2;
      const due = cal.dueAt(x, days(d));
      const time = due.toLocaleTimeString('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour12: false });
      expect(['07:30:00', '13:00:00']).not.toContain(time);
      expect(cal.dueAt(x, days(d + 0.5)).getTime()).toBeGreaterThan(due.getTime());
      expect(cal.isWorkingDay(localDateOf(due, TZ))).toBe(true);
    }
  });

  it('N working days from inside a session keep the clock time', () => {
    for (let i = 0; i < 1000; i++) {
      const from = randomMinute();
      // Inside a session, not at the start of the afternoon one (that would end at 11:30, a session end).
      if (!inSession(from) || !inSession(from - MIN)) continue;
      const n = 1 + Math.floor(rnd() * 40);
      const due = cal.dueAt(new Date(from), days(n));
      expect((due.getTime() - from) % 86_400_000).toBe(0);
      expect(cal.elapsedWorkingMinutes(new Date(from), due)).toBe(n * 480);
    }
  });

  it('parseInstant is consistent with Date for offset strings', () => {
    expect(parseInstant('2026-03-05T09:00:00+07:00', TZ)!.getTime()).toBe(
      Date.parse('2026-03-05T09:00:00+07:00'),
    );
  });
});

import { describe, expect, it } from 'vitest';
import {
  canMoveHomeService,
  HOME_SERVICE_STATUSES,
  homeServiceCode,
  homeServiceCodePrefix,
  isFinalHomeService,
  isHomeServiceCode,
  scheduleProblem,
} from './home-service.ts';

describe('home service statuses', () => {
  it.each([
    ['requested', 'scheduled', true],
    ['requested', 'cancelled', true],
    ['requested', 'done', false],
    ['requested', 'failed', false],
    ['requested', 'requested', false],
    ['scheduled', 'scheduled', true], // rescheduling
    ['scheduled', 'done', true],
    ['scheduled', 'failed', true],
    ['scheduled', 'cancelled', true],
    ['scheduled', 'requested', false],
    ['failed', 'scheduled', true], // try again
    ['failed', 'done', false],
    ['failed', 'cancelled', false],
    ['done', 'scheduled', false],
    ['done', 'cancelled', false],
    ['cancelled', 'scheduled', false],
    ['cancelled', 'requested', false],
  ] as const)('%s → %s: %s', (from, to, ok) => {
    expect(canMoveHomeService(from, to)).toBe(ok);
  });

  it.each([
    ['done', true],
    ['cancelled', true],
    ['failed', false],
    ['scheduled', false],
    ['requested', false],
  ] as const)('%s is final: %s', (status, final) => {
    expect(isFinalHomeService(status)).toBe(final);
  });

  it('nothing moves back to requested', () => {
    for (const from of HOME_SERVICE_STATUSES) expect(canMoveHomeService(from, 'requested')).toBe(false);
  });
});

describe('home service codes', () => {
  it.each([
    // 02:00Z is 09:00 in Vietnam, the same day.
    { at: '2026-12-07T02:00:00Z', seq: 1, want: 'TN-20261207-001' },
    { at: '2026-12-07T02:00:00Z', seq: 42, want: 'TN-20261207-042' },
    { at: '2026-12-07T02:00:00Z', seq: 999, want: 'TN-20261207-999' },
    { at: '2026-12-07T02:00:00Z', seq: 1000, want: 'TN-20261207-1000' },
    // 17:30Z on the 6th is 00:30 on the 7th in Vietnam: the local day counts.
    { at: '2026-12-06T17:30:00Z', seq: 3, want: 'TN-20261207-003' },
    // 16:59Z on the 31st is 23:59 local, still the old year.
    { at: '2026-12-31T16:59:00Z', seq: 7, want: 'TN-20261231-007' },
    { at: '2026-12-31T17:00:00Z', seq: 7, want: 'TN-20270101-007' },
  ])('$at, #$seq → $want', ({ at, seq, want }) => {
    const code = homeServiceCode(new Date(at), seq);
    expect(code).toBe(want);
    expect(isHomeServiceCode(code)).toBe(true);
    expect(code.startsWith(homeServiceCodePrefix(new Date(at)))).toBe(true);
  });

  it.each([0, -1, 1.5])('refuses sequence %s', (seq) => {
    expect(() => homeServiceCode(new Date('2026-12-07T02:00:00Z'), seq)).toThrow(RangeError);
  });

  it.each(['TN-2026127-001', 'TN-20261207-01', 'BG-20261207-001', 'tn-20261207-001', ''])(
    '%s is not a code',
    (code) => {
      expect(isHomeServiceCode(code)).toBe(false);
    },
  );
});

describe('appointments', () => {
  const now = new Date('2026-12-07T02:00:00Z');
  it.each([
    { when: '2026-12-07T02:00:01Z', ok: true },
    { when: '2026-12-08T20:00:00Z', ok: true }, // no working-hours rule: only the future counts
    { when: '2026-12-07T02:00:00Z', ok: false }, // now is not the future
    { when: '2026-12-06T02:00:00Z', ok: false },
    { when: 'not a date', ok: false },
  ])('$when: $ok', ({ when, ok }) => {
    expect(scheduleProblem(new Date(when), now) === null).toBe(ok);
  });
});

import { describe, expect, it } from 'vitest';
import {
  ACTIONS_BY_STATUS,
  allows,
  callAnnouncement,
  compareWaiting,
  DEFAULT_SERVICE_MINUTES,
  estimateWaitMinutes,
  mayMarkNoShow,
  nextForCounter,
  peopleAhead,
  ticketLabel,
  type WaitingTicket,
} from './queue.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 1, minute));
const t = (
  id: string,
  serviceCode: string,
  minute: number,
  priority: WaitingTicket['priority'] = null,
): WaitingTicket => ({
  id,
  serviceCode,
  priority,
  queuedAt: at(minute),
});

describe('the order of the queue', () => {
  const waiting = [
    t('a', 'HT', 0),
    t('b', 'HT', 1),
    t('c', 'CT', 2),
    t('d', 'HT', 3, 'elderly'),
    t('e', 'HT', 4, 'pregnant'),
    t('f', 'DD', 5),
  ];

  it.each([
    { name: 'a counter for civil status calls the elderly first', services: ['HT'], next: 'd' },
    { name: 'a counter for certification calls its only ticket', services: ['CT'], next: 'c' },
    {
      name: 'a counter serving two services takes the earliest across them',
      services: ['CT', 'DD'],
      next: 'c',
    },
    { name: 'a counter for both takes priority across services', services: ['CT', 'HT'], next: 'd' },
    { name: 'nobody waits for land at a counter without it', services: ['XD'], next: null },
  ])('$name', ({ services, next }) => {
    expect(nextForCounter(waiting, services)?.id ?? null).toBe(next);
  });

  it('people ahead count only the same service, priority first', () => {
    expect(peopleAhead(waiting[0]!, waiting)).toBe(2); // d and e (priority) before a
    expect(peopleAhead(waiting[1]!, waiting)).toBe(3);
    expect(peopleAhead(waiting[3]!, waiting)).toBe(0);
    expect(peopleAhead(waiting[4]!, waiting)).toBe(1);
    expect(peopleAhead(waiting[2]!, waiting)).toBe(0);
  });

  it('the order is total: same time and priority fall back to the id', () => {
    expect(compareWaiting(t('x', 'HT', 0), t('y', 'HT', 0))).toBeLessThan(0);
    expect(compareWaiting(t('y', 'HT', 0), t('x', 'HT', 0))).toBeGreaterThan(0);
    expect(compareWaiting(t('x', 'HT', 0), t('x', 'HT', 0))).toBe(0);
  });
});

describe('estimated wait', () => {
  it.each([
    { ahead: 0, recent: [5, 6], open: 2, want: 0 },
    { ahead: 4, recent: [], open: 1, want: 4 * DEFAULT_SERVICE_MINUTES },
    { ahead: 4, recent: [4, 6, 100], open: 2, want: 12 }, // median 6, shared by two counters
    { ahead: 3, recent: [4, 6], open: 2, want: 8 }, // median 5: 7.5 rounds up
    { ahead: 5, recent: [3], open: 0, want: null },
  ])('$ahead ahead, recent $recent, $open open → $want', ({ ahead, recent, open, want }) => {
    expect(estimateWaitMinutes(ahead, recent, open)).toBe(want);
  });
});

describe('tickets', () => {
  it.each([
    { prefix: '1', number: 25, label: '1025' },
    { prefix: '2', number: 7, label: '2007' },
    { prefix: 'A', number: 1234, label: 'A1234' },
  ])('label $prefix + $number = $label', ({ prefix, number, label }) => {
    expect(ticketLabel(prefix, number)).toBe(label);
  });

  it('the announcement the hall hears', () => {
    expect(callAnnouncement('1025', 3)).toBe('Mời số 1025 đến quầy số 3');
  });

  it('every status lists what it allows; closed tickets allow nothing', () => {
    expect(allows('waiting', 'call')).toBe(true);
    expect(allows('waiting', 'finish')).toBe(false);
    expect(allows('called', 'recall')).toBe(true);
    expect(allows('serving', 'finish')).toBe(true);
    expect(ACTIONS_BY_STATUS.done).toEqual([]);
    expect(ACTIONS_BY_STATUS.no_show).toEqual([]);
  });

  it.each([
    { status: 'called' as const, recalls: 1, min: 2, ok: false },
    { status: 'called' as const, recalls: 2, min: 2, ok: true },
    { status: 'called' as const, recalls: 0, min: 0, ok: true },
    { status: 'serving' as const, recalls: 5, min: 2, ok: false },
    { status: 'waiting' as const, recalls: 5, min: 0, ok: false },
  ])('no-show when $status after $recalls recalls (min $min): $ok', ({ status, recalls, min, ok }) => {
    expect(mayMarkNoShow(status, recalls, min)).toBe(ok);
  });
});

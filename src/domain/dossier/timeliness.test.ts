import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, DEFAULT_CALENDAR_SETTINGS } from '../calendar/index.ts';
import { at, cal, clockOf, Dossier, days, seed } from './test-helpers.ts';
import {
  dossierTimeliness,
  progressTimeliness,
  resolvedTimeliness,
  workingDayMinutes,
} from './timeliness.ts';
import type { ProgressTimeliness, Timeliness } from './types.ts';

describe('resolvedTimeliness (early / on time / late)', () => {
  it.each<[string, string, string, Timeliness]>([
    // Due Thursday 5 March 2026 09:00.
    ['exactly at the due time', '2026-03-05T09:00', '2026-03-05T09:00', 'on_time'],
    ['one minute after', '2026-03-05T09:01', '2026-03-05T09:00', 'late'],
    ['one second after', '2026-03-05T09:00:01', '2026-03-05T09:00', 'late'],
    ['same day, earlier', '2026-03-05T07:00', '2026-03-05T09:00', 'on_time'],
    ['previous working day, late afternoon', '2026-03-04T16:59', '2026-03-05T09:00', 'early'],
    ['previous working day, after hours', '2026-03-04T21:00', '2026-03-05T09:00', 'early'],
    ['the next day', '2026-03-06T08:00', '2026-03-05T09:00', 'late'],
    // Due Monday 9 March 2026 10:00: across the weekend.
    ['Friday before a Monday due date', '2026-03-06T17:00', '2026-03-09T10:00', 'early'],
    [
      'Saturday before a Monday due date (counts as Monday)',
      '2026-03-07T10:00',
      '2026-03-09T10:00',
      'on_time',
    ],
    ['Sunday evening before a Monday due date', '2026-03-08T20:00', '2026-03-09T10:00', 'on_time'],
    ['Saturday before a Wednesday due date', '2026-03-07T10:00', '2026-03-11T10:00', 'early'],
    // Due Monday 23 February 2026 09:00, after the Tết break (14–22 February).
    ['last working day before Tết', '2026-02-13T16:00', '2026-02-23T09:00', 'early'],
    ['during Tết', '2026-02-18T10:00', '2026-02-23T09:00', 'on_time'],
  ])('%s', (_name, resolved, due, expected) => {
    expect(resolvedTimeliness(at(resolved), at(due), cal)).toBe(expected);
  });
});

describe('progressTimeliness', () => {
  // Received Mon 2 March 09:00, 3 working days → due Thu 5 March 09:00.
  const running = new Dossier(seed('xa_mot_cua'), clockOf(days(3)), '2026-03-02T09:00').act(
    '2026-03-02T09:05',
    ['receptionist'],
    'forward',
  );
  const s = running.state;

  it.each<[string, string, ProgressTimeliness]>([
    ['just received', '2026-03-02T09:10', 'not_due'],
    ['481 working minutes left', '2026-03-04T08:59', 'not_due'],
    ['exactly one working day left', '2026-03-04T09:00', 'due_soon'],
    ['one working day left, in the lunch break', '2026-03-04T12:00', 'due_soon'],
    ['exactly at the due time', '2026-03-05T09:00', 'due_soon'],
    ['one minute after', '2026-03-05T09:01', 'overdue'],
    ['weeks after', '2026-03-30T09:00', 'overdue'],
  ])('%s → %s', (_name, now, expected) => {
    expect(progressTimeliness(s, cal, at(now))).toBe(expected);
  });

  it('across a weekend: Friday 10:00 for a Monday 09:00 due date has 7.5 h left', () => {
    const d = new Dossier(seed('xa_mot_cua'), clockOf(days(3)), '2026-03-04T09:00');
    expect(progressTimeliness(d.state, cal, at('2026-03-06T10:00'))).toBe('due_soon');
    expect(progressTimeliness(d.state, cal, at('2026-03-06T08:00'))).toBe('not_due');
    expect(progressTimeliness(d.state, cal, at('2026-03-07T10:00'))).toBe('due_soon');
  });

  it('paused wins over overdue; after the resume the shifted due date counts', () => {
    const d = new Dossier(seed('xa_mot_cua'), clockOf(days(3)), '2026-03-02T09:00')
      .act('2026-03-02T09:00', ['receptionist'], 'forward')
      .act('2026-03-03T09:00', ['officer'], 'request_supplement', {
        items: [{ document: 'Tờ khai' }],
        reason: 'Thiếu',
      });
    expect(progressTimeliness(d.state, cal, at('2026-03-06T09:00'))).toBe('paused');
    d.act('2026-03-09T10:00', ['receptionist'], 'receive_supplement');
    // Due Wed 11 March 10:00 now: on the old due date it is not due at all.
    expect(progressTimeliness(d.state, cal, at('2026-03-05T09:01'))).toBe('not_due');
    expect(progressTimeliness(d.state, cal, at('2026-03-10T10:00'))).toBe('due_soon');
    expect(progressTimeliness(d.state, cal, at('2026-03-11T10:01'))).toBe('overdue');
    // Resolved after the original due date, before the shifted one: on time, not late.
    d.act('2026-03-10T11:00', ['officer'], 'forward').act('2026-03-11T09:30', ['leader'], 'approve');
    expect(dossierTimeliness(d.state, cal, at('2026-03-12T00:00'))).toEqual({
      kind: 'resolved',
      value: 'on_time',
    });
  });

  it('a working day is the sum of the sessions', () => {
    expect(workingDayMinutes(cal)).toBe(480);
    const short = createWorkingCalendar(
      {
        ...DEFAULT_CALENDAR_SETTINGS,
        sessions: [
          { start: '08:00', end: '12:00' },
          { start: '13:30', end: '17:00' },
        ],
      },
      [],
    );
    expect(workingDayMinutes(short)).toBe(450);
  });
});

describe('dossierTimeliness', () => {
  const base = () => new Dossier(seed('xa_mot_cua'), clockOf(days(3)), '2026-03-02T09:00');

  it('in progress, resolved, and closed without a result', () => {
    const d = base().act('2026-03-02T09:05', ['receptionist'], 'forward');
    expect(dossierTimeliness(d.state, cal, at('2026-03-02T10:00'))).toEqual({
      kind: 'in_progress',
      value: 'not_due',
    });
    d.act('2026-03-03T09:00', ['officer'], 'forward').act('2026-03-04T09:00', ['leader'], 'approve');
    // Fixed at resolution, whatever `now` is.
    expect(dossierTimeliness(d.state, cal, at('2026-04-30T09:00'))).toEqual({
      kind: 'resolved',
      value: 'early',
    });
    const withdrawn = base().act('2026-03-02T10:00', ['citizen'], 'withdraw', { reason: 'Rút' });
    expect(dossierTimeliness(withdrawn.state, cal, at('2026-04-30T09:00'))).toEqual({ kind: 'closed' });
  });

  it('withdrawn after the result was ready keeps the resolution timeliness', () => {
    const d = base()
      .act('2026-03-02T09:05', ['receptionist'], 'forward')
      .act('2026-03-03T09:00', ['officer'], 'forward')
      .act('2026-03-05T09:00', ['leader'], 'approve')
      .act('2026-03-06T09:00', ['receptionist'], 'withdraw', { reason: 'Không đến nhận' });
    expect(d.state.status).toBe('withdrawn');
    expect(dossierTimeliness(d.state, cal, at('2026-03-07T09:00'))).toEqual({
      kind: 'resolved',
      value: 'on_time',
    });
  });
});

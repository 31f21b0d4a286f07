import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { DossierTimeLeft } from '../api/dossiers';
import { timeLeft } from './dossier';

/** A translator that shows the key and the count, so the test reads what was chosen. */
const t = ((key: string, options?: { count?: number; defaultValue?: string }) =>
  options?.count !== undefined ? `${key}:${options.count}` : key) as unknown as TFunction;

const NOW = new Date('2026-03-23T02:00:00Z'); // Monday 09:00 in Vietnam
const item = (timeLeftValue: DossierTimeLeft, dueAt = '2026-03-31T02:00:00Z', status = 'in_progress') => ({
  status,
  dueAt,
  timeLeft: timeLeftValue,
});
const running = (workingMinutes: number, workingDays: number): DossierTimeLeft => ({
  state: 'running',
  workingMinutes,
  workingDays,
  lateMinutes: 0,
});

describe('timeLeft (formats what the server counted)', () => {
  it('shows working days as the server counted them, holidays skipped there', () => {
    // Due Tuesday 31 March with Wednesday 25 off in the unit's calendar: the server counts 5
    // working days (24, 26, 27, 30, 31 March) where Monday to Friday alone would say 6.
    expect(timeLeft(item(running(5 * 480, 5)), t, NOW)).toEqual({
      urgency: 'ok',
      text: 'timeLeft.workingDays:5',
      label: 'urgency.ok',
    });
  });

  it('one working day left is "soon"', () => {
    expect(timeLeft(item(running(600, 1)), t, NOW).urgency).toBe('soon');
  });

  it('due today: working hours, then minutes', () => {
    const today = '2026-03-23T09:00:00Z';
    expect(timeLeft(item(running(150, 0), today), t, NOW)).toEqual({
      urgency: 'soon',
      text: 'timeLeft.hours:2',
      label: 'urgency.soon',
    });
    expect(timeLeft(item(running(20, 0), today), t, NOW).text).toBe('timeLeft.minutes:20');
    expect(timeLeft(item(running(0, 0), today), t, NOW).text).toBe('timeLeft.minutes:1');
  });

  it('overdue in minutes, hours, then days', () => {
    const late = (lateMinutes: number) =>
      timeLeft(
        item({ state: 'overdue', workingMinutes: 0, workingDays: 0, lateMinutes }, '2026-03-20T10:00:00Z'),
        t,
        NOW,
      );
    expect(late(0)).toEqual({ urgency: 'overdue', text: 'timeLeft.lateMinutes:1', label: 'urgency.overdue' });
    expect(late(59).text).toBe('timeLeft.lateMinutes:59');
    expect(late(125).text).toBe('timeLeft.lateHours:2');
    expect(late(3 * 1440 + 5).text).toBe('timeLeft.lateDays:3');
  });

  it('a running dossier whose due moment passed since the answer shows as overdue', () => {
    expect(timeLeft(item(running(10, 0), '2026-03-23T01:30:00Z'), t, NOW)).toEqual({
      urgency: 'overdue',
      text: 'timeLeft.lateMinutes:30',
      label: 'urgency.overdue',
    });
  });

  it('paused and closed dossiers', () => {
    const none = { workingMinutes: 0, workingDays: 0, lateMinutes: 0 };
    expect(timeLeft(item({ state: 'paused', ...none }, '2026-03-20T10:00:00Z', 'paused'), t, NOW)).toEqual({
      urgency: 'paused',
      text: 'timeLeft.paused',
      label: 'urgency.paused',
    });
    expect(timeLeft(item({ state: 'closed', ...none }, '2026-03-20T10:00:00Z', 'returned'), t, NOW)).toEqual({
      urgency: 'closed',
      text: '',
      label: 'dossierStatus.returned',
    });
  });
});

/**
 * The working-time calendar: deadlines counted in working time, as the national portal counts.
 *
 * Model. Every working day has the same sessions (07:30–11:30 and 13:00–17:00 by default), so a
 * working day is W ms of working time (8 h). Working time is laid on one line: the "position" of an
 * instant is the working time elapsed from the start of the covered range up to it. With
 *   cumWork[i]  = number of working days before day i of the range,
 *   workDays[k] = day index of the k-th working day (0-based),
 * position(instant) = cumWork[day] × W + working time already elapsed that day (O(#sessions)), and
 * the instant at position T is on day workDays[⌊T / W⌋] at in-day offset T mod W. A deadline is then
 * position(from) + duration, converted back: O(1) per call, no loop over hours or days.
 *
 * Conventions
 * - effective start: the instant itself when inside a session, else the start of the next session
 *   of a working day (before opening → 07:30; lunch → 13:00; after closing, weekend or holiday → the
 *   next working day's first session). An instant exactly at a session end (11:30) is not inside.
 * - a count with a positive duration never ends at a session start: when it finishes exactly at a
 *   session end it gives that end (17:00 stays 17:00 instead of 07:30 next day; 11:30 stays 11:30).
 * - a zero duration is due at the effective start.
 * - mode 'calendarDays' (workingDays durations only): the due moment is the end of the last session
 *   of the N-th working day strictly after the local reception date, N = ⌈days⌉ (the reception day is
 *   never counted, whatever the hour: received Monday at any time, 3 days → Thursday 17:00; received
 *   Saturday, 1 day → Monday 17:00). Zero days → the effective start. workingHours and sameDay
 *   durations behave as in 'workingHours' mode.
 */
import {
  DAY_MS,
  dayNumberOf,
  dayNumberOfLocalDate,
  formatDmy,
  formatHm,
  isoWeekdayOf,
  localDateOfDayNumber,
  MINUTE_MS,
  parseHhMm,
  zoneOffsetMinutes,
} from './time.ts';
import {
  type CalendarDay,
  CalendarError,
  type CalendarSettings,
  type DayInfo,
  DEFAULT_CALENDAR_SETTINGS,
  type DueResult,
  type Duration,
  type ExplanationEntry,
  type LocalDate,
  type WorkingCalendar,
} from './types.ts';

const HOUR_MS = 3_600_000;
const DEFAULT_FROM_YEAR = 2000;
const DEFAULT_TO_YEAR = 2100;

const WEEKDAY_VI = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ Nhật'];
const WEEKDAY_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

interface NormalizedSessions {
  /** Session start / end, ms since local midnight. */
  start: Float64Array;
  end: Float64Array;
  /** Working time elapsed in the day at each session's start / end. */
  cumStart: Float64Array;
  cumEnd: Float64Array;
  dayMs: number;
}

function invalid(code: string, message: string): never {
  throw new CalendarError(code, message);
}

function normalizeSessions(sessions: CalendarSettings['sessions']): NormalizedSessions {
  if (!Array.isArray(sessions) || sessions.length === 0) {
    invalid('invalid_sessions', 'Cần ít nhất một buổi làm việc');
  }
  const n = sessions.length;
  const out: NormalizedSessions = {
    start: new Float64Array(n),
    end: new Float64Array(n),
    cumStart: new Float64Array(n),
    cumEnd: new Float64Array(n),
    dayMs: 0,
  };
  let cum = 0;
  let previousEnd = -1;
  sessions.forEach((session, i) => {
    const start = parseHhMm(session?.start);
    const end = parseHhMm(session?.end, true);
    if (start === null || end === null) {
      invalid('invalid_time', `Giờ không hợp lệ trong buổi làm việc ${i + 1} (cần dạng HH:MM)`);
    }
    if (end <= start)
      invalid('invalid_sessions', `Buổi làm việc ${i + 1}: giờ kết thúc phải sau giờ bắt đầu`);
    if (start < previousEnd) {
      invalid('overlapping_sessions', `Buổi làm việc ${i + 1} chồng lấn hoặc không theo thứ tự thời gian`);
    }
    previousEnd = end;
    out.start[i] = start * MINUTE_MS;
    out.end[i] = end * MINUTE_MS;
    out.cumStart[i] = cum;
    cum += (end - start) * MINUTE_MS;
    out.cumEnd[i] = cum;
  });
  out.dayMs = cum;
  return out;
}

function normalizeSettings(input: CalendarSettings): CalendarSettings {
  if (input === null || typeof input !== 'object')
    invalid('invalid_settings', 'Thiếu cấu hình lịch làm việc');
  const weekdays = input.workingWeekdays ?? DEFAULT_CALENDAR_SETTINGS.workingWeekdays;
  const sessions = input.sessions ?? DEFAULT_CALENDAR_SETTINGS.sessions;
  if (!Array.isArray(weekdays)) invalid('invalid_weekday', 'Danh sách ngày làm việc trong tuần không hợp lệ');
  if (!Array.isArray(sessions)) invalid('invalid_sessions', 'Danh sách buổi làm việc không hợp lệ');
  const s: CalendarSettings = {
    timeZone: input.timeZone ?? DEFAULT_CALENDAR_SETTINGS.timeZone,
    workingWeekdays: [...(input.workingWeekdays ?? DEFAULT_CALENDAR_SETTINGS.workingWeekdays)],
    sessions: (input.sessions ?? DEFAULT_CALENDAR_SETTINGS.sessions).map((x) => ({
      start: x?.start,
      end: x?.end,
    })),
    sameDayCutoff: input.sameDayCutoff ?? DEFAULT_CALENDAR_SETTINGS.sameDayCutoff,
    mode: input.mode ?? DEFAULT_CALENDAR_SETTINGS.mode,
  };
  for (const d of s.workingWeekdays) {
    if (!Number.isInteger(d) || d < 1 || d > 7) {
      invalid('invalid_weekday', `Thứ trong tuần không hợp lệ: ${String(d)} (1 = Thứ Hai … 7 = Chủ Nhật)`);
    }
  }
  if (new Set(s.workingWeekdays).size !== s.workingWeekdays.length) {
    invalid('invalid_weekday', 'Danh sách ngày làm việc trong tuần bị trùng');
  }
  if (parseHhMm(s.sameDayCutoff, true) === null) {
    invalid('invalid_time', `Giờ chốt nhận trong ngày không hợp lệ: ${String(s.sameDayCutoff)}`);
  }
  if (s.mode !== 'workingHours' && s.mode !== 'calendarDays') {
    invalid('invalid_settings', `Cách tính hạn không hợp lệ: ${String(s.mode)}`);
  }
  return s;
}

function freezeSettings(s: CalendarSettings): CalendarSettings {
  Object.freeze(s.workingWeekdays);
  for (const x of s.sessions) Object.freeze(x);
  Object.freeze(s.sessions);
  return Object.freeze(s);
}

function badDuration(value: unknown): never {
  if (typeof value === 'number' && value < 0) {
    invalid('negative_duration', `Thời hạn không được âm: ${value}`);
  }
  invalid('invalid_duration', `Thời hạn không hợp lệ: ${String(value)}`);
}

function outOfRange(): never {
  invalid('out_of_range', 'Thời điểm nằm ngoài khoảng năm mà lịch làm việc bao phủ');
}

/** An instant whose day index fell outside the range: NaN (invalid Date) or really outside. */
function badInstant(t: number): never {
  if (Number.isNaN(t)) invalid('invalid_instant', 'Thời điểm không hợp lệ');
  return outOfRange();
}

function invalidInstant(): never {
  invalid('invalid_instant', 'Thời điểm không hợp lệ');
}

function pluralEn(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function formatAmountVi(minutes: number, dayMinutes: number): string {
  const rounded = Math.round(minutes * 100) / 100;
  const hours = Math.floor(rounded / 60);
  const mins = Math.round((rounded - hours * 60) * 100) / 100;
  const hm = mins === 0 ? `${hours} giờ` : hours === 0 ? `${mins} phút` : `${hours} giờ ${mins} phút`;
  const days = rounded / dayMinutes;
  return Number.isInteger(days) && days > 0 ? `${days} ngày làm việc (${hm})` : `${hm} làm việc`;
}

function formatAmountEn(minutes: number, dayMinutes: number): string {
  const rounded = Math.round(minutes * 100) / 100;
  const hours = Math.floor(rounded / 60);
  const mins = Math.round((rounded - hours * 60) * 100) / 100;
  const hm =
    mins === 0
      ? pluralEn(hours, 'hour')
      : hours === 0
        ? pluralEn(mins, 'minute')
        : `${pluralEn(hours, 'hour')} ${pluralEn(mins, 'minute')}`;
  const days = rounded / dayMinutes;
  return Number.isInteger(days) && days > 0
    ? `${pluralEn(days, 'working day')} (${hm})`
    : `${hm} of working time`;
}

/** "nghỉ lễ Quốc khánh (2/9)", or the name itself when it already says "Nghỉ …". */
function holidayPhraseVi(name: string): string {
  return /^nghỉ/i.test(name) ? `n${name.slice(1)}` : `nghỉ lễ ${name}`;
}

export function createWorkingCalendar(
  settings: CalendarSettings,
  days: CalendarDay[],
  opts?: { fromYear?: number; toYear?: number },
): WorkingCalendar {
  const s = normalizeSettings(settings);
  const offsetMs = zoneOffsetMinutes(s.timeZone) * MINUTE_MS;
  const sessions = normalizeSessions(s.sessions);
  const sessionCount = sessions.start.length;
  const sStart = sessions.start;
  const sEnd = sessions.end;
  const sCumStart = sessions.cumStart;
  const sCumEnd = sessions.cumEnd;
  const W = sessions.dayMs;
  const firstStart = sStart[0]!;
  const lastEnd = sEnd[sessionCount - 1]!;
  // A same-day dossier received after the last session is due the next day, whatever the cut-off.
  const cutoffMs = Math.min(parseHhMm(s.sameDayCutoff, true)! * MINUTE_MS, lastEnd);
  const calendarDaysMode = s.mode === 'calendarDays';

  const weekdayWorking = new Uint8Array(8);
  for (const d of s.workingWeekdays) weekdayWorking[d] = 1;

  // Calendar rows, by day number.
  const rows = new Map<number, CalendarDay>();
  if (!Array.isArray(days)) invalid('invalid_days', 'Danh sách ngày nghỉ / làm bù không hợp lệ');
  for (const row of days) {
    const dn = dayNumberOfLocalDate(row?.date);
    if (row.kind !== 'holiday' && row.kind !== 'workday') {
      invalid('invalid_day_kind', `Loại ngày không hợp lệ cho ${row.date}: ${String(row.kind)}`);
    }
    const existing = rows.get(dn);
    if (existing && existing.kind !== row.kind) {
      invalid('conflicting_days', `Ngày ${row.date} vừa là ngày nghỉ vừa là ngày làm bù`);
    }
    if (!existing) rows.set(dn, Object.freeze({ ...row }));
  }
  if (s.workingWeekdays.length === 0 && ![...rows.values()].some((r) => r.kind === 'workday')) {
    invalid('empty_week', 'Không có ngày làm việc nào trong tuần và không có ngày làm bù');
  }

  // Covered range and the working-day index.
  const fromYear = opts?.fromYear ?? DEFAULT_FROM_YEAR;
  const toYear = opts?.toYear ?? DEFAULT_TO_YEAR;
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear) {
    invalid('invalid_range', `Khoảng năm không hợp lệ: ${fromYear}–${toYear}`);
  }
  if (fromYear < 1900 || toYear > 2300) invalid('invalid_range', 'Khoảng năm phải nằm trong 1900–2300');
  const baseDay = dayNumberOf(fromYear, 1, 1);
  const dayCount = dayNumberOf(toYear + 1, 1, 1) - baseDay;
  const working = new Uint8Array(dayCount);
  const cumWork = new Int32Array(dayCount + 1);
  let workCount = 0;
  for (let i = 0; i < dayCount; i++) {
    const dn = baseDay + i;
    const row = rows.get(dn);
    const isWorking = row ? row.kind === 'workday' : weekdayWorking[isoWeekdayOf(dn)] === 1;
    cumWork[i] = workCount;
    if (isWorking) {
      working[i] = 1;
      workCount++;
    }
  }
  cumWork[dayCount] = workCount;
  if (workCount === 0) invalid('empty_week', 'Không có ngày làm việc nào trong khoảng thời gian của lịch');
  const workDays = new Int32Array(workCount);
  for (let i = 0, k = 0; i < dayCount; i++) if (working[i] === 1) workDays[k++] = i;
  const totalWork = workCount * W;

  // ---- hot path -------------------------------------------------------------------------------

  /** Working time elapsed from the range start to the instant t (ms since epoch). */
  function positionOf(t: number): number {
    const local = t + offsetMs;
    const dn = Math.floor(local / DAY_MS);
    const i = dn - baseDay;
    if (!(i >= 0 && i < dayCount)) badInstant(t);
    const base = cumWork[i]! * W;
    if (working[i] === 0) return base;
    const tod = local - dn * DAY_MS;
    for (let k = 0; k < sessionCount; k++) {
      if (tod <= sStart[k]!) return base + sCumStart[k]!;
      if (tod < sEnd[k]!) return base + sCumStart[k]! + (tod - sStart[k]!);
    }
    return base + W;
  }

  /** Instant at position p, the start of working time there (a session start wins over the previous end). */
  function instantAtStart(p: number): number {
    const k = Math.floor(p / W);
    if (k >= workCount) outOfRange();
    const r = p - k * W;
    const dn = baseDay + workDays[k]!;
    let j = 0;
    while (j < sessionCount - 1 && r >= sCumEnd[j]!) j++;
    return dn * DAY_MS + sStart[j]! + (r - sCumStart[j]!) - offsetMs;
  }

  /** Instant at position p > 0, the end of working time there (a session end wins over the next start). */
  function instantAtEnd(p: number): number {
    let k = Math.floor(p / W);
    let r = p - k * W;
    if (r === 0) {
      k--;
      r = W;
    }
    if (k >= workCount || k < 0) outOfRange();
    const dn = baseDay + workDays[k]!;
    let j = 0;
    while (j < sessionCount - 1 && r > sCumEnd[j]!) j++;
    return dn * DAY_MS + sStart[j]! + (r - sCumStart[j]!) - offsetMs;
  }

  /** Day index in the range of an instant (throws outside). */
  function dayIndexOf(t: number): number {
    const i = Math.floor((t + offsetMs) / DAY_MS) - baseDay;
    if (!(i >= 0 && i < dayCount)) badInstant(t);
    return i;
  }

  /**
   * The due position of a duration from instant t, encoded: p >= 0 → instantAtEnd(p);
   * p < 0 → instantAtStart(-p - 1) (zero durations: the effective start).
   */
  function duePosition(t: number, duration: Duration): number {
    let amount: number;
    switch (duration.kind) {
      case 'workingDays': {
        const d = duration.days;
        if (typeof d !== 'number' || !(d >= 0) || d === Number.POSITIVE_INFINITY) badDuration(d);
        if (calendarDaysMode) {
          if (d === 0) return -positionOf(t) - 1;
          const i = dayIndexOf(t);
          return (cumWork[i + 1]! + Math.ceil(d)) * W;
        }
        amount = Math.round(d * W);
        break;
      }
      case 'workingHours': {
        const h = duration.hours;
        if (typeof h !== 'number' || !(h >= 0) || h === Number.POSITIVE_INFINITY) badDuration(h);
        amount = Math.round(h * HOUR_MS);
        break;
      }
      case 'sameDay': {
        const local = t + offsetMs;
        const dn = Math.floor(local / DAY_MS);
        const i = dn - baseDay;
        if (!(i >= 0 && i < dayCount)) badInstant(t);
        if (working[i] === 1 && local - dn * DAY_MS < cutoffMs) return (cumWork[i]! + 1) * W;
        return (cumWork[i + 1]! + 1) * W;
      }
      default:
        invalid(
          'invalid_duration',
          `Loại thời hạn không hợp lệ: ${String((duration as { kind?: unknown })?.kind)}`,
        );
    }
    const p = positionOf(t);
    if (amount === 0) return -p - 1;
    const target = p + amount;
    if (target > totalWork) outOfRange();
    return target;
  }

  function instantOfEncoded(e: number): number {
    return e >= 0 ? instantAtEnd(e) : instantAtStart(-e - 1);
  }

  function timeOf(at: Date): number {
    if (!(at instanceof Date)) invalidInstant();
    return at.getTime();
  }

  function dueAt(from: Date, duration: Duration): Date {
    return new Date(instantOfEncoded(duePosition(timeOf(from), duration)));
  }

  function addWorkingMinutes(from: Date, minutes: number): Date {
    if (typeof minutes !== 'number' || !(minutes >= 0) || minutes === Number.POSITIVE_INFINITY) {
      badDuration(minutes);
    }
    const p = positionOf(timeOf(from));
    const amount = Math.round(minutes * MINUTE_MS);
    if (amount === 0) return new Date(instantAtStart(p));
    if (p + amount > totalWork) outOfRange();
    return new Date(instantAtEnd(p + amount));
  }

  function effectiveStart(at: Date): Date {
    return new Date(instantAtStart(positionOf(timeOf(at))));
  }

  function elapsedWorkingMinutes(from: Date, to: Date): number {
    const a = timeOf(from);
    const b = timeOf(to);
    if (Number.isNaN(a)) badInstant(a);
    if (Number.isNaN(b)) badInstant(b);
    if (b <= a) return 0;
    return (positionOf(b) - positionOf(a)) / MINUTE_MS;
  }

  // ---- day queries ----------------------------------------------------------------------------

  function dayInfoOf(dn: number): DayInfo {
    const row = rows.get(dn);
    if (row) {
      return row.kind === 'holiday'
        ? { working: false, reason: 'holiday', name: row.name }
        : { working: true, reason: 'workday', name: row.name };
    }
    return weekdayWorking[isoWeekdayOf(dn)] === 1
      ? { working: true, reason: 'weekday' }
      : { working: false, reason: 'weekend' };
  }

  function nextWorkingDay(date: LocalDate): LocalDate {
    const dn = dayNumberOfLocalDate(date);
    const i = dn - baseDay;
    if (i >= -1 && i < dayCount) {
      const k = i < 0 ? 0 : cumWork[i + 1]!;
      if (k < workCount) return localDateOfDayNumber(baseDay + workDays[k]!);
      outOfRange();
    }
    // Outside the indexed range: walk (a working day exists at most a week away unless rows say otherwise).
    for (let d = dn + 1; d <= dn + 3660; d++) if (dayInfoOf(d).working) return localDateOfDayNumber(d);
    return outOfRange();
  }

  // ---- explanation (slow path) ----------------------------------------------------------------

  const dayMinutes = W / MINUTE_MS;
  const describeDay = (dn: number) => {
    const wd = isoWeekdayOf(dn);
    return { dmy: formatDmy(dn), vi: WEEKDAY_VI[wd - 1]!, en: WEEKDAY_EN[wd - 1]!, wd };
  };
  const localParts = (t: number) => {
    const local = t + offsetMs;
    const dn = Math.floor(local / DAY_MS);
    return { dn, tod: local - dn * DAY_MS };
  };

  function dueDate(from: Date, duration: Duration): DueResult {
    const t = timeOf(from);
    const encoded = duePosition(t, duration);
    const startPos = positionOf(t);
    const startMs = instantAtStart(startPos);
    const dueMs = instantOfEncoded(encoded);
    const duePos = encoded >= 0 ? encoded : startPos;
    const workingMinutes = Math.max(0, duePos - startPos) / MINUTE_MS;
    const explanation: ExplanationEntry[] = [];

    const rec = localParts(t);
    const eff = localParts(startMs);
    const due = localParts(dueMs);
    const recDay = describeDay(rec.dn);
    const effDay = describeDay(eff.dn);
    const recInfo = dayInfoOf(rec.dn);
    const recDate = localDateOfDayNumber(rec.dn);
    const moved = startMs !== t;
    const sameDayRule = duration.kind === 'sameDay';
    const calendarDaysRule = calendarDaysMode && duration.kind === 'workingDays';
    const wholeDays = duration.kind === 'workingDays' ? Math.ceil(duration.days) : 0;

    let startVi = `Tiếp nhận lúc ${formatHm(rec.tod)} ngày ${recDay.dmy} (${recDay.vi}).`;
    let startEn = `Received at ${formatHm(rec.tod)} on ${recDay.dmy} (${recDay.en}).`;
    if (moved) {
      startVi += ` Thời gian làm việc bắt đầu tính từ ${formatHm(eff.tod)} ngày ${effDay.dmy} (${effDay.vi}).`;
      startEn += ` Working time starts at ${formatHm(eff.tod)} on ${effDay.dmy} (${effDay.en}).`;
    } else {
      startVi += ' Bắt đầu tính ngay (trong giờ làm việc).';
      startEn += ' Counting starts immediately (within working hours).';
    }
    if (calendarDaysRule && wholeDays > 0) {
      startVi += ` Tính theo ngày làm việc: ngày tiếp nhận không tính, hạn là cuối ngày làm việc thứ ${wholeDays} sau ngày tiếp nhận.`;
      startEn += ` Counted in whole working days: the reception day does not count; due at the end of working day no. ${wholeDays} after it.`;
    }
    explanation.push({ date: recDate, kind: 'start', text: startVi, textEn: startEn });

    if (moved && recInfo.working) {
      if (rec.tod < firstStart) {
        explanation.push({
          date: recDate,
          kind: 'after_hours',
          text: `Nhận trước giờ làm việc (mở cửa lúc ${formatHm(firstStart)}) — bắt đầu tính từ ${formatHm(eff.tod)} cùng ngày.`,
          textEn: `Received before opening time (${formatHm(firstStart)}) — counting starts at ${formatHm(eff.tod)} the same day.`,
        });
      } else if (rec.tod >= lastEnd) {
        explanation.push({
          date: recDate,
          kind: 'after_hours',
          text: `Nhận sau giờ làm việc (sau ${formatHm(lastEnd)}) — bắt đầu tính từ ${formatHm(eff.tod)} ngày làm việc tiếp theo ${effDay.dmy} (${effDay.vi}).`,
          textEn: `Received after working hours (after ${formatHm(lastEnd)}) — counting starts at ${formatHm(eff.tod)} on the next working day, ${effDay.dmy} (${effDay.en}).`,
        });
      } else {
        explanation.push({
          date: recDate,
          kind: 'lunch',
          text: `Nhận trong giờ nghỉ giữa hai buổi làm việc — bắt đầu tính từ ${formatHm(eff.tod)} cùng ngày.`,
          textEn: `Received during the break between sessions — counting starts at ${formatHm(eff.tod)} the same day.`,
        });
      }
    }

    if (sameDayRule) {
      const cutoff = formatHm(cutoffMs);
      const sameDay = due.dn === rec.dn;
      explanation.push({
        date: recDate,
        kind: 'cutoff',
        text: sameDay
          ? `Thủ tục giải quyết trong ngày: nhận trước ${cutoff} ngày làm việc — trả kết quả trong ngày.`
          : recInfo.working
            ? `Thủ tục giải quyết trong ngày: nhận từ ${cutoff} trở đi — trả kết quả trong ngày làm việc tiếp theo.`
            : 'Thủ tục giải quyết trong ngày: nhận vào ngày nghỉ — trả kết quả trong ngày làm việc tiếp theo.',
        textEn: sameDay
          ? `Same-day procedure: received before ${cutoff} on a working day — result the same day.`
          : recInfo.working
            ? `Same-day procedure: received at or after ${cutoff} — result on the next working day.`
            : 'Same-day procedure: received on a non-working day — result on the next working day.',
      });
    }

    // Every non-working day from the reception day to the due day, and the make-up days counted.
    for (let dn = rec.dn; dn <= due.dn; dn++) {
      const info = dayInfoOf(dn);
      const date = localDateOfDayNumber(dn);
      const d = describeDay(dn);
      if (!info.working) {
        if (info.reason === 'holiday') {
          const name = info.name ?? '';
          explanation.push({
            date,
            kind: 'holiday',
            name,
            text: `${d.dmy} (${d.vi}): ${holidayPhraseVi(name)} — không tính`,
            textEn: `${d.dmy} (${d.en}): public holiday (${name}) — not counted`,
          });
        } else {
          const weekendWord = d.wd >= 6;
          explanation.push({
            date,
            kind: 'weekend',
            text: `${d.dmy} (${d.vi}): ${weekendWord ? 'nghỉ cuối tuần' : 'ngày nghỉ hằng tuần'} — không tính`,
            textEn: `${d.dmy} (${d.en}): ${weekendWord ? 'weekend' : 'weekly day off'} — not counted`,
          });
        }
      } else if (info.reason === 'workday' && dn >= eff.dn) {
        const name = info.name ?? '';
        explanation.push({
          date,
          kind: 'workday',
          name,
          text: `${d.dmy} (${d.vi}): ngày làm bù (${name}) — có tính`,
          textEn: `${d.dmy} (${d.en}): make-up working day (${name}) — counted`,
        });
      }
    }

    const dueDay = describeDay(due.dn);
    explanation.push({
      date: localDateOfDayNumber(due.dn),
      kind: 'due',
      text: `Hạn giải quyết: ${formatHm(due.tod)} ngày ${dueDay.dmy} (${dueDay.vi}) — đã tính ${formatAmountVi(workingMinutes, dayMinutes)}.`,
      textEn: `Due at ${formatHm(due.tod)} on ${dueDay.dmy} (${dueDay.en}) — ${formatAmountEn(workingMinutes, dayMinutes)} counted.`,
    });

    return {
      from: new Date(t),
      effectiveStart: new Date(startMs),
      dueAt: new Date(dueMs),
      workingMinutes,
      explanation,
    };
  }

  const frozen = freezeSettings(s);
  return {
    settings: frozen,
    dayInfo: (date: LocalDate) => dayInfoOf(dayNumberOfLocalDate(date)),
    isWorkingDay: (date: LocalDate) => dayInfoOf(dayNumberOfLocalDate(date)).working,
    effectiveStart,
    dueDate,
    dueAt,
    addWorkingMinutes,
    elapsedWorkingMinutes,
    nextWorkingDay,
  };
}

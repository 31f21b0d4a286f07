import { describe, expect, it } from 'vitest';
import {
  applicantOf,
  documentsOf,
  formatMinutes,
  formatShortDateTime,
  isRecord,
  STATUS_COLOR,
  staffUnits,
  stepLabel,
  stepTimelinessColor,
  timelinessColor,
  timelinessKey,
  toVietnamLocalInput,
  URGENCY_COLOR,
} from './dossier';
import { translator } from './test-i18n';

type Timeliness = Parameters<typeof timelinessColor>[0];
type View = Parameters<typeof applicantOf>[0];

describe('colours and keys', () => {
  it.each([
    [{ kind: 'resolved', value: 'early' }, 'green', 'timeliness.early'],
    [{ kind: 'resolved', value: 'on_time' }, 'green', 'timeliness.on_time'],
    [{ kind: 'resolved', value: 'late' }, 'red', 'timeliness.late'],
    [{ kind: 'in_progress', value: 'not_due' }, 'green', 'timeliness.not_due'],
    [{ kind: 'in_progress', value: 'due_soon' }, 'orange', 'timeliness.due_soon'],
    [{ kind: 'in_progress', value: 'overdue' }, 'red', 'timeliness.overdue'],
    [{ kind: 'in_progress', value: 'paused' }, 'gray', 'timeliness.paused'],
    [{ kind: 'closed' }, 'gray', 'timeliness.closed'],
  ])('%j → %s, %s', (timeliness, color, key) => {
    expect(timelinessColor(timeliness as Timeliness)).toBe(color);
    expect(timelinessKey(timeliness as Timeliness)).toBe(key);
  });

  it('colours a step by its own timeliness, grey while it runs', () => {
    expect(stepTimelinessColor('late')).toBe('red');
    expect(stepTimelinessColor('early')).toBe('green');
    expect(stepTimelinessColor('on_time')).toBe('green');
    expect(stepTimelinessColor(null)).toBe('gray');
  });

  it('has a colour for every status and every urgency', () => {
    for (const status of [
      'in_progress',
      'paused',
      'resolved',
      'returned',
      'refused',
      'withdrawn',
      'cancelled',
    ])
      expect(STATUS_COLOR[status]).toBeTruthy();
    expect(Object.keys(URGENCY_COLOR).sort()).toEqual(['closed', 'ok', 'overdue', 'paused', 'soon']);
  });
});

describe('step labels', () => {
  const vi = translator('vi');
  const en = translator('en');

  it('takes the name the server gives in Vietnamese', () => {
    expect(stepLabel('xu_ly', vi, 'Phòng Tư pháp thẩm định', 'vi')).toBe('Phòng Tư pháp thẩm định');
  });

  it('translates a known code in another language, else spaces the code out', () => {
    expect(stepLabel('tiep_nhan', en, 'Tiếp nhận hồ sơ', 'en')).toBe('Reception');
    expect(stepLabel('buoc_moi', en, null, 'en')).toBe('buoc moi');
    expect(stepLabel('buoc_moi', en, 'Bước mới', 'en')).toBe('Bước mới');
  });

  it('shows the name, or a dash, when there is no code', () => {
    expect(stepLabel(null, vi, 'Tiếp nhận')).toBe('Tiếp nhận');
    expect(stepLabel(undefined, vi)).toBe('—');
  });
});

describe('reading a dossier view', () => {
  it('reads the applicant and the documents, tolerating what is not there', () => {
    const view = {
      applicant: { fullName: 'Nguyễn Văn An', phone: '0912345678' },
      documents: [{ name: 'Tờ khai' }],
    } as unknown as View;
    expect(applicantOf(view)).toEqual({ fullName: 'Nguyễn Văn An', phone: '0912345678' });
    expect(documentsOf(view)).toEqual([{ name: 'Tờ khai' }]);
    const empty = { applicant: null, documents: null } as unknown as View;
    expect(applicantOf(empty)).toEqual({});
    expect(documentsOf(empty)).toEqual([]);
  });

  it('tells a plain record from arrays and null', () => {
    expect(isRecord({ a: 1 })).toBe(true);
    expect(isRecord([])).toBe(false);
    expect(isRecord(null)).toBe(false);
    expect(isRecord('x')).toBe(false);
  });
});

describe('durations and times', () => {
  const vi = translator('vi');
  const en = translator('en');

  it.each([
    [45, vi, '45 phút'],
    [60, vi, '1 giờ'],
    [135, vi, '2 giờ 15 phút'],
    [1, en, '1 minute'],
    [120, en, '2 hours'],
    [61, en, '1 hour 1 minute'],
  ])('%d minutes → %s', (minutes, t, text) => {
    expect(formatMinutes(minutes, t)).toBe(text);
  });

  it('writes an instant as a datetime-local value in Vietnam time', () => {
    expect(toVietnamLocalInput('2026-02-16T02:30:00Z')).toBe('2026-02-16T09:30');
    expect(toVietnamLocalInput('2026-02-15T17:05:00Z')).toBe('2026-02-16T00:05');
    expect(toVietnamLocalInput('not a time')).toBe('');
  });

  it('writes a short date and time for table cells', () => {
    expect(formatShortDateTime('2026-02-16T02:30:00Z', 'vi')).toBe('16/02/2026 09:30');
    expect(formatShortDateTime('2026-02-16T02:30:00Z', 'en')).toBe('16 Feb 2026 09:30');
    expect(formatShortDateTime(null, 'vi')).toBe('—');
    expect(formatShortDateTime('bad', 'en')).toBe('bad');
  });
});

describe('staff units', () => {
  it('lists each unit where the user holds a staff role once, citizens’ roles left out', () => {
    const me = {
      roles: [
        { role: 'receptionist', unitCode: 'UBND-X', unitName: 'UBND xã X' },
        { role: 'specialist', unitCode: 'UBND-X', unitName: 'UBND xã X' },
        { role: 'leader', unitCode: 'SO-TP', unitName: null },
        { role: 'citizen', unitCode: 'UBND-Y', unitName: 'UBND xã Y' },
        { role: 'admin', unitCode: null, unitName: null },
      ],
    } as unknown as Parameters<typeof staffUnits>[0];
    expect(staffUnits(me)).toEqual([
      { code: 'UBND-X', name: 'UBND xã X' },
      { code: 'SO-TP', name: 'SO-TP' },
    ]);
    expect(staffUnits(null)).toEqual([]);
    expect(staffUnits(undefined)).toEqual([]);
  });
});

import type { TFunction } from 'i18next';
import type {
  ApplicantInput,
  DossierDocument,
  DossierTimeLeft,
  DossierTimeliness,
  DossierView,
} from '../api/dossiers';
import type { Me } from '../api/auth';
import { VN_TIME_ZONE } from './format';

/** How pressing an open dossier is, for the inbox colours (always shown with a text label too). */
export type Urgency = 'paused' | 'ok' | 'soon' | 'overdue' | 'closed';

export const URGENCY_COLOR: Record<Urgency, string> = {
  paused: 'gray',
  ok: 'green',
  soon: 'orange',
  overdue: 'red',
  closed: 'blue',
};

const HOUR_MINUTES = 60;
const DAY_MINUTES = 24 * HOUR_MINUTES;

export interface TimeLeft {
  urgency: Urgency;
  /** "còn 2 ngày làm việc", "quá hạn 3 giờ"… */
  text: string;
  /** "Trong hạn", "Sắp đến hạn", "Quá hạn", "Tạm dừng" */
  label: string;
}

/**
 * Words and urgency for the time a dossier has left, as the server counted it in the unit's working
 * calendar when it answered (`timeLeft`: holidays and make-up days included; this only formats it).
 * Overdue in minutes, hours, then days; due today in working hours; later in working days. Within
 * one working day counts as "soon". A running dossier whose due moment has passed since the answer
 * (`now` after `dueAt`) shows as overdue without waiting for the next answer.
 */
export function timeLeft(
  item: { status: string; dueAt: string; timeLeft: DossierTimeLeft },
  t: TFunction,
  now: Date = new Date(),
): TimeLeft {
  const left = item.timeLeft;
  if (left.state === 'closed')
    return {
      urgency: 'closed',
      text: '',
      label: t(`dossierStatus.${item.status}`, { defaultValue: item.status }),
    };
  if (left.state === 'paused') {
    return { urgency: 'paused', text: t('timeLeft.paused'), label: t('urgency.paused') };
  }
  const passed = now.getTime() - new Date(item.dueAt).getTime();
  const lateMinutes =
    left.state === 'overdue' ? left.lateMinutes : passed > 0 ? Math.floor(passed / 60_000) : null;
  if (lateMinutes !== null) {
    const text =
      lateMinutes < HOUR_MINUTES
        ? t('timeLeft.lateMinutes', { count: Math.max(1, lateMinutes) })
        : lateMinutes < DAY_MINUTES
          ? t('timeLeft.lateHours', { count: Math.floor(lateMinutes / HOUR_MINUTES) })
          : t('timeLeft.lateDays', { count: Math.floor(lateMinutes / DAY_MINUTES) });
    return { urgency: 'overdue', text, label: t('urgency.overdue') };
  }
  if (left.workingDays === 0) {
    const text =
      left.workingMinutes < HOUR_MINUTES
        ? t('timeLeft.minutes', { count: Math.max(1, Math.floor(left.workingMinutes)) })
        : t('timeLeft.hours', { count: Math.floor(left.workingMinutes / HOUR_MINUTES) });
    return { urgency: 'soon', text, label: t('urgency.soon') };
  }
  const days = Math.max(1, left.workingDays);
  return {
    urgency: days <= 1 ? 'soon' : 'ok',
    text: t('timeLeft.workingDays', { count: days }),
    label: days <= 1 ? t('urgency.soon') : t('urgency.ok'),
  };
}

export const STATUS_COLOR: Record<string, string> = {
  in_progress: 'blue',
  paused: 'gray',
  resolved: 'teal',
  returned: 'green',
  refused: 'red',
  withdrawn: 'orange',
  cancelled: 'gray',
};

export function timelinessColor(timeliness: DossierTimeliness): string {
  if (timeliness.kind === 'closed') return 'gray';
  switch (timeliness.value) {
    case 'early':
    case 'on_time':
    case 'not_due':
      return 'green';
    case 'due_soon':
      return 'orange';
    case 'late':
    case 'overdue':
      return 'red';
    default:
      return 'gray';
  }
}

export function timelinessKey(timeliness: DossierTimeliness): string {
  return timeliness.kind === 'closed' ? 'timeliness.closed' : `timeliness.${timeliness.value}`;
}

/** A step's own timeliness ("early" | "on_time" | "late" | null while running). */
export function stepTimelinessColor(value: string | null): string {
  if (value === 'late') return 'red';
  if (value === 'early' || value === 'on_time') return 'green';
  return 'gray';
}

/**
 * A step as shown to people: the name the server gives (from the process definition, in Vietnamese);
 * in another language, or when no name is at hand, a known translation of the code, else the code spaced out.
 */
export function stepLabel(
  code: string | null | undefined,
  t: TFunction,
  name?: string | null,
  lang = 'vi',
): string {
  if (!code) return name || '—';
  if (name && lang === 'vi') return name;
  return t(`dossierStep.${code}`, { defaultValue: name || code.replace(/_/g, ' ') });
}

export function applicantOf(view: DossierView): Partial<ApplicantInput> {
  const a = view.applicant;
  return a && typeof a === 'object' ? (a as Partial<ApplicantInput>) : {};
}

export function documentsOf(view: DossierView): DossierDocument[] {
  return Array.isArray(view.documents) ? (view.documents as DossierDocument[]) : [];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "2 giờ 15 phút" from minutes. */
export function formatMinutes(minutes: number, t: TFunction): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  if (h === 0) return t('duration.minutes', { count: m });
  if (m === 0) return t('duration.hours', { count: h });
  return `${t('duration.hours', { count: h })} ${t('duration.minutes', { count: m })}`;
}

/** A datetime-local value (Vietnam wall time) for an instant. */
export function toVietnamLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: VN_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** The units where the user holds a staff role, as code and name. */
export function staffUnits(me: Me | null | undefined): { code: string; name: string }[] {
  const map = new Map<string, string>();
  for (const r of me?.roles ?? []) {
    if (r.role !== 'citizen' && r.unitCode) map.set(r.unitCode, r.unitName ?? r.unitCode);
  }
  return [...map].map(([code, name]) => ({ code, name }));
}

/** "24/11/2026 09:30" (vi) / "24 Nov 2026 09:30" (en), Vietnam time: short enough for a table cell. */
export function formatShortDateTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  const value = new Date(iso);
  if (Number.isNaN(value.getTime())) return iso;
  const loc = lang === 'en' ? 'en-GB' : 'vi-VN';
  const day = new Intl.DateTimeFormat(loc, {
    timeZone: VN_TIME_ZONE,
    day: '2-digit',
    month: lang === 'en' ? 'short' : '2-digit',
    year: 'numeric',
  }).format(value);
  const time = new Intl.DateTimeFormat(loc, {
    timeZone: VN_TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(value);
  return `${day} ${time}`;
}

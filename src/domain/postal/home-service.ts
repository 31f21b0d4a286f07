/**
 * Home service (thu nhận hồ sơ và trả kết quả tại nhà): an officer of the commune goes to a person
 * who cannot travel (elderly, disabled, ill) to collect a dossier (`pickup`) or bring the result
 * (`return`). Requests are scheduled and followed like postal shipments. Pure.
 */
import { localDateOf, TIME_ZONE } from '../calendar/index.ts';

export const HOME_SERVICE_KINDS = ['pickup', 'return'] as const;
export type HomeServiceKind = (typeof HOME_SERVICE_KINDS)[number];

export const HOME_SERVICE_CHANNELS = ['online', 'hotline', 'counter'] as const;
export type HomeServiceChannel = (typeof HOME_SERVICE_CHANNELS)[number];

export const HOME_SERVICE_REASONS = ['elderly', 'disabled', 'ill', 'other'] as const;
export type HomeServiceReason = (typeof HOME_SERVICE_REASONS)[number];

export const HOME_SERVICE_STATUSES = ['requested', 'scheduled', 'done', 'failed', 'cancelled'] as const;
export type HomeServiceStatus = (typeof HOME_SERVICE_STATUSES)[number];

/**
 * Where each status may go next: a request is scheduled (again, to reschedule), then done or
 * failed; a failed visit may be scheduled again; an open request may be cancelled.
 */
export const NEXT_HOME_SERVICE_STATUSES = {
  requested: ['scheduled', 'cancelled'],
  scheduled: ['scheduled', 'done', 'failed', 'cancelled'],
  failed: ['scheduled'],
  done: [],
  cancelled: [],
} as const satisfies Record<HomeServiceStatus, readonly HomeServiceStatus[]>;

export const HOME_SERVICE_STATUS_LABELS: Record<HomeServiceStatus, string> = {
  requested: 'Chờ hẹn lịch',
  scheduled: 'Đã hẹn lịch',
  done: 'Đã thực hiện',
  failed: 'Không thực hiện được',
  cancelled: 'Đã hủy',
};

export function canMoveHomeService(from: HomeServiceStatus, to: HomeServiceStatus): boolean {
  return (NEXT_HOME_SERVICE_STATUSES[from] as readonly HomeServiceStatus[]).includes(to);
}

export function isFinalHomeService(status: HomeServiceStatus): boolean {
  return NEXT_HOME_SERVICE_STATUSES[status].length === 0;
}

/** `TN-YYYYMMDD-`: the prefix of the codes given on the local (Vietnam) day of `at`. */
export function homeServiceCodePrefix(at: Date, timeZone = TIME_ZONE): string {
  return `TN-${localDateOf(at, timeZone).replaceAll('-', '')}-`;
}

/** The code of the `sequence`-th request of the day: TN-20261207-003 (more digits past 999). */
export function homeServiceCode(at: Date, sequence: number, timeZone = TIME_ZONE): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`sequence ${sequence}`);
  return `${homeServiceCodePrefix(at, timeZone)}${String(sequence).padStart(3, '0')}`;
}

export const HOME_SERVICE_CODE = /^TN-\d{8}-\d{3,}$/;

export function isHomeServiceCode(code: string): boolean {
  return HOME_SERVICE_CODE.test(code);
}

/** Why an appointment cannot be made for `scheduledAt` at `now`, or null when it can (strictly later). */
export function scheduleProblem(scheduledAt: Date, now: Date): string | null {
  if (Number.isNaN(scheduledAt.getTime())) return 'Thời điểm hẹn không hợp lệ';
  if (scheduledAt.getTime() <= now.getTime()) return 'Thời điểm hẹn phải ở tương lai';
  return null;
}

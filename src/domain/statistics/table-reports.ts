/**
 * The reports besides form 06 (issue "Statistics that can be trusted", §3): satisfaction, online and
 * cashless shares, the public postal service, digitisation, per-officer workload and timeliness,
 * feedback. Each is a table: a row per unit, field, procedure, officer (or feedback category) and a
 * total, every rate with its numerator and denominator. The formulas are here, pure; the columns
 * (with their Vietnamese and English headings) are shared by the API, the exports and the screens.
 * Shared with the web app: no I/O.
 */
import type { ActivityVector } from './activity.ts';
import { type Ratio, ratio } from './processing.ts';

export type Figure = number | Ratio | null;
export type Figures = Record<string, Figure>;

export interface ColumnSpec {
  key: string;
  vi: string;
  en: string;
  /** How to show it: a count, a sum of money (đồng), a rate (numerator / denominator). */
  kind: 'count' | 'amount' | 'rate';
  /** A value as of now (the officer's dossiers in hand), not a flow of the period. */
  current?: boolean;
}

export const TABLE_REPORT_KINDS = [
  'ratings',
  'online',
  'postal',
  'digitization',
  'officers',
  'feedback',
  'assisted',
  'service-days',
] as const;
export type TableReportKind = (typeof TABLE_REPORT_KINDS)[number];

export type TableGroupBy =
  | 'unit'
  | 'field'
  | 'procedure'
  | 'officer'
  | 'category'
  | 'source'
  | 'team'
  | 'village';

/** The reports not read from the activity roll-ups. */
export type ActivityReportKind = Exclude<TableReportKind, 'feedback' | 'assisted' | 'service-days'>;

export interface TableReportSpec {
  kind: TableReportKind;
  title: { vi: string; en: string };
  /** The groupings offered; the first is the default. */
  groupBy: readonly TableGroupBy[];
  columns: readonly ColumnSpec[];
}

const count = (key: string, vi: string, en: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  key,
  vi,
  en,
  kind: 'count',
  ...extra,
});
const rate = (key: string, vi: string, en: string): ColumnSpec => ({ key, vi, en, kind: 'rate' });
const amount = (key: string, vi: string, en: string): ColumnSpec => ({ key, vi, en, kind: 'amount' });

export const TABLE_REPORTS: Record<TableReportKind, TableReportSpec> = {
  ratings: {
    kind: 'ratings',
    title: { vi: 'Mức độ hài lòng', en: 'Satisfaction' },
    groupBy: ['unit', 'officer', 'procedure', 'field'],
    columns: [
      count('rated', 'Lượt đánh giá', 'Ratings'),
      count('verySatisfied', 'Rất hài lòng', 'Very satisfied'),
      count('satisfied', 'Hài lòng', 'Satisfied'),
      count('neutral', 'Bình thường', 'Neutral'),
      count('notSatisfied', 'Không hài lòng', 'Not satisfied'),
      rate('satisfactionRate', 'Tỷ lệ hài lòng', 'Satisfaction rate'),
    ],
  },
  online: {
    kind: 'online',
    title: { vi: 'Trực tuyến và thanh toán không dùng tiền mặt', en: 'Online and cashless' },
    groupBy: ['unit', 'procedure', 'field'],
    columns: [
      count('received', 'Hồ sơ tiếp nhận', 'Received'),
      count('receivedOnline', 'Tiếp nhận trực tuyến', 'Received online'),
      rate('onlineRate', 'Tỷ lệ trực tuyến', 'Online rate'),
      count('paid', 'Lượt nộp phí, lệ phí', 'Fees paid'),
      count('paidCashless', 'Không dùng tiền mặt', 'Paid without cash'),
      rate('cashlessRate', 'Tỷ lệ không dùng tiền mặt', 'Cashless rate'),
      amount('paidAmount', 'Số tiền đã thu (đồng)', 'Amount collected (VND)'),
      amount('paidCashlessAmount', 'Thu không dùng tiền mặt (đồng)', 'Collected without cash (VND)'),
    ],
  },
  postal: {
    kind: 'postal',
    title: { vi: 'Dịch vụ bưu chính công ích', en: 'Public postal service' },
    groupBy: ['unit', 'procedure', 'field'],
    columns: [
      count('received', 'Hồ sơ tiếp nhận', 'Received'),
      count('receivedPostal', 'Tiếp nhận qua BCCI', 'Received by post'),
      rate('postalReceivedRate', 'Tỷ lệ tiếp nhận qua BCCI', 'Share received by post'),
      count('returned', 'Kết quả đã trả', 'Results returned'),
      count('returnedPostal', 'Trả kết quả qua BCCI', 'Returned by post'),
      rate('postalReturnRate', 'Tỷ lệ trả qua BCCI', 'Share returned by post'),
      count('returnedOnline', 'Trả kết quả trực tuyến', 'Returned online'),
    ],
  },
  digitization: {
    kind: 'digitization',
    title: { vi: 'Số hóa hồ sơ, kết quả', en: 'Digitisation' },
    groupBy: ['unit', 'procedure', 'field'],
    columns: [
      count('received', 'Hồ sơ tiếp nhận', 'Received'),
      count('receivedDigitized', 'Số hóa khi tiếp nhận', 'Digitised at reception'),
      rate('receptionDigitizedRate', 'Tỷ lệ số hóa hồ sơ', 'Dossiers digitised'),
      count('resolved', 'Hồ sơ đã giải quyết', 'Resolved'),
      count('resultDigitized', 'Kết quả điện tử', 'Electronic results'),
      rate('resultDigitizedRate', 'Tỷ lệ số hóa kết quả', 'Results digitised'),
    ],
  },
  officers: {
    kind: 'officers',
    title: { vi: 'Khối lượng và tiến độ theo cán bộ', en: 'Workload and timeliness by officer' },
    groupBy: ['officer'],
    columns: [
      count('received', 'Hồ sơ tiếp nhận', 'Received'),
      count('stepsDone', 'Bước đã xử lý', 'Steps done'),
      count('stepsEarly', 'Trước hạn', 'Early'),
      count('stepsOnTime', 'Đúng hạn', 'On time'),
      count('stepsLate', 'Quá hạn', 'Late'),
      rate('stepOnTimeRate', 'Tỷ lệ đúng hạn', 'On-time rate'),
      count('resolved', 'Hồ sơ giải quyết', 'Resolved'),
      count('returned', 'Trả kết quả', 'Returned'),
      count('supplementRequests', 'Yêu cầu bổ sung', 'Supplement requests'),
      count('apologies', 'Phiếu xin lỗi', 'Apologies'),
      count('rated', 'Lượt đánh giá', 'Ratings'),
      rate('satisfactionRate', 'Tỷ lệ hài lòng', 'Satisfaction rate'),
      count('inHandNow', 'Đang giữ (hiện tại)', 'In hand now', { current: true }),
      count('overdueNow', 'Đang quá hạn (hiện tại)', 'Overdue now', { current: true }),
    ],
  },
  feedback: {
    kind: 'feedback',
    title: { vi: 'Phản ánh, kiến nghị', en: 'Feedback and complaints' },
    groupBy: ['unit', 'category', 'source'],
    columns: [
      count('received', 'Tiếp nhận', 'Received'),
      count('answered', 'Đã trả lời', 'Answered'),
      count('answeredOnTime', 'Trả lời đúng hạn', 'Answered on time'),
      count('answeredLate', 'Trả lời quá hạn', 'Answered late'),
      rate('answeredOnTimeRate', 'Tỷ lệ trả lời đúng hạn', 'Answered on time (rate)'),
      count('open', 'Chưa trả lời cuối kỳ', 'Unanswered at the end'),
      count('overdue', 'Quá hạn chưa trả lời', 'Unanswered and overdue'),
    ],
  },
  assisted: {
    kind: 'assisted',
    title: {
      vi: 'Hỗ trợ nộp hồ sơ trực tuyến (tổ công nghệ số cộng đồng)',
      en: 'Assisted online submissions',
    },
    groupBy: ['team', 'village', 'unit', 'officer'],
    columns: [
      count('submitted', 'Hồ sơ nộp thay', 'Submitted for citizens'),
      count('citizens', 'Người dân được hỗ trợ', 'Citizens helped'),
      count('accepted', 'Đã tiếp nhận', 'Accepted'),
      count('refused', 'Bị từ chối', 'Refused'),
      count('waiting', 'Chờ tiếp nhận (hiện tại)', 'Awaiting reception (now)', { current: true }),
      rate('acceptedRate', 'Tỷ lệ được tiếp nhận', 'Accepted rate'),
    ],
  },
  'service-days': {
    kind: 'service-days',
    title: { vi: 'Ngày không hẹn, ngày không viết', en: 'No-appointment and no-writing days' },
    groupBy: ['unit'],
    columns: [
      count('noAppointmentDays', 'Số ngày không hẹn', 'No-appointment days'),
      count('sameDayReceived', 'Hồ sơ trong ngày đã nhận', 'Same-day dossiers received'),
      count('sameDayResolved', 'Giải quyết ngay trong ngày', 'Resolved while waiting'),
      rate('sameDayResolvedRate', 'Tỷ lệ giải quyết trong ngày', 'Resolved the same day (rate)'),
      count('noWritingDays', 'Số ngày không viết', 'No-writing days'),
      count('noWritingReceived', 'Hồ sơ tại quầy ngày không viết', 'Counter dossiers on no-writing days'),
    ],
  },
};

export type RatingCounts = Record<'very_satisfied' | 'satisfied' | 'neutral' | 'not_satisfied', number>;

/** Ratings by level, from activity. */
export function ratingCounts(v: ActivityVector): RatingCounts {
  return {
    very_satisfied: v.ratedVerySatisfied,
    satisfied: v.ratedSatisfied,
    neutral: v.ratedNeutral,
    not_satisfied: v.ratedNotSatisfied,
  };
}

/** Satisfied = very satisfied + satisfied, among all ratings given. */
export function satisfactionRate(v: ActivityVector): Ratio {
  const rated = v.ratedVerySatisfied + v.ratedSatisfied + v.ratedNeutral + v.ratedNotSatisfied;
  return ratio(v.ratedVerySatisfied + v.ratedSatisfied, rated);
}

/** Fees paid without cash (gateway, bank transfer) among fees paid. */
export function cashlessRate(v: ActivityVector): Ratio {
  return ratio(v.paidCashless, v.paidCash + v.paidCashless);
}

/** The figures of an activity report's row (or total) from its activity. */
export function activityFigures(kind: ActivityReportKind, v: ActivityVector): Figures {
  const rated = v.ratedVerySatisfied + v.ratedSatisfied + v.ratedNeutral + v.ratedNotSatisfied;
  const returned = v.returnedCounter + v.returnedPostal + v.returnedOnline;
  switch (kind) {
    case 'ratings':
      return {
        rated,
        verySatisfied: v.ratedVerySatisfied,
        satisfied: v.ratedSatisfied,
        neutral: v.ratedNeutral,
        notSatisfied: v.ratedNotSatisfied,
        satisfactionRate: satisfactionRate(v),
      };
    case 'online':
      return {
        received: v.received,
        receivedOnline: v.receivedOnline,
        onlineRate: ratio(v.receivedOnline, v.received),
        paid: v.paidCash + v.paidCashless,
        paidCashless: v.paidCashless,
        cashlessRate: cashlessRate(v),
        paidAmount: v.paidCashAmount + v.paidCashlessAmount,
        paidCashlessAmount: v.paidCashlessAmount,
      };
    case 'postal':
      return {
        received: v.received,
        receivedPostal: v.receivedPostal,
        postalReceivedRate: ratio(v.receivedPostal, v.received),
        returned,
        returnedPostal: v.returnedPostal,
        postalReturnRate: ratio(v.returnedPostal, returned),
        returnedOnline: v.returnedOnline,
      };
    case 'digitization':
      return {
        received: v.received,
        receivedDigitized: v.receivedDigitized,
        receptionDigitizedRate: ratio(v.receivedDigitized, v.received),
        resolved: v.resolved,
        resultDigitized: v.resultDigitized,
        resultDigitizedRate: ratio(v.resultDigitized, v.resolved),
      };
    case 'officers': {
      const stepsDone = v.stepsEarly + v.stepsOnTime + v.stepsLate;
      return {
        received: v.received,
        stepsDone,
        stepsEarly: v.stepsEarly,
        stepsOnTime: v.stepsOnTime,
        stepsLate: v.stepsLate,
        stepOnTimeRate: ratio(v.stepsEarly + v.stepsOnTime, stepsDone),
        resolved: v.resolved,
        returned,
        supplementRequests: v.supplementRequests,
        apologies: v.apologies,
        rated,
        satisfactionRate: satisfactionRate(v),
        inHandNow: null,
        overdueNow: null,
      };
    }
  }
}

/** One feedback item, as far as the report needs it. */
export interface FeedbackFacts {
  createdAt: Date;
  dueAt: Date;
  answeredAt: Date | null;
  /** When it was closed without an answer (null if not, or answered). */
  closedAt: Date | null;
}

export interface FeedbackCounts {
  received: number;
  answered: number;
  answeredOnTime: number;
  answeredLate: number;
  open: number;
  overdue: number;
}

export function emptyFeedbackCounts(): FeedbackCounts {
  return { received: 0, answered: 0, answeredOnTime: 0, answeredLate: 0, open: 0, overdue: 0 };
}

/**
 * Where a feedback item falls in [start, asOf): received in it, answered in it (on time when by
 * its due time), or still unanswered at its end (overdue when its due time passed).
 */
export function countFeedback(c: FeedbackCounts, f: FeedbackFacts, start: Date, asOf: Date): void {
  const t = (d: Date | null) => (d ? d.getTime() : Number.POSITIVE_INFINITY);
  const [s, e] = [start.getTime(), asOf.getTime()];
  if (t(f.createdAt) >= s && t(f.createdAt) < e) c.received++;
  if (t(f.answeredAt) >= s && t(f.answeredAt) < e) {
    c.answered++;
    if (t(f.answeredAt) <= t(f.dueAt)) c.answeredOnTime++;
    else c.answeredLate++;
  }
  if (t(f.createdAt) < e && t(f.answeredAt) >= e && t(f.closedAt) >= e) {
    c.open++;
    if (t(f.dueAt) < e) c.overdue++;
  }
}

export function feedbackFigures(c: FeedbackCounts): Figures {
  return { ...c, answeredOnTimeRate: ratio(c.answeredOnTime, c.answered) };
}

export function addFeedbackCounts(a: FeedbackCounts, b: FeedbackCounts): FeedbackCounts {
  for (const k of Object.keys(a) as Array<keyof FeedbackCounts>) a[k] += b[k];
  return a;
}

/** One group's assisted submissions (from the online applications an assistant submitted). */
export interface AssistedCounts {
  submitted: number;
  citizens: number;
  accepted: number;
  refused: number;
  waiting: number;
}

export function assistedFigures(c: AssistedCounts): Figures {
  return { ...c, acceptedRate: ratio(c.accepted, c.accepted + c.refused) };
}

export function serviceDayFigures(c: {
  noAppointmentDays: number;
  sameDayReceived: number;
  sameDayResolved: number;
  noWritingDays: number;
  noWritingReceived: number;
}): Figures {
  return { ...c, sameDayResolvedRate: ratio(c.sameDayResolved, c.sameDayReceived) };
}

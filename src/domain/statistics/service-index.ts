/**
 * The service-quality index of Decision 766/QĐ-TTg (domain.md "The service-quality index"): five
 * groups, 100 points, each indicator a numerator over a denominator scaled to its points, full
 * points at its target. Pure: the inputs are counted elsewhere (src/services/statistics/service-index.ts).
 *
 * The group totals (18, 20, 22, 22, 18) are those of the decision. The split of a group's points
 * among its indicators and the targets are configuration, versioned by effective date: the values
 * below are our best reading, to be checked against the decision's annex (Phụ lục) and changed here
 * with the source. Where the system cannot know an input (a survey, synchronisation with the
 * national portal), the indicator is `manual`: it counts only once someone records it, and until
 * then shows "no data", never zero.
 */
import { type Ratio, ratio } from './processing.ts';

export const INDEX_GROUPS = ['publicity', 'progress', 'digitisation', 'online', 'satisfaction'] as const;
export type IndexGroup = (typeof INDEX_GROUPS)[number];

export interface IndicatorRule {
  code: string;
  group: IndexGroup;
  name: string;
  /** How it is computed, as a reader sees it. */
  formula: string;
  maxPoints: number;
  /** The ratio that earns full points (1 = 100%). */
  target: number;
  /** Counted from the data (`system`) or recorded by a person (`manual`). */
  input: 'system' | 'manual';
}

export interface IndexRules {
  effectiveFrom: string;
  source: string;
  groups: Record<IndexGroup, { name: string; maxPoints: number }>;
  indicators: IndicatorRule[];
}

export const INDEX_RULES: readonly IndexRules[] = [
  {
    effectiveFrom: '2022-08-01',
    source:
      'Quyết định 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ phê duyệt Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp (điểm nhóm theo Quyết định; điểm từng chỉ số và mục tiêu: cấu hình của Một Cửa, cần đối chiếu Phụ lục)',
    groups: {
      publicity: { name: 'Công khai, minh bạch', maxPoints: 18 },
      progress: { name: 'Tiến độ, kết quả giải quyết', maxPoints: 20 },
      digitisation: { name: 'Số hóa hồ sơ', maxPoints: 22 },
      online: { name: 'Cung cấp dịch vụ trực tuyến', maxPoints: 22 },
      satisfaction: { name: 'Mức độ hài lòng', maxPoints: 18 },
    },
    indicators: [
      {
        code: 'CK1',
        group: 'publicity',
        name: 'Thủ tục hành chính được công bố, công khai đúng hạn',
        formula: 'TTHC công bố, công khai đúng hạn / TTHC phải công bố',
        maxPoints: 6,
        target: 1,
        input: 'manual',
      },
      {
        code: 'CK2',
        group: 'publicity',
        name: 'Thủ tục hành chính được cập nhật, công khai đúng hạn khi sửa đổi',
        formula: 'TTHC sửa đổi được cập nhật đúng hạn / TTHC sửa đổi',
        maxPoints: 4,
        target: 1,
        input: 'manual',
      },
      {
        code: 'CK3',
        group: 'publicity',
        name: 'Thủ tục hành chính công khai đầy đủ các bộ phận',
        formula:
          'TTHC đơn vị tiếp nhận có đủ thành phần hồ sơ, thời hạn, căn cứ pháp lý, kết quả và không có nội dung chưa xác nhận / TTHC đơn vị tiếp nhận',
        maxPoints: 4,
        target: 1,
        input: 'system',
      },
      {
        code: 'CK4',
        group: 'publicity',
        name: 'Hồ sơ được đồng bộ lên Cổng Dịch vụ công quốc gia',
        formula: 'Hồ sơ đồng bộ / hồ sơ tiếp nhận (hệ thống chưa kết nối Cổng quốc gia: nhập tay)',
        maxPoints: 4,
        target: 1,
        input: 'manual',
      },
      {
        code: 'TD1',
        group: 'progress',
        name: 'Hồ sơ giải quyết trước hạn và đúng hạn',
        formula: '(trước hạn + đúng hạn) / đã giải quyết trong kỳ',
        maxPoints: 12,
        target: 1,
        input: 'system',
      },
      {
        code: 'TD2',
        group: 'progress',
        name: 'Hồ sơ đang giải quyết còn trong hạn',
        formula: 'đang giải quyết trong hạn / đang giải quyết cuối kỳ',
        maxPoints: 4,
        target: 1,
        input: 'system',
      },
      {
        code: 'TD3',
        group: 'progress',
        name: 'Hồ sơ không phải xin lỗi, hẹn lại',
        formula: '(đã giải quyết − có văn bản xin lỗi, hẹn lại trong kỳ) / đã giải quyết trong kỳ',
        maxPoints: 4,
        target: 1,
        input: 'system',
      },
      {
        code: 'SH1',
        group: 'digitisation',
        name: 'Hồ sơ được số hóa thành phần khi tiếp nhận',
        formula:
          'hồ sơ tiếp nhận trong kỳ đã số hóa (nộp trực tuyến, hoặc mọi thành phần được quét khi tiếp nhận) / hồ sơ tiếp nhận trong kỳ',
        maxPoints: 8,
        target: 1,
        input: 'system',
      },
      {
        code: 'SH2',
        group: 'digitisation',
        name: 'Kết quả giải quyết được số hóa, cấp bản điện tử',
        formula:
          'hồ sơ đã giải quyết có kết quả điện tử (tệp kết quả đính kèm, hoặc trả trực tuyến) / đã giải quyết trong kỳ',
        maxPoints: 8,
        target: 1,
        input: 'system',
      },
      {
        code: 'SH3',
        group: 'digitisation',
        name: 'Khai thác, sử dụng lại dữ liệu đã số hóa',
        formula: 'hồ sơ sử dụng lại dữ liệu số hóa / hồ sơ tiếp nhận (nhập tay)',
        maxPoints: 6,
        target: 1,
        input: 'manual',
      },
      {
        code: 'TT1',
        group: 'online',
        name: 'Thủ tục cung cấp dịch vụ công trực tuyến (toàn trình, một phần)',
        formula: 'TTHC trực tuyến toàn trình hoặc một phần / TTHC đơn vị tiếp nhận',
        maxPoints: 6,
        target: 1,
        input: 'system',
      },
      {
        code: 'TT2',
        group: 'online',
        name: 'Hồ sơ nộp trực tuyến',
        formula: 'tiếp nhận trực tuyến / tiếp nhận trong kỳ',
        maxPoints: 10,
        target: 1,
        input: 'system',
      },
      {
        code: 'TT3',
        group: 'online',
        name: 'Thanh toán trực tuyến',
        formula: 'khoản phí nộp qua cổng thanh toán hoặc chuyển khoản / khoản phí đã nộp trong kỳ',
        maxPoints: 6,
        target: 1,
        input: 'system',
      },
      {
        code: 'HL1',
        group: 'satisfaction',
        name: 'Mức độ hài lòng trong tiếp nhận, giải quyết',
        formula: '(rất hài lòng + hài lòng) / lượt đánh giá trong kỳ',
        maxPoints: 12,
        target: 1,
        input: 'system',
      },
      {
        code: 'HL2',
        group: 'satisfaction',
        name: 'Phản ánh, kiến nghị được xử lý đúng hạn',
        formula: 'phản ánh đến hạn trong kỳ đã trả lời đúng hạn / phản ánh đến hạn trong kỳ',
        maxPoints: 6,
        target: 1,
        input: 'system',
      },
    ],
  },
];

/** The rules in force on a local date (the latest that started on or before it). */
export function indexRulesOn(date: string, rules: readonly IndexRules[] = INDEX_RULES): IndexRules {
  const sorted = [...rules].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1));
  return sorted.find((r) => r.effectiveFrom <= date) ?? sorted[sorted.length - 1]!;
}

export interface IndicatorInput {
  numerator: number;
  denominator: number;
  /** For manual inputs: who recorded it, when, and why. */
  recorded?: { by: string; at: string; note: string | null };
}

export interface IndicatorScore extends IndicatorRule {
  ratio: Ratio | null;
  /** Null when there is nothing to score yet (no denominator, or a manual input not recorded). */
  points: number | null;
  status: 'scored' | 'no_data' | 'manual_missing';
  recorded: NonNullable<IndicatorInput['recorded']> | null;
}

export interface ServiceIndex {
  rules: { effectiveFrom: string; source: string };
  groups: Array<{
    group: IndexGroup;
    name: string;
    maxPoints: number;
    points: number;
    /** Points of the indicators that could be scored. */
    scoredMaxPoints: number;
    indicators: IndicatorScore[];
  }>;
  total: { points: number; maxPoints: number; scoredMaxPoints: number };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Scores each indicator from its input: points = max × min(1, value / target). */
export function scoreIndex(
  rules: IndexRules,
  inputs: Readonly<Record<string, IndicatorInput | undefined>>,
): ServiceIndex {
  const groups = INDEX_GROUPS.map((group) => {
    const indicators = rules.indicators
      .filter((i) => i.group === group)
      .map((rule): IndicatorScore => {
        const input = inputs[rule.code];
        if (!input)
          return {
            ...rule,
            ratio: null,
            points: null,
            recorded: null,
            status: rule.input === 'manual' ? 'manual_missing' : 'no_data',
          };
        const r = ratio(input.numerator, input.denominator);
        const points = r.value === null ? null : round2(rule.maxPoints * Math.min(1, r.value / rule.target));
        return {
          ...rule,
          ratio: r,
          points,
          recorded: input.recorded ?? null,
          status: points === null ? 'no_data' : 'scored',
        };
      });
    const scored = indicators.filter((i) => i.points !== null);
    return {
      group,
      name: rules.groups[group].name,
      maxPoints: rules.groups[group].maxPoints,
      points: round2(scored.reduce((a, i) => a + (i.points ?? 0), 0)),
      scoredMaxPoints: scored.reduce((a, i) => a + i.maxPoints, 0),
      indicators,
    };
  });
  return {
    rules: { effectiveFrom: rules.effectiveFrom, source: rules.source },
    groups,
    total: {
      points: round2(groups.reduce((a, g) => a + g.points, 0)),
      maxPoints: groups.reduce((a, g) => a + g.maxPoints, 0),
      scoredMaxPoints: groups.reduce((a, g) => a + g.scoredMaxPoints, 0),
    },
  };
}

/** The configuration's own consistency: each group's indicators add up to the group's points. */
export function ruleProblems(rules: IndexRules): string[] {
  const problems: string[] = [];
  for (const group of INDEX_GROUPS) {
    const sum = rules.indicators.filter((i) => i.group === group).reduce((a, i) => a + i.maxPoints, 0);
    if (sum !== rules.groups[group].maxPoints)
      problems.push(`${group}: indicators ${sum} ≠ group ${rules.groups[group].maxPoints}`);
  }
  const total = INDEX_GROUPS.reduce((a, g) => a + rules.groups[g].maxPoints, 0);
  if (total !== 100) problems.push(`total ${total} ≠ 100`);
  return problems;
}

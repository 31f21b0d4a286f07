/**
 * Exports of the reports in the official layout: the periodic report of Circular 01/2020/TT-VPCP
 * (form 06) with Vietnamese headings, one row per unit, field or procedure, then the total.
 */
import type { ProcessingFigures } from '../domain/statistics/processing.ts';
import type { ProcessingReport, ProcessingRowKey } from './reports.ts';

/** Column headings and how each reads a row's figures, in the form's order (numbers as in form 06). */
export const PROCESSING_COLUMNS: Array<{
  heading: string;
  value: (f: ProcessingFigures) => number | string;
}> = [
  { heading: 'Tổng số hồ sơ phải giải quyết (3)', value: (f) => f.total },
  { heading: 'Tiếp nhận trực tuyến (4)', value: (f) => f.received.online },
  { heading: 'Tiếp nhận trực tiếp, qua bưu chính (5)', value: (f) => f.received.counter + f.received.postal },
  { heading: 'Trong đó qua bưu chính công ích', value: (f) => f.received.postal },
  { heading: 'Từ kỳ trước chuyển sang (6)', value: (f) => f.carriedOver },
  { heading: 'Đã giải quyết: tổng số (7)', value: (f) => f.resolved.total },
  { heading: 'Trước hạn (8)', value: (f) => f.resolved.early },
  { heading: 'Đúng hạn (9)', value: (f) => f.resolved.onTime },
  { heading: 'Quá hạn (10)', value: (f) => f.resolved.late },
  { heading: 'Đang giải quyết: tổng số (11)', value: (f) => f.inProgress.total },
  { heading: 'Trong hạn (12)', value: (f) => f.inProgress.notDue },
  { heading: 'Quá hạn (13)', value: (f) => f.inProgress.overdue },
  { heading: 'Trong đó chờ bổ sung (dừng tính thời gian)', value: (f) => f.inProgress.paused },
  { heading: 'Từ chối giải quyết', value: (f) => f.refused },
  { heading: 'Rút hồ sơ, hủy', value: (f) => f.withdrawn },
  {
    heading: 'Tỷ lệ giải quyết trước và đúng hạn (%)',
    value: (f) => (f.onTimeRate.value === null ? '' : Math.round(f.onTimeRate.value * 1000) / 10),
  },
];

export function rowLabel(key: ProcessingRowKey): { code: string; name: string } {
  if ('unitCode' in key) return { code: key.unitCode, name: key.unitName };
  if ('fieldCode' in key) return { code: key.fieldCode, name: key.fieldName };
  return { code: key.procedureCode, name: key.procedureName };
}

const GROUP_HEADING = { unit: 'Đơn vị', field: 'Lĩnh vực', procedure: 'Thủ tục' } as const;

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV with a BOM (Excel opens UTF-8 Vietnamese correctly only with it), CRLF line ends. */
export function processingCsv(report: ProcessingReport): string {
  const heading = GROUP_HEADING[report.groupBy ?? 'unit'];
  const lines = [
    ['STT', `Mã ${heading.toLowerCase()}`, heading, ...PROCESSING_COLUMNS.map((c) => c.heading)],
    ...report.rows.map((row, i) => {
      const { code, name } = rowLabel(row.key);
      return [i + 1, code, name, ...PROCESSING_COLUMNS.map((c) => c.value(row))];
    }),
    [
      '',
      report.unit.code,
      `Tổng cộng (${report.from} – ${report.to})`,
      ...PROCESSING_COLUMNS.map((c) => c.value(report.totals)),
    ],
  ];
  return `\uFEFF${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

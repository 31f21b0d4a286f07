/**
 * Exports of the reports in the official layout: the periodic report of Circular 01/2020/TT-VPCP
 * (form 06) with Vietnamese headings, one row per unit, field or procedure, then the total.
 */
import ExcelJS from 'exceljs';
import type { DrillCategory, DrillItem } from './report-dashboard.ts';
import { createDocument, FormWriter, finish, MM, type RenderOptions } from '../../documents/layout.ts';
import { formatPlaceDate, formatTimeDate } from '../../documents/format.ts';
import { type Unit, unitFullName } from '../../documents/model.ts';
import type { ProcessingFigures } from '../../domain/statistics/processing.ts';
import type { ProcessingReport, ProcessingRowKey } from './reports.ts';
import type { TableReport } from './table-reports.ts';
import type { Figure, Figures, TableGroupBy } from '../../domain/statistics/table-reports.ts';

/** Column headings and how each reads a row's figures, in the form's order (numbers as in form 06). */
interface Column {
  heading: string;
  /** As written in CSV (a rate in per cent, one decimal). */
  value: (f: ProcessingFigures) => number | string;
  /** A rate: in Excel the fraction itself, shown as a percentage. */
  fraction?: (f: ProcessingFigures) => number | null;
}

export const PROCESSING_COLUMNS: Column[] = [
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
    fraction: (f) => f.onTimeRate.value,
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

const dmy = (date: string) => date.split('-').reverse().join('/');

/**
 * The report as an Excel workbook laid out as form 06: title, unit and period, a two-level heading
 * (the form's groups over its numbered columns), one row per unit/field/procedure, the total row.
 * Figures are numbers (summable in Excel), the rate a percentage.
 */
export async function processingXlsx(report: ProcessingReport, issuedAt: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Một Cửa';
  wb.created = issuedAt;
  wb.modified = issuedAt;
  wb.title = `Tình hình, kết quả giải quyết TTHC ${report.from} – ${report.to}`;
  const ws = wb.addWorksheet('Mẫu 06', {
    views: [{ state: 'frozen', ySplit: 6, xSplit: 3 }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const columnCount = 3 + PROCESSING_COLUMNS.length;
  ws.columns = [{ width: 6 }, { width: 18 }, { width: 42 }, ...PROCESSING_COLUMNS.map(() => ({ width: 13 }))];
  const title = ws.addRow(['TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH']);
  title.font = { bold: true, size: 13 };
  ws.mergeCells(1, 1, 1, columnCount);
  title.alignment = { horizontal: 'center' };
  const scope = ws.addRow([
    `${report.unit.name} (${report.unit.code})${report.descendants ? ' và các đơn vị trực thuộc' : ''} — từ ngày ${dmy(report.from)} đến ngày ${dmy(report.to)}`,
  ]);
  ws.mergeCells(2, 1, 2, columnCount);
  scope.alignment = { horizontal: 'center' };
  ws.addRow([`Số liệu tính đến ${formatTimeDate(new Date(report.asOf))}, theo sự kiện của từng hồ sơ`]).font =
    {
      italic: true,
      size: 9,
    };
  ws.addRow([]);

  // Row 5: the form's groups; row 6: the numbered columns.
  const heading = GROUP_HEADING[report.groupBy ?? 'unit'];
  const groups: Array<[string, number, number]> = [
    ['Số hồ sơ phải giải quyết', 4, 8],
    ['Số hồ sơ đã giải quyết', 9, 12],
    ['Số hồ sơ đang giải quyết', 13, 16],
    ['Khác', 17, 19],
  ];
  const top = ws.getRow(5);
  top.getCell(1).value = 'STT';
  top.getCell(2).value = `Mã ${heading.toLowerCase()}`;
  top.getCell(3).value = heading;
  for (const [label, from, to] of groups) {
    top.getCell(from).value = label;
    ws.mergeCells(5, from, 5, to);
  }
  const sub = ws.getRow(6);
  PROCESSING_COLUMNS.forEach((c, i) => {
    sub.getCell(4 + i).value = c.heading;
  });
  for (const col of [1, 2, 3]) ws.mergeCells(5, col, 6, col);
  for (const row of [top, sub]) {
    row.font = { bold: true };
    row.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  }
  sub.height = 60;

  const addFigures = (cells: Array<string | number>, f: ProcessingFigures, bold = false) => {
    const row = ws.addRow([
      ...cells,
      ...PROCESSING_COLUMNS.map((c) => (c.fraction ? c.fraction(f) : c.value(f))),
    ]);
    PROCESSING_COLUMNS.forEach((c, i) => {
      if (c.fraction) row.getCell(4 + i).numFmt = '0.0%';
    });
    if (bold) row.font = { bold: true };
    return row;
  };
  report.rows.forEach((r, i) => {
    const { code, name } = rowLabel(r.key);
    addFigures([i + 1, code, name], r);
  });
  addFigures(['', '', 'Tổng cộng'], report.totals, true);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The report as a printable PDF (landscape A4), headed like the unit's other documents: the form's
 * numbered columns, one row per unit/field/procedure, the total in bold, page numbers.
 */
export function processingPdf(
  report: ProcessingReport,
  unit: Unit,
  issuedAt: Date,
  options: RenderOptions = {},
): Promise<Buffer> {
  const title = 'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH';
  const period = `Từ ngày ${dmy(report.from)} đến ngày ${dmy(report.to)}`;
  const doc = createDocument(
    {
      title,
      subject: `${title} - ${unitFullName(unit)} - ${period}`,
      keywords: ['Mẫu 06', 'Thông tư 01/2020/TT-VPCP', report.unit.code, period],
      author: unitFullName(unit),
      createdAt: issuedAt,
    },
    options,
    { landscape: true, margin: 12 * MM },
  );
  const w = new FormWriter(doc);
  w.heading(unit, undefined, formatPlaceDate(unit.province, issuedAt));
  w.title(title, [
    { text: `${report.unit.name}${report.descendants ? ' và các đơn vị trực thuộc' : ''}` },
    { text: period, font: 'italic' },
  ]);
  const heading = GROUP_HEADING[report.groupBy ?? 'unit'];
  const cells = (f: ProcessingFigures) =>
    PROCESSING_COLUMNS.map((c) => ({ text: String(c.value(f)), align: 'right' as const }));
  w.table(
    [
      { header: 'STT', weight: 18, align: 'center' },
      { header: heading, weight: 130 },
      ...PROCESSING_COLUMNS.map((c) => ({ header: c.heading, weight: 38, align: 'right' as const })),
    ],
    [
      ...report.rows.map((row, i) => {
        const { code, name } = rowLabel(row.key);
        return [{ text: String(i + 1), align: 'center' as const }, `${name} (${code})`, ...cells(row)];
      }),
      [
        '',
        { text: 'Tổng cộng', font: 'bold' as const },
        ...cells(report.totals).map((c) => ({ ...c, font: 'bold' as const })),
      ],
    ],
    { fontSize: 7, headerFontSize: 6.5, padding: 2 },
  );
  doc
    .font('italic')
    .fontSize(7.5)
    .text(
      `Số liệu tính theo sự kiện của từng hồ sơ đến ${formatTimeDate(new Date(report.asOf))}. (3) = (4) + (5) + (6); (7) = (8) + (9) + (10); (11) = (12) + (13); (3) = (7) + (11) + từ chối + rút, hủy.`,
    );
  w.pageNumbers({ onlyIfSeveral: true });
  return finish(doc);
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

/** What each drill-down category lists, as a sheet title (Vietnamese, as the leader reads it). */
export const DRILL_TITLES: Record<DrillCategory, string> = {
  carriedOver: 'Hồ sơ kỳ trước chuyển qua',
  received: 'Hồ sơ tiếp nhận trong kỳ',
  'received.online': 'Hồ sơ tiếp nhận trực tuyến',
  'received.counter': 'Hồ sơ tiếp nhận trực tiếp',
  'received.postal': 'Hồ sơ tiếp nhận qua bưu chính',
  resolved: 'Hồ sơ đã giải quyết',
  'resolved.early': 'Hồ sơ giải quyết trước hạn',
  'resolved.onTime': 'Hồ sơ giải quyết đúng hạn',
  'resolved.late': 'Hồ sơ giải quyết quá hạn',
  refused: 'Hồ sơ từ chối giải quyết',
  withdrawn: 'Hồ sơ rút, hủy',
  inProgress: 'Hồ sơ đang giải quyết',
  'inProgress.notDue': 'Hồ sơ đang giải quyết, chưa đến hạn',
  'inProgress.overdue': 'Hồ sơ đang giải quyết, quá hạn',
  'inProgress.paused': 'Hồ sơ chờ bổ sung',
};

/** The dossiers behind a figure, one row each (codes, unit, dates as Excel dates). */
export async function drillXlsx(
  title: string,
  scopeLine: string,
  items: readonly DrillItem[],
  issuedAt: Date,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Một Cửa';
  wb.created = issuedAt;
  const ws = wb.addWorksheet('Danh sách', { views: [{ state: 'frozen', ySplit: 4 }] });
  ws.columns = [
    { width: 6 },
    { width: 26 },
    { width: 44 },
    { width: 26 },
    { width: 12 },
    { width: 14 },
    { width: 18 },
    { width: 18 },
    { width: 18 },
    { width: 16 },
    { width: 24 },
  ];
  ws.addRow([title.toUpperCase()]).font = { bold: true, size: 13 };
  ws.addRow([scopeLine]);
  ws.addRow([]);
  const head = ws.addRow([
    'STT',
    'Mã hồ sơ',
    'Thủ tục',
    'Đơn vị tiếp nhận',
    'Kênh',
    'Trạng thái',
    'Ngày tiếp nhận',
    'Hạn giải quyết',
    'Ngày giải quyết/kết thúc',
    'Bước xử lý hiện tại',
    'Cán bộ được phân công',
  ]);
  head.font = { bold: true };
  const local = (iso: string | null) => (iso ? formatTimeDate(new Date(iso)) : '');
  items.forEach((d, i) => {
    ws.addRow([
      i + 1,
      d.code,
      d.procedureName,
      d.unitName,
      d.channel,
      d.status,
      local(d.receivedAt),
      local(d.dueAt),
      local(d.resolvedAt ?? d.closedAt),
      d.step ?? '',
      d.assigneeName ?? '',
    ]);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const TABLE_GROUP_HEADING: Record<TableGroupBy, string> = {
  unit: 'Đơn vị',
  field: 'Lĩnh vực',
  procedure: 'Thủ tục',
  officer: 'Cán bộ',
  category: 'Nhóm phản ánh',
  source: 'Nguồn',
  team: 'Tổ công nghệ số',
  village: 'Thôn, ấp, khóm',
};

/** A figure as CSV writes it: a count, or a rate in per cent with one decimal ('' when no denominator). */
function csvFigure(f: Figure): string | number {
  if (f === null) return '';
  if (typeof f === 'number') return f;
  return f.value === null ? '' : Math.round(f.value * 1000) / 10;
}

function tableScopeLine(report: TableReport): string {
  return `${report.unit.name} (${report.unit.code})${report.descendants ? ' và các đơn vị trực thuộc' : ''} — từ ngày ${dmy(report.from)} đến ngày ${dmy(report.to)}`;
}

/** Headings of a table report's columns: rates say "(%)", current values say so. */
function tableHeadings(report: TableReport): string[] {
  return report.columns.map((c) => (c.kind === 'rate' ? `${c.vi} (%)` : c.vi));
}

/** A table report (satisfaction, online, postal, digitisation, officers, feedback) as CSV with a BOM. */
export function tableReportCsv(report: TableReport): string {
  const heading = TABLE_GROUP_HEADING[report.groupBy];
  const lines = [
    ['STT', `Mã ${heading.toLowerCase()}`, heading, ...tableHeadings(report)],
    ...report.rows.map((row, i) => [
      i + 1,
      row.key.code,
      row.key.name,
      ...report.columns.map((c) => csvFigure(row.figures[c.key] ?? null)),
    ]),
    [
      '',
      report.unit.code,
      `Tổng cộng (${report.from} – ${report.to})`,
      ...report.columns.map((c) => csvFigure(report.totals[c.key] ?? null)),
    ],
  ];
  return `\uFEFF${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/**
 * A table report as an Excel sheet: title, unit and period, headings, one row per unit/procedure/
 * officer, the total; counts as numbers, rates as percentages, and under the table each rate's
 * formula (numerator / denominator) with the totals' own numerator and denominator.
 */
export async function tableReportXlsx(report: TableReport, issuedAt: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Một Cửa';
  wb.created = issuedAt;
  wb.modified = issuedAt;
  const ws = wb.addWorksheet(report.title.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 5, xSplit: 3 }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const columnCount = 3 + report.columns.length;
  ws.columns = [{ width: 6 }, { width: 18 }, { width: 40 }, ...report.columns.map(() => ({ width: 14 }))];
  const title = ws.addRow([report.title.toUpperCase()]);
  title.font = { bold: true, size: 13 };
  title.alignment = { horizontal: 'center' };
  ws.mergeCells(1, 1, 1, columnCount);
  const scope = ws.addRow([tableScopeLine(report)]);
  scope.alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, columnCount);
  ws.addRow([`Số liệu tính đến ${formatTimeDate(new Date(report.asOf))}`]).font = { italic: true, size: 9 };
  ws.addRow([]);
  const groupHeading = TABLE_GROUP_HEADING[report.groupBy];
  const head = ws.addRow(['STT', `Mã ${groupHeading.toLowerCase()}`, groupHeading, ...tableHeadings(report)]);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  head.height = 45;
  const add = (cells: Array<string | number>, figures: Figures, bold = false) => {
    const row = ws.addRow([
      ...cells,
      ...report.columns.map((c) => {
        const f = figures[c.key] ?? null;
        return f === null ? null : typeof f === 'number' ? f : f.value;
      }),
    ]);
    report.columns.forEach((c, i) => {
      if (c.kind === 'rate') row.getCell(4 + i).numFmt = '0.0%';
      if (c.kind === 'amount') row.getCell(4 + i).numFmt = '#,##0';
    });
    if (bold) row.font = { bold: true };
  };
  report.rows.forEach((r, i) => {
    add([i + 1, r.key.code, r.key.name], r.figures);
  });
  add(['', '', 'Tổng cộng'], report.totals, true);
  ws.addRow([]);
  for (const c of report.columns) {
    const f = report.totals[c.key];
    if (c.kind !== 'rate' || !f || typeof f === 'number') continue;
    ws.addRow(['', '', `${c.vi}: ${f.numerator} / ${f.denominator}`]).font = { size: 9 };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

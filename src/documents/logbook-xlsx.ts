import ExcelJS from 'exceljs';
import type { RenderOptions } from './layout.ts';
import { vnWallClock } from './format.ts';
import { LOGBOOK_COLUMNS, type LogbookData, logbookPeriodText, unitFullName } from './model.ts';

/** First spreadsheet row of the column headings; the number row "(1) … (14)" follows it. */
export const LOGBOOK_HEADER_ROW = 5;
export const LOGBOOK_FIRST_DATA_ROW = LOGBOOK_HEADER_ROW + 2;

const DATE_FORMAT = 'dd/mm/yyyy hh:mm';

const thin: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/**
 * Mẫu 06 as a workbook: title rows with the unit and period, the circular's column headings
 * frozen at the top, dates as real date cells. Excel has no time zones, so each date cell holds
 * the Vietnam wall-clock time (read back with getUTC… it gives the hour printed on the forms).
 * The compress option is accepted for symmetry with the PDF renderers; xlsx is always zipped.
 */
export async function renderLogbook06Xlsx(data: LogbookData, _options: RenderOptions = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Một Cửa';
  wb.lastModifiedBy = 'Một Cửa';
  wb.created = data.issuedAt;
  wb.modified = data.issuedAt;
  wb.title = 'Sổ theo dõi hồ sơ';
  wb.subject = `${unitFullName(data.unit)} - ${logbookPeriodText(data.period)}`;

  const ws = wb.addWorksheet('Sổ theo dõi hồ sơ', {
    views: [{ state: 'frozen', xSplit: 2, ySplit: LOGBOOK_HEADER_ROW + 1 }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${LOGBOOK_HEADER_ROW}:${LOGBOOK_HEADER_ROW + 1}`,
    },
  });
  const n = LOGBOOK_COLUMNS.length;
  ws.columns = LOGBOOK_COLUMNS.map((c) => ({ width: c.excelWidth }));

  const titleRow = (row: number, text: string, font: Partial<ExcelJS.Font>): void => {
    ws.mergeCells(row, 1, row, n);
    const cell = ws.getCell(row, 1);
    cell.value = text;
    cell.font = { name: 'Times New Roman', ...font };
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
  };
  titleRow(1, unitFullName(data.unit).toUpperCase(), { bold: true, size: 12 });
  titleRow(2, 'SỔ THEO DÕI HỒ SƠ', { bold: true, size: 14 });
  titleRow(3, logbookPeriodText(data.period) + (data.book ? ` - Quyển số: ${data.book}` : ''), {
    italic: true,
    size: 12,
  });

  const header = ws.getRow(LOGBOOK_HEADER_ROW);
  const numbers = ws.getRow(LOGBOOK_HEADER_ROW + 1);
  LOGBOOK_COLUMNS.forEach((c, i) => {
    const h = header.getCell(i + 1);
    h.value = c.header;
    h.font = { name: 'Times New Roman', bold: true, size: 11 };
    h.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    h.border = thin;
    h.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } };
    const num = numbers.getCell(i + 1);
    num.value = `(${i + 1})`;
    num.font = { name: 'Times New Roman', italic: true, size: 10 };
    num.alignment = { horizontal: 'center' };
    num.border = thin;
  });
  header.height = 48;

  data.entries.forEach((e, i) => {
    const address = [e.applicantAddress, e.applicantPhone ? `ĐT: ${e.applicantPhone}` : undefined]
      .filter((s) => s && s.length > 0)
      .join('\n');
    const values: Array<string | number | Date | null> = [
      i + 1,
      e.dossierCode,
      e.procedureName,
      e.sets,
      e.applicantName,
      address,
      e.leadAgency,
      vnWallClock(e.receivedAt),
      vnWallClock(e.dueAt),
      e.sentToAgencyAt ? vnWallClock(e.sentToAgencyAt) : null,
      e.resultFromAgencyAt ? vnWallClock(e.resultFromAgencyAt) : null,
      e.returnedAt ? vnWallClock(e.returnedAt) : null,
      e.signedBy ?? null,
      e.note ?? null,
    ];
    const row = ws.getRow(LOGBOOK_FIRST_DATA_ROW + i);
    values.forEach((v, c) => {
      const cell = row.getCell(c + 1);
      cell.value = v;
      cell.font = { name: 'Times New Roman', size: 11 };
      cell.border = thin;
      const centred = c === 0 || c === 3 || (c >= 7 && c <= 11);
      cell.alignment = { vertical: 'top', wrapText: true, horizontal: centred ? 'center' : 'left' };
      if (c >= 7 && c <= 11) cell.numFmt = DATE_FORMAT;
    });
  });
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

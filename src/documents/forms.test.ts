import ExcelJS from 'exceljs';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import {
  countPdfPages,
  extractPdfInfo,
  extractPdfText,
  LOGBOOK_COLUMNS,
  LOGBOOK_FIRST_DATA_ROW,
  LOGBOOK_HEADER_ROW,
  receiptQrPayload,
  renderApology04,
  renderControlSheet05,
  renderLogbook06Pdf,
  renderLogbook06Xlsx,
  renderReceipt01,
  renderRefusal03,
  renderSupplement02,
} from './index.ts';
import {
  apology,
  applicant,
  CODE,
  controlSheet,
  logbook,
  receipt,
  refusal,
  supplement,
  TRACKING_URL,
  unit,
} from './test-fixtures.ts';

const raw = { compress: false };

/** Page texts with runs of white space folded, so wrapped lines read as one. */
function pagesText(pdf: Buffer): string[] {
  return extractPdfText(pdf).map((p) => p.replace(/\s+/g, ' '));
}

function expectPdf(pdf: Buffer, pages: number): void {
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
  expect(countPdfPages(pdf)).toBe(pages);
}

/**
 * Reads back the QR code drawn on a page: the largest group of consecutive filled rectangles,
 * laid on a grid of its smallest cell size, as rows of 0/1.
 */
function drawnQrMatrix(pdf: Buffer): number[][] {
  const lines = pdf.toString('latin1').split('\n');
  let best: number[][] = [];
  let group: number[][] = [];
  for (const line of lines) {
    const m = /^(-?[\d.]+) (-?[\d.]+) ([\d.]+) ([\d.]+) re$/.exec(line);
    if (m) {
      group.push([Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])]);
    } else {
      if (group.length > best.length) best = group;
      group = [];
    }
  }
  const cell = Math.min(...best.map((r) => r[3]!));
  const x0 = Math.min(...best.map((r) => r[0]!));
  const y0 = Math.min(...best.map((r) => r[1]!));
  const size = Math.round((Math.max(...best.map((r) => r[1]! + r[3]!)) - y0) / cell);
  const grid = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (const [x, y, w] of best) {
    const row = Math.round((y! - y0) / cell);
    const col = Math.round((x! - x0) / cell);
    for (let c = col; c < col + Math.round(w! / cell); c++) grid[row]![c] = 1;
  }
  return grid;
}

function expectedQrMatrix(payload: string): number[][] {
  const m = QRCode.create(payload, { errorCorrectionLevel: 'M' }).modules;
  return Array.from({ length: m.size }, (_, r) =>
    Array.from({ length: m.size }, (_, c) => (m.get(r, c) ? 1 : 0)),
  );
}

describe('Mẫu 01 — receipt and appointment slip', () => {
  it('prints every field of the form on the front and the hotline and channels on the back', async () => {
    const pdf = await renderReceipt01(receipt(), raw);
    expectPdf(pdf, 2);
    const [front, back] = pagesText(pdf) as [string, string];

    expect(front).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(front).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(front).toContain('UBND PHƯỜNG LONG XUYÊN');
    expect(front).toContain('BỘ PHẬN MỘT CỬA');
    expect(front).toContain('Số: 0007/GTN');
    expect(front).toContain('An Giang, ngày 05 tháng 3 năm 2026');
    expect(front).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(front).toContain(`Mã hồ sơ: ${CODE}`);
    expect(front).toContain('Tiếp nhận hồ sơ của: Nguyễn Thị Thu Hương');
    expect(front).toContain('Số định danh cá nhân: 089190012345');
    expect(front).toContain(`Địa chỉ: ${applicant.address}`);
    expect(front).toContain('Số điện thoại: 0918 123 456');
    expect(front).toContain('Email: huong.nguyen@gmail.com');
    expect(front).toContain('Nội dung yêu cầu giải quyết: Thủ tục đăng ký khai sinh (mã thủ tục 1.001193)');
    expect(front).toContain('1 Tờ khai đăng ký khai sinh (theo mẫu) Bản chính 01');
    expect(front).toContain('2 Giấy chứng sinh do Bệnh viện Đa khoa trung tâm An Giang cấp Bản chính 01');
    expect(front).toContain('3 Giấy chứng nhận kết hôn của cha, mẹ Bản sao có chứng thực 01');
    expect(front).toContain('2. Số lượng hồ sơ: 01 (bộ)');
    expect(front).toContain(
      '3. Thời gian giải quyết hồ sơ theo quy định: Trong ngày (tiếp nhận trước 15 giờ)',
    );
    expect(front).toContain('4. Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 05/03/2026');
    expect(front).toContain('5. Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 00 phút, ngày 05/03/2026');
    expect(front).toContain('6. Đăng ký nhận kết quả tại:');
    expect(front).toContain(`Địa chỉ nhận kết quả: ${applicant.address}`);
    expect(front).toContain('Phí, lệ phí phải nộp: 16.000 đồng, gồm:');
    expect(front).toContain('Lệ phí đăng ký khai sinh: Miễn (miễn khi đăng ký đúng hạn)');
    expect(front).toContain('Phí cấp bản sao Trích lục khai sinh (02 bản): 16.000 đồng');
    expect(front).toContain('Vào Sổ theo dõi hồ sơ, Quyển số: 01/2026, Số thứ tự: 7');
    expect(front).toContain('NGƯỜI NỘP HỒ SƠ');
    expect(front).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
    expect(front).toContain('Trần Văn Minh');

    expect(back).toContain('ĐƯỜNG DÂY NÓNG 1900 6868');
    expect(back).toContain('Thư điện tử: motcua.longxuyen@angiang.gov.vn');
    expect(back).toContain('Trang phản ánh, kiến nghị: http://localhost:3000/phan-anh-kien-nghi');
    expect(back).toContain(unit.address!);
    expect(back).toContain(`Mã hồ sơ của Ông/Bà: ${CODE}`);
    expect(back).toContain(TRACKING_URL);
  });

  it('carries the dossier code and the due date in the metadata, compressed or not', async () => {
    for (const pdf of [await renderReceipt01(receipt()), await renderReceipt01(receipt(), raw)]) {
      const info = extractPdfInfo(pdf);
      expect(info.Subject).toBe(CODE);
      expect(info.Title).toBe('Mẫu 01 - GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
      expect(info.Keywords).toContain('Hẹn trả kết quả: 16 giờ 00 phút, ngày 05/03/2026');
      expect(info.Keywords).toContain('1.001193');
      // The issue date, not the wall clock.
      expect(info.CreationDate).toBe('D:20260305020000Z');
    }
  });

  it('compresses by default and is deterministic', async () => {
    const a = await renderReceipt01(receipt());
    const b = await renderReceipt01(receipt());
    const plain = await renderReceipt01(receipt(), raw);
    expect(a.equals(b)).toBe(true);
    expect(a.toString('latin1')).toContain('/FlateDecode');
    expect(a.length).toBeLessThan(plain.length);
    expect(() => extractPdfText(a)).toThrow(/uncompressed/);
    expectPdf(a, 2);
  });

  it('draws a QR code of the tracking URL', async () => {
    expect(receiptQrPayload(receipt())).toBe(TRACKING_URL);
    const pdf = await renderReceipt01(receipt(), raw);
    expect(drawnQrMatrix(pdf)).toEqual(expectedQrMatrix(TRACKING_URL));
  });

  it('prints instants in Vietnam time', async () => {
    const pdf = await renderReceipt01(
      receipt({ receivedAt: new Date('2026-03-05T01:30:00Z'), dueAt: new Date('2026-03-09T09:00:00Z') }),
      raw,
    );
    const [front] = pagesText(pdf);
    expect(front).toContain('4. Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 05/03/2026');
    expect(front).toContain('5. Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 00 phút, ngày 09/03/2026');
  });

  it('handles counter return, no fees and an organisation', async () => {
    const pdf = await renderReceipt01(
      receipt({
        returnMethod: 'counter',
        fees: [],
        applicant: { ...applicant, organization: 'Công ty TNHH Long Xuyên' },
        logbook: undefined,
      }),
      raw,
    );
    const [front] = pagesText(pdf);
    expect(front).toContain(`Nơi trả kết quả: Bộ phận Một cửa UBND phường Long Xuyên, ${unit.address}`);
    expect(front).toContain('Phí, lệ phí phải nộp: Không');
    expect(front).toContain('Tổ chức: Công ty TNHH Long Xuyên');
    expect(front).toContain('Quyển số: ……, Số thứ tự: ……');
    expect(front).not.toContain('Địa chỉ nhận kết quả');
  });

  it('continues a long document list on a new page with the table header repeated, the back last', async () => {
    const documents = Array.from({ length: 30 }, (_, i) => ({
      name: `Giấy tờ số ${i + 1}`,
      form: 'photocopy' as const,
      copies: 1,
    }));
    const pdf = await renderReceipt01(receipt({ documents }), raw);
    const pages = pagesText(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(countPdfPages(pdf)).toBe(pages.length);
    expect(pages[0]).toContain('Tên giấy tờ');
    expect(pages[1]).toContain('STT Tên giấy tờ Hình thức Số bản');
    expect(pages.join(' ')).toContain('30 Giấy tờ số 30 Bản chụp 01');
    expect(pages.at(-1)).toContain('ĐƯỜNG DÂY NÓNG');
    expect(pages.slice(0, -1).join(' ')).not.toContain('ĐƯỜNG DÂY NÓNG');
  });
});

describe('Mẫu 02 — request to supplement', () => {
  it('lists everything to complete, the reason and whom to contact', async () => {
    const pdf = await renderSupplement02(supplement(), raw);
    expectPdf(pdf, 1);
    const [text] = pagesText(pdf) as [string];
    expect(text).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(text).toContain('Hồ sơ của: Nguyễn Thị Thu Hương');
    expect(text).toContain('Nội dung yêu cầu giải quyết: Thủ tục đăng ký khai sinh');
    expect(text).toContain(`Địa chỉ: ${applicant.address}`);
    expect(text).toContain('Số điện thoại: 0918 123 456');
    expect(text).toContain(
      '1 Giấy chứng sinh (bản đã nộp bị tẩy xóa tên người mẹ) Bản chính Đề nghị cơ sở y tế cấp lại',
    );
    expect(text).toContain('2 Giấy chứng nhận kết hôn của cha, mẹ Bản sao có chứng thực');
    expect(text).toContain('3 Văn bản ủy quyền đăng ký khai sinh Bản chụp');
    expect(text).toContain('Lý do: Giấy chứng sinh có dấu hiệu tẩy xóa');
    expect(text).toContain('liên hệ với Trần Văn Minh, số điện thoại 0296 3841 234 để được hướng dẫn./.');
    expect(text).toContain('NGƯỜI HƯỚNG DẪN');
    expect(text).toContain('An Giang, ngày 05 tháng 3 năm 2026');
    expect(extractPdfInfo(pdf).Subject).toBe('');
  });

  it('names the dossier when it has a code', async () => {
    const pdf = await renderSupplement02(supplement({ dossierCode: CODE }), raw);
    expect(extractPdfInfo(pdf).Subject).toBe(CODE);
    expect(pagesText(pdf)[0]).toContain(`Mã hồ sơ: ${CODE}`);
  });

  it('refuses an empty request', async () => {
    await expect(renderSupplement02(supplement({ items: [] }))).rejects.toThrow(/supplement/);
  });
});

describe('Mẫu 03 — refusal', () => {
  it('gives the specific reason and the signer', async () => {
    const pdf = await renderRefusal03(refusal({ dossierCode: CODE }), raw);
    expectPdf(pdf, 1);
    const [text] = pagesText(pdf) as [string];
    expect(text).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
    expect(text).toContain(
      'Bộ phận Một cửa UBND phường Long Xuyên tiếp nhận hồ sơ của: Nguyễn Thị Thu Hương',
    );
    expect(text).toContain('Nội dung yêu cầu giải quyết: Thủ tục đăng ký khai tử (mã thủ tục 1.000656)');
    expect(text).toContain('từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:');
    expect(text).toContain('thuộc thẩm quyền của Ủy ban nhân dân xã Mỹ Hòa Hưng.');
    expect(text).toContain('Xin thông báo cho Ông/Bà được biết và thực hiện./.');
    expect(text).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
    expect(text).toContain('Trần Văn Minh');
    expect(extractPdfInfo(pdf).Subject).toBe(CODE);
  });
});

describe('Mẫu 04 — apology and new date', () => {
  it('states the dates, the reason, the apology and the head of the agency at fault', async () => {
    const pdf = await renderApology04(apology(), raw);
    expectPdf(pdf, 1);
    const [text] = pagesText(pdf) as [string];
    expect(text).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    expect(text).toContain('ỦY BAN NHÂN DÂN PHƯỜNG LONG XUYÊN');
    expect(text).toContain('An Giang, ngày 09 tháng 3 năm 2026');
    expect(text).toContain('Kính gửi: Ông/Bà Nguyễn Thị Thu Hương');
    expect(text).toContain(
      'Bộ phận Một cửa UBND phường Long Xuyên tiếp nhận hồ sơ của Ông/Bà ngày 05 tháng 3 năm 2026.',
    );
    expect(text).toContain(`Mã hồ sơ: ${CODE}`);
    expect(text).toContain('Ngày hẹn trả kết quả: 16 giờ 00 phút, ngày 10/03/2026');
    expect(text).toContain('Lý do: Cần xác minh thông tin về nơi cư trú của người mẹ');
    expect(text).toContain('Ủy ban nhân dân phường Long Xuyên xin lỗi Ông/Bà');
    expect(text).toContain('vào 16 giờ 00 phút, ngày 13/03/2026.');
    expect(text).toContain('TM. ỦY BAN NHÂN DÂN CHỦ TỊCH (Ký, đóng dấu)');
    expect(text).toContain('Lê Hoàng Phúc');
    const info = extractPdfInfo(pdf);
    expect(info.Subject).toBe(CODE);
    expect(info.Keywords).toContain('Hẹn lại: 16 giờ 00 phút, ngày 13/03/2026');
  });
});

describe('Mẫu 05 — control sheet', () => {
  it('has a row per hand-off with time, giver, receiver and the step result', async () => {
    const pdf = await renderControlSheet05(controlSheet(), raw);
    expectPdf(pdf, 1);
    const [text] = pagesText(pdf) as [string];
    expect(text).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(text).toContain(`Mã hồ sơ: ${CODE}`);
    expect(text).toContain('(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả số: 0007/GTN)');
    expect(text).toContain(
      'Cơ quan (bộ phận) giải quyết hồ sơ: Công chức Tư pháp - Hộ tịch, UBND phường Long Xuyên',
    );
    expect(text).toContain(
      'Cơ quan phối hợp giải quyết hồ sơ: Công an phường Long Xuyên; Bảo hiểm xã hội tỉnh An Giang',
    );
    expect(text).toContain(
      '1. Giao: Bộ phận Một cửa Nhận: Công chức Tư pháp - Hộ tịch 09:10 05/03/2026 Người giao: Trần Văn Minh Người nhận: Phạm Thị Lan Đúng hạn',
    );
    expect(text).toContain('10:30 05/03/2026 Người giao: Phạm Thị Lan Người nhận: Lê Hoàng Phúc Trước hạn');
    expect(text).toContain('Trình ký Giấy khai sinh');
    expect(text).toContain('Người nhận: Võ Minh Tâm Quá hạn');
    expect(text).toContain('Người nhận: Trần Văn Minh Đang xử lý');
    expect(extractPdfInfo(pdf).Subject).toBe(CODE);
  });
});

describe('Mẫu 06 — logbook', () => {
  it('is landscape A4 with the header rows repeated and a page number on every page', async () => {
    const data = logbook(40);
    const pdf = await renderLogbook06Pdf(data, raw);
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 841.89 595.28]');
    expect(pdf.toString('latin1')).not.toContain('/MediaBox [0 0 595.28 841.89]');
    const pages = pagesText(pdf);
    expect(pages.length).toBeGreaterThan(2);
    expectPdf(pdf, pages.length);
    expect(pages[0]).toContain('SỔ THEO DÕI HỒ SƠ');
    expect(pages[0]).toContain('Từ ngày 01/03/2026 đến ngày 31/03/2026');
    expect(pages[0]).toContain('Quyển số: 01/2026');
    pages.forEach((page, i) => {
      expect(page).toContain('STT Mã hồ sơ Tên TTHC Số lượng hồ sơ (bộ)');
      expect(page).toContain('(1) (2) (3) (4) (5) (6) (7) (8) (9) (10) (11) (12) (13) (14)');
      expect(page).toContain(`Trang ${i + 1}/${pages.length}`);
    });
    const all = pages.join(' ');
    for (const entry of data.entries) {
      // Codes wrap after a hyphen in the narrow column; the text run keeps them whole otherwise.
      expect(all.replace(/- /g, '-')).toContain(entry.dossierCode);
    }
    const first = data.entries[0]!;
    expect(all).toContain(
      `Người nộp số 1 ${first.applicantAddress} ĐT: ${first.applicantPhone} Công chức Tư pháp - Hộ tịch 02/03/2026 08:30 03/03/2026 16:00 02/03/2026 09:30`,
    );
    expect(all).toContain('Đang giải quyết');
    const info = extractPdfInfo(pdf);
    expect(info.Subject).toBe(
      'SỔ THEO DÕI HỒ SƠ - Bộ phận Một cửa UBND phường Long Xuyên - Từ ngày 01/03/2026 đến ngày 31/03/2026',
    );
    expect(info.Keywords).toContain('40 hồ sơ');
  });

  it('exports a workbook with headings, frozen header, widths and real dates', async () => {
    const data = logbook(12);
    const buffer = await renderLogbook06Xlsx(data);
    expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Sổ theo dõi hồ sơ');
    expect(ws.getCell('A1').value).toBe('BỘ PHẬN MỘT CỬA UBND PHƯỜNG LONG XUYÊN');
    expect(ws.getCell('A2').value).toBe('SỔ THEO DÕI HỒ SƠ');
    expect(ws.getCell('A3').value).toBe('Từ ngày 01/03/2026 đến ngày 31/03/2026 - Quyển số: 01/2026');
    const headers = LOGBOOK_COLUMNS.map((_, i) => ws.getRow(LOGBOOK_HEADER_ROW).getCell(i + 1).value);
    expect(headers).toEqual([
      'STT',
      'Mã hồ sơ',
      'Tên TTHC',
      'Số lượng hồ sơ (bộ)',
      'Tên cá nhân, tổ chức',
      'Địa chỉ, số điện thoại',
      'Cơ quan chủ trì giải quyết',
      'Nhận hồ sơ (ngày)',
      'Hẹn trả kết quả (ngày)',
      'Chuyển hồ sơ đến cơ quan giải quyết (ngày)',
      'Nhận kết quả từ cơ quan giải quyết (ngày)',
      'Trả kết quả cho cá nhân, tổ chức (ngày)',
      'Ký nhận',
      'Ghi chú',
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: LOGBOOK_HEADER_ROW + 1 });
    expect(ws.getColumn(2).width).toBe(LOGBOOK_COLUMNS[1]!.excelWidth);
    expect(ws.getColumn(3).width).toBeGreaterThan(ws.getColumn(1).width!);

    const row = ws.getRow(LOGBOOK_FIRST_DATA_ROW);
    const first = data.entries[0]!;
    expect(row.getCell(1).value).toBe(1);
    expect(row.getCell(2).value).toBe(first.dossierCode);
    expect(row.getCell(4).value).toBe(1);
    expect(row.getCell(6).value).toBe(`${first.applicantAddress}\nĐT: ${first.applicantPhone}`);
    // 08:30 in Vietnam is stored as the wall-clock 08:30, formatted as a date.
    expect(row.getCell(8).value).toEqual(new Date(Date.UTC(2026, 2, 2, 8, 30)));
    expect(row.getCell(8).numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(row.getCell(9).value).toEqual(new Date(Date.UTC(2026, 2, 3, 16, 0)));
    const pending = ws.getRow(LOGBOOK_FIRST_DATA_ROW + 2);
    expect(pending.getCell(12).value).toBeNull();
    expect(pending.getCell(14).value).toBe('Đang giải quyết');
    expect(ws.getRow(LOGBOOK_FIRST_DATA_ROW + 11).getCell(1).value).toBe(12);
    // Three title rows, the heading and its number row, twelve entries.
    expect(ws.actualRowCount).toBe(3 + 2 + 12);
  });
});

describe('long content', () => {
  it('flows a reason longer than a page onto the next pages instead of cutting it', async () => {
    const sentences = Array.from({ length: 120 }, (_, i) => `Căn cứ số ${i + 1} của lý do từ chối.`);
    const pdf = await renderRefusal03(refusal({ reason: sentences.join(' ') }), raw);
    const pages = pagesText(pdf);
    expect(pages.length).toBeGreaterThan(1);
    const all = pages.join(' ');
    expect(all).toContain('Căn cứ số 1 của lý do từ chối.');
    expect(all).toContain('Căn cứ số 120 của lý do từ chối.');
    expect(pages.at(-1)).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
  });
});

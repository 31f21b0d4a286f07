import {
  formatCount,
  formatDate,
  formatDateTimeShort,
  formatLongDate,
  formatMoney,
  formatPlaceDate,
  formatTime,
  formatTimeDate,
} from './format.ts';
import { createDocument, FormWriter, finish, MM, type RenderOptions, type TableRow } from './layout.ts';
import {
  type Applicant,
  type ApologyData,
  type ControlSheetData,
  DOCUMENT_FORM_LABEL,
  LOGBOOK_COLUMNS,
  type LogbookData,
  logbookPeriodText,
  type RefusalData,
  type ReceiptData,
  STEP_RESULT_LABEL,
  type SupplementData,
  unitFullName,
} from './model.ts';

/**
 * The one-stop-shop forms of Circular 01/2018/TT-VPCP (Mẫu 01–06), rendered as PDF (and the
 * logbook also as Excel). Pure: data in, bytes out; every date comes in the data and prints in
 * Vietnam time. The field lists follow the circular's templates as provinces fill them in.
 */

export type { RenderOptions } from './layout.ts';
export { renderLogbook06Xlsx } from './logbook-xlsx.ts';
export * from './model.ts';

/** What the receipt's QR code encodes: the dossier's public tracking page. */
export function receiptQrPayload(data: Pick<ReceiptData, 'trackingUrl'>): string {
  return data.trackingUrl;
}

function applicantName(a: Applicant): string {
  return a.organization ? `${a.fullName} (${a.organization})` : a.fullName;
}

function contactLine(w: FormWriter, a: Applicant): void {
  w.fieldsRow([
    ['Số điện thoại', a.phone ?? ''],
    ['Email', a.email ?? ''],
  ]);
}

// ——— Mẫu 01 ——————————————————————————————————————————————————————————————

export async function renderReceipt01(data: ReceiptData, options: RenderOptions = {}): Promise<Buffer> {
  const title = 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ';
  const due = formatTimeDate(data.dueAt);
  const doc = createDocument(
    {
      title: `Mẫu 01 - ${title}`,
      subject: data.dossierCode,
      keywords: ['Mẫu 01', data.dossierCode, data.procedure.code, `Hẹn trả kết quả: ${due}`],
      author: unitFullName(data.unit),
      createdAt: data.issuedAt,
    },
    options,
  );
  const w = new FormWriter(doc);
  // The densest form: one A4 side must hold it all (the circular even prints it on A5).
  w.size = 11;
  w.lineGap = 1;
  w.paraGap = 1.5;
  w.heading(data.unit, data.number, formatPlaceDate(data.unit.province, data.issuedAt));

  // Title in the middle, QR code with the dossier code at the right.
  const qrSize = 66;
  const side = qrSize + 8;
  const top = w.y - 4;
  w.qr(receiptQrPayload(data), w.right - qrSize, top, qrSize);
  w.box(data.dossierCode, w.right - 160, top + qrSize - 2, 160 - 6, { size: 7.5, align: 'right' });
  let y = top + 4;
  y += w.box('GIẤY TIẾP NHẬN HỒ SƠ\nVÀ HẸN TRẢ KẾT QUẢ', w.left + side, y, w.width - 2 * side, {
    font: 'bold',
    size: 14,
    align: 'center',
  });
  y += 3;
  y += w.box(`Mã hồ sơ: ${data.dossierCode}`, w.left + side, y, w.width - 2 * side, {
    font: 'bold',
    align: 'center',
  });
  if (data.copyNote) {
    y += w.box(`(${data.copyNote})`, w.left + side, y, w.width - 2 * side, {
      font: 'italic',
      size: 11,
      align: 'center',
    });
  }
  w.y = Math.max(y, top + qrSize + 10) + 6;

  if (data.applicant.idNumber) {
    w.fieldsRow(
      [
        ['Tiếp nhận hồ sơ của', data.applicant.fullName],
        ['Số định danh cá nhân', data.applicant.idNumber],
      ],
      { weights: [54, 46] },
    );
  } else {
    w.field('Tiếp nhận hồ sơ của', data.applicant.fullName);
  }
  if (data.applicant.organization) w.field('Tổ chức', data.applicant.organization);
  w.field('Địa chỉ', data.applicant.address ?? '', { plainValue: true });
  contactLine(w, data.applicant);
  w.field('Nội dung yêu cầu giải quyết', `${data.procedure.name} (mã thủ tục ${data.procedure.code})`);

  w.paragraph('1. Thành phần hồ sơ nộp gồm:', { after: 4 });
  w.table(
    [
      { header: 'STT', weight: 7, align: 'center' },
      { header: 'Tên giấy tờ', weight: 58 },
      { header: 'Hình thức', weight: 25, align: 'center' },
      { header: 'Số bản', weight: 10, align: 'center' },
    ],
    data.documents.map((d, i) => [String(i + 1), d.name, DOCUMENT_FORM_LABEL[d.form], formatCount(d.copies)]),
    { fontSize: 10, padding: 2.5, after: 4 },
  );
  w.runs([{ text: '2. Số lượng hồ sơ: ' }, { text: `${formatCount(data.sets)} (bộ)`, font: 'bold' }]);
  w.runs([{ text: '3. Thời gian giải quyết hồ sơ theo quy định: ' }, { text: data.timeLimit, font: 'bold' }]);
  w.runs([{ text: '4. Thời gian nhận hồ sơ: ' }, { text: formatTimeDate(data.receivedAt), font: 'bold' }]);
  w.runs([{ text: '5. Thời gian trả kết quả giải quyết hồ sơ: ' }, { text: due, font: 'bold' }]);
  const postTo = data.returnAddress ?? data.applicant.address;
  w.checkboxes(
    [
      { label: 'Bộ phận Một cửa', checked: data.returnMethod === 'counter' },
      { label: 'Bưu chính', checked: data.returnMethod === 'post' },
      { label: 'Trực tuyến', checked: data.returnMethod === 'online' },
    ],
    { lead: '6. Đăng ký nhận kết quả tại:' },
  );
  if (data.returnMethod === 'counter') {
    w.field('Nơi trả kết quả', [unitFullName(data.unit), data.unit.address].filter(Boolean).join(', '), {
      indent: 14,
      plainValue: true,
    });
  } else if (data.returnMethod === 'post') {
    w.field('Địa chỉ nhận kết quả', postTo ?? '', { indent: 14, plainValue: true });
  } else {
    w.field('Nhận bản điện tử qua', data.applicant.email ?? 'Cổng Dịch vụ công', {
      indent: 14,
      plainValue: true,
    });
  }
  const feeText = (fee: ReceiptData['fees'][number]): Array<{ text: string; font?: 'bold' }> => [
    { text: `${fee.name}: ` },
    { text: `${fee.amount > 0 ? formatMoney(fee.amount) : 'Miễn'}${fee.note ? ' ' : ''}`, font: 'bold' },
    { text: fee.note ? `(${fee.note})` : '' },
  ];
  const [onlyFee] = data.fees;
  if (data.fees.length === 0) {
    w.runs([{ text: 'Phí, lệ phí phải nộp: ' }, { text: 'Không', font: 'bold' }]);
  } else if (data.fees.length === 1 && onlyFee) {
    w.runs([{ text: 'Phí, lệ phí phải nộp: ' }, ...feeText(onlyFee)]);
  } else {
    const total = data.fees.reduce((s, f) => s + f.amount, 0);
    w.runs([{ text: 'Phí, lệ phí phải nộp: ' }, { text: `${formatMoney(total)}, gồm:`, font: 'bold' }]);
    for (const fee of data.fees) w.runs([{ text: '- ' }, ...feeText(fee)], { indent: 14 });
  }
  w.paragraph(
    `Vào Sổ theo dõi hồ sơ, Quyển số: ${data.logbook?.book ?? '……'}, Số thứ tự: ${data.logbook?.entry ?? '……'}`,
    { font: 'italic' },
  );
  w.signatures([
    { title: 'NGƯỜI NỘP HỒ SƠ', hint: '(Ký và ghi rõ họ tên)', name: data.applicant.fullName },
    { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', hint: '(Ký và ghi rõ họ tên)', name: data.receiver.fullName },
  ]);

  // The back: hotline, feedback channels, tracking.
  w.newPage();
  renderReceiptBack(w, data);
  return finish(doc);
}

function renderReceiptBack(w: FormWriter, data: ReceiptData): void {
  const unit = data.unit;
  w.title('THÔNG TIN HỖ TRỢ, TIẾP NHẬN PHẢN ÁNH, KIẾN NGHỊ', [
    { text: `${unitFullName(unit)}`, font: 'italic' },
  ]);
  const hotline = unit.hotline ?? unit.phone;
  if (hotline) {
    const h = 46;
    const y = w.y;
    w.doc.save().lineWidth(1.2).rect(w.left, y, w.width, h).stroke('#000000').restore();
    w.box('ĐƯỜNG DÂY NÓNG', w.left, y + 6, w.width, { font: 'bold', size: 11, align: 'center' });
    w.box(hotline, w.left, y + 20, w.width, { font: 'bold', size: 18, align: 'center' });
    w.y = y + h + 12;
  }
  w.paragraph(
    'Ông/Bà cần hướng dẫn, muốn đăng ký nhận kết quả tại nhà, hoặc có phản ánh, kiến nghị về thủ tục, ' +
      'về tinh thần, thái độ phục vụ của công chức, xin liên hệ qua một trong các kênh sau:',
    { align: 'justify', after: 6 },
  );
  const channels: Array<[string, string]> = [];
  if (hotline) channels.push(['Đường dây nóng', hotline]);
  if (unit.phone && unit.phone !== hotline) channels.push(['Điện thoại', unit.phone]);
  if (unit.email) channels.push(['Thư điện tử', unit.email]);
  if (unit.feedbackUrl) channels.push(['Trang phản ánh, kiến nghị', unit.feedbackUrl]);
  if (unit.address)
    channels.push(['Gửi văn bản hoặc đến trực tiếp', `${unitFullName(unit)}, ${unit.address}`]);
  channels.forEach(([label, value], i) => {
    w.field(`${i + 1}. ${label}`, value, { indent: 14 });
  });
  w.space(10);
  w.paragraph('TRA CỨU TÌNH TRẠNG HỒ SƠ', { font: 'bold', after: 4 });
  w.runs([{ text: 'Mã hồ sơ của Ông/Bà: ' }, { text: data.dossierCode, font: 'bold' }]);
  w.paragraph(
    'Quét mã QR ở mặt trước bằng điện thoại, hoặc truy cập địa chỉ dưới đây, để xem hồ sơ đang ở bước nào, ' +
      'cơ quan nào đang giải quyết và ngày hẹn trả kết quả:',
    { align: 'justify' },
  );
  w.paragraph(data.trackingUrl, { font: 'bold', indent: 14, after: 6 });
  w.paragraph(
    'Khi đến nhận kết quả, Ông/Bà vui lòng mang theo Giấy tiếp nhận này và giấy tờ tùy thân. ' +
      'Nếu hồ sơ không thể trả đúng hẹn, cơ quan giải quyết sẽ gửi văn bản xin lỗi và hẹn lại ngày trả kết quả.',
    { font: 'italic', align: 'justify' },
  );
}

// ——— Mẫu 02 ——————————————————————————————————————————————————————————————

export async function renderSupplement02(data: SupplementData, options: RenderOptions = {}): Promise<Buffer> {
  if (data.items.length === 0) {
    throw new Error('Mẫu 02 must list what the applicant has to supplement');
  }
  const title = 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ';
  const doc = createDocument(
    {
      title: `Mẫu 02 - ${title}`,
      subject: data.dossierCode ?? '',
      keywords: ['Mẫu 02', data.dossierCode ?? '', data.procedure.code],
      author: unitFullName(data.unit),
      createdAt: data.issuedAt,
    },
    options,
  );
  const w = new FormWriter(doc);
  w.heading(data.unit, data.number, formatPlaceDate(data.unit.province, data.issuedAt));
  w.title(title, data.dossierCode ? [{ text: `Mã hồ sơ: ${data.dossierCode}`, font: 'bold' }] : []);

  w.field('Hồ sơ của', applicantName(data.applicant));
  w.field('Nội dung yêu cầu giải quyết', `${data.procedure.name} (mã thủ tục ${data.procedure.code})`);
  w.field('Địa chỉ', data.applicant.address ?? '', { plainValue: true });
  contactLine(w, data.applicant);
  w.space(4);
  w.paragraph('Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:', { after: 4 });
  w.table(
    [
      { header: 'STT', weight: 8, align: 'center' },
      { header: 'Giấy tờ cần bổ sung, hoàn thiện', weight: 44 },
      { header: 'Hình thức (bản chính / bản sao có chứng thực / bản chụp)', weight: 26, align: 'center' },
      { header: 'Ghi chú', weight: 22 },
    ],
    data.items.map((item, i) => [
      String(i + 1),
      item.document,
      DOCUMENT_FORM_LABEL[item.form],
      item.note ?? '',
    ]),
  );
  w.paragraph(`Lý do: ${data.reason}`, { align: 'justify' });
  const contact = data.contact.phone
    ? `${data.contact.fullName}, số điện thoại ${data.contact.phone}`
    : data.contact.fullName;
  const guideBlock = [{ title: 'NGƯỜI HƯỚNG DẪN', hint: '(Ký và ghi rõ họ tên)', name: data.guide.fullName }];
  const contactText = `Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ với ${contact} để được hướng dẫn./.`;
  w.ensureSpace(4 + w.measure(contactText, 'bold', w.size, w.width) + 10 + w.signaturesHeight(guideBlock));
  w.space(4);
  w.runs([
    { text: 'Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ với ' },
    { text: data.contact.phone ? `${data.contact.fullName}, ` : `${data.contact.fullName} `, font: 'bold' },
    { text: data.contact.phone ? 'số điện thoại ' : '' },
    { text: data.contact.phone ? `${data.contact.phone} ` : '', font: 'bold' },
    { text: 'để được hướng dẫn./.' },
  ]);
  w.space(10);
  w.signatures(guideBlock);
  w.pageNumbers({ onlyIfSeveral: true });
  return finish(doc);
}

// ——— Mẫu 03 ——————————————————————————————————————————————————————————————

export async function renderRefusal03(data: RefusalData, options: RenderOptions = {}): Promise<Buffer> {
  const title = 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ';
  const doc = createDocument(
    {
      title: `Mẫu 03 - ${title}`,
      subject: data.dossierCode ?? '',
      keywords: ['Mẫu 03', data.dossierCode ?? '', data.procedure.code],
      author: unitFullName(data.unit),
      createdAt: data.issuedAt,
    },
    options,
  );
  const w = new FormWriter(doc);
  w.heading(data.unit, data.number, formatPlaceDate(data.unit.province, data.issuedAt));
  w.title(title, data.dossierCode ? [{ text: `Mã hồ sơ: ${data.dossierCode}`, font: 'bold' }] : []);

  w.field(`${unitFullName(data.unit)} tiếp nhận hồ sơ của`, applicantName(data.applicant));
  if (data.applicant.address) w.field('Địa chỉ', data.applicant.address, { plainValue: true });
  if (data.applicant.phone || data.applicant.email) contactLine(w, data.applicant);
  w.field('Nội dung yêu cầu giải quyết', `${data.procedure.name} (mã thủ tục ${data.procedure.code})`);
  w.space(4);
  w.paragraph(
    `Qua xem xét, ${unitFullName(data.unit)} từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:`,
    { align: 'justify' },
  );
  w.paragraph(data.reason, { font: 'bold', indent: 14, align: 'justify', after: 6 });
  w.closing('Xin thông báo cho Ông/Bà được biết và thực hiện./.', [
    {
      title: data.signerRole ?? 'NGƯỜI TIẾP NHẬN HỒ SƠ',
      hint: '(Ký và ghi rõ họ tên)',
      name: data.signer.fullName,
    },
  ]);
  w.pageNumbers({ onlyIfSeveral: true });
  return finish(doc);
}

// ——— Mẫu 04 ——————————————————————————————————————————————————————————————

export async function renderApology04(data: ApologyData, options: RenderOptions = {}): Promise<Buffer> {
  const title = 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ';
  const doc = createDocument(
    {
      title: `Mẫu 04 - ${title}`,
      subject: data.dossierCode,
      keywords: [
        'Mẫu 04',
        data.dossierCode,
        data.procedure.code,
        `Hẹn lại: ${formatTimeDate(data.newDueAt)}`,
      ],
      author: unitFullName(data.unit),
      createdAt: data.issuedAt,
    },
    options,
  );
  const w = new FormWriter(doc);
  w.heading(data.unit, data.number, formatPlaceDate(data.unit.province, data.issuedAt));
  w.title(title);

  const agency = unitFullName(data.unit);
  w.runs([{ text: 'Kính gửi: ' }, { text: `Ông/Bà ${applicantName(data.applicant)}`, font: 'bold' }], {
    indent: 60,
    after: 10,
  });
  w.paragraph(`${data.receivedBy ?? agency} tiếp nhận hồ sơ của Ông/Bà ${formatLongDate(data.receivedAt)}.`, {
    align: 'justify',
  });
  w.field('Nội dung yêu cầu giải quyết', `${data.procedure.name} (mã thủ tục ${data.procedure.code})`);
  w.field('Mã hồ sơ', data.dossierCode);
  w.field('Ngày hẹn trả kết quả', formatTimeDate(data.originalDueAt));
  w.paragraph(`Tuy nhiên đến nay, ${agency} chưa trả kết quả giải quyết hồ sơ của Ông/Bà.`, {
    align: 'justify',
  });
  w.paragraph(`Lý do: ${data.reason}`, { align: 'justify' });
  w.runs([
    {
      text:
        `Sự chậm trễ này đã gây phiền hà cho Ông/Bà. ${agency} xin lỗi Ông/Bà và sẽ trả kết quả ` +
        'giải quyết hồ sơ cho Ông/Bà vào ',
    },
    { text: `${formatTimeDate(data.newDueAt)}.`, font: 'bold' },
  ]);
  w.closing('Xin trân trọng cảm ơn./.', [
    {
      above: data.signer.capacity?.toUpperCase(),
      aboveItalic: false,
      title: data.signer.title.toUpperCase(),
      hint: '(Ký, đóng dấu)',
      name: data.signer.fullName,
    },
  ]);
  w.pageNumbers({ onlyIfSeveral: true });
  return finish(doc);
}

// ——— Mẫu 05 ——————————————————————————————————————————————————————————————

export async function renderControlSheet05(
  data: ControlSheetData,
  options: RenderOptions = {},
): Promise<Buffer> {
  const title = 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ';
  const doc = createDocument(
    {
      title: `Mẫu 05 - ${title}`,
      subject: data.dossierCode,
      keywords: ['Mẫu 05', data.dossierCode, data.procedure.code],
      author: unitFullName(data.unit),
      createdAt: data.issuedAt,
    },
    options,
  );
  const w = new FormWriter(doc);
  w.heading(data.unit, data.number, formatPlaceDate(data.unit.province, data.issuedAt));
  const sub: Array<{ text: string; font?: 'bold' | 'italic' }> = [
    { text: `Mã hồ sơ: ${data.dossierCode}`, font: 'bold' },
  ];
  if (data.receiptNumber) {
    sub.push({
      text: `(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả số: ${data.receiptNumber})`,
      font: 'italic',
    });
  }
  w.title(title, sub);

  w.field('Người nộp hồ sơ', applicantName(data.applicant));
  w.field('Thủ tục', `${data.procedure.name} (mã thủ tục ${data.procedure.code})`, { plainValue: true });
  w.field('Cơ quan (bộ phận) giải quyết hồ sơ', data.leadAgency);
  w.field(
    'Cơ quan phối hợp giải quyết hồ sơ',
    data.coordinatingAgencies.length > 0 ? data.coordinatingAgencies.join('; ') : 'Không',
  );
  w.space(4);
  const rows: TableRow[] = data.steps.map((s, i) => [
    { text: `${i + 1}. Giao: ${s.from}\nNhận: ${s.to}` },
    {
      text:
        `${formatDateTimeShort(s.handedOverAt)}\nNgười giao: ${s.giver}\nNgười nhận: ${s.receiver}` +
        (s.stepDueAt ? `\nHạn của bước: ${formatDateTimeShort(s.stepDueAt)}` : ''),
    },
    { text: STEP_RESULT_LABEL[s.result], font: 'bold', align: 'center' },
    { text: s.note ?? '' },
  ]);
  w.table(
    [
      { header: 'TÊN CƠ QUAN', weight: 27 },
      { header: 'THỜI GIAN GIAO, NHẬN HỒ SƠ', weight: 35 },
      { header: 'KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn / Đúng hạn / Quá hạn)', weight: 18 },
      { header: 'GHI CHÚ', weight: 20 },
    ],
    rows,
    { fontSize: 10.5, headerFontSize: 10 },
  );
  w.pageNumbers();
  return finish(doc);
}

// ——— Mẫu 06 ——————————————————————————————————————————————————————————————

function logbookDateCell(date: Date | undefined): string {
  return date ? `${formatDate(date)}\n${formatTime(date)}` : '';
}

export async function renderLogbook06Pdf(data: LogbookData, options: RenderOptions = {}): Promise<Buffer> {
  const title = 'SỔ THEO DÕI HỒ SƠ';
  const period = logbookPeriodText(data.period);
  const doc = createDocument(
    {
      title: `Mẫu 06 - ${title}`,
      subject: `${title} - ${unitFullName(data.unit)} - ${period}`,
      keywords: ['Mẫu 06', unitFullName(data.unit), period, `${data.entries.length} hồ sơ`],
      author: unitFullName(data.unit),
      createdAt: data.issuedAt,
    },
    options,
    { landscape: true, margin: 15 * MM },
  );
  const w = new FormWriter(doc);
  w.heading(data.unit, data.number, formatPlaceDate(data.unit.province, data.issuedAt));
  const sub: Array<{ text: string; font?: 'bold' | 'italic' }> = [{ text: period, font: 'italic' }];
  if (data.book) sub.push({ text: `Quyển số: ${data.book}` });
  w.title(title, sub);
  const rows: TableRow[] = data.entries.map((e, i) => [
    { text: String(i + 1), align: 'center' },
    { text: e.dossierCode, breakAtHyphens: true },
    e.procedureName,
    { text: String(e.sets), align: 'center' },
    e.applicantName,
    [e.applicantAddress, e.applicantPhone].filter((s) => s && s.length > 0).join('\nĐT: '),
    e.leadAgency,
    logbookDateCell(e.receivedAt),
    logbookDateCell(e.dueAt),
    logbookDateCell(e.sentToAgencyAt),
    logbookDateCell(e.resultFromAgencyAt),
    logbookDateCell(e.returnedAt),
    e.signedBy ?? '',
    e.note ?? '',
  ]);
  w.table(
    LOGBOOK_COLUMNS.map((c, i) => ({
      header: c.header,
      weight: c.width,
      align: i >= 7 && i <= 11 ? 'center' : 'left',
    })),
    rows,
    { fontSize: 7.5, headerFontSize: 7, padding: 2.5, numberRow: true },
  );
  w.pageNumbers();
  return finish(doc);
}

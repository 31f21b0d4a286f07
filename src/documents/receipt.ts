/**
 * The electronic receipt (biên lai điện tử) for fees and charges paid on a dossier: issuing unit,
 * receipt number, payer, fee lines, total in figures and in words, how it was paid (cash, bank
 * transfer by VietQR, online gateway) and a QR code to the dossier's tracking page. Pure: data in,
 * bytes out; dates print in Vietnam time.
 */
import { formatDateTimeShort, formatMoney, formatNumber, formatPlaceDate } from './format.ts';
import { createDocument, FormWriter, finish, type RenderOptions } from './layout.ts';
import { type Unit, unitFullName } from './model.ts';

export type PaymentMethod = 'gateway' | 'vietqr' | 'cash';

export const PAYMENT_METHOD_LABEL: Record<PaymentMethod, string> = {
  cash: 'Tiền mặt',
  vietqr: 'Chuyển khoản (VietQR)',
  gateway: 'Thanh toán trực tuyến (cổng VNPay)',
};

export interface PaymentReceiptData {
  unit: Unit;
  receiptNumber: string;
  /** When it was paid: the receipt's date. */
  paidAt: Date;
  payerName: string;
  /** The dossier's code (or the code reserved for an online application); null if none yet. */
  dossierCode: string | null;
  procedureName?: string;
  /** The merchant reference (vnp_TxnRef / transfer content). */
  reference: string;
  items: { label: string; amount: number }[];
  total: number;
  method: PaymentMethod;
  gatewayTransactionNo?: string | null;
  bankCode?: string | null;
  /** For VietQR transfers: the payload of the code the payer scanned. */
  vietQrPayload?: string | null;
  /** The dossier's public tracking page (QR at the top right). */
  trackingUrl?: string | null;
  collectorName?: string | null;
  /** Set when the payment was later refunded. */
  refund?: { at: Date; reason: string } | null;
}

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const SCALES = ['', 'nghìn', 'triệu', 'tỷ', 'nghìn tỷ', 'triệu tỷ'];

/** Reads 0–999; `full` reads leading zero hundreds ("không trăm linh năm") inside a larger number. */
function readGroup(n: number, full: boolean): string[] {
  const h = Math.floor(n / 100);
  const t = Math.floor(n / 10) % 10;
  const u = n % 10;
  const words: string[] = [];
  if (full || h > 0) words.push(DIGITS[h]!, 'trăm');
  if (t === 0) {
    if (u > 0 && words.length > 0) words.push('linh');
  } else if (t === 1) words.push('mười');
  else words.push(DIGITS[t]!, 'mươi');
  if (u > 0) {
    if (u === 1 && t >= 2) words.push('mốt');
    else if (u === 5 && t >= 1) words.push('lăm');
    else words.push(DIGITS[u]!);
  }
  return words;
}

/** A whole number of đồng in Vietnamese words: 38000 → "Ba mươi tám nghìn đồng". */
export function amountInWords(amount: number): string {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new Error('amount must be a non-negative integer');
  let text: string;
  if (amount === 0) text = 'không';
  else {
    const groups: number[] = [];
    for (let n = amount; n > 0; n = Math.floor(n / 1000)) groups.push(n % 1000);
    const words: string[] = [];
    for (let i = groups.length - 1; i >= 0; i--) {
      const g = groups[i]!;
      if (g === 0) continue;
      words.push(...readGroup(g, i < groups.length - 1));
      if (SCALES[i]) words.push(SCALES[i]!);
    }
    text = words.join(' ');
  }
  return `${text.charAt(0).toUpperCase()}${text.slice(1)} đồng`;
}

export async function renderPaymentReceipt(
  data: PaymentReceiptData,
  options: RenderOptions = {},
): Promise<Buffer> {
  const title = 'BIÊN LAI THU PHÍ, LỆ PHÍ';
  const doc = createDocument(
    {
      title: `${title} - ${data.receiptNumber}`,
      subject: data.dossierCode ?? data.reference,
      keywords: ['Biên lai điện tử', data.receiptNumber, data.reference, data.dossierCode ?? ''],
      author: unitFullName(data.unit),
      createdAt: data.paidAt,
    },
    options,
  );
  const w = new FormWriter(doc);
  w.heading(data.unit, data.receiptNumber, formatPlaceDate(data.unit.province, data.paidAt));

  const qrSize = 70;
  const top = w.y - 4;
  if (data.trackingUrl) {
    w.qr(data.trackingUrl, w.right - qrSize, top, qrSize);
    w.box('Tra cứu hồ sơ', w.right - qrSize, top + qrSize, qrSize, { size: 7.5, align: 'center' });
  }
  const side = qrSize + 8;
  let y = top + 6;
  y += w.box(title, w.left + side, y, w.width - 2 * side, { font: 'bold', size: 15, align: 'center' });
  y += w.box('(Biên lai điện tử)', w.left + side, y, w.width - 2 * side, { font: 'italic', align: 'center' });
  y += w.box(`Số biên lai: ${data.receiptNumber}`, w.left + side, y + 2, w.width - 2 * side, {
    font: 'bold',
    align: 'center',
  });
  w.y = Math.max(y + 10, data.trackingUrl ? top + qrSize + 16 : 0);

  w.field('Họ tên người nộp', data.payerName);
  if (data.dossierCode) w.field('Mã hồ sơ', data.dossierCode);
  if (data.procedureName) w.field('Thủ tục', data.procedureName, { plainValue: true });
  w.field('Mã thanh toán', data.reference);
  w.field('Thời điểm thanh toán', formatDateTimeShort(data.paidAt), { plainValue: true });
  w.space(4);

  w.table(
    [
      { header: 'STT', weight: 8, align: 'center' },
      { header: 'Nội dung thu', weight: 66 },
      { header: 'Số tiền (đồng)', weight: 26, align: 'right' },
    ],
    [
      ...data.items.map((item, i) => [String(i + 1), item.label, formatNumber(item.amount)]),
      [
        '',
        { text: 'Tổng cộng', font: 'bold' as const },
        { text: formatNumber(data.total), font: 'bold' as const },
      ],
    ],
  );
  w.runs([{ text: 'Số tiền bằng chữ: ' }, { text: amountInWords(data.total), font: 'boldItalic' }]);
  w.field('Hình thức thanh toán', PAYMENT_METHOD_LABEL[data.method]);
  if (data.gatewayTransactionNo) w.field('Mã giao dịch', data.gatewayTransactionNo);
  if (data.bankCode) w.field('Ngân hàng', data.bankCode, { plainValue: true });
  if (data.refund)
    w.field('ĐÃ HOÀN TIỀN', `${formatDateTimeShort(data.refund.at)} — ${data.refund.reason}`, {
      plainValue: true,
    });

  if (data.method === 'vietqr' && data.vietQrPayload) {
    const size = 96;
    w.ensureSpace(size + 20);
    const qy = w.y + 4;
    w.qr(data.vietQrPayload, w.left, qy, size);
    w.box(
      `Mã VietQR của khoản chuyển khoản ${formatMoney(data.total)}, nội dung ${data.reference}.`,
      w.left + size + 10,
      qy + size / 2 - 14,
      w.width - size - 10,
      { font: 'italic', size: 10 },
    );
    w.y = qy + size + 6;
  }

  w.signatures([
    { title: 'NGƯỜI NỘP TIỀN', hint: '(Ký, ghi rõ họ tên)', name: data.payerName },
    {
      title: 'NGƯỜI THU TIỀN',
      hint:
        data.method === 'gateway'
          ? '(Lập tự động khi nhận báo có của cổng thanh toán)'
          : '(Ký, ghi rõ họ tên)',
      name: data.collectorName ?? undefined,
    },
  ]);
  w.paragraph(
    'Biên lai điện tử có giá trị như biên lai giấy. Ông/Bà có thể tải lại biên lai tại trang tra cứu hồ sơ.',
    { font: 'italic', size: 10 },
  );
  return finish(doc);
}

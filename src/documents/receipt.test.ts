import { describe, expect, it } from 'vitest';
import { countPdfPages, extractPdfInfo, extractPdfText } from './pdf-inspect.ts';
import { amountInWords, type PaymentReceiptData, renderPaymentReceipt } from './receipt.ts';

describe('amountInWords', () => {
  it.each([
    [0, 'Không đồng'],
    [8000, 'Tám nghìn đồng'],
    [15000, 'Mười lăm nghìn đồng'],
    [21000, 'Hai mươi mốt nghìn đồng'],
    [38000, 'Ba mươi tám nghìn đồng'],
    [105000, 'Một trăm linh năm nghìn đồng'],
    [110000, 'Một trăm mười nghìn đồng'],
    [1_250_000, 'Một triệu hai trăm năm mươi nghìn đồng'],
    [1_005_000, 'Một triệu không trăm linh năm nghìn đồng'],
    [1_000_500, 'Một triệu năm trăm đồng'],
    [2_000_000_000, 'Hai tỷ đồng'],
  ])('%d → %s', (amount, words) => {
    expect(amountInWords(amount)).toBe(words);
  });
});

const base: PaymentReceiptData = {
  unit: { name: 'UBND phường Long Xuyên', province: 'An Giang' },
  receiptNumber: 'AG.LONGXUYEN-BL-2026-000001',
  paidAt: new Date('2026-03-02T02:05:00Z'),
  payerName: 'Nguyễn Văn An',
  dossierCode: 'AG.LONGXUYEN-260302-0001',
  procedureName: 'Đăng ký khai sinh',
  reference: 'MC260302ABCDEFGH',
  items: [
    { label: 'Lệ phí đăng ký khai sinh', amount: 8000 },
    { label: 'Cước trả kết quả qua bưu chính', amount: 30000 },
  ],
  total: 38000,
  method: 'gateway',
  gatewayTransactionNo: '14123456',
  bankCode: 'NCB',
  trackingUrl: 'http://localhost:3000/track/AG.LONGXUYEN-260302-0001',
};

describe('the e-receipt PDF', () => {
  it('prints the number, payer, lines, total in figures and words, method and transaction', async () => {
    const pdf = await renderPaymentReceipt(base, { compress: false });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = extractPdfText(pdf).join('\n').replace(/\s+/g, ' ');
    for (const expected of [
      'BIÊN LAI THU PHÍ, LỆ PHÍ',
      'AG.LONGXUYEN-BL-2026-000001',
      'Nguyễn Văn An',
      'AG.LONGXUYEN-260302-0001',
      'Lệ phí đăng ký khai sinh',
      '38.000',
      'Ba mươi tám nghìn đồng',
      'Thanh toán trực tuyến (cổng VNPay)',
      '14123456',
      'ngày 02 tháng 3 năm 2026',
    ])
      expect(text).toContain(expected);
    expect(extractPdfInfo(pdf).Subject).toBe('AG.LONGXUYEN-260302-0001');
    expect(countPdfPages(pdf)).toBe(1);
  });

  it('shows the VietQR code and the refund', async () => {
    const pdf = await renderPaymentReceipt(
      {
        ...base,
        method: 'vietqr',
        gatewayTransactionNo: null,
        bankCode: null,
        vietQrPayload: '000201010212…',
        refund: { at: new Date('2026-03-03T02:00:00Z'), reason: 'Hồ sơ bị từ chối' },
      },
      { compress: false },
    );
    const text = extractPdfText(pdf).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Chuyển khoản (VietQR)');
    expect(text).toContain('Mã VietQR');
    expect(text).toContain('Hồ sơ bị từ chối');
  });
});

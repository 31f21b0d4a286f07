/**
 * The VNPay 2.1.0 payment protocol (the redirect-and-notify scheme most Vietnamese gateways use):
 * the merchant signs a redirect to the gateway, the customer pays there, the gateway calls the
 * merchant's IPN URL server to server and sends the browser back to the return URL. Every message
 * is signed with HMAC-SHA512 over the `vnp_` parameters sorted by key, encoded as VNPay's reference
 * code does (encodeURIComponent, spaces as "+"). Pure: dates are passed in.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const VNP_VERSION = '2.1.0';

/** The IPN answers VNPay expects (`{RspCode, Message}`, always with HTTP 200). */
export const IPN_RESPONSES = {
  success: { RspCode: '00', Message: 'Confirm Success' },
  orderNotFound: { RspCode: '01', Message: 'Order not found' },
  alreadyConfirmed: { RspCode: '02', Message: 'Order already confirmed' },
  invalidAmount: { RspCode: '04', Message: 'invalid amount' },
  invalidSignature: { RspCode: '97', Message: 'Invalid signature' },
  unknownError: { RspCode: '99', Message: 'Unknown error' },
} as const;
export type IpnResponse = (typeof IPN_RESPONSES)[keyof typeof IPN_RESPONSES];

/** vnp_ResponseCode values the sandbox sends (and the ones a merchant most often sees). */
export const VNP_RESPONSE_CODES: Record<string, string> = {
  '00': 'Giao dịch thành công',
  '11': 'Đã hết hạn chờ thanh toán',
  '24': 'Khách hàng hủy giao dịch',
  '51': 'Tài khoản không đủ số dư để thực hiện giao dịch',
  '97': 'Chữ ký không hợp lệ',
  '99': 'Lỗi không xác định',
};

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

/** yyyyMMddHHmmss in GMT+7. */
export function vnpDate(date: Date): string {
  return new Date(date.getTime() + VN_OFFSET_MS).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** Parses yyyyMMddHHmmss (GMT+7); null when malformed. */
export function parseVnpDate(text: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const date = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) - VN_OFFSET_MS);
  return vnpDate(date) === text ? date : null;
}

/** One value encoded like VNPay's reference code. */
export function vnpEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}

export type VnpParams = Record<string, string>;

/** Only non-empty `vnp_` parameters are signed, never the hash itself. */
function signedEntries(params: Record<string, unknown>): [string, string][] {
  return Object.entries(params)
    .filter(
      (e): e is [string, string] =>
        e[0].startsWith('vnp_') &&
        e[0] !== 'vnp_SecureHash' &&
        e[0] !== 'vnp_SecureHashType' &&
        typeof e[1] === 'string' &&
        e[1].length > 0,
    )
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The sorted, encoded query string that is signed (and sent). */
export function canonicalQuery(params: Record<string, unknown>): string {
  return signedEntries(params)
    .map(([k, v]) => `${vnpEncode(k)}=${vnpEncode(v)}`)
    .join('&');
}

/** HMAC-SHA512 (hex) of the canonical query string. */
export function signVnpParams(params: Record<string, unknown>, secret: string): string {
  return createHmac('sha512', secret).update(canonicalQuery(params), 'utf8').digest('hex');
}

/** The query string with its vnp_SecureHash appended. */
export function signedQuery(params: Record<string, unknown>, secret: string): string {
  return `${canonicalQuery(params)}&vnp_SecureHash=${signVnpParams(params, secret)}`;
}

/** True when vnp_SecureHash matches the other `vnp_` parameters (constant-time comparison). */
export function verifyVnpParams(params: Record<string, unknown>, secret: string): boolean {
  const given = params.vnp_SecureHash;
  if (typeof given !== 'string' || !/^[0-9a-fA-F]{128}$/.test(given)) return false;
  const expected = Buffer.from(signVnpParams(params, secret), 'hex');
  return timingSafeEqual(expected, Buffer.from(given.toLowerCase(), 'hex'));
}

export interface PaymentRequest {
  tmnCode: string;
  /** VND (sent ×100). */
  amount: number;
  txnRef: string;
  orderInfo: string;
  locale: 'vn' | 'en';
  returnUrl: string;
  ipAddr: string;
  createDate: Date;
  /** Minutes the payment page stays valid (default 15). */
  expireMinutes?: number;
  bankCode?: string;
}

/** The parameters of the payment redirect, unsigned. */
export function paymentParams(req: PaymentRequest): VnpParams {
  if (!Number.isInteger(req.amount) || req.amount <= 0) throw new Error('amount must be a positive integer');
  const params: VnpParams = {
    vnp_Version: VNP_VERSION,
    vnp_Command: 'pay',
    vnp_TmnCode: req.tmnCode,
    vnp_Amount: String(req.amount * 100),
    vnp_CurrCode: 'VND',
    vnp_TxnRef: req.txnRef,
    vnp_OrderInfo: req.orderInfo,
    vnp_OrderType: 'other',
    vnp_Locale: req.locale,
    vnp_ReturnUrl: req.returnUrl,
    vnp_IpAddr: req.ipAddr,
    vnp_CreateDate: vnpDate(req.createDate),
    vnp_ExpireDate: vnpDate(new Date(req.createDate.getTime() + (req.expireMinutes ?? 15) * 60_000)),
  };
  if (req.bankCode) params.vnp_BankCode = req.bankCode;
  return params;
}

/** The full signed URL the customer's browser is sent to. */
export function buildPaymentUrl(gatewayUrl: string, secret: string, req: PaymentRequest): string {
  const separator = gatewayUrl.includes('?') ? '&' : '?';
  return `${gatewayUrl}${separator}${signedQuery(paymentParams(req), secret)}`;
}

/** The string parameters of a parsed query (repeated keys: the first value). */
export function flattenQuery(query: Record<string, unknown>): VnpParams {
  const out: VnpParams = {};
  for (const [k, v] of Object.entries(query)) {
    const value = Array.isArray(v) ? v[0] : v;
    if (typeof value === 'string') out[k] = value;
  }
  return out;
}

export type SandboxOutcome = 'success' | 'failed' | 'cancelled';

/**
 * What the sandbox gateway sends back (to the IPN and the return URL) for a verified payment
 * request: the request's order fields plus the result, signed with the merchant's secret.
 */
export function sandboxCallbackParams(
  request: VnpParams,
  outcome: SandboxOutcome,
  opts: { transactionNo: string; payDate: Date; secret: string },
): VnpParams {
  const responseCode = outcome === 'success' ? '00' : outcome === 'cancelled' ? '24' : '51';
  const params: VnpParams = {
    vnp_TmnCode: request.vnp_TmnCode ?? '',
    vnp_Amount: request.vnp_Amount ?? '',
    vnp_BankCode: 'NCB',
    vnp_CardType: 'ATM',
    vnp_OrderInfo: request.vnp_OrderInfo ?? '',
    vnp_PayDate: vnpDate(opts.payDate),
    vnp_ResponseCode: responseCode,
    vnp_TransactionNo: outcome === 'success' ? opts.transactionNo : '0',
    vnp_TransactionStatus: outcome === 'success' ? '00' : '02',
    vnp_TxnRef: request.vnp_TxnRef ?? '',
  };
  if (outcome === 'success') params.vnp_BankTranNo = `VNP${opts.transactionNo}`;
  return { ...params, vnp_SecureHash: signVnpParams(params, opts.secret) };
}

/** True when the callback reports a completed payment. */
export function isSuccessfulCallback(params: VnpParams): boolean {
  return params.vnp_ResponseCode === '00' && params.vnp_TransactionStatus === '00';
}

/**
 * VietQR (NAPAS) payloads: an EMVCo merchant-presented QR code for a bank transfer to an account
 * (service QRIBFTTA), with the amount and the payment reference as the transfer's purpose, so a
 * banking app fills in everything. Pure.
 */

export const NAPAS_GUID = 'A000000727';
export const SERVICE_TO_ACCOUNT = 'QRIBFTTA';

/** One TLV field: two-digit id, two-digit length, value. */
export function tlv(id: string, value: string): string {
  if (!/^\d{2}$/.test(id)) throw new Error(`bad EMVCo id "${id}"`);
  if (value.length > 99) throw new Error(`EMVCo field ${id} is longer than 99 characters`);
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
}

/** Splits a TLV string into its fields (no nesting). */
export function parseTlv(payload: string): { id: string; value: string }[] {
  const out: { id: string; value: string }[] = [];
  let i = 0;
  while (i < payload.length) {
    const id = payload.slice(i, i + 2);
    const length = Number(payload.slice(i + 2, i + 4));
    if (!/^\d{2}$/.test(id) || !Number.isInteger(length) || i + 4 + length > payload.length)
      throw new Error(`malformed TLV at ${i}`);
    out.push({ id, value: payload.slice(i + 4, i + 4 + length) });
    i += 4 + length;
  }
  return out;
}

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) as four upper-case hex digits. */
export function crc16(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** Characters banking apps accept in the purpose: ASCII letters, digits, space and a few marks. */
export function vietQrPurpose(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9 .\-_/]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 25);
}

export interface VietQrInput {
  /** The bank's NAPAS BIN (6 digits). */
  bankBin: string;
  accountNumber: string;
  /** VND; omitted = a static code (the payer types the amount). */
  amount?: number;
  /** Payment reference, sent as the transfer's purpose (bill number / content). */
  reference?: string;
}

/** The payload string to put in the QR code. */
export function vietQrPayload(input: VietQrInput): string {
  if (!/^\d{6}$/.test(input.bankBin)) throw new Error('bankBin must be 6 digits');
  if (!/^[0-9A-Za-z]{1,19}$/.test(input.accountNumber))
    throw new Error('accountNumber must be 1–19 letters or digits');
  const dynamic = input.amount !== undefined;
  if (dynamic && (!Number.isInteger(input.amount) || input.amount! <= 0))
    throw new Error('amount must be a positive integer');
  const beneficiary = tlv('00', input.bankBin) + tlv('01', input.accountNumber);
  const merchant = tlv('00', NAPAS_GUID) + tlv('01', beneficiary) + tlv('02', SERVICE_TO_ACCOUNT);
  const purpose = input.reference ? vietQrPurpose(input.reference) : '';
  const body =
    tlv('00', '01') +
    tlv('01', dynamic ? '12' : '11') +
    tlv('38', merchant) +
    tlv('53', '704') +
    (dynamic ? tlv('54', String(input.amount)) : '') +
    tlv('58', 'VN') +
    (purpose ? tlv('62', tlv('08', purpose)) : '') +
    '6304';
  return body + crc16(body);
}

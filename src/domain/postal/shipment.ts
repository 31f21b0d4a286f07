/**
 * Public postal service (bưu chính công ích, BCCI) shipments: a pick-up of a dossier from the
 * applicant to the counter, or the return of a result from the counter to the applicant. The
 * carrier reports each step by a signed webhook. Pure.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SHIPMENT_KINDS = ['pickup', 'return'] as const;
export type ShipmentKind = (typeof SHIPMENT_KINDS)[number];

export const SHIPMENT_STATUSES = [
  'requested',
  'picked_up',
  'in_transit',
  'delivered',
  'failed',
  'returned_to_sender',
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/** Where each status may go next (a delivery that failed may be tried again or go back). */
export const NEXT_STATUSES = {
  requested: ['picked_up', 'failed'],
  picked_up: ['in_transit', 'delivered', 'failed'],
  in_transit: ['delivered', 'failed', 'returned_to_sender'],
  failed: ['in_transit', 'returned_to_sender'],
  delivered: [],
  returned_to_sender: [],
} as const satisfies Record<ShipmentStatus, readonly ShipmentStatus[]>;

export function canMove(from: ShipmentStatus, to: ShipmentStatus): boolean {
  return (NEXT_STATUSES[from] as readonly ShipmentStatus[]).includes(to);
}

export function isFinal(status: ShipmentStatus): boolean {
  return NEXT_STATUSES[status].length === 0;
}

/** The signature a carrier sends with a webhook: `sha256=` and the HMAC-SHA256 of the raw body. */
export function signWebhook(rawBody: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

/** Checks a webhook's signature in constant time. */
export function verifyWebhook(rawBody: string, signature: string | undefined, secret: string): boolean {
  if (!signature) return false;
  const expected = Buffer.from(signWebhook(rawBody, secret));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * A VNPost-style item number: two letters, eight digits, a check digit (UPU S10: weights 8 6 4 2 3
 * 5 9 7, 11 − sum mod 11, 10 → 0, 11 → 5) and the country.
 */
export function trackingNumber(serial: number, prefix = 'EB'): string {
  const digits = String(serial % 100_000_000).padStart(8, '0');
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  const sum = digits.split('').reduce((a, d, i) => a + Number(d) * weights[i]!, 0);
  const check = 11 - (sum % 11);
  return `${prefix}${digits}${check === 10 ? 0 : check === 11 ? 5 : check}VN`;
}

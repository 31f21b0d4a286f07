/**
 * The public postal carrier (bưu chính công ích): books a pick-up or a return and answers with the
 * item's tracking number; its status updates come back by a signed webhook (src/domain/postal).
 * A sandbox carrier numbers items itself (statuses are then advanced by hand, through the same
 * webhook); an HTTP carrier POSTs the booking to a real service.
 */
import { randomInt } from 'node:crypto';
import type { PostalConfig } from '../config.ts';
import { type ShipmentKind, trackingNumber } from '../domain/postal/shipment.ts';

export interface Booking {
  kind: ShipmentKind;
  applicant: { name: string; phone: string; address: string };
  unit: { code: string; name: string; address: string | null };
  note: string | null;
}

export interface PostalCarrier {
  name: string;
  book(booking: Booking): Promise<{ trackingNumber: string }>;
}

export class SandboxCarrier implements PostalCarrier {
  name = 'sandbox';
  async book(): Promise<{ trackingNumber: string }> {
    return { trackingNumber: trackingNumber(randomInt(1, 100_000_000), 'EB') };
  }
}

export class HttpCarrier implements PostalCarrier {
  name = 'http';
  constructor(private readonly url: string) {}
  async book(booking: Booking): Promise<{ trackingNumber: string }> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(booking),
      signal: AbortSignal.timeout(15_000),
    });
    if (!res.ok) throw new Error(`postal carrier answered ${res.status}`);
    const body = (await res.json()) as { trackingNumber?: unknown };
    if (typeof body.trackingNumber !== 'string' || !body.trackingNumber)
      throw new Error('postal carrier gave no tracking number');
    return { trackingNumber: body.trackingNumber };
  }
}

export function carrierOf(config: PostalConfig): PostalCarrier {
  return config.carrier === 'http' && config.url ? new HttpCarrier(config.url) : new SandboxCarrier();
}

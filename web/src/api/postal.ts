import { useQuery } from '@tanstack/react-query';
import type { InputOf, OutputOf } from '../../../src/contracts/operation';
import type { postalContract } from '../../../src/contracts/postal';
import { endpoint } from './endpoint';

type Contract = typeof postalContract;
export type Shipment = OutputOf<Contract['shipment']>;
export type PostalCarrier = OutputOf<Contract['carrier']>;
export type WebhookAnswer = OutputOf<Contract['webhook']>;
export type ShipmentBooking = InputOf<Contract['book']>['body'];
export type CarrierUpdate = InputOf<Contract['sandboxAdvance']>['body'];
export type HandoverListInput = InputOf<Contract['createHandoverList']>['body'];

/** The postal context's operations, typed by its contract (home service: web/src/api/home-service.ts). */
export const postalApi = {
  carrier: endpoint<Contract['carrier']>('GET /postal/carrier'),
  book: endpoint<Contract['book']>('POST /postal/shipments'),
  requestPickup: endpoint<Contract['requestPickup']>('POST /public/postal/pickups'),
  track: endpoint<Contract['track']>('GET /public/postal/shipments/:trackingNumber'),
  shipments: endpoint<Contract['shipments']>('GET /postal/shipments'),
  shipment: endpoint<Contract['shipment']>('GET /postal/shipments/:id'),
  createHandoverList: endpoint<Contract['createHandoverList']>('POST /postal/handover-lists'),
  sandboxAdvance: endpoint<Contract['sandboxAdvance']>('POST /sandbox/postal/advance'),
};

export function usePostalCarrier() {
  return useQuery({
    queryKey: ['postal', 'carrier'],
    queryFn: () => postalApi.carrier(),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useShipments(unit: string | undefined) {
  return useQuery({
    queryKey: ['postal', 'shipments', unit],
    queryFn: ({ signal }) => postalApi.shipments({ query: { unit: unit ?? '' } }, { signal }),
    enabled: Boolean(unit),
  });
}

export const bookShipment = (body: ShipmentBooking) => postalApi.book({ body });

/** The demo's sandbox carrier passes the webhook's answer through. */
export const advanceShipment = (body: CarrierUpdate) =>
  postalApi.sandboxAdvance({ body }) as Promise<WebhookAnswer>;

export const createHandoverList = (body: HandoverListInput) => postalApi.createHandoverList({ body });

import { useQuery } from '@tanstack/react-query';
import type { ShipmentKind, ShipmentStatus } from '../../../src/domain/postal/shipment';
import { api } from './client';

export interface Shipment {
  id: string;
  kind: ShipmentKind;
  carrier: string;
  trackingNumber: string;
  status: ShipmentStatus;
  unitCode: string;
  dossierCode: string | null;
  applicant: { name: string; phone: string; address: string };
  fee: number;
  note: string | null;
  handoverListId: string | null;
  createdAt: string;
  updatedAt: string;
  events: Array<{ status: string; at: string; source: string; note: string | null }>;
}

export function usePostalCarrier() {
  return useQuery({
    queryKey: ['postal', 'carrier'],
    queryFn: () => api<{ carrier: 'sandbox' | 'http'; fee: number }>('/postal/carrier'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useShipments(unit: string | undefined) {
  return useQuery({
    queryKey: ['postal', 'shipments', unit],
    queryFn: ({ signal }) => api<Shipment[]>('/postal/shipments', { query: { unit }, signal }),
    enabled: Boolean(unit),
  });
}

export function bookShipment(body: {
  unitCode: string;
  kind: ShipmentKind;
  dossierCode?: string;
  applicant?: { name: string; phone: string; address: string };
}) {
  return api<Shipment>('/postal/shipments', { method: 'POST', body });
}

export function advanceShipment(body: { trackingNumber: string; status: ShipmentStatus }) {
  return api<{ changed: boolean; status: ShipmentStatus }>('/sandbox/postal/advance', {
    method: 'POST',
    body,
  });
}

export function createHandoverList(body: { unitCode: string; postmanName: string; shipmentIds: string[] }) {
  return api<{ id: string; number: string; shipments: number }>('/postal/handover-lists', {
    method: 'POST',
    body,
  });
}

import { useQuery } from '@tanstack/react-query';
import type {
  HomeServiceChannel,
  HomeServiceKind,
  HomeServiceReason,
  HomeServiceStatus,
} from '../../../src/domain/postal/home-service';
import { api } from './client';

export interface HomeServiceEvent {
  status: HomeServiceStatus;
  at: string;
  actorName: string | null;
  note: string | null;
  scheduledAt: string | null;
  officerName: string | null;
}

export interface HomeService {
  id: string;
  code: string;
  unitCode: string;
  unitName: string;
  kind: HomeServiceKind;
  requestedVia: HomeServiceChannel;
  status: HomeServiceStatus;
  dossierCode: string | null;
  procedureCode: string | null;
  applicant: { name: string; phone: string; address: string };
  reason: HomeServiceReason;
  note: string | null;
  scheduledAt: string | null;
  officer: { id: string; fullName: string } | null;
  createdAt: string;
  updatedAt: string;
  events: HomeServiceEvent[];
}

export interface HomeServiceOfficer {
  id: string;
  username: string;
  fullName: string;
}

export function useHomeServices(unit: string | undefined, status: HomeServiceStatus | undefined) {
  return useQuery({
    queryKey: ['home-service', 'list', unit, status],
    queryFn: ({ signal }) => api<HomeService[]>('/home-services', { query: { unit, status }, signal }),
    enabled: Boolean(unit),
  });
}

export function useHomeServiceOfficers(unit: string | undefined) {
  return useQuery({
    queryKey: ['home-service', 'officers', unit],
    queryFn: ({ signal }) =>
      api<HomeServiceOfficer[]>('/home-services/officers', { query: { unit }, signal }),
    enabled: Boolean(unit),
    staleTime: 5 * 60_000,
  });
}

export function createHomeService(body: {
  unitCode: string;
  kind: HomeServiceKind;
  requestedVia: 'hotline' | 'counter';
  applicant: { name: string; phone: string; address: string };
  reason: HomeServiceReason;
  note?: string;
  dossierCode?: string;
}) {
  return api<HomeService>('/home-services', { method: 'POST', body });
}

export function scheduleHomeService(
  id: string,
  body: { scheduledAt: string; officerId: string; note?: string },
) {
  return api<HomeService>(`/home-services/${id}/schedule`, { method: 'POST', body });
}

export function completeHomeService(id: string, body: { outcome: 'done' | 'failed'; note?: string }) {
  return api<HomeService>(`/home-services/${id}/complete`, { method: 'POST', body });
}

export function cancelHomeService(id: string, body: { note?: string }) {
  return api<HomeService>(`/home-services/${id}/cancel`, { method: 'POST', body });
}

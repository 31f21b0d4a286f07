import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Priority, TicketStatus } from '../../../src/domain/queue/queue';
import { api } from './client';

export interface QueueService {
  code: string;
  name: string;
  prefix: string;
  fieldCodes: string[];
  waiting: number;
}

export interface QueueCounter {
  id: string;
  number: number;
  name: string;
  serviceCodes: string[];
  open: boolean;
  officerName: string | null;
  current: { id: string; label: string; serviceCode: string; status: TicketStatus } | null;
}

export interface Ticket {
  id: string;
  number: string;
  serviceCode: string;
  serviceName: string;
  priority: Priority | null;
  status: TicketStatus;
  peopleAhead: number;
  estimatedWaitMinutes: number | null;
  counter: { number: number; name: string } | null;
  recalls: number;
  takenAt: string;
  calledAt: string | null;
  dossierCode: string | null;
  unit: { code: string; name: string };
}

export interface TakenTicket {
  id: string;
  number: string;
  serviceCode: string;
  peopleAhead: number;
  estimatedWaitMinutes: number | null;
}

export interface DisplayState {
  unit: { code: string; name: string };
  calling: Array<{
    ticketId: string;
    label: string;
    counterNumber: number;
    counterName: string;
    status: TicketStatus;
    calledAt: string;
  }>;
  recent: Array<{ label: string; counterNumber: number; status: TicketStatus }>;
  waiting: Array<{ serviceCode: string; name: string; waiting: number }>;
}

/** A queue change as the display's event stream sends it (server: QueueNotice). */
export interface QueueNotice {
  unitCode: string;
  type: 'taken' | 'called' | 'recalled' | 'started' | 'finished' | 'no_show' | 'transferred';
  ticketId: string;
  label: string;
  serviceCode: string;
  counterNumber: number | null;
  announcement: string | null;
  at: string;
}

export function useQueueServices(unit: string | undefined, refetchInterval?: number) {
  return useQuery({
    queryKey: ['queue', 'services', unit],
    queryFn: ({ signal }) => api<QueueService[]>('/queue/services', { query: { unit }, signal }),
    enabled: Boolean(unit),
    refetchInterval,
  });
}

export function useQueueCounters(unit: string | undefined) {
  return useQuery({
    queryKey: ['queue', 'counters', unit],
    queryFn: ({ signal }) => api<QueueCounter[]>('/queue/counters', { query: { unit }, signal }),
    enabled: Boolean(unit),
    placeholderData: keepPreviousData,
  });
}

export function useTicket(id: string | undefined, refetchInterval: number | false = 15_000) {
  return useQuery({
    queryKey: ['queue', 'ticket', id],
    queryFn: ({ signal }) => api<Ticket>(`/queue/tickets/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: Boolean(id),
    refetchInterval,
  });
}

export function useDisplayState(unitCode: string | undefined) {
  return useQuery({
    queryKey: ['queue', 'display', unitCode],
    queryFn: ({ signal }) =>
      api<DisplayState>(`/queue/display/${encodeURIComponent(unitCode ?? '')}`, { signal }),
    enabled: Boolean(unitCode),
    placeholderData: keepPreviousData,
  });
}

export function takeTicket(body: { unitCode: string; serviceCode: string; priority?: Priority | null }) {
  return api<TakenTicket>('/queue/tickets', { method: 'POST', body });
}

export function callNext(counterId: string) {
  return api<Ticket | undefined>(`/queue/counters/${counterId}/call-next`, { method: 'POST' });
}

export type TicketAction =
  | { action: 'recall' | 'start' | 'finish' | 'no_show' }
  | { action: 'transfer'; serviceCode: string }
  | { action: 'link'; dossierCode: string };

export function actOnTicket(counterId: string, ticketId: string, body: TicketAction) {
  return api<Ticket>(`/queue/counters/${counterId}/tickets/${ticketId}/actions`, { method: 'POST', body });
}

export interface RatingTarget {
  counter: { id: string; number: number; name: string };
  officerName: string | null;
  ticket: { id: string; label: string; status: string } | null;
}

/** The header a counter's satisfaction tablet sends its device key in (issue 14 §3). */
const deviceHeaders = (deviceKey: string | null) => (deviceKey ? { 'x-device-key': deviceKey } : undefined);

export function useRatingTarget(
  counterId: string | undefined,
  refetchInterval: number,
  deviceKey: string | null,
) {
  return useQuery({
    queryKey: ['queue', 'rating-target', counterId, deviceKey],
    queryFn: ({ signal }) =>
      api<RatingTarget>(`/queue/counters/${encodeURIComponent(counterId ?? '')}/rating-target`, {
        signal,
        headers: deviceHeaders(deviceKey),
      }),
    enabled: Boolean(counterId && deviceKey),
    refetchInterval,
  });
}

export const RATING_REASONS = ['attitude', 'guidance', 'waiting', 'speed', 'facilities'] as const;

export function rateAtCounter(
  counterId: string,
  body: { ticketId: string; level: string; reasons: readonly string[]; comment?: string },
  deviceKey: string | null,
) {
  return api<{ id: string; level: string }>(`/queue/counters/${counterId}/ratings`, {
    method: 'POST',
    body,
    headers: deviceHeaders(deviceKey),
  });
}

/**
 * The tablet's device key for a counter: given once in the link's fragment (`#key=…`, never sent to
 * the server in a URL), then kept in this browser.
 */
export function tabletKey(counterId: string | undefined): string | null {
  if (!counterId || typeof window === 'undefined') return null;
  const storeKey = `motcua_tablet_${counterId}`;
  const given = /(?:^#|&)key=([\w-]+)/.exec(window.location.hash)?.[1];
  if (given) {
    window.localStorage.setItem(storeKey, given);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return given;
  }
  return window.localStorage.getItem(storeKey);
}

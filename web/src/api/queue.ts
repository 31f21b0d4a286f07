import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { InputOf, OutputOf } from '../../../src/contracts/operation';
import type { queueContract, RatingReason } from '../../../src/contracts/queue';
import { endpoint } from './endpoint';

type Contract = typeof queueContract;
export type QueueService = OutputOf<Contract['services']>[number];
export type QueueCounter = OutputOf<Contract['counters']>[number];
export type Ticket = OutputOf<Contract['ticket']>;
export type TakenTicket = OutputOf<Contract['takeTicket']>;
export type DisplayState = OutputOf<Contract['display']>;
export type RatingTarget = OutputOf<Contract['ratingTarget']>;
export type QueueStatistics = OutputOf<Contract['statistics']>;
export type QueueSetup = InputOf<Contract['setup']>['body'];
export type TicketAction = InputOf<Contract['actOnTicket']>['body'];
export type CounterRating = InputOf<Contract['rate']>['body'];
export type RatingLevel = CounterRating['level'];
export type { RatingReason };
/** A queue change as the display's event stream sends it. */
export type { QueueNotice } from '../../../src/contracts/queue';

/** The queue context's operations, typed by its contract. */
export const queueApi = {
  services: endpoint<Contract['services']>('GET /queue/services'),
  counters: endpoint<Contract['counters']>('GET /queue/counters'),
  takeTicket: endpoint<Contract['takeTicket']>('POST /queue/tickets'),
  ticket: endpoint<Contract['ticket']>('GET /queue/tickets/:id'),
  callNext: endpoint<Contract['callNext']>('POST /queue/counters/:id/call-next'),
  actOnTicket: endpoint<Contract['actOnTicket']>('POST /queue/counters/:id/tickets/:ticketId/actions'),
  ratingTarget: endpoint<Contract['ratingTarget']>('GET /queue/counters/:id/rating-target'),
  rate: endpoint<Contract['rate']>('POST /queue/counters/:id/ratings'),
  issueDevice: endpoint<Contract['issueDevice']>('POST /queue/counters/:id/devices'),
  devices: endpoint<Contract['devices']>('GET /queue/counters/:id/devices'),
  revokeDevice: endpoint<Contract['revokeDevice']>('POST /queue/counters/:id/devices/:deviceId/revoke'),
  setup: endpoint<Contract['setup']>('PUT /queue/units/:unitCode/setup'),
  statistics: endpoint<Contract['statistics']>('GET /queue/statistics'),
  display: endpoint<Contract['display']>('GET /queue/display/:unitCode'),
};

export function useQueueServices(unit: string | undefined, refetchInterval?: number) {
  return useQuery({
    queryKey: ['queue', 'services', unit],
    queryFn: ({ signal }) => queueApi.services({ query: { unit: unit ?? '' } }, { signal }),
    enabled: Boolean(unit),
    refetchInterval,
  });
}

export function useQueueCounters(unit: string | undefined) {
  return useQuery({
    queryKey: ['queue', 'counters', unit],
    queryFn: ({ signal }) => queueApi.counters({ query: { unit: unit ?? '' } }, { signal }),
    enabled: Boolean(unit),
    placeholderData: keepPreviousData,
  });
}

export function useTicket(id: string | undefined, refetchInterval: number | false = 15_000) {
  return useQuery({
    queryKey: ['queue', 'ticket', id],
    queryFn: ({ signal }) => queueApi.ticket({ params: { id: id ?? '' } }, { signal }),
    enabled: Boolean(id),
    refetchInterval,
  });
}

export function useDisplayState(unitCode: string | undefined) {
  return useQuery({
    queryKey: ['queue', 'display', unitCode],
    queryFn: ({ signal }) => queueApi.display({ params: { unitCode: unitCode ?? '' } }, { signal }),
    enabled: Boolean(unitCode),
    placeholderData: keepPreviousData,
  });
}

export const takeTicket = (body: InputOf<Contract['takeTicket']>['body']) => queueApi.takeTicket({ body });

/** The next ticket called to the counter; undefined (204) when nobody waits. */
export const callNext = (counterId: string) =>
  queueApi.callNext({ params: { id: counterId } }) as Promise<Ticket | undefined>;

export const actOnTicket = (counterId: string, ticketId: string, body: TicketAction) =>
  queueApi.actOnTicket({ params: { id: counterId, ticketId }, body });

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
      queueApi.ratingTarget(
        { params: { id: counterId ?? '' } },
        { signal, headers: deviceHeaders(deviceKey) },
      ),
    enabled: Boolean(counterId && deviceKey),
    refetchInterval,
  });
}

/** The reasons a citizen may tick (the contract's RATING_REASONS, listed here so no schema code loads). */
export const RATING_REASONS = [
  'attitude',
  'guidance',
  'waiting',
  'speed',
  'facilities',
] as const satisfies readonly RatingReason[];

export const rateAtCounter = (counterId: string, body: CounterRating, deviceKey: string | null) =>
  queueApi.rate({ params: { id: counterId }, body }, { headers: deviceHeaders(deviceKey) });

export const saveQueueSetup = (unitCode: string, body: QueueSetup) =>
  queueApi.setup({ params: { unitCode }, body });

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

import { useQuery } from '@tanstack/react-query';
import type { InputOf, OutputOf } from '../../../src/contracts/operation';
import type { postalContract } from '../../../src/contracts/postal';
import { endpoint } from './endpoint';

type Contract = typeof postalContract;
export type HomeService = OutputOf<Contract['homeService']>;
export type HomeServiceEvent = HomeService['events'][number];
export type HomeServiceOfficer = OutputOf<Contract['homeServiceOfficers']>[number];
export type HomeServiceInput = InputOf<Contract['createHomeService']>['body'];
export type PublicHomeServiceInput = InputOf<Contract['requestHomeService']>['body'];
export type ScheduleInput = InputOf<Contract['scheduleHomeService']>['body'];
export type CompleteInput = InputOf<Contract['completeHomeService']>['body'];
export type CancelInput = NonNullable<InputOf<Contract['cancelHomeService']>['body']>;

/** The home service's operations (postal context), typed by its contract. */
export const homeServiceApi = {
  create: endpoint<Contract['createHomeService']>('POST /home-services'),
  list: endpoint<Contract['homeServices']>('GET /home-services'),
  summary: endpoint<Contract['homeServiceSummary']>('GET /home-services/summary'),
  officers: endpoint<Contract['homeServiceOfficers']>('GET /home-services/officers'),
  get: endpoint<Contract['homeService']>('GET /home-services/:id'),
  schedule: endpoint<Contract['scheduleHomeService']>('POST /home-services/:id/schedule'),
  complete: endpoint<Contract['completeHomeService']>('POST /home-services/:id/complete'),
  cancel: endpoint<Contract['cancelHomeService']>('POST /home-services/:id/cancel'),
  request: endpoint<Contract['requestHomeService']>('POST /public/home-services'),
  follow: endpoint<Contract['followHomeService']>('GET /public/home-services/:code'),
};

export function useHomeServices(unit: string | undefined, status: HomeService['status'] | undefined) {
  return useQuery({
    queryKey: ['home-service', 'list', unit, status],
    queryFn: ({ signal }) => homeServiceApi.list({ query: { unit: unit ?? '', status } }, { signal }),
    enabled: Boolean(unit),
  });
}

export function useHomeServiceOfficers(unit: string | undefined) {
  return useQuery({
    queryKey: ['home-service', 'officers', unit],
    queryFn: ({ signal }) => homeServiceApi.officers({ query: { unit: unit ?? '' } }, { signal }),
    enabled: Boolean(unit),
    staleTime: 5 * 60_000,
  });
}

export const createHomeService = (body: HomeServiceInput) => homeServiceApi.create({ body });

export const scheduleHomeService = (id: string, body: ScheduleInput) =>
  homeServiceApi.schedule({ params: { id }, body });

export const completeHomeService = (id: string, body: CompleteInput) =>
  homeServiceApi.complete({ params: { id }, body });

export const cancelHomeService = (id: string, body: CancelInput) =>
  homeServiceApi.cancel({ params: { id }, body });

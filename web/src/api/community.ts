/**
 * Issue 7 §6 on screen: community digital technology teams (tổ công nghệ số cộng đồng), a unit's
 * service days (ngày không hẹn, ngày không viết) and the public page of a unit
 * (src/contracts/community.ts).
 */
import { useQuery } from '@tanstack/react-query';
import type { communityContract } from '../../../src/contracts/community';
import type { InputOf, OutputOf } from '../../../src/contracts/operation';
import { endpoint } from './endpoint';

type Contract = typeof communityContract;
export type DigitalTeam = OutputOf<Contract['teams']>['items'][number];
export type TeamMember = DigitalTeam['members'][number];
export type ServiceDay = OutputOf<Contract['serviceDays']>['items'][number];
export type ServiceDayKind = ServiceDay['kind'];
export type ServiceDaysInput = InputOf<Contract['addServiceDays']>['body'];
export type PublicUnit = OutputOf<Contract['publicUnit']>;

/** The community's operations, typed by its contract. */
export const communityApi = {
  teams: endpoint<Contract['teams']>('GET /digital-teams'),
  myTeams: endpoint<Contract['myTeams']>('GET /digital-teams/mine'),
  createTeam: endpoint<Contract['createTeam']>('POST /digital-teams'),
  addMember: endpoint<Contract['addMember']>('POST /digital-teams/:id/members'),
  removeMember: endpoint<Contract['removeMember']>('DELETE /digital-teams/:id/members/:username'),
  serviceDays: endpoint<Contract['serviceDays']>('GET /units/:code/service-days'),
  addServiceDays: endpoint<Contract['addServiceDays']>('POST /units/:code/service-days'),
  removeServiceDay: endpoint<Contract['removeServiceDay']>('DELETE /units/:code/service-days/:day/:kind'),
  publicUnit: endpoint<Contract['publicUnit']>('GET /public/units/:code'),
};

export const communityKeys = {
  teams: (unit: string) => ['community', 'teams', unit] as const,
  myTeams: ['community', 'teams', 'mine'] as const,
  serviceDays: (unit: string, from: string, to: string) =>
    ['community', 'service-days', unit, from, to] as const,
  publicUnit: (code: string) => ['public', 'unit', code] as const,
};

// ---------------------------------------------------------------- digital teams

export function useDigitalTeams(unit: string | undefined) {
  return useQuery({
    queryKey: communityKeys.teams(unit ?? ''),
    queryFn: ({ signal }) =>
      communityApi.teams({ query: { unit: unit ?? '' } }, { signal }).then((d) => d.items),
    enabled: Boolean(unit),
  });
}

export const createDigitalTeam = (body: InputOf<Contract['createTeam']>['body']) =>
  communityApi.createTeam({ body });

export const addTeamMember = (teamId: string, username: string) =>
  communityApi.addMember({ params: { id: teamId }, body: { username } });

export const removeTeamMember = (teamId: string, username: string) =>
  communityApi.removeMember({ params: { id: teamId, username } });

// ---------------------------------------------------------------- service days

export const getServiceDays = (unit: string, from: string, to: string, signal?: AbortSignal) =>
  communityApi.serviceDays({ params: { code: unit }, query: { from, to } }, { signal });

export function useServiceDays(unit: string | undefined, from: string, to: string) {
  return useQuery({
    queryKey: communityKeys.serviceDays(unit ?? '', from, to),
    queryFn: ({ signal }) => getServiceDays(unit ?? '', from, to, signal).then((d) => d.items),
    enabled: Boolean(unit),
  });
}

export const addServiceDays = (unit: string, body: ServiceDaysInput) =>
  communityApi.addServiceDays({ params: { code: unit }, body });

export const removeServiceDay = (unit: string, day: string, kind: ServiceDayKind) =>
  communityApi.removeServiceDay({ params: { code: unit, day, kind } });

// ---------------------------------------------------------------- the public unit page

export const getPublicUnit = (code: string, signal?: AbortSignal) =>
  communityApi.publicUnit({ params: { code } }, { signal });

export function usePublicUnit(code: string | undefined) {
  return useQuery({
    queryKey: communityKeys.publicUnit(code ?? ''),
    queryFn: ({ signal }) => getPublicUnit(code ?? '', signal),
    enabled: Boolean(code),
  });
}

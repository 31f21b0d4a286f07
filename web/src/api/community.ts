/**
 * Issue 7 §6 on screen: community digital technology teams (tổ công nghệ số cộng đồng), a unit's
 * service days (ngày không hẹn, ngày không viết) and the public page of a unit
 * (src/http/routes/community.ts).
 */
import { useQuery } from '@tanstack/react-query';
import type { ServiceDayKind } from '../../../src/domain/calendar/service-days';
import { api } from './client';

export type { ServiceDayKind };

export interface TeamMember {
  username: string;
  fullName: string;
  phone: string | null;
}

export interface DigitalTeam {
  id: string;
  name: string;
  village: string;
  unit: { code: string; name: string };
  members: TeamMember[];
}

export interface ServiceDay {
  /** Local date YYYY-MM-DD (Asia/Ho_Chi_Minh). */
  day: string;
  kind: ServiceDayKind;
  /** The kind's Vietnamese name, as the server gives it. */
  name: string;
  note: string | null;
}

export interface ServiceDaysInput {
  kind: ServiceDayKind;
  /** Single dates… */
  days?: string[];
  /** …or a weekday of every week (ISO 1 = Monday … 7 = Sunday) from..to; closed days are skipped. */
  weekdays?: number[];
  from?: string;
  to?: string;
  note?: string;
}

export interface PublicUnit {
  code: string;
  name: string;
  /** province | district | commune | agency (UnitLevel) */
  level: string;
  address: string | null;
  phone: string | null;
  hotline: string | null;
  hasCounter: boolean;
  parent: { code: string; name: string } | null;
  procedureCount: number;
  sameDayProcedureCount: number;
  upcomingServiceDays: ServiceDay[];
}

export const communityKeys = {
  teams: (unit: string) => ['community', 'teams', unit] as const,
  serviceDays: (unit: string, from: string, to: string) =>
    ['community', 'service-days', unit, from, to] as const,
  publicUnit: (code: string) => ['public', 'unit', code] as const,
};

// ---------------------------------------------------------------- digital teams

export function useDigitalTeams(unit: string | undefined) {
  return useQuery({
    queryKey: communityKeys.teams(unit ?? ''),
    queryFn: ({ signal }) =>
      api<{ items: DigitalTeam[] }>('/digital-teams', { query: { unit }, signal }).then((d) => d.items),
    enabled: Boolean(unit),
  });
}

export function createDigitalTeam(body: { unitCode: string; name: string; village: string }) {
  return api<DigitalTeam>('/digital-teams', { method: 'POST', body });
}

export function addTeamMember(teamId: string, username: string) {
  return api<void>(`/digital-teams/${encodeURIComponent(teamId)}/members`, {
    method: 'POST',
    body: { username },
  });
}

export function removeTeamMember(teamId: string, username: string) {
  return api<void>(`/digital-teams/${encodeURIComponent(teamId)}/members/${encodeURIComponent(username)}`, {
    method: 'DELETE',
  });
}

// ---------------------------------------------------------------- service days

export function getServiceDays(unit: string, from: string, to: string, signal?: AbortSignal) {
  return api<{ unit: { code: string; name: string }; items: ServiceDay[] }>(
    `/units/${encodeURIComponent(unit)}/service-days`,
    { query: { from, to }, signal },
  );
}

export function useServiceDays(unit: string | undefined, from: string, to: string) {
  return useQuery({
    queryKey: communityKeys.serviceDays(unit ?? '', from, to),
    queryFn: ({ signal }) => getServiceDays(unit ?? '', from, to, signal).then((d) => d.items),
    enabled: Boolean(unit),
  });
}

export function addServiceDays(unit: string, body: ServiceDaysInput) {
  return api<{ added: string[] }>(`/units/${encodeURIComponent(unit)}/service-days`, {
    method: 'POST',
    body,
  });
}

export function removeServiceDay(unit: string, day: string, kind: ServiceDayKind) {
  return api<void>(
    `/units/${encodeURIComponent(unit)}/service-days/${encodeURIComponent(day)}/${encodeURIComponent(kind)}`,
    { method: 'DELETE' },
  );
}

// ---------------------------------------------------------------- the public unit page

export const getPublicUnit = (code: string, signal?: AbortSignal) =>
  api<PublicUnit>(`/public/units/${encodeURIComponent(code)}`, { signal });

export function usePublicUnit(code: string | undefined) {
  return useQuery({
    queryKey: communityKeys.publicUnit(code ?? ''),
    queryFn: ({ signal }) => getPublicUnit(code ?? '', signal),
    enabled: Boolean(code),
  });
}

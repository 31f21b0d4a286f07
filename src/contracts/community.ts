/**
 * The community's operations (issue 7 §6): community digital technology teams (tổ công nghệ số
 * cộng đồng, who may submit online for citizens), a unit's service days (ngày không hẹn, ngày không
 * viết) and the public page of a unit that shows them.
 */
import { z } from 'zod';
import { MAX_SERVICE_DAYS, SERVICE_DAY_KINDS } from '../domain/calendar/service-days.ts';
import { problemSchema, staffSecurity } from './common.ts';
import { defineContract, operation } from './operation.ts';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày dạng YYYY-MM-DD');

export const teamInputSchema = z.object({
  unitCode: z.string().trim().min(1).max(100),
  name: z.string().trim().min(3, 'Cần tên tổ').max(200),
  village: z.string().trim().min(2, 'Cần tên thôn, ấp, khóm, tổ dân phố').max(200),
});

export const serviceDaysInputSchema = z
  .object({
    kind: z.enum(SERVICE_DAY_KINDS),
    /** Single dates… */
    days: z.array(localDate).max(MAX_SERVICE_DAYS).optional(),
    /** …or a weekday of every week (ISO 1 = Monday … 7 = Sunday) from..to; closed days are skipped. */
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).optional(),
    from: localDate.optional(),
    to: localDate.optional(),
    note: z.string().trim().max(500).optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.days?.length && !v.weekdays)
      ctx.addIssue({
        code: 'custom',
        path: ['days'],
        message: 'Cần chọn ngày, hoặc thứ trong tuần và khoảng ngày',
      });
    if (v.weekdays && (!v.from || !v.to))
      ctx.addIssue({ code: 'custom', path: [v.from ? 'to' : 'from'], message: 'Cần khoảng ngày từ…đến' });
  });

const routeDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const errors = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};

const teamSchema = z.object({
  id: z.string(),
  name: z.string(),
  village: z.string(),
  unit: z.object({ code: z.string(), name: z.string() }),
  members: z.array(z.object({ username: z.string(), fullName: z.string(), phone: z.string().nullable() })),
});

export const serviceDaySchema = z.object({
  /** Local date YYYY-MM-DD (Asia/Ho_Chi_Minh). */
  day: z.string(),
  kind: z.enum(SERVICE_DAY_KINDS),
  /** The kind's Vietnamese name. */
  name: z.string(),
  note: z.string().nullable(),
});

const unitParams = z.object({ code: z.string().max(100) });

export const communityContract = defineContract('community', {
  teams: operation('GET /digital-teams', {
    summary: 'The community digital technology teams of a unit, with their members',
    security: staffSecurity,
    querystring: z.object({ unit: z.string().min(1).max(100) }),
    response: { 200: z.object({ items: z.array(teamSchema) }), ...errors },
  }),
  myTeams: operation('GET /digital-teams/mine', {
    summary: 'The teams the caller belongs to (an assistant in several picks one when submitting)',
    security: staffSecurity,
    response: {
      200: z.object({
        items: z.array(z.object({ id: z.string(), name: z.string(), village: z.string() })),
      }),
      401: problemSchema,
    },
  }),
  createTeam: operation('POST /digital-teams', {
    summary: 'Create a team for a village (leader or administrator of the unit)',
    security: staffSecurity,
    body: teamInputSchema,
    response: { 201: teamSchema, ...errors },
  }),
  addMember: operation('POST /digital-teams/:id/members', {
    summary: 'Add a staff account to a team; it gets the `assistant` role at the team’s unit',
    security: staffSecurity,
    params: z.object({ id: z.string().max(40) }),
    body: z.object({ username: z.string().trim().min(1).max(100) }),
    response: { 204: z.null(), ...errors },
  }),
  removeMember: operation('DELETE /digital-teams/:id/members/:username', {
    summary: 'Remove a member from a team (the assistant role stays until an administrator removes it)',
    security: staffSecurity,
    params: z.object({ id: z.string().max(40), username: z.string().max(100) }),
    response: { 204: z.null(), ...errors },
  }),
  serviceDays: operation('GET /units/:code/service-days', {
    summary: 'A unit’s no-appointment and no-writing days for local dates from..to (public)',
    params: unitParams,
    querystring: z.object({ from: routeDate, to: routeDate }),
    response: {
      200: z.object({
        unit: z.object({ code: z.string(), name: z.string() }),
        items: z.array(serviceDaySchema),
      }),
      400: problemSchema,
      404: problemSchema,
    },
  }),
  addServiceDays: operation('POST /units/:code/service-days', {
    summary: 'Schedule service days (leader or administrator of the unit)',
    description:
      '`kind` = no_appointment (ngày không hẹn: same-day procedures are resolved while the citizen waits) | ' +
      'no_writing (ngày không viết: the officer fills the forms, the citizen only signs). Either `days` (dates) ' +
      'or `weekdays` (ISO 1 = Monday … 7 = Sunday) with `from`..`to`, which skips the days the office is ' +
      'closed; a closed day named in `days` is refused (400, field `days`). Scheduling a day again updates its note.',
    security: staffSecurity,
    params: unitParams,
    body: serviceDaysInputSchema,
    response: { 201: z.object({ added: z.array(z.string()) }), ...errors },
  }),
  removeServiceDay: operation('DELETE /units/:code/service-days/:day/:kind', {
    summary: 'Cancel a scheduled service day',
    security: staffSecurity,
    params: z.object({ code: z.string().max(100), day: routeDate, kind: z.enum(SERVICE_DAY_KINDS) }),
    response: { 204: z.null(), ...errors },
  }),
  publicUnit: operation('GET /public/units/:code', {
    summary: 'The public page of a unit: contacts, parent, procedures received, next service days',
    params: unitParams,
    response: {
      200: z.object({
        code: z.string(),
        name: z.string(),
        /** province | district | commune | agency */
        level: z.string(),
        address: z.string().nullable(),
        phone: z.string().nullable(),
        hotline: z.string().nullable(),
        hasCounter: z.boolean(),
        parent: z.object({ code: z.string(), name: z.string() }).nullable(),
        procedureCount: z.number().int(),
        sameDayProcedureCount: z.number().int(),
        upcomingServiceDays: z.array(serviceDaySchema),
      }),
      404: problemSchema,
    },
  }),
});

export type TeamInput = z.output<typeof teamInputSchema>;
export type ServiceDaysInput = z.output<typeof serviceDaysInputSchema>;

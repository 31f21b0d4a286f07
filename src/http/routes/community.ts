/**
 * Issue 7 §6 over HTTP: community digital technology teams (who may submit for citizens), a
 * unit's service days (no-appointment, no-writing), and the public page of a unit that shows them.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SERVICE_DAY_KINDS } from '../../domain/calendar/service-days.ts';
import type { ServiceContext } from '../../services/platform/index.ts';
import {
  addMember,
  createTeam,
  listTeams,
  myTeams,
  publicUnitPage,
  removeMember,
  teamInputSchema,
} from '../../services/staff/index.ts';
import {
  addServiceDays,
  listServiceDays,
  removeServiceDay,
  serviceDaysInputSchema,
} from '../../services/calendar/index.ts';
import { metaOf, requireActor } from '../auth.ts';
import { problemSchema } from '../../contracts/common.ts';
import { guardByTable } from '../authorization-table.ts';

const security: { [label: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }];
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
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
const serviceDaySchema = z.object({
  day: z.string(),
  kind: z.enum(SERVICE_DAY_KINDS),
  name: z.string(),
  note: z.string().nullable(),
});

export async function communityRoutes(app: FastifyInstance, { ctx }: { ctx: ServiceContext }) {
  guardByTable(app);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const teams = ['digital-teams'];
  const days = ['service-days'];

  r.get(
    '/digital-teams',
    {
      schema: {
        tags: teams,
        summary: 'The community digital technology teams of a unit, with their members',
        security,
        querystring: z.object({ unit: z.string().min(1).max(100) }),
        response: { 200: z.object({ items: z.array(teamSchema) }), ...errors },
      },
    },
    async (request) => ({ items: await listTeams(ctx, requireActor(request), request.query.unit) }),
  );

  r.get(
    '/digital-teams/mine',
    {
      schema: {
        tags: teams,
        summary: 'The teams the caller belongs to (an assistant in several picks one when submitting)',
        security,
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.string(), name: z.string(), village: z.string() })),
          }),
          401: problemSchema,
        },
      },
    },
    async (request) => ({ items: await myTeams(ctx, requireActor(request)) }),
  );

  r.post(
    '/digital-teams',
    {
      schema: {
        tags: teams,
        summary: 'Create a team for a village (leader or administrator of the unit)',
        security,
        body: teamInputSchema,
        response: { 201: teamSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createTeam(ctx, requireActor(request), metaOf(request), request.body)),
  );

  r.post(
    '/digital-teams/:id/members',
    {
      schema: {
        tags: teams,
        summary: 'Add a staff account to a team; it gets the `assistant` role at the team’s unit',
        security,
        params: z.object({ id: z.string().max(40) }),
        body: z.object({ username: z.string().trim().min(1).max(100) }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await addMember(ctx, requireActor(request), metaOf(request), request.params.id, request.body.username);
      return reply.code(204).send(null);
    },
  );

  r.delete(
    '/digital-teams/:id/members/:username',
    {
      schema: {
        tags: teams,
        summary: 'Remove a member from a team (the assistant role stays until an administrator removes it)',
        security,
        params: z.object({ id: z.string().max(40), username: z.string().max(100) }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeMember(
        ctx,
        requireActor(request),
        metaOf(request),
        request.params.id,
        request.params.username,
      );
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/units/:code/service-days',
    {
      schema: {
        tags: days,
        summary: 'A unit’s no-appointment and no-writing days for local dates from..to (public)',
        params: z.object({ code: z.string().max(100) }),
        querystring: z.object({ from: localDate, to: localDate }),
        response: {
          200: z.object({
            unit: z.object({ code: z.string(), name: z.string() }),
            items: z.array(serviceDaySchema),
          }),
          400: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request) => listServiceDays(db, request.params.code, request.query.from, request.query.to),
  );

  r.post(
    '/units/:code/service-days',
    {
      schema: {
        tags: days,
        summary: 'Schedule service days (leader or administrator of the unit)',
        description:
          '`kind` = no_appointment (ngày không hẹn: same-day procedures are resolved while the citizen waits) | ' +
          'no_writing (ngày không viết: the officer fills the forms, the citizen only signs). Either `days` (dates) ' +
          'or `weekdays` (ISO 1 = Monday … 7 = Sunday) with `from`..`to`, which skips the days the office is ' +
          'closed; a closed day named in `days` is refused (400, field `days`). Scheduling a day again updates its note.',
        security,
        params: z.object({ code: z.string().max(100) }),
        body: serviceDaysInputSchema,
        response: { 201: z.object({ added: z.array(z.string()) }), ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await addServiceDays(
            ctx,
            requireActor(request),
            metaOf(request),
            request.params.code,
            request.body,
          ),
        ),
  );

  r.delete(
    '/units/:code/service-days/:day/:kind',
    {
      schema: {
        tags: days,
        summary: 'Cancel a scheduled service day',
        security,
        params: z.object({ code: z.string().max(100), day: localDate, kind: z.enum(SERVICE_DAY_KINDS) }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const p = request.params;
      await removeServiceDay(ctx, requireActor(request), metaOf(request), p.code, p.day, p.kind);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/public/units/:code',
    {
      schema: {
        tags: ['public'],
        summary: 'The public page of a unit: contacts, parent, procedures received, next service days',
        params: z.object({ code: z.string().max(100) }),
        response: {
          200: z.object({
            code: z.string(),
            name: z.string(),
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
      },
    },
    async (request) => publicUnitPage(ctx, request.params.code),
  );
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { procedureAmendSchema, procedureCreateSchema } from '../../domain/catalog/procedure.ts';
import { verifyAuditChain } from '../../services/platform/index.ts';
import { deleteCalendarDay, putCalendarDay, putCalendarSettings } from '../../services/calendar/index.ts';
import {
  amendProcedure,
  createProcedure,
  getProcedure,
  retireProcedure,
  searchProcedures,
} from '../../services/catalog/index.ts';
import type { ServiceContext } from '../../services/platform/index.ts';
import { listOutbox } from '../../services/notifications/index.ts';
import { recomputeDueDates } from '../../services/dossiers/index.ts';
import {
  createUser,
  createUserSchema,
  listStaff,
  updateUser,
  updateUserSchema,
} from '../../services/identity/index.ts';
import { createUnit, unitInputSchema, unitOrRoot } from '../../services/access/index.ts';
import { metaOf, requireActor, requireRoles } from '../auth.ts';
import { accessLogRoutes } from './access-log.ts';
import { userViewSchema } from './auth.ts';
import { calendarContract } from '../../contracts/calendar.ts';
import { procedureDetailSchema, procedurePageSchema, publicUnitSchema } from './public.ts';
import { pageQuery, problemSchema } from '../../contracts/common.ts';
import { guardByTable } from '../authorization-table.ts';

const adminUserSchema = userViewSchema.extend({ disabled: z.boolean(), createdAt: z.string() });
const security: { [label: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }];
const ADMINS = ['system_admin', 'unit_admin'] as const;

export async function adminRoutes(app: FastifyInstance, { ctx }: { ctx: ServiceContext }) {
  guardByTable(app);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  // The personal-data access log (issue 14 §2), in its own file.
  await app.register(accessLogRoutes, { ctx });

  // --- staff accounts ---
  r.get(
    '/admin/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'Staff accounts in the caller’s scope',
        security,
        response: {
          200: z.object({ items: z.array(adminUserSchema) }),
          401: problemSchema,
          403: problemSchema,
        },
      },
    },
    async (request) => ({ items: await listStaff(ctx, requireRoles(request, [...ADMINS, 'auditor'])) }),
  );

  r.post(
    '/admin/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'Create a staff account with roles per unit',
        security,
        body: createUserSchema,
        response: { 201: adminUserSchema, 400: problemSchema, 403: problemSchema, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const actor = requireRoles(request, ADMINS);
      return reply.status(201).send(await createUser(ctx, actor, metaOf(request), request.body));
    },
  );

  r.patch(
    '/admin/users/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Change a staff account: name, password, roles, or disable it',
        security,
        params: z.object({ id: z.uuid() }),
        body: updateUserSchema,
        response: { 200: adminUserSchema, 400: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request) =>
      updateUser(ctx, requireRoles(request, ADMINS), metaOf(request), request.params.id, request.body),
  );

  // --- catalog ---
  r.get(
    '/admin/procedures',
    {
      schema: {
        tags: ['admin'],
        summary: 'Procedures for administration (active, retired or all)',
        security,
        querystring: z.object({
          q: z.string().max(200).optional(),
          field: z.string().max(20).optional(),
          status: z.enum(['active', 'retired', 'all']).default('all'),
          ...pageQuery,
        }),
        response: { 200: procedurePageSchema },
      },
    },
    async (request) => {
      requireRoles(request, [...ADMINS, 'auditor']);
      return searchProcedures(db, request.query);
    },
  );

  r.post(
    '/admin/procedures',
    {
      schema: {
        tags: ['admin'],
        summary: 'Publish a new procedure (version 1)',
        security,
        body: procedureCreateSchema,
        response: { 201: procedureDetailSchema, 400: problemSchema, 403: problemSchema, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const actor = requireRoles(request, ADMINS);
      const code = await createProcedure(ctx, actor, metaOf(request), request.body);
      return reply.status(201).send(await getProcedure(ctx, code));
    },
  );

  r.put(
    '/admin/procedures/:code',
    {
      schema: {
        tags: ['admin'],
        summary: 'Amend a procedure: creates a new version effective from a date',
        security,
        params: z.object({ code: z.string().max(40) }),
        body: procedureAmendSchema,
        response: { 200: procedureDetailSchema, 400: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const actor = requireRoles(request, ADMINS);
      await amendProcedure(ctx, actor, metaOf(request), request.params.code, request.body);
      return getProcedure(ctx, request.params.code);
    },
  );

  r.post(
    '/admin/procedures/:code/retire',
    {
      schema: {
        tags: ['admin'],
        summary: 'Retire (bãi bỏ) a procedure: it leaves the public catalog',
        security,
        params: z.object({ code: z.string().max(40) }),
        response: { 200: procedureDetailSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const actor = requireRoles(request, ADMINS);
      await retireProcedure(ctx, actor, metaOf(request), request.params.code);
      return getProcedure(ctx, request.params.code);
    },
  );

  // --- calendar ---
  r.put(calendarContract.putDay.path, { schema: calendarContract.putDay.schema }, async (request) => {
    const actor = requireRoles(request, ADMINS);
    const unit = await unitOrRoot(db, request.query.unit);
    return putCalendarDay(
      ctx,
      actor,
      metaOf(request),
      unit,
      request.params.date,
      request.body,
      recomputeDueDates,
    );
  });

  r.delete(
    calendarContract.deleteDay.path,
    { schema: calendarContract.deleteDay.schema },
    async (request, reply) => {
      const actor = requireRoles(request, ADMINS);
      const unit = await unitOrRoot(db, request.query.unit);
      await deleteCalendarDay(ctx, actor, metaOf(request), unit, request.params.date, recomputeDueDates);
      return reply.status(204).send(null);
    },
  );

  r.put(
    calendarContract.putSettings.path,
    { schema: calendarContract.putSettings.schema },
    async (request) => {
      const actor = requireRoles(request, ADMINS);
      const unit = await unitOrRoot(db, request.query.unit);
      return putCalendarSettings(ctx, actor, metaOf(request), unit, request.body, recomputeDueDates);
    },
  );

  // --- units ---
  r.post(
    '/admin/units',
    {
      schema: {
        tags: ['admin'],
        summary: 'Add a unit to the hierarchy (province, district, commune or agency)',
        security,
        body: unitInputSchema,
        response: {
          201: publicUnitSchema,
          400: problemSchema,
          403: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const actor = requireRoles(request, ADMINS);
      return reply.status(201).send(await createUnit(ctx, actor, metaOf(request), request.body));
    },
  );

  // --- applicant notifications ---
  r.get(
    '/admin/notifications',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Messages to applicants (e-mail, SMS, Zalo) with their delivery status; failures first to look at',
        security,
        querystring: z.object({ status: z.enum(['pending', 'sent', 'failed']).optional() }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                dossierCode: z.string().nullable(),
                channel: z.string(),
                recipient: z.string(),
                template: z.string(),
                subject: z.string(),
                status: z.string(),
                attempts: z.number(),
                lastError: z.string().nullable(),
                createdAt: z.string(),
                sentAt: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({ items: await listOutbox(ctx, requireActor(request), request.query.status) }),
  );

  // --- audit ---
  r.get(
    '/admin/audit/verify',
    {
      schema: {
        tags: ['admin'],
        summary: 'Verify the audit hash chain',
        security,
        response: {
          200: z.object({
            ok: z.boolean(),
            count: z.number(),
            brokenSeq: z.number().optional(),
            reason: z.string().optional(),
          }),
        },
      },
    },
    async (request) => {
      requireRoles(request, ['system_admin', 'auditor']);
      return verifyAuditChain(db);
    },
  );
}

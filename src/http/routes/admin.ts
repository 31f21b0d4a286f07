import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { accessContract } from '../../contracts/access.ts';
import { calendarContract } from '../../contracts/calendar.ts';
import { catalogContract as catalog } from '../../contracts/catalog.ts';
import { identityContract as identity } from '../../contracts/identity.ts';
import { notificationsContract as notifications } from '../../contracts/notifications.ts';
import { systemContract } from '../../contracts/system.ts';
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
import { createUser, listStaff, updateUser } from '../../services/identity/index.ts';
import { createUnit, unitOrRoot } from '../../services/access/index.ts';
import { metaOf, requireActor, requireRoles } from '../auth.ts';
import { accessLogRoutes } from './access-log.ts';
import { guardByTable } from '../authorization-table.ts';

const ADMINS = ['system_admin', 'unit_admin'] as const;

export async function adminRoutes(app: FastifyInstance, { ctx }: { ctx: ServiceContext }) {
  guardByTable(app);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  // The personal-data access log (issue 14 §2), in its own file.
  await app.register(accessLogRoutes, { ctx });

  // --- staff accounts ---
  r.get(identity.users.path, { schema: identity.users.schema }, async (request) => ({
    items: await listStaff(ctx, requireRoles(request, [...ADMINS, 'auditor'])),
  }));

  r.post(identity.createUser.path, { schema: identity.createUser.schema }, async (request, reply) => {
    const actor = requireRoles(request, ADMINS);
    return reply.status(201).send(await createUser(ctx, actor, metaOf(request), request.body));
  });

  r.patch(identity.updateUser.path, { schema: identity.updateUser.schema }, async (request) =>
    updateUser(ctx, requireRoles(request, ADMINS), metaOf(request), request.params.id, request.body),
  );

  // --- catalog ---
  r.get(catalog.adminList.path, { schema: catalog.adminList.schema }, async (request) => {
    requireRoles(request, [...ADMINS, 'auditor']);
    return searchProcedures(db, request.query);
  });

  r.post(catalog.create.path, { schema: catalog.create.schema }, async (request, reply) => {
    const actor = requireRoles(request, ADMINS);
    const code = await createProcedure(ctx, actor, metaOf(request), request.body);
    return reply.status(201).send(await getProcedure(ctx, code));
  });

  r.put(catalog.amend.path, { schema: catalog.amend.schema }, async (request) => {
    const actor = requireRoles(request, ADMINS);
    await amendProcedure(ctx, actor, metaOf(request), request.params.code, request.body);
    return getProcedure(ctx, request.params.code);
  });

  r.post(catalog.retire.path, { schema: catalog.retire.schema }, async (request) => {
    const actor = requireRoles(request, ADMINS);
    await retireProcedure(ctx, actor, metaOf(request), request.params.code);
    return getProcedure(ctx, request.params.code);
  });

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
    accessContract.createUnit.path,
    { schema: accessContract.createUnit.schema },
    async (request, reply) => {
      const actor = requireRoles(request, ADMINS);
      return reply.status(201).send(await createUnit(ctx, actor, metaOf(request), request.body));
    },
  );

  // --- applicant notifications ---
  r.get(notifications.outbox.path, { schema: notifications.outbox.schema }, async (request) => ({
    items: await listOutbox(ctx, requireActor(request), request.query.status),
  }));

  // --- audit ---
  r.get(systemContract.verifyAudit.path, { schema: systemContract.verifyAudit.schema }, async (request) => {
    requireRoles(request, ['system_admin', 'auditor']);
    return verifyAuditChain(db);
  });
}

/**
 * Issue 7 §6 over HTTP: community digital technology teams (who may submit for citizens), a
 * unit's service days (no-appointment, no-writing), and the public page of a unit that shows them.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { communityContract as c } from '../../contracts/community.ts';
import { addServiceDays, listServiceDays, removeServiceDay } from '../../services/calendar/index.ts';
import type { ServiceContext } from '../../services/platform/index.ts';
import { publicUnitPage } from '../../services/staff/index.ts';
import { metaOf, requireActor } from '../auth.ts';
import { guardByTable } from '../authorization-table.ts';
import { addMember, createTeam, listTeams, myTeams, removeMember } from '../../services/community/index.ts';

export async function communityRoutes(app: FastifyInstance, { ctx }: { ctx: ServiceContext }) {
  guardByTable(app);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  r.get(c.teams.path, { schema: c.teams.schema }, async (request) => ({
    items: await listTeams(ctx, requireActor(request), request.query.unit),
  }));

  r.get(c.myTeams.path, { schema: c.myTeams.schema }, async (request) => ({
    items: await myTeams(ctx, requireActor(request)),
  }));

  r.post(c.createTeam.path, { schema: c.createTeam.schema }, async (request, reply) =>
    reply.code(201).send(await createTeam(ctx, requireActor(request), metaOf(request), request.body)),
  );

  r.post(c.addMember.path, { schema: c.addMember.schema }, async (request, reply) => {
    await addMember(ctx, requireActor(request), metaOf(request), request.params.id, request.body.username);
    return reply.code(204).send(null);
  });

  r.delete(c.removeMember.path, { schema: c.removeMember.schema }, async (request, reply) => {
    const p = request.params;
    await removeMember(ctx, requireActor(request), metaOf(request), p.id, p.username);
    return reply.code(204).send(null);
  });

  r.get(c.serviceDays.path, { schema: c.serviceDays.schema }, async (request) =>
    listServiceDays(db, request.params.code, request.query.from, request.query.to),
  );

  r.post(c.addServiceDays.path, { schema: c.addServiceDays.schema }, async (request, reply) =>
    reply
      .code(201)
      .send(
        await addServiceDays(ctx, requireActor(request), metaOf(request), request.params.code, request.body),
      ),
  );

  r.delete(c.removeServiceDay.path, { schema: c.removeServiceDay.schema }, async (request, reply) => {
    const p = request.params;
    await removeServiceDay(ctx, requireActor(request), metaOf(request), p.code, p.day, p.kind);
    return reply.code(204).send(null);
  });

  r.get(c.publicUnit.path, { schema: c.publicUnit.schema }, async (request) =>
    publicUnitPage(ctx, request.params.code),
  );
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { queueContract as q } from '../../contracts/queue.ts';
import { requireUnit } from '../../services/access/index.ts';
import {
  DEVICE_KEY_HEADER,
  issueCounterDevice,
  listCounterDevices,
  rateAtCounter,
  ratingTarget,
  revokeCounterDevice,
} from '../../services/feedback/index.ts';
import { limitsOf, type ServiceContext } from '../../services/platform/index.ts';
import {
  actOnTicket,
  callNext,
  displayState,
  getTicket,
  listQueueCounters,
  listQueueServices,
  queueStatistics,
  setQueueSetup,
  takeTicket,
} from '../../services/queue/index.ts';
import { metaOf, requireActor } from '../auth.ts';
import { guardByTable } from '../authorization-table.ts';
import { QueueEventHub, streamQueueEvents } from '../queue-events.ts';

/** The satisfaction tablet's device key, from its header. */
const deviceKeyOf = (headers: Record<string, string | string[] | undefined>) => {
  const value = headers[DEVICE_KEY_HEADER];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
};

export async function queueRoutes(app: FastifyInstance, { ctx }: { ctx: ServiceContext }) {
  guardByTable(app);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const hub = new QueueEventHub(ctx);
  app.addHook('onClose', async () => hub.close());

  r.get(q.services.path, { schema: q.services.schema }, async (request) =>
    listQueueServices(ctx, request.query.unit),
  );

  r.get(q.counters.path, { schema: q.counters.schema }, async (request) =>
    listQueueCounters(ctx, request.query.unit),
  );

  r.post(
    q.takeTicket.path,
    {
      config: { rateLimit: { max: limitsOf(ctx).ticketsPerMinute, timeWindow: 60_000 } },
      schema: q.takeTicket.schema,
    },
    async (request, reply) => reply.code(201).send(await takeTicket(ctx, request.body)),
  );

  r.get(q.ticket.path, { schema: q.ticket.schema }, async (request) => getTicket(ctx, request.params.id));

  r.post(q.callNext.path, { schema: q.callNext.schema }, async (request, reply) => {
    const ticket = await callNext(ctx, requireActor(request), request.params.id);
    return ticket ? ticket : reply.code(204).send(null);
  });

  r.post(q.actOnTicket.path, { schema: q.actOnTicket.schema }, async (request) =>
    actOnTicket(ctx, requireActor(request), request.params.id, request.params.ticketId, request.body),
  );

  r.get(q.ratingTarget.path, { schema: q.ratingTarget.schema }, async (request) =>
    ratingTarget(ctx, request.params.id, deviceKeyOf(request.headers)),
  );

  r.post(
    q.rate.path,
    {
      config: { rateLimit: { max: limitsOf(ctx).ticketsPerMinute, timeWindow: 60_000 } },
      schema: q.rate.schema,
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await rateAtCounter(ctx, request.params.id, request.body, deviceKeyOf(request.headers))),
  );

  r.post(q.issueDevice.path, { schema: q.issueDevice.schema }, async (request, reply) =>
    reply
      .code(201)
      .send(
        await issueCounterDevice(
          ctx,
          requireActor(request),
          metaOf(request),
          request.params.id,
          request.body.name,
        ),
      ),
  );

  r.get(q.devices.path, { schema: q.devices.schema }, async (request) => ({
    items: await listCounterDevices(ctx, requireActor(request), request.params.id),
  }));

  r.post(q.revokeDevice.path, { schema: q.revokeDevice.schema }, async (request) =>
    revokeCounterDevice(
      ctx,
      requireActor(request),
      metaOf(request),
      request.params.id,
      request.params.deviceId,
    ),
  );

  r.put(q.setup.path, { schema: q.setup.schema }, async (request, reply) => {
    await setQueueSetup(ctx, requireActor(request), metaOf(request), request.params.unitCode, request.body);
    return reply.code(204).send(null);
  });

  r.get(q.statistics.path, { schema: q.statistics.schema }, async (request) =>
    queueStatistics(ctx, requireActor(request), request.query),
  );

  r.get(q.display.path, { schema: q.display.schema }, async (request) =>
    displayState(ctx, request.params.unitCode),
  );

  r.get(q.displayEvents.path, { schema: q.displayEvents.schema }, async (request, reply) => {
    await requireUnit(ctx.database.db, request.params.unitCode, 'unitCode'); // 404 before streaming
    await streamQueueEvents(hub, request.params.unitCode, request, reply);
  });
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PRIORITIES, TICKET_STATUSES } from '../../domain/queue/queue.ts';
import { limitsOf, type ServiceContext } from '../../services/platform/index.ts';
import {
  counterRatingSchema,
  DEVICE_KEY_HEADER,
  issueCounterDevice,
  listCounterDevices,
  rateAtCounter,
  ratingTarget,
  revokeCounterDevice,
} from '../../services/feedback/index.ts';
import {
  actOnTicket,
  callNext,
  displayState,
  getTicket,
  listQueueCounters,
  listQueueServices,
  queueSetupSchema,
  queueStatistics,
  setQueueSetup,
  takeTicket,
  ticketActionSchema,
  ticketInputSchema,
} from '../../services/queue/index.ts';
import { requireUnit } from '../../services/access/index.ts';
import { metaOf, requireActor } from '../auth.ts';
import { QueueEventHub, streamQueueEvents } from '../queue-events.ts';
import { problemSchema } from '../../contracts/common.ts';
import { guardByTable } from '../authorization-table.ts';

const security: { [label: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }];

const ticketSchema = z.object({
  id: z.string(),
  number: z.string(),
  serviceCode: z.string(),
  serviceName: z.string(),
  priority: z.enum(PRIORITIES).nullable(),
  status: z.enum(TICKET_STATUSES),
  peopleAhead: z.number().int(),
  estimatedWaitMinutes: z.number().int().nullable(),
  counter: z.object({ number: z.number().int(), name: z.string() }).nullable(),
  recalls: z.number().int(),
  takenAt: z.string(),
  calledAt: z.string().nullable(),
  dossierCode: z.string().nullable(),
  unit: z.object({ code: z.string(), name: z.string() }),
});

const unitQuery = z.object({ unit: z.string().min(1).max(100) });

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

  r.get(
    '/queue/services',
    {
      schema: {
        tags: ['queue'],
        summary: 'Queue services of a unit (public): code, name, ticket prefix, fields, how many wait',
        querystring: unitQuery,
        response: {
          200: z.array(
            z.object({
              code: z.string(),
              name: z.string(),
              prefix: z.string(),
              fieldCodes: z.array(z.string()),
              waiting: z.number().int(),
            }),
          ),
          404: problemSchema,
        },
      },
    },
    async (request) => listQueueServices(ctx, request.query.unit),
  );

  r.get(
    '/queue/counters',
    {
      schema: {
        tags: ['queue'],
        summary: 'Counters of a unit (public): number, services, officer, the ticket at it now',
        querystring: unitQuery,
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              number: z.number().int(),
              name: z.string(),
              serviceCodes: z.array(z.string()),
              open: z.boolean(),
              officerName: z.string().nullable(),
              current: z
                .object({
                  id: z.string(),
                  label: z.string(),
                  serviceCode: z.string(),
                  status: z.enum(TICKET_STATUSES),
                })
                .nullable(),
            }),
          ),
          404: problemSchema,
        },
      },
    },
    async (request) => listQueueCounters(ctx, request.query.unit),
  );

  r.post(
    '/queue/tickets',
    {
      config: {
        rateLimit: { max: limitsOf(ctx).ticketsPerMinute, timeWindow: 60_000 },
      },
      schema: {
        tags: ['queue'],
        summary: 'Take a ticket (public, rate-limited): the kiosk, or a phone',
        description:
          '`priority` (elderly, disabled, pregnant, small_children) goes before the others. The number is the ' +
          'service prefix and the day’s count (numbering restarts every day). `estimatedWaitMinutes` = people ahead × ' +
          'the median of the service’s recent service times today (10 min without any) / its open counters; null ' +
          'when no counter is open for it.',
        body: ticketInputSchema,
        response: {
          201: z.object({
            id: z.string(),
            number: z.string(),
            serviceCode: z.string(),
            peopleAhead: z.number().int(),
            estimatedWaitMinutes: z.number().int().nullable(),
          }),
          400: problemSchema,
          404: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => reply.code(201).send(await takeTicket(ctx, request.body)),
  );

  r.get(
    '/queue/tickets/:id',
    {
      schema: {
        tags: ['queue'],
        summary: 'A ticket as its holder follows it (public; the QR on the ticket opens it)',
        params: z.object({ id: z.string().max(40) }),
        response: { 200: ticketSchema, 404: problemSchema },
      },
    },
    async (request) => getTicket(ctx, request.params.id),
  );

  r.post(
    '/queue/counters/:id/call-next',
    {
      schema: {
        tags: ['queue'],
        summary: 'Call the next ticket to this counter (staff of the counter’s unit); 204 when nobody waits',
        description:
          'Priority tickets first, then the earliest, among the services the counter serves. The caller is recorded ' +
          'as the counter’s officer. The hall display hears of it at once (`/queue/display/{unitCode}/events`).',
        security,
        params: z.object({ id: z.string().max(40) }),
        response: {
          200: ticketSchema,
          204: z.null(),
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const ticket = await callNext(ctx, requireActor(request), request.params.id);
      return ticket ? ticket : reply.code(204).send(null);
    },
  );

  r.post(
    '/queue/counters/:id/tickets/:ticketId/actions',
    {
      schema: {
        tags: ['queue'],
        summary:
          'Recall, start, finish, mark no-show, transfer or link the dossier of a ticket at this counter',
        description:
          '`no_show` only after the ticket was recalled MOTCUA_QUEUE_RECALLS times (default 2): 409 `recall_first` ' +
          'before. `transfer` puts it back in the queue of another service, behind those waiting there. `link` ' +
          'records the dossier received for it (`dossierCode`).',
        security,
        params: z.object({ id: z.string().max(40), ticketId: z.string().max(40) }),
        body: ticketActionSchema,
        response: {
          200: ticketSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request) =>
      actOnTicket(ctx, requireActor(request), request.params.id, request.params.ticketId, request.body),
  );

  r.get(
    '/queue/counters/:id/rating-target',
    {
      schema: {
        tags: ['queue'],
        summary:
          'What the counter’s satisfaction tablet asks about now (the tablet, by its device key): the counter, its officer, the ticket to rate',
        description:
          '`ticket` is the last one served (or being served) at the counter in the last 30 minutes and not yet rated; null otherwise. ' +
          'The tablet sends the key issued for this counter in `x-device-key` (401 `device_key_required` without it, ' +
          'with another counter’s key or a revoked one).',
        params: z.object({ id: z.string().max(40) }),
        response: {
          200: z.object({
            counter: z.object({ id: z.string(), number: z.number().int(), name: z.string() }),
            officerName: z.string().nullable(),
            ticket: z.object({ id: z.string(), label: z.string(), status: z.string() }).nullable(),
          }),
          401: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request) => ratingTarget(ctx, request.params.id, deviceKeyOf(request.headers)),
  );

  r.post(
    '/queue/counters/:id/ratings',
    {
      config: {
        rateLimit: { max: limitsOf(ctx).ticketsPerMinute, timeWindow: 60_000 },
      },
      schema: {
        tags: ['queue'],
        summary:
          'Rate the officer who served a ticket at this counter (the tablet, by its device key; rate-limited)',
        description:
          'Only the counter’s tablet: its key in `x-device-key`, else 401 `device_key_required`. ' +
          '`level` = very_satisfied | satisfied | neutral | not_satisfied; `reasons` from attitude, guidance, waiting, ' +
          'speed, facilities. One rating per ticket (409 `already_rated`), for a ticket served at this counter in the ' +
          'last 30 minutes. Counted in the satisfaction reports for that officer and unit.',
        params: z.object({ id: z.string().max(40) }),
        body: counterRatingSchema,
        response: {
          201: z.object({ id: z.string(), level: z.string() }),
          400: problemSchema,
          401: problemSchema,
          404: problemSchema,
          409: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await rateAtCounter(ctx, request.params.id, request.body, deviceKeyOf(request.headers))),
  );

  const deviceSchema = z.object({
    id: z.string(),
    counterId: z.string(),
    name: z.string(),
    prefix: z.string(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  });
  const deviceErrors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

  r.post(
    '/queue/counters/:id/devices',
    {
      schema: {
        tags: ['queue'],
        summary:
          'Issue a device key binding a satisfaction tablet to this counter (unit administrators); shown once',
        description:
          'Open the tablet at `/rate/{counterId}#key=<key>`: it keeps the key and sends it in `x-device-key`. ' +
          'Only the key’s SHA-256 is stored. Audited.',
        security,
        params: z.object({ id: z.string().max(40) }),
        body: z.object({ name: z.string().trim().min(1).max(100) }),
        response: { 201: deviceSchema.extend({ key: z.string() }), ...deviceErrors },
      },
    },
    async (request, reply) =>
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

  r.get(
    '/queue/counters/:id/devices',
    {
      schema: {
        tags: ['queue'],
        summary: 'The tablets bound to this counter (name, key prefix, issued, revoked), never their keys',
        security,
        params: z.object({ id: z.string().max(40) }),
        response: { 200: z.object({ items: z.array(deviceSchema) }), ...deviceErrors },
      },
    },
    async (request) => ({ items: await listCounterDevices(ctx, requireActor(request), request.params.id) }),
  );

  r.post(
    '/queue/counters/:id/devices/:deviceId/revoke',
    {
      schema: {
        tags: ['queue'],
        summary: 'Revoke a tablet’s device key: it can no longer show or rate (audited)',
        security,
        params: z.object({ id: z.string().max(40), deviceId: z.string().max(40) }),
        response: { 200: deviceSchema, ...deviceErrors },
      },
    },
    async (request) =>
      revokeCounterDevice(
        ctx,
        requireActor(request),
        metaOf(request),
        request.params.id,
        request.params.deviceId,
      ),
  );

  r.put(
    '/queue/units/:unitCode/setup',
    {
      schema: {
        tags: ['queue'],
        summary:
          'Set a unit’s hall: its queue services (ticket prefixes, fields) and counters (services served)',
        description:
          'Services are kept by `code` (one left out is deactivated; its tickets keep their history), counters by ' +
          '`number` (one left out is closed). Prefixes must differ (two services would give the same numbers); every ' +
          'counter serves existing services. Unit administrators; audited.',
        security,
        params: z.object({ unitCode: z.string().min(1).max(100) }),
        body: queueSetupSchema,
        response: {
          204: z.null(),
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request, reply) => {
      await setQueueSetup(ctx, requireActor(request), metaOf(request), request.params.unitCode, request.body);
      return reply.code(204).send(null);
    },
  );

  const statsRow = z.object({
    tickets: z.number().int(),
    served: z.number().int(),
    noShows: z.number().int(),
    averageWaitMinutes: z.number().nullable(),
    averageServiceMinutes: z.number().nullable(),
  });
  r.get(
    '/queue/statistics',
    {
      schema: {
        tags: ['queue'],
        summary: 'Queue figures of a unit for local dates from..to, by service, counter or officer',
        description:
          'tickets, served, noShows; averageWaitMinutes = taken → called; averageServiceMinutes = started → finished; ' +
          'from the tickets’ own times. Staff of the unit.',
        security,
        querystring: z.object({
          unit: z.string().min(1).max(100),
          from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
          to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
          groupBy: z.enum(['service', 'counter', 'officer']).default('service'),
        }),
        response: {
          200: z.object({
            unit: z.object({ code: z.string(), name: z.string() }),
            from: z.string(),
            to: z.string(),
            groupBy: z.string(),
            totals: statsRow,
            rows: z.array(statsRow.extend({ key: z.object({ code: z.string(), name: z.string() }) })),
          }),
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request) => queueStatistics(ctx, requireActor(request), request.query),
  );

  r.get(
    '/queue/display/:unitCode',
    {
      schema: {
        tags: ['queue'],
        summary:
          'What the hall screen shows now (public): tickets at the counters, recently served, waiting per service',
        params: z.object({ unitCode: z.string().min(1).max(100) }),
        response: {
          200: z.object({
            unit: z.object({ code: z.string(), name: z.string() }),
            calling: z.array(
              z.object({
                ticketId: z.string(),
                label: z.string(),
                counterNumber: z.number().int(),
                counterName: z.string(),
                status: z.enum(TICKET_STATUSES),
                calledAt: z.string(),
              }),
            ),
            recent: z.array(
              z.object({
                label: z.string(),
                counterNumber: z.number().int(),
                status: z.enum(TICKET_STATUSES),
              }),
            ),
            waiting: z.array(
              z.object({ serviceCode: z.string(), name: z.string(), waiting: z.number().int() }),
            ),
          }),
          404: problemSchema,
        },
      },
    },
    async (request) => displayState(ctx, request.params.unitCode),
  );

  r.get(
    '/queue/display/:unitCode/events',
    {
      schema: {
        tags: ['queue'],
        summary: 'Live queue events of a unit (public, text/event-stream)',
        description:
          'One event per change: `event: called` (and `recalled`) with `data: {"label":"1025","counterNumber":3,' +
          '"announcement":"Mời số 1025 đến quầy số 3",…}`; also `taken`, `started`, `finished`, `no_show`, ' +
          '`transferred`. Fed by PostgreSQL LISTEN/NOTIFY, so several server processes can run. A comment line ' +
          'every 15 s keeps the connection open.',
        params: z.object({ unitCode: z.string().min(1).max(100) }),
      },
    },
    async (request, reply) => {
      await requireUnit(ctx.database.db, request.params.unitCode, 'unitCode'); // 404 before streaming
      await streamQueueEvents(hub, request.params.unitCode, request, reply);
    },
  );
}

/**
 * The queue context's operations: the hall queue (services, counters, tickets, the display and its
 * live events), a unit's hall setup and figures, and the satisfaction tablet at each counter.
 */
import { z } from 'zod';
import { PRIORITIES, TICKET_STATUSES } from '../domain/queue/queue.ts';
import { RATING_LEVELS } from '../domain/statistics/activity.ts';
import { problemSchema, staffSecurity } from './common.ts';
import { defineContract, operation } from './operation.ts';

/** Why a citizen is (not) satisfied at the counter's tablet. */
export const RATING_REASONS = ['attitude', 'guidance', 'waiting', 'speed', 'facilities'] as const;

export const ticketInputSchema = z.object({
  unitCode: z.string().trim().min(1).max(100),
  serviceCode: z.string().trim().min(1).max(40),
  priority: z.enum(PRIORITIES).nullish(),
});

export const ticketActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('recall') }),
  z.object({ action: z.literal('start') }),
  z.object({ action: z.literal('finish') }),
  z.object({ action: z.literal('no_show') }),
  z.object({ action: z.literal('transfer'), serviceCode: z.string().trim().min(1).max(40) }),
  z.object({ action: z.literal('link'), dossierCode: z.string().trim().min(1).max(100) }),
]);

export const queueSetupSchema = z
  .object({
    services: z
      .array(
        z.object({
          code: z
            .string()
            .trim()
            .regex(/^[A-Z0-9_]{1,20}$/, 'Mã dịch vụ: chữ in hoa, số, gạch dưới'),
          name: z.string().trim().min(1).max(200),
          prefix: z
            .string()
            .trim()
            .regex(/^[A-Z0-9]{1,3}$/, 'Tiền tố số: 1–3 chữ in hoa hoặc số'),
          fieldCodes: z.array(z.string().trim().min(1).max(20)).max(50).default([]),
        }),
      )
      .min(1, 'Cần ít nhất một dịch vụ')
      .max(50),
    counters: z
      .array(
        z.object({
          number: z.number().int().min(1).max(999),
          name: z.string().trim().min(1).max(200),
          serviceCodes: z.array(z.string()).min(1, 'Mỗi quầy phục vụ ít nhất một dịch vụ'),
          open: z.boolean().default(true),
        }),
      )
      .max(200),
  })
  .superRefine((v, ctx) => {
    const codes = new Set<string>();
    const prefixes = new Set<string>();
    v.services.forEach((s, i) => {
      if (codes.has(s.code))
        ctx.addIssue({ code: 'custom', path: ['services', i, 'code'], message: 'Mã dịch vụ trùng' });
      if (prefixes.has(s.prefix))
        ctx.addIssue({
          code: 'custom',
          path: ['services', i, 'prefix'],
          message: 'Tiền tố trùng: hai dịch vụ sẽ cùng số',
        });
      codes.add(s.code);
      prefixes.add(s.prefix);
    });
    const numbers = new Set<number>();
    v.counters.forEach((c, i) => {
      if (numbers.has(c.number))
        ctx.addIssue({ code: 'custom', path: ['counters', i, 'number'], message: 'Số quầy trùng' });
      numbers.add(c.number);
      c.serviceCodes.forEach((code, j) => {
        if (!codes.has(code))
          ctx.addIssue({
            code: 'custom',
            path: ['counters', i, 'serviceCodes', j],
            message: `Không có dịch vụ "${code}"`,
          });
      });
    });
  });

export const counterRatingSchema = z.object({
  ticketId: z.uuid({ error: 'Mã số thứ tự không hợp lệ' }),
  level: z.enum(RATING_LEVELS),
  reasons: z.array(z.enum(RATING_REASONS)).max(RATING_REASONS.length).default([]),
  comment: z.string().trim().max(500).optional(),
});

export const ticketSchema = z.object({
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

export const queueServiceSchema = z.object({
  code: z.string(),
  name: z.string(),
  prefix: z.string(),
  fieldCodes: z.array(z.string()),
  waiting: z.number().int(),
});

export const queueCounterSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  name: z.string(),
  serviceCodes: z.array(z.string()),
  open: z.boolean(),
  officerName: z.string().nullable(),
  /** The ticket at the counter now (called or being served). */
  current: z
    .object({
      id: z.string(),
      label: z.string(),
      serviceCode: z.string(),
      status: z.enum(TICKET_STATUSES),
    })
    .nullable(),
});

export const displayStateSchema = z.object({
  unit: z.object({ code: z.string(), name: z.string() }),
  /** Tickets at the counters now, latest call first. */
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
  /** The last tickets called today that are no longer at a counter. */
  recent: z.array(
    z.object({
      label: z.string(),
      counterNumber: z.number().int(),
      status: z.enum(TICKET_STATUSES),
    }),
  ),
  waiting: z.array(z.object({ serviceCode: z.string(), name: z.string(), waiting: z.number().int() })),
});

const unitQuery = z.object({ unit: z.string().min(1).max(100) });
const counterParams = z.object({ id: z.string().max(40) });
const unitCodeParams = z.object({ unitCode: z.string().min(1).max(100) });

const deviceSchema = z.object({
  id: z.string(),
  counterId: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
const deviceErrors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

const statsRow = z.object({
  tickets: z.number().int(),
  served: z.number().int(),
  noShows: z.number().int(),
  /** Taken to called, in minutes (served and absent tickets). */
  averageWaitMinutes: z.number().nullable(),
  /** Started to finished, in minutes. */
  averageServiceMinutes: z.number().nullable(),
});
const statsKeyedRow = statsRow.extend({ key: z.object({ code: z.string(), name: z.string() }) });

export const queueContract = defineContract('queue', {
  services: operation('GET /queue/services', {
    summary: 'Queue services of a unit (public): code, name, ticket prefix, fields, how many wait',
    querystring: unitQuery,
    response: { 200: z.array(queueServiceSchema), 404: problemSchema },
  }),
  counters: operation('GET /queue/counters', {
    summary: 'Counters of a unit (public): number, services, officer, the ticket at it now',
    querystring: unitQuery,
    response: { 200: z.array(queueCounterSchema), 404: problemSchema },
  }),
  takeTicket: operation('POST /queue/tickets', {
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
  }),
  ticket: operation('GET /queue/tickets/:id', {
    summary: 'A ticket as its holder follows it (public; the QR on the ticket opens it)',
    params: z.object({ id: z.string().max(40) }),
    response: { 200: ticketSchema, 404: problemSchema },
  }),
  callNext: operation('POST /queue/counters/:id/call-next', {
    summary: 'Call the next ticket to this counter (staff of the counter’s unit); 204 when nobody waits',
    description:
      'Priority tickets first, then the earliest, among the services the counter serves. The caller is recorded ' +
      'as the counter’s officer. The hall display hears of it at once (`/queue/display/{unitCode}/events`).',
    security: staffSecurity,
    params: counterParams,
    response: {
      200: ticketSchema,
      204: z.null(),
      401: problemSchema,
      403: problemSchema,
      404: problemSchema,
    },
  }),
  actOnTicket: operation('POST /queue/counters/:id/tickets/:ticketId/actions', {
    summary: 'Recall, start, finish, mark no-show, transfer or link the dossier of a ticket at this counter',
    description:
      '`no_show` only after the ticket was recalled MOTCUA_QUEUE_RECALLS times (default 2): 409 `recall_first` ' +
      'before. `transfer` puts it back in the queue of another service, behind those waiting there. `link` ' +
      'records the dossier received for it (`dossierCode`).',
    security: staffSecurity,
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
  }),
  ratingTarget: operation('GET /queue/counters/:id/rating-target', {
    summary:
      'What the counter’s satisfaction tablet asks about now (the tablet, by its device key): the counter, its officer, the ticket to rate',
    description:
      '`ticket` is the last one served (or being served) at the counter in the last 30 minutes and not yet rated; null otherwise. ' +
      'The tablet sends the key issued for this counter in `x-device-key` (401 `device_key_required` without it, ' +
      'with another counter’s key or a revoked one).',
    params: counterParams,
    response: {
      200: z.object({
        counter: z.object({ id: z.string(), number: z.number().int(), name: z.string() }),
        officerName: z.string().nullable(),
        ticket: z.object({ id: z.string(), label: z.string(), status: z.string() }).nullable(),
      }),
      401: problemSchema,
      404: problemSchema,
    },
  }),
  rate: operation('POST /queue/counters/:id/ratings', {
    summary:
      'Rate the officer who served a ticket at this counter (the tablet, by its device key; rate-limited)',
    description:
      'Only the counter’s tablet: its key in `x-device-key`, else 401 `device_key_required`. ' +
      '`level` = very_satisfied | satisfied | neutral | not_satisfied; `reasons` from attitude, guidance, waiting, ' +
      'speed, facilities. One rating per ticket (409 `already_rated`), for a ticket served at this counter in the ' +
      'last 30 minutes. Counted in the satisfaction reports for that officer and unit.',
    params: counterParams,
    body: counterRatingSchema,
    response: {
      201: z.object({ id: z.string(), level: z.string() }),
      400: problemSchema,
      401: problemSchema,
      404: problemSchema,
      409: problemSchema,
      429: problemSchema,
    },
  }),
  issueDevice: operation('POST /queue/counters/:id/devices', {
    summary:
      'Issue a device key binding a satisfaction tablet to this counter (unit administrators); shown once',
    description:
      'Open the tablet at `/rate/{counterId}#key=<key>`: it keeps the key and sends it in `x-device-key`. ' +
      'Only the key’s SHA-256 is stored. Audited.',
    security: staffSecurity,
    params: counterParams,
    body: z.object({ name: z.string().trim().min(1).max(100) }),
    response: { 201: deviceSchema.extend({ key: z.string() }), ...deviceErrors },
  }),
  devices: operation('GET /queue/counters/:id/devices', {
    summary: 'The tablets bound to this counter (name, key prefix, issued, revoked), never their keys',
    security: staffSecurity,
    params: counterParams,
    response: { 200: z.object({ items: z.array(deviceSchema) }), ...deviceErrors },
  }),
  revokeDevice: operation('POST /queue/counters/:id/devices/:deviceId/revoke', {
    summary: 'Revoke a tablet’s device key: it can no longer show or rate (audited)',
    security: staffSecurity,
    params: z.object({ id: z.string().max(40), deviceId: z.string().max(40) }),
    response: { 200: deviceSchema, ...deviceErrors },
  }),
  setup: operation('PUT /queue/units/:unitCode/setup', {
    summary: 'Set a unit’s hall: its queue services (ticket prefixes, fields) and counters (services served)',
    description:
      'Services are kept by `code` (one left out is deactivated; its tickets keep their history), counters by ' +
      '`number` (one left out is closed). Prefixes must differ (two services would give the same numbers); every ' +
      'counter serves existing services. Unit administrators; audited.',
    security: staffSecurity,
    params: unitCodeParams,
    body: queueSetupSchema,
    response: {
      204: z.null(),
      400: problemSchema,
      401: problemSchema,
      403: problemSchema,
      404: problemSchema,
    },
  }),
  statistics: operation('GET /queue/statistics', {
    summary: 'Queue figures of a unit for local dates from..to, by service, counter or officer',
    description:
      'tickets, served, noShows; averageWaitMinutes = taken → called; averageServiceMinutes = started → finished; ' +
      'from the tickets’ own times. Staff of the unit.',
    security: staffSecurity,
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
        rows: z.array(statsKeyedRow),
      }),
      400: problemSchema,
      401: problemSchema,
      403: problemSchema,
      404: problemSchema,
    },
  }),
  display: operation('GET /queue/display/:unitCode', {
    summary:
      'What the hall screen shows now (public): tickets at the counters, recently served, waiting per service',
    params: unitCodeParams,
    response: { 200: displayStateSchema, 404: problemSchema },
  }),
  displayEvents: operation('GET /queue/display/:unitCode/events', {
    summary: 'Live queue events of a unit (public, text/event-stream)',
    description:
      'One event per change: `event: called` (and `recalled`) with `data: {"label":"1025","counterNumber":3,' +
      '"announcement":"Mời số 1025 đến quầy số 3",…}`; also `taken`, `started`, `finished`, `no_show`, ' +
      '`transferred`. Fed by PostgreSQL LISTEN/NOTIFY, so several server processes can run. A comment line ' +
      'every 15 s keeps the connection open.',
    params: unitCodeParams,
  }),
});

/** A queue change as the display's event stream sends it (`/queue/display/{unitCode}/events`). */
export interface QueueNotice {
  unitCode: string;
  type: 'taken' | 'called' | 'recalled' | 'started' | 'finished' | 'no_show' | 'transferred';
  ticketId: string;
  label: string;
  serviceCode: string;
  counterNumber: number | null;
  /** What the hall hears, for a call or a recall. */
  announcement: string | null;
  at: string;
}

export type QueueServiceView = z.output<typeof queueServiceSchema>;
export type QueueCounterView = z.output<typeof queueCounterSchema>;
export type TicketView = z.output<typeof ticketSchema>;
export type DisplayState = z.output<typeof displayStateSchema>;
export type QueueStatisticsRow = z.output<typeof statsKeyedRow>;
export type TicketInput = z.output<typeof ticketInputSchema>;
export type TicketActionInput = z.output<typeof ticketActionSchema>;
export type QueueSetup = z.output<typeof queueSetupSchema>;
export type CounterRatingInput = z.output<typeof counterRatingSchema>;
export type RatingReason = (typeof RATING_REASONS)[number];

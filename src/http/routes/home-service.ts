import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  HOME_SERVICE_CHANNELS,
  HOME_SERVICE_KINDS,
  HOME_SERVICE_REASONS,
  HOME_SERVICE_STATUSES,
} from '../../domain/postal/home-service.ts';
import { limitsOf, type ServiceContext } from '../../services/platform/index.ts';
import {
  cancelHomeService,
  cancelInputSchema,
  completeHomeService,
  completeInputSchema,
  createHomeService,
  getHomeService,
  homeServiceInputSchema,
  homeServiceSummary,
  listHomeServiceOfficers,
  listHomeServices,
  lookupHomeServicePublic,
  publicHomeServiceInputSchema,
  requestHomeServicePublic,
  scheduleHomeService,
  scheduleInputSchema,
} from '../../services/postal/index.ts';
import { metaOf, requireActor } from '../auth.ts';
import { localDateSchema, problemSchema } from '../../contracts/common.ts';
import { guardByTable } from '../authorization-table.ts';

const security: { [label: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }];
const tags = ['home-service'];

const statusEnum = z.enum(HOME_SERVICE_STATUSES);

const homeServiceSchema = z.object({
  id: z.string(),
  code: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  kind: z.enum(HOME_SERVICE_KINDS),
  requestedVia: z.enum(HOME_SERVICE_CHANNELS),
  status: statusEnum,
  dossierCode: z.string().nullable(),
  procedureCode: z.string().nullable(),
  applicant: z.object({ name: z.string(), phone: z.string(), address: z.string() }),
  reason: z.enum(HOME_SERVICE_REASONS),
  note: z.string().nullable(),
  scheduledAt: z.string().nullable(),
  officer: z.object({ id: z.string(), fullName: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  events: z.array(
    z.object({
      status: statusEnum,
      at: z.string(),
      actorName: z.string().nullable(),
      note: z.string().nullable(),
      scheduledAt: z.string().nullable(),
      officerName: z.string().nullable(),
    }),
  ),
});

const counts = <T extends readonly [string, ...string[]]>(keys: T) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()])) as Record<T[number], z.ZodNumber>);

const summarySchema = z.object({
  unit: z.object({ code: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  total: z.number().int(),
  byKind: z.object({
    pickup: counts(HOME_SERVICE_STATUSES).extend({ total: z.number().int() }),
    return: counts(HOME_SERVICE_STATUSES).extend({ total: z.number().int() }),
  }),
  byStatus: counts(HOME_SERVICE_STATUSES),
  byReason: counts(HOME_SERVICE_REASONS),
  byVia: counts(HOME_SERVICE_CHANNELS),
});

const idParams = z.object({ id: z.string().max(40) });
const staffErrors = { 401: problemSchema, 403: problemSchema, 404: problemSchema };

export async function homeServiceRoutes(app: FastifyInstance, { ctx }: { ctx: ServiceContext }) {
  guardByTable(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/home-services',
    {
      schema: {
        tags,
        summary: 'Register a home pick-up of a dossier or a home return of a result (counter, hotline)',
        description:
          'For people who cannot travel (reason `elderly`, `disabled`, `ill`, `other` with a note). `kind: return` ' +
          'needs a dossier of the unit (`dossierCode`). The code is `TN-YYYYMMDD-NNN` (Vietnam date, numbered per ' +
          'day); the status starts at `requested`. Receptionists and administrators of the unit.',
        security,
        body: homeServiceInputSchema,
        response: { 201: homeServiceSchema, 400: problemSchema, ...staffErrors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createHomeService(ctx, requireActor(request), metaOf(request), request.body)),
  );

  r.get(
    '/home-services',
    {
      schema: {
        tags,
        summary: 'The home-service requests of a unit, newest first (counter staff)',
        description: '`from` and `to` (YYYY-MM-DD, Vietnam days) bound the day each request was received.',
        security,
        querystring: z.object({
          unit: z.string().min(1).max(100),
          status: statusEnum.optional(),
          from: localDateSchema.optional(),
          to: localDateSchema.optional(),
        }),
        response: { 200: z.array(homeServiceSchema), 400: problemSchema, ...staffErrors },
      },
    },
    async (request) => listHomeServices(ctx, requireActor(request), request.query),
  );

  r.get(
    '/home-services/summary',
    {
      schema: {
        tags,
        summary: 'Home-service requests received in a period: by kind and status, by reason, by channel',
        description: 'For the reports: receptionists, administrators, leaders and inspectors of the unit.',
        security,
        querystring: z.object({
          unit: z.string().min(1).max(100),
          from: localDateSchema,
          to: localDateSchema,
        }),
        response: { 200: summarySchema, 400: problemSchema, ...staffErrors },
      },
    },
    async (request) => homeServiceSummary(ctx, requireActor(request), request.query),
  );

  r.get(
    '/home-services/officers',
    {
      schema: {
        tags,
        summary: 'The officers of a unit a visit can be given to (staff with a working role at the unit)',
        security,
        querystring: z.object({ unit: z.string().min(1).max(100) }),
        response: {
          200: z.array(z.object({ id: z.string(), username: z.string(), fullName: z.string() })),
          ...staffErrors,
        },
      },
    },
    async (request) => listHomeServiceOfficers(ctx, requireActor(request), request.query.unit),
  );

  r.get(
    '/home-services/:id',
    {
      schema: {
        tags,
        summary: 'A home-service request and its history (counter staff)',
        security,
        params: idParams,
        response: { 200: homeServiceSchema, ...staffErrors },
      },
    },
    async (request) => getHomeService(ctx, requireActor(request), request.params.id),
  );

  r.post(
    '/home-services/:id/schedule',
    {
      schema: {
        tags,
        summary: 'Schedule (or reschedule) the visit: a time in the future and an officer of the unit',
        description:
          'From `requested`, `scheduled` (a new time) or `failed` (try again); otherwise 409 `invalid_transition`.',
        security,
        params: idParams,
        body: scheduleInputSchema,
        response: { 200: homeServiceSchema, 400: problemSchema, ...staffErrors, 409: problemSchema },
      },
    },
    async (request) =>
      scheduleHomeService(ctx, requireActor(request), metaOf(request), request.params.id, request.body),
  );

  r.post(
    '/home-services/:id/complete',
    {
      schema: {
        tags,
        summary: 'Record how the visit went: done, or failed with the reason',
        description:
          'Only a scheduled request (409 `invalid_transition` otherwise). A return done does not change the dossier.',
        security,
        params: idParams,
        body: completeInputSchema,
        response: { 200: homeServiceSchema, 400: problemSchema, ...staffErrors, 409: problemSchema },
      },
    },
    async (request) =>
      completeHomeService(ctx, requireActor(request), metaOf(request), request.params.id, request.body),
  );

  r.post(
    '/home-services/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel a request not yet done (requested or scheduled)',
        security,
        params: idParams,
        body: cancelInputSchema.nullish(),
        response: { 200: homeServiceSchema, 400: problemSchema, ...staffErrors, 409: problemSchema },
      },
    },
    async (request) =>
      cancelHomeService(ctx, requireActor(request), metaOf(request), request.params.id, request.body ?? {}),
  );

  r.post(
    '/public/home-services',
    {
      config: {
        rateLimit: { max: limitsOf(ctx).homeServicePerMinute, timeWindow: 60_000 },
      },
      schema: {
        tags: [...tags, 'public'],
        summary: 'A citizen asks for a home pick-up or home return (public, rate-limited)',
        description:
          'A return names the dossier (`dossierCode`) and the applicant’s phone on it; an unknown dossier and ' +
          'another phone get the same 400. Answers the code to follow the request with.',
        body: publicHomeServiceInputSchema,
        response: {
          201: z.object({ code: z.string() }),
          400: problemSchema,
          404: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await requestHomeServicePublic(ctx, metaOf(request), request.body)),
  );

  r.get(
    '/public/home-services/:code',
    {
      config: {
        rateLimit: { max: limitsOf(ctx).trackPerMinute, timeWindow: 60_000 },
      },
      schema: {
        tags: [...tags, 'public'],
        summary: 'Follow a home-service request by its code and the phone given with it (public)',
        description: 'An unknown code and a wrong phone give the same 404.',
        params: z.object({ code: z.string().max(40) }),
        querystring: z.object({ phone: z.string({ error: 'Cần số điện thoại' }).trim().min(1).max(20) }),
        response: {
          200: z.object({
            code: z.string(),
            unitName: z.string(),
            kind: z.enum(HOME_SERVICE_KINDS),
            status: statusEnum,
            scheduledAt: z.string().nullable(),
            officerName: z.string().nullable(),
            createdAt: z.string(),
            events: z.array(z.object({ status: statusEnum, at: z.string() })),
          }),
          400: problemSchema,
          404: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request) => lookupHomeServicePublic(ctx, request.params.code, request.query.phone),
  );
}

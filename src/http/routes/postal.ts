import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import { SHIPMENT_KINDS, SHIPMENT_STATUSES, signWebhook } from '../../domain/postal/shipment.ts';
import { carrierOf } from '../../integrations/postal.ts';
import { limitsOf, type ServiceContext } from '../../services/platform/index.ts';
import {
  applyCarrierUpdate,
  carrierUpdateSchema,
  createHandoverList,
  getShipment,
  handoverInputSchema,
  handoverListPdf,
  listShipments,
  onlinePickupSchema,
  publicShipmentStatus,
  requestPickupOnline,
  requestShipment,
  shipmentInputSchema,
} from '../../services/postal/index.ts';
import { metaOf, requireActor } from '../auth.ts';
import { problemSchema } from '../../contracts/common.ts';
import { guardByTable } from '../authorization-table.ts';

const security: { [label: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }];
const tags = ['postal'];

const shipmentSchema = z.object({
  id: z.string(),
  kind: z.enum(SHIPMENT_KINDS),
  carrier: z.string(),
  trackingNumber: z.string(),
  status: z.enum(SHIPMENT_STATUSES),
  unitCode: z.string(),
  dossierCode: z.string().nullable(),
  applicant: z.object({ name: z.string(), phone: z.string(), address: z.string() }),
  fee: z.number().int(),
  note: z.string().nullable(),
  handoverListId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  events: z.array(
    z.object({ status: z.string(), at: z.string(), source: z.string(), note: z.string().nullable() }),
  ),
});

export async function postalRoutes(
  app: FastifyInstance,
  { ctx, config }: { ctx: ServiceContext; config: Config },
) {
  guardByTable(app);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const carrier = carrierOf(config.postal);

  r.get(
    '/postal/carrier',
    {
      schema: {
        tags,
        summary: 'The postal carrier in use (sandbox or http) and the postal fee',
        response: { 200: z.object({ carrier: z.enum(['sandbox', 'http']), fee: z.number().int() }) },
      },
    },
    async () => ({ carrier: config.postal.carrier, fee: config.postalFee }),
  );

  r.post(
    '/postal/shipments',
    {
      schema: {
        tags,
        summary: 'Book a postal pick-up of a dossier or a postal return of a result (counter staff)',
        description:
          '`kind: pickup` needs the `applicant` the postman meets ({name, phone, address}); `kind: return` needs ' +
          'the resolved dossier (`dossierCode`), whose applicant and delivery address are used unless given. The ' +
          'carrier answers with the tracking number; the status starts at `requested` and follows the carrier’s ' +
          'webhooks. The fee is MOTCUA_POSTAL_FEE.',
        security,
        body: shipmentInputSchema,
        response: {
          201: shipmentSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await requestShipment(ctx, config, carrier, requireActor(request), metaOf(request), request.body),
        ),
  );

  r.post(
    '/public/postal/pickups',
    {
      config: {
        // Public and unauthenticated: few per address (shared with the home-service requests' limit).
        rateLimit: { max: limitsOf(ctx).homeServicePerMinute, timeWindow: 60_000 },
      },
      schema: {
        tags: [...tags, 'public'],
        summary: 'A citizen asks online for the postman to collect their paper dossier (no login)',
        description:
          'Books a pick-up with the carrier for a unit that has a one-stop counter ({name, phone, address} of the ' +
          'sender, optionally the procedure and a note). 201 with the tracking number to follow it by ' +
          '(`GET /public/postal/shipments/{trackingNumber}?phone=`) and the fee (MOTCUA_POSTAL_FEE), paid to the postman. ' +
          'Rate-limited by MOTCUA_HOME_SERVICE_LIMIT per minute per address.',
        body: onlinePickupSchema,
        response: {
          201: z.object({
            trackingNumber: z.string(),
            status: z.enum(SHIPMENT_STATUSES),
            fee: z.number().int(),
            unit: z.object({ code: z.string(), name: z.string() }),
          }),
          400: problemSchema,
          404: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await requestPickupOnline(ctx, config, carrier, metaOf(request), request.body)),
  );

  r.get(
    '/public/postal/shipments/:trackingNumber',
    {
      config: {
        rateLimit: { max: limitsOf(ctx).trackPerMinute, timeWindow: 60_000 },
      },
      schema: {
        tags: [...tags, 'public'],
        summary: 'Follow a postal shipment with its tracking number and the sender’s phone (no login)',
        description: 'The same 404 for an unknown number and a wrong phone.',
        params: z.object({ trackingNumber: z.string().min(4).max(40) }),
        querystring: z.object({ phone: z.string().min(9).max(20) }),
        response: {
          200: z.object({
            trackingNumber: z.string(),
            kind: z.enum(SHIPMENT_KINDS),
            status: z.enum(SHIPMENT_STATUSES),
            unitCode: z.string(),
            createdAt: z.string(),
            events: z.array(z.object({ status: z.string(), at: z.string() })),
          }),
          404: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request) => publicShipmentStatus(ctx, request.params.trackingNumber, request.query.phone),
  );

  r.get(
    '/postal/shipments',
    {
      schema: {
        tags,
        summary: 'The postal shipments of a unit, newest first (counter staff)',
        security,
        querystring: z.object({
          unit: z.string().min(1).max(100),
          status: z.enum(SHIPMENT_STATUSES).optional(),
          unlisted: z.enum(['true', 'false']).optional(),
        }),
        response: {
          200: z.array(shipmentSchema),
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request) =>
      listShipments(ctx, requireActor(request), {
        unit: request.query.unit,
        status: request.query.status,
        unlisted: request.query.unlisted === 'true',
      }),
  );

  r.get(
    '/postal/shipments/:id',
    {
      schema: {
        tags,
        summary: 'A shipment and its statuses (counter staff)',
        security,
        params: z.object({ id: z.string().max(40) }),
        response: { 200: shipmentSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request) => getShipment(ctx, requireActor(request), request.params.id),
  );

  r.post(
    '/postal/handover-lists',
    {
      schema: {
        tags,
        summary: 'A list of shipments handed over to (or received from) the postman, numbered BG-YYYYMMDD-NN',
        description:
          'Each shipment appears on one list. `GET /postal/handover-lists/{id}.pdf` prints it with both signatures.',
        security,
        body: handoverInputSchema,
        response: {
          201: z.object({ id: z.string(), number: z.string(), shipments: z.number().int() }),
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
        },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createHandoverList(ctx, requireActor(request), metaOf(request), request.body)),
  );

  r.get(
    '/postal/handover-lists/:id.pdf',
    {
      schema: {
        tags,
        summary: 'The handover list as a printable PDF, with the postman’s and the officer’s signatures',
        security,
        params: z.object({ id: z.string().max(40) }),
      },
    },
    async (request, reply) => {
      const { number, pdf } = await handoverListPdf(ctx, requireActor(request), request.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${number}.pdf"`)
        .send(pdf);
    },
  );
}

/** The carrier's webhook keeps the raw body: its signature is over the bytes as sent. */
export async function postalWebhookRoutes(
  app: FastifyInstance,
  { ctx, config }: { ctx: ServiceContext; config: Config },
) {
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: 16_384 },
    (request, body, done) => {
      (request as FastifyRequest & { rawBody?: string }).rawBody = String(body);
      // The webhook reads the raw body itself (signature first); other routes get the parsed JSON.
      let parsed: unknown = {};
      try {
        parsed = JSON.parse(String(body));
      } catch {
        // left to the handler: an unsigned or malformed body is refused there with its reason
      }
      done(null, parsed);
    },
  );
  const r = app.withTypeProvider<ZodTypeProvider>();
  const carrier = carrierOf(config.postal);
  r.post(
    '/postal/webhook',
    {
      schema: {
        tags,
        summary: 'Status updates from the postal carrier (signed)',
        description:
          'Body `{trackingNumber, status, at?, note?}`; header `x-postal-signature: sha256=<hex HMAC-SHA256 of the ' +
          'raw body with MOTCUA_POSTAL_SECRET>`. 401 `bad_signature` when it does not match; 409 for a status the ' +
          'shipment cannot go to; the same status again changes nothing (carriers retry).',
        response: {
          200: z.object({ changed: z.boolean(), status: z.enum(SHIPMENT_STATUSES) }),
          400: problemSchema,
          401: problemSchema,
          404: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request) =>
      applyCarrierUpdate(
        ctx,
        carrier.name,
        config.postal.webhookSecret,
        (request as FastifyRequest & { rawBody?: string }).rawBody ?? '',
        request.headers['x-postal-signature'] as string | undefined,
      ),
  );

  // The carrier sandbox exists only in the demo: in production the route is not registered at all.
  if (config.mode === 'demo' && config.postal.carrier === 'sandbox') {
    r.post(
      '/sandbox/postal/advance',
      {
        schema: {
          tags,
          summary: 'Sandbox carrier: move a shipment on, as the carrier would (a signed call to the webhook)',
          body: carrierUpdateSchema,
        },
      },
      async (request, reply) => {
        const raw = (request as FastifyRequest & { rawBody?: string }).rawBody ?? '';
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/postal/webhook',
          headers: {
            'content-type': 'application/json',
            'x-postal-signature': signWebhook(raw, config.postal.webhookSecret),
          },
          payload: raw,
        });
        return reply
          .code(res.statusCode)
          .type(String(res.headers['content-type'] ?? 'application/json'))
          .send(res.body);
      },
    );
  }
}

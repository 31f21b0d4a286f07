import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../../config.ts';
import { postalContract as p } from '../../contracts/postal.ts';
import { signWebhook } from '../../domain/postal/shipment.ts';
import { carrierOf } from '../../integrations/postal.ts';
import { limitsOf, type ServiceContext } from '../../services/platform/index.ts';
import {
  applyCarrierUpdate,
  createHandoverList,
  getShipment,
  handoverListPdf,
  listShipments,
  publicShipmentStatus,
  requestPickupOnline,
  requestShipment,
} from '../../services/postal/index.ts';
import { metaOf, requireActor } from '../auth.ts';
import { guardByTable } from '../authorization-table.ts';

export async function postalRoutes(
  app: FastifyInstance,
  { ctx, config }: { ctx: ServiceContext; config: Config },
) {
  guardByTable(app);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const carrier = carrierOf(config.postal);

  r.get(p.carrier.path, { schema: p.carrier.schema }, async () => ({
    carrier: config.postal.carrier,
    fee: config.postalFee,
  }));

  r.post(p.book.path, { schema: p.book.schema }, async (request, reply) =>
    reply
      .code(201)
      .send(
        await requestShipment(ctx, config, carrier, requireActor(request), metaOf(request), request.body),
      ),
  );

  r.post(
    p.requestPickup.path,
    {
      config: {
        // Public and unauthenticated: few per address (shared with the home-service requests' limit).
        rateLimit: { max: limitsOf(ctx).homeServicePerMinute, timeWindow: 60_000 },
      },
      schema: p.requestPickup.schema,
    },
    async (request, reply) =>
      reply.code(201).send(await requestPickupOnline(ctx, config, carrier, metaOf(request), request.body)),
  );

  r.get(
    p.track.path,
    {
      config: {
        rateLimit: { max: limitsOf(ctx).trackPerMinute, timeWindow: 60_000 },
      },
      schema: p.track.schema,
    },
    async (request) => publicShipmentStatus(ctx, request.params.trackingNumber, request.query.phone),
  );

  r.get(p.shipments.path, { schema: p.shipments.schema }, async (request) =>
    listShipments(ctx, requireActor(request), {
      unit: request.query.unit,
      status: request.query.status,
      unlisted: request.query.unlisted === 'true',
    }),
  );

  r.get(p.shipment.path, { schema: p.shipment.schema }, async (request) =>
    getShipment(ctx, requireActor(request), request.params.id),
  );

  r.post(p.createHandoverList.path, { schema: p.createHandoverList.schema }, async (request, reply) =>
    reply.code(201).send(await createHandoverList(ctx, requireActor(request), metaOf(request), request.body)),
  );

  r.get(p.handoverListPdf.path, { schema: p.handoverListPdf.schema }, async (request, reply) => {
    const { number, pdf } = await handoverListPdf(ctx, requireActor(request), request.params.id);
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${number}.pdf"`)
      .send(pdf);
  });
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

  r.post(p.webhook.path, { schema: p.webhook.schema }, async (request) =>
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
    r.post(p.sandboxAdvance.path, { schema: p.sandboxAdvance.schema }, async (request, reply) => {
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
    });
  }
}

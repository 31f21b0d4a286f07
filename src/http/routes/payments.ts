import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import type { Config } from '../../config.ts';
import { paymentsContract } from '../../contracts/payments.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { vnpaySandbox } from '../../integrations/vnpay-sandbox.ts';
import {
  getPayment,
  handleIpn,
  handleReturn,
  paymentReceiptPdf,
  paymentsOfApplication,
  paymentsOfDossier,
  reconciliation,
  reconciliationXlsx,
  recordCounterPayment,
  refundPayment,
  startOnlinePayment,
} from '../../services/payments/index.ts';
import type { ServiceContext } from '../../services/platform/index.ts';
import { metaOf, requireActor } from '../auth.ts';
import { guardByTable } from '../authorization-table.ts';

export async function paymentRoutes(
  app: FastifyInstance,
  { ctx, config }: { ctx: ServiceContext; config: Config },
) {
  guardByTable(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(paymentsContract.start.path, { schema: paymentsContract.start.schema }, async (request, reply) => {
    const started = await startOnlinePayment(ctx, config, requireActor(request), {
      applicationId: request.body.applicationId,
      locale: request.body.locale,
      ip: request.ip ?? null,
    });
    return reply.status(201).send(started);
  });

  r.get(
    paymentsContract.ofApplication.path,
    { schema: paymentsContract.ofApplication.schema },
    async (request) => ({
      items: await paymentsOfApplication(ctx, requireActor(request), request.query.applicationId),
    }),
  );

  r.get(paymentsContract.ipn.path, { schema: paymentsContract.ipn.schema }, async (request) =>
    handleIpn(ctx, config, request.query, metaOf(request), (err) => request.log.error({ err }, 'IPN failed')),
  );

  r.get(paymentsContract.return.path, { schema: paymentsContract.return.schema }, async (request, reply) => {
    const outcome = await handleReturn(ctx, config, request.query);
    if (!outcome.valid)
      throw new AppError(400, 'invalid_signature', 'Chữ ký của cổng thanh toán không hợp lệ');
    if (!outcome.payment) throw notFound('payment_not_found', 'Không tìm thấy khoản thanh toán');
    const base = config.publicUrl.replace(/\/$/, '');
    const p = outcome.payment;
    const target = p.applicationId
      ? `${base}/applications/${encodeURIComponent(p.applicationId)}?payment=${encodeURIComponent(p.id)}`
      : `${base}/track/${encodeURIComponent(p.dossierCode ?? '')}?payment=${encodeURIComponent(p.id)}`;
    return reply.redirect(target, 302);
  });

  r.get(
    paymentsContract.reconciliation.path,
    { schema: paymentsContract.reconciliation.schema },
    async (request) => reconciliation(ctx, requireActor(request), request.query),
  );

  r.get(
    paymentsContract.reconciliationXlsx.path,
    { schema: paymentsContract.reconciliationXlsx.schema },
    async (request, reply) => {
      const report = await reconciliation(ctx, requireActor(request), request.query);
      const file = await reconciliationXlsx(report, ctx.clock());
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="doi-soat-${report.unitCode}-${report.date}.xlsx"`,
        )
        .send(file);
    },
  );

  r.get(paymentsContract.get.path, { schema: paymentsContract.get.schema }, async (request) =>
    getPayment(ctx, requireActor(request), request.params.id),
  );

  r.get(
    paymentsContract.receipt.path,
    { schema: paymentsContract.receipt.schema },
    async (request, reply) => {
      const { pdf, receiptNumber } = await paymentReceiptPdf(
        ctx,
        config,
        requireActor(request),
        request.params.id,
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="bien-lai-${receiptNumber}.pdf"`)
        .send(pdf);
    },
  );

  r.post(paymentsContract.refund.path, { schema: paymentsContract.refund.schema }, async (request) =>
    refundPayment(ctx, requireActor(request), metaOf(request), request.params.id, request.body.reason),
  );

  r.post(
    paymentsContract.recordAtCounter.path,
    { schema: paymentsContract.recordAtCounter.schema },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await recordCounterPayment(
            ctx,
            config,
            requireActor(request),
            metaOf(request),
            request.params.code,
            request.body,
          ),
        ),
  );

  r.get(paymentsContract.ofDossier.path, { schema: paymentsContract.ofDossier.schema }, async (request) => {
    const result = await paymentsOfDossier(ctx, config, requireActor(request), request.params.code);
    const vietQr = result.vietQr
      ? {
          ...result.vietQr,
          dataUrl: await QRCode.toDataURL(result.vietQr.payload, {
            errorCorrectionLevel: 'M',
            margin: 2,
            width: 280,
          }),
        }
      : null;
    return { ...result, vietQr };
  });
}

/**
 * The demo's sandbox gateway (src/integrations/vnpay-sandbox.ts), its notifications delivered to
 * the same IPN handler as GET /payments/vnpay/ipn. Registered by app.ts in the demo only.
 */
export async function paymentSandboxRoutes(
  app: FastifyInstance,
  { ctx, config }: { ctx: ServiceContext; config: Config },
) {
  await app.register(vnpaySandbox, {
    config,
    clock: ctx.clock,
    notify: (callback, request) =>
      handleIpn(ctx, config, callback, metaOf(request), (err) =>
        request.log.error({ err }, 'sandbox IPN failed'),
      ),
  });
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import type { ServiceContext } from '../../services/platform/index.ts';
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
import { metaOf, requireActor } from '../auth.ts';
import { localDateSchema, problemSchema } from '../../contracts/common.ts';
import { vnpaySandbox } from '../../integrations/vnpay-sandbox.ts';
import { guardByTable } from '../authorization-table.ts';

const security: { [label: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }];
const tags = ['payments'];

const methodSchema = z.enum(['gateway', 'vietqr', 'cash']);
const stateSchema = z.enum(['pending', 'paid', 'failed', 'refunded']);
const itemSchema = z.object({ label: z.string(), amount: z.number().int() });

const paymentSchema = z.object({
  id: z.string(),
  reference: z.string().describe('Merchant reference (vnp_TxnRef), printed on the receipt'),
  state: stateSchema,
  method: methodSchema,
  amount: z.number().int().describe('VND'),
  items: z.array(itemSchema),
  applicationId: z.string().nullable(),
  dossierId: z.string().nullable(),
  dossierCode: z.string().nullable(),
  receiptNumber: z.string().nullable(),
  gatewayTransactionNo: z.string().nullable(),
  bankCode: z.string().nullable(),
  payerName: z.string().nullable(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  updatedAt: z.string(),
});

const ipnAnswerSchema = z.object({ RspCode: z.string(), Message: z.string() });

const vnpQuerySchema = z
  .record(z.string(), z.union([z.string(), z.array(z.string())]))
  .describe('The gateway’s signed vnp_* parameters');

const reconciliationSchema = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  date: z.string(),
  summary: z.array(
    z.object({ method: methodSchema, state: stateSchema, count: z.number(), amount: z.number() }),
  ),
  rows: z.array(
    z.object({
      id: z.string(),
      reference: z.string(),
      receiptNumber: z.string().nullable(),
      dossierCode: z.string().nullable(),
      amount: z.number(),
      method: methodSchema,
      state: stateSchema,
      gatewayTransactionNo: z.string().nullable(),
      paidAt: z.string(),
    }),
  ),
  totals: z.object({
    count: z.number(),
    collectedCount: z.number(),
    collectedAmount: z.number(),
    refundedAmount: z.number(),
    netAmount: z.number(),
    byMethod: z.object({ cash: z.number(), vietqr: z.number(), gateway: z.number() }),
  }),
  mismatches: z.array(
    z.object({
      kind: z.enum(['pending_too_long', 'paid_without_dossier']),
      paymentId: z.string(),
      reference: z.string(),
      amount: z.number(),
      method: methodSchema,
      createdAt: z.string(),
      message: z.string(),
    }),
  ),
});

const reconciliationQuery = z.object({ unitCode: z.string().trim().min(1).max(40), date: localDateSchema });

export async function paymentRoutes(
  app: FastifyInstance,
  { ctx, config }: { ctx: ServiceContext; config: Config },
) {
  guardByTable(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/payments',
    {
      schema: {
        tags,
        summary: 'Pay an online application’s fees through the gateway',
        description:
          'The owner of a submitted (or accepted) online application starts paying: a pending payment of the same amount is reused, else one is created. Send the browser to `redirectUrl` (the gateway’s signed payment page). 409 `already_paid`, 422 `nothing_to_pay` when no fee is owed.',
        security,
        body: z.object({ applicationId: z.uuid(), locale: z.enum(['vn', 'en']).optional() }),
        response: {
          201: z.object({
            paymentId: z.string(),
            reference: z.string(),
            amount: z.number(),
            items: z.array(itemSchema),
            redirectUrl: z.string(),
          }),
          401: problemSchema,
          404: problemSchema,
          409: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const started = await startOnlinePayment(ctx, config, requireActor(request), {
        applicationId: request.body.applicationId,
        locale: request.body.locale,
        ip: request.ip ?? null,
      });
      return reply.status(201).send(started);
    },
  );

  r.get(
    '/payments',
    {
      schema: {
        tags,
        summary: 'The payments of an online application (its owner or staff of its unit)',
        security,
        querystring: z.object({ applicationId: z.uuid() }),
        response: { 200: z.object({ items: z.array(paymentSchema) }), 404: problemSchema },
      },
    },
    async (request) => ({
      items: await paymentsOfApplication(ctx, requireActor(request), request.query.applicationId),
    }),
  );

  r.get(
    '/payments/vnpay/ipn',
    {
      schema: {
        tags,
        summary: 'The gateway’s server-to-server payment notification (IPN)',
        description:
          'Called by the gateway, no login. Always HTTP 200 with `{RspCode, Message}`: `00` confirmed, `01` order not found, `02` already confirmed (a replay changes nothing), `04` invalid amount, `97` invalid signature, `99` unknown error.',
        querystring: vnpQuerySchema,
        response: { 200: ipnAnswerSchema },
      },
    },
    async (request) =>
      handleIpn(ctx, config, request.query, metaOf(request), (err) =>
        request.log.error({ err }, 'IPN failed'),
      ),
  );

  r.get(
    '/payments/vnpay/return',
    {
      schema: {
        tags,
        summary: 'Where the gateway sends the browser back',
        description:
          'Verifies the signature, then redirects (302) to the application page, which polls `GET /payments/{id}`: the state there is set by the IPN only, never by this return.',
        querystring: vnpQuerySchema,
        response: { 400: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
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
    },
  );

  r.get(
    '/payments/reconciliation',
    {
      schema: {
        tags,
        summary: 'Daily reconciliation of a unit’s payments',
        description:
          'Payments collected on the day (Vietnam time) and those created that day and not paid: counts and sums by method and state, each collected row, totals, and mismatches (gateway payments pending over 15 minutes, paid payments with no dossier yet).',
        security,
        querystring: reconciliationQuery,
        response: { 200: reconciliationSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request) => reconciliation(ctx, requireActor(request), request.query),
  );

  r.get(
    '/payments/reconciliation.xlsx',
    {
      schema: {
        tags,
        summary: 'Daily reconciliation as an Excel workbook',
        security,
        querystring: reconciliationQuery,
      },
    },
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

  r.get(
    '/payments/:id',
    {
      schema: {
        tags,
        summary: 'A payment and its state (the owner of its application, or staff of its unit)',
        security,
        params: z.object({ id: z.uuid() }),
        response: { 200: paymentSchema, 401: problemSchema, 404: problemSchema },
      },
    },
    async (request) => getPayment(ctx, requireActor(request), request.params.id),
  );

  r.get(
    '/payments/:id/receipt.pdf',
    {
      schema: {
        tags,
        summary: 'The electronic receipt (biên lai điện tử) of a paid payment, as PDF',
        description: '409 `not_paid` while the payment is not paid.',
        security,
        params: z.object({ id: z.uuid() }),
      },
    },
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

  r.post(
    '/payments/:id/refund',
    {
      schema: {
        tags,
        summary: 'Refund a paid payment (leader of the collecting unit)',
        description: '409 `not_refundable` unless the payment is paid.',
        security,
        params: z.object({ id: z.uuid() }),
        body: z.object({ reason: z.string().trim().min(5).max(1000) }),
        response: { 200: paymentSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema },
      },
    },
    async (request) =>
      refundPayment(ctx, requireActor(request), metaOf(request), request.params.id, request.body.reason),
  );

  r.post(
    '/dossiers/:code/payments',
    {
      schema: {
        tags,
        summary: 'Record a payment at the counter (cash, or a bank transfer by VietQR)',
        description:
          'A receptionist of the dossier’s unit; the amount is the dossier’s fees. Paid at once with a receipt number. 409 `already_paid`, 422 `nothing_to_pay`.',
        security,
        params: z.object({ code: z.string().max(80) }),
        body: z.object({
          method: z.enum(['cash', 'vietqr']),
          payerName: z.string().trim().max(200).optional(),
        }),
        response: {
          201: paymentSchema,
          403: problemSchema,
          404: problemSchema,
          409: problemSchema,
          422: problemSchema,
        },
      },
    },
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

  r.get(
    '/dossiers/:code/payments',
    {
      schema: {
        tags,
        summary: 'A dossier’s payments, the amount owed and a VietQR code for it',
        security,
        params: z.object({ code: z.string().max(80) }),
        response: {
          200: z.object({
            dossierCode: z.string(),
            items: z.array(itemSchema),
            total: z.number(),
            paid: z.number(),
            owed: z.number(),
            payments: z.array(paymentSchema),
            vietQr: z
              .object({
                payload: z.string().describe('EMVCo/VietQR payload'),
                dataUrl: z.string().describe('PNG data URL of the QR code'),
                amount: z.number(),
                purpose: z.string(),
                bankBin: z.string(),
                accountNumber: z.string(),
                accountName: z.string(),
              })
              .nullable(),
          }),
          404: problemSchema,
        },
      },
    },
    async (request) => {
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
    },
  );
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

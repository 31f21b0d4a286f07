import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import {
  canonicalQuery,
  flattenQuery,
  parseVnpDate,
  type SandboxOutcome,
  sandboxCallbackParams,
  type VnpParams,
  verifyVnpParams,
} from '../../domain/payments/vnpay.ts';
import { formatMoney } from '../../documents/format.ts';
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

// ---------------------------------------------------------------- the sandbox gateway

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
body{font-family:system-ui,sans-serif;background:#f4f6fa;color:#1a1a1a;margin:0;padding:2rem 1rem}
main{max-width:32rem;margin:0 auto;background:#fff;border-radius:8px;padding:1.5rem 2rem;box-shadow:0 1px 4px #0002}
h1{font-size:1.35rem;color:#005baa;margin-top:0}
.note{background:#fff4d6;border-left:4px solid #e0a800;padding:.5rem .75rem}
.error{background:#fde2e1;border-left:4px solid #c62828;padding:.5rem .75rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.4rem 1rem}dt{color:#555}dd{margin:0;font-weight:600}
.amount{font-size:1.4rem;color:#c62828}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1.5rem}
button{font-size:1rem;padding:.6rem 1.1rem;border-radius:6px;border:1px solid #888;background:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #005baa;outline-offset:2px}
button.primary{background:#005baa;border-color:#005baa;color:#fff}
button.danger{border-color:#c62828;color:#c62828}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

function errorPage(message: string): string {
  return page(
    'Lỗi giao dịch - Cổng thanh toán thử nghiệm',
    `<h1>Cổng thanh toán thử nghiệm</h1>
<p class="error" role="alert">${escapeHtml(message)}</p>
<p>Vui lòng quay lại trang của đơn vị và thực hiện lại thanh toán.</p>`,
  );
}

/** Why a payment request cannot be shown: a bad signature, another merchant, an expired request. */
function requestProblem(params: VnpParams, config: Config, now: Date): string | null {
  if (!verifyVnpParams(params, config.payment.hashSecret))
    return 'Chữ ký không hợp lệ (mã lỗi 97): yêu cầu thanh toán đã bị thay đổi hoặc không do đơn vị ký.';
  if (params.vnp_TmnCode !== config.payment.tmnCode) return 'Mã đơn vị chấp nhận thanh toán không đúng.';
  const amount = Number(params.vnp_Amount);
  if (!Number.isInteger(amount) || amount <= 0 || amount % 100 !== 0) return 'Số tiền không hợp lệ.';
  if (!params.vnp_ReturnUrl || !/^https?:\/\//.test(params.vnp_ReturnUrl)) return 'Thiếu địa chỉ trả về.';
  const expires = parseVnpDate(params.vnp_ExpireDate ?? '');
  if (expires && expires.getTime() < now.getTime())
    return 'Giao dịch đã quá thời gian chờ thanh toán (mã lỗi 11). Vui lòng tạo lại giao dịch.';
  return null;
}

/** The sandbox gateway's pages (outside /api/v1: they stand in for the gateway's own site). */
export async function paymentSandboxRoutes(
  app: FastifyInstance,
  { ctx, config }: { ctx: ServiceContext; config: Config },
) {
  // The payment page posts a plain HTML form (no script at all).
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 16_384 },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/sandbox/vnpay/pay',
    {
      schema: {
        tags,
        summary: 'Sandbox gateway: the payment page (HTML)',
        description:
          'Shows the amount and order of a signed VNPay-style request, with buttons to pay, fail or cancel. 400 with an error page when the signature is wrong or the request expired.',
        querystring: vnpQuerySchema,
      },
    },
    async (request, reply) => {
      const params = flattenQuery(request.query);
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      const problem = requestProblem(params, config, ctx.clock());
      if (problem) return reply.status(400).send(errorPage(problem));
      const hidden = Object.entries(params)
        .filter(([k]) => k.startsWith('vnp_'))
        .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
        .join('\n');
      const expires = parseVnpDate(params.vnp_ExpireDate ?? '');
      const body = `<h1>Cổng thanh toán thử nghiệm</h1>
<p class="note">Đây là cổng thanh toán giả lập (theo giao thức VNPay 2.1.0): không có tiền thật được chuyển.</p>
<dl>
<dt>Đơn vị nhận tiền</dt><dd>${escapeHtml(params.vnp_TmnCode ?? '')}</dd>
<dt>Mã giao dịch</dt><dd>${escapeHtml(params.vnp_TxnRef ?? '')}</dd>
<dt>Nội dung</dt><dd>${escapeHtml(params.vnp_OrderInfo ?? '')}</dd>
<dt>Số tiền</dt><dd class="amount">${escapeHtml(formatMoney(Number(params.vnp_Amount) / 100))}</dd>
${expires ? `<dt>Hết hạn lúc</dt><dd>${escapeHtml(params.vnp_ExpireDate!.replace(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})\d{2}$/, '$4:$5 $3/$2/$1'))}</dd>` : ''}
</dl>
<form method="post" action="/sandbox/vnpay/pay" aria-label="Kết quả thanh toán">
${hidden}
<div class="actions">
<button type="submit" name="outcome" value="success" class="primary">Thanh toán thành công</button>
<button type="submit" name="outcome" value="failed" class="danger">Giả lập thất bại</button>
<button type="submit" name="outcome" value="cancelled">Hủy</button>
</div>
</form>`;
      return reply.send(page('Thanh toán - Cổng thanh toán thử nghiệm', body));
    },
  );

  r.post(
    '/sandbox/vnpay/pay',
    {
      schema: {
        tags,
        summary: 'Sandbox gateway: the tester’s choice',
        description:
          'Performs the server-to-server IPN as the gateway would (same handler as GET /api/v1/payments/vnpay/ipn), then redirects (302) the browser to vnp_ReturnUrl with the signed result.',
        body: z.record(z.string(), z.string()),
      },
    },
    async (request, reply) => {
      const { outcome: rawOutcome, ...rest } = request.body;
      const params = flattenQuery(rest);
      const problem = requestProblem(params, config, ctx.clock());
      if (problem) return reply.status(400).type('text/html; charset=utf-8').send(errorPage(problem));
      const outcome: SandboxOutcome =
        rawOutcome === 'success' ? 'success' : rawOutcome === 'cancelled' ? 'cancelled' : 'failed';
      const callback = sandboxCallbackParams(params, outcome, {
        transactionNo: String(randomInt(10_000_000, 99_999_999)),
        payDate: ctx.clock(),
        secret: config.payment.hashSecret,
      });
      const answer = await handleIpn(ctx, config, callback, metaOf(request), (err) =>
        request.log.error({ err }, 'sandbox IPN failed'),
      );
      request.log.info({ reference: params.vnp_TxnRef, outcome, ipn: answer }, 'sandbox gateway IPN');
      const returnUrl = params.vnp_ReturnUrl!;
      const separator = returnUrl.includes('?') ? '&' : '?';
      return reply.redirect(
        `${returnUrl}${separator}${canonicalQuery(callback)}&vnp_SecureHash=${callback.vnp_SecureHash}`,
        302,
      );
    },
  );
}

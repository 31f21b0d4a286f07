/**
 * The sandbox payment gateway of the demo: the VNPay-style payment page a citizen is sent to, with
 * buttons to pay, fail or cancel. It speaks the gateway's protocol (src/domain/payments/vnpay.ts):
 * checks the signed request, signs the result, notifies the merchant server to server (IPN) and
 * sends the browser back to vnp_ReturnUrl. No money moves. Registered only in the demo with the
 * sandbox gateway configured (src/http/app.ts); in production these pages do not exist.
 */
import { randomInt } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { vnpQuerySchema } from '../contracts/payments.ts';
import type { Clock } from '../domain/clock.ts';
import {
  canonicalQuery,
  flattenQuery,
  type IpnResponse,
  parseVnpDate,
  type SandboxOutcome,
  sandboxCallbackParams,
  type VnpParams,
  verifyVnpParams,
} from '../domain/payments/vnpay.ts';
import { formatMoney } from '../documents/format.ts';

type SandboxConfig = Pick<Config, 'payment'>;

export interface VnpaySandboxOptions {
  config: SandboxConfig;
  clock: Clock;
  /**
   * Delivers the gateway's signed notification to the merchant, as the real gateway's call to
   * GET /api/v1/payments/vnpay/ipn would; answers the merchant's `{RspCode, Message}`.
   */
  notify: (callback: VnpParams, request: FastifyRequest) => Promise<IpnResponse>;
}

/** The demo's stand-in gateway is its own OpenAPI tag: no contract, since no client of ours calls it. */
const tags = ['sandbox'];

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
function requestProblem(params: VnpParams, config: SandboxConfig, now: Date): string | null {
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
export async function vnpaySandbox(app: FastifyInstance, { config, clock, notify }: VnpaySandboxOptions) {
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
        operationId: 'sandbox.paymentPage',
        summary: 'Sandbox gateway: the payment page (HTML)',
        description:
          'Shows the amount and order of a signed VNPay-style request, with buttons to pay, fail or cancel. 400 with an error page when the signature is wrong or the request expired.',
        querystring: vnpQuerySchema,
      },
    },
    async (request, reply) => {
      const params = flattenQuery(request.query);
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      const problem = requestProblem(params, config, clock());
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
        operationId: 'sandbox.paymentOutcome',
        summary: 'Sandbox gateway: the tester’s choice',
        description:
          'Performs the server-to-server IPN as the gateway would (same handler as GET /api/v1/payments/vnpay/ipn), then redirects (302) the browser to vnp_ReturnUrl with the signed result.',
        body: z.record(z.string(), z.string()),
      },
    },
    async (request, reply) => {
      const { outcome: rawOutcome, ...rest } = request.body;
      const params = flattenQuery(rest);
      const problem = requestProblem(params, config, clock());
      if (problem) return reply.status(400).type('text/html; charset=utf-8').send(errorPage(problem));
      const outcome: SandboxOutcome =
        rawOutcome === 'success' ? 'success' : rawOutcome === 'cancelled' ? 'cancelled' : 'failed';
      const callback = sandboxCallbackParams(params, outcome, {
        transactionNo: String(randomInt(10_000_000, 99_999_999)),
        payDate: clock(),
        secret: config.payment.hashSecret,
      });
      const answer = await notify(callback, request);
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

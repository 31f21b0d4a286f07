/** Fee payments: the VNPay-style gateway (sandbox), its signatures and IPN, the counter, receipts, reconciliation. */
import { and, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onlineApplications, paymentEvents, payments, procedures, units, users } from '../db/schema.ts';
import { parseTlv } from '../domain/payments/vietqr.ts';
import { signVnpParams, verifyVnpParams } from '../domain/payments/vnpay.ts';
import { extractPdfInfo, extractPdfText } from '../documents/pdf-inspect.ts';
import { paymentReceiptPdf } from '../services/payments/index.ts';
import { bearer, createTestApp, requiredDocuments, type TestApp } from '../test/app.ts';
import { TEST_TARGETS } from '../test/databases.ts';

let now = new Date('2026-03-02T02:00:00Z');
const clock = () => now;

const PROCEDURE = '1.001193';
const FEE = 8000;

/** The parameters of a URL's query, as a server parses them. */
const queryOf = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);
const pathOf = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

describe.each(TEST_TARGETS)('payments on %s', (target) => {
  let t: TestApp;
  let citizen: string;
  let receptionist: string;
  let leader: string;
  let secret: string;
  let appCounter = 0;

  /** Inserts a submitted online application of the demo citizen at Long Xuyên. */
  async function newApplication(
    feeIndexes: number[] = [0],
    resultDelivery: 'counter' | 'postal' | 'online' = 'counter',
  ) {
    const db = t.ctx.database.db;
    const [user] = await db.select().from(users).where(eq(users.username, '0912345678'));
    const [proc] = await db.select().from(procedures).where(eq(procedures.code, PROCEDURE));
    const [unit] = await db.select().from(units).where(eq(units.code, 'AG.LONGXUYEN'));
    const id = uuidv7();
    appCounter++;
    await db.insert(onlineApplications).values({
      id,
      citizenId: user!.id,
      procedureId: proc!.id,
      procedureCode: PROCEDURE,
      procedureVersion: proc!.currentVersion,
      unitId: unit!.id,
      jurisdictionId: unit!.jurisdictionId,
      status: 'submitted',
      feeIndexes,
      resultDelivery,
      code: `AG.LONGXUYEN-260302-90${String(appCounter).padStart(2, '0')}`,
      submittedAt: now,
    });
    return id;
  }

  async function startPayment(applicationId: string) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/payments',
      headers: bearer(citizen),
      payload: { applicationId },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as {
      paymentId: string;
      reference: string;
      amount: number;
      items: { label: string; amount: number }[];
      redirectUrl: string;
    };
  }

  const paymentOf = async (id: string) =>
    (await t.ctx.database.db.select().from(payments).where(eq(payments.id, id)))[0]!;
  const eventsOf = async (id: string, type: string) =>
    t.ctx.database.db
      .select()
      .from(paymentEvents)
      .where(and(eq(paymentEvents.paymentId, id), eq(paymentEvents.type, type)));

  /** Callback parameters as the gateway signs them. */
  function callback(reference: string, amountVnd: number, overrides: Record<string, string> = {}) {
    const params: Record<string, string> = {
      vnp_TmnCode: t.config.payment.tmnCode,
      vnp_Amount: String(amountVnd * 100),
      vnp_BankCode: 'NCB',
      vnp_OrderInfo: 'Thanh toan',
      vnp_PayDate: '20260302090500',
      vnp_ResponseCode: '00',
      vnp_TransactionNo: '14000001',
      vnp_TransactionStatus: '00',
      vnp_TxnRef: reference,
      ...overrides,
    };
    return { ...params, vnp_SecureHash: signVnpParams(params, secret) };
  }

  const ipn = async (params: Record<string, string>) => {
    const res = await t.app.inject({
      url: `/api/v1/payments/vnpay/ipn?${new URLSearchParams(params).toString()}`,
    });
    expect(res.statusCode).toBe(200);
    return res.json() as { RspCode: string; Message: string };
  };

  /** The tester's choice on the sandbox page: posts the page's form. */
  async function sandboxChoose(redirectUrl: string, outcome: 'success' | 'failed' | 'cancelled') {
    const form = new URLSearchParams({ ...queryOf(redirectUrl), outcome });
    return t.app.inject({
      method: 'POST',
      url: '/sandbox/vnpay/pay',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form.toString(),
    });
  }

  async function receiveWithFee(applicant: Record<string, string>) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: bearer(receptionist),
      payload: {
        procedureCode: PROCEDURE,
        unitCode: 'AG.LONGXUYEN',
        channel: 'counter',
        applicant,
        documents: await requiredDocuments(t, PROCEDURE),
        feeIndexes: [0],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().code as string;
  }

  beforeAll(async () => {
    now = new Date('2026-03-02T02:00:00Z');
    appCounter = 0;
    t = await createTestApp(target, clock);
    secret = t.config.payment.hashSecret;
    citizen = await t.login('0912345678');
    receptionist = await t.login('tiepnhan.longxuyen');
    leader = await t.login('lanhdao.longxuyen');
  });
  afterAll(async () => t?.close());

  let appId: string;
  let started: Awaited<ReturnType<typeof startPayment>>;

  it('the owner starts paying: a signed redirect to the gateway for the fees owed', async () => {
    appId = await newApplication([0]);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/payments',
      payload: { applicationId: appId },
    });
    expect(anonymous.statusCode).toBe(401);
    const stranger = await t.app.inject({
      method: 'POST',
      url: '/api/v1/payments',
      headers: bearer(receptionist),
      payload: { applicationId: appId },
    });
    expect(stranger.statusCode).toBe(404);

    started = await startPayment(appId);
    expect(started.amount).toBe(FEE);
    expect(started.items).toEqual([{ label: expect.stringMatching(/Lệ phí/), amount: FEE }]);
    expect(started.reference).toMatch(/^MC260302[A-Z2-7]{8}$/);
    expect(started.redirectUrl.startsWith(t.config.payment.url)).toBe(true);
    const params = queryOf(started.redirectUrl);
    expect(verifyVnpParams(params, secret)).toBe(true);
    expect(params).toMatchObject({
      vnp_Version: '2.1.0',
      vnp_Command: 'pay',
      vnp_Amount: String(FEE * 100),
      vnp_CurrCode: 'VND',
      vnp_TxnRef: started.reference,
      vnp_Locale: 'vn',
      vnp_CreateDate: '20260302090000',
      vnp_ExpireDate: '20260302091500',
      vnp_ReturnUrl: `${t.config.publicUrl}/api/v1/payments/vnpay/return`,
    });
    expect(await eventsOf(started.paymentId, 'created')).toHaveLength(1);

    // Asking again reuses the pending payment.
    const again = await startPayment(appId);
    expect(again.paymentId).toBe(started.paymentId);

    const view = await t.app.inject({
      url: `/api/v1/payments/${started.paymentId}`,
      headers: bearer(citizen),
    });
    expect(view.json()).toMatchObject({
      state: 'pending',
      amount: FEE,
      method: 'gateway',
      applicationId: appId,
    });
    const otherUnit = await t.login('tiepnhan.chauphu');
    expect(
      (await t.app.inject({ url: `/api/v1/payments/${started.paymentId}`, headers: bearer(otherUnit) }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ url: `/api/v1/payments/${started.paymentId}`, headers: bearer(receptionist) }))
        .statusCode,
    ).toBe(200);
  });

  it('the sandbox page shows the amount, and refuses a tampered request', async () => {
    const res = await t.app.inject({ url: pathOf(started.redirectUrl) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('lang="vi"');
    expect(res.body).toContain('8.000 đồng');
    expect(res.body).toContain(started.reference);
    for (const label of ['Thanh toán thành công', 'Giả lập thất bại', 'Hủy'])
      expect(res.body).toContain(label);
    expect(res.body).not.toContain('<script');

    const tampered = pathOf(started.redirectUrl).replace(`vnp_Amount=${FEE * 100}`, 'vnp_Amount=100');
    const bad = await t.app.inject({ url: tampered });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Chữ ký không hợp lệ');
  });

  it('an IPN with a tampered signature answers 97 and changes nothing', async () => {
    const params = callback(started.reference, FEE);
    expect(await ipn({ ...params, vnp_Amount: String(FEE * 100 + 100) })).toEqual({
      RspCode: '97',
      Message: 'Invalid signature',
    });
    const flipped = params.vnp_SecureHash.slice(0, -1) + (params.vnp_SecureHash.endsWith('a') ? 'b' : 'a');
    expect((await ipn({ ...params, vnp_SecureHash: flipped })).RspCode).toBe('97');
    const { vnp_SecureHash: _dropped, ...unsigned } = params;
    expect((await ipn(unsigned)).RspCode).toBe('97');
    expect((await paymentOf(started.paymentId)).state).toBe('pending');
    expect(await eventsOf(started.paymentId, 'ipn')).toHaveLength(0);
  });

  it('a signed IPN with the wrong amount answers 04; an unknown reference 01', async () => {
    expect(await ipn(callback(started.reference, FEE - 1000))).toEqual({
      RspCode: '04',
      Message: 'invalid amount',
    });
    expect((await paymentOf(started.paymentId)).state).toBe('pending');
    expect((await ipn(callback('MC260302AAAAAAAA', FEE))).RspCode).toBe('01');
  });

  it('the browser return with a forged "00" and no IPN does not mark the payment paid', async () => {
    const forged = callback(started.reference, FEE);
    const res = await t.app.inject({
      url: `/api/v1/payments/vnpay/return?${new URLSearchParams(forged).toString()}`,
    });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(
      `${t.config.publicUrl}/applications/${appId}?payment=${started.paymentId}`,
    );
    expect((await paymentOf(started.paymentId)).state).toBe('pending');
    const unsigned = await t.app.inject({
      url: `/api/v1/payments/vnpay/return?${new URLSearchParams({ ...forged, vnp_SecureHash: 'ab'.repeat(64) }).toString()}`,
    });
    expect(unsigned.statusCode).toBe(400);
    expect(unsigned.json().code).toBe('invalid_signature');
  });

  let returnLocation: string;

  it('paying on the sandbox sends the IPN, then the browser back to the return URL; the payment is paid', async () => {
    const res = await sandboxChoose(started.redirectUrl, 'success');
    expect(res.statusCode, res.body).toBe(302);
    returnLocation = String(res.headers.location);
    expect(returnLocation.startsWith(`${t.config.publicUrl}/api/v1/payments/vnpay/return?`)).toBe(true);
    const back = queryOf(returnLocation);
    expect(verifyVnpParams(back, secret)).toBe(true);
    expect(back).toMatchObject({
      vnp_ResponseCode: '00',
      vnp_TransactionStatus: '00',
      vnp_TxnRef: started.reference,
    });

    const row = await paymentOf(started.paymentId);
    expect(row.state).toBe('paid');
    expect(row.receiptNumber).toBe('AG.LONGXUYEN-BL-2026-000001');
    expect(row.gatewayTransactionNo).toBe(back.vnp_TransactionNo);
    expect(row.bankCode).toBe('NCB');
    expect(row.paidAt?.toISOString()).toBe(now.toISOString());
    expect(await eventsOf(started.paymentId, 'paid')).toHaveLength(1);

    const followed = await t.app.inject({ url: pathOf(returnLocation) });
    expect(followed.statusCode).toBe(302);
    expect(followed.headers.location).toBe(
      `${t.config.publicUrl}/applications/${appId}?payment=${started.paymentId}`,
    );
    const view = await t.app.inject({
      url: `/api/v1/payments/${started.paymentId}`,
      headers: bearer(citizen),
    });
    expect(view.json()).toMatchObject({ state: 'paid', receiptNumber: 'AG.LONGXUYEN-BL-2026-000001' });
  });

  it('a replayed IPN answers 02 and still leaves exactly one paid event', async () => {
    const replay = queryOf(returnLocation);
    expect(await ipn(replay)).toEqual({ RspCode: '02', Message: 'Order already confirmed' });
    expect(await ipn(replay)).toEqual({ RspCode: '02', Message: 'Order already confirmed' });
    // Even a signed "failed" for a paid payment changes nothing.
    expect(
      (await ipn(callback(started.reference, FEE, { vnp_ResponseCode: '24', vnp_TransactionStatus: '02' })))
        .RspCode,
    ).toBe('02');
    const row = await paymentOf(started.paymentId);
    expect(row.state).toBe('paid');
    expect(row.receiptNumber).toBe('AG.LONGXUYEN-BL-2026-000001');
    expect(await eventsOf(started.paymentId, 'paid')).toHaveLength(1);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/payments',
      headers: bearer(citizen),
      payload: { applicationId: appId },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('already_paid');
  });

  let failedAppPayment: string;

  it('a failed payment is recorded as failed and a new attempt is possible', async () => {
    const id = await newApplication([0], 'postal');
    const first = await startPayment(id);
    expect(first.amount).toBe(FEE + t.config.postalFee);
    expect(first.items.at(-1)).toEqual({
      label: 'Cước trả kết quả qua bưu chính',
      amount: t.config.postalFee,
    });
    const res = await sandboxChoose(first.redirectUrl, 'failed');
    expect(res.statusCode).toBe(302);
    expect(queryOf(String(res.headers.location)).vnp_ResponseCode).toBe('51');
    expect((await paymentOf(first.paymentId)).state).toBe('failed');
    expect((await paymentOf(first.paymentId)).receiptNumber).toBeNull();

    const second = await startPayment(id);
    expect(second.paymentId).not.toBe(first.paymentId);
    expect(second.reference).not.toBe(first.reference);
    await sandboxChoose(second.redirectUrl, 'cancelled');
    expect((await paymentOf(second.paymentId)).state).toBe('failed');
    const third = await startPayment(id);
    failedAppPayment = third.paymentId;
    expect((await paymentOf(third.paymentId)).state).toBe('pending');

    const free = await newApplication([]);
    const nothing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/payments',
      headers: bearer(citizen),
      payload: { applicationId: free },
    });
    expect(nothing.statusCode).toBe(422);
    expect(nothing.json().code).toBe('nothing_to_pay');
  });

  let cashCode: string;
  let cashPaymentId: string;
  let qrPaymentId: string;

  it('at the counter: the amount owed with a VietQR code, then cash recorded with a receipt', async () => {
    cashCode = await receiveWithFee({
      fullName: 'Trần Thị Bình',
      idNumber: '079203001234',
      phone: '0912000111',
    });
    const owed = await t.app.inject({
      url: `/api/v1/dossiers/${cashCode}/payments`,
      headers: bearer(receptionist),
    });
    expect(owed.statusCode, owed.body).toBe(200);
    const body = owed.json();
    expect(body).toMatchObject({ dossierCode: cashCode, total: FEE, paid: 0, owed: FEE, payments: [] });
    expect(body.vietQr.dataUrl).toMatch(/^data:image\/png;base64,/);
    const fields = Object.fromEntries(parseTlv(body.vietQr.payload).map((f) => [f.id, f.value]));
    expect(fields['54']).toBe(String(FEE));
    expect(fields['38']).toContain(t.config.payment.vietQr.bankBin);

    const officer = await t.login('chuyenvien.longxuyen');
    const denied = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${cashCode}/payments`,
      headers: bearer(officer),
      payload: { method: 'cash' },
    });
    expect(denied.statusCode).toBe(403);

    const paid = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${cashCode}/payments`,
      headers: bearer(receptionist),
      payload: { method: 'cash' },
    });
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json()).toMatchObject({
      state: 'paid',
      method: 'cash',
      amount: FEE,
      dossierCode: cashCode,
      payerName: 'Trần Thị Bình',
      receiptNumber: 'AG.LONGXUYEN-BL-2026-000002',
    });
    cashPaymentId = paid.json().id;
    const twice = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${cashCode}/payments`,
      headers: bearer(receptionist),
      payload: { method: 'vietqr' },
    });
    expect(twice.statusCode).toBe(409);
    const after = (
      await t.app.inject({ url: `/api/v1/dossiers/${cashCode}/payments`, headers: bearer(receptionist) })
    ).json();
    expect(after).toMatchObject({ paid: FEE, owed: 0, vietQr: null });

    const pdf = await t.app.inject({
      url: `/api/v1/payments/${cashPaymentId}/receipt.pdf`,
      headers: bearer(receptionist),
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(extractPdfInfo(pdf.rawPayload).Title).toContain('AG.LONGXUYEN-BL-2026-000002');
    const text = extractPdfText(
      (
        await paymentReceiptPdf(
          t.ctx,
          t.config,
          {
            id: '',
            username: '',
            fullName: '',
            kind: 'staff',
            grants: [{ role: 'system_admin', unitId: '', includeDescendants: true }],
          },
          cashPaymentId,
          { compress: false },
        )
      ).pdf,
    ).join('\n');
    expect(text).toContain('AG.LONGXUYEN-BL-2026-000002');
    expect(text).toContain('Tám nghìn đồng');
    expect(text).toContain('Tiền mặt');

    const pending = await t.app.inject({
      url: `/api/v1/payments/${failedAppPayment}/receipt.pdf`,
      headers: bearer(citizen),
    });
    expect(pending.statusCode).toBe(409);
    expect(pending.json().code).toBe('not_paid');

    const qrCode = await receiveWithFee({
      fullName: 'Lê Văn Cường',
      idNumber: '079203005678',
      phone: '0912000222',
    });
    const qr = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${qrCode}/payments`,
      headers: bearer(receptionist),
      payload: { method: 'vietqr', payerName: 'Lê Thị Dung' },
    });
    expect(qr.statusCode).toBe(201);
    expect(qr.json()).toMatchObject({
      method: 'vietqr',
      payerName: 'Lê Thị Dung',
      receiptNumber: 'AG.LONGXUYEN-BL-2026-000003',
    });
    qrPaymentId = qr.json().id;
    const qrPdf = await t.app.inject({
      url: `/api/v1/payments/${qrPaymentId}/receipt.pdf`,
      headers: bearer(receptionist),
    });
    expect(qrPdf.statusCode).toBe(200);
  });

  it('the daily reconciliation lists the paid rows, the totals and the mismatches', async () => {
    now = new Date('2026-03-02T02:20:00Z');
    const res = await t.app.inject({
      url: '/api/v1/payments/reconciliation?unitCode=AG.LONGXUYEN&date=2026-03-02',
      headers: bearer(receptionist),
    });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report.rows.map((r: { receiptNumber: string }) => r.receiptNumber)).toEqual([
      'AG.LONGXUYEN-BL-2026-000001',
      'AG.LONGXUYEN-BL-2026-000002',
      'AG.LONGXUYEN-BL-2026-000003',
    ]);
    expect(report.rows[0]).toMatchObject({
      reference: started.reference,
      method: 'gateway',
      amount: FEE,
      dossierCode: 'AG.LONGXUYEN-260302-9001',
    });
    expect(report.rows[0].gatewayTransactionNo).toMatch(/^\d{8}$/);
    expect(report.rows[1]).toMatchObject({ method: 'cash', dossierCode: cashCode });
    expect(report.totals).toEqual({
      count: 6,
      collectedCount: 3,
      collectedAmount: 3 * FEE,
      refundedAmount: 0,
      netAmount: 3 * FEE,
      byMethod: { cash: FEE, vietqr: FEE, gateway: FEE },
    });
    expect(report.summary).toContainEqual({
      method: 'gateway',
      state: 'failed',
      count: 2,
      amount: 2 * (FEE + t.config.postalFee),
    });
    expect(report.summary).toContainEqual({ method: 'cash', state: 'paid', count: 1, amount: FEE });
    expect(report.mismatches.map((m: { kind: string; paymentId: string }) => [m.kind, m.paymentId])).toEqual(
      expect.arrayContaining([
        ['paid_without_dossier', started.paymentId],
        ['pending_too_long', failedAppPayment],
      ]),
    );
    expect(report.mismatches).toHaveLength(2);

    const otherDay = await t.app.inject({
      url: '/api/v1/payments/reconciliation?unitCode=AG.LONGXUYEN&date=2026-03-01',
      headers: bearer(receptionist),
    });
    expect(otherDay.json().rows).toEqual([]);
    const citizenTry = await t.app.inject({
      url: '/api/v1/payments/reconciliation?unitCode=AG.LONGXUYEN&date=2026-03-02',
      headers: bearer(citizen),
    });
    expect(citizenTry.statusCode).toBe(403);

    const xlsx = await t.app.inject({
      url: '/api/v1/payments/reconciliation.xlsx?unitCode=AG.LONGXUYEN&date=2026-03-02',
      headers: bearer(receptionist),
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('a leader of the unit refunds a paid payment with a reason', async () => {
    const byReceptionist = await t.app.inject({
      method: 'POST',
      url: `/api/v1/payments/${cashPaymentId}/refund`,
      headers: bearer(receptionist),
      payload: { reason: 'Thu nhầm phí' },
    });
    expect(byReceptionist.statusCode).toBe(403);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/payments/${cashPaymentId}/refund`,
      headers: bearer(leader),
      payload: { reason: 'Thu nhầm phí, hoàn trả người nộp' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'refunded', receiptNumber: 'AG.LONGXUYEN-BL-2026-000002' });
    const twice = await t.app.inject({
      method: 'POST',
      url: `/api/v1/payments/${cashPaymentId}/refund`,
      headers: bearer(leader),
      payload: { reason: 'Lần nữa cho chắc' },
    });
    expect(twice.statusCode).toBe(409);
    const report = (
      await t.app.inject({
        url: '/api/v1/payments/reconciliation?unitCode=AG.LONGXUYEN&date=2026-03-02',
        headers: bearer(leader),
      })
    ).json();
    expect(report.totals).toMatchObject({
      collectedAmount: 3 * FEE,
      refundedAmount: FEE,
      netAmount: 2 * FEE,
    });
    // After a refund the dossier owes the fee again.
    const owed = (
      await t.app.inject({ url: `/api/v1/dossiers/${cashCode}/payments`, headers: bearer(receptionist) })
    ).json();
    expect(owed.owed).toBe(FEE);
  });
});

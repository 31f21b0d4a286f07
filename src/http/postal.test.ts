/**
 * The public postal service over HTTP: a pick-up booked at the counter goes from requested to
 * delivered through the carrier's signed webhooks (the sandbox carrier), a bad signature is refused,
 * a return needs a resolved dossier, and the handover list prints with both signatures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../domain/postal/shipment.ts';
import { actAs, bearer, createTestApp, receiveAs, type TestApp } from '../test/app.ts';
import { TEST_TARGETS } from '../test/databases.ts';

describe.each(TEST_TARGETS)('public postal service on %s', (target) => {
  let t: TestApp;
  let reception: string;
  const now = new Date('2026-12-07T02:00:00Z');

  beforeAll(async () => {
    t = await createTestApp(target, () => now);
    reception = await t.login('tiepnhan.longxuyen');
  }, 120_000);
  afterAll(async () => t?.close());

  const webhook = (body: Record<string, unknown>, signature?: string) => {
    const raw = JSON.stringify(body);
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/postal/webhook',
      headers: {
        'content-type': 'application/json',
        'x-postal-signature': signature ?? signWebhook(raw, t.config.postal.webhookSecret),
      },
      payload: raw,
    });
  };

  it('a pick-up goes from requested to delivered through signed webhooks; a bad signature is refused', async () => {
    const booked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/postal/shipments',
      headers: bearer(reception),
      payload: {
        unitCode: 'AG.LONGXUYEN',
        kind: 'pickup',
        applicant: { name: 'Lâm Văn Gửi', phone: '0912006666', address: '12 Nguyễn Huệ, Long Xuyên' },
      },
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const shipment = booked.json();
    expect(shipment).toMatchObject({ kind: 'pickup', status: 'requested', carrier: 'sandbox', fee: 30000 });
    expect(shipment.trackingNumber).toMatch(/^EB\d{9}VN$/);
    const tracking = shipment.trackingNumber;

    const forged = await webhook({ trackingNumber: tracking, status: 'delivered' }, 'sha256=deadbeef');
    expect(forged.statusCode).toBe(401);
    expect(forged.json().code).toBe('bad_signature');
    const skipped = await webhook({ trackingNumber: tracking, status: 'delivered' });
    expect(skipped.statusCode).toBe(409);

    for (const status of ['picked_up', 'in_transit', 'delivered'])
      expect((await webhook({ trackingNumber: tracking, status })).json()).toEqual({ changed: true, status });
    // The carrier retries: the same status again changes nothing.
    expect((await webhook({ trackingNumber: tracking, status: 'delivered' })).json()).toEqual({
      changed: false,
      status: 'delivered',
    });
    expect((await webhook({ trackingNumber: 'EB000000014VN', status: 'picked_up' })).statusCode).toBe(404);
    expect((await webhook({ trackingNumber: tracking, status: 'lost' })).statusCode).toBe(400);

    const view = (
      await t.app.inject({ url: `/api/v1/postal/shipments/${shipment.id}`, headers: bearer(reception) })
    ).json();
    expect(view.status).toBe('delivered');
    expect(view.events.map((e: { status: string }) => e.status)).toEqual([
      'requested',
      'picked_up',
      'in_transit',
      'delivered',
    ]);
    const stranger = await t.login('tiepnhan.chauphu');
    expect(
      (await t.app.inject({ url: `/api/v1/postal/shipments/${shipment.id}`, headers: bearer(stranger) }))
        .statusCode,
    ).toBe(403);
  });

  it('the sandbox carrier advances a shipment through the same signed webhook', async () => {
    const booked = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/postal/shipments',
        headers: bearer(reception),
        payload: {
          unitCode: 'AG.LONGXUYEN',
          kind: 'pickup',
          applicant: { name: 'Lâm Thị Hai', phone: '0912006667', address: '14 Nguyễn Huệ, Long Xuyên' },
        },
      })
    ).json();
    const advance = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sandbox/postal/advance',
      payload: { trackingNumber: booked.trackingNumber, status: 'picked_up', note: 'Bưu tá đã nhận' },
    });
    expect(advance.statusCode, advance.body).toBe(200);
    expect(advance.json()).toEqual({ changed: true, status: 'picked_up' });
  });

  it('a citizen asks online for a pick-up, follows it with the phone, and the counter sees it', async () => {
    const ask = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/api/v1/public/postal/pickups', payload });
    const noCounter = await ask({
      unitCode: 'AG.THUE',
      applicant: { name: 'Phan Văn Ba', phone: '0912003333', address: '3 Hai Bà Trưng, Long Xuyên' },
    });
    expect(noCounter.statusCode).toBe(400);
    expect(noCounter.json().errors[0].path).toBe('unitCode');
    const badPhone = await ask({
      unitCode: 'AG.LONGXUYEN',
      applicant: { name: 'Phan Văn Ba', phone: '12', address: '3 Hai Bà Trưng, Long Xuyên' },
    });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json().errors[0].path).toBe('applicant.phone');
    const asked = await ask({
      unitCode: 'AG.LONGXUYEN',
      procedureCode: '1.001193',
      applicant: { name: 'Phan Văn Ba', phone: '0912003333', address: '3 Hai Bà Trưng, Long Xuyên' },
      note: 'Gọi trước khi đến',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const { trackingNumber } = asked.json();
    expect(asked.json()).toMatchObject({
      status: 'requested',
      fee: t.config.postalFee,
      unit: { code: 'AG.LONGXUYEN' },
    });
    expect(trackingNumber).toMatch(/^[A-Z]{2}\d{9}VN$/);

    const follow = (phone: string, number = trackingNumber) =>
      t.app.inject(`/api/v1/public/postal/shipments/${number}?phone=${encodeURIComponent(phone)}`);
    expect((await follow('+84912003333')).json()).toMatchObject({ kind: 'pickup', status: 'requested' });
    const wrong = await follow('0912000000');
    const unknown = await follow('0912003333', 'EE999999999VN');
    expect(wrong.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(wrong.json().detail).toBe(unknown.json().detail);

    // The counter sees it among the unit's shipments, asked online, and the carrier moves it on.
    const list = (
      await t.app.inject({ url: '/api/v1/postal/shipments?unit=AG.LONGXUYEN', headers: bearer(reception) })
    ).json();
    const item = (list.items ?? list).find(
      (x: { trackingNumber: string }) => x.trackingNumber === trackingNumber,
    );
    expect(item).toMatchObject({ kind: 'pickup', note: 'Thủ tục 1.001193. Gọi trước khi đến' });
    expect(item.events[0]).toMatchObject({ status: 'requested', source: 'online' });
    const moved = await webhook({ trackingNumber, status: 'picked_up', at: now.toISOString() });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await follow('0912003333')).json().status).toBe('picked_up');
  });

  it('a return needs a resolved dossier and its address; the handover list prints both signatures', async () => {
    const person = {
      fullName: 'Đỗ Thị Nhận',
      idNumber: '089301006668',
      phone: '0912006668',
      address: '20 Hùng Vương, Long Xuyên',
    };
    const code = await receiveAs(t, reception, '1.001193', person);
    const early = await t.app.inject({
      method: 'POST',
      url: '/api/v1/postal/shipments',
      headers: bearer(reception),
      payload: { unitCode: 'AG.LONGXUYEN', kind: 'return', dossierCode: code },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('not_resolved');
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/postal/shipments',
      headers: bearer(reception),
      payload: { unitCode: 'AG.LONGXUYEN', kind: 'return' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].path).toContain('dossierCode');

    await actAs(t, reception, code, { action: 'forward', toStep: 'xu_ly' });
    await actAs(t, await t.login('chuyenvien.longxuyen'), code, { action: 'forward', toStep: 'phe_duyet' });
    await actAs(t, await t.login('lanhdao.longxuyen'), code, { action: 'approve' });
    const ret = await t.app.inject({
      method: 'POST',
      url: '/api/v1/postal/shipments',
      headers: bearer(reception),
      payload: { unitCode: 'AG.LONGXUYEN', kind: 'return', dossierCode: code },
    });
    expect(ret.statusCode, ret.body).toBe(201);
    expect(ret.json()).toMatchObject({
      kind: 'return',
      dossierCode: code,
      applicant: { name: 'Đỗ Thị Nhận', address: '20 Hùng Vương, Long Xuyên' },
    });
    // The result goes out by post with that number: counted as a postal return.
    await actAs(t, reception, code, {
      action: 'return',
      method: 'postal',
      trackingNumber: ret.json().trackingNumber,
    });

    const open = (
      await t.app.inject({
        url: '/api/v1/postal/shipments?unit=AG.LONGXUYEN&unlisted=true',
        headers: bearer(reception),
      })
    ).json();
    // The two booked at the counter above, the one asked online, and this return.
    expect(open.length).toBe(4);
    const list = await t.app.inject({
      method: 'POST',
      url: '/api/v1/postal/handover-lists',
      headers: bearer(reception),
      payload: {
        unitCode: 'AG.LONGXUYEN',
        postmanName: 'Trần Văn Bưu',
        shipmentIds: open.map((s: { id: string }) => s.id),
      },
    });
    expect(list.statusCode, list.body).toBe(201);
    expect(list.json()).toMatchObject({ number: 'BG-20261207-01', shipments: 4 });
    const twice = await t.app.inject({
      method: 'POST',
      url: '/api/v1/postal/handover-lists',
      headers: bearer(reception),
      payload: { unitCode: 'AG.LONGXUYEN', postmanName: 'Trần Văn Bưu', shipmentIds: [open[0].id] },
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().errors[0].path).toBe('shipmentIds.0');
    const pdf = await t.app.inject({
      url: `/api/v1/postal/handover-lists/${list.json().id}.pdf`,
      headers: bearer(reception),
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const postal = (
      await t.app.inject({
        url: '/api/v1/reports/postal?unit=AG.LONGXUYEN&from=2026-12-01&to=2026-12-31',
        headers: bearer(await t.login('lanhdao.longxuyen')),
      })
    ).json();
    expect(postal.totals.returnedPostal).toBe(1);
  });
});

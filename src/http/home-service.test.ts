/**
 * Home service over HTTP: a request registered at the counter is scheduled with an officer of the
 * unit and done, each step an event and an audit entry; a citizen asks online and follows the
 * request by code and phone (a wrong phone looks like an unknown code); moves the status machine
 * does not allow are 409; other units and citizens are refused; the summary counts.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../db/schema.ts';
import { bearer, createTestApp, receiveAs, type TestApp } from '../test/app.ts';
import { TEST_TARGETS } from '../test/databases.ts';

describe.each(TEST_TARGETS)('home service on %s', (target) => {
  let t: TestApp;
  let reception: string;
  let officerId: string;
  const now = new Date('2026-12-07T02:00:00Z'); // 09:00 in Vietnam
  const tomorrow = '2026-12-08T09:30:00+07:00';

  beforeAll(async () => {
    t = await createTestApp(target, () => now);
    reception = await t.login('tiepnhan.longxuyen');
    const officers = await t.app.inject({
      url: '/api/v1/home-services/officers?unit=AG.LONGXUYEN',
      headers: bearer(reception),
    });
    expect(officers.statusCode, officers.body).toBe(200);
    const list = officers.json() as Array<{ id: string; username: string }>;
    expect(list.map((o) => o.username)).toEqual(
      expect.arrayContaining(['tiepnhan.longxuyen', 'chuyenvien.longxuyen', 'lanhdao.longxuyen']),
    );
    expect(list.map((o) => o.username)).not.toContain('tiepnhan.chauphu');
    officerId = list.find((o) => o.username === 'chuyenvien.longxuyen')!.id;
  }, 120_000);
  afterAll(async () => t?.close());

  const create = (payload: Record<string, unknown>, token = reception) =>
    t.app.inject({ method: 'POST', url: '/api/v1/home-services', headers: bearer(token), payload });
  const act = (id: string, action: string, payload: Record<string, unknown>, token = reception) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/home-services/${id}/${action}`,
      headers: bearer(token),
      payload,
    });
  const pickup = (name: string, phone: string, extra: Record<string, unknown> = {}) => ({
    unitCode: 'AG.LONGXUYEN',
    kind: 'pickup',
    requestedVia: 'counter',
    applicant: { name, phone, address: '15 Trần Hưng Đạo, phường Long Xuyên' },
    reason: 'elderly',
    ...extra,
  });

  it('a request goes from requested to scheduled to done, each step an event and an audit entry', async () => {
    const created = await create(pickup('Nguyễn Thị Già', '0912001001', { requestedVia: 'hotline' }));
    expect(created.statusCode, created.body).toBe(201);
    const request = created.json();
    expect(request).toMatchObject({
      code: 'TN-20261207-001',
      kind: 'pickup',
      requestedVia: 'hotline',
      status: 'requested',
      unitCode: 'AG.LONGXUYEN',
      reason: 'elderly',
      scheduledAt: null,
      officer: null,
    });

    const scheduled = await act(request.id, 'schedule', {
      scheduledAt: tomorrow,
      officerId,
      note: 'Gọi trước',
    });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    expect(scheduled.json()).toMatchObject({
      status: 'scheduled',
      scheduledAt: '2026-12-08T02:30:00.000Z',
      officer: { id: officerId },
    });

    const done = await act(request.id, 'complete', { outcome: 'done', note: 'Đã nhận đủ giấy tờ' });
    expect(done.statusCode, done.body).toBe(200);

    const view = (
      await t.app.inject({ url: `/api/v1/home-services/${request.id}`, headers: bearer(reception) })
    ).json();
    expect(view.status).toBe('done');
    expect(view.events).toMatchObject([
      { status: 'requested', actorName: expect.any(String) },
      {
        status: 'scheduled',
        note: 'Gọi trước',
        scheduledAt: '2026-12-08T02:30:00.000Z',
        officerName: expect.any(String),
      },
      { status: 'done', note: 'Đã nhận đủ giấy tờ' },
    ]);
    const trail = await t.ctx.database.db.select().from(audit).where(eq(audit.entityId, request.id));
    expect(trail.map((a) => a.action).sort()).toEqual([
      'home_service.complete',
      'home_service.request',
      'home_service.schedule',
    ]);

    // Done is final: neither scheduled again nor cancelled.
    for (const [action, body] of [
      ['schedule', { scheduledAt: tomorrow, officerId }],
      ['cancel', {}],
      ['complete', { outcome: 'failed', note: 'x' }],
    ] as const) {
      const res = await act(request.id, action, body);
      expect(res.statusCode, `${action}: ${res.body}`).toBe(409);
      expect(res.json().code).toBe('invalid_transition');
    }
  });

  it('a visit can be rescheduled, fail, be scheduled again; a request not yet scheduled cannot be done', async () => {
    const request = (await create(pickup('Trần Văn Ốm', '0912001002', { reason: 'ill' }))).json();
    const early = await act(request.id, 'complete', { outcome: 'done' });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('invalid_transition');

    expect((await act(request.id, 'schedule', { scheduledAt: tomorrow, officerId })).statusCode).toBe(200);
    const moved = await act(request.id, 'schedule', { scheduledAt: '2026-12-09T14:00:00+07:00', officerId });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().scheduledAt).toBe('2026-12-09T07:00:00.000Z');

    const noReason = await act(request.id, 'complete', { outcome: 'failed' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].path).toContain('note');
    expect(
      (await act(request.id, 'complete', { outcome: 'failed', note: 'Không có ai ở nhà' })).statusCode,
    ).toBe(200);
    // A failed visit is tried again, not cancelled.
    expect((await act(request.id, 'cancel', {})).statusCode).toBe(409);
    expect((await act(request.id, 'schedule', { scheduledAt: tomorrow, officerId })).statusCode).toBe(200);
    const cancelled = await act(request.id, 'cancel', { note: 'Người dân tự đến nộp' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().events.map((e: { status: string }) => e.status)).toEqual([
      'requested',
      'scheduled',
      'scheduled',
      'failed',
      'scheduled',
      'cancelled',
    ]);
  });

  it('400 names the field: phone, dossier of a return, a time in the past, an officer of another unit', async () => {
    const phone = await create(pickup('Lê Văn Sai', '12345'));
    expect(phone.statusCode).toBe(400);
    expect(phone.headers['content-type']).toContain('application/problem+json');
    expect(
      phone
        .json()
        .errors.map((e: { path: string }) => e.path)
        .join(),
    ).toContain('phone');

    const noDossier = await create(pickup('Lê Văn Trả', '0912001003', { kind: 'return' }));
    expect(noDossier.statusCode).toBe(400);
    expect(noDossier.json().errors[0].path).toContain('dossierCode');

    const unknown = await create(
      pickup('Lê Văn Trả', '0912001003', { kind: 'return', dossierCode: 'KHONG-CO' }),
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe('dossierCode');

    const other = await create(pickup('Lê Văn Khác', '0912001004', { reason: 'other' }));
    expect(other.statusCode).toBe(400);
    expect(other.json().errors[0].path).toContain('note');

    const request = (await create(pickup('Lê Văn Hẹn', '0912001005', { reason: 'disabled' }))).json();
    const past = await act(request.id, 'schedule', { scheduledAt: '2026-12-07T08:00:00+07:00', officerId });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors[0].path).toBe('scheduledAt');
    const noOffset = await act(request.id, 'schedule', { scheduledAt: '2026-12-08T09:00', officerId });
    expect(noOffset.statusCode).toBe(400);
    expect(noOffset.json().errors[0].path).toContain('scheduledAt');

    const stranger = await t.login('tiepnhan.chauphu');
    const chauphu = (
      await t.app.inject({ url: '/api/v1/home-services/officers?unit=AG.CHAUPHU', headers: bearer(stranger) })
    ).json() as Array<{ id: string }>;
    const wrongOfficer = await act(request.id, 'schedule', {
      scheduledAt: tomorrow,
      officerId: chauphu[0]!.id,
    });
    expect(wrongOfficer.statusCode).toBe(400);
    expect(wrongOfficer.json().errors[0].path).toBe('officerId');
    // Nothing changed.
    const view = (
      await t.app.inject({ url: `/api/v1/home-services/${request.id}`, headers: bearer(reception) })
    ).json();
    expect(view.status).toBe('requested');
    expect(view.events).toHaveLength(1);
  });

  it('403 for a citizen or another unit’s receptionist, 401 without a login', async () => {
    const request = (await create(pickup('Phạm Thị Riêng', '0912001006'))).json();
    const stranger = await t.login('tiepnhan.chauphu');
    const citizen = await t.login('0912345678');
    for (const token of [stranger, citizen]) {
      expect((await create(pickup('Ai Đó', '0912001007'), token)).statusCode).toBe(403);
      expect(
        (await t.app.inject({ url: `/api/v1/home-services/${request.id}`, headers: bearer(token) }))
          .statusCode,
      ).toBe(403);
      expect(
        (await t.app.inject({ url: '/api/v1/home-services?unit=AG.LONGXUYEN', headers: bearer(token) }))
          .statusCode,
      ).toBe(403);
      expect((await act(request.id, 'cancel', {}, token)).statusCode).toBe(403);
    }
    const anonymous = await t.app.inject({ url: '/api/v1/home-services?unit=AG.LONGXUYEN' });
    expect(anonymous.statusCode).toBe(401);
    expect(
      (await t.app.inject({ url: '/api/v1/home-services/not-an-id', headers: bearer(reception) })).statusCode,
    ).toBe(404);
  });

  it('a citizen asks online and follows the request by code and phone; a wrong phone is the same 404', async () => {
    const asked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/home-services',
      payload: {
        unitCode: 'AG.LONGXUYEN',
        kind: 'pickup',
        applicant: { name: 'Võ Văn Khuyết', phone: '0912001010', address: '3 Lý Thái Tổ, Long Xuyên' },
        reason: 'disabled',
        note: 'Nhà trong hẻm',
      },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const { code } = asked.json();
    expect(code).toMatch(/^TN-20261207-\d{3}$/);

    const found = await t.app.inject(`/api/v1/public/home-services/${code}?phone=0912%20001%20010`);
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json()).toMatchObject({ code, kind: 'pickup', status: 'requested', scheduledAt: null });
    expect(found.body).not.toContain('Lý Thái Tổ');

    const wrongPhone = await t.app.inject(`/api/v1/public/home-services/${code}?phone=0912009999`);
    const unknownCode = await t.app.inject('/api/v1/public/home-services/TN-20261207-999?phone=0912001010');
    expect(wrongPhone.statusCode).toBe(404);
    expect(unknownCode.statusCode).toBe(404);
    expect(wrongPhone.json().detail).toBe(unknownCode.json().detail);
    expect(wrongPhone.json().code).toBe(unknownCode.json().code);

    // The counter sees it, as received online with no one behind it.
    const list = (
      await t.app.inject({
        url: '/api/v1/home-services?unit=AG.LONGXUYEN&status=requested',
        headers: bearer(reception),
      })
    ).json() as Array<{ code: string; requestedVia: string }>;
    expect(list.find((r) => r.code === code)?.requestedVia).toBe('online');
  });

  it('a citizen asks for a result at home with the dossier and its phone; another phone is refused', async () => {
    const person = {
      fullName: 'Đặng Thị Nhà',
      idNumber: '089301001020',
      phone: '0912001020',
      address: '30 Hùng Vương, Long Xuyên',
    };
    const dossierCode = await receiveAs(t, reception, '1.001193', person);
    const ask = (phone: string, dossier = dossierCode) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/public/home-services',
        payload: {
          unitCode: 'AG.LONGXUYEN',
          kind: 'return',
          dossierCode: dossier,
          applicant: { name: person.fullName, phone, address: person.address },
          reason: 'elderly',
        },
      });
    const wrong = await ask('0912009998');
    const unknown = await ask('0912001020', 'AG.LONGXUYEN-000000-0000');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].path).toBe('dossierCode');
    expect(wrong.json().detail).toBe(unknown.json().detail);
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/home-services',
      payload: {
        unitCode: 'AG.CHAUPHU',
        kind: 'return',
        dossierCode,
        applicant: { name: person.fullName, phone: person.phone, address: person.address },
        reason: 'elderly',
      },
    });
    expect(other.statusCode).toBe(400);

    const ok = await ask('+84912001020');
    expect(ok.statusCode, ok.body).toBe(201);
    const list = (
      await t.app.inject({ url: '/api/v1/home-services?unit=AG.LONGXUYEN', headers: bearer(reception) })
    ).json() as Array<{
      code: string;
      dossierCode: string | null;
      procedureCode: string | null;
      kind: string;
    }>;
    expect(list.find((r) => r.code === ok.json().code)).toMatchObject({
      kind: 'return',
      dossierCode,
      procedureCode: '1.001193',
    });
  });

  it('codes stay unique and consecutive when requests arrive together', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => create(pickup(`Người Thứ ${i + 1}`, `09120020${10 + i}`))),
    );
    for (const res of results) expect(res.statusCode, res.body).toBe(201);
    const codes = results.map((r) => r.json().code as string);
    expect(new Set(codes).size).toBe(6);
    const numbers = codes.map((c) => Number(c.slice(-3))).sort((a, b) => a - b);
    expect(numbers.at(-1)! - numbers[0]!).toBe(5);
  });

  it('the summary counts the period’s requests by kind and status, by reason and by channel', async () => {
    const res = await t.app.inject({
      url: '/api/v1/home-services/summary?unit=AG.LONGXUYEN&from=2026-12-01&to=2026-12-31',
      headers: bearer(await t.login('lanhdao.longxuyen')),
    });
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    const list = (
      await t.app.inject({ url: '/api/v1/home-services?unit=AG.LONGXUYEN', headers: bearer(reception) })
    ).json() as Array<{ kind: 'pickup' | 'return'; status: string; reason: string; requestedVia: string }>;
    // Created above: 1 done, 1 cancelled, 1 requested (400 test), 1 requested (403 test), 1 online,
    // 1 online return, 6 together.
    expect(s.total).toBe(12);
    expect(s.total).toBe(list.length);
    expect(s.byKind.return).toMatchObject({ total: 1, requested: 1 });
    expect(s.byKind.pickup).toMatchObject({ total: 11, done: 1, cancelled: 1, requested: 9 });
    expect(s.byStatus).toEqual({ requested: 10, scheduled: 0, done: 1, failed: 0, cancelled: 1 });
    expect(s.byReason).toEqual({ elderly: 9, disabled: 2, ill: 1, other: 0 });
    expect(s.byVia).toEqual({ online: 2, hotline: 1, counter: 9 });

    const empty = (
      await t.app.inject({
        url: '/api/v1/home-services/summary?unit=AG.LONGXUYEN&from=2026-11-01&to=2026-11-30',
        headers: bearer(reception),
      })
    ).json();
    expect(empty.total).toBe(0);
    const filtered = await t.app.inject({
      url: '/api/v1/home-services?unit=AG.LONGXUYEN&from=2026-12-08',
      headers: bearer(reception),
    });
    expect(filtered.json()).toEqual([]);

    const bad = await t.app.inject({
      url: '/api/v1/home-services/summary?unit=AG.LONGXUYEN&from=2026-12-01',
      headers: bearer(reception),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('to');
    const forbidden = await t.app.inject({
      url: '/api/v1/home-services/summary?unit=AG.LONGXUYEN&from=2026-12-01&to=2026-12-31',
      headers: bearer(await t.login('tiepnhan.chauphu')),
    });
    expect(forbidden.statusCode).toBe(403);
  });
});

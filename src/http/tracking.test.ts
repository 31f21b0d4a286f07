/** Public tracking: masking, the second factor, the same 404 for unknown and wrong, the rate limit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actAs, createTestApp, receiveAs, type TestApp } from '../test/app.ts';
import { TEST_TARGETS } from '../test/databases.ts';

const clock = () => new Date('2026-03-02T02:00:00Z');

describe.each(TEST_TARGETS)('public tracking on %s', (target) => {
  let t: TestApp;
  let code: string;
  let receptionist: string;
  const track = (query = '', ip = '10.0.0.1', c = code) =>
    t.app.inject({ url: `/api/v1/public/track/${encodeURIComponent(c)}${query}`, remoteAddress: ip });

  beforeAll(async () => {
    t = await createTestApp(target, clock);
    receptionist = await t.login('tiepnhan.longxuyen');
    code = await receiveAs(t, receptionist, '1.005461', {
      fullName: 'Nguyễn Văn An',
      idNumber: '089123000111',
      phone: '0912 345 001',
    });
  });
  afterAll(async () => t?.close());

  it('shows progress with the masked name only', async () => {
    const res = await track();
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      code,
      status: 'in_progress',
      applicantMasked: 'N*** V** A',
      verified: false,
      resultReady: false,
    });
    expect(body.steps.length).toBeGreaterThan(0);
    expect(body).not.toHaveProperty('supplementRequests');
    expect(res.body).not.toContain('Nguyễn Văn An');
    expect(res.body).not.toContain('089123000111');
    expect(res.body).not.toContain('0912');
  });

  it('an unknown code and a wrong second factor give the same 404', async () => {
    const unknown = await track('', '10.0.0.2', 'AG.LONGXUYEN-260302-9999');
    const wrong = await track('?phone=0999999999', '10.0.0.2');
    expect(unknown.statusCode).toBe(404);
    expect(wrong.statusCode).toBe(404);
    const strip = (b: { instance?: string }) => ({ ...b, instance: undefined });
    expect(strip(wrong.json())).toEqual(strip(unknown.json()));
  });

  it('with the phone or ID number, also shows what was requested for supplement', async () => {
    const officer = await t.login('chuyenvien.longxuyen');
    const act = (token: string, body: Record<string, unknown>) => actAs(t, token, code, body);
    await act(receptionist, { action: 'forward', toStep: 'xu_ly' });
    await act(officer, {
      action: 'request_supplement',
      reason: 'Thiếu giấy tờ',
      items: [{ document: 'Bản sao giấy báo tử' }],
    });
    const byPhone = (await track('?phone=0912345001', '10.0.0.3')).json();
    expect(byPhone.verified).toBe(true);
    expect(byPhone.status).toBe('paused');
    expect(byPhone.supplementRequests).toEqual([
      expect.objectContaining({ reason: 'Thiếu giấy tờ', items: [{ document: 'Bản sao giấy báo tử' }] }),
    ]);
    const byId = (await track('?idNumber=089123000111', '10.0.0.3')).json();
    expect(byId.verified).toBe(true);
  });

  it('the applicant rates once, after the result was returned', async () => {
    const rate = (body: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/public/track/${encodeURIComponent(code)}/rating`,
        payload: body,
      });
    const early = await rate({ phone: '0912345001', level: 'satisfied' });
    expect(early.statusCode).toBe(422);
    expect(early.json().code).toBe('not_returned');
    // Take the dossier to the end: supplement received, approved, result returned.
    const officer = await t.login('chuyenvien.longxuyen');
    const leader = await t.login('lanhdao.longxuyen');
    const act = (token: string, body: Record<string, unknown>) => actAs(t, token, code, body);
    await act(officer, { action: 'receive_supplement' });
    await act(officer, { action: 'forward' });
    await act(leader, { action: 'approve' });
    await act(receptionist, { action: 'attach_result', title: 'Trích lục khai tử' });
    await act(receptionist, { action: 'return', method: 'counter' });
    expect((await rate({ phone: '0999999999', level: 'satisfied' })).statusCode).toBe(404);
    expect((await rate({ level: 'satisfied' })).statusCode).toBe(404);
    expect((await rate({ phone: '0912345001', level: 'great' })).statusCode).toBe(400);
    const ok = await rate({
      phone: '0912345001',
      level: 'very_satisfied',
      criteria: { attitude: 'very_satisfied', time: 'satisfied' },
      comment: 'Cán bộ nhiệt tình',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      level: 'very_satisfied',
      criteria: { attitude: 'very_satisfied', time: 'satisfied' },
    });
    const again = await rate({ idNumber: '089123000111', level: 'not_satisfied' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('already_rated');
    const view = (await track('?phone=0912345001', '10.0.0.4')).json();
    expect(view).toMatchObject({ status: 'returned', canRate: false, rating: { level: 'very_satisfied' } });
  });

  it('is rate-limited per IP address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await track('', '10.0.0.9')).statusCode);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[31]).toBe(429);
    // Another address is not affected.
    expect((await track('', '10.0.0.10')).statusCode).toBe(200);
  });
});

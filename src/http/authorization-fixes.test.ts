/**
 * Issue 14 §3, "authorization, everywhere, by one rule": a regression test per hole found by review,
 * each refused by role AND unit scope.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedback, rateLimits, users } from '../db/schema.ts';
import { bearer, createTestApp, receiveAs, type TestApp, TINY_PDF } from '../test/app.ts';
import { TEST_TARGETS } from '../test/databases.ts';

describe.each(TEST_TARGETS)('authorization fixes (issue 14 §3) on %s', (target) => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  const call = (who: string, method: string, url: string, payload?: Record<string, unknown>) =>
    t.app.inject({ method: method as 'GET', url, headers: bearer(tokens[who]!), payload });

  beforeAll(async () => {
    t = await createTestApp(target);
    for (const u of ['admin', 'quantri.tinh', 'quantri.longxuyen', 'tiepnhan.longxuyen', 'tiepnhan.chauphu'])
      tokens[u] = await t.login(u);
    const created = await call('admin', 'POST', '/api/v1/admin/users', {
      username: 'chua.co.vaitro',
      password: 'motcua2026',
      fullName: 'Chưa Có Vai Trò',
      roles: [],
    });
    expect(created.statusCode, created.body).toBe(201);
    for (const u of await t.ctx.database.db.select({ id: users.id, username: users.username }).from(users))
      ids[u.username] = u.id;
  }, 120_000);
  afterAll(async () => t?.close());

  describe('PATCH /admin/users/{id}', () => {
    const patch = (who: string, username: string, body: Record<string, unknown>) =>
      call(who, 'PATCH', `/api/v1/admin/users/${ids[username]}`, body);

    it('a citizen account is not staff-editable: 404 like an unknown account', async () => {
      const res = await patch('quantri.longxuyen', '0912345678', { password: 'chiem-quyen-2026' });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('user_not_found');
      // Nor by the system administrator through the staff administration.
      expect((await patch('admin', '0912345678', { fullName: 'Đổi Tên' })).statusCode).toBe(404);
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            payload: { username: '0912345678', password: 'motcua2026' },
          })
        ).statusCode,
      ).toBe(200);
    });

    it('a staff account with no role is inside no unit administrator’s scope', async () => {
      expect(
        (await patch('quantri.longxuyen', 'chua.co.vaitro', { password: 'chiem-quyen-2026' })).statusCode,
      ).toBe(403);
      expect((await patch('admin', 'chua.co.vaitro', { fullName: 'Đã Đổi Tên' })).statusCode).toBe(200);
    });

    it('another commune’s staff is out of scope', async () => {
      expect((await patch('quantri.longxuyen', 'tiepnhan.chauphu', { fullName: 'Đổi Tên' })).statusCode).toBe(
        403,
      );
    });

    it('grants only inside the actor’s grant, never the units below beyond it, never a higher role', async () => {
      const grant = (who: string, roles: Record<string, unknown>[]) =>
        patch(who, 'chuyenvien.longxuyen', { roles });
      const officer = { role: 'officer', unitCode: 'AG.LONGXUYEN' };
      expect((await grant('quantri.longxuyen', [{ ...officer, includeDescendants: true }])).statusCode).toBe(
        403,
      );
      expect(
        (await grant('quantri.longxuyen', [{ role: 'system_admin', unitCode: 'AG.LONGXUYEN' }])).statusCode,
      ).toBe(403);
      expect(
        (await grant('quantri.longxuyen', [{ role: 'officer', unitCode: 'AG.CHAUPHU' }])).statusCode,
      ).toBe(403);
      const ok = await grant('quantri.longxuyen', [
        officer,
        { role: 'receptionist', unitCode: 'AG.LONGXUYEN' },
      ]);
      expect(ok.statusCode, ok.body).toBe(200);
      // The province's administrator holds AG with the units below: it may give that on.
      const below = await grant('quantri.tinh', [{ ...officer, includeDescendants: true }]);
      expect(below.statusCode, below.body).toBe(200);
      // …and then the commune's administrator no longer covers every unit of the account.
      expect((await grant('quantri.longxuyen', [officer])).statusCode).toBe(403);
      expect((await grant('quantri.tinh', [officer])).statusCode).toBe(200);
    });
  });

  describe('catalogue writes', () => {
    const procedure = (code: string, unitCodes: string[]) => ({
      code,
      name: `Thủ tục thử phạm vi ${code}`,
      fieldCode: 'HT',
      levels: ['commune'],
      unitCodes,
      processingTime: { kind: 'workingDays', value: 3 },
    });
    const amend = (code: string, unitCodes: string[]) => ({
      ...procedure(code, unitCodes),
      effectiveFrom: '2030-01-01',
      changeNote: 'Thử phạm vi',
    });

    beforeAll(async () => {
      for (const [code, units] of [
        ['SCOPE.LX', ['AG.LONGXUYEN']],
        ['SCOPE.BOTH', ['AG.LONGXUYEN', 'AG.CHAUPHU']],
      ] as const) {
        const res = await call('admin', 'POST', '/api/v1/admin/procedures', procedure(code, [...units]));
        expect(res.statusCode, res.body).toBe(201);
      }
    });

    it('a unit administrator writes procedures received only inside its scope', async () => {
      const own = await call(
        'quantri.longxuyen',
        'PUT',
        '/api/v1/admin/procedures/SCOPE.LX',
        amend('SCOPE.LX', ['AG.LONGXUYEN']),
      );
      expect(own.statusCode, own.body).toBe(200);
      const created = await call(
        'quantri.longxuyen',
        'POST',
        '/api/v1/admin/procedures',
        procedure('SCOPE.NEW', ['AG.LONGXUYEN']),
      );
      expect(created.statusCode, created.body).toBe(201);
    });

    it('not one received also elsewhere, nor one received nowhere, nor moving one out of scope', async () => {
      const both = await call('quantri.longxuyen', 'POST', '/api/v1/admin/procedures/SCOPE.BOTH/retire');
      expect(both.statusCode).toBe(403);
      expect(
        (
          await call(
            'quantri.longxuyen',
            'PUT',
            '/api/v1/admin/procedures/SCOPE.BOTH',
            amend('SCOPE.BOTH', ['AG.LONGXUYEN']),
          )
        ).statusCode,
      ).toBe(403);
      expect(
        (
          await call(
            'quantri.longxuyen',
            'POST',
            '/api/v1/admin/procedures',
            procedure('SCOPE.CP', ['AG.CHAUPHU']),
          )
        ).statusCode,
      ).toBe(403);
      expect(
        (await call('quantri.longxuyen', 'POST', '/api/v1/admin/procedures', procedure('SCOPE.NONE', [])))
          .statusCode,
      ).toBe(403);
      expect(
        (
          await call(
            'quantri.longxuyen',
            'PUT',
            '/api/v1/admin/procedures/SCOPE.LX',
            amend('SCOPE.LX', ['AG.CHAUPHU']),
          )
        ).statusCode,
      ).toBe(403);
      // The seeded catalogue (received across the province) stays the system administrator's.
      expect(
        (await call('quantri.longxuyen', 'POST', '/api/v1/admin/procedures/1.001193/retire')).statusCode,
      ).toBe(403);
      const [still] = (await t.app.inject('/api/v1/public/procedures?q=SCOPE.BOTH')).json().items;
      expect(still?.code).toBe('SCOPE.BOTH');
    });

    it('the province’s administrator covers both communes; the system administrator everything', async () => {
      const res = await call('quantri.tinh', 'POST', '/api/v1/admin/procedures/SCOPE.BOTH/retire');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().status).toBe('retired');
    });
  });

  describe('postal and hotline links resolve only inside the unit', () => {
    let codeA: string;
    beforeAll(async () => {
      codeA = await receiveAs(t, tokens['tiepnhan.longxuyen']!, '1.001193', {
        fullName: 'Trần Văn Riêng',
        idNumber: '089300123456',
        phone: '0912000456',
      });
    });

    it('a postal shipment cannot name another commune’s dossier (nor take its applicant and address)', async () => {
      const res = await call('tiepnhan.chauphu', 'POST', '/api/v1/postal/shipments', {
        unitCode: 'AG.CHAUPHU',
        kind: 'pickup',
        applicant: { name: 'Người Gửi', phone: '0912000999', address: '1 Lê Lợi, Châu Phú' },
        dossierCode: codeA,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].path).toBe('dossierCode');
      expect(res.body).not.toContain('0912000456');
      // The same answer as for a code that does not exist.
      const unknown = await call('tiepnhan.chauphu', 'POST', '/api/v1/postal/shipments', {
        unitCode: 'AG.CHAUPHU',
        kind: 'pickup',
        applicant: { name: 'Người Gửi', phone: '0912000999', address: '1 Lê Lợi, Châu Phú' },
        dossierCode: 'AG.CHAUPHU-000000-0000',
      });
      expect(unknown.json().detail.replace('AG.CHAUPHU-000000-0000', codeA)).toBe(res.json().detail);
    });

    it('a home-service return names only a dossier of its own unit', async () => {
      const res = await call('tiepnhan.chauphu', 'POST', '/api/v1/home-services', {
        unitCode: 'AG.CHAUPHU',
        kind: 'return',
        requestedVia: 'counter',
        applicant: { name: 'Người Nhận', phone: '0912000999', address: '1 Lê Lợi, Châu Phú' },
        reason: 'elderly',
        dossierCode: codeA,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].path).toBe('dossierCode');
      expect(res.body).not.toContain('0912000456');
    });

    it('a hotline call links only the unit’s dossiers and officers', async () => {
      const call311 = (who: string, unitCode: string, extra: Record<string, unknown>) =>
        call(who, 'POST', '/api/v1/hotline/calls', { unitCode, summary: 'Hỏi về hồ sơ', ...extra });
      const dossier = await call311('tiepnhan.chauphu', 'AG.CHAUPHU', {
        purpose: 'guidance',
        dossierCode: codeA,
      });
      expect(dossier.statusCode).toBe(400);
      expect(dossier.json().errors[0].path).toBe('dossierCode');
      const officer = await call311('tiepnhan.chauphu', 'AG.CHAUPHU', {
        purpose: 'attitude',
        officerUsername: 'chuyenvien.longxuyen',
      });
      expect(officer.statusCode).toBe(400);
      expect(officer.json().errors[0].path).toBe('officerUsername');
      const citizen = await call311('tiepnhan.longxuyen', 'AG.LONGXUYEN', {
        purpose: 'attitude',
        officerUsername: '0912345678',
      });
      expect(citizen.statusCode).toBe(400);
      const own = await call311('tiepnhan.longxuyen', 'AG.LONGXUYEN', {
        purpose: 'attitude',
        dossierCode: codeA,
        officerUsername: 'chuyenvien.longxuyen',
      });
      expect(own.statusCode, own.body).toBe(201);
    });
  });

  it('the tracking rating shares the tracking limiter and answers a wrong phone like an unknown code', async () => {
    const code = await receiveAs(t, tokens['tiepnhan.longxuyen']!, '1.001193', {
      fullName: 'Lê Thị Đánh Giá',
      idNumber: '089300654321',
      phone: '0912000654',
    });
    const rate = (c: string, phone: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/public/track/${c}/rating`,
        payload: { phone, level: 'satisfied' },
      });
    const wrong = await rate(code, '0912000000');
    const unknown = await rate('AG.LONGXUYEN-000000-0000', '0912000000');
    expect(wrong.statusCode).toBe(404);
    const { instance: _a, ...wrongBody } = wrong.json();
    const { instance: _b, ...unknownBody } = unknown.json();
    expect(wrongBody).toEqual(unknownBody);
    // Guessing phones through the rating endpoint spends the same budget as tracking.
    const limit = t.config.limits.trackPerMinute;
    for (let i = 2; i < limit; i++)
      expect((await rate(code, `09120${String(i).padStart(5, '0')}`)).statusCode).toBe(404);
    const spent = await rate(code, '0912000654');
    expect(spent.statusCode).toBe(429);
    expect(spent.headers['retry-after']).toBeTruthy();
    expect((await t.app.inject(`/api/v1/public/track/${code}`)).statusCode).toBe(429);
    await t.ctx.database.db.delete(rateLimits).where(eq(rateLimits.key, 'track:127.0.0.1'));
  });

  describe('feedback photos', () => {
    const photo = (fields: Record<string, string>) => {
      const data = new FormData();
      for (const [k, v] of Object.entries(fields)) data.append(k, v);
      data.append('file', new Blob([new Uint8Array(TINY_PDF)], { type: 'application/pdf' }), 'anh.pdf');
      return t.app.inject({ method: 'POST', url: '/api/v1/files', payload: data });
    };
    const sendFeedback = async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/public/feedback',
        payload: {
          unitCode: 'AG.LONGXUYEN',
          category: 'other',
          text: 'Nơi chờ ở bộ phận một cửa bị dột khi mưa.',
          name: 'Người Gửi Ảnh',
          phone: '0912000321',
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };

    it('are tied to a feedback item sent within the hour, at most five each', async () => {
      expect((await photo({ purpose: 'feedback' })).json().errors[0].path).toBe('feedbackId');
      const unknown = await photo({ purpose: 'feedback', feedbackId: ids.admin! });
      expect(unknown.statusCode).toBe(404);
      const old = await sendFeedback();
      await t.ctx.database.db
        .update(feedback)
        .set({ createdAt: new Date(Date.now() - 2 * 3_600_000) })
        .where(eq(feedback.id, old));
      const late = await photo({ purpose: 'feedback', feedbackId: old });
      expect(late.statusCode).toBe(404);
      expect(late.json().code).toBe(unknown.json().code);

      const item = await sendFeedback();
      const stored: string[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await photo({ purpose: 'feedback', feedbackId: item });
        expect(res.statusCode, res.body).toBe(201);
        stored.push(res.json().id);
      }
      const sixth = await photo({ purpose: 'feedback', feedbackId: item });
      expect(sixth.statusCode).toBe(409);
      // The unit's staff read them; another commune's staff do not even see they exist.
      const mine = await call('tiepnhan.longxuyen', 'GET', `/api/v1/files/${stored[0]}`);
      expect(mine.statusCode).toBe(200);
      expect((await call('tiepnhan.chauphu', 'GET', `/api/v1/files/${stored[0]}`)).statusCode).toBe(404);
    });

    it('count against a per-address quota', async () => {
      const item = await sendFeedback();
      const key = 'feedback-file:127.0.0.1';
      await t.ctx.database.db
        .insert(rateLimits)
        .values({ key, windowStart: new Date(), count: 20 })
        .onConflictDoUpdate({ target: rateLimits.key, set: { count: 20, windowStart: new Date() } });
      const res = await photo({ purpose: 'feedback', feedbackId: item });
      expect(res.statusCode).toBe(429);
      expect(res.headers['retry-after']).toBeTruthy();
      await t.ctx.database.db.delete(rateLimits).where(eq(rateLimits.key, key));
      await t.ctx.database.db.delete(rateLimits).where(eq(rateLimits.key, 'feedback:127.0.0.1'));
    });
  });

  it('an applicant cannot pay nothing for a procedure with a fee without declaring why', async () => {
    const citizen = await t.login('0912345678');
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/applications',
      headers: bearer(citizen),
      payload: { procedureCode: '1.001193' },
    });
    expect(started.statusCode, started.body).toBe(201);
    const { id } = started.json();
    const fileIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const data = new FormData();
      data.append('purpose', 'application');
      data.append('applicationId', id);
      data.append(
        'file',
        new Blob([new Uint8Array(TINY_PDF)], { type: 'application/pdf' }),
        `giay-to-${i}.pdf`,
      );
      const up = await t.app.inject({
        method: 'POST',
        url: '/api/v1/files',
        headers: bearer(citizen),
        payload: data,
      });
      expect(up.statusCode, up.body).toBe(201);
      fileIds.push(up.json().id);
    }
    const place = { province: 'AG', commune: 'Phường Long Xuyên', street: '12 Trần Hưng Đạo' };
    let revision = started.json().revision as number;
    const save = async (body: Record<string, unknown>) => {
      const res = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/me/applications/${id}`,
        headers: bearer(citizen),
        payload: { revision, ...body },
      });
      expect(res.statusCode, res.body).toBe(200);
      revision = res.json().revision;
    };
    const submit = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/me/applications/${id}/submit`,
        headers: bearer(citizen),
        payload: { revision },
      });
    await save({
      answers: {
        applicant: {
          fullName: 'Trần Thị Bích',
          idNumber: '089123456789',
          phone: '0912345678',
          address: place,
          relationship: 'mother',
        },
        child: {
          fullName: 'Nguyễn Trần Minh Khang',
          birthDate: '2026-11-02',
          sex: 'M',
          ethnicity: 'Kinh',
          nationality: 'Việt Nam',
          birthPlace: { ...place, street: 'Bệnh viện Đa khoa tỉnh' },
          hometown: 'An Giang',
        },
      },
      unitCode: 'AG.LONGXUYEN',
      resultDelivery: 'online',
      feeIndexes: [],
      documents: [
        { index: 0, fileIds: [fileIds[0]] },
        { index: 1, fileIds: [fileIds[1]] },
        { index: 5, fileIds: [fileIds[2]] },
      ],
    });
    const nothing = await submit();
    expect(nothing.statusCode).toBe(400);
    expect(nothing.json().errors.map((e: { path: string }) => e.path)).toEqual(['feeIndexes']);
    await save({ feeExemption: 'Đăng ký khai sinh đúng hạn (khoản 1 Điều 11 Luật Hộ tịch)' });
    const exempt = await submit();
    expect(exempt.statusCode, exempt.body).toBe(200);
    const office = await call('tiepnhan.longxuyen', 'GET', `/api/v1/applications/${id}`);
    expect(office.json()).toMatchObject({
      feeExemption: expect.stringContaining('đúng hạn'),
      fees: { total: 0 },
    });
  });

  it('a notice of another account cannot be marked read: 404 like an unknown one', async () => {
    const res = await call('quantri.longxuyen', 'POST', `/api/v1/me/notifications/${ids.admin}/read`);
    expect(res.statusCode).toBe(404);
  });

  it('an import body that is not NDJSON is 415, not a crash', async () => {
    const res = await call('admin', 'POST', '/api/v1/admin/import/dossiers', { code: 'x' });
    expect(res.statusCode).toBe(415);
  });
});

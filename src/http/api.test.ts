/** The HTTP API end to end: auth, users, catalogue, calendar and the audit of them all (PGlite, and PostgreSQL when set). */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../test/app.ts';
import { TEST_TARGETS } from '../test/databases.ts';

describe.each(TEST_TARGETS)('API on %s', (target) => {
  let t: TestApp;
  let adminToken: string;
  beforeAll(async () => {
    t = await createTestApp(target);
    adminToken = await t.login('admin');
  });
  afterAll(async () => t?.close());

  describe('auth', () => {
    it('logs in, sets an httpOnly SameSite cookie, and /me answers with cookie or bearer', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'tiepnhan.longxuyen', password: 'motcua2026' },
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.user).toMatchObject({
        username: 'tiepnhan.longxuyen',
        roles: [{ role: 'receptionist', unitCode: 'AG.LONGXUYEN' }],
      });
      const setCookie = String(res.headers['set-cookie']);
      expect(setCookie).toMatch(/motcua_session=/);
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Lax/i);
      const cookie = setCookie.split(';')[0]!;
      const viaCookie = await t.app.inject({ url: '/api/v1/me', headers: { cookie } });
      expect(viaCookie.json().username).toBe('tiepnhan.longxuyen');
      const viaBearer = await t.app.inject({ url: '/api/v1/me', headers: bearer(body.token) });
      expect(viaBearer.statusCode).toBe(200);
      const out = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: bearer(body.token),
      });
      expect(out.statusCode).toBe(204);
      const after = await t.app.inject({ url: '/api/v1/me', headers: bearer(body.token) });
      expect(after.statusCode).toBe(401);
    });

    it('unknown user and wrong password get the same 401 invalid_credentials', async () => {
      const a = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'nobody', password: 'x' },
      });
      const b = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'thanhtra', password: 'wrong' },
      });
      expect(a.statusCode).toBe(401);
      expect(b.statusCode).toBe(401);
      const strip = (j: { instance?: string }) => ({ ...j, instance: undefined });
      expect(strip(a.json())).toEqual(strip(b.json()));
      expect(a.json().code).toBe('invalid_credentials');
    });

    it('repeated failures are rate-limited with 429 and Retry-After', async () => {
      const attempt = () =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: 'lanhdao.longxuyen', password: 'bad' },
        });
      for (let i = 0; i < 5; i++) expect((await attempt()).statusCode).toBe(401);
      const blocked = await attempt();
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().code).toBe('too_many_attempts');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      // Even the right password is refused while blocked.
      const right = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'lanhdao.longxuyen', password: 'motcua2026' },
      });
      expect(right.statusCode).toBe(429);
    });

    it('citizens register with a phone number, confirm it with the code sent by SMS, and log in', async () => {
      const reg = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: { fullName: 'Trần Văn Bình', phone: '0987654321', password: 'matkhau123' },
      });
      expect(reg.statusCode).toBe(201);
      expect(reg.json()).toMatchObject({ kind: 'citizen', username: '0987654321' });
      const again = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: { fullName: 'Ai đó', phone: '0987654321', password: 'matkhau123' },
      });
      expect(again.statusCode).toBe(409);
      // Not usable until confirmed.
      const early = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: '0987654321', password: 'matkhau123' },
      });
      expect(early.statusCode).toBe(403);
      expect(early.json().code).toBe('unverified_account');
      const sms = (await t.app.inject('/api/v1/sandbox/messages?recipient=0987654321')).json().items[0];
      const code = /(\d{6})/.exec(sms.subject)![1]!;
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/verify',
        payload: { username: '0987654321', code: code === '000000' ? '111111' : '000000' },
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().code).toBe('invalid_code');
      const ok = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/verify',
        payload: { username: '0987654321', code },
      });
      expect(ok.statusCode).toBe(204);
      const token = await t.login('0987654321', 'matkhau123');
      const admin = await t.app.inject({ url: '/api/v1/admin/users', headers: bearer(token) });
      expect(admin.statusCode).toBe(403);
    });

    it('a citizen resets a forgotten password with a code; unknown accounts get the same answer', async () => {
      const unknown = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset',
        payload: { username: '0900000000' },
      });
      expect(unknown.statusCode).toBe(202);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset',
        payload: { username: '0987654321' },
      });
      expect(res.statusCode).toBe(202);
      const sms = (await t.app.inject('/api/v1/sandbox/messages?recipient=0987654321')).json().items[0];
      expect(sms.subject).toContain('đặt lại mật khẩu');
      const code = /(\d{6})/.exec(sms.subject)![1]!;
      const done = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset/confirm',
        payload: { username: '0987654321', code, password: 'matkhau-moi-2026' },
      });
      expect(done.statusCode).toBe(204);
      const reuse = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset/confirm',
        payload: { username: '0987654321', code, password: 'lan-nua-2026' },
      });
      expect(reuse.statusCode).toBe(400);
      await t.login('0987654321', 'matkhau-moi-2026');
    });
  });

  describe('admin users', () => {
    it('creates a staff user (201), refuses a duplicate (409 username_taken), names bad fields (400)', async () => {
      const payload = {
        username: 'chuyenvien.chauphu',
        password: 'matkhau-manh-2026',
        fullName: 'Đỗ Văn Xử',
        roles: [{ role: 'officer', unitCode: 'AG.CHAUPHU' }],
      };
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/users',
        headers: bearer(adminToken),
        payload,
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        username: 'chuyenvien.chauphu',
        roles: [{ role: 'officer', unitCode: 'AG.CHAUPHU' }],
      });
      const dup = await t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/users',
        headers: bearer(adminToken),
        payload,
      });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().code).toBe('username_taken');
      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/users',
        headers: bearer(adminToken),
        payload: { ...payload, username: 'x', password: 'short' },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('validation_failed');
      expect(
        bad
          .json()
          .errors.map((e: { path: string }) => e.path)
          .sort(),
      ).toEqual(['password', 'username']);
      const list = await t.app.inject({ url: '/api/v1/admin/users', headers: bearer(adminToken) });
      expect(list.json().items.some((u: { username: string }) => u.username === 'chuyenvien.chauphu')).toBe(
        true,
      );
    });

    it('a unit admin manages only its own unit; a disabled user cannot log in', async () => {
      const unitAdmin = await t.login('quantri.longxuyen');
      const outside = await t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/users',
        headers: bearer(unitAdmin),
        payload: {
          username: 'ngoai.pham.vi',
          password: 'matkhau-2026',
          fullName: 'Ngoài Phạm Vi',
          roles: [{ role: 'officer', unitCode: 'AG.CHAUPHU' }],
        },
      });
      expect(outside.statusCode).toBe(403);
      const inside = await t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/users',
        headers: bearer(unitAdmin),
        payload: {
          username: 'moi.longxuyen',
          password: 'matkhau-2026',
          fullName: 'Người Mới',
          roles: [{ role: 'officer', unitCode: 'AG.LONGXUYEN' }],
        },
      });
      expect(inside.statusCode).toBe(201);
      const token = await t.login('moi.longxuyen', 'matkhau-2026');
      const disable = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/admin/users/${inside.json().id}`,
        headers: bearer(unitAdmin),
        payload: { disabled: true },
      });
      expect(disable.statusCode).toBe(200);
      expect(disable.json().disabled).toBe(true);
      expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(token) })).statusCode).toBe(401);
      const relogin = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'moi.longxuyen', password: 'matkhau-2026' },
      });
      expect(relogin.statusCode).toBe(401);
      const system = await t.app.inject({
        url: '/api/v1/admin/users',
        headers: bearer(await t.login('tiepnhan.chauphu')),
      });
      expect(system.statusCode).toBe(403);
    });
  });

  describe('catalog', () => {
    it('has the demo catalogue: ≥40 procedures in ≥8 fields', async () => {
      const fields = (await t.app.inject('/api/v1/public/fields')).json().items as {
        procedureCount: number;
      }[];
      expect(fields.filter((f) => f.procedureCount > 0).length).toBeGreaterThanOrEqual(8);
      const all = (await t.app.inject('/api/v1/public/procedures?pageSize=100')).json();
      expect(all.total).toBeGreaterThanOrEqual(40);
      const units = (await t.app.inject('/api/v1/public/units')).json().items as {
        level: string;
        hasCounter: boolean;
      }[];
      expect(units.filter((u) => u.level === 'commune' && u.hasCounter).length).toBeGreaterThanOrEqual(2);
    });

    it('search ignores diacritics and case and ranks the exact name first', async () => {
      const res = await t.app.inject('/api/v1/public/procedures?q=dang%20ky%20khai%20sinh');
      const items = res.json().items as { name: string }[];
      expect(items[0]?.name).toBe('Đăng ký khai sinh');
      const upper = (
        await t.app.inject('/api/v1/public/procedures?q=%C4%90%C4%82NG%20K%C3%9D%20KHAI%20SINH')
      ).json();
      expect(upper.items[0].name).toBe('Đăng ký khai sinh');
      const byCode = (await t.app.inject('/api/v1/public/procedures?q=1.001193')).json();
      expect(byCode.items[0].code).toBe('1.001193');
    });

    it('filters by field, unit and level and pages', async () => {
      const ht = (await t.app.inject('/api/v1/public/procedures?field=HT&pageSize=100')).json();
      expect(ht.total).toBeGreaterThan(0);
      expect(ht.items.every((p: { field: { code: string } }) => p.field.code === 'HT')).toBe(true);
      const province = (await t.app.inject('/api/v1/public/procedures?level=province&pageSize=100')).json();
      expect(province.items.every((p: { levels: string[] }) => p.levels.includes('province'))).toBe(true);
      const atCentre = (await t.app.inject('/api/v1/public/procedures?unit=AG.TTPVHCC&pageSize=100')).json();
      expect(atCentre.total).toBe(province.total);
      const page2 = (await t.app.inject('/api/v1/public/procedures?pageSize=5&page=2')).json();
      expect(page2.items).toHaveLength(5);
      const bad = await t.app.inject('/api/v1/public/procedures?level=galaxy');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toBe('querystring.level');
    });

    it('shows a procedure with documents and fees; 404 for an unknown code', async () => {
      const res = await t.app.inject('/api/v1/public/procedures/1.001193');
      expect(res.statusCode).toBe(200);
      const p = res.json();
      expect(p).toMatchObject({
        code: '1.001193',
        name: 'Đăng ký khai sinh',
        processingTime: { kind: 'sameDay' },
      });
      expect(p.documents.length).toBeGreaterThan(0);
      expect(p.versions).toHaveLength(1);
      const missing = await t.app.inject('/api/v1/public/procedures/9.999999');
      expect(missing.statusCode).toBe(404);
      expect(missing.json().code).toBe('procedure_not_found');
    });

    it('admins create, amend (new version with what changed) and retire procedures', async () => {
      const input = {
        code: 'DEMO.0001',
        name: 'Cấp bản sao trích lục hộ tịch (thử nghiệm)',
        fieldCode: 'HT',
        levels: ['commune'],
        unitCodes: ['AG.LONGXUYEN'],
        processingTime: { kind: 'sameDay' },
        fees: [{ amount: 8000, condition: 'mỗi bản sao' }],
        documents: [
          { name: 'Tờ khai yêu cầu cấp bản sao trích lục', copies: 1, form: 'original', required: true },
        ],
        onlineLevel: 'full',
        postalSubmission: true,
        postalReturn: true,
        legalBasis: ['Luật Hộ tịch năm 2014'],
        steps: ['Tiếp nhận', 'Giải quyết', 'Trả kết quả'],
        effectiveFrom: '2025-07-01',
      };
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/procedures',
        headers: bearer(adminToken),
        payload: input,
      });
      expect(created.statusCode).toBe(201);
      const dup = await t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/procedures',
        headers: bearer(adminToken),
        payload: input,
      });
      expect(dup.statusCode).toBe(409);
      const invalid = await t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/procedures',
        headers: bearer(adminToken),
        payload: { ...input, code: 'DEMO.0002', fees: [{ amount: -5 }], fieldCode: 'HT' },
      });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json().errors[0].path).toBe('fees.0.amount');

      const amended = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/admin/procedures/DEMO.0001',
        headers: bearer(adminToken),
        payload: {
          ...input,
          fees: [{ amount: 10000, condition: 'mỗi bản sao' }],
          effectiveFrom: '2026-01-01',
          changeNote: 'Điều chỉnh lệ phí',
        },
      });
      expect(amended.statusCode).toBe(200);
      const detail = amended.json();
      expect(detail.version.number).toBe(2);
      expect(detail.feeFrom).toBe(10000);
      expect(detail.versions[0]).toMatchObject({
        number: 2,
        changeNote: 'Điều chỉnh lệ phí',
        changes: [{ field: 'fees' }],
      });
      const found = (await t.app.inject('/api/v1/public/procedures?q=trich%20luc%20thu%20nghiem')).json();
      expect(found.items[0].code).toBe('DEMO.0001');

      const citizen = await t.login('0912345678');
      const forbidden = await t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/procedures/DEMO.0001/retire',
        headers: bearer(citizen),
      });
      expect(forbidden.statusCode).toBe(403);
      const retired = await t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/procedures/DEMO.0001/retire',
        headers: bearer(adminToken),
      });
      expect(retired.json().status).toBe('retired');
      const gone = (await t.app.inject('/api/v1/public/procedures?q=trich%20luc%20thu%20nghiem')).json();
      expect(gone.items.some((p: { code: string }) => p.code === 'DEMO.0001')).toBe(false);
    });
  });

  describe('calendar', () => {
    it.each([
      ['2026-03-02T09:00:00+07:00', 'workingDays=3', '2026-03-05T09:00:00+07:00'],
      ['2026-03-06T16:00:00+07:00', 'workingDays=1', '2026-03-09T16:00:00+07:00'],
      ['2026-03-07T10:00:00+07:00', 'workingDays=2', '2026-03-10T17:00:00+07:00'],
      ['2026-03-02T12:00:00+07:00', 'workingHours=4', '2026-03-02T17:00:00+07:00'],
      ['2026-02-13T10:00:00+07:00', 'workingDays=1', '2026-02-23T10:00:00+07:00'],
      ['2026-03-02T16:00:00+07:00', 'sameDay=true', '2026-03-03T17:00:00+07:00'],
    ])('received %s, %s → %s', async (from, duration, due) => {
      const res = await t.app.inject(
        `/api/v1/calendar/due?from=${encodeURIComponent(from)}&${duration}&unit=AG.LONGXUYEN`,
      );
      expect(res.statusCode).toBe(200);
      expect(res.json().dueAt).toBe(due);
    });

    it('explains skipped days by name', async () => {
      const res = await t.app.inject(
        `/api/v1/calendar/due?from=${encodeURIComponent('2026-02-13T10:00:00+07:00')}&workingDays=1`,
      );
      const texts = (res.json().explanation as { kind: string; name?: string }[]).filter(
        (e) => e.kind === 'holiday',
      );
      expect(texts.length).toBeGreaterThanOrEqual(5);
      expect(texts[0]?.name).toMatch(/Tết/);
    });

    it.each([
      ['workingDays=3', 'from'],
      ['from=2026-03-02T09:00:00%2B07:00', 'workingDays'],
      ['from=2026-03-02T09:00:00%2B07:00&workingDays=-1', 'querystring.workingDays'],
      ['from=not-a-date&workingDays=1', 'from'],
    ])('bad input %s → 400 naming %s', async (query, param) => {
      const res = await t.app.inject(`/api/v1/calendar/due?${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(
        res
          .json()
          .errors.map((e: { path: string }) => e.path)
          .join(' '),
      ).toContain(param);
    });

    it('lists the seeded holidays of a year', async () => {
      const res = await t.app.inject('/api/v1/calendar/days?year=2026&unit=AG.CHAUPHU');
      expect(res.statusCode).toBe(200);
      const days = res.json().days as { date: string; kind: string; name: string }[];
      expect(days.find((d) => d.date === '2026-02-17')).toMatchObject({ kind: 'holiday' });
      expect(days.find((d) => d.date === '2026-09-02')).toMatchObject({ kind: 'holiday' });
    });

    it('an admin adds a holiday, due dates move, and removing it moves them back', async () => {
      const url = `/api/v1/calendar/due?from=${encodeURIComponent('2026-06-01T09:00:00+07:00')}&workingDays=3&unit=AG.LONGXUYEN`;
      expect((await t.app.inject(url)).json().dueAt).toBe('2026-06-04T09:00:00+07:00');
      const receptionist = await t.login('tiepnhan.longxuyen');
      const denied = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/admin/calendar/days/2026-06-02?unit=AG',
        headers: bearer(receptionist),
        payload: { kind: 'holiday', name: 'Nghỉ đột xuất' },
      });
      expect(denied.statusCode).toBe(403);
      const put = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/admin/calendar/days/2026-06-02?unit=AG',
        headers: bearer(adminToken),
        payload: { kind: 'holiday', name: 'Nghỉ đột xuất' },
      });
      expect(put.statusCode).toBe(200);
      expect((await t.app.inject(url)).json().dueAt).toBe('2026-06-05T09:00:00+07:00');
      const del = await t.app.inject({
        method: 'DELETE',
        url: '/api/v1/admin/calendar/days/2026-06-02?unit=AG',
        headers: bearer(adminToken),
      });
      expect(del.statusCode).toBe(204);
      expect((await t.app.inject(url)).json().dueAt).toBe('2026-06-04T09:00:00+07:00');
      const badDate = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/admin/calendar/days/2026-13-45?unit=AG',
        headers: bearer(adminToken),
        payload: { kind: 'holiday', name: 'x' },
      });
      expect(badDate.statusCode).toBe(400);
    });
  });

  describe('audit', () => {
    it('records logins, failures and admin changes in an intact chain; tampering is detected', async () => {
      const verify = await t.app.inject({ url: '/api/v1/admin/audit/verify', headers: bearer(adminToken) });
      expect(verify.json()).toMatchObject({ ok: true });
      expect(verify.json().count).toBeGreaterThan(10);
      const actions = await t.ctx.database.raw.query<{ action: string }>('select distinct action from audit');
      const names = actions.rows.map((r) => r.action);
      for (const a of [
        'auth.login',
        'auth.login_failed',
        'user.create',
        'user.update',
        'procedure.create',
        'procedure.amend',
        'calendar.day_put',
        'calendar.day_delete',
      ]) {
        expect(names).toContain(a);
      }
      await t.ctx.database.db.execute(sql`update audit set after = '{"tampered":true}'::jsonb where seq = 3`);
      const broken = await t.app.inject({ url: '/api/v1/admin/audit/verify', headers: bearer(adminToken) });
      expect(broken.json()).toMatchObject({ ok: false, brokenSeq: 3 });
    });
  });
});

/** The citizen's profile: defaults from the account, validation by field, upsert with audit; code resend. */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, citizenProfiles, users } from '../db/schema.ts';
import { savedApplicant } from '../services/identity/index.ts';
import { bearer, createTestApp, type TestApp } from '../test/app.ts';
import { TEST_TARGETS } from '../test/databases.ts';

describe.each(TEST_TARGETS)('citizen profile on %s', (target) => {
  let t: TestApp;
  let citizen: string;

  const codeFor = async (recipient: string) => {
    const items = (await t.app.inject(`/api/v1/sandbox/messages?recipient=${recipient}`)).json().items;
    return { count: items.length as number, code: /(\d{6})/.exec(items[0].subject)![1]! };
  };

  /** Registers a citizen, confirms the account with the code from the mailbox, logs in. */
  const registerCitizen = async (phone: string, fullName: string) => {
    const reg = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { fullName, phone, password: 'matkhau-2026' },
    });
    expect(reg.statusCode).toBe(201);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify',
      payload: { username: phone, code: (await codeFor(phone)).code },
    });
    expect(ok.statusCode).toBe(204);
    return t.login(phone, 'matkhau-2026');
  };

  const put = (token: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'PUT', url: '/api/v1/me/profile', headers: bearer(token), payload });

  beforeAll(async () => {
    t = await createTestApp(target);
    citizen = await registerCitizen('0911222333', 'Lê Thị Hồ Sơ');
  });
  afterAll(async () => t?.close());

  it('before anything is saved, shows the account’s own name and phone', async () => {
    const res = await t.app.inject({ url: '/api/v1/me/profile', headers: bearer(citizen) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      applicant: { fullName: 'Lê Thị Hồ Sơ', phone: '0911222333' },
      zaloOptIn: false,
      zaloPhone: null,
      locale: 'vi',
      account: { username: '0911222333', phone: '0911222333', email: null, verified: true },
    });
  });

  it('is for citizens only: staff get 403 citizen_only, nobody logged in 401', async () => {
    const staff = await t.login('tiepnhan.longxuyen');
    const res = await t.app.inject({ url: '/api/v1/me/profile', headers: bearer(staff) });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('citizen_only');
    const put403 = await put(staff, { applicant: { fullName: 'Cán Bộ' } });
    expect(put403.statusCode).toBe(403);
    const anon = await t.app.inject({ url: '/api/v1/me/profile' });
    expect(anon.statusCode).toBe(401);
  });

  it('names each invalid field in a 400 problem', async () => {
    const res = await put(citizen, {
      applicant: { fullName: 'X', idNumber: '12345', phone: 'abc', email: 'not-an-email' },
      zaloPhone: '12',
      locale: 'fr',
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('validation_failed');
    const paths = (body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual([
      'applicant.email',
      'applicant.fullName',
      'applicant.idNumber',
      'applicant.phone',
      'locale',
      'zaloPhone',
    ]);
    const id = (body.errors as { path: string; message: string }[]).find(
      (e) => e.path === 'applicant.idNumber',
    );
    expect(id?.message).toContain('12 chữ số');
  });

  it('saves (upserts), keeps what was saved and audits which fields changed', async () => {
    const first = await put(citizen, {
      applicant: {
        fullName: 'Lê Thị Hồ Sơ',
        idNumber: '089123456789',
        phone: '0911 222 333',
        email: 'HoSo@Example.vn',
        address: '12 Trần Hưng Đạo, Long Xuyên',
      },
      zaloOptIn: true,
      zaloPhone: '+84 988 777 666',
      locale: 'en',
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      applicant: {
        fullName: 'Lê Thị Hồ Sơ',
        idNumber: '089123456789',
        phone: '0911222333',
        email: 'hoso@example.vn',
        address: '12 Trần Hưng Đạo, Long Xuyên',
      },
      zaloOptIn: true,
      zaloPhone: '0988777666',
      locale: 'en',
    });
    // A second save replaces the first (blank optional fields are cleared).
    const second = await put(citizen, {
      applicant: { fullName: 'Lê Thị Hồ Sơ', idNumber: '089123456789', address: '', email: '' },
      zaloOptIn: true,
      zaloPhone: '',
      locale: 'vi',
    });
    expect(second.statusCode).toBe(200);
    const got = (await t.app.inject({ url: '/api/v1/me/profile', headers: bearer(citizen) })).json();
    // The phone falls back to the account's; Zalo goes to the account phone.
    expect(got).toMatchObject({
      applicant: { fullName: 'Lê Thị Hồ Sơ', idNumber: '089123456789', phone: '0911222333' },
      zaloOptIn: true,
      zaloPhone: null,
      locale: 'vi',
    });
    expect(got.applicant).not.toHaveProperty('address');
    expect(got.applicant).not.toHaveProperty('email');

    const db = t.ctx.database.db;
    const [user] = await db.select().from(users).where(eq(users.username, '0911222333'));
    const rows = await db.select().from(citizenProfiles).where(eq(citizenProfiles.userId, user!.id));
    expect(rows).toHaveLength(1);
    const entries = await db
      .select()
      .from(audit)
      .where(and(eq(audit.action, 'citizen.profile_update'), eq(audit.entityId, user!.id)));
    expect(entries).toHaveLength(2);
    expect(entries[0]!.after).toMatchObject({
      applicantFields: ['address', 'email', 'fullName', 'idNumber', 'phone'],
      zaloOptIn: true,
      locale: 'en',
    });
    // The audit trail names the fields, never their values.
    expect(JSON.stringify(entries)).not.toContain('089123456789');

    expect(await savedApplicant(db, user!.id)).toEqual({
      fullName: 'Lê Thị Hồ Sơ',
      idNumber: '089123456789',
      phone: '0911222333',
    });
    const [staff] = await db.select().from(users).where(eq(users.username, 'tiepnhan.longxuyen'));
    expect(await savedApplicant(db, staff!.id)).toBeNull();
  });

  it('Zalo needs a phone: opting in without one on an e-mail account is refused on zaloPhone', async () => {
    const reg = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { fullName: 'Phạm Thư Điện', email: 'thu.dien@example.vn', password: 'matkhau-2026' },
    });
    expect(reg.statusCode).toBe(201);
    const { code } = await codeFor('thu.dien@example.vn');
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify',
      payload: { username: 'thu.dien@example.vn', code },
    });
    const token = await t.login('thu.dien@example.vn', 'matkhau-2026');
    const profile = (await t.app.inject({ url: '/api/v1/me/profile', headers: bearer(token) })).json();
    expect(profile.applicant).toEqual({ fullName: 'Phạm Thư Điện', email: 'thu.dien@example.vn' });
    const res = await put(token, { applicant: { fullName: 'Phạm Thư Điện' }, zaloOptIn: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'zaloPhone', message: expect.any(String) }]);
    const ok = await put(token, {
      applicant: { fullName: 'Phạm Thư Điện' },
      zaloOptIn: true,
      zaloPhone: '0977000111',
    });
    expect(ok.statusCode).toBe(200);
  });

  it('resends the confirmation code at most once a minute, with the same answer for unknown accounts', async () => {
    const resend = (username: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/verify/resend', payload: { username } });
    const reg = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { fullName: 'Võ Văn Chờ', phone: '0933444555', password: 'matkhau-2026' },
    });
    expect(reg.statusCode).toBe(201);
    expect((await resend('0933444555')).statusCode).toBe(202);
    expect((await resend('0900000001')).statusCode).toBe(202);
    expect((await resend('0911222333')).statusCode).toBe(202); // already confirmed: nothing sent
    // Just registered: no second code yet.
    expect((await codeFor('0933444555')).count).toBe(1);
    expect((await codeFor('0911222333')).count).toBe(1);
  });
});

describe('citizen profile code resend after a minute', () => {
  let t: TestApp;
  let now = new Date('2026-03-02T02:00:00Z');
  beforeAll(async () => {
    t = await createTestApp('pglite', () => now);
  });
  afterAll(async () => t?.close());

  it('sends a new code once a minute has passed, and the new code confirms the account', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { fullName: 'Võ Văn Chờ', phone: '0933444666', password: 'matkhau-2026' },
    });
    now = new Date(now.getTime() + 61_000);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify/resend',
      payload: { username: '0933444666' },
    });
    expect(res.statusCode).toBe(202);
    const items = (await t.app.inject('/api/v1/sandbox/messages?recipient=0933444666')).json().items;
    expect(items).toHaveLength(2);
    const code = /(\d{6})/.exec(items[0].subject)![1]!;
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify',
      payload: { username: '0933444666', code },
    });
    expect(ok.statusCode).toBe(204);
  });
});

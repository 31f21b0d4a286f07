/**
 * Issue 14 §4, the second factor: TOTP (RFC 6238) for staff, enrolled with a QR code and
 * confirmed by a first code, recovery codes used once, a code never accepted twice, reset by a
 * system administrator (audited), required of administrators in production.
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../db/client.ts';
import { proveSecondFactor } from '../services/identity/index.ts';
import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../test/app.ts';
import { TEST_TARGETS } from '../test/databases.ts';

const PASSWORD = 'motcua2026';

/** A clock the test moves: TOTP codes change every 30 s, login windows last 15 min. */
function testClock() {
  let now = new Date('2026-03-02T02:00:00Z').getTime();
  return {
    clock: () => new Date(now),
    advance: (seconds: number) => {
      now += seconds * 1000;
    },
    epoch: () => Math.floor(now / 1000),
  };
}

const secretOf = (otpauthUri: string) => new URL(otpauthUri).searchParams.get('secret') ?? '';

describe.each(TEST_TARGETS)('second factor (TOTP) on %s', (target) => {
  const time = testClock();
  let t: TestApp;
  const code = (secret: string) => generateSync({ secret, epoch: time.epoch() });

  const loginRes = (username: string, totp?: string, password = PASSWORD) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password, ...(totp !== undefined ? { totp } : {}) },
    });
  const call = (token: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });

  /** Enrols the user and confirms; returns the secret and the recovery codes. */
  async function enrol(token: string) {
    const started = await call(token, 'POST', '/api/v1/me/totp/enrol');
    expect(started.statusCode, started.body).toBe(200);
    const secret = secretOf(started.json().otpauthUri);
    const confirmed = await call(token, 'POST', '/api/v1/me/totp/confirm', { code: code(secret) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    return { secret, recoveryCodes: confirmed.json().recoveryCodes as string[] };
  }

  beforeAll(async () => {
    t = await createTestApp(target, time.clock);
  });
  afterAll(async () => t?.close());

  it('enrols with a QR code, is on only once a first code confirms it, and gives 10 recovery codes once', async () => {
    const token = await t.login('tiepnhan.longxuyen');
    const before = (await call(token, 'GET', '/api/v1/me')).json();
    expect(before).toMatchObject({ totpEnabled: false, totpRequired: false });

    const started = await call(token, 'POST', '/api/v1/me/totp/enrol');
    expect(started.statusCode).toBe(200);
    const { otpauthUri, qrDataUrl, secret } = started.json();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/.*tiepnhan\.longxuyen\?/);
    expect(secretOf(otpauthUri)).toBe(secret);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    // Pending: not yet asked at login.
    expect((await call(token, 'GET', '/api/v1/me')).json().totpEnabled).toBe(false);
    expect((await loginRes('tiepnhan.longxuyen')).statusCode).toBe(200);

    const wrong = await call(token, 'POST', '/api/v1/me/totp/confirm', { code: '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('invalid_totp');

    const confirmed = await call(token, 'POST', '/api/v1/me/totp/confirm', { code: code(secret) });
    expect(confirmed.statusCode).toBe(200);
    const recoveryCodes: string[] = confirmed.json().recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const c of recoveryCodes) expect(c).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect((await call(token, 'GET', '/api/v1/me')).json().totpEnabled).toBe(true);

    // Confirming again, or starting over while on, is refused.
    const again = await call(token, 'POST', '/api/v1/me/totp/enrol');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('totp_already_enabled');
  });

  it('keeps the secret and the recovery codes out of the database in clear', async () => {
    const token = await t.login('chuyenvien.longxuyen');
    const { secret, recoveryCodes } = await enrol(token);
    const rows = await t.ctx.database.db.execute(
      sql`select t.*, (select string_agg(a::text, ' ') from audit a) as audit from user_totp t
          join users u on u.id = t.user_id where u.username = 'chuyenvien.longxuyen'`,
    );
    const dump = JSON.stringify(rowsOf(rows));
    expect(dump).toContain('secret_enc');
    expect(dump).not.toContain(secret);
    expect(dump.toLowerCase()).not.toContain(secret.toLowerCase());
    for (const c of recoveryCodes) expect(dump).not.toContain(c);
  });

  it('a secret sealed under another MOTCUA_DATA_KEY refuses its codes (no server error)', async () => {
    const token = await t.login('chuyenvien.thue');
    const { secret } = await enrol(token);
    const userId = (await call(token, 'GET', '/api/v1/me')).json().id as string;
    time.advance(30);
    expect(
      await proveSecondFactor(t.ctx, 'another-key-of-at-least-32-characters', userId, code(secret)),
    ).toBeNull();
    expect(await proveSecondFactor(t.ctx, t.config.dataKey, userId, code(secret))).toBe('totp');
  });

  it('login then needs the code: 401 totp_required without it, invalid_totp for a wrong one', async () => {
    time.advance(16 * 60); // fresh login windows
    const missing = await loginRes('tiepnhan.longxuyen');
    expect(missing.statusCode).toBe(401);
    expect(missing.json().code).toBe('totp_required');
    expect(missing.json().token).toBeUndefined();
    expect(missing.headers['set-cookie']).toBeUndefined();

    const wrong = await loginRes('tiepnhan.longxuyen', '123456');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('invalid_totp');
    // A wrong password still says only invalid_credentials (nothing about the second factor).
    const badPassword = await loginRes('tiepnhan.longxuyen', '123456', 'not-the-password');
    expect(badPassword.json().code).toBe('invalid_credentials');
  });

  it('a code is accepted once: the same code (same time step) cannot log in twice', async () => {
    time.advance(16 * 60);
    const staff = await t.login('lanhdao.longxuyen');
    const { secret } = await enrol(staff);
    // The confirming code's step is taken: the same code does not log in.
    expect((await loginRes('lanhdao.longxuyen', code(secret))).json().code).toBe('invalid_totp');
    time.advance(30);
    const fresh = code(secret);
    const ok = await loginRes('lanhdao.longxuyen', fresh);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().user.totpEnabled).toBe(true);
    const replay = await loginRes('lanhdao.longxuyen', fresh);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('invalid_totp');
    // An earlier step is no good either once a later one was used (one step of drift is allowed).
    time.advance(30);
    const next = code(secret);
    time.advance(-60);
    const earlier = code(secret);
    time.advance(60);
    expect((await loginRes('lanhdao.longxuyen', next)).statusCode).toBe(200);
    expect((await loginRes('lanhdao.longxuyen', earlier)).json().code).toBe('invalid_totp');
    // The login was audited with the method.
    const audit = await t.ctx.database.db.execute(
      sql`select after from audit where action = 'auth.login' and after->>'method' = 'password+totp'`,
    );
    expect(rowsOf(audit).length).toBeGreaterThan(0);
  });

  it('a failed second factor counts as a failed login: the limit then answers 429', async () => {
    time.advance(16 * 60);
    const token = await t.login('tiepnhan.chauphu');
    const { secret } = await enrol(token);
    time.advance(16 * 60);
    for (let i = 0; i < t.config.loginMaxAttempts; i++)
      expect((await loginRes('tiepnhan.chauphu', '000000')).json().code).toBe('invalid_totp');
    time.advance(30);
    const blocked = await loginRes('tiepnhan.chauphu', code(secret));
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('too_many_attempts');
    const failures = await t.ctx.database.db.execute(
      sql`select count(*)::int as n from audit where action = 'auth.login_failed' and after->>'reason' = 'wrong_totp'`,
    );
    expect(rowsOf<{ n: number }>(failures)[0]?.n).toBeGreaterThanOrEqual(t.config.loginMaxAttempts);
    // Asking for the code (right password, no code) is not held against the account.
    time.advance(16 * 60);
    for (let i = 0; i < t.config.loginMaxAttempts + 2; i++)
      expect((await loginRes('tiepnhan.chauphu')).json().code).toBe('totp_required');
    expect((await loginRes('tiepnhan.chauphu', code(secret))).statusCode).toBe(200);
  });

  it('a recovery code logs in once (case, spaces and dash do not matter)', async () => {
    time.advance(16 * 60);
    const token = await t.login('tiepnhan.tinh');
    const { recoveryCodes } = await enrol(token);
    const [first, second] = recoveryCodes as [string, string];
    const ok = await loginRes('tiepnhan.tinh', first);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await loginRes('tiepnhan.tinh', first)).json().code).toBe('invalid_totp');
    const loose = ` ${second.replace('-', '').toUpperCase()} `;
    expect((await loginRes('tiepnhan.tinh', loose)).statusCode).toBe(200);
    const left = await t.ctx.database.db.execute(
      sql`select cardinality(recovery_code_hashes) as n from user_totp t join users u on u.id = t.user_id
          where u.username = 'tiepnhan.tinh'`,
    );
    expect(Number(rowsOf<{ n: number }>(left)[0]?.n)).toBe(8);
  });

  it('a staff member turns it off with a code; a citizen cannot enrol', async () => {
    time.advance(16 * 60);
    const token = await t.login('chuyenvien.datdai');
    const { secret } = await enrol(token);
    const wrong = await call(token, 'DELETE', '/api/v1/me/totp', { code: '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('invalid_totp');
    time.advance(30);
    const off = await call(token, 'DELETE', '/api/v1/me/totp', { code: code(secret) });
    expect(off.statusCode, off.body).toBe(204);
    expect((await call(token, 'GET', '/api/v1/me')).json().totpEnabled).toBe(false);
    expect((await loginRes('chuyenvien.datdai')).statusCode).toBe(200);
    const notOn = await call(token, 'DELETE', '/api/v1/me/totp', { code: code(secret) });
    expect(notOn.json().code).toBe('totp_not_enabled');

    const citizen = await t.login('0912345678');
    const refused = await call(citizen, 'POST', '/api/v1/me/totp/enrol');
    expect(refused.statusCode).toBe(403);
  });

  it('codes tried on the security page are limited too (a stolen session cannot guess its way to turning it off)', async () => {
    time.advance(16 * 60);
    const token = await t.login('quantri.tinh');
    const { secret } = await enrol(token);
    time.advance(30);
    for (let i = 0; i < 5; i++)
      expect((await call(token, 'DELETE', '/api/v1/me/totp', { code: '000000' })).json().code).toBe(
        'invalid_totp',
      );
    const blocked = await call(token, 'DELETE', '/api/v1/me/totp', { code: code(secret) });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    expect((await call(token, 'GET', '/api/v1/me')).json().totpEnabled).toBe(true);
    time.advance(16 * 60);
    expect((await call(token, 'DELETE', '/api/v1/me/totp', { code: code(secret) })).statusCode).toBe(204);
  });

  it('a system administrator resets a second factor (audited); nobody else may', async () => {
    time.advance(16 * 60);
    const staffToken = await t.login('hotro.longxuyen');
    await enrol(staffToken);
    const staffId = (await call(staffToken, 'GET', '/api/v1/me')).json().id as string;
    const url = `/api/v1/admin/users/${staffId}/totp/reset`;

    for (const who of ['quantri.longxuyen', 'quantri.tinh', 'thanhtra']) {
      const res = await call(await t.login(who), 'POST', url);
      expect(res.statusCode, who).toBe(403);
    }
    expect((await call(staffToken, 'POST', url)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url })).statusCode).toBe(401);

    const admin = await t.login('admin');
    const reset = await call(admin, 'POST', url);
    expect(reset.statusCode, reset.body).toBe(204);
    const audit = await t.ctx.database.db.execute(
      sql`select actor_username, entity_id, before, after from audit where action = 'user.totp_reset'`,
    );
    expect(rowsOf(audit)).toHaveLength(1);
    expect(rowsOf(audit)[0]).toMatchObject({
      actor_username: 'admin',
      entity_id: staffId,
      before: { username: 'hotro.longxuyen', totp: 'enabled' },
      after: { totp: 'none' },
    });
    // The user must enrol again: no second factor asked meanwhile, the old secret is gone.
    expect((await call(staffToken, 'GET', '/api/v1/me')).json().totpEnabled).toBe(false);
    expect((await loginRes('hotro.longxuyen')).statusCode).toBe(200);
    const unknown = await call(
      admin,
      'POST',
      '/api/v1/admin/users/01890000-0000-7000-8000-000000000000/totp/reset',
    );
    expect(unknown.statusCode).toBe(404);
  });

  it('demo mode does not force administrators to enrol', async () => {
    const admin = await t.login('quantri.longxuyen');
    const me = (await call(admin, 'GET', '/api/v1/me')).json();
    expect(me).toMatchObject({ totpEnabled: false, totpRequired: false });
    expect((await call(admin, 'GET', '/api/v1/admin/users')).statusCode).toBe(200);
  });

  it('the operations are in /openapi.json', async () => {
    const doc = (await t.app.inject('/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/me/totp/enrol',
        '/api/v1/me/totp/confirm',
        '/api/v1/me/totp',
        '/api/v1/admin/users/{id}/totp/reset',
      ]),
    );
  });
});

describe.each(TEST_TARGETS)('production: administrators must have a second factor (%s)', (target) => {
  const time = testClock();
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(target, time.clock, { mode: 'production' });
  });
  afterAll(async () => t?.close());
  const call = (token: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });

  it('403 totp_enrolment_required on everything but /me, enrolment and logout, until enrolled', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().user).toMatchObject({ totpEnabled: false, totpRequired: true });
    const admin = login.json().token as string;

    for (const [method, url] of [
      ['GET', '/api/v1/admin/users'],
      ['GET', '/api/v1/dossiers'],
      ['GET', '/api/v1/me/notifications'],
      ['POST', '/api/v1/admin/units'],
    ] as const) {
      const res = await call(admin, method, url, method === 'POST' ? {} : undefined);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().code).toBe('totp_enrolment_required');
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const me = await call(admin, 'GET', '/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ totpEnabled: false, totpRequired: true });
    // Public pages and the API's public operations still answer (no session needed there).
    expect((await t.app.inject('/api/v1/public/fields')).statusCode).toBe(200);

    const started = await call(admin, 'POST', '/api/v1/me/totp/enrol');
    expect(started.statusCode).toBe(200);
    const secret = secretOf(started.json().otpauthUri);
    const confirmed = await call(admin, 'POST', '/api/v1/me/totp/confirm', {
      code: generateSync({ secret, epoch: time.epoch() }),
    });
    expect(confirmed.statusCode).toBe(200);
    expect((await call(admin, 'GET', '/api/v1/admin/users')).statusCode).toBe(200);

    // An administrator may not turn it off in production.
    time.advance(30);
    const off = await call(admin, 'DELETE', '/api/v1/me/totp', {
      code: generateSync({ secret, epoch: time.epoch() }),
    });
    expect(off.statusCode).toBe(403);
    expect(off.json().code).toBe('totp_required_for_role');
  });

  it('a unit administrator is held too, and may log out; other staff are not held', async () => {
    const unitAdmin = await t.login('quantri.longxuyen');
    expect((await call(unitAdmin, 'GET', '/api/v1/admin/users')).json().code).toBe('totp_enrolment_required');
    expect((await call(unitAdmin, 'POST', '/api/v1/auth/logout')).statusCode).toBe(204);

    const officer = await t.login('chuyenvien.longxuyen');
    const me = (await call(officer, 'GET', '/api/v1/me')).json();
    expect(me).toMatchObject({ totpEnabled: false, totpRequired: false });
    expect((await call(officer, 'GET', '/api/v1/dossiers')).statusCode).toBe(200);
  });
});

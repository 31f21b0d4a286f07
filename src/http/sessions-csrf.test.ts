/**
 * Issue 14 §4 and §5: logins counted before the password is checked, staff sessions that end when
 * idle, the `__Host-` cookie over https, cookie-authenticated writes only from our own pages, and
 * failed logins that keep a digest of the typed username, not the text.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../config.ts';
import { rowsOf } from '../db/client.ts';
import { bearer, createTestApp, type TestApp } from '../test/app.ts';
import { TEST_TARGETS } from '../test/databases.ts';

describe.each(TEST_TARGETS)('sessions and CSRF on %s', (target) => {
  let t: TestApp;
  let now = new Date('2026-05-04T02:00:00Z');
  const at = (minutes: number) => {
    now = new Date(Date.parse('2026-05-04T02:00:00Z') + minutes * 60_000);
  };
  beforeAll(async () => {
    t = await createTestApp(target, () => now, { staffIdleMinutes: 30 });
  });
  afterAll(async () => t?.close());

  const cookieLogin = async (username: string, remoteAddress = '192.0.2.10') => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress,
      payload: { username, password: DEMO_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    return { cookie: String(res.headers['set-cookie']).split(';')[0]!, token: res.json().token as string };
  };

  it('counts 20 simultaneous wrong logins before checking: at most five are tried', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: `192.0.2.${100 + i}`,
          payload: { username: 'chuyenvien.datdai', password: `wrong-${i}` },
        }),
      ),
    );
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    // The right password is refused too while the account is locked.
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'chuyenvien.datdai', password: DEMO_PASSWORD },
    });
    expect(right.statusCode).toBe(429);
  });

  it('keeps a digest of a failed username, never the text', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'MatKhauBiGoNham!2026', password: 'x' },
    });
    const rows = rowsOf<{ actor_username: string | null }>(
      await t.ctx.database.db.execute(
        sql`select actor_username from audit where action = 'auth.login_failed'`,
      ),
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.actor_username).toMatch(/^sha256:[0-9a-f]{32}$/);
    const all = JSON.stringify(rowsOf(await t.ctx.database.db.execute(sql`select * from audit`)));
    expect(all.toLowerCase()).not.toContain('matkhaubigonham');
  });

  it('refuses a cookie-authenticated write without our Origin or Referer (403 csrf_rejected)', async () => {
    const { cookie, token } = await cookieLogin('tiepnhan.chauphu');
    const logout = (headers: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, ...headers } });
    const attempts: Record<string, string>[] = [
      {},
      { origin: 'https://evil.example' },
      { referer: 'https://evil.example/x' },
      { origin: 'null' },
    ];
    for (const headers of attempts) {
      const res = await logout(headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.json().code).toBe('csrf_rejected');
    }
    // A write that needs the login is refused too, and a public one goes on as anonymous (a
    // script keeping cookies can still log in again).
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: { cookie },
      payload: {},
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().code).toBe('csrf_rejected');
    const relogin = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { cookie },
      remoteAddress: '192.0.2.10',
      payload: { username: 'tiepnhan.chauphu', password: DEMO_PASSWORD },
    });
    expect(relogin.statusCode).toBe(200);
    // Reads by cookie need no proof; bearer requests never do.
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(200);
    const profile = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { ...bearer(token), origin: 'https://evil.example' },
    });
    expect(profile.statusCode).toBe(204);
    const again = await cookieLogin('tiepnhan.chauphu');
    const fromUs = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: again.cookie, origin: 'http://localhost:80' },
    });
    expect(fromUs.statusCode).toBe(204);
    const viaReferer = await cookieLogin('tiepnhan.chauphu');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: viaReferer.cookie, referer: 'http://localhost:80/office' },
    });
    expect(res.statusCode).toBe(204);
  });

  it('ends a staff session after 30 idle minutes, sliding while it is used; a citizen’s is not idle-limited', async () => {
    at(0);
    const staff = await t.login('lanhdao.longxuyen');
    const citizen = await t.login('0912345678');
    const me = (token: string) => t.app.inject({ url: '/api/v1/me', headers: bearer(token) });
    at(20);
    expect((await me(staff)).statusCode).toBe(200);
    at(45); // 45 minutes after login, 25 after the last request
    expect((await me(staff)).statusCode).toBe(200);
    at(45 + 31);
    expect((await me(staff)).statusCode).toBe(401);
    at(60 * 5);
    expect((await me(citizen)).statusCode).toBe(200);
  });
});

describe('the session cookie over https', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite', undefined, { publicUrl: 'https://dichvucong.example.vn' });
  });
  afterAll(async () => t?.close());

  it('is __Host- prefixed, Secure, for the whole host, and works', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'tiepnhan.longxuyen', password: DEMO_PASSWORD },
    });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^__Host-motcua_session=/);
    expect(setCookie).toMatch(/; Secure/i);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toMatch(/Domain=/i);
    const cookie = setCookie.split(';')[0]!;
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(200);
    // The public URL's origin counts as ours behind a proxy that rewrote the Host.
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie, origin: 'https://dichvucong.example.vn' },
    });
    expect(out.statusCode).toBe(204);
  });
});
